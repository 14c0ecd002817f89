"""Per-student numbers through the real nbgrader pipeline: a class whose students swap answers.

A course with a course secret and a roster of four students releases ps1-ip with its
``variants.json``. Each student works their own notebook and types in the answers they worked out
for *their own* numbers (the parts graded on such values have ``typed=`` in the spec), writing
their id in the notebook's student-id cell as a student without a JupyterHub does. ``alice`` and
``bob`` hand in their own; ``carol`` and ``dave`` hand in each other's files. Plain ``nbgrader
autograde`` and the parallel path (each submission a Dask task, nbgrader's API in a worker: what the
formgrader's *Autograde* button runs too) must both give alice and bob full marks and carol and
dave zero on every part graded on their numbers: the grader takes the student from nbgrader's folder
and derives their numbers itself, whatever the notebook says.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading import course as wf
from partnership_grading import variants
from partnership_grading.parallel import autograde_parallel

from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ps1-ip"
A = {a.name: a for a in au.load_specs(ROOT / "exercises")}[ASSIGNMENT]
SECRET = "pipeline-test-secret"  # fixed, so that the class's numbers (and this test) are the same on every run
HANDS_IN = {"alice": "alice", "bob": "bob", "carol": "dave", "dave": "carol"}  # student -> whose notebook they hand in
TYPED = {p.test_id for p in A.parts if p.typed}

pytestmark = pytest.mark.slow


def _numbers(student: str) -> dict:
    return variants.derive(A.parameters, A.name, student, SECRET, A.constraints)


def _notebook(released: nbformat.NotebookNode, author: str) -> nbformat.NotebookNode:
    nb = synthetic.student_submission(released, A, synthetic.answer_bodies(A, "typed", numbers=_numbers(author)))
    cell = next(c for c in nb.cells if c.get("id") == au.STUDENT_ID_CELL)
    cell.source = cell.source.replace('STUDENT_ID = ""', f'STUDENT_ID = "{author}"')
    return nb


def _scores(course: wf.Course) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(course.db, course.course_id) as gb:
        return {sub.student.id: {g.name: float(g.auto_score or 0.0) for nb in sub.notebooks for g in nb.grades if g.name.endswith("_test")}
                for sub in gb.assignment_submissions(ASSIGNMENT)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("variant-class")
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course", [ASSIGNMENT])
    (course.root / variants.SECRET_FILE).write_text(SECRET + "\n", encoding="utf-8")
    (course.root / variants.SECRET_FILE).chmod(0o600)
    (tmp / "roster.csv").write_text("id\n" + "\n".join(HANDS_IN) + "\n", encoding="utf-8")
    (released_path,) = wf.release(course, [ASSIGNMENT], roster=tmp / "roster.csv")
    released = nbformat.read(released_path, as_version=4)
    inbox = tmp / "inbox"
    inbox.mkdir()
    for student, author in HANDS_IN.items():  # flat files, as an LMS download names them
        nbformat.write(_notebook(released, author), inbox / f"{student}_{A.notebook}")
    wf.collect(course, ASSIGNMENT, inbox)
    (plain,) = wf.autograde(course, [ASSIGNMENT])
    assert plain.returncode == 0
    plain_scores = _scores(course)
    autograded = {s: nbformat.read(course.root / "autograded" / s / ASSIGNMENT / A.notebook, as_version=4) for s in HANDS_IN}
    autograde_parallel(course, [ASSIGNMENT], workers=2, force=True, progress=False, scratch=tmp)
    return course, released_path, plain_scores, _scores(course), autograded


def test_the_chosen_students_have_numbers_that_tell_their_answers_apart():
    """The test's premise, checked without a kernel: carol's typed answers fail with dave's numbers and back."""
    for mine, theirs in (("carol", "dave"), ("dave", "carol")):
        run = synthetic.dry_run(A, synthetic.answer_bodies(A, "typed", numbers=_numbers(mine)), numbers=_numbers(theirs))
        assert all(run.errors[t] for t in TYPED), (mine, theirs, run.errors)


def test_the_release_ships_every_student_s_numbers(graded):
    course, released_path, *_ = graded
    import json

    table = json.loads((released_path.parent / variants.TABLE).read_text(encoding="utf-8"))
    assert table == {s: _numbers(s) for s in HANDS_IN}


@pytest.mark.parametrize("path", ["plain", "parallel"])
def test_own_answers_score_and_swapped_answers_score_zero_on_the_numeric_parts(graded, path):
    _, _, plain, parallel, _ = graded
    scores = plain if path == "plain" else parallel
    full = {p.test_id: float(p.points) for p in A.parts}
    assert scores["alice"] == full and scores["bob"] == full
    swapped = {t: (0.0 if t in TYPED else v) for t, v in full.items()}
    assert TYPED and scores["carol"] == swapped and scores["dave"] == swapped


def test_the_grader_ran_each_notebook_with_its_student_s_numbers_not_the_notebook_s_claim(graded):
    *_, autograded = graded
    nb = autograded["dave"]  # carol's file, which says STUDENT_ID = "carol"
    assert 'STUDENT_ID = "carol"' in next(c.source for c in nb.cells if c.get("id") == au.STUDENT_ID_CELL)
    setup = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "ps1_setup")
    shown = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in setup.outputs)
    assert "student 'dave'" in shown and "PARTNERSHIP_STUDENT_ID" in shown, shown
    assert f"SURPLUS = {_numbers('dave')['SURPLUS']:g}" in shown
