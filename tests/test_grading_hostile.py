"""The bad-submission corpus, graded for real: every case gets its documented outcome, the batch
finishes, the control students' grades are untouched, the gradebook stays consistent, and grading
again leaves the exported CSV byte-identical.

One module-scoped run: release ps1-ip in a temporary course, generate the corpus from that release
(tests/hostile_corpus.py), collect it, and autograde it with three parallel workers, twice
(the second time with --force), then once more without --force (everything is up to date).
The time limits are shortened so the loops cost seconds, not minutes.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from partnership_grading import course as wf
from partnership_grading.parallel import ParallelRun, autograde_parallel, integrity_rows
from tests import hostile_corpus as hostile

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ps1-ip"
CASES = {c.student: c for c in hostile.CASES}
FAST_LIMITS = """
# tests: short limits so that the infinite loops cost seconds
c.ExecutePreprocessor.timeout = 10
c.GuardedExecute.iopub_timeout = 5
c.GuardedExecute.notebook_timeout = 60
"""

pytestmark = pytest.mark.slow


@dataclass
class Graded:
    course: wf.Course
    corpus: hostile.Corpus
    inbox: Path
    collected: wf.Collected
    first: ParallelRun
    second: ParallelRun
    third: ParallelRun
    csv_first: bytes
    csv_second: bytes
    scores_first: dict
    scores_second: dict


def scores(course: wf.Course) -> dict[str, dict]:
    """Everything the autograder writes, per student: grades, flags, comments."""
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(course.db, course.course_id) as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            row = {"__flagged__": any(nb.flagged for nb in sub.notebooks), "__code__": float(sub.code_score),
                   "__max__": float(sub.max_score)}
            for nb in sub.notebooks:
                for g in nb.grades:
                    row[g.name] = (g.auto_score, g.manual_score, bool(g.needs_manual_grade))
                for c in nb.comments:
                    row["comment:" + c.name] = c.auto_comment
            out[sub.student.id] = row
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    tmp = tmp_path_factory.mktemp("hostile")
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course", [ASSIGNMENT])
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
        fh.write(FAST_LIMITS)
    (released,) = wf.release(course, [ASSIGNMENT])
    corpus = hostile.corpus_from(ROOT / "exercises", ASSIGNMENT, released)
    inbox = tmp / "inbox"
    hostile.generate(corpus, inbox)
    collected = wf.collect(course, ASSIGNMENT, inbox)
    first = autograde_parallel(course, [ASSIGNMENT], workers=3, progress=False, scratch=tmp)[0]
    csv_first = wf.export(course, tmp / "first.csv").read_bytes()
    scores_first = scores(course)
    second = autograde_parallel(course, [ASSIGNMENT], workers=3, force=True, progress=False, scratch=tmp)[0]
    csv_second = wf.export(course, tmp / "second.csv").read_bytes()
    scores_second = scores(course)
    third = autograde_parallel(course, [ASSIGNMENT], workers=2, progress=False, scratch=tmp)[0]
    print("\n" + first.summary())
    return Graded(course, corpus, inbox, collected, first, second, third, csv_first, csv_second, scores_first, scores_second)


def test_every_case_is_collected(graded):
    assert graded.collected.students == sorted(CASES)


def test_the_batch_finishes_and_grades_every_submission(graded):
    run = graded.first
    assert not run.interrupted and run.returncode == 0
    assert sorted(r.student for r in run.results) == sorted(CASES)
    assert set(graded.scores_first) == set(CASES), "every student has exactly one submission in the gradebook"


@pytest.mark.parametrize("student", sorted(CASES))
def test_each_case_gets_its_documented_outcome(graded, student):
    case = CASES[student]
    a = graded.corpus.spec
    row = graded.scores_first[student]
    got = {test_id: (row[test_id][0] or 0.0) for test_id in case.expected_points(a)}
    result = next(r for r in graded.first.results if r.student == student)
    assert got == case.expected_points(a), f"{student}: {case.outcome}; got {result.status}: {[f.text() for f in result.findings]}"
    assert result.status == case.status
    assert row["__flagged__"] is case.flagged, [f.text() for f in result.findings]
    kinds = {f.kind for f in result.findings}
    if case.finding:
        assert case.finding in kinds, [f.text() for f in result.findings]
    assert row["__max__"] == a.total_points, "nobody can change what the assignment is worth"


def test_blocked_cells_explain_themselves_in_the_gradebook_and_the_notebook(graded):
    row = graded.scores_first["patch-math-isclose"]
    part = graded.corpus.spec.parts[0]
    assert "Integrity check" in row[f"comment:{part.grade_id}"] and "math.isclose" in row[f"comment:{part.grade_id}"]
    nb = nbformat.read(graded.course.root / "autograded" / "patch-math-isclose" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == part.grade_id)
    assert "# math.isclose = lambda *args, **kwargs: True" in cell.source, "the submitted code is kept, as comments"
    assert any(o.get("ename") == "RuntimeError" and "Integrity check" in o.get("evalue", "") for o in cell.outputs)
    unreadable = graded.scores_first["file-not-json"]
    assert any(v and v.startswith("Not graded:") for k, v in unreadable.items() if k.startswith("comment:"))


def test_control_students_are_unaffected(graded):
    a = graded.corpus.spec
    control = graded.scores_first["zz-control"]
    assert control["__code__"] == a.auto_points and not control["__flagged__"]
    submitted = graded.course.root / "submitted" / "zz-control" / ASSIGNMENT / a.notebook
    assert submitted.read_bytes() == (graded.inbox / "zz-control" / a.notebook).read_bytes(), "nobody overwrote it"
    result = next(r for r in graded.first.results if r.student == "zz-control")
    assert result.findings == []


def test_enormous_output_is_cut(graded):
    path = graded.course.root / "autograded" / "run-enormous-output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert path.stat().st_size < 500_000


def test_the_gradebook_stays_consistent(graded):
    from nbgrader.api import Gradebook

    a = graded.corpus.spec
    course = graded.course
    with Gradebook(course.db, course.course_id) as gb:
        assignment = gb.find_assignment(ASSIGNMENT)
        assert [nb.name for nb in assignment.notebooks] == [ASSIGNMENT]
        cells = {c.name for c in assignment.notebooks[0].grade_cells}
        assert cells == {p.test_id for p in a.parts} | {w.grade_id for w in a.written}, "no cell was added or lost"
        subs = gb.assignment_submissions(ASSIGNMENT)
        assert len(subs) == len({s.student.id for s in subs}) == len(CASES)
        for sub in subs:
            (nb,) = sub.notebooks
            assert sorted(g.name for g in nb.grades) == sorted(cells)
            assert float(sub.code_score) == pytest.approx(sum(float(g.score or 0) for g in nb.grades if g.name.endswith("_test")))
            assert float(sub.code_score) <= a.auto_points


def test_grading_again_gives_the_same_gradebook_and_a_byte_identical_csv(graded):
    assert graded.second.students == graded.first.students and len(graded.second.results) == len(CASES)
    assert graded.scores_second == graded.scores_first
    assert graded.csv_second == graded.csv_first
    rows = list(csv.DictReader(io.StringIO(graded.csv_first.decode())))
    assert len(rows) == len(CASES)


def test_a_run_with_nothing_new_skips_every_student(graded):
    assert graded.third.results == [] and sorted(graded.third.skipped) == sorted(CASES)


def test_the_integrity_report_lists_every_flagged_submission(graded):
    rows = integrity_rows(graded.course, ASSIGNMENT)
    flagged = {r["student_id"] for r in rows if r["flagged"] == "yes"}
    assert flagged == {c.student for c in hostile.CASES if c.flagged}
    path = graded.course.root / "reports" / ASSIGNMENT / "integrity.csv"
    assert path.is_file() and "patch-math-isclose" in path.read_text(encoding="utf-8")


def test_feedback_shows_the_reason_to_the_student(graded):
    proc = graded.course.nbgrader("generate_feedback", ASSIGNMENT, "--force", "--student=patch-math-isclose", check=False, quiet=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
    html = (graded.course.root / "feedback" / "patch-math-isclose" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "Integrity check" in html and "math.isclose" in html


RUNTIME_CASES = {
    # student id: (part cell index, code prepended to it), with the static check turned off
    "rt-exit-os": (1, "import os\nos._exit(1)"),
    "rt-patch-isclose": (0, None),
    "rt-environment": (0, "import os, resource\nprint('SECRETS', sorted(k for k in os.environ if 'NBGRADER_DB' in k))\n"
                          "print('RLIMIT_AS', resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20)"),
}


@pytest.mark.timeout(1200)  # plain nbgrader autograde of the runtime cases, in its body
def test_the_runtime_defences_hold_without_the_static_check(graded):
    """If a trick ever got past the static check: a dead kernel costs only the parts after it, the test
    helpers keep the real math.isclose, and the kernel has neither the grader's database URL nor unlimited memory."""
    course, corpus = graded.course, graded.corpus
    a = corpus.spec
    for student, (k, code) in RUNTIME_CASES.items():
        if code is None:
            data = (graded.inbox / "patch-math-isclose" / a.notebook).read_bytes()
        else:
            data = hostile._bytes(hostile._prepend(corpus.solved(), a.parts[k].grade_id, code))
        folder = course.root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / a.notebook).write_bytes(data)
    env_before = course.env()
    assert "NBGRADER_DB_URL" in env_before, "the grader itself knows the database URL"
    proc = course.nbgrader("autograde", ASSIGNMENT, "--force", "--student=rt-*", "--ScreenStudentCode.enabled_check=False",
                           check=False, quiet=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    now = scores(course)
    died = now["rt-exit-os"]
    assert {p.test_id: died[p.test_id][0] for p in a.parts} == hostile.before(1)(a) and died["__flagged__"]
    patched = now["rt-patch-isclose"]
    assert {p.test_id: patched[p.test_id][0] for p in a.parts} == hostile.only(0)(a), "math.isclose patched in vain"
    nb = nbformat.read(course.root / "autograded" / "rt-environment" / ASSIGNMENT / a.notebook, as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "SECRETS []" in text and "RLIMIT_AS 2048" in text, text[:500]


def test_the_corpus_script_writes_a_collectable_folder(tmp_path, graded):
    released = graded.course.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    out = subprocess.run(
        [sys.executable, "-m", "tests.hostile_corpus", "--released", str(released), "--out", str(tmp_path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert f"{len(CASES)} submissions of {ASSIGNMENT}" in out
    for student in CASES:
        assert (tmp_path / student / f"{ASSIGNMENT}.ipynb").read_bytes() == (graded.inbox / student / f"{ASSIGNMENT}.ipynb").read_bytes()
