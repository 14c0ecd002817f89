"""What a notebook cell is to nbgrader and to this grader: the delimiters, a cell's kind and its label.

nbgrader's own :func:`~nbgrader.utils.is_grade`, :func:`~nbgrader.utils.is_solution` and
:func:`~nbgrader.utils.is_locked` decide a cell's kind (imported when first asked: importing
nbgrader loads its server extensions, seconds that the specs, the book and the tests that only
need the delimiters should not pay). They expect nbgrader metadata that is a
mapping, which holds once :class:`~partnership_grading.preprocessors.RestoreStructure` has reset
every cell's metadata to the release's; that step, the only one that meets the metadata as a
student handed it in, reads it through :func:`nbgrader_meta`.

>>> import nbformat
>>> test = nbformat.v4.new_code_cell("assert x == 1", metadata={"nbgrader": {"grade": True, "locked": True, "grade_id": "t1", "points": 1}})
>>> is_test(test), is_setup(test), is_student_code(test), label(test, 4)
(True, False, False, 't1')
>>> label(nbformat.v4.new_code_cell("x = 1"), 4)
'cell 5'
>>> without_hidden("visible\\n### BEGIN HIDDEN TESTS\\nsecret\\n### END HIDDEN TESTS\\n")
'visible\\n'
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["BEGIN_HIDDEN", "BEGIN_SOLUTION", "END_HIDDEN", "END_SOLUTION", "HIDDEN", "HIDDEN_REGION", "MARKERS",
           "is_setup", "is_student_code", "is_test", "label", "nbgrader_meta", "released_source", "without_hidden"]

# nbgrader's delimiters (its ClearSolutions and ClearHiddenTests defaults), as the specs write them.
BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
# Strings that must never reach a student or the published book.
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME")

# A hidden region, delimiter lines included (nbgrader matches the words anywhere on the line).
HIDDEN = re.compile(r"^[^\n]*BEGIN HIDDEN TESTS.*?END HIDDEN TESTS[^\n]*(\n|$)", re.S | re.M)
# The same, with the body between the delimiter lines as group 1.
HIDDEN_REGION = re.compile(r"^[^\n]*BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[^\n]*END HIDDEN TESTS[^\n]*(\n|$)", re.S | re.M)


def nbgrader_meta(cell: Any) -> dict | None:
    """The cell's nbgrader metadata if it is a mapping (a hand-edited notebook can hold anything there)."""
    metadata = cell.get("metadata")
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else None


def label(cell: Any, index: int) -> str:
    """How findings and messages name a cell: its grade id, or its position (``index`` counts from 0)."""
    return (nbgrader_meta(cell) or {}).get("grade_id") or f"cell {index + 1}"


def is_test(cell: Any) -> bool:
    """An autograded test cell: code whose points the tests decide."""
    from nbgrader.utils import is_grade, is_solution

    return cell.cell_type == "code" and bool(is_grade(cell)) and not is_solution(cell)


def is_setup(cell: Any) -> bool:
    """A locked code cell that is not a test: the assignment's own setup, run as released."""
    from nbgrader.utils import is_grade, is_locked

    return cell.cell_type == "code" and bool(is_locked(cell)) and not is_grade(cell)


def is_student_code(cell: Any) -> bool:
    """A code cell a student may edit (an answer cell or an ordinary one)."""
    from nbgrader.utils import is_locked

    return cell.cell_type == "code" and not is_locked(cell)


def without_hidden(source: str | list[str]) -> str:
    """A test cell as students see it: every hidden region removed."""
    return HIDDEN.sub("", source if isinstance(source, str) else "".join(source))


def released_source(source: str | list[str]) -> str:
    """A locked cell as students received it, for comparing: hidden tests removed, trailing space ignored."""
    return "\n".join(line.rstrip() for line in without_hidden(source).strip().splitlines())
