"""Grades and feedback an instructor can send, on the real nbgrader pipeline (the fixture style of
test_grading_pipeline.py, on the assignment with the most maths): release, collect, autograde, one
written answer graded as the formgrader records it, then generate_feedback, export, the grade summary
and the formgrader's own page for a submission, served by a real JupyterLab.

- ``alice`` submits the solutions and an answer that is graded, with a comment that has maths;
- ``bob`` submits the untouched release (every answer blank);
- ``carol`` submits the solutions and a written answer nobody has graded yet.
"""

from __future__ import annotations

import csv
import html as html_lib
import re
import shutil
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading import course as wf
from partnership_grading.summary import write_reports

from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent
SPECS = {a.name: a for a in au.load_specs(ROOT / "exercises")}
NAME = "ps4-future"  # maths in the prompts ($\delta^*$, $T > R > P > S$, ...)
A = SPECS[NAME]
CAROL_ANSWER = r"Cooperation holds while $\delta \ge \delta^*$; here $\delta = 0.8$ and the amendment lowers $T$."
ALICE_COMMENT = r"Well argued: $\delta^* = (T - R)/(T - P)$ is the right benchmark."

pytestmark = pytest.mark.slow


@dataclass
class Run:
    course: wf.Course
    feedback: dict[str, str] = field(default_factory=dict)  # student -> feedback HTML
    csv_rows: dict[str, dict] = field(default_factory=dict)
    export_log: str = ""
    feedback_log: str = ""
    reports: dict[str, Path] = field(default_factory=dict)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("feedback")
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course", [NAME])
    (released_path,) = wf.release(course, [NAME])
    released = nbformat.read(released_path, as_version=4)
    inbox = tmp / "inbox"
    inbox.mkdir()
    nbformat.write(synthetic.student_submission(released, A, synthetic.answer_bodies(A, "solution")), inbox / f"alice_{A.notebook}")
    shutil.copyfile(released_path, inbox / f"bob_{A.notebook}")
    carol = synthetic.student_submission(released, A, synthetic.answer_bodies(A, "solution"), written=False)
    for cell in carol.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in {w.grade_id for w in A.written}:
            cell.source = CAROL_ANSWER
    nbformat.write(carol, inbox / f"carol_{A.notebook}")
    with zipfile.ZipFile(inbox / "batch.zip", "w") as zf:  # as an LMS download
        for p in sorted(inbox.glob("*.ipynb")):
            zf.write(p, p.name)
            p.unlink()
    wf.collect(course, NAME, inbox)
    (graded,) = wf.autograde(course, [NAME])
    assert graded.returncode == 0
    from nbgrader.api import Gradebook  # alice's written answer graded and commented, as the formgrader records it

    with Gradebook(course.db, course.course_id) as gb:
        for w in A.written:
            gb.find_grade(w.grade_id, NAME, NAME, "alice").manual_score = float(w.points)
            gb.find_comment(w.grade_id, NAME, NAME, "alice").manual_comment = ALICE_COMMENT
        gb.db.commit()
    out = Run(course)
    done = course.nbgrader("generate_feedback", NAME, "--force", quiet=True)
    out.feedback_log = done.stdout
    for student in ("alice", "bob", "carol"):
        out.feedback[student] = (course.root / "feedback" / student / NAME / f"{NAME}.html").read_text(encoding="utf-8")
    done = course.nbgrader("export", f"--to={tmp / 'grades.csv'}", quiet=True)
    out.export_log = done.stdout
    with (tmp / "grades.csv").open(newline="", encoding="utf-8") as fh:
        out.csv_rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    out.reports = write_reports(course, NAME)
    return out


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_an_answer_nobody_has_graded_says_so_instead_of_zero(run):
    w = A.written[0]
    carol = _text(run.feedback["carol"])
    assert "not graded yet" in carol and f"Score: 0.0 / {float(w.points)}" not in carol
    assert re.search(r"Score so far: 16\.0 / 21\.0", carol), "the total says it is not final"
    assert "1 answer worth 5.0 points is still to be graded by hand" in carol
    alice = _text(run.feedback["alice"])
    assert "not graded yet" not in alice and f"Score: {float(w.points)} / {float(w.points)}" in alice
    assert "Score: 21.0 / 21.0" in alice
    bob = _text(run.feedback["bob"])
    assert "not graded yet" not in bob and f"Score: 0.0 / {float(w.points)}" in bob, "a blank answer is a 0, not pending"
    assert "feedback for carol" in run.feedback_log and "not graded yet" in run.feedback_log, "the instructor is warned"


