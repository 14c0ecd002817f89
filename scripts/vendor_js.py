"""Copy the browser libraries the static explorers need from node_modules into _static/vendor/.

The copies are committed, so the book builds and works offline without npm; this script
re-creates them from the versions pinned in package-lock.json (run `npm ci` first).

    python scripts/vendor_js.py           # copy
    python scripts/vendor_js.py --check   # exit 1 if the committed copies differ from node_modules
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "_static" / "vendor" / "chartjs"

# (source in node_modules, destination in _static/vendor/chartjs). chart.umd.min.js bundles
# @kurkle/color, so its licence travels with it.
FILES = [
    ("chart.js/dist/chart.umd.min.js", "chart.umd.min.js"),
    ("chart.js/LICENSE.md", "LICENSE.md"),
    ("@kurkle/color/LICENSE.md", "LICENSE-kurkle-color.md"),
]
PACKAGES = ["chart.js", "@kurkle/color"]


def locked_version(package: str) -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def versions_text() -> str:
    lines = ["Vendored from npm by scripts/vendor_js.py (versions pinned in package-lock.json):"]
    for package in PACKAGES:
        lines.append(f"{package} {locked_version(package)} (MIT)")
    return "\n".join(lines) + "\n"


def installed_version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text(encoding="utf-8"))["version"]


def check() -> list[str]:
    problems = []
    for package in PACKAGES:
        if installed_version(package) != locked_version(package):
            problems.append(f"{package}: node_modules has {installed_version(package)}, lock pins {locked_version(package)}")
    for src, dest in FILES:
        target = VENDOR / dest
        if not target.exists() or target.read_bytes() != (NODE_MODULES / src).read_bytes():
            problems.append(f"{target.relative_to(ROOT)} differs from node_modules/{src}")
    versions = VENDOR / "VERSIONS.txt"
    if not versions.exists() or versions.read_text(encoding="utf-8") != versions_text():
        problems.append(f"{versions.relative_to(ROOT)} is out of date")
    return problems


def copy() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    for src, dest in FILES:
        shutil.copyfile(NODE_MODULES / src, VENDOR / dest)
    (VENDOR / "VERSIONS.txt").write_text(versions_text(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on a difference")
    args = parser.parse_args(argv)
    if not (NODE_MODULES / "chart.js").exists():
        print("node_modules/chart.js is missing: run `npm ci` (or `make js-deps`) first", file=sys.stderr)
        return 2
    if args.check:
        problems = check()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    copy()
    print(f"vendored {', '.join(f'{p} {locked_version(p)}' for p in PACKAGES)} into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
