"""Integrity checks that run *outside* the student's kernel, before any student code runs.

Python has no sandbox inside the interpreter: code in a student's cell runs with exactly the same
powers as the test cells after it. It can rebind ``math.isclose``, replace builtins, patch the
course package the tests import their reference answers from, register an IPython input
transformer that rewrites the test cells before they run, or exit the kernel. No test cell can
defend itself against code that ran before it in the same process. So the grader decides what
student code may run at all, from the source, before the kernel starts:

- :func:`scan_cells` parses every cell a student can edit (after IPython's own input transforms,
  so magics and ``!shell`` lines are seen as the ``get_ipython()`` calls they are) and reports
  constructs that could change how *other* cells are graded: imports outside the allowed list,
  dynamic code (``eval``, ``exec``, ``__import__``), introspection (dunder attributes, ``getattr``
  with computed names), writes to attributes of modules or of anything imported, IPython's shell
  object, file access, leaving the kernel. It is an allow-list where it matters (imports), so an
  unusual trick is refused rather than missed.
- A ``block`` finding means the cell is **not run**: the grader replaces it with a short error
  that names the reason (the student's code is kept in the autograded notebook as comments), so
  only the parts that depend on that cell lose points and the submission is flagged.
- A ``review`` finding (for example rebinding ``_close``, a name the test cells import for
  themselves) changes nothing in grading but flags the submission for an instructor.

:func:`read_problem` says why a file cannot be graded at all (not JSON, truncated, an nbformat
nbgrader cannot read). Findings are plain data (:class:`Finding`) kept in the autograded notebook's
metadata, in the run state, in the gradebook (the submission's *flag* and a comment on the cell)
and in ``reports/<assignment>/integrity.csv``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

# Top-level modules a student may import (the course rules: the course package, numpy and the
# parts of the standard library a problem set needs). Anything else is refused, and so are the
# submodules listed in BLOCKED_SUBMODULES.
ALLOWED_IMPORTS = frozenset(
    {
        "partnership", "numpy", "math", "cmath", "statistics", "fractions", "decimal", "itertools",
        "functools", "collections", "heapq", "bisect", "copy", "random", "re", "string", "textwrap",
        "datetime", "dataclasses", "pprint", "json", "time", "enum", "array", "calendar",
    }
)
# Attribute names that lead to the interpreter, the file system, the grader or global state.
# Reading them (``np.lib``, ``bargaining.math``) or importing them (``numpy.testing``) is refused.
DANGEROUS_ATTRS = frozenset(
    {
        # modules reachable as attributes of other modules
        "os", "sys", "builtins", "ctypes", "ctypeslib", "subprocess", "importlib", "shutil", "pathlib",
        "io", "inspect", "gc", "signal", "socket", "threading", "multiprocessing", "pickle", "marshal",
        "types", "math", "numbers", "operator", "grading", "checks", "testing", "lib", "core", "_core",
        "f2py", "distutils", "compat", "typing", "warnings",
        # file access through numpy
        "load", "loadtxt", "genfromtxt", "fromfile", "fromregex", "tofile", "memmap", "save", "savez",
        "savez_compressed", "savetxt", "DataSource", "open",
        # global state that changes how other code behaves
        "seterr", "seterrcall", "setbufsize", "register", "getcontext", "setcontext", "localcontext",
        "make_dataclass", "modules",
        # frames and code objects (a way back to any namespace)
        "f_globals", "f_locals", "f_back", "f_builtins", "f_code", "gi_frame", "cr_frame", "ag_frame",
        "tb_frame", "tb_next", "func_globals",
    }
)
BLOCKED_SUBMODULES = DANGEROUS_ATTRS  # e.g. numpy.testing, partnership_grading
# Names that give a cell the shell, the interpreter or a way out of it.
BLOCKED_NAMES = {
    "__import__": "imports a module by name at run time",
    "eval": "runs code built from a string",
    "exec": "runs code built from a string",
    "compile": "compiles code built from a string",
    "open": "opens a file (a submission may not read or write files)",
    "globals": "reaches the notebook's namespace as a dictionary",
    "locals": "reaches a namespace as a dictionary",
    "vars": "reaches a namespace as a dictionary",
    "setattr": "sets an attribute by name",
    "delattr": "deletes an attribute by name",
    "get_ipython": "reaches IPython's shell (it can rewrite or skip the cells that follow)",
    "exit": "exits the kernel",
    "quit": "exits the kernel",
    "breakpoint": "starts a debugger",
    "input": "waits for keyboard input",
}
SAFE_DUNDERS = frozenset({"__name__", "__doc__", "__init__", "__post_init__", "__repr__", "__main__"})
MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "popitem", "sort",
     "reverse", "add", "discard", "__setitem__", "__delitem__"}
)
DUNDER = re.compile(r"^__\w+__$")
DUNDER_IN_TEXT = re.compile(r"__[A-Za-z]\w*__")


@dataclass(frozen=True)
class Finding:
    """One thing the integrity checks noticed about a submission, for an instructor to read.

    ``severity``: ``block`` (the cell was not run), ``restore`` (the grader put back what the
    release had: a deleted, moved or edited locked cell, changed metadata), ``zero`` (nothing could
    be graded: every part scores zero), ``runtime`` (the kernel died, hung or ran out of time),
    ``review`` (graded as is, flagged for a look) or ``info`` (noted, not flagged).
    """

    severity: str
    kind: str
    message: str
    cell: str = ""  # grade id of the cell (or "cell 7" for a cell without one)
    line: int = 0

    FLAGGING = ("block", "restore", "zero", "runtime", "review")

    @property
    def flags(self) -> bool:
        return self.severity in self.FLAGGING

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(**{k: data[k] for k in ("severity", "kind", "message", "cell", "line") if k in data})

    def text(self) -> str:
        where = f"{self.cell}" + (f", line {self.line}" if self.line else "")
        return f"[{self.severity}] {where + ': ' if where else ''}{self.message}"


# ---------------------------------------------------------------------------------------------
# Files that cannot be graded


def read_problem(path: Path) -> str | None:
    """Why nbgrader could not read ``path`` as a notebook (None if it can).

    Mirrors what nbgrader does (``nbformat.read(path, as_version=4)``) and words the reason for an
    instructor: not JSON or cut off, an nbformat version nbgrader cannot read, no cells.
    """
    import json

    import nbformat

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    if not raw.strip():
        return "the file is empty"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "the file is not text (not UTF-8), so it is not a notebook"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A notebook cut off mid-upload ends early, or inside a string that never closes.
        ends_early = exc.pos >= len(text.rstrip()) - 1 or "Expecting" in exc.msg and exc.pos > len(text) * 0.9
        if ends_early or (text.lstrip().startswith("{") and exc.msg.startswith("Unterminated string")):
            return f"the file is cut off (invalid JSON at character {exc.pos} of {len(text)}): probably an incomplete upload"
        return f"the file is not a notebook (not JSON: {exc.msg} at line {exc.lineno})"
    if not isinstance(data, dict):
        return "the file is JSON but not a notebook (no top-level object)"
    major = data.get("nbformat")
    if major != 4 and major != 3:
        return f"the notebook format is nbformat {major!r}; the course uses nbformat 4"
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any reason nbformat refuses it
        return f"nbformat cannot read it as a notebook ({type(exc).__name__}: {str(exc)[:200]})"
    if not isinstance(nb.get("cells"), list):
        return "the notebook has no list of cells"
    for k, cell in enumerate(nb.cells):
        if not isinstance(cell, dict) or "cell_type" not in cell or not isinstance(cell.get("source"), str):
            return f"cell {k + 1} is malformed (no cell type or source)"
    return None


# ---------------------------------------------------------------------------------------------
# The static scan


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


NEUTRALISED_MARK = "# [integrity check] The grader did not run this cell."


def neutralised_source(original: str, reasons: Sequence[tuple[int, str]]) -> str:
    """What the grader runs instead of a blocked cell: an error that says why, the code as comments."""
    first_line, first = reasons[0]
    more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
    message = f"Integrity check: this cell was not run because line {first_line} {first}{more}."
    lines = [
        NEUTRALISED_MARK,
        "# It contains code that could change how other cells are graded:",
        *[f"#   line {n}: {why}" for n, why in reasons],
        "# The parts that need this cell score zero; your instructor has been told and can review it.",
        f"raise RuntimeError({message!r})",
        "# ---- the submitted code, kept for the record (not run) ----",
        *[f"# {line}" if line else "#" for line in original.split("\n")],
    ]
    return "\n".join(lines)
