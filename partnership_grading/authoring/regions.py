"""A spec's cells cut at nbgrader's solution and hidden-test delimiters, and nbgrader's stubs put in.

The delimiters themselves (and the markers that must never reach a student) are the grader's, in
:mod:`partnership_grading.cells`; the stubs must match ``ClearSolutions`` in ``exercises/nbgrader_config.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..cells import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION
from .text import _clean

if TYPE_CHECKING:
    from .specs import Part

# The stubs nbgrader puts in place of solutions (must match ClearSolutions in nbgrader_config.py).
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
TEXT_STUB = "YOUR ANSWER HERE"


def _region(lines: list[str], begin: str, end: str, what: str) -> tuple[int, int]:
    starts = [k for k, line in enumerate(lines) if begin in line]
    ends = [k for k, line in enumerate(lines) if end in line]
    if len(starts) != 1 or len(ends) != 1 or not starts[0] < ends[0]:
        raise ValueError(f"{what} needs exactly one '{begin}' … '{end}' region.")
    return starts[0], ends[0]


def solution_region(source: str) -> tuple[str, str, str]:
    """Split a solution cell into (before, body, after) around its solution markers."""
    lines = source.split("\n")
    i, j = _region(lines, BEGIN_SOLUTION, END_SOLUTION, "A solution cell")
    return "\n".join(lines[:i]), "\n".join(lines[i + 1 : j]), "\n".join(lines[j + 1 :])


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _indented(body: str, indent: str) -> list[str]:
    """The lines of ``body``, dedented, then indented by ``indent`` (blank lines left empty)."""
    return [indent + line if line.strip() else "" for line in _clean(body).split("\n")]


def replace_solution(source: str, body: str) -> str:
    """The solution cell with its marked region replaced by ``body`` (indented like the markers).

    ``replace_solution(cell, stub)`` is what nbgrader releases; with a student's code it is what
    that student submits.
    """
    lines = source.split("\n")
    i, j = _region(lines, BEGIN_SOLUTION, END_SOLUTION, "A solution cell")
    return "\n".join(lines[:i] + _indented(body, _indent_of(lines[i])) + lines[j + 1 :])


def released_code(source: str) -> str:
    """What nbgrader's ClearSolutions leaves in a code solution cell."""
    return replace_solution(source, "\n".join(CODE_STUB))


def fill_stub(released_source: str, body: str) -> str:
    """Put a student's ``body`` where the release has the code stub (as a student would)."""
    lines = released_source.split("\n")
    for k, line in enumerate(lines[:-1]):
        if line.strip() == CODE_STUB[0] and lines[k + 1].strip() == CODE_STUB[1]:
            return "\n".join(lines[:k] + _indented(body, _indent_of(line)) + lines[k + 2 :])
    raise ValueError("This cell has no '# YOUR CODE HERE' stub to fill in.")


def strip_hidden(tests: str) -> str:
    """The test cell as students see it: the hidden-test region removed (as ClearHiddenTests does)."""
    lines = tests.split("\n")
    i, j = _region(lines, BEGIN_HIDDEN, END_HIDDEN, "A test cell")
    return "\n".join(lines[:i] + lines[j + 1 :]).rstrip("\n")


def hidden_references(part: Part) -> set[str]:
    """What a hidden check knows and a student must not see: its reference expressions (inputs may be shown)."""
    return {c.reference for c in part.hidden if c.compare not in ("raises",) and len(c.reference) >= 12}


def hidden_tests(tests: str) -> str:
    lines = tests.split("\n")
    i, j = _region(lines, BEGIN_HIDDEN, END_HIDDEN, "A test cell")
    return "\n".join(lines[i + 1 : j])

