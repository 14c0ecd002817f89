"""Each student's own numbers for a problem set: ``P = my_numbers("ps1-ip", defaults={...})``.

A course that gives every student their own numbers ships, beside each released notebook, a table
``variants.json`` = ``{student id: {parameter: value}}`` written by the instructor at release time
(``python -m partnership_grading variants <assignment>``). This module only *reads* it: the numbers
are derived from a course secret that never leaves the instructor (see the instructor guide).

Who the student is, in this order:

1. the environment variable ``PARTNERSHIP_STUDENT_ID`` (the grader sets it for every kernel it
   starts; a student may set it too);
2. ``JUPYTERHUB_USER``: on a JupyterHub with nbgrader's exchange the username is the student id;
3. ``STUDENT_ID = "..."``, written by the student in the editable cell at the top of the notebook.

Without a table beside the notebook (the book's copy, a course without per-student numbers) every
student gets the published ``defaults``. With a table but no id, or an id the table does not list,
:func:`my_numbers` raises :class:`NumbersError` saying what to do.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import math
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

TABLE = "variants.json"
ID_VARIABLE = "PARTNERSHIP_STUDENT_ID"
HUB_VARIABLE = "JUPYTERHUB_USER"
ID_NAME = "STUDENT_ID"  # what the student writes in the notebook's first code cell

# Set by the grader around its own run of the locked setup cell (partnership_grading.variants.assigned):
# (assignment, numbers or None for the published defaults). Never read from a file or the environment.
_ASSIGNED: contextvars.ContextVar[tuple[str, dict[str, float] | None] | None] = contextvars.ContextVar(
    "partnership_variants_assigned", default=None
)


class NumbersError(RuntimeError):
    """The notebook cannot tell whose numbers to use: the message says what the student should do."""


class Numbers(Mapping):
    """One student's numbers for one assignment: a read-only mapping, also readable as attributes."""

    def __init__(self, assignment: str, values: Mapping[str, float], student: str | None, source: str):
        self._values = dict(values)
        self.assignment, self.student, self.source = assignment, student, source

    def __getitem__(self, name: str) -> float:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> float:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        who = f"student {self.student!r}; " if self.student else ""
        lines = [f"Numbers for {self.assignment} ({who}{self.source}):"]
        lines += [f"  {name} = {value:g}" for name, value in self._values.items()]
        return "\n".join(lines)


def _caller_id() -> str | None:
    """``STUDENT_ID`` as the notebook defined it (the setup cell's globals are the notebook's)."""
    frame = sys._getframe(2)  # my_numbers' caller
    value = frame.f_globals.get(ID_NAME)
    return value.strip() if isinstance(value, str) and value.strip() else None


def student_id() -> tuple[str | None, str]:
    """The student id and where it came from, or ``(None, "")``; see the module docstring for the order."""
    for variable in (ID_VARIABLE, HUB_VARIABLE):
        value = os.environ.get(variable, "").strip()
        if value:
            return value, f"${variable}"
    return None, ""


def _number(assignment: str, name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise NumbersError(f"{TABLE} gives {name} = {value!r} for {assignment}, which is not a number: ask your instructor for a new copy.")
    return value


def my_numbers(assignment: str, defaults: Mapping[str, float], *, folder: str | os.PathLike | None = None) -> Numbers:
    """This student's numbers for ``assignment`` (one value per name in ``defaults``).

    Reads ``variants.json`` in ``folder`` (default: the working folder, the notebook's own); without
    it, returns ``defaults``, the numbers the notebook publishes.
    """
    names = list(defaults)
    assigned = _ASSIGNED.get()
    if assigned is not None and assigned[0] == assignment:  # the grader, running the setup cell itself
        values = assigned[1]
        if values is None:
            return Numbers(assignment, defaults, None, "the published numbers, as the grader uses them")
        if sorted(values) != sorted(names):
            raise NumbersError(f"the grader's numbers for {assignment} name {sorted(values)}, the notebook {sorted(names)}")
        return Numbers(assignment, {n: values[n] for n in names}, None, "the grader's own numbers for the student")
    path = Path(folder if folder is not None else os.getcwd()) / TABLE
    if not path.is_file():
        return Numbers(assignment, defaults, None, f"the published numbers: there is no {TABLE} beside this notebook")
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NumbersError(f"{path} cannot be read ({exc}): download it again from your course, beside this notebook.") from None
    if not isinstance(table, dict):
        raise NumbersError(f"{path} is not a table of students' numbers: download it again from your course.")
    sid, where = student_id()
    if sid is None:
        sid, where = _caller_id(), f"{ID_NAME} in this notebook"
    if sid is None:
        raise NumbersError(
            f"This problem set gives every student their own numbers, and this notebook does not know who you are. "
            f"Write your student id (the one your instructor uses for you) in the cell at the top, "
            f'`{ID_NAME} = "your-id"`, run that cell, then run this one again.'
        )
    if sid not in table:
        raise NumbersError(
            f"The student id {sid!r} (from {where}) is not in {TABLE}, the list of this problem set's students. "
            f"Check it is written exactly as your instructor gave it (capitals count), or ask your instructor to "
            f"add you and release the problem set again."
        )
    row = table[sid]
    if not isinstance(row, dict) or sorted(row) != sorted(names):
        raise NumbersError(f"{TABLE} is for another version of {assignment} (its numbers do not match this notebook): download both again.")
    return Numbers(assignment, {n: _number(assignment, n, row[n]) for n in names}, sid, f"from {TABLE}, id from {where}")


@contextlib.contextmanager
def assigned(assignment: str, numbers: Mapping[str, float] | None) -> Iterator[None]:
    """Within the block, ``my_numbers(assignment, ...)`` returns ``numbers`` (``None``: the published defaults).

    For the grader and the authoring checks, which run a notebook's setup cell in their own process
    with numbers they derived themselves, never with a file or an id the notebook could influence.
    """
    token = _ASSIGNED.set((assignment, None if numbers is None else dict(numbers)))
    try:
        yield
    finally:
        _ASSIGNED.reset(token)