def test_no_automatic_no_response_comment_but_the_instructors_comment_stays(run):
    for student, page in run.feedback.items():
        assert "No response." not in page, student
    bob = run.feedback["bob"]
    assert bob.count("no answer: the cell is as it was released") == len(A.parts) + len(A.written)
    alice = run.feedback["alice"]
    assert alice.count("<b>Comments:</b>") == 1 and "Well argued" in alice


def test_feedback_maths_is_mathml_with_no_script_or_network(run):
    for student, page in run.feedback.items():
        assert "<script" not in page.lower(), f"{student}: no script at all (nbgrader's page loads MathJax from a CDN)"
        assert not re.search(r"(?:src|href)=[\"']https?://", page), f"{student}: the page loads something from the network"
        assert "MathJax.Hub" not in page and "cdnjs" not in page, student
        assert page.count("<math") >= 10, f"{student}: the prompts' maths is MathML"
        assert not re.search(r"\$\\delta", html_lib.unescape(re.sub(r"<[^>]+>", "", page))), f"{student}: raw TeX left"
    assert 'alttext="\\delta^* = (T - R)/(T - P)"' in run.feedback["alice"], "the instructor's comment's maths too"
    assert 'alttext="\\delta \\ge \\delta^*"' in run.feedback["carol"], "and the student's own"


def test_feedback_renders_offline_in_a_browser(run, browser, tmp_path):
    """Chromium draws the MathML itself: boxes with a size, and no request leaves the machine."""
    from .browser import serve, watch

    page_file = tmp_path / "carol.html"
    page_file.write_text(run.feedback["carol"], encoding="utf-8")
    with serve(tmp_path) as url:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        report = watch(page)
        page.goto(f"{url}/carol.html", wait_until="load")
        boxes = page.locator("math").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
        page.close()
    assert report.problems == [] and report.external_requests == []
    assert boxes and min(boxes) > 0


def test_export_names_the_answers_still_to_grade(run):
    rows = run.csv_rows
    assert rows["carol"]["ungraded_answers"] == "1" and rows["carol"]["ungraded_cells"] == A.written[0].grade_id
    assert float(rows["carol"]["ungraded_points"]) == A.written[0].points
    assert float(rows["carol"]["score"]) == A.auto_points, "nbgrader's score column is unchanged"
    for student in ("alice", "bob"):
        assert rows[student]["ungraded_answers"] == "0" and rows[student]["ungraded_cells"] == ""
    assert float(rows["alice"]["score"]) == A.total_points
    assert "WARNING" in run.export_log and "carol" in run.export_log and "ungraded" in run.export_log


def test_the_summary_leaves_pending_answers_out_of_the_mean_and_names_them(run):
    w = A.written[0]
    with run.reports["parts.csv"].open(newline="") as fh:
        part = {r["grade_id"]: r for r in csv.DictReader(fh)}[w.grade_id]
    assert part["pending_manual"] == "1" and part["submissions"] == "2"
    assert float(part["mean"]) == pytest.approx(w.points / 2), "alice's full marks and bob's blank 0; carol's is not a 0"
    with run.reports["students.csv"].open(newline="") as fh:
        students = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert students["carol"]["pending_cells"] == w.grade_id and students["alice"]["pending_cells"] == ""
    text = run.reports["summary.txt"].read_text(encoding="utf-8")
    assert f"  carol: {w.grade_id}" in text and "not in the means above" in text


