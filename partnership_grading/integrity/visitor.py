"""The static scan of one cell: an AST visitor that notes what could change how *other* cells are graded.

One idea, :class:`_Scan`: it walks a cell's syntax tree once and records ``block`` findings (the
cell is not run) and ``review`` findings (graded as is, flagged) by the rules of :mod:`.rules`,
knowing which names the cells bound to modules or to objects imported from them (:class:`_Bindings`).
:func:`~partnership_grading.integrity.scan.scan_cells` runs it over a notebook.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .rules import (
    ALLOWED_IMPORTS,
    BLOCKED_NAMES,
    BLOCKED_SUBMODULES,
    DANGEROUS_ATTRS,
    DUNDER,
    DUNDER_IN_TEXT,
    MUTATING_METHODS,
    SAFE_DUNDERS,
)


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call, ast.Starred)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _dotted(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # noqa: BLE001
        return type(node).__name__


@dataclass
class _Bindings:
    """What the student's cells (and the setup cell) bind by importing."""

    modules: set[str]  # names bound to modules: `import numpy as np` -> np
    imported: set[str]  # names bound to objects from modules: `from math import isclose` -> isclose


def _import_problem(module: str, level: int = 0) -> str | None:
    if level:
        return "uses a relative import"
    parts = module.split(".")
    if parts[0] not in ALLOWED_IMPORTS:
        return f"imports `{module}`, which the course does not allow in answers"
    for part in parts[1:]:
        if part in BLOCKED_SUBMODULES or part.startswith("_"):
            return f"imports `{module}`, which the course does not allow in answers"
    return None


