"""Shared fixtures: the strictly built book (built once per test session)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class BuiltBook:
    html: Path
    log: str
    returncode: int


def build_book() -> BuiltBook:
    """Build the site exactly as `make book` does: cache guard, then a strict jupyter-book build."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "cache_guard.py")], cwd=ROOT, check=True, env=env)
    proc = subprocess.run(
        [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--builder", "html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    return BuiltBook(html=ROOT / "_build" / "html", log=proc.stdout + proc.stderr, returncode=proc.returncode)


@pytest.fixture(scope="session")
def built_book() -> BuiltBook:
    book = build_book()
    if book.returncode != 0:
        pytest.fail("The strict book build failed:\n" + book.log[-6000:])
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
