"""Shared fixtures: the strictly built book (built once per test session)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# The property tests check invariants, not speed: on a 2-core machine shared with other jobs one
# example can take longer than Hypothesis's default 200 ms deadline, which would fail a correct model.
settings.register_profile("course", deadline=None)
settings.load_profile("course")

# An instructor's own course secret or student id must not reach the tests: each test course that
# gives per-student numbers makes its own secret, and no notebook is run as anyone in particular.
for _variable in ("GRADING_COURSE_SECRET", "PARTNERSHIP_STUDENT_ID", "JUPYTERHUB_USER"):
    os.environ.pop(_variable, None)


@dataclass(frozen=True)
class BuiltBook:
    html: Path
    log: str
    returncode: int


def build_book(edition: str = "public") -> BuiltBook:
    """Build an edition exactly as `make book` / `make instructor-book` do (partnership_book/build.py)."""
    from partnership_book.build import build, build_dir

    with tempfile.TemporaryFile(mode="w+") as log:
        returncode = build("html", stdout=log, edition=edition)
        log.seek(0)
        return BuiltBook(html=build_dir(edition) / "html", log=log.read(), returncode=returncode)


@pytest.fixture(scope="session")
def built_book() -> BuiltBook:
    book = build_book()
    if book.returncode != 0:
        pytest.fail("The strict book build failed:\n" + book.log[-6000:])
    return book


@pytest.fixture(scope="session")
def built_instructor_book() -> BuiltBook:
    """The instructor edition (teaching notes, model answers), built once per session."""
    book = build_book("instructor")
    if book.returncode != 0:
        pytest.fail("The strict instructor build failed:\n" + book.log[-6000:])
    return book


@pytest.fixture(scope="session")
def site_url(built_book) -> str:
    """The built site served on 127.0.0.1 (a fresh port per session)."""
    from .browser import serve

    with serve(built_book.html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; skipped with a reason where it is missing."""
    from .browser import CHROMIUM, chromium

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    with chromium() as b:
        yield b


# The book's builds write the source tree's _static/ and _build/, and each pytest-xdist worker builds its own
# copy of a session fixture: the modules that read a built edition run on one worker, in turn. xdist's own
# groups (--dist loadgroup) do nothing with pytest 9.2 (pytest-xdist#1386), so the file scheduler is told.
BOOK_FIXTURES = {"built_book", "built_instructor_book", "site_url"}
BOOK_MODULES = frozenset(f"tests/{name}.py" for name in (
    "test_book", "test_editions", "test_explorer_browser", "test_grading_leaks", "test_pdf", "test_publishing", "test_site",
    "test_site_navigation",
))


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` with one scope for all of :data:`BOOK_MODULES` (every other file its own)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BookOnOneWorker(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return "the book's readers" if module in BOOK_MODULES else module

    return BookOnOneWorker(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Keep :data:`BOOK_MODULES` true: a module that asks for a built book and is not listed is an error."""
    readers = {item.nodeid.split("::")[0] for item in items if BOOK_FIXTURES & set(getattr(item, "fixturenames", ()))}
    if readers - BOOK_MODULES:
        raise pytest.UsageError(f"{sorted(readers - BOOK_MODULES)} read a built book: add them to BOOK_MODULES in tests/conftest.py")
