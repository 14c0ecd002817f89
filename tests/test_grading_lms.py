"""Grades for Canvas and Moodle (partnership_grading/lms.py) and the roster (partnership_grading/roster.py).

A real nbgrader gradebook (SQLite, built with nbgrader's own API as autograding and the formgrader
would fill it) holds two assignments and these students:

- ``alice``: everything graded; ``bob``: a written answer nobody has graded yet, nothing for ps2;
- ``carol_smith``: a late penalty on ps1; ``dave``: on the roster, nothing in the gradebook at all;
- ``zed``: a graded ps1 but not on the roster; ``idle``: in the gradebook, not on the roster, nothing submitted.

The export plugins are run on it in-process (the formats, the checks) and once through the course's
command line, which runs ``nbgrader export --exporter=…`` itself.
"""

from __future__ import annotations

import csv
import datetime
import logging
import os
import shutil
import sys
from pathlib import Path

import pytest

from partnership_grading import lms
from partnership_grading.course import Course
from partnership_grading.exporters import CsvWithPendingGrades
from partnership_grading.roster import COLUMNS, RosterError, load_roster, read_roster

ROOT = Path(__file__).resolve().parent.parent
COURSE_ID = "partners-and-rivals"
ROSTER = """student_id,first_name,last_name,email,canvas_id,canvas_sis_id,canvas_login,canvas_section,moodle_username,moodle_idnumber
alice,Alice,Adams,alice.adams@example.edu,10001,S1000001,aadams,Section 01,aadams,S1000001
bob,Bob,Baker,bob.baker@example.edu,10002,S1000002,bbaker,Section 01,bbaker,S1000002
carol_smith,Carol,Smith,carol.smith@example.edu,10003,S1000003,csmith,Section 02,csmith,S1000003
dave,Dave,Diaz,dave.diaz@example.edu,10004,S1000004,ddiaz,Section 02,ddiaz,S1000004
"""
# (student, assignment) -> {grade cell: (auto score, manual score)}; None where nobody has given that score
GRADES = {
    ("alice", "ps1"): {"p1": (4.0, None), "w1": (None, 5.0)},
    ("alice", "ps2"): {"q1": (6.0, None), "q2": (1.75, None)},
    ("bob", "ps1"): {"p1": (4.0, None), "w1": (None, None)},
    ("carol_smith", "ps1"): {"p1": (2.0, None), "w1": (None, 3.0)},
    ("carol_smith", "ps2"): {"q1": (6.0, None), "q2": (3.5, None)},
    ("zed", "ps1"): {"p1": (3.0, None), "w1": (None, 0.0)},
}
CELLS = {"ps1": {"p1": (4, "code"), "w1": (5, "markdown")}, "ps2": {"q1": (6, "code"), "q2": (3.5, "code")}}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A course folder: the course's nbgrader_config.py, a gradebook with the class above, the roster."""
    from nbgrader.api import Gradebook

    root = tmp_path_factory.mktemp("lms") / "course"
    root.mkdir()
    shutil.copy2(ROOT / "exercises" / "nbgrader_config.py", root / "nbgrader_config.py")
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:  # nbgrader runs alembic from PATH to create a gradebook
        mp.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gb:
            for n, (assignment, cells) in enumerate(CELLS.items()):
                gb.add_assignment(assignment, duedate=datetime.datetime(2026, 3, 1 + 7 * n))
                gb.add_notebook(assignment, assignment)
                for cell, (points, kind) in cells.items():
                    gb.add_grade_cell(cell, assignment, assignment, max_score=points, cell_type=kind)
                    if kind == "markdown":
                        gb.add_solution_cell(cell, assignment, assignment)
            for student in ("alice", "bob", "carol_smith", "zed", "idle"):
                gb.add_student(student)
            for (student, assignment), scores in GRADES.items():
                gb.add_submission(assignment, student)
                for cell, (auto, manual) in scores.items():
                    grade = gb.find_grade(cell, assignment, assignment, student)
                    grade.auto_score, grade.manual_score = auto, manual
                    grade.needs_manual_grade = auto is None and manual is None
            gb.find_submission_notebook("ps1", "ps1", "carol_smith").late_submission_penalty = 1.0
            gb.db.commit()
    return root


@pytest.fixture
def gradebook(course):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        yield gb