class _Scan(ast.NodeVisitor):
    def __init__(self, bindings: _Bindings, protected: set[str], setup_callables: set[str]):
        self.b = bindings
        self.protected = protected
        self.setup_callables = setup_callables
        self.block: list[tuple[int, str]] = []
        self.review: list[tuple[int, str]] = []
        self.scope: list[str] = []  # "class" / "def"

    # helpers -------------------------------------------------------------------------------
    def _blk(self, node: ast.AST, message: str) -> None:
        self.block.append((getattr(node, "lineno", 0), message))

    def _rev(self, node: ast.AST, message: str) -> None:
        self.review.append((getattr(node, "lineno", 0), message))

    def _in_method(self) -> bool:
        return len(self.scope) >= 2 and self.scope[-1] == "def" and self.scope[-2] == "class"

    def _is_imported(self, name: str) -> bool:
        return name in self.b.modules or name in self.b.imported

    def _check_store(self, target: ast.AST, verb: str) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self._check_store(elt, verb)
        elif isinstance(target, ast.Starred):
            self._check_store(target.value, verb)
        elif isinstance(target, ast.Attribute):
            root = _root(target)
            if not (isinstance(root, ast.Name) and root.id in ("self", "cls") and self._in_method()):
                self._blk(target, f"{verb} `{_dotted(target)}`, an attribute of something it did not create (this is how a cell patches what the tests use)")
        elif isinstance(target, ast.Subscript):
            root = _root(target)
            if isinstance(root, ast.Name) and self._is_imported(root.id):
                self._blk(target, f"{verb} an item of `{root.id}`, which comes from a module")
        elif isinstance(target, ast.Name):
            self._check_binding(target, target.id)

    def _check_binding(self, node: ast.AST, name: str) -> None:
        if DUNDER.match(name) and name not in SAFE_DUNDERS:
            self._blk(node, f"binds the special name `{name}`")
        elif name in self.protected:
            self._rev(node, f"defines `{name}`, a name the test cells import for themselves (no effect on grading; flagged as a likely attempt to change the tests)")
        elif name in self.setup_callables:
            self._rev(node, f"redefines `{name}`, which the locked setup cell provides (the tests use their own copy)")

    # visitors ------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            problem = _import_problem(alias.name)
            if problem:
                self._blk(node, problem)
            if alias.asname:
                self._check_binding(node, alias.asname)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        problem = _import_problem(node.module or "", node.level)
        if problem:
            self._blk(node, problem)
        for alias in node.names:
            if alias.name == "*":
                self._blk(node, f"uses `from {node.module} import *`")
            elif alias.name in BLOCKED_SUBMODULES or alias.name.startswith("_"):
                self._blk(node, f"imports `{alias.name}` from `{node.module}`, which the course does not allow")
            else:
                self._check_binding(node, alias.asname or alias.name)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in BLOCKED_NAMES:
            self._blk(node, f"uses `{node.id}`, which {BLOCKED_NAMES[node.id]}")
        elif DUNDER.match(node.id) and node.id not in SAFE_DUNDERS:
            self._blk(node, f"uses the special name `{node.id}`")
        elif isinstance(node.ctx, ast.Load) and node.id in self.b.modules:
            parent = getattr(node, "_parent", None)
            if not (isinstance(parent, ast.Attribute) and parent.value is node):
                self._blk(node, f"uses the module `{node.id}` as a value (only `{node.id}.<name>` is allowed)")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        attr = node.attr
        root = _root(node)
        own = isinstance(root, ast.Name) and root.id in ("self", "cls")
        is_super_init = attr == "__init__" and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) and node.value.func.id == "super"
        if DUNDER.match(attr) and attr not in ("__name__", "__doc__") and not is_super_init:
            self._blk(node, f"reads the special attribute `{_dotted(node)}`")
        elif attr.startswith("_") and not own and not DUNDER.match(attr):
            self._blk(node, f"reads the private attribute `{_dotted(node)}`")
        elif attr in DANGEROUS_ATTRS and not own:
            self._blk(node, f"uses `{_dotted(node)}`, which the course does not allow in answers")
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            pass  # handled by the statement visitors, which know the verb
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for t in node.targets:
            self._check_store(t, "assigns to")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._check_store(node.target, "changes")
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._check_store(node.target, "assigns to")
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for t in node.targets:
            if isinstance(t, (ast.Attribute, ast.Subscript)):
                self._check_store(t, "deletes")
        self.generic_visit(node)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self._check_store(node.target, "assigns to")
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._check_store(item.optional_vars, "assigns to")
        self.generic_visit(node)

    visit_AsyncWith = visit_With

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self._check_store(node.target, "assigns to")
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._check_store(node.target, "assigns to")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("getattr", "hasattr"):
            name = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(name, ast.Constant) and isinstance(name.value, str) and not name.value.startswith("_")
                    and name.value not in DANGEROUS_ATTRS):
                self._blk(node, f"uses `{func.id}` with a computed or private attribute name")
        if isinstance(func, ast.Name) and func.id == "type" and len(node.args) == 3:
            self._blk(node, "creates a class with `type(name, bases, namespace)`")
        if isinstance(func, ast.Attribute) and func.attr in MUTATING_METHODS:
            root = _root(func.value)
            if isinstance(root, ast.Name) and self._is_imported(root.id):
                self._blk(node, f"changes `{_dotted(func.value)}` in place, which comes from a module")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            for m in DUNDER_IN_TEXT.findall(node.value):
                if m not in SAFE_DUNDERS:
                    self._blk(node, f"names the special attribute `{m}` in a string")
                    break
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if DUNDER.match(node.name) and node.name not in SAFE_DUNDERS:
            self._blk(node, f"defines `{node.name}`, which changes how objects compare, convert or look up attributes")
        else:
            self._check_binding(node, node.name)
        for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
            if DUNDER.match(arg.arg):
                self._blk(node, f"uses the special name `{arg.arg}`")
        self.scope.append("def")
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.scope.append("def")
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if node.keywords:
            self._blk(node, f"defines class `{node.name}` with a metaclass or class keywords")
        self._check_binding(node, node.name)
        self.scope.append("class")
        self.generic_visit(node)
        self.scope.pop()

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            if DUNDER.match(name):
                self._blk(node, f"declares the special name `{name}` global")
        self.generic_visit(node)
