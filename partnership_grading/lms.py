"""Grades a learning platform imports: Canvas's gradebook CSV and Moodle's grade import CSV.

Two ``nbgrader export`` plugins (nbgrader's own extension point, chosen with ``--exporter``; the
course's command line does that for ``export --format canvas|moodle``). Each reads the scores from
nbgrader's gradebook, exactly the ``score`` ``nbgrader export`` gives (the raw score less any late
penalty, never below zero; :func:`~partnership_grading.exporters.exported_score`), rounded to two
decimals as Canvas shows them, and who each student is on the platform from the roster
(:mod:`partnership_grading.roster`). One row per roster student, one column per assignment.

**Canvas** (:class:`CanvasExport`). The columns of Canvas's own gradebook export, which its
gradebook import reads back (Instructure's ``GradebookImporter`` and ``GradebookExporter``,
``app/models/gradebook_importer.rb`` and ``lib/gradebook_exporter.rb`` in instructure/canvas-lms):
``Student`` (the name as ``Last, First``), ``ID`` (Canvas's user id), ``SIS User ID``, ``SIS Login
ID``, ``Section``, then one column per assignment; the second row starts with ``Points Possible``
and gives each assignment's points. Canvas finds a row's student by ``ID``, then ``SIS User ID``,
then ``SIS Login ID``, and only then by name, so every exported student needs one of the three
ids. An assignment column is matched to a Canvas assignment by the id in parentheses at the end of
its title (``Problem set 1 (4521)``, as Canvas exports it) or else by its exact title; an unknown
title becomes a new assignment with the points of the second row. Set the titles with
``LmsExport.columns`` (``--column A=TITLE`` on the course's command line).

**Moodle** (:class:`MoodleExport`). *Grades → Import → CSV file* (MoodleDocs, "Grade import";
``grade/import/csv/classes/load_data.php`` in moodle/moodle): the import maps one column to a user
field (*Map from* this column, *Map to* ``useremail``, ``username`` or ``useridnumber``) and each
other column to a grade item or a new one. The file has ``First name``, ``Last name``, the one
identifying column (``Email address``, ``Username`` or ``ID number``, as Moodle's own export
names them; ``MoodleExport.id_field``), then one column per assignment. A row whose identifier
Moodle does not know stops the whole import, so every exported student must have it.

**No submission.** A roster student with nothing in the gradebook for an assignment gets an empty
cell, which both platforms read as *no grade* (Canvas leaves the submission ungraded, so its
missing-submission policy and its "final score" treat it as missing; Moodle imports an empty cell
as no grade) rather than a 0 that looks like a graded attempt; ``LmsExport.no_submission = "zero"``
writes 0 instead, as ``nbgrader export`` does.

**Refusals and warnings.** A student the gradebook has a submission for but the roster does not
name is not dropped silently: the export stops and names them (``LmsExport.skip_unrostered``
exports the others and names them as a warning). So does a roster student without the id the
platform matches on. Answers nobody has graded yet count as 0, as in ``nbgrader export``, and the
log names every such submission.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Bool, Dict, Enum, Unicode

from .exporters import exported_score, pending_grades
from .roster import RosterError, Student, read_roster

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]  # then one per assignment
CANVAS_POINTS_POSSIBLE = "    Points Possible"  # as Canvas's exporter writes it; its importer looks for "Points Possible"
MOODLE_ID_FIELDS = {  # id_field -> (the column's title, the roster's column, Moodle's "Map to" choice)
    "email": ("Email address", "email", "useremail"),
    "username": ("Username", "moodle_username", "username"),
    "idnumber": ("ID number", "moodle_idnumber", "useridnumber"),
}
MOODLE_COLUMNS = ["First name", "Last name"]  # then the identifier, then one per assignment


@dataclass(frozen=True)
class Column:
    """One assignment's column: its nbgrader name, its title in the file and its points."""

    assignment: str
    title: str
    points: float


def number(x: float) -> str:
    """A score as both platforms read it: at most two decimals (as Canvas shows them), no trailing zeros."""
    text = f"{round(float(x), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def name_cell(name: str) -> str:
    """A name a spreadsheet will not run as a formula (Canvas's exporter quotes a leading '=' the same way)."""
    return f'="{name}"' if name.lstrip().startswith("=") else name


