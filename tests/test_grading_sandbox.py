"""Student code in a sandbox, verdicts outside it: the adaptive corpus graded for real.

One module-scoped course of ``ps1-ip`` with the static integrity scan turned **off**, so that only
the structure stops the attacks (tests/adaptive_corpus.py), and with per-student numbers (a course
secret), so that a notebook cannot choose its own numbers either: plain ``nbgrader autograde`` grades the
corpus, then the parallel path grades it again from scratch; both must give every case its points,
leak nothing, leave no process running and change no other student's grade. A probe submission
shows from inside the kernel that grading really ran sandboxed, and grading refuses to start when
it cannot sandbox.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading import course as wf
from partnership_grading import sandbox, variants
from partnership_grading.parallel import autograde_parallel
from tests import hostile_corpus as hostile

from . import adaptive_corpus as adaptive

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ps1-ip"
ATTACKS = {a.student: a for a in adaptive.ATTACKS}
PROBE = "zz-probe"
CONFIG = """
# tests: the static scan off (only the sandbox and the outside verdicts stand), short time limits
c.ScreenStudentCode.enabled_check = False
c.ExecutePreprocessor.timeout = 10
c.GuardedExecute.iopub_timeout = 5
c.GuardedExecute.notebook_timeout = 90
"""
PROBE_CODE = """
import json as _json, os as _os, socket as _socket
_facts = {'uid': _os.getuid(), 'pids': sorted(int(p) for p in _os.listdir('/proc') if p.isdigit()),
          'cwd': _os.getcwd(), 'listing': sorted(_os.listdir('.')), 'course_visible': _os.path.exists(COURSE_ROOT),
          'venv_writable': _os.access(_os.path.dirname(_os.__file__), _os.W_OK), 'env': sorted(_os.environ),
          'student': _os.environ.get('PARTNERSHIP_STUDENT_ID'), 'table': _json.load(open('variants.json'))}
try:
    _socket.create_connection(('127.0.0.1', PORT), timeout=2).close()
    _facts['network'] = True
except OSError:
    _facts['network'] = False
