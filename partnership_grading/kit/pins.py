"""The kit's pinned requirements: the exact versions of ``requirements.lock`` for what the notebooks need, and the oldest Python they accept."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from .common import REPO_ROOT, KitError

# The environment the notebooks run in, besides the package's own dependencies (pyproject.toml):
# JupyterLab 4 and Notebook 7, a Python kernel, and nbgrader for `nbgrader validate` and the button.
STUDENT_TOOLS = ("jupyterlab", "notebook", "ipykernel", "nbgrader")
# Installed by `python -m venv` itself (nbgrader declares setuptools; Python 3.11's venv has it):
# not pinned in requirements.lock, so not pinned in the kit either.
FROM_THE_VENV = {"pip", "setuptools"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(lock: Path = REPO_ROOT / "requirements.lock") -> dict[str, tuple[str, str]]:
    """Normalised name -> (name as written, version) for every ``name==version`` line."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise KitError(f"{lock}: {line!r} is not an exact pin (name==version)")
        pins[_normal(name)] = (name.strip(), version.strip())
    return pins


def package_dependencies(pyproject: Path = REPO_ROOT / "pyproject.toml") -> list[str]:
    return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])


def kit_requirements(lock: Path = REPO_ROOT / "requirements.lock", pyproject: Path = REPO_ROOT / "pyproject.toml") -> list[str]:
    """``name==version`` for the package's dependencies, the student tools and all they depend on.

    The dependency graph is read from the installed distributions (``make install`` installed
    exactly the lock), the versions from the lock itself, and the two must agree. Markers are
    evaluated for this machine: the lock is resolved on Linux with Python 3.11, so a student on
    macOS or Windows also gets the few platform-only packages pip adds there (appnope, pywinpty).
    """
    pins = read_lock(lock)
    env: dict[str, str] = {k: str(v) for k, v in default_environment().items()}
    todo = [(Requirement(r).name, frozenset(Requirement(r).extras)) for r in package_dependencies(pyproject)]
    todo += [(name, frozenset()) for name in STUDENT_TOOLS]
    done: set[tuple[str, frozenset]] = set()
    chosen: dict[str, str] = {}
    while todo:
        name, extras = todo.pop()
        key = _normal(name)
        if (key, extras) in done or key in FROM_THE_VENV:
            continue
        done.add((key, extras))
        if key not in pins:
            raise KitError(f"{name} is needed by the student kit but is not pinned in {lock.name}")
        try:
            dist = metadata.distribution(pins[key][0])
        except metadata.PackageNotFoundError as exc:
            raise KitError(f"{name} is not installed here: run `make install` before building the kit") from exc
        if dist.version != pins[key][1]:
            raise KitError(f"{name} is {dist.version} here but {lock.name} pins {pins[key][1]}: run `make install`")
        chosen[key] = f"{pins[key][0]}=={pins[key][1]}"
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is not None and not any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""})):
                continue
            todo.append((req.name, frozenset(req.extras)))
    return sorted(chosen.values(), key=str.lower)


def minimum_python(pins: list[str]) -> str:
    """The oldest Python every pinned distribution accepts (its ``Requires-Python``), e.g. ``3.11.5``.

    Students read it in the kit's README: "Python 3.11" is not enough when one pin (soupsieve 4.1.3)
    needs 3.11.5, and Debian 12's python3 is 3.11.2.
    """
    specs = []
    for pin in pins:
        name = pin.split("==")[0]
        for required in metadata.distribution(name).metadata.get_all("Requires-Python") or []:
            if required:
                specs.append(SpecifierSet(required))
    for minor in range(11, 20):
        for micro in range(0, 30):
            candidate = f"3.{minor}.{micro}"
            if all(spec.contains(candidate) for spec in specs):
                return candidate
    raise KitError("no Python 3 release satisfies every pinned distribution's Requires-Python")
