"""The vendored Chart.js is exactly npm's pinned copy, with its licences (nothing comes from a CDN)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts import vendor_js

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "_static" / "vendor" / "chartjs"


def test_vendored_version_is_the_one_package_lock_pins():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/chart.js"]["version"]
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["chart.js"] == pinned
    header = (VENDOR / "chart.umd.min.js").read_text(encoding="utf-8")[:200]
    assert re.search(rf"Chart\.js v{re.escape(pinned)}\b", header), header
    assert f"chart.js {pinned} (MIT)" in (VENDOR / "VERSIONS.txt").read_text(encoding="utf-8")


def test_licences_are_kept():
    for name in ("LICENSE.md", "LICENSE-kurkle-color.md"):
        assert "MIT License" in (VENDOR / name).read_text(encoding="utf-8")


def test_committed_copy_equals_node_modules():
    if not (ROOT / "node_modules" / "chart.js").exists():
        pytest.skip("node_modules is missing: run `npm ci` (make js-deps) to compare the vendored bytes")
    assert vendor_js.check() == []
    for src, dest in vendor_js.FILES:
        assert (VENDOR / dest).read_bytes() == (ROOT / "node_modules" / src).read_bytes()


def test_explorer_js_computes_nothing_and_fetches_nothing_remote():
    js = (ROOT / "_static" / "explorer.js").read_text(encoding="utf-8")
    assert "THIS FILE COMPUTES NO ECONOMICS" in js[:800]
    assert not re.search(r"https?://", js), "explorer.js must not reference any remote URL"
    assert "fetch(" not in js and "XMLHttpRequest" not in js


def test_config_registers_the_explorer_script():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    assert "explorer.js" in config["html_js_files"]
    assert config["nb_ipywidgets_js"] == {}
    assert ["html", "application/vnd.jupyter.widget-view+json", None] in config["nb_mime_priority_overrides"]
