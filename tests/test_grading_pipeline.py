"""The real nbgrader pipeline, end to end, for every assignment, in a temporary course directory.

One module-scoped run releases all assignments, collects three students per assignment from a
folder holding a zip and loose files, autogrades, records a manual grade, generates feedback,
exports the gradebook and writes the grade summary, all through ``partnership_grading.course``,
i.e. nbgrader's own commands. The course gives every student their own numbers (a course secret and
a roster: the release ships ``variants.json``), so the grader derives each student's numbers. The students:

- ``alice`` submits the solutions (through a zip, one folder per student) -> full autograded points;
- ``bob`` submits the untouched release -> zero, and the batch goes on;
- ``carol_smith`` answers every other part correctly and the rest hard-coded, typed in for the
  published numbers (or with a plausible mistake) -> exactly the points of the parts she answered.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading import course as wf
from partnership_grading import variants
from partnership_grading.summary import write_reports

from . import synthetic_students as synthetic
from .test_grading_leaks import PUBLIC_LINES, _norm

ROOT = Path(__file__).resolve().parent.parent
SPECS = au.load_specs(ROOT / "exercises")
NAMES = [a.name for a in SPECS]
STUDENTS = ["alice", "bob", "carol_smith"]

pytestmark = pytest.mark.slow


def partial_choice(a: au.Assignment) -> dict[str, str]:
    return {p.grade_id: "solution" if k % 2 == 0 else ("hardcoded" if p.hardcoded else "wrong") for k, p in enumerate(a.parts)}


@dataclass
class Pipeline:
    course: wf.Course
    released: dict[str, Path] = field(default_factory=dict)
    collected: dict[str, wf.Collected] = field(default_factory=dict)
    runs: dict[str, wf.AutogradeRun] = field(default_factory=dict)
    feedback: list[Path] = field(default_factory=list)
    csv_rows: list[dict] = field(default_factory=list)
    reports: dict[str, dict[str, Path]] = field(default_factory=dict)
    validate_log: str = ""


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> Pipeline:
    tmp = tmp_path_factory.mktemp("grading")
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course")
    (course.root / variants.SECRET_FILE).write_text("pipeline-secret\n", encoding="utf-8")  # per-student numbers
    (tmp / "roster.csv").write_text("id\n" + "\n".join(STUDENTS) + "\n", encoding="utf-8")
    run = Pipeline(course)
    for a in SPECS:  # 1. release, with every rostered student's numbers beside the notebook
        (run.released[a.name],) = wf.release(course, [a.name], roster=tmp / "roster.csv")
    for a in SPECS:  # 2. students' files: a zip (folder per student) and loose files, plus strays
        released = nbformat.read(run.released[a.name], as_version=4)
        inbox = tmp / "inbox" / a.name
        (inbox / "alice").mkdir(parents=True)
        nbformat.write(synthetic.student_submission(released, a, synthetic.answer_bodies(a, "solution")), inbox / "alice" / a.notebook)
        with zipfile.ZipFile(inbox / "batch.zip", "w") as zf:
            zf.write(inbox / "alice" / a.notebook, f"alice/{a.notebook}")
        shutil.rmtree(inbox / "alice")
        shutil.copyfile(run.released[a.name], inbox / f"bob_{a.notebook}")
        partial = synthetic.student_submission(released, a, synthetic.answer_bodies(a, partial_choice(a)), written=False)
        nbformat.write(partial, inbox / f"carol_smith_{a.notebook}")
        (inbox / "readme.txt").write_text("not a submission")
        shutil.copyfile(run.released[a.name], inbox / f"dave {a.notebook}")
        run.collected[a.name] = wf.collect(course, a.name, inbox)
    for r in wf.autograde(course):  # 3. autograde every assignment, all students in one nbgrader run each
        run.runs[r.assignment] = r
    from nbgrader.api import Gradebook  # 4. a manual grade, as the formgrader would record it

    with Gradebook(course.db, course.course_id) as gb:
        for a in SPECS:
            for w in a.written:
                grade = gb.find_grade(w.grade_id, a.name, a.name, "alice")
                grade.manual_score = float(w.points)
            gb.db.commit()
    run.feedback = wf.feedback(course)  # 5. feedback
    with wf.export(course, tmp / "grades.csv").open(newline="") as fh:  # 6. export
        run.csv_rows = list(csv.DictReader(fh))
    for a in SPECS:  # 7. grade summary
        run.reports[a.name] = write_reports(course, a.name)
    alice = [course.root / "submitted" / "alice" / a.name / a.notebook for a in SPECS]  # 8. the student's check
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", *map(str, alice)], capture_output=True, text=True, env=course.env()
    )
    run.validate_log = proc.stdout + proc.stderr
    timings = {a: {"submissions": len(r.students), "seconds": round(r.seconds, 2), "per_submission": round(r.seconds_per_submission, 2)} for a, r in run.runs.items()}
    (tmp / "timings.json").write_text(json.dumps(timings, indent=1))
    print("\nautograde timings:", json.dumps(timings))
    return run


def _scores(course: wf.Course, assignment: str) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(course.db, course.course_id) as gb:
        for sub in gb.assignment_submissions(assignment):
            out[sub.student.id] = {g.name: float(g.score or 0) for nb in sub.notebooks for g in nb.grades}
            out[sub.student.id]["__code__"] = float(sub.code_score)
            out[sub.student.id]["__max_code__"] = float(sub.max_code_score)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_release_is_the_student_version(pipeline, name):
    a = next(s for s in SPECS if s.name == name)
    nb = nbformat.read(pipeline.released[name], as_version=4)
    nbformat.validate(nb)
    cells = {c.metadata.nbgrader["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}
    for p in a.parts:
        assert cells[p.grade_id].source == au.released_code(au._clean(p.solution)), "ClearSolutions left what students see"
        assert cells[p.test_id].source.rstrip() == au.strip_hidden(p.test_cell).rstrip(), "hidden tests removed"
        assert cells[p.test_id].metadata.editable is False and cells[p.test_id].metadata.deletable is False
    for w in a.written:
        assert cells[w.grade_id].source == au.TEXT_STUB
    for gid in (f"{a.slug}_instructions", f"{a.slug}_setup"):
        assert cells[gid].metadata.editable is False, f"{gid} is locked"
    text = pipeline.released[name].read_text(encoding="utf-8")
    assert not any(marker in text for marker in au.MARKERS)


@pytest.mark.parametrize("name", [a.name for a in SPECS if a.parameters])
def test_the_release_ships_each_student_s_numbers(pipeline, name):
    import json

    a = next(s for s in SPECS if s.name == name)
    table = json.loads((pipeline.released[name].parent / variants.TABLE).read_text(encoding="utf-8"))
    assert table == {s: variants.derive(a.parameters, name, s, "pipeline-secret", a.constraints) for s in STUDENTS}


@pytest.mark.parametrize("name", NAMES)
def test_collect_files_every_student_and_lists_the_strays(pipeline, name):
    got = pipeline.collected[name]
    assert got.students == STUDENTS
    for student in STUDENTS:
        assert (pipeline.course.root / "submitted" / student / name / f"{name}.ipynb").is_file()
    assert any(s.startswith("readme.txt") for s in got.skipped)
    assert any(s.startswith(f"dave {name}.ipynb") for s in got.skipped), "a file named outside the convention is reported"


@pytest.mark.parametrize("name", NAMES)
def test_autograde_gives_full_zero_and_exactly_partial_points(pipeline, name):
    a = next(s for s in SPECS if s.name == name)
    run = pipeline.runs[name]
    assert run.returncode == 0 and run.students == STUDENTS, "the untouched notebook does not stop the batch"
    scores = _scores(pipeline.course, name)
    assert scores["alice"]["__code__"] == scores["alice"]["__max_code__"] == a.auto_points
    assert scores["bob"]["__code__"] == 0
    choice = partial_choice(a)
    assert scores["carol_smith"]["__code__"] == synthetic.expected_auto_points(a, choice)
    for p in a.parts:  # part by part: the hidden tests took the hard-coded answers' points away
        want = p.points if choice[p.grade_id] == "solution" else 0
        assert scores["carol_smith"][p.test_id] == want, f"{p.test_id} ({choice[p.grade_id]})"
    for student in STUDENTS:
        assert (pipeline.course.root / "autograded" / student / name / f"{name}.ipynb").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_feedback_is_html_for_every_student(pipeline, name):
    for student in STUDENTS:
        page = pipeline.course.root / "feedback" / student / name / f"{name}.html"
        assert page in pipeline.feedback
        html = page.read_text(encoding="utf-8")
        assert html.lstrip().lower().startswith("<!doctype html") and "Score:" in html


def _hidden_test_lines(a: au.Assignment) -> set[str]:
    """The hidden checks' references and their data block's name: feedback may name a failing input, never these."""
    lines = {"HIDDEN_CHECKS"}
    for p in a.parts:
        lines |= {_norm(r) for r in au.hidden_references(p)}
    return {x for x in lines if x not in PUBLIC_LINES}


@pytest.mark.parametrize("name", NAMES)
def test_feedback_shows_each_failed_check_but_not_the_hidden_tests_code(pipeline, name):
    """Hidden tests stay reusable: not in the cells and not quoted by tracebacks; the failure message and hint stay."""
    import html as html_lib

    a = next(s for s in SPECS if s.name == name)
    hidden = _hidden_test_lines(a)
    assert hidden, "every assignment has hidden tests"
    for student in STUDENTS:
        raw = (pipeline.course.root / "feedback" / student / name / f"{name}.html").read_text(encoding="utf-8")
        text = _norm(html_lib.unescape(re.sub(r"<[^>]+>", " ", raw)))
        assert not any(m in raw for m in au.MARKERS), f"{student}: an nbgrader delimiter in the feedback"
        shown = [line for line in hidden if line in text]
        assert not shown, f"{student}: hidden test code in the feedback: {shown[:3]}"
    carol = (pipeline.course.root / "feedback" / "carol_smith" / name / f"{name}.html").read_text(encoding="utf-8")
    assert "AssertionError" in carol, "a part carol got wrong shows which check failed"


def test_export_writes_one_row_per_student_and_assignment(pipeline):
    rows = pipeline.csv_rows
    assert sorted((r["assignment"], r["student_id"]) for r in rows) == sorted((n, s) for n in NAMES for s in STUDENTS)
    for a in SPECS:
        by_student = {r["student_id"]: r for r in rows if r["assignment"] == a.name}
        assert float(by_student["alice"]["score"]) == a.total_points, "autograded plus the manual grade"
        assert float(by_student["bob"]["score"]) == 0
        assert float(by_student["carol_smith"]["score"]) == synthetic.expected_auto_points(a, partial_choice(a))
        assert {float(r["max_score"]) for r in by_student.values()} == {a.total_points}


@pytest.mark.parametrize("name", NAMES)
def test_grade_summary_has_per_part_averages_and_a_histogram(pipeline, name):
    a = next(s for s in SPECS if s.name == name)
    paths = pipeline.reports[name]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths.values())
    assert paths["histogram.png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with paths["parts.csv"].open(newline="") as fh:
        parts = {r["grade_id"]: r for r in csv.DictReader(fh)}
    choice = partial_choice(a)
    for p in a.parts:
        expected_mean = (p.points + (p.points if choice[p.grade_id] == "solution" else 0)) / 3
        assert float(parts[p.test_id]["mean"]) == pytest.approx(expected_mean, abs=1e-4)
    text = paths["summary.txt"].read_text(encoding="utf-8")
    assert f"Grade summary for {name}: 3 submission(s)" in text and "90–100% | # 1" in text


def test_students_can_validate_their_notebooks(pipeline):
    assert pipeline.validate_log.count("Success! Your notebook passes all the tests.") == len(SPECS), pipeline.validate_log[-3000:]


def test_autograde_time_per_submission(pipeline):
    for name, run in pipeline.runs.items():
        assert run.seconds_per_submission < 30, f"{name}: {run.seconds_per_submission:.1f} s per submission"
