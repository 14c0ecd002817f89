"""What the kit's package holds: the course modules the released notebooks import, and what those import in turn.

The build fails (:class:`~partnership_grading.kit.common.KitError`) if that closure reaches the
grading engine or the book's build tools.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from .common import REPO_ROOT, KitError

# Besides what the notebooks import, students get the explorers the chapters use.
EXTRA_MODULES = ("partnership.widgets",)
# The instructor's and the maintainers' packages: nothing a student installs may import them.
NOT_FOR_STUDENTS = ("partnership_grading", "partnership_book")


def _module_file(module: str) -> Path | None:
    parts = module.split(".")
    base = REPO_ROOT.joinpath(*parts)
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def _imports(source: str, module: str | None = None, is_package: bool = False) -> set[str]:
    """Every course module (``partnership``, or the two never shipped) the imports in ``source`` name (relative ones resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if module is None:
                    continue
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}  # `from partnership import plotting`
    return {m for m in found if m.split(".")[0] in ("partnership", *NOT_FOR_STUDENTS) and _module_file(m) is not None}


def notebook_imports(notebooks: list[Path]) -> set[str]:
    """The ``partnership`` modules the notebooks' code cells import."""
    found: set[str] = set()
    for path in notebooks:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                # IPython's magics and shell escapes are not Python: blank them, keep the imports around them
                lines = "".join(cell.get("source", "")).split("\n")
                source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)
                try:
                    found |= _imports(source)
                except SyntaxError:  # a cell a student cannot run either: it imports nothing
                    continue
    return found


def kit_modules(notebooks: list[Path]) -> dict[str, Path]:
    """Module name -> file for everything the kit's package holds: the import closure, with parent packages."""
    todo = sorted(notebook_imports(notebooks) | set(EXTRA_MODULES))
    seen: dict[str, Path] = {}
    while todo:
        module = todo.pop()
        parts = module.split(".")
        for k in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__ first
            parent = ".".join(parts[:k])
            if parent not in seen:
                todo.append(parent)
        if module in seen:
            continue
        path = _module_file(module)
        if path is None:
            continue
        seen[module] = path
        is_package = path.name == "__init__.py"
        for dep in _imports(path.read_text(encoding="utf-8"), module, is_package):
            if dep not in seen:
                todo.append(dep)
    engine = sorted(m for m in seen if m.split(".")[0] in NOT_FOR_STUDENTS)
    if engine:
        raise KitError(
            f"the released notebooks need {', '.join(engine)}, which is the instructor's grading engine or the "
            "book's build tools and must not reach students: test cells may import only the course package, partnership"
        )
    return dict(sorted(seen.items()))