def test_the_formgrader_shows_the_rubric_of_the_answer_being_graded(run, tmp_path):
    """nbgrader's own formgrader, in a real JupyterLab started in the course folder."""
    from nbgrader.api import Gradebook

    from .jupyter_server import jupyter_lab

    with Gradebook(run.course.db, run.course.course_id) as gb:
        submission = gb.find_submission_notebook(NAME, NAME, "carol").id
    w = A.written[0]
    with jupyter_lab(run.course.root, tmp_path / "formgrader", env=run.course.env()) as base:
        with urllib.request.urlopen(f"{base}/formgrader/submissions/{submission}/", timeout=120) as resp:
            page = resp.read().decode("utf-8")
    text = _text(page)
    heading = re.search(rf"Rubric for\s*{w.grade_id}\s*:\s*{w.points} points", text)
    assert heading, "the rubric's heading names the answer and its points"
    answer, rubric = text.index(CAROL_ANSWER.split("$")[0].strip()), heading.start()
    assert answer < rubric, "the rubric is under the answer being graded"
    for c in w.criteria:
        assert c.name in text
    assert "Rubric for" not in _text(run.feedback["carol"]), "students never see it"


def test_the_formgrader_page_typesets_its_maths_with_nothing_from_off_the_machine(run, browser, tmp_path):
    """The grading page of a graded submission in Chromium, from a real JupyterLab on 127.0.0.1: MathJax
    comes from that server (partnership_grading/formgrader_maths.py) and draws the prompts' and the
    student's maths; every request the page makes goes to 127.0.0.1 (any other is blocked and fails)."""
    from urllib.parse import urlparse

    from nbgrader.api import Gradebook
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from partnership_grading.formgrader_maths import STATIC_URL

    from .browser import watch
    from .jupyter_server import jupyter_lab

    with Gradebook(run.course.db, run.course.course_id) as gb:
        submission = gb.find_submission_notebook(NAME, NAME, "carol").id  # autograded; her written answer waits for a grade
    hosts: set[str] = set()
    with jupyter_lab(run.course.root, tmp_path / "formgrader", env=run.course.env()) as base:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        report = watch(page)
        page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url.split(":", 1)[0]))
        page.goto(f"{base}/formgrader/submissions/{submission}/", wait_until="load")
        try:
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=60_000)
        except PlaywrightTimeout:
            pytest.fail(f"MathJax did not start; requests off the machine: {report.external_requests}; {report.problems}")
        page.evaluate("() => MathJax.startup.promise")  # MathJax has typeset the page
        page.evaluate("() => document.fonts.ready")
        typeset = page.locator("mjx-container").count()
        answer = page.locator(".nbgrader_cell").filter(has=page.locator(f"input.score#{A.written[0].grade_id}"))
        in_answer = answer.locator("mjx-container").count()
        answer_text = answer.inner_text()
        widths = page.locator("mjx-container").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
        text = page.inner_text("#notebook")
        font_faces = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        page.close()
    assert report.external_requests == [] and hosts == {"127.0.0.1"}, f"requests off the machine: {report.external_requests} {hosts}"
    assert report.failed_requests == [] and report.bad_status == [], report.problems
    assert f"/{STATIC_URL}" in report.local_paths, "MathJax came from the Jupyter server"
    assert any(p.endswith(".woff") and "/static/es5/output/chtml/fonts/" in p for p in report.local_paths), "and its fonts"
    assert any(f.startswith("MJXZERO") or f.startswith("MJXTEX") for f in font_faces), font_faces
    assert typeset >= 10 and min(widths) > 0, f"the prompts' maths is typeset ({typeset} formulas)"
    assert in_answer == CAROL_ANSWER.count("$") // 2 and "Cooperation holds while" in answer_text, "and the student's answer's"
    assert "$\\delta" not in text and "\\delta^*" not in text, "no raw TeX left on the page"
