"""One idea, per-student numbers on the grader's side: the course secret, the derivation and the release's table.

An assignment declares its parameters (``Assignment(parameters={"SURPLUS": Range(80, 120, step=5,
default=100), ...})``); :func:`derive` turns a student id into that student's numbers:

- ``seed = HMAC-SHA256(secret, f"{assignment}:{student_id}")``;
- attempt ``k = 0, 1, ...``: each parameter takes the value at index
  ``int(HMAC-SHA256(seed, f"{k}:{name}")) mod n`` of its grid *without the published default*, so no
  student ever gets the book's numbers; the first attempt whose values meet every constraint of the
  spec (``"THREAT_OPENAI + THREAT_MSFT + IMPROVEMENT < SURPLUS"``) is the student's.

The same id and secret always give the same numbers, on any machine, so nothing needs storing: the
release's ``variants.json`` (what the student's notebook reads, :mod:`partnership.variants`) and
the grader (which recomputes each student's numbers from the folder nbgrader filed the submission
in, never from the notebook) agree by construction. The secret is ``$GRADING_COURSE_SECRET`` or the
file ``<course>/.course-secret`` (made with :func:`secrets.token_hex` on first use, mode 0600, kept
out of git); a course without either gives everyone the published defaults.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import hmac
import json
import math
import os
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from partnership.variants import TABLE, assigned  # noqa: F401 - assigned is re-exported for the grader

SECRET_ENV = "GRADING_COURSE_SECRET"  # noqa: S105 - the variable's name, not a secret
SECRET_FILE = ".course-secret"  # noqa: S105 - the file's name, not a secret
META_KEY = "partnership"  # the source notebook's metadata key (as preprocessors.META_KEY)
MAX_ATTEMPTS = 1000


class VariantsError(ValueError):
    """The parameters, the secret or the roster cannot give every student numbers: the message says why."""


@dataclass(frozen=True)
class Range:
    """A parameter's values: ``low`` to ``high`` in steps of ``step``, and the published ``default``.

    Whole numbers stay whole when ``low``, ``high`` and ``step`` all are. The default (the case the
    book and the notebook's published numbers state) is ``default`` if given, else the middle value.
    """

    low: float
    high: float
    step: float
    default: float | None = None
    label: str = ""  # what the number is, for the setup cell's comment

    def __post_init__(self) -> None:
        for name in ("low", "high", "step"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise VariantsError(f"Range {name} must be a number, got {value!r}.")
        if self.step <= 0 or self.high <= self.low:
            raise VariantsError(f"A range needs low < high and a positive step (got {self.low}, {self.high}, step {self.step}).")
        count = (self.high - self.low) / self.step
        if abs(count - round(count)) > 1e-9:
            raise VariantsError(f"The range {self.low} to {self.high} is not a whole number of steps of {self.step}.")
        if self.default is not None and not any(math.isclose(self.default, v, abs_tol=1e-12) for v in self.values()):
            raise VariantsError(f"The default {self.default} is not one of the range's values {self.values()}.")

    @property
    def whole(self) -> bool:
        return all(isinstance(v, int) for v in (self.low, self.high, self.step))

    def values(self) -> list[float]:
        n = round((self.high - self.low) / self.step)
        if self.whole:
            return [int(self.low + k * self.step) for k in range(n + 1)]
        return [round(self.low + k * self.step, 10) for k in range(n + 1)]

    def published(self) -> float:
        grid = self.values()
        if self.default is None:
            return grid[len(grid) // 2]
        return next(v for v in grid if math.isclose(v, self.default, abs_tol=1e-12))

    def choices(self) -> list[float]:
        """The values a student can get: every value but the published one."""
        default = self.published()
        return [v for v in self.values() if v != default]

    def describe(self) -> str:
        fmt = (lambda v: f"{v:,}") if self.whole else (lambda v: f"{v:g}")
        return f"{fmt(self.low)} to {fmt(self.high)} in steps of {fmt(self.step)}"

    def to_data(self) -> dict:
        return {"low": self.low, "high": self.high, "step": self.step, "default": self.published(), "label": self.label}

    @classmethod
    def from_data(cls, data: Mapping) -> Range:
        return cls(data["low"], data["high"], data["step"], data.get("default"), data.get("label", ""))


# ---------------------------------------------------------------------------------------------
# Constraints: comparisons over the parameters, evaluated without eval's reach


_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}
_CMP = {ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
        ast.NotEq: lambda a, b: a != b}


def _value(node: ast.AST, values: Mapping[str, float]) -> float | bool:
    if isinstance(node, ast.Expression):
        return _value(node.body, values)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise VariantsError(f"A constraint names {node.id!r}, which is not a parameter.")
        return values[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_value(node.operand, values)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_value(node.left, values), _value(node.right, values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abs" and len(node.args) == 1:
        return abs(_value(node.args[0], values))
    if isinstance(node, ast.BoolOp):
        results = [bool(_value(v, values)) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Compare):
        left = _value(node.left, values)
        for op, right_node in zip(node.ops, node.comparators):
            if type(op) not in _CMP:
                raise VariantsError("Constraints compare with <, <=, >, >= or != only.")
            right = _value(right_node, values)
            if not _CMP[type(op)](left, right):
                return False
            left = right
        return True
    raise VariantsError(f"A constraint may use parameters, numbers, + - * /, abs(), comparisons, and/or; not {ast.dump(node)[:60]}.")


def holds(constraint: str, values: Mapping[str, float]) -> bool:
    """Whether ``values`` meet ``constraint`` (a comparison over the parameter names)."""
    try:
        tree = ast.parse(constraint, mode="eval")
    except SyntaxError as exc:
        raise VariantsError(f"The constraint {constraint!r} is not an expression: {exc.msg}.") from None
    return bool(_value(tree, values))


def published(parameters: Mapping[str, Range]) -> dict[str, float]:
    """The numbers everyone gets where the course gives no per-student numbers (the spec's defaults)."""
    return {name: r.published() for name, r in parameters.items()}


def check_parameters(parameters: Mapping[str, Range], constraints: Sequence[str] = ()) -> None:
    """Raise :class:`VariantsError` unless the parameters can give every student numbers."""
    for name, r in parameters.items():
        if not name.isidentifier() or not name.isupper():
            raise VariantsError(f"Parameter names are constants in capitals, like SURPLUS; not {name!r}.")
        if len(r.choices()) < 1:
            raise VariantsError(f"{name} has only its default value: a student must get another.")
    defaults = published(parameters)
    for constraint in constraints:
        if not holds(constraint, defaults):
            raise VariantsError(f"The published numbers break the constraint {constraint!r}: {defaults}.")


# ---------------------------------------------------------------------------------------------
# The derivation


def _digest(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def derive(parameters: Mapping[str, Range], assignment: str, student: str, secret: str,
           constraints: Sequence[str] = ()) -> dict[str, float]:
    """A student's numbers: deterministic in (secret, assignment, student), never the published ones."""
    if not secret:
        raise VariantsError("No course secret: per-student numbers need one (see course_secret).")
    if not student:
        raise VariantsError("A student id is needed to derive that student's numbers.")
    seed = _digest(secret.encode("utf-8"), f"{assignment}:{student}")
    for attempt in range(MAX_ATTEMPTS):
        values = {}
        for name, r in parameters.items():
            choices = r.choices()
            values[name] = choices[int.from_bytes(_digest(seed, f"{attempt}:{name}"), "big") % len(choices)]
        if all(holds(c, values) for c in constraints):
            return values
    raise VariantsError(f"No numbers for {student!r} in {assignment} meet the constraints after {MAX_ATTEMPTS} draws: widen the ranges.")


# ---------------------------------------------------------------------------------------------
# The secret


def secret_path(course_root: Path) -> Path:
    return Path(course_root) / SECRET_FILE


def course_secret(course_root: Path, *, create: bool = False) -> str | None:
    """``$GRADING_COURSE_SECRET``, else ``<course>/.course-secret``; with ``create``, made if missing.

    ``None`` means the course gives every student the published numbers.
    """
    value = os.environ.get(SECRET_ENV, "").strip()
    if value:
        return value
    path = secret_path(course_root)
    if path.is_file():
        text = path.read_text(encoding="utf-8").strip()
        if not text:
            raise VariantsError(f"{path} is empty: delete it to make a new secret (every student's numbers change), or restore it.")
        return text
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others, not even for a moment
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="utf-8").strip()


def fingerprint(course_root: Path) -> str:
    """A short name of the secret in use (not the secret): changes when the secret does, '' without one."""
    secret = course_secret(course_root)
    return "" if secret is None else _digest(secret.encode("utf-8"), "fingerprint").hex()[:16]


# ---------------------------------------------------------------------------------------------
# Parameters as the source notebook carries them (the grader needs no spec, only the course)


def notebook_metadata(parameters: Mapping[str, Range], constraints: Sequence[str]) -> dict:
    return {"parameters": {name: r.to_data() for name, r in parameters.items()}, "constraints": list(constraints)}


def parameters_of(nb) -> tuple[dict[str, Range], list[str]]:
    """The parameters and constraints written into a source notebook's metadata (empty if it has none)."""
    data = (nb.metadata.get(META_KEY) or {}).get("variants") or {}
    params = {name: Range.from_data(d) for name, d in (data.get("parameters") or {}).items()}
    return params, list(data.get("constraints") or [])


def grading_numbers(course_root: Path, source_nb, assignment: str, student: str) -> dict[str, float] | None:
    """The numbers the grader grades ``student`` with; ``None``: the published defaults (no secret or no parameters)."""
    if source_nb is None:
        return None
    params, constraints = parameters_of(source_nb)
    if not params:
        return None
    secret = course_secret(course_root)
    if secret is None:
        return None
    return derive(params, assignment, student, secret, constraints)


def source_notebook(course_root: Path, assignment: str):
    """``source/<a>/<a>.ipynb`` (the course's notebooks are named after their assignment), or None."""
    import nbformat

    path = Path(course_root) / "source" / assignment / f"{assignment}.ipynb"
    return nbformat.read(path, as_version=4) if path.is_file() else None


# ---------------------------------------------------------------------------------------------
# The roster and the release's table


def read_roster(path: Path) -> list[str]:
    """Student ids from a CSV: the column ``id`` (nbgrader's ``db student import`` format) or
    ``student_id``, else the first column; a file without a header row is one id per line."""
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = [r for r in csv.reader(text.splitlines()) if r and any(x.strip() for x in r)]
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    for name in ("id", "student_id"):
        if name in header:
            k = header.index(name)
            return [r[k].strip() for r in rows[1:] if len(r) > k and r[k].strip()]
    return [r[0].strip() for r in rows if r[0].strip()]


def gradebook_students(course) -> list[str]:
    """The ids in nbgrader's student table (``nbgrader db student add``/``import``); none if there is no gradebook yet."""
    from nbgrader.api import Gradebook

    url = course.db
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return []
    with Gradebook(url, course.course_id) as gb:
        return sorted(s.id for s in gb.students)


def roster(course, csv_path: Path | None = None) -> list[str]:
    """Every student to write numbers for: nbgrader's student table and the CSV, without repeats, sorted."""
    ids = set(gradebook_students(course))
    if csv_path is not None:
        ids |= set(read_roster(csv_path))
    return sorted(ids)


def table(parameters: Mapping[str, Range], assignment: str, students: Iterable[str], secret: str,
          constraints: Sequence[str] = ()) -> dict[str, dict[str, float]]:
    return {s: derive(parameters, assignment, s, secret, constraints) for s in sorted(set(students))}


def write_table(course, assignment: str, students: Sequence[str], *, create_secret: bool = True) -> Path:
    """Write ``release/<a>/variants.json`` for ``students`` (the release must exist); return its path."""
    nb = source_notebook(course.root, assignment)
    params, constraints = parameters_of(nb) if nb is not None else ({}, [])
    if not params:
        raise VariantsError(f"{assignment} declares no parameters, so every student gets the published numbers.")
    if not students:
        raise VariantsError(
            "No students to write numbers for: add them to nbgrader's student table (`nbgrader db student import "
            "roster.csv`, or the formgrader's Manage Students) or pass --roster FILE.csv."
        )
    secret = course_secret(course.root, create=create_secret)
    if secret is None:
        raise VariantsError(f"The course has no secret: set ${SECRET_ENV} or run the variants command once to make {SECRET_FILE}.")
    folder = course.root / "release" / assignment
    if not folder.is_dir():
        raise VariantsError(f"{assignment} is not released yet ({folder} is missing): release it first.")
    path = folder / TABLE
    data = table(params, assignment, students, secret, constraints)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
