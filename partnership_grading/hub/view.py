"""The class's view of the machine: a bubblewrap mount namespace that shows only what the class runs.

Shown read-only: the Python installation, the environment, the course package, the grading
engine, the proxy (``node_modules``) and the hub's configuration (``scripts/hub/``). Hidden (an
empty tmpfs in their place): the repository itself, with its solutions, specs and instructor
edition, and every folder above what is shown that other users cannot search.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HUB_CONFIG = REPO / "scripts" / "hub"  # jupyterhub_config.py and each role's Jupyter configuration


def _searchable(path: Path) -> bool:
    return path.stat().st_mode & 0o001 != 0


def view_argv() -> list[str]:
    """``bwrap`` options for the class's view: the repository and any private folder above what the class runs hidden.

    Shown read-only: the Python installation, the environment, the course package, the grading
    engine (the instructor autogrades with it; it holds no answer), node_modules and this folder. Hidden (an empty tmpfs in their place): the repository and every folder above
    those that other users cannot search (``/root`` for a pyenv Python).
    """
    keep = sorted({os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, REPO / "partnership", REPO / "partnership_grading",
                                                  REPO / "node_modules", HUB_CONFIG)})
    hide = {str(REPO)}
    for path in keep:
        for parent in Path(path).parents:
            if parent != Path("/") and not _searchable(parent):
                hide.add(str(parent))
    outermost = sorted(h for h in hide if not any(h.startswith(o + os.sep) for o in hide if o != h))
    argv = ["bwrap", "--dev-bind", "/", "/"]
    for folder in outermost:
        argv += ["--perms", "0755", "--tmpfs", folder]
    made = set(outermost)
    for path in keep:
        covering = [folder for folder in outermost if path.startswith(folder + os.sep)]
        if not covering:
            continue
        for parent in reversed(Path(path).parents):  # the folders between, searchable (bwrap would make them 0700)
            if str(parent).startswith(covering[0] + os.sep) and str(parent) not in made:
                argv += ["--perms", "0755", "--dir", str(parent)]
                made.add(str(parent))
        argv += ["--ro-bind", path, path]
    return argv


def hidden_folders() -> list[str]:
    """The folders the class's view replaces by empty ones (what :func:`view_argv` hides)."""
    argv = view_argv()
    return [argv[i + 1] for i, arg in enumerate(argv) if arg == "--tmpfs"]
