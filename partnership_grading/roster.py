"""The class roster: who each nbgrader student is on the learning platforms, read from one CSV file.

nbgrader knows a student by the id their files are collected under (``submitted/<student_id>/``).
Canvas and Moodle know them by other ids, and an import that cannot match a row fails or, worse,
matches by name. The roster (``exercises/roster.csv``, kept out of git: it holds personal data;
``exercises/roster.example.csv`` shows the layout) has one row per student and these columns, of
which only ``student_id`` is required:

=================  ==========================================================================
column             what it is
=================  ==========================================================================
student_id         the nbgrader student id (letters, digits, ``.``, ``@``, ``-``, ``_``)
first_name         given name (nbgrader's student table, and both exports)
last_name          family name
email              e-mail address (nbgrader's table; Moodle's *Email address* identifier)
canvas_id          Canvas's numeric user id (the *ID* column of a Canvas gradebook export)
canvas_sis_id      the institution's SIS user id in Canvas (*SIS User ID*)
canvas_login       the login id in Canvas (*SIS Login ID*)
canvas_section     the Canvas section name (*Section*; Canvas shows it, does not match on it)
moodle_username    the Moodle username (Moodle's *username* identifier)
moodle_idnumber    the Moodle ID number field of the user's profile (*useridnumber*)
lms_user_id        nbgrader's own ``lms_user_id`` field, if an LTI or hub integration uses it
=================  ==========================================================================

:func:`read_roster` checks the file and says, by line, what is wrong: an unknown column (a typo
is not silently ignored), a student id nbgrader cannot use, the same student or the same platform
id twice (two students would get each other's grades), a Canvas id that is not a number, an
e-mail without ``@``. :func:`load_roster` writes the names, e-mails and ``lms_user_id`` into
nbgrader's student table with nbgrader's own ``Gradebook.update_or_create_student``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from pathlib import Path

STUDENT_ID = re.compile(r"^[A-Za-z0-9.@_-]+$")  # what the collector accepts (course.COLLECT_REGEXP)
UNIQUE = ("email", "canvas_id", "canvas_sis_id", "canvas_login", "moodle_username", "moodle_idnumber", "lms_user_id")


class RosterError(ValueError):
    """A roster that cannot be used, with every problem found, by line."""


@dataclass(frozen=True)
class Student:
    """One row of the roster (empty strings where the roster has nothing)."""

    student_id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    canvas_id: str = ""
    canvas_sis_id: str = ""
    canvas_login: str = ""
    canvas_section: str = ""
    moodle_username: str = ""
    moodle_idnumber: str = ""
    lms_user_id: str = ""

    @property
    def sortable_name(self) -> str:
        """``Last, First`` as Canvas writes a student's name (either part alone if the other is missing)."""
        return ", ".join(p for p in (self.last_name, self.first_name) if p)


COLUMNS = tuple(f.name for f in fields(Student))


def read_roster(path: Path) -> dict[str, Student]:
    """Student id -> roster row, in the file's order; :class:`RosterError` lists every problem."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(
            f"No roster at {path}. Copy exercises/roster.example.csv to {path.name}, put one row per student in it "
            "(the columns are explained in the instructor guide), and run the command again."
        )
    with path.open(newline="", encoding="utf-8-sig") as fh:  # -sig: a spreadsheet's byte-order mark is fine
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        problems = []
        if "student_id" not in header:
            raise RosterError(f"{path}: the first line must name the columns, student_id among them; it has {header or 'nothing'}.")
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            problems.append(f"unknown column(s) {unknown}; the roster's columns are {list(COLUMNS)}")
        reader.fieldnames = header
        students: dict[str, Student] = {}
        seen: dict[tuple[str, str], int] = {}
        first_line: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            values = {k: (row.get(k) or "").strip() for k in COLUMNS if k in header}
            if not any(values.values()):
                continue  # a blank line
            sid = values.get("student_id", "")
            if not sid:
                problems.append(f"line {line}: no student_id")
                continue
            if not STUDENT_ID.match(sid):
                problems.append(f"line {line}: student_id {sid!r} may only use letters, digits, '.', '@', '-' and '_'")
            if sid in students:
                problems.append(f"line {line}: student {sid} is already on line {first_line[sid]}")
                continue
            if values.get("canvas_id") and not values["canvas_id"].isdigit():
                problems.append(f"line {line}: canvas_id {values['canvas_id']!r} is not Canvas's numeric user id")
            if values.get("email") and "@" not in values["email"]:
                problems.append(f"line {line}: email {values['email']!r} has no @")
            for column in UNIQUE:
                value = values.get(column, "")
                key = (column, value.lower() if column == "email" else value)
                if value and key in seen:
                    problems.append(f"line {line}: {column} {value!r} is also on line {seen[key]}: each student needs their own")
                elif value:
                    seen[key] = line
            students[sid] = Student(**values)
            first_line[sid] = line
    if problems:
        raise RosterError(f"{path} cannot be used:\n  " + "\n  ".join(problems))
    return students


def load_roster(course, path: Path) -> list[Student]:
    """Add or update every roster student in nbgrader's student table (names, e-mail, ``lms_user_id``).

    ``course`` is a :class:`~partnership_grading.course.Course`; its gradebook is whatever database
    its configuration names. An empty roster cell clears that field: the roster is the source.
    """
    from nbgrader.api import Gradebook

    students = list(read_roster(path).values())
    with Gradebook(course.db, course.course_id) as gb:
        for s in students:
            gb.update_or_create_student(
                s.student_id, first_name=s.first_name or None, last_name=s.last_name or None,
                email=s.email or None, lms_user_id=s.lms_user_id or None,
            )
    return students
