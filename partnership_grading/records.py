"""The plain data that crosses the grading engine's seams, typed: what the gradebook says an assignment
is, what a grading task carries to a Dask worker, and what the worker sends back.

They are dictionaries, not classes, because they travel as they are: pickled to a worker and back
(:func:`partnership_grading.parallel.task.grade_submission`), hashed as JSON to decide whether a student
must be regraded (:func:`~partnership_grading.parallel.state.definitions_hash`). ``TypedDict`` lets mypy
check every key that is written or read without changing what travels.
"""

from __future__ import annotations

from typing import Any, TypedDict


class NotebookDefinition(TypedDict):
    """One released notebook as nbgrader's gradebook defines it (the cells, sorted by name)."""

    kernelspec: str | None
    source: list[tuple[str, str, bool, str, str]]  # (cell, cell type, locked, source, checksum)
    grade: list[tuple[str, str, float]]  # (cell, cell type, max score)
    solution: list[str]
    task: list[tuple[str, str, float]]  # (cell, cell type, max score)


class AssignmentDefinition(TypedDict):
    """An assignment as the course's gradebook knows it: what students were released."""

    assignment: str
    duedate: str | None  # ISO 8601
    notebooks: dict[str, NotebookDefinition]


class AssignmentKit(TypedDict):
    """What every task of one assignment carries besides the student's files (built once per run)."""

    assignment: str
    course_id: str
    config: Any  # the loaded nbgrader configuration (a traitlets Config), without the course's root and database
    source: dict[str, bytes]  # source/<assignment>/ as {relative path: bytes}
    gradebook: bytes  # an SQLite gradebook holding only the assignment's definitions


class NotebookGrades(TypedDict):
    """One autograded notebook of one student: what nbgrader wrote in the worker's gradebook."""

    flagged: bool
    late_penalty: float | None
    grades: dict[str, float | None]  # grade cell -> automatic score (None: needs a grade by hand)
    comments: dict[str, str | None]  # comment cell -> automatic comment


class TaskResult(TypedDict):
    """What one grading task returns to the coordinator, the only writer of the course's gradebook."""

    student: str
    timestamp: str | None  # the submission's time stamp, ISO 8601
    notebooks: dict[str, NotebookGrades]
    findings: list[dict[str, Any]]  # Finding.to_dict() of every integrity finding
    autograded: dict[str, bytes]  # autograded/<student>/<assignment>/ as {relative path: bytes}
    seconds: float
