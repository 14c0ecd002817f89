"""The notebook exporter that plain ``nbgrader autograde`` (and the formgrader's button) reads submissions with.

nbgrader reads each submission with ``nbformat.read``; a file that is not a notebook (not JSON, cut
off by an interrupted upload, an nbformat it cannot read) raises, nbgrader reports an error for the
whole student and leaves the gradebook as it was: no score, or an earlier submission's scores.
:class:`ZeroIfUnreadable` turns such a file into an empty notebook instead, with the reason in
``resources``: :class:`~partnership_grading.preprocessors.RestoreStructure` then rebuilds the
release's cells with empty answers, so every part scores zero, and
:class:`~partnership_grading.preprocessors.RecordFindings` flags the submission with the reason.
``exercises/nbgrader_config.py`` sets it as ``Autograde.exporter_class``.

:class:`CsvWithPendingGrades` is the course's ``nbgrader export``: nbgrader's CSV plus the answers
still to be graded by hand (see its docstring).
"""

from __future__ import annotations

import csv
import datetime
import os
from pathlib import Path

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.exporters.exporter import ResourcesDict
from nbgrader.api import MissingEntry
from nbgrader.plugins import CsvExportPlugin

from .integrity import read_problem

UNREADABLE = "partnership_unreadable"  # the resources key that carries the reason


class ZeroIfUnreadable(NotebookExporter):
    """nbgrader's NotebookExporter, except that an unreadable file becomes an empty notebook to grade as zero."""

    def from_filename(self, filename: str, resources: dict | None = None, **kw):
        problem = read_problem(Path(filename))
        if problem is None:
            return super().from_filename(filename, resources=resources, **kw)
        resources = ResourcesDict() if resources is None else resources
        if not resources.get("metadata"):
            resources["metadata"] = ResourcesDict()
        path, basename = os.path.split(filename)
        resources["metadata"]["name"] = os.path.splitext(basename)[0]
        resources["metadata"]["path"] = path
        modified = datetime.datetime.fromtimestamp(os.path.getmtime(filename), tz=datetime.timezone.utc)
        resources["metadata"]["modified_date"] = modified.strftime("%B %d, %Y")
        resources[UNREADABLE] = problem
        return self.from_notebook_node(nbformat.v4.new_notebook(), resources=resources, **kw)


# ---------------------------------------------------------------------------------------------
# `nbgrader export` that says which answers are still to be graded


def is_ungraded(grade) -> bool:
    """A gradebook grade that nobody has given yet: no manual score, and no automatic one that stands.

    That is a written answer the student changed (nbgrader gives an unchanged one 0 automatically)
    until someone grades it in the formgrader, or any cell nbgrader itself marked for a manual grade.
    """
    return grade.manual_score is None and (grade.auto_score is None or bool(grade.needs_manual_grade))


def exported_score(submission) -> float:
    """The score ``nbgrader export`` gives a submission: its raw score less the late penalty, never below 0."""
    return max(0.0, submission.score - submission.late_submission_penalty)


def pending_grades(submission) -> list:
    """The submission's grades nobody has given yet (:func:`is_ungraded`), by notebook and grade id."""
    return [g for _, _, g in sorted((nb.name, g.name, g) for nb in submission.notebooks for g in nb.grades if is_ungraded(g))]


EXPORT_COLUMNS = [  # nbgrader's CsvExportPlugin's columns, then the course's three
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
    "raw_score", "late_submission_penalty", "score", "max_score",
    "ungraded_answers", "ungraded_points", "ungraded_cells",
]


class CsvWithPendingGrades(CsvExportPlugin):
    """nbgrader's CSV export, plus the answers still to be graded by hand, and a warning about them.

    nbgrader counts a written answer nobody has graded as 0, so a class exported before the
    formgrader is done looks complete and wrong. The same rows and columns as nbgrader's
    ``CsvExportPlugin`` (its ``score`` is unchanged, so the file still imports where nbgrader's did),
    then ``ungraded_answers`` (how many), ``ungraded_points`` (what they are worth) and
    ``ungraded_cells`` (their grade ids); every such submission is also named in the log.
    ``exercises/nbgrader_config.py`` sets it as ``ExportApp.plugin_class``.
    """

    def export(self, gradebook) -> None:
        dest = self.to or "grades.csv"
        students = {str(s) for s in self.student}
        assignments = {str(a) for a in self.assignment}
        self.log.info("Exporting grades to %s", dest)
        rows, waiting = [], []
        for assignment in gradebook.assignments:
            if assignments and assignment.name not in assignments:
                continue
            for student in gradebook.students:
                if students and student.id not in students:
                    continue
                row = {
                    "assignment": assignment.name, "duedate": assignment.duedate, "student_id": student.id,
                    "last_name": student.last_name, "first_name": student.first_name, "email": student.email,
                    "max_score": assignment.max_score, "timestamp": "", "raw_score": 0.0,
                    "late_submission_penalty": 0.0, "score": 0.0, "ungraded_answers": 0, "ungraded_points": 0.0,
                    "ungraded_cells": "",
                }
                try:
                    submission = gradebook.find_submission(assignment.name, student.id)
                except MissingEntry:
                    pass  # nothing submitted: zero, as nbgrader exports it
                else:
                    row.update(timestamp=submission.timestamp, raw_score=submission.score,
                               late_submission_penalty=submission.late_submission_penalty, score=exported_score(submission))
                    pending = pending_grades(submission)
                    if pending:
                        row.update(ungraded_answers=len(pending), ungraded_points=sum(float(g.max_score or 0) for g in pending),
                                   ungraded_cells=" ".join(g.name for g in pending))
                        waiting.append(f"{student.id} ({assignment.name}: {row['ungraded_cells']})")
                rows.append({k: "" if v is None else str(v) for k, v in row.items()})
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        if waiting:
            self.log.warning(
                "%d submission(s) have answers nobody has graded yet, exported with those answers at 0 "
                "(columns ungraded_answers, ungraded_points, ungraded_cells): %s", len(waiting), "; ".join(waiting)
            )
