"""The nbgrader source notebook of an assignment, as the exact text written to disk.

The cell layout of every notebook, with nbgrader metadata and meaningful grade ids:

======================  ===========================  =========================================
cell                    grade_id                     nbgrader role
======================  ===========================  =========================================
title + instructions    ``<slug>_instructions``      read-only (locked)
setup code              ``<slug>_setup``             read-only (locked)
part prompt             ``<part>_prompt``            read-only (locked)
part code               ``<part>``                   solution (autograded answer)
part tests              ``<part>_test``              autograder tests, ``points``, locked
written prompt          ``<answer>_prompt``          read-only (locked)
written answer          ``<answer>``                 manually graded answer, ``points``
======================  ===========================  =========================================
"""

from __future__ import annotations

import nbformat

from ..cells import BEGIN_SOLUTION, END_SOLUTION
from ..variants import notebook_metadata
from .conventions import check_assignment
from .preamble import STUDENT_ID_SOURCE, instructions, setup_source
from .specs import Assignment, Part
from .text import _clean, _pts

STUDENT_ID_CELL = "student-id"  # the editable cell at the top where a student may write their id


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False, points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _cell_id(grade_id: str) -> str:
    return grade_id.replace("_", "-")


def _md(source: str, meta: dict, grade_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source, id=_cell_id(grade_id), metadata=meta)


def _code(source: str, meta: dict, grade_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(source, id=_cell_id(grade_id), metadata=meta)


def build_notebook(a: Assignment) -> nbformat.NotebookNode:
    """The nbgrader source notebook of an assignment (solutions and hidden tests included)."""
    check_assignment(a)
    cells = [_md(instructions(a), _meta(f"{a.slug}_instructions", locked=True), f"{a.slug}_instructions")]
    if a.parameters:  # an ordinary cell (no nbgrader role): the student's own, kept where it is by the grader
        cells.append(nbformat.v4.new_code_cell(STUDENT_ID_SOURCE, id=STUDENT_ID_CELL))
    cells.append(_code(setup_source(a), _meta(f"{a.slug}_setup", locked=True), f"{a.slug}_setup"))
    number = 0
    for item in a.items:
        if isinstance(item, Part):
            number += 1
            heading = f"## Part {number}: {item.title} ({_pts(item.points)}, autograded)\n\n{_clean(item.prompt)}"
            cells.append(_md(heading, _meta(item.prompt_id, locked=True), item.prompt_id))
            cells.append(_code(_clean(item.solution), _meta(item.grade_id, solution=True), item.grade_id))
            cells.append(
                _code(
                    item.test_cell,
                    _meta(item.test_id, grade=True, locked=True, points=item.points),
                    item.test_id,
                )
            )
        else:
            heading = f"## Written answer: {item.title} ({_pts(item.points)}, graded by hand)\n\n{_clean(item.prompt)}"
            cells.append(_md(heading, _meta(item.prompt_id, locked=True), item.prompt_id))
            answer = f"{BEGIN_SOLUTION}\n{_clean(item.exemplar)}\n{END_SOLUTION}"
            cells.append(_md(answer, _meta(item.grade_id, grade=True, solution=True, points=item.points), item.grade_id))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat_minor = 5
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {
            "codemirror_mode": {"name": "ipython", "version": 3},
            "file_extension": ".py",
            "mimetype": "text/x-python",
            "name": "python",
            "nbconvert_exporter": "python",
            "pygments_lexer": "ipython3",
        },
    }
    if a.parameters:  # the grader derives each student's numbers from these (partnership_grading/variants.py)
        nb.metadata["partnership"] = {"variants": notebook_metadata(a.parameters, a.constraints)}
    nbformat.validate(nb)
    return nb


def notebook_text(a: Assignment) -> str:
    """The notebook as the exact text written to disk (sorted keys, one-space indent, final newline)."""
    text = nbformat.writes(build_notebook(a), version=4)
    return text if text.endswith("\n") else text + "\n"