def _export(plugin_class, gradebook, course: Path, tmp_path: Path, **traits) -> list[list[str]]:
    traits.setdefault("roster", str(course / "roster.csv"))
    plugin = plugin_class(to=str(tmp_path / "out.csv"), **traits)
    plugin.log = logging.getLogger("lms-test")
    plugin.export(gradebook)
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _without_zed(**traits) -> dict:
    return {"skip_unrostered": True, **traits}


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_canvas_has_its_header_its_points_possible_row_and_the_rosters_ids(gradebook, course, tmp_path):
    rows = _export(lms.CanvasExport, gradebook, course, tmp_path, **_without_zed())
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "ps1", "ps2"]
    assert rows[1] == ["    Points Possible", "", "", "", "", "9", "9.5"]
    assert rows[2:] == [
        ["Adams, Alice", "10001", "S1000001", "aadams", "Section 01", "9", "7.75"],
        ["Baker, Bob", "10002", "S1000002", "bbaker", "Section 01", "4", ""],  # ps2: no submission
        ["Smith, Carol", "10003", "S1000003", "csmith", "Section 02", "4", "9.5"],  # 5 less the late penalty of 1
        ["Diaz, Dave", "10004", "S1000004", "ddiaz", "Section 02", "", ""],  # on the roster, never submitted
    ]


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_moodle_has_the_names_the_identifier_it_maps_on_and_one_column_per_item(gradebook, course, tmp_path):
    rows = _export(lms.MoodleExport, gradebook, course, tmp_path, **_without_zed())
    assert rows[0] == ["First name", "Last name", "Email address", "ps1", "ps2"]
    assert rows[1] == ["Alice", "Adams", "alice.adams@example.edu", "9", "7.75"]
    assert rows[3] == ["Carol", "Smith", "carol.smith@example.edu", "4", "9.5"]
    assert rows[4] == ["Dave", "Diaz", "dave.diaz@example.edu", "", ""]
    for field, title, value in (("username", "Username", "aadams"), ("idnumber", "ID number", "S1000001")):
        rows = _export(lms.MoodleExport, gradebook, course, tmp_path, id_field=field, **_without_zed())
        assert rows[0][2] == title and rows[1][2] == value


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_the_scores_are_the_totals_nbgrader_export_gives(gradebook, course, tmp_path):
    canvas = {r[1]: r[5:] for r in _export(lms.CanvasExport, gradebook, course, tmp_path, **_without_zed())[2:]}
    plugin = CsvWithPendingGrades(to=str(tmp_path / "nbgrader.csv"))  # the course's `nbgrader export`
    plugin.log = logging.getLogger("lms-test")
    plugin.export(gradebook)
    with (tmp_path / "nbgrader.csv").open(newline="", encoding="utf-8") as fh:
        theirs = {(r["student_id"], r["assignment"]): float(r["score"]) for r in csv.DictReader(fh)}
    roster = read_roster(course / "roster.csv")
    submitted = [(s, a) for s, a in GRADES if s in roster]
    assert len(submitted) == 5
    for student, assignment in submitted:
        cell = canvas[roster[student].canvas_id][["ps1", "ps2"].index(assignment)]
        assert float(cell) == pytest.approx(round(theirs[(student, assignment)], 2)), (student, assignment)
    assert theirs[("carol_smith", "ps1")] == 4.0 and theirs[("bob", "ps2")] == 0.0, "nbgrader's zero for no submission"


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_a_student_missing_from_the_roster_stops_the_export_and_is_named(gradebook, course, tmp_path, caplog):
    with pytest.raises(RosterError, match=r"1 student\(s\) with graded submissions are not in the roster .*: zed \(ps1: 3\)"):
        _export(lms.CanvasExport, gradebook, course, tmp_path)
    assert not (tmp_path / "out.csv").exists(), "nothing half-written to upload"
    with caplog.at_level(logging.WARNING, logger="lms-test"):
        rows = _export(lms.CanvasExport, gradebook, course, tmp_path, skip_unrostered=True)
    assert "zed (ps1: 3)" in caplog.text and "Left out of the Canvas file (skip_unrostered)" in caplog.text
    assert "not in the roster, with no submission (left out): idle" in caplog.text
    assert all("zed" not in " ".join(r) for r in rows)


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_answers_nobody_has_graded_are_exported_as_0_with_a_warning(gradebook, course, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="lms-test"):
        _export(lms.MoodleExport, gradebook, course, tmp_path, **_without_zed())
    assert "1 submission(s) have answers nobody has graded yet" in caplog.text and "bob (ps1: w1)" in caplog.text


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_no_submission_can_be_a_zero_and_columns_can_carry_the_platforms_titles(gradebook, course, tmp_path):
    rows = _export(lms.CanvasExport, gradebook, course, tmp_path, no_submission="zero",
                   columns={"ps1": "Problem set 1 (4521)"}, **_without_zed())
    assert rows[0][5:] == ["Problem set 1 (4521)", "ps2"]
    assert rows[3][5:] == ["4", "0"] and rows[5][5:] == ["0", "0"]
    only = _export(lms.CanvasExport, gradebook, course, tmp_path, assignment=["ps2"], student=["alice"])
    assert only[0][5:] == ["ps2"] and len(only) == 3 and only[2][-1] == "7.75"


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_a_student_the_platform_cannot_match_stops_the_export(gradebook, course, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER.replace("10004,S1000004,ddiaz,Section 02,ddiaz,", ",,,Section 02,,"), encoding="utf-8")
    with pytest.raises(RosterError, match=r"Canvas could not tell who 1 roster student\(s\) are: dave \(no canvas_id"):
        _export(lms.CanvasExport, gradebook, course, tmp_path, roster=str(roster), **_without_zed())
    with pytest.raises(RosterError, match=r"Moodle could not tell who .*dave \(no moodle_username"):
        _export(lms.MoodleExport, gradebook, course, tmp_path, roster=str(roster), id_field="username", **_without_zed())
    rows = _export(lms.MoodleExport, gradebook, course, tmp_path, roster=str(roster), **_without_zed())
    assert rows[4][2] == "dave.diaz@example.edu", "matched on e-mail, dave is fine"