print('SANDBOX-FACTS ' + _json.dumps(_facts))
"""

pytestmark = pytest.mark.slow


@dataclass
class Graded:
    course: wf.Course
    corpus: hostile.Corpus
    plain: dict
    parallel: dict
    plain_log: str
    listener_port: int


def _scores(course: wf.Course) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(course.db, course.course_id) as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            (nb,) = sub.notebooks
            out[sub.student.id] = {g.name: float(g.auto_score or 0.0) for g in nb.grades if g.name.endswith("_test")}
    return out


def _marker_processes() -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if adaptive.MARKER in cmdline:
            found.append(f"{pid}: {cmdline}")
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    sandbox.self_check()  # the machine can sandbox (make system-deps installs bubblewrap and the user)
    tmp = tmp_path_factory.mktemp("sandbox")
    course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "course", [ASSIGNMENT])
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
        fh.write(CONFIG)
    (course.root / variants.SECRET_FILE).write_text("sandbox-test-secret\n", encoding="utf-8")
    (released,) = wf.release(course, [ASSIGNMENT], tables=False)  # the grader needs no table: it derives the numbers
    corpus = hostile.corpus_from(ROOT / "exercises", ASSIGNMENT, released)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    submissions = {a.student: a.build(corpus) for a in adaptive.ATTACKS}
    probe = hostile._append(corpus.solved(), corpus.part(0).grade_id,
                            PROBE_CODE.replace("COURSE_ROOT", repr(str(course.root))).replace("PORT", str(port)))
    submissions[PROBE] = {corpus.spec.notebook: hostile._bytes(probe)}
    for student, files in submissions.items():  # as nbgrader's exchange delivers them: the whole folder
        folder = course.root / "submitted" / student / ASSIGNMENT
        for rel, data in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        (folder / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC")
    try:
        proc = course.nbgrader("autograde", ASSIGNMENT, "--create", check=False, quiet=True)
        plain = _scores(course)
        for student in submissions:  # grade again from nothing, through the parallel path
            shutil.rmtree(course.root / "autograded" / student, ignore_errors=True)
        autograde_parallel(course, [ASSIGNMENT], workers=2, force=True, progress=False, scratch=tmp)
        parallel = _scores(course)
    finally:
        listener.close()
    return Graded(course, corpus, plain, parallel, proc.stdout + proc.stderr, port)


def _autograded(g: Graded, student: str) -> nbformat.NotebookNode:
    return nbformat.read(g.course.root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sources(g: Graded, student: str) -> str:
    """What the student wrote: the cells of the submitted notebook (their own solutions are not a leak)."""
    nb = nbformat.read(g.course.root / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells)


def _outputs(nb: nbformat.NotebookNode) -> str:
    chunks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            chunks += [out.get("text", ""), out.get("evalue", ""), "\n".join(out.get("traceback", []))]
            chunks += [str(v) for v in out.get("data", {}).values()]
    return "\n".join(chunks)


@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_each_attack_scores_only_what_it_solved_under_plain_nbgrader_and_the_parallel_path(graded, student):
    want = ATTACKS[student].points(graded.corpus.spec)
    assert graded.plain.get(student) == want, f"plain nbgrader: {ATTACKS[student].attack}"
    assert graded.parallel.get(student) == want, f"parallel: {ATTACKS[student].attack}"


@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_nothing_secret_reaches_the_outputs_or_the_feedback(graded, student):
    spec = graded.corpus.spec
    handed_in = re.sub(r"\s+", " ", _sources(graded, student))
    solved = {p.grade_id for p in spec.parts if _flat(au.solution_region(au._clean(p.solution))[1]) in handed_in}
    text = _outputs(_autograded(graded, student))
    proc = graded.course.nbgrader("generate_feedback", ASSIGNMENT, "--force", f"--student={student}", check=False, quiet=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
    page = graded.course.root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
    text += "\n" + html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    flat = re.sub(r"\s+", " ", text)
    # A line the student wrote themselves (a wrong answer can share a line with the solution) is not a leak.
    leaked = [s for s in adaptive.secrets(spec, solved) if re.sub(r"\s+", " ", s) in flat and re.sub(r"\s+", " ", s) not in handed_in]
    assert leaked == [], f"{student}: {leaked[:3]}"
    assert not re.search(r"(?m)^root:[*!$]", text), "/etc/shadow is not in the sandbox"
    assert "PWNED" not in text, "no file handed in beside the notebook ran"


def test_no_process_started_by_a_submission_is_still_running(graded):
    assert _marker_processes() == []
    if os.geteuid() == 0:
        import pwd

        uid = pwd.getpwnam(sandbox.SANDBOX_USER).pw_uid
        mine = str(Path(sys.executable).parent)  # this checkout's kernels (other checkouts may be grading too)
        owned = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if Path(f"/proc/{pid}").stat().st_uid == uid and mine in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
                    owned.append(pid)
            except OSError:
                continue
        assert owned == [], "the sandbox account runs nothing of this checkout once grading is over"


def test_other_students_files_and_grades_are_untouched(graded):
    spec = graded.corpus.spec
    control = graded.course.root / "submitted" / "zz-control" / ASSIGNMENT / spec.notebook
    assert adaptive.MARKER not in control.read_text(encoding="utf-8")
    assert graded.plain["zz-control"] == graded.parallel["zz-control"] == hostile.full(spec)
    assert (graded.course.root / "gradebook.db").read_bytes()[:16] == b"SQLite format 3\x00"


def test_files_handed_in_beside_the_notebook_never_reach_the_kernel(graded):
    text = _outputs(_autograded(graded, "c4-files-beside"))
    assert "No module named 'helpers'" in text, "graded as if the files were absent"
    assert not list(Path("/tmp").glob(f"{adaptive.MARKER}-pwned*"))  # noqa: S108 - where an escaped attack would write


def test_grading_really_ran_in_the_sandbox(graded):
    """Seen from inside the kernel: another user, its own PID namespace, no course, no network, nothing beside it."""
    nb = _autograded(graded, PROBE)
    line = next(x for x in _outputs(nb).splitlines() if x.startswith("SANDBOX-FACTS "))
    facts = json.loads(line.split(" ", 1)[1])
    assert facts["uid"] != 0 and (os.geteuid() == 0 or facts["uid"] == os.geteuid())
    assert len(facts["pids"]) <= 3 and min(facts["pids"]) == 1, "a PID namespace of its own: bwrap's init and the kernel"
    assert facts["cwd"] == f"{sandbox.HOME}/{ASSIGNMENT}" and facts["listing"] == [f"{ASSIGNMENT}.ipynb", variants.TABLE]
    a = graded.corpus.spec
    own = variants.derive(a.parameters, ASSIGNMENT, PROBE, "sandbox-test-secret", a.constraints)
    assert facts["student"] == PROBE and facts["table"] == {PROBE: own}, "its own numbers only, from the grader"
    assert facts["course_visible"] is False and facts["network"] is False and facts["venv_writable"] is False
    assert not any(re.search(sandbox_secret, k) for k in facts["env"] for sandbox_secret in ("NBGRADER", "JPY_", "PG", "TOKEN"))
    assert nb.metadata["partnership"]["sandbox"].startswith("bubblewrap as ")
    assert graded.plain[PROBE] == graded.parallel[PROBE] == hostile.full(graded.corpus.spec)


def test_grading_refuses_to_run_unsandboxed_unless_told(graded, tmp_path):
    course = graded.course
    env = {**course.env(), "PATH": str(Path(sys.executable).parent)}  # no bwrap on the PATH
    student = "zz-control"
    refused = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force", f"--student={student}"],
        cwd=course.root, env=env, capture_output=True, text=True,
    )
    log = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "bubblewrap (`bwrap`) is not installed" in log
    allowed = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force", f"--student={student}",
         "--GuardedExecute.allow_unsandboxed=True"],
        cwd=course.root, env=env, capture_output=True, text=True,
    )
    assert allowed.returncode == 0, (allowed.stdout + allowed.stderr)[-2000:]
    assert _autograded(graded, student).metadata["partnership"]["sandbox"].startswith("none (")


def test_the_kernel_reaches_its_sockets_in_a_tmpdir_deep_below_tmp(tmp_path):
    """$TMPDIR is often a folder of its own below /tmp (a batch job's, pytest's /tmp/pytest-of-…): the
    folders above the kernel's socket folder must be enterable by the sandbox user, or the kernel dies at start."""
    sandbox.self_check()
    account = sandbox.sandbox_account()
    sockets = tmp_path / "job-1" / "nbg-sockets"
    work = tmp_path / "work"
    for folder in (sockets, work):
        folder.mkdir(parents=True)
        sandbox.hand_over(str(folder), account)
    (sockets / "kernel.json").write_text('{"ok": 1}')
    sandbox.hand_over(str(sockets / "kernel.json"), account)
    probe = f"print(open({str(sockets / 'kernel.json')!r}).read())"
    argv = sandbox.sandboxed([sys.executable, "-I", "-c", probe], account, workdir=str(work), mount_as=f"{sandbox.HOME}/check",
                             socket_dir=str(sockets))
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == '{"ok": 1}', proc.stderr[-1000:]
