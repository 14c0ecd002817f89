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


# The book's builds write the source tree's _static/ and _build/, and each pytest-xdist worker would
# build its own copy at once: every module that reads a built edition runs on one worker, in turn.
BOOK_FIXTURES = {"built_book", "built_instructor_book", "site_url"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config, items):
    """One xdist group per test module (its module fixtures are built once), "book" for the book's readers."""
    by_module: dict[str, list] = {}
    for item in items:
        by_module.setdefault(item.nodeid.split("::")[0], []).append(item)
    for module, module_items in by_module.items():
        reads_book = any(BOOK_FIXTURES & set(getattr(item, "fixturenames", ())) for item in module_items)
        for item in module_items:
            item.add_marker(pytest.mark.xdist_group("book" if reads_book else module))