class LmsExport(ExportPlugin):
    """What the Canvas and Moodle exports share: the roster, the scores and the checks."""

    roster = Unicode("roster.csv", help="CSV file mapping nbgrader student ids to the platforms' ids (see roster.py)").tag(config=True)
    columns = Dict(key_trait=Unicode(), value_trait=Unicode(), help="assignment -> the column's title in the file").tag(config=True)
    no_submission = Enum(["blank", "zero"], default_value="blank",
                         help="what a student with no submission gets: an empty cell (no grade) or 0").tag(config=True)
    skip_unrostered = Bool(False, help="export even if the gradebook has submissions of students the roster lacks").tag(config=True)
    default_file = "grades.csv"
    platform = ""

    # -- what each platform writes ------------------------------------------------------------
    def header(self, columns: list[Column]) -> list[list[str]]:
        raise NotImplementedError

    def identity(self, student: Student) -> list[str]:
        raise NotImplementedError

    def missing_ids(self, student: Student) -> str:
        """Why the platform could not match this student ('' if it can)."""
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------------------
    def _fail(self, message: str) -> None:
        fail = getattr(self.parent, "fail", None)
        if fail is not None:
            fail(message)  # nbgrader's way: the message in the log, exit status 1
        raise RosterError(message)

    def export(self, gradebook) -> None:
        dest = Path(self.to or self.default_file)
        try:
            roster = read_roster(Path(self.roster))
        except RosterError as exc:
            self._fail(str(exc))
            return
        wanted_students = {str(s) for s in self.student}
        wanted_assignments = {str(a) for a in self.assignment}
        assignments = [a for a in gradebook.assignments if not wanted_assignments or a.name in wanted_assignments]
        unknown = wanted_assignments - {a.name for a in assignments}
        if unknown:
            self._fail(f"No assignment {sorted(unknown)} in the gradebook; it has {[a.name for a in gradebook.assignments]}.")
            return
        if not roster:
            self._fail(f"The roster {self.roster} has no students.")
            return
        columns = [Column(a.name, self.columns.get(a.name, a.name), float(a.max_score or 0)) for a in assignments]
        students = [s for s in roster.values() if not wanted_students or s.student_id in wanted_students]

        unrostered: list[str] = []
        idle: list[str] = []
        for student in gradebook.students:
            if student.id in roster or (wanted_students and student.id not in wanted_students):
                continue
            done = []
            for a in assignments:
                try:
                    done.append(f"{a.name}: {number(exported_score(gradebook.find_submission(a.name, student.id)))}")
                except MissingEntry:
                    pass
            (unrostered if done else idle).append(f"{student.id} ({', '.join(done)})" if done else student.id)
        if unrostered:
            who = (f"{len(unrostered)} student(s) with graded submissions are not in the roster {self.roster}, so "
                   f"{self.platform} gets no grade for them: {'; '.join(unrostered)}")
            if not self.skip_unrostered:
                self._fail(f"{who}. Add them to the roster, or export without them with --skip-unrostered "
                           "(LmsExport.skip_unrostered).")
                return
            self.log.warning("Left out of the %s file (skip_unrostered): %s.", self.platform, who)
        if idle:
            self.log.warning("In the gradebook but not in the roster, with no submission (left out): %s", ", ".join(idle))

        unmatched = [f"{s.student_id} ({why})" for s in students if (why := self.missing_ids(s))]
        if unmatched:
            self._fail(f"{self.platform} could not tell who {len(unmatched)} roster student(s) are: {'; '.join(unmatched)}. "
                       f"Fill in those columns of {self.roster}.")
            return

        rows, waiting, absent = [], [], []
        for student in students:
            cells = []
            for column in columns:
                try:
                    submission = gradebook.find_submission(column.assignment, student.student_id)
                except MissingEntry:
                    cells.append("0" if self.no_submission == "zero" else "")
                    absent.append(f"{student.student_id} ({column.assignment})")
                    continue
                cells.append(number(exported_score(submission)))
                pending = pending_grades(submission)
                if pending:
                    waiting.append(f"{student.student_id} ({column.assignment}: {' '.join(g.name for g in pending)})")
            rows.append(self.identity(student) + cells)

        self.log.info("Exporting %d student(s) and %d assignment(s) for %s to %s", len(rows), len(columns), self.platform, dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerows(self.header(columns))
            writer.writerows(rows)
        if absent:
            self.log.info("No submission (%s): %s", "0" if self.no_submission == "zero" else "empty cell, no grade", ", ".join(absent))
        if waiting:
            self.log.warning(
                "%d submission(s) have answers nobody has graded yet, exported with those answers at 0: %s. Grade them in "
                "the formgrader and export again before you upload the file.", len(waiting), "; ".join(waiting)
            )


class CanvasExport(LmsExport):
    """Canvas's gradebook import CSV: Student, ID, SIS User ID, SIS Login ID, Section, then the assignments."""

    default_file = "canvas-grades.csv"
    platform = "Canvas"

    def header(self, columns: list[Column]) -> list[list[str]]:
        titles = CANVAS_COLUMNS + [c.title for c in columns]
        points = [CANVAS_POINTS_POSSIBLE] + [""] * (len(CANVAS_COLUMNS) - 1) + [number(c.points) for c in columns]
        return [titles, points]

    def identity(self, s: Student) -> list[str]:
        return [name_cell(s.sortable_name), s.canvas_id, s.canvas_sis_id, s.canvas_login, s.canvas_section]

    def missing_ids(self, s: Student) -> str:
        return "" if (s.canvas_id or s.canvas_sis_id or s.canvas_login) else "no canvas_id, canvas_sis_id or canvas_login"


class MoodleExport(LmsExport):
    """Moodle's grade import CSV: First name, Last name, the identifier Moodle maps on, then the assignments."""

    id_field = Enum(list(MOODLE_ID_FIELDS), default_value="email",
                    help="the user field Moodle matches rows on: email, username or idnumber").tag(config=True)
    default_file = "moodle-grades.csv"
    platform = "Moodle"

    def header(self, columns: list[Column]) -> list[list[str]]:
        return [MOODLE_COLUMNS + [MOODLE_ID_FIELDS[self.id_field][0]] + [c.title for c in columns]]

    def identity(self, s: Student) -> list[str]:
        return [name_cell(s.first_name), name_cell(s.last_name), getattr(s, MOODLE_ID_FIELDS[self.id_field][1])]

    def missing_ids(self, s: Student) -> str:
        column = MOODLE_ID_FIELDS[self.id_field][1]
        return "" if getattr(s, column) else f"no {column}, the field Moodle matches on (MoodleExport.id_field = {self.id_field})"


PLUGINS = {"canvas": CanvasExport, "moodle": MoodleExport}
