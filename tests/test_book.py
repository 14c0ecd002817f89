"""The book builds strictly and has a page for every table-of-contents entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from partnership_book.contents import toc_files

ROOT = Path(__file__).resolve().parent.parent
TOPIC_CHAPTERS = ["ip", "revenue", "regulation", "future"]


@pytest.mark.slow
def test_strict_build_has_no_warnings(built_book):
    # Sphinx/myst-nb warnings look like "path:line: WARNING: ..."; -W turns them into errors anyway,
    # and this also catches any that are printed without failing the build.
    warnings = [line for line in built_book.log.splitlines() if re.search(r": (WARNING|ERROR|CRITICAL):", line)]
    assert warnings == []
    assert "build succeeded" in built_book.log


@pytest.mark.slow
@pytest.mark.parametrize("entry", toc_files())
def test_every_toc_entry_has_a_page(built_book, entry):
    assert (built_book.html / f"{entry}.html").is_file()


def test_build_settings_are_strict():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "cache"
    assert config["execute"]["allow_errors"] is False
    assert config["sphinx"]["config"]["nitpicky"] is True
    makefile = (ROOT / "Makefile").read_text()
    assert "-m partnership_book.build" in makefile
    assert (ROOT / "partnership_book" / "build.py").read_text().count('STRICT = ["-W", "-n", "--keep-going"]') == 1


@pytest.mark.parametrize("name", TOPIC_CHAPTERS)
def test_topic_chapter_has_the_required_parts(name):
    text = (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
    assert text.startswith("---\njupytext:"), "chapters are MyST text notebooks with a jupytext header"
    assert "Learning objectives" in text
    assert "{code-cell}" in text, "at least one executed model cell"
    assert re.search(r"^\s*:?\s*alt:", text, flags=re.M), "a figure with alt text"
    assert len(set(re.findall(r"\{cite(?::[pt])?\}`([^`]+)`", text))) >= 3, "at least three cited facts"
    assert "{exercise}" in text and "{solution}" in text and ":class: dropdown" in text, "a hidden self-check"
    assert "{term}`" in text, "key terms link to the glossary"
    assert "Discussion" in text
    assert "explorer(" in text, "an interactive explorer"
    assert "from partnership" in text, "chapters import the package"
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S)
    defined = [m for cell in cells for m in re.findall(r"^def (\w+)", cell, flags=re.M)]
    model_names = {"nash_split", "hhi", "npv", "waterfall", "critical_discount_factor", "hold_up_equilibrium"}
    assert not set(defined) & model_names, "model code is imported from the package, never pasted"


@pytest.mark.slow
@pytest.mark.parametrize("name", TOPIC_CHAPTERS)
def test_topic_chapter_figures_have_alt_text(built_book, name):
    html = (built_book.html / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    # Figures computed at build time are written to _images/ (theme icons like the launch-button logos are not).
    images = [tag for tag in re.findall(r"<img [^>]*>", html) if "_images/" in tag]
    assert images, "at least one figure computed at build time"
    for tag in images:
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and len(alt.group(1).strip()) > 20, f"figure without meaningful alt text: {tag[:200]}"


def test_the_negotiation_chapter_has_its_rules_timing_and_deal_sheet():
    text = (ROOT / "chapters" / "negotiation.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert {"The roles", "Rules", "Timing", "The deal sheet", "How the deals are scored"} <= set(headings)
    timing = re.search(r"^## Timing\n(.*?)^## ", text, flags=re.M | re.S).group(1)
    minutes = [int(m) for m in re.findall(r"^\| (\d+) \|", timing, flags=re.M)]
    assert minutes == [20, 30, 30] and f"| **{sum(minutes)}** |" in timing
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S)
    assert any(cell.strip().endswith("deal_sheet()") for cell in cells), "the deal sheet is on the page"
    assert "from partnership" in text and "Discussion" in text and "{solution}" in text
    assert len(set(re.findall(r"\{cite(?::[pt])?\}`([^`]+)`", text))) >= 3
    files = toc_files()
    assert files.index("chapters/negotiation") + 1 == files.index("chapters/epilogue"), "played before the epilogue"