def test_scores_and_names_are_written_as_both_platforms_read_them():
    assert [lms.number(x) for x in (0.0, 9.0, 7.75, 13.3333, 2.5, -0.0, 1e-9)] == ["0", "9", "7.75", "13.33", "2.5", "0", "0"]
    assert lms.name_cell("=HYPERLINK(1)") == '="=HYPERLINK(1)"' and lms.name_cell("Adams, Alice") == "Adams, Alice"


# ---------------------------------------------------------------------------------------------
# The roster


def test_the_shipped_example_roster_is_valid_and_has_every_column():
    path = ROOT / "exercises" / "roster.example.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == list(COLUMNS)
    students = read_roster(path)
    assert list(students) == ["alice", "bob", "carol_smith"] and students["alice"].sortable_name == "Adams, Alice"


@pytest.mark.parametrize("text, problem", [
    ("student_id,first_nme\nalice,Alice\n", r"unknown column\(s\) \['first_nme'\]"),
    ("student_id,email\nalice,a@x.org\nalice,b@x.org\n", r"line 3: student alice is already on line 2"),
    ("student_id,email\nalice,A@x.org\nbob,a@x.org\n", r"line 3: email 'a@x.org' is also on line 2"),
    ("student_id,canvas_id\nalice,u123\n", r"line 2: canvas_id 'u123' is not Canvas's numeric user id"),
    ("student_id,email\nalice,alice.example.org\n", r"line 2: email 'alice.example.org' has no @"),
    ("student_id\nal ice\n", r"line 2: student_id 'al ice' may only use"),
    ("first_name\nAlice\n", r"student_id among them"),
    ("student_id,canvas_login\nalice,aa\nbob,aa\n", r"line 3: canvas_login 'aa' is also on line 2"),
])
def test_a_roster_with_a_mistake_is_refused_with_the_line(tmp_path, text, problem):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError, match=problem):
        read_roster(path)


def test_a_spreadsheets_byte_order_mark_blank_lines_and_spaces_are_fine(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffstudent_id, email \n alice , alice@x.org \n\n,\nbob,\n".encode("utf-8"))
    students = read_roster(path)
    assert list(students) == ["alice", "bob"] and students["alice"].email == "alice@x.org"
    with pytest.raises(RosterError, match="No roster at .*roster.example.csv"):
        read_roster(tmp_path / "missing.csv")


@pytest.mark.slow  # a real nbgrader gradebook (SQLite, made through alembic)
def test_roster_load_puts_names_and_emails_into_nbgraders_student_table(course, capsys):
    from nbgrader.api import Gradebook

    from partnership_grading.__main__ import main

    assert main(["--course", str(course), "roster", "load", str(course / "roster.csv")]) == 0
    assert "4 student(s) added or updated" in capsys.readouterr().out
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        alice, dave = gb.find_student("alice"), gb.find_student("dave")
        assert (alice.first_name, alice.last_name, alice.email) == ("Alice", "Adams", "alice.adams@example.edu")
        assert dave.email == "dave.diaz@example.edu", "a student nbgrader did not know is added"
        assert gb.find_student("zed").email is None, "students not on the roster are left alone"
    (course / "bad.csv").write_text("student_id,mail\nalice,x\n", encoding="utf-8")
    assert main(["--course", str(course), "roster", "load", str(course / "bad.csv")]) == 1
    assert "unknown column(s) ['mail']" in capsys.readouterr().err
    assert [s.student_id for s in load_roster(Course(course), course / "roster.csv")] == ["alice", "bob", "carol_smith", "dave"]


@pytest.mark.slow
def test_the_command_line_runs_nbgraders_export_with_the_plugins(course, capsys):
    from partnership_grading.__main__ import main

    capsys.readouterr()
    assert main(["--course", str(course), "export", "--format", "canvas"]) == 1, "zed is not on the roster"
    assert "zed (ps1: 3)" in capsys.readouterr().err
    assert main(["--course", str(course), "export", "--format", "canvas", "--skip-unrostered",
                 "--column", "ps1=Problem set 1 (4521)"]) == 0
    with (course / "canvas-grades.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Problem set 1 (4521)", "ps2"]
    assert rows[1][0] == "    Points Possible" and rows[2][1] == "10001"
    assert main(["--course", str(course), "export", "--format", "moodle", "--moodle-id", "idnumber", "--skip-unrostered",
                 "--to", str(course / "m.csv")]) == 0
    with (course / "m.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["First name", "Last name", "ID number", "ps1", "ps2"] and rows[1][2] == "S1000001"
    assert main(["--course", str(course), "export", "--format", "canvas", "--column", "oops"]) == 1
