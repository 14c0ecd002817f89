"""The generated files on disk: load the specs, then regenerate (or only compare) every source
notebook and book fragment. Regenerating gives byte-identical files, so a check finds them current."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path

from .notebook import notebook_text
from .pages import FRAGMENTS
from .specs import Assignment


def write_sources(course_root: Path, assignments: Iterable[Assignment], *, check: bool = False) -> list[Path]:
    """Write (or with ``check``, only compare) every source notebook; return the paths that differ."""
    stale = []
    for a in assignments:
        path = Path(course_root) / "source" / a.name / a.notebook
        text = notebook_text(a)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale


def load_specs(course_root: Path) -> list[Assignment]:
    """Import ``<course_root>/authoring`` (outside the package) and return its ``ASSIGNMENTS``."""
    init = Path(course_root) / "authoring" / "__init__.py"
    name = "_partners_exercise_authoring"
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"No assignment specs at {init}.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return list(module.ASSIGNMENTS)


def write_all(course_root: Path, *, check: bool = False) -> list[Path]:
    """Regenerate every source notebook and the book fragments; return the files that were stale.

    With ``check`` nothing is written: a non-empty result means someone edited a generated file or
    forgot to regenerate after editing a spec.
    """
    course_root = Path(course_root)
    specs = load_specs(course_root)
    stale = write_sources(course_root, specs, check=check)
    for name, render in FRAGMENTS.items():
        path = course_root / name
        text = render(specs)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale
