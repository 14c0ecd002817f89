"""A class on JupyterHub, end to end: real local accounts, nbgrader's exchange, the Assignments tab.

As root, :mod:`partnership_grading.hub` creates an instructor and three students, copies the course
into the instructor's home and starts JupyterHub on 127.0.0.1 with ``scripts/hub/jupyterhub_config.py``
(the file ``make hub`` uses). Then, through Debian's Chromium (Playwright):

1. the instructor releases ps1-ip (``nbgrader generate_assignment`` and ``release_assignment``);
2. each student logs in, fetches it in JupyterLab's *Assignments* tab, answers in the notebook,
   validates with the notebook's *Validate* button and submits from the tab;
3. the instructor collects (``nbgrader collect``), autogrades with the course's sandboxed
   autograder, grades a written answer in the formgrader (inside JupyterLab's frame), generates
   and releases the feedback;
4. each student fetches the feedback in the tab and reads it.

Each step is timed (the table is printed and written to ``_build/hub-timings.txt``). Then the
permissions: as each student, in the class's view of the machine, another student's work, the
course's sources, the gradebook and the repository's solutions cannot be read. Everything the
test started (hub, proxy, single-user servers, kernels) is stopped, even on failure, and the
accounts it created are removed.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from partnership_grading import hub as cl
from partnership_grading.formgrader_maths import STATIC_URL

from .browser import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.hub]

ASSIGNMENT = "ps1-ip"
SOLUTION_PARTS = ("nash_payoff", "threat_point_value", "rubinstein_share", "best_structure", "licence_design")
WRITTEN = "ip_ownership_answer"
# What each student does: the parts they solve (typed into the notebook) and a written answer.
WORK = {
    "pr-student1": SOLUTION_PARTS,
    "pr-student2": ("nash_payoff",),
    "pr-student3": (),
}
EXPECTED_AUTOGRADED = {"pr-student1": 19.0, "pr-student2": 3.0, "pr-student3": 0.0}
INSTRUCTOR_SCORE, INSTRUCTOR_COMMENT = 4, "Clear on hold-up; say more about the licence."


def _written_answer(student: str) -> str:
    return (
        f"{student}: the model favours OpenAI owning the IP, because OpenAI's investment in the models matters "
        "more than Microsoft's, and the non-owner would be held up.\n\nThe licence to 2032 leaves Microsoft a share."
    )


# -- the class -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hub():
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("the hub test creates local accounts and runs servers as them: run it as root")
    for tool in ("bwrap", "setpriv", "useradd"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is missing (make system-deps installs bubblewrap and util-linux)")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    if not cl.CHP.exists():
        pytest.fail("configurable-http-proxy is missing from node_modules: run `make js-deps`")
    base = Path(tempfile.mkdtemp(prefix="pr-hub-test-"))
    os.chmod(base, 0o755)  # noqa: S103 - the accounts reach the exchange inside it; the hub's state folder is 0700
    room = cl.new_classroom(base / "state", base / "exchange")
    existed = {user for user in room.users if _account_exists(user)}
    timings: list[tuple[str, float]] = []
    running = None
    try:
        with _timed(timings, "set up: accounts, course in the instructor's home, exchange"):
            cl.setup(room)
        with _timed(timings, "start JupyterHub and the proxy"):
            running = cl.start_hub(room)
        yield running, timings
    finally:
        left = cl.stop_hub(running) if running else []
        for user in set(room.users) - existed:  # the accounts this test created (also after a failed setup)
            cl.remove_account(user)
        log = running.log.read_text(errors="replace") if running else ""
        (ROOT / "_build").mkdir(exist_ok=True)
        (ROOT / "_build" / "hub-jupyterhub.log").write_text(log, encoding="utf-8")  # the hub's and the servers' log, kept
        log = log[-4000:]
        shutil.rmtree(base, ignore_errors=True)
        _report(timings)
        assert not left, f"processes were still running after the hub stopped (ended by pid): {left}\n{log}"


def _account_exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True


@contextmanager
def _timed(timings: list[tuple[str, float]], step: str):
    start = time.perf_counter()
    yield
    timings.append((step, time.perf_counter() - start))


def _report(timings: list[tuple[str, float]]) -> None:
    if not timings:
        return
    width = max(len(step) for step, _ in timings)
    lines = [f"{'step':<{width}}  seconds", f"{'-' * width}  -------"]
    lines += [f"{step:<{width}}  {seconds:7.1f}" for step, seconds in timings]
    lines.append(f"{'total':<{width}}  {sum(s for _, s in timings):7.1f}")
    table = "\n".join(lines)
    print("\nThe class on JupyterHub, step by step:\n" + table)
    out = ROOT / "_build" / "hub-timings.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")


# -- the browser -------------------------------------------------------------------------------------


class Visit:
    """One user's browser context: every request leaving the machine is blocked and recorded."""

    def __init__(self, browser, room: cl.Classroom, user: str):
        self.room, self.user = room, user
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.external: list[str] = []
        self.page_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.csp: dict[str, str] = {}  # URL path -> Content-Security-Policy, for the pages of the user's server
        self.page.on("response", self._record_csp)
        self.loaded: list[str] = []  # URL paths of the user's server that answered, frames included
        self.page.on("response", lambda r: urlparse(r.url).hostname == f"{user}.localhost" and self.loaded.append(urlparse(r.url).path))

    def _record_csp(self, response) -> None:
        url = urlparse(response.url)
        if url.hostname == f"{self.user}.localhost" and response.request.resource_type in ("document", "iframe"):
            self.csp[url.path] = response.headers.get("content-security-policy", "")

    def _route(self, route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost") or host.endswith(".localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def log_in(self) -> None:
        page = self.page
        page.goto(self.room.url + "/hub/login", wait_until="domcontentloaded")
        page.fill("input[name=username]", self.user)
        page.fill("input[name=password]", self.room.password(self.user))
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**/user/{self.user}/lab**", timeout=240_000)  # the hub starts the server first
        assert urlparse(page.url).hostname == f"{self.user}.localhost", "each user's server has its own origin"
        page.locator(".lm-MenuBar-item", has_text="Nbgrader").wait_for(timeout=180_000)

    def nbgrader_menu(self, command: str) -> None:
        """Open an entry of JupyterLab's Nbgrader menu, e.g. ``assignment-list`` or ``formgrader``."""
        self.page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
        self.page.locator(f".lm-Menu-item[data-command='nbgrader:open-{command}']").click()

    def close(self) -> None:
        self.context.close()
        assert not self.external, f"{self.user}: requests that left the machine: {self.external}"


def _reveal(page, locator):
    """Scroll the notebook until ``locator`` is rendered (JupyterLab 4 renders cells as they come into view)."""
    scroller = page.locator(".jp-NotebookPanel:visible .jp-WindowedPanel-outer").first
    for _ in range(60):
        if locator.count():
            locator.first.scroll_into_view_if_needed()
            return locator.first
        scroller.evaluate("e => e.scrollBy(0, e.clientHeight * 0.7)")
        page.wait_for_timeout(150)
    raise AssertionError(f"no cell matching {locator} in the notebook")


def _type_into(page, cell, text: str) -> None:
    """Replace a cell's text as a student would: select the cell, Enter to edit, select all, paste."""
    node = cell.element_handle()  # the cell itself: a markdown cell's rendered text goes away while it is edited
    node.click()
    page.keyboard.press("Enter")  # edit mode (a rendered markdown cell opens its editor)
    page.wait_for_function("c => c.querySelector('.cm-editor.cm-focused') !== null", arg=node, timeout=30_000)
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)  # as pasted: no auto-indent or bracket closing
    page.keyboard.press("Escape")  # back to command mode; nothing runs


