"""`make pdf` prints the whole book: a page for every chapter heading and no solutions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from partnership_book.contents import toc_files

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "_build" / "pdf" / "partners-and-rivals.pdf"
FORBIDDEN = ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "Solution to Exercise"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed (make system-deps installs it)"),
]


def chapter_title(entry: str) -> str:
    text = (ROOT / f"{entry}.md").read_text(encoding="utf-8")
    return re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()


@pytest.fixture(scope="module")
def pdf_pages(built_book) -> list[str]:
    subprocess.run([sys.executable, "-m", "partnership_book.pdf"], cwd=ROOT, check=True, capture_output=True)
    return [page.extract_text() or "" for page in PdfReader(str(PDF)).pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def test_pdf_has_a_page_for_every_chapter_heading(pdf_pages):
    titles = [chapter_title(entry) for entry in toc_files()]
    assert len(pdf_pages) >= len(titles)
    # Each chapter starts a page: its title is among the first lines of some page.
    page_tops = [_squash(" ".join(p.splitlines()[:3])) for p in pdf_pages]
    missing = [t for t in titles if not any(_squash(t)[:40] in top for top in page_tops)]
    assert missing == []


def test_pdf_has_no_solutions(pdf_pages):
    text = "\n".join(pdf_pages)
    assert [marker for marker in FORBIDDEN if marker.lower() in text.lower()] == []
