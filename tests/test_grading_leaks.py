"""No solution code, hidden test or nbgrader delimiter reaches a student: not in a released
notebook (a fresh release, ``exercises/release/`` and the book's ``_static/exercises/``), and not
in any file of the built book.

What counts as secret comes from the specs: each part's solution region and hidden tests, and
each written answer's exemplar. Model answers are kept for the instructor edition, so the public
book is checked for exemplar lines too; tests/test_editions.py checks every kind of answer
(calibration sets and teaching notes as well) against the text as Sphinx typesets it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from partnership_grading import authoring as au
from partnership_grading import course as wf

from .answer_leaks import notebook_text

ROOT = Path(__file__).resolve().parent.parent
SPECS = au.load_specs(ROOT / "exercises")
MIN_LINE = 20  # shorter lines ("return best") are too generic to prove a leak
# In the book, chapters may legitimately contain short generic code ("for _ in range(100):"), so
# only long solution lines count there; whole solution blocks and hidden-test lines always count.
SITE_SOLUTION_LINE = 45


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _public_text() -> str:
    """Everything the release is meant to show: instructions, setup, prompts, stubs, visible tests."""
    parts = []
    for a in SPECS:
        parts += [au.instructions(a), au.setup_source(a), au.STUDENT_ID_SOURCE]
        for item in a.items:
            parts.append(au._clean(item.prompt))
            if isinstance(item, au.Part):
                parts += [au.released_code(au._clean(item.solution)), au.strip_hidden(item.test_cell)]
    return "\n".join(parts)


PUBLIC_LINES = {_norm(line) for line in _public_text().splitlines()}


def _secret_lines(include_exemplars: bool, min_solution_line: int = MIN_LINE) -> set[str]:
    """Distinctive lines of solutions (at least ``min_solution_line`` long), hidden tests and, optionally, exemplars."""
    lines = set()
    for a in SPECS:
        for p in a.parts:
            body = {_norm(x) for x in au.solution_region(au._clean(p.solution))[1].splitlines()}
            lines |= {x for x in body if len(x) >= min_solution_line}
            lines |= {_norm(x) for x in au.hidden_tests(p.test_cell).splitlines()}
        if include_exemplars:
            for w in a.written:
                lines |= {_norm(x) for x in au._clean(w.exemplar).splitlines()}
    return {x for x in lines if len(x) >= MIN_LINE and x not in PUBLIC_LINES}


def _secret_blocks() -> list[str]:
    blocks = []
    for a in SPECS:
        for p in a.parts:
            blocks.append(_norm(au.solution_region(au._clean(p.solution))[1]))
            blocks.append(_norm(au.hidden_tests(p.test_cell)))
    return [b for b in blocks if len(b) >= MIN_LINE]


def _visible_text(path: Path) -> str:
    """A file's text as a reader would see it: notebook sources and outputs, HTML without tags."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        return notebook_text(json.loads(raw)) + "\n" + raw
    if path.suffix in (".html", ".htm", ".xml"):
        return raw + "\n" + html.unescape(re.sub(r"<[^>]+>", "", raw))
    return raw


def find_leaks(
    paths: list[Path], *, include_exemplars: bool, min_solution_line: int = MIN_LINE, public: frozenset[str] = frozenset()
) -> list[str]:
    """Every delimiter, whole secret block or distinctive secret line found in ``paths``.

    ``public`` (normalised lines) are not secret even where a solution has them too: the student
    kit ships the course's models, and a solution may call a model the way the model itself does.
    """
    secret_lines = _secret_lines(include_exemplars, min_solution_line) - public
    blocks = _secret_blocks()
    leaks = []
    for path in paths:
        text = _visible_text(path)
        flat = _norm(text)
        leaks += [f"{path}: nbgrader delimiter {m!r}" for m in au.MARKERS if m in text]
        leaks += [f"{path}: a whole solution or hidden-test block: {b[:80]!r}" for b in blocks if b in flat]
        leaks += [f"{path}: {line[:100]!r}" for line in secret_lines if line in flat]
    return leaks


def test_the_secret_inventory_is_not_empty():
    assert len(_secret_lines(include_exemplars=False)) > 50 and len(_secret_blocks()) >= 2 * sum(len(a.parts) for a in SPECS) - 2


def test_the_detector_finds_a_planted_leak(tmp_path):
    p = next(iter(SPECS)).parts[0]
    planted = tmp_path / "page.html"
    planted.write_text("<pre>" + html.escape(au.hidden_tests(p.test_cell)) + "</pre>")
    assert find_leaks([planted], include_exemplars=False)
    clean = tmp_path / "clean.html"
    clean.write_text("<p>" + html.escape(au.strip_hidden(p.test_cell)) + "</p>")
    assert find_leaks([clean], include_exemplars=False) == []


@pytest.mark.slow
def test_a_fresh_release_contains_no_solutions(tmp_path):
    released = wf.student_notebooks(wf.Course(ROOT / "exercises"), tmp_path / "release")
    assert sorted(p.name for p in released) == sorted(a.notebook for a in SPECS)
    assert find_leaks(released, include_exemplars=True) == []


def test_released_notebooks_on_disk_contain_no_solutions():
    """Whatever releases exist in the working tree (the book's copies, an instructor's release/)."""
    found = [*ROOT.glob("_static/exercises/*.ipynb"), *ROOT.glob("exercises/release/*/*.ipynb")]
    if not found:
        pytest.skip("no released notebooks on disk (make student-notebooks creates them)")
    assert find_leaks(found, include_exemplars=True) == []


def _site_files(html_dir: Path) -> list[Path]:
    return [p for p in html_dir.rglob("*") if p.is_file() and p.suffix in {".html", ".ipynb", ".md", ".txt", ".js", ".json", ".py"}]


@pytest.mark.slow
def test_the_built_site_contains_no_solutions(built_book):
    """On the site the strict build just made (make test's slow half builds it, so CI never skips this)."""
    files = _site_files(built_book.html)
    assert any(p.suffix == ".html" for p in files), f"no pages in {built_book.html}"
    assert find_leaks(files, include_exemplars=True, min_solution_line=SITE_SOLUTION_LINE) == []


@pytest.mark.slow
def test_built_book_contains_no_solutions(built_book):
    files = _site_files(built_book.html)
    downloads = [p for p in files if p.suffix == ".ipynb" and "_downloads" in p.parts]
    assert sorted(p.name for p in downloads) == sorted(a.notebook for a in SPECS), "the released notebooks are served"
    assert find_leaks(files, include_exemplars=True, min_solution_line=SITE_SOLUTION_LINE) == []
    assert find_leaks(downloads, include_exemplars=True) == []