def _solutions(room: cl.Classroom) -> dict[str, tuple[str, str]]:
    """grade id -> (first line of the released cell, the source's solution without nbgrader's markers)."""
    source = json.loads((room.course_root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    release = json.loads((room.course_root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())

    def by_id(nb):
        return {c["metadata"].get("nbgrader", {}).get("grade_id"): "".join(c["source"]) for c in nb["cells"]}

    src, rel = by_id(source), by_id(release)
    return {
        part: (rel[part].splitlines()[0], "\n".join(line for line in src[part].splitlines() if "BEGIN SOLUTION" not in line and "END SOLUTION" not in line))
        for part in SOLUTION_PARTS
    }


def _wait_for_saved(page, notebook: Path, answers: list[str], timeout: float = 60) -> None:
    """Wait until the notebook on disk holds every answer typed (JupyterLab saves asynchronously).

    Waits with the page's clock, never ``time.sleep``: the browser's requests go through this
    process's route handler, so sleeping here would hold the very save it waits for.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            sources = ["".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]]
        except (OSError, ValueError):
            sources = []
        missing = [a for a in answers if a not in sources]
        if not missing:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{notebook} was not saved with the answers typed; missing {[m[:60] for m in missing]}; it has:\n"
                + "\n---\n".join(s for s in sources if any(m.splitlines()[0][:30] in s for m in missing))
            )
        page.wait_for_timeout(300)


def _student_works(visit: Visit, parts: tuple[str, ...], solutions, timings) -> str:
    """Fetch, answer, validate and submit through JupyterLab; return the validation dialog's text."""
    page, user = visit.page, visit.user
    with _timed(timings, f"{user}: fetch ps1-ip in the Assignments tab"):
        visit.nbgrader_menu("assignment-list")
        page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT).locator("button", has_text="Fetch").click()
        page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first.wait_for(timeout=60_000)
    with _timed(timings, f"{user}: open the notebook, answer {len(parts)} part(s) and the written question, save"):
        page.locator("#fetched_assignments_list a.assignment-notebooks-link").click()
        page.locator(f"#nbgrader-{cl.COURSE_ID}-{ASSIGNMENT} a", has_text=ASSIGNMENT).click()
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=90_000)
        for part in parts:
            first_line, answer = solutions[part]
            _type_into(page, _reveal(page, page.locator(".jp-Notebook .jp-CodeCell", has_text=first_line)), answer)
        written = page.locator(".jp-Notebook .jp-MarkdownCell").filter(
            has=page.locator(".jp-RenderedMarkdown", has_text=re.compile(r"^\s*YOUR ANSWER HERE\s*$")))
        _type_into(page, _reveal(page, written), _written_answer(user))
        page.locator(".lm-MenuBar-item", has_text="File").click()
        page.locator(".lm-Menu-item[data-command='docmanager:save']").click()
        _wait_for_saved(page, cl.home(user) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", [_written_answer(user)] + [solutions[p][1] for p in parts])
    with _timed(timings, f"{user}: validate (the notebook's Validate button)"):
        page.locator(".jp-NotebookPanel-toolbar:visible").get_by_text("Validate", exact=True).click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for(timeout=240_000)
        page.wait_for_timeout(300)
        report = dialog.inner_text()
        dialog.locator("button").last.click()
    with _timed(timings, f"{user}: submit in the Assignments tab"):
        page.locator(".lm-TabBar-tab", has_text="Assignments").click()
        page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).locator("button", has_text="Submit").first.click()
        page.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first.wait_for(timeout=60_000)
    return report


def _grade_in_formgrader(visit: Visit, student: str, timings) -> dict[str, str]:
    """Open the formgrader from JupyterLab's Nbgrader menu and grade the student's written answer; return its pages' CSP."""
    page = visit.page
    with _timed(timings, f"instructor: grade {student}'s written answer in the formgrader"):
        visit.nbgrader_menu("formgrader")
        frame = page.frame_locator(".jp-MainAreaWidget:visible iframe").first
        frame.get_by_text("Manage Assignments").first.wait_for(timeout=90_000)
        frame.locator("a", has_text="Manual Grading").first.click()
        frame.locator("td a", has_text=ASSIGNMENT).first.click()
        frame.locator("td a", has_text=ASSIGNMENT).first.click()
        row = frame.locator("tr").filter(has=frame.locator("a.name-shown", has_text=student))
        row.locator("a[href*='/formgrader/submissions/']:visible").first.click()
        score = frame.locator(f"input.score#{WRITTEN}")
        score.wait_for(timeout=90_000)
        # The prompts' maths, typeset by the MathJax the instructor's server serves under its /user/ prefix.
        frame.locator("mjx-container").first.wait_for(timeout=90_000)
        mathjax = f"/user/{visit.user}/{STATIC_URL}"
        assert mathjax in visit.loaded, f"MathJax from {mathjax}: {[p for p in visit.loaded if 'static' in p]}"
        # The formgrader saves a score or a comment on its input's "change" event, once the page has loaded
        # the submission's grades and drawn them (which empties the fields); its keyboard manager takes Tab.
        # So: type, send "change" as the browser does when a field is left, and again until the gradebook has it.
        comment = frame.locator(f"textarea.comment#{WRITTEN}-comment")
        deadline = time.monotonic() + 120
        while True:
            score.fill(str(INSTRUCTOR_SCORE))
            score.dispatch_event("change")
            comment.fill(INSTRUCTOR_COMMENT)
            comment.dispatch_event("change")
            page.wait_for_timeout(1500)  # the page's clock: the saves go through this process's route handler
            graded = _grades(visit.room)[student]
            if graded["manual"] == INSTRUCTOR_SCORE and graded["comment"] == INSTRUCTOR_COMMENT:
                break
            assert time.monotonic() < deadline, f"the formgrader did not save the grade and comment: {graded}"
    return {path: csp for path, csp in visit.csp.items() if "/formgrader" in path}


def _grades(room: cl.Classroom) -> dict[str, dict[str, float]]:
    """The gradebook as the instructor's nbgrader reads it (run as the instructor)."""
    script = (
        "import json; from nbgrader.api import Gradebook\n"
        f"gb = Gradebook('sqlite:///{room.course_root}/gradebook.db', course_id='{room.course_id}')\n"
        "out = {}\n"
        f"for s in gb.assignment_submissions('{ASSIGNMENT}'):\n"
        "    nb = s.notebooks[0]\n"
        f"    g = gb.find_grade('{WRITTEN}', '{ASSIGNMENT}', '{ASSIGNMENT}', s.student.id)\n"
        f"    c = gb.find_comment('{WRITTEN}', '{ASSIGNMENT}', '{ASSIGNMENT}', s.student.id)\n"
        "    out[s.student.id] = {'code': nb.code_score, 'manual': g.manual_score, 'comment': c.manual_comment}\n"
        "gb.close(); print(json.dumps(out))\n"
    )
    done = cl.run_as(room, room.instructor, str(cl.VENV_BIN / "python"), "-c", script, cwd=room.course_root)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _denied(room: cl.Classroom, student: str, *cmd: str) -> str:
    """Run ``cmd`` as ``student`` in the class's view and require it to fail; return what it printed."""
    done = cl.run_as(room, student, *cmd, check=False)
    assert done.returncode != 0, f"{student} could run {cmd}:\n{done.stdout[:500]}"
    return done.stdout


# -- the test ------------------------------------------------------------------------------------------


def test_a_class_on_jupyterhub_end_to_end(hub, browser):
    running, timings = hub
    room = running.room

    with _timed(timings, "instructor: release ps1-ip (generate_assignment, release_assignment)"):
        cl.grading(room, "release", ASSIGNMENT)
        cl.nbgrader(room, "release_assignment", ASSIGNMENT, "--force")
    solutions = _solutions(room)

    reports = {}
    for student, parts in WORK.items():
        visit = Visit(browser, room, student)
        with _timed(timings, f"{student}: log in (the hub starts the server)"):
            visit.log_in()
        try:
            reports[student] = _student_works(visit, parts, solutions, timings)
        except Exception:
            visit.page.screenshot(path=str(ROOT / "_build" / f"hub-failure-{student}.png"))
            raise
        lab = visit.csp.get(f"/user/{student}/lab", "")
        assert "frame-ancestors 'none'" in lab, f"{student}'s server keeps JupyterHub's frame policy: {visit.csp}"
        visit.close()
    assert "Success! Your notebook passes all the tests." in reports["pr-student1"], reports["pr-student1"][:800]
    for student in ("pr-student2", "pr-student3"):
        assert "The following cell failed" in reports[student] and "Success!" not in reports[student], reports[student][:800]
    for student in WORK:
        submitted = list(Path(room.exchange, room.course_id, "inbound").glob(f"{student}+{ASSIGNMENT}+*"))
        assert len(submitted) == 1, f"{student}: one submission in the exchange, found {submitted}"

    with _timed(timings, "instructor: nbgrader collect"):
        collected = cl.nbgrader(room, "collect", ASSIGNMENT)
    for student in WORK:
        assert (room.course_root / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists(), collected.stdout[-2000:]

    with _timed(timings, "instructor: autograde (sandboxed, as the instructor: bubblewrap in a user namespace)"):
        graded = cl.grading(room, "autograde", ASSIGNMENT)
    assert "sandbox:" in graded.stdout and "NONE" not in graded.stdout, graded.stdout[:2000]
    grades = _grades(room)
    assert {s: g["code"] for s, g in grades.items()} == EXPECTED_AUTOGRADED, grades

    instructor = Visit(browser, room, room.instructor)
    with _timed(timings, "instructor: log in (the hub starts the server)"):
        instructor.log_in()
    headers = _grade_in_formgrader(instructor, "pr-student1", timings)
    assert headers and all(v == "frame-ancestors 'self'" for v in headers.values()), (
        f"the formgrader's pages allow their own origin's frame (nbgrader#1870): {headers}"
    )
    grades = _grades(room)
    assert grades["pr-student1"]["manual"] == INSTRUCTOR_SCORE and grades["pr-student1"]["comment"] == INSTRUCTOR_COMMENT, grades
    assert grades["pr-student2"]["manual"] is None, "the other written answers stay ungraded"
    instructor.close()

    with _timed(timings, "instructor: generate and release feedback"):
        cl.grading(room, "feedback", ASSIGNMENT)
        cl.nbgrader(room, "release_feedback", ASSIGNMENT)

    for student in WORK:
        visit = Visit(browser, room, student)
        with _timed(timings, f"{student}: log in again, fetch the feedback in the Assignments tab"):
            visit.log_in()
            visit.nbgrader_menu("assignment-list")
            item = visit.page.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first
            item.locator("button", has_text="Fetch Feedback").click()
            item.get_by_text("view feedback").wait_for(timeout=60_000)
        pages = list((cl.home(student) / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(pages) == 1, f"{student}: one feedback page in the home folder, found {pages}"
        relative = pages[0].relative_to(cl.home(student))
        visit.page.goto(f"{room.user_url(student)}/files/{relative}", wait_until="load")
        text = visit.page.inner_text("body")
        if student == "pr-student1":
            assert INSTRUCTOR_COMMENT in text and "not graded yet" not in text, text[-1500:]
        else:
            assert "not graded yet" in text, f"{student}: the written answer nobody graded says so"
        visit.close()

    _check_permissions(room, timings)


def _check_permissions(room: cl.Classroom, timings) -> None:
    with _timed(timings, "permissions: what students cannot read"):
        inbound = Path(room.exchange, room.course_id, "inbound")
        other = next(inbound.glob(f"pr-student2+{ASSIGNMENT}+*"))
        for student in ("pr-student1", "pr-student3"):
            # the exchange's inbound folder cannot be listed, so another student's submission cannot be found
            assert "Permission denied" in _denied(room, student, "ls", str(inbound))
            _denied(room, student, "cat", str(cl.home("pr-student2") / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
            _denied(room, student, "ls", str(cl.home("pr-student2")))
            _denied(room, student, "cat", str(room.course_root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
            _denied(room, student, "cat", str(room.course_root / "gradebook.db"))
            _denied(room, student, "ls", str(room.course_root / "submitted"))
            # the exchange's course folder cannot be renamed away (the exchange root is sticky, 1777)
            _denied(room, student, "mv", str(Path(room.exchange, room.course_id)), str(Path(room.exchange, "moved")))
            # nor find another's submission: nbgrader protects it by a name nobody can list or guess (a 72-bit
            # random suffix), not by its modes (nbgrader makes each submission folder 0777 for the instructor)
            assert re.fullmatch(rf"pr-student2\+{ASSIGNMENT}\+[^+]+\+[A-Za-z0-9_-]{{12}}", other.name), other.name
            assert "pr-student2+" not in _denied(room, student, "find", str(Path(room.exchange)), "-name", "pr-student2*")
            # the repository's sources, specs and instructor edition are outside the class's view
            for path in ("exercises/source/ps1-ip/ps1-ip.ipynb", "exercises/authoring", "instructor"):
                _denied(room, student, "ls", str(ROOT / path))
        # the instructor can (a control: the checks above fail for the right reason)
        cl.run_as(room, room.instructor, "ls", str(inbound))
        cl.run_as(room, room.instructor, "cat", str(room.course_root / "gradebook.db"))
