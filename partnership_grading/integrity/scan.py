"""The static scan of a notebook's student cells (:func:`scan_cells`), and the names its rules need.

Each cell is read as the Python IPython would run (:func:`python_source`: magics and ``!shell``
lines become the ``get_ipython()`` calls they are), the names bound by importing are collected
over the setup cell and every student cell together, and each cell is visited on its own
(:class:`~partnership_grading.integrity.visitor._Scan`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .rules import ALLOWED_IMPORTS
from .visitor import _Bindings, _Scan


def python_source(cell_source: str) -> str | None:
    """The Python that IPython would run for this cell source, or None if it is not Python.

    Uses IPython's own input transformations, so ``%magic``, ``%%cell_magic`` and ``!shell`` turn
    into the ``get_ipython()`` calls that the scan refuses.
    """
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        code = TransformerManager().transform_cell(cell_source)
        ast.parse(code)
    except (SyntaxError, ValueError, IndentationError, TypeError):
        return None
    except Exception:  # noqa: BLE001 - an IPython transformer choked: not runnable either
        return None
    return code


def _module_exists(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def collect_bindings(trees: Iterable[ast.AST]) -> _Bindings:
    modules: set[str] = set()
    imported: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    modules.add(alias.asname or alias.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    bound = alias.asname or alias.name
                    allowed = node.module.split(".")[0] in ALLOWED_IMPORTS  # never import anything else here
                    if alias.name != "*" and allowed and _module_exists(f"{node.module}.{alias.name}"):
                        modules.add(bound)
                    else:
                        imported.add(bound)
    return _Bindings(modules, imported)


def _link_parents(tree: ast.AST) -> None:
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            child._parent = parent  # type: ignore[attr-defined]  # ours, on a node that takes any attribute; read with getattr


def names_bound(sources: Iterable[str]) -> set[str]:
    """Names that these cells (e.g. the test cells) bind, for the ``review`` rule."""
    names: set[str] = set()
    for src in sources:
        code = python_source(src)
        if code is None:
            continue
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name.split(".")[0]) for a in node.names)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def setup_imports(sources: Iterable[str]) -> set[str]:
    """Names the locked setup cell imports (models and helpers students are given)."""
    names: set[str] = set()
    for src in sources:
        code = python_source(src)
        if code is None:
            continue
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom):
                names.update(a.asname or a.name for a in node.names)
    return names


@dataclass(frozen=True)
class CellScan:
    label: str  # the cell's grade id, or "cell <n>"
    block: list[tuple[int, str]]
    review: list[tuple[int, str]]
    parsed: bool


def scan_cells(
    cells: Sequence[tuple[str, str]],
    *,
    protected: Iterable[str] = (),
    setup_sources: Sequence[str] = (),
) -> list[CellScan]:
    """Scan student-editable code cells, given as ``(label, source)`` pairs in notebook order.

    ``protected``: names the test cells bind (rebinding them is flagged for review).
    ``setup_sources``: the locked setup cells, whose imports count as imported names.
    A cell that is not valid Python (after IPython's transforms) is reported as not parsed and
    has no findings: the kernel cannot run it either.
    """
    trees: dict[int, ast.AST] = {}
    for k, (_, src) in enumerate(cells):
        code = python_source(src)
        if code is not None:
            trees[k] = ast.parse(code)
    setup_trees = [ast.parse(c) for c in (python_source(s) for s in setup_sources) if c is not None]
    bindings = collect_bindings([*setup_trees, *trees.values()])
    callables = setup_imports(setup_sources) - {n for n in setup_imports(setup_sources) if n.isupper()}
    out = []
    for k, (label, _) in enumerate(cells):
        tree = trees.get(k)
        if tree is None:
            out.append(CellScan(label, [], [], parsed=False))
            continue
        _link_parents(tree)
        scan = _Scan(bindings, set(protected), callables)
        scan.visit(tree)
        out.append(CellScan(label, sorted(set(scan.block)), sorted(set(scan.review)), parsed=True))
    return out


def scan_source(source: str, **kwargs) -> CellScan:
    """Scan one cell on its own (see :func:`scan_cells`)."""
    return scan_cells([("cell", source)], **kwargs)[0]
