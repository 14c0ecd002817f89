"""Parallel, resumable autograding with one consistent gradebook.

``python -m partnership.grading autograde A --parallel N`` grades an assignment with ``N`` worker
processes over disjoint students (default: one more than the cores, see :func:`default_workers`).
Each worker is a long-lived Python process that loads nbgrader
once and runs nbgrader's own ``autograde`` (through :class:`nbgrader.apps.NbGraderAPI`, with the
course's ``nbgrader_config.py``) for one student at a time, in a private scratch copy of the course
with its own SQLite gradebook. The coordinator (this process) is the **only writer** of the
course's gradebook: after each student it copies the autograded notebook into ``autograded/`` and
writes that student's scores, comments and flag in one transaction, mirroring what nbgrader's
``SaveAutoGrades`` does (manual grades are kept). So SQLite never sees two writers, PostgreSQL works
the same way, and a student's grades are either all written or not at all.

Robustness:

- a file nbgrader cannot read (not JSON, truncated, wrong nbformat, no notebook) is recorded as
  zero for every part and flagged, with the reason, without starting a kernel;
- a submission that makes nbgrader fail, or kills or hangs its worker, is retried once (a dead
  worker is replaced), then recorded as zero and flagged; the batch always finishes, and the next
  run tries it again;
- per-student state in ``<course>/.grading/<assignment>/<student>.json`` records what was graded
  (a hash of the submitted files, of the assignment's definitions in the gradebook and of the
  grading code). Running the command again **resumes**: students whose state is current are
  skipped, except those the grader failed on, which are tried again; ``--force`` regrades
  everyone. Grading the same files twice gives the same gradebook.

A progress bar (tqdm) runs while grading and a summary is printed at the end, followed by the
integrity report ``reports/<assignment>/integrity.csv``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from .course import Course, _ids, submitted_students
from .integrity import Finding, read_problem

STATE_DIR = ".grading"
HERE = Path(__file__).resolve().parent


def _sha256(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def submission_hash(course: Course, assignment: str, student: str) -> str:
    root = course.root / "submitted" / student / assignment
    return _sha256([p for p in root.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts], root)


def grader_hash(course: Course) -> str:
    """The grading code and configuration: a change regrades everyone on the next run."""
    from importlib.metadata import version

    files = [course.root / "nbgrader_config.py"] + [HERE / name for name in ("integrity.py", "preprocessors.py", "checks.py", "sandbox.py", "verdicts.py")]
    digest = hashlib.sha256(f"nbgrader {version('nbgrader')}".encode())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def definitions(gb, assignment: str) -> dict:
    """The assignment as the gradebook knows it (what students were released), as plain data."""
    a = gb.find_assignment(assignment)
    notebooks = {}
    for nb in sorted(a.notebooks, key=lambda n: n.name):
        notebooks[nb.name] = {
            "kernelspec": nb.kernelspec,
            "source": sorted((c.name, c.cell_type, bool(c.locked), c.source or "", c.checksum or "") for c in nb.source_cells),
            "grade": sorted((c.name, c.cell_type, float(c.max_score)) for c in nb.grade_cells),
            "solution": sorted(c.name for c in nb.solution_cells),
            "task": sorted((c.name, c.cell_type, float(c.max_score)) for c in nb.task_cells),
        }
    return {"assignment": assignment, "duedate": a.duedate.isoformat() if a.duedate else None, "notebooks": notebooks}


def definitions_hash(defs: dict) -> str:
    return hashlib.sha256(json.dumps(defs, sort_keys=True).encode()).hexdigest()


def write_definitions(defs: dict, db_url: str, course_id: str) -> None:
    """Create the assignment, notebooks and cells of ``defs`` in the (new) gradebook at ``db_url``."""
    from nbgrader.api import Gradebook

    a = defs["assignment"]
    with Gradebook(db_url, course_id) as gb:
        kwargs = {"duedate": defs["duedate"]} if defs["duedate"] else {}
        gb.update_or_create_assignment(a, **kwargs)
        for name, nb in defs["notebooks"].items():
            gb.update_or_create_notebook(name, a, kernelspec=nb["kernelspec"])
            for cname, ctype, locked, source, checksum in nb["source"]:
                gb.update_or_create_source_cell(cname, name, a, cell_type=ctype, locked=locked, source=source, checksum=checksum or None)
            for cname, ctype, points in nb["grade"]:
                gb.update_or_create_grade_cell(cname, name, a, cell_type=ctype, max_score=points)
            for cname in nb["solution"]:
                gb.update_or_create_solution_cell(cname, name, a)
            for cname, ctype, points in nb["task"]:
                gb.update_or_create_task_cell(cname, name, a, cell_type=ctype, max_score=points)


# ---------------------------------------------------------------------------------------------
# Results and how they enter the course's gradebook


@dataclass
class StudentResult:
    student: str
    status: str  # graded | unreadable | failed
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    notebooks: dict = field(default_factory=dict)  # name -> {"flagged", "late_penalty", "grades", "comments"}
    timestamp: str | None = None
    error: str = ""

    @property
    def flagged(self) -> bool:
        return self.status != "graded" or any(f.flags for f in self.findings)


def _retry_locked(fn, attempts: int = 20):
    """Run a gradebook transaction, retrying while another program (e.g. the formgrader) holds SQLite's lock."""
    from sqlalchemy.exc import OperationalError

    for k in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc).lower() or k == attempts - 1:
                raise
            time.sleep(min(0.1 * 2**k, 2.0))


def record(gb, assignment: str, result: StudentResult) -> None:
    """Write one student's result into the course's gradebook, in one transaction.

    Graded: the scores and comments nbgrader computed, with ``needs_manual_grade`` set exactly as
    ``SaveAutoGrades`` sets it (manual grades already given are kept and flagged for review).
    Unreadable or failed: zero for every part, as nbgrader does for a missing notebook, the
    submission flagged, and the reason in the first answer cell's comment.
    """

    def write() -> None:
        try:
            gb.update_or_create_student(result.student)
            if result.timestamp:
                sub = gb.update_or_create_submission(assignment, result.student, timestamp=result.timestamp)
            else:
                sub = gb.update_or_create_submission(assignment, result.student)
            for snb in sub.notebooks:
                got = result.notebooks.get(snb.name)
                if result.status == "graded" and got is not None:
                    snb.late_submission_penalty = got.get("late_penalty")
                    if got.get("flagged") or any(f.flags for f in result.findings):
                        snb.flagged = True
                    for grade in snb.grades:
                        auto = got["grades"].get(grade.cell.name)
                        grade.auto_score = auto
                        grade.needs_manual_grade = grade.manual_score is not None or auto is None
                    for comment in snb.comments:
                        comment.auto_comment = got["comments"].get(comment.cell.name)
                else:
                    snb.flagged = True
                    for grade in snb.grades:
                        grade.auto_score = 0
                        grade.needs_manual_grade = False
                    reason = result.findings[0].message if result.findings else result.error
                    comments = sorted(snb.comments, key=lambda c: c.cell.name)
                    for comment in comments:
                        comment.auto_comment = None
                    if comments:
                        first = next((c for c in snb.comments if c.cell.name in _first_answer(snb)), comments[0])
                        first.auto_comment = f"Not graded: {reason}"
            gb.db.commit()
        except Exception:
            gb.db.rollback()
            raise

    _retry_locked(write)


def _first_answer(snb) -> set[str]:
    names = sorted(c.name for c in snb.notebook.solution_cells)
    return set(names[:1])


def _timestamp(path: Path) -> str | None:
    stamp = path / "timestamp.txt"
    if stamp.is_file():
        text = stamp.read_text(encoding="utf-8", errors="replace").strip()
        return text or None
    return None


# ---------------------------------------------------------------------------------------------
# The worker process


def worker_main(argv: list[str]) -> int:
    """``python -m partnership.grading.parallel worker ROOT ASSIGNMENT COURSE_ID RESULT_FD``."""
    root, assignment, course_id, fd = Path(argv[0]), argv[1], argv[2], int(argv[3])
    out = os.fdopen(fd, "w", buffering=1, encoding="utf-8")
    os.chdir(root)
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    import nbformat

    db_url = f"sqlite:///{root / 'gradebook.db'}"
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = db_url
    api = NbGraderAPI(config=config)
    from .preprocessors import findings_of

    out.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        job = json.loads(line)
        if job.get("quit"):
            break
        student, src = job["student"], Path(job["src"])
        start = time.perf_counter()
        dest = root / "submitted" / student / assignment
        shutil.rmtree(root / "submitted" / student, ignore_errors=True)
        shutil.rmtree(root / "autograded" / student, ignore_errors=True)
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        res = api.autograde(assignment, student, force=True, create=True)
        reply: dict = {"student": student, "ok": bool(res.get("success")), "seconds": 0.0}
        if not reply["ok"]:
            reply["error"] = _error_reason(res.get("log", "") + "\n" + res.get("error", ""))
            reply["log"] = (res.get("log", "") + res.get("error", ""))[-4000:]
        else:
            notebooks, findings = {}, []
            with Gradebook(db_url, course_id) as gb:
                sub = gb.find_submission(assignment, student)
                reply["timestamp"] = sub.timestamp.isoformat() if sub.timestamp else None
                for snb in sub.notebooks:
                    notebooks[snb.name] = {
                        "flagged": bool(snb.flagged),
                        "late_penalty": snb.late_submission_penalty,
                        "grades": {g.cell.name: g.auto_score for g in snb.grades},
                        "comments": {c.cell.name: c.auto_comment for c in snb.comments},
                    }
                    path = root / "autograded" / student / assignment / f"{snb.name}.ipynb"
                    if path.exists():
                        findings += [f.to_dict() for f in findings_of(nbformat.read(path, as_version=4))]
            reply["notebooks"] = notebooks
            reply["findings"] = findings
        reply["seconds"] = time.perf_counter() - start
        out.write(json.dumps(reply) + "\n")
    return 0


def _error_reason(log: str) -> str:
    """The most useful line of a failed nbgrader run, for an instructor."""
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if ("Error" in ln or "Exception" in ln) and not ln.startswith(("File ", "Traceback", "raise ", "[ERROR] There was an error", "nbgrader.converters.base.NbGraderException: Please see")):
            return ln[:300]
    return (lines[-1] if lines else "nbgrader failed without a message")[:300]


# ---------------------------------------------------------------------------------------------
# The coordinator


@dataclass
class Worker:
    index: int
    root: Path
    proc: subprocess.Popen
    results: object  # a text file object reading the worker's result pipe
    log: Path
    job: str | None = None
    started: float = 0.0
    ready: bool = False


@dataclass
class ParallelRun:
    assignment: str
    workers: int
    seconds: float
    results: list[StudentResult]
    skipped: list[str]
    interrupted: bool = False

    @property
    def graded(self) -> list[StudentResult]:
        return self.results

    @property
    def returncode(self) -> int:
        return 130 if self.interrupted else 0

    @property
    def students(self) -> list[str]:
        return sorted([r.student for r in self.results] + self.skipped)

    @property
    def seconds_per_submission(self) -> float:
        return self.seconds / max(len(self.results), 1)

    def summary(self) -> str:
        n = len(self.results)
        rate = 60 * n / self.seconds if self.seconds else 0.0
        flagged = [r for r in self.results if r.flagged]
        bad = [r for r in self.results if r.status != "graded"]
        lines = [
            f"autograde {self.assignment}: {n} submission(s) graded by {self.workers} worker(s) in {self.seconds:.1f} s "
            f"({self.seconds_per_submission:.2f} s each, {rate:.1f} per minute); {len(self.skipped)} already up to date",
            f"  flagged for review: {len(flagged)}; recorded as zero because they could not be graded: {len(bad)}",
        ]
        for r in sorted(flagged, key=lambda r: r.student):
            reasons = [f.text() for f in r.findings if f.flags] or [r.error]
            lines.append(f"  - {r.student} ({r.status}): {reasons[0]}" + (f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""))
        failed = sum(r.status == "failed" for r in self.results)
        if failed:
            lines.append(f"  the grader itself failed on {failed}: they are recorded as zero for now; run the same command again to retry them")
        if self.interrupted:
            lines.append("  INTERRUPTED: the students above are saved; run the same command again to resume.")
        return "\n".join(lines)


def state_path(course: Course, assignment: str, student: str) -> Path:
    return course.root / STATE_DIR / assignment / f"{student}.json"


def _read_state(course: Course, assignment: str, student: str) -> dict | None:
    path = state_path(course, assignment, student)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(course: Course, assignment: str, result: StudentResult, submission: str, key: str) -> None:
    path = state_path(course, assignment, result.student)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "student": result.student,
        "status": result.status,
        "submission_sha256": submission,
        "grading_key": key,
        "findings": [f.to_dict() for f in result.findings],
        "error": result.error,
    }
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _replace_dir(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` so that ``dest`` is either the old or the new folder, never half of each."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.incoming-{os.getpid()}"
    old = dest.parent / f".{dest.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp)
    if dest.exists():
        os.replace(dest, old)
    os.replace(tmp, dest)
    shutil.rmtree(old, ignore_errors=True)


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """One worker more than there are cores.

    A worker spends about a third of each submission waiting for its kernel to start, answer and
    stop, so one worker per core leaves the cores partly idle; measured on 2 cores, 3 workers grade
    about 15 % faster than 2, and 4 no faster than 3.
    """
    return available_cores() + 1


def _student_deadline() -> float:
    per_notebook = int(os.environ.get("NBGRADER_NOTEBOOK_TIMEOUT", "300"))
    return per_notebook + 180.0


def autograde_parallel(
    course: Course,
    assignments: list[str] | None = None,
    students: list[str] | None = None,
    workers: int | None = None,
    *,
    force: bool = False,
    progress: bool | None = None,
    scratch: Path | None = None,
    keep_scratch: bool = False,
    stop_after: int | None = None,
) -> list[ParallelRun]:
    """Autograde each assignment with ``workers`` processes; see the module docstring.

    ``stop_after`` (for tests) simulates an interruption after that many students were saved.
    """
    runs = []
    for a in _ids(course, assignments):
        runs.append(_autograde_one(course, a, students, workers or default_workers(), force, progress, scratch, keep_scratch, stop_after))
        if runs[-1].interrupted:
            break
    return runs


def _autograde_one(course, assignment, only, n_workers, force, progress, scratch, keep_scratch, stop_after) -> ParallelRun:
    start = time.perf_counter()
    env = course.env()
    os.environ["PATH"] = env["PATH"]  # nbgrader may need alembic from this environment
    for leftover in (course.root / "autograded").glob(f"*/.{assignment}.*-*"):  # from a run that was killed mid-copy
        shutil.rmtree(leftover, ignore_errors=True)
    who = submitted_students(course, assignment)
    if only:
        who = [s for s in who if s in set(only)]
    hashes = {s: submission_hash(course, assignment, s) for s in who}
    # Start the workers now if there is likely work, so that their start-up overlaps ours.
    likely = [s for s in who if force or (_read_state(course, assignment, s) or {}).get("submission_sha256") != hashes[s]]
    pool = _Pool(course, assignment, min(n_workers, len(likely)), scratch, keep_scratch) if likely else None
    try:
        return _grade(course, assignment, who, hashes, pool, n_workers, force, progress, scratch, keep_scratch, stop_after, start)
    finally:
        if pool is not None:
            pool.close()


def _grade(course, assignment, who, hashes, pool, n_workers, force, progress, scratch, keep_scratch, stop_after, start) -> ParallelRun:
    from nbgrader.api import Gradebook
    from tqdm import tqdm

    with Gradebook(course.db, course.course_id) as gb:
        try:
            defs = definitions(gb, assignment)
        except Exception as exc:  # noqa: BLE001 - MissingEntry: never released into this gradebook
            raise ValueError(f"{assignment} is not in the gradebook {course.db}: run `release {assignment}` first ({exc}).") from exc
        key = hashlib.sha256((definitions_hash(defs) + grader_hash(course)).encode()).hexdigest()
        have = {s.student.id for s in gb.assignment_submissions(assignment)}
        todo, skipped = [], []
        for s in who:
            state = _read_state(course, assignment, s)
            current = (
                state is not None and state.get("submission_sha256") == hashes[s] and state.get("grading_key") == key and s in have
                and state.get("status") != "failed"  # the grader's failure, not the file's: try again
                and (state.get("status") != "graded" or (course.root / "autograded" / s / assignment).is_dir())
            )
            (skipped if current and not force else todo).append(s)

        # Students enter the gradebook in sorted order, as with plain nbgrader, so that exports list
        # them in the same order whatever order the workers finish in.
        _retry_locked(lambda: [gb.update_or_create_student(s) for s in sorted(todo)])

        # Files nbgrader cannot read are recorded without starting a kernel.
        results: list[StudentResult] = []
        gradeable = []
        for s in todo:
            folder = course.root / "submitted" / s / assignment
            problems = []
            for name in defs["notebooks"]:
                path = folder / f"{name}.ipynb"
                problem = "no notebook named %s.ipynb was submitted" % name if not path.exists() else read_problem(path)
                if problem:
                    problems.append(Finding("zero", "unreadable", f"{name}.ipynb: {problem}; every part scores zero"))
            if problems and len(problems) == len(defs["notebooks"]):
                results.append(StudentResult(s, "unreadable", findings=problems, timestamp=_timestamp(folder)))
            else:
                gradeable.append(s)

        bar = tqdm(total=len(todo), desc=f"autograde {assignment}", unit="sub", file=sys.stderr,
                   disable=(not sys.stderr.isatty()) if progress is None else not progress, dynamic_ncols=True)
        saved = 0
        interrupted = False

        def save(result: StudentResult) -> None:
            nonlocal saved
            dest = course.root / "autograded" / result.student / assignment
            if result.status != "graded":
                shutil.rmtree(dest, ignore_errors=True)  # as nbgrader does for a failed submission
            record(gb, assignment, result)
            _write_state(course, assignment, result, hashes[result.student], key)
            saved += 1
            results_done.append(result)
            bar.update(1)
            bar.set_postfix(flagged=sum(r.flagged for r in results_done), zero=sum(r.status != "graded" for r in results_done))

        results_done: list[StudentResult] = []
        try:
            for r in results:
                save(r)
                if stop_after is not None and saved >= stop_after:
                    raise KeyboardInterrupt
            if gradeable:
                own = None
                if pool is None or len(pool.workers) < min(n_workers, len(gradeable)):
                    own = pool = _Pool(course, assignment, min(n_workers, len(gradeable)), scratch, keep_scratch)
                try:
                    pool.run(defs, gradeable, save, stop_after, lambda: saved)
                finally:
                    if own is not None:
                        own.close()
        except KeyboardInterrupt:
            interrupted = True
        finally:
            bar.close()
    run = ParallelRun(assignment, min(n_workers, max(len(gradeable), 1)), time.perf_counter() - start, results_done, skipped, interrupted)
    if results_done or skipped:
        write_integrity_report(course, assignment)
    return run


class _Pool:
    """Worker processes for one assignment, started early (their imports overlap the coordinator's)."""

    def __init__(self, course: Course, assignment: str, size: int, scratch: Path | None, keep: bool):
        self.course, self.assignment, self.keep = course, assignment, keep
        self.base = Path(tempfile.mkdtemp(prefix="pr-autograde-", dir=scratch))
        self.template: Path | None = None
        self.sel = selectors.DefaultSelector()
        self.workers: list[Worker] = [self.start_worker(k) for k in range(max(size, 1))]
        self.start_failures = 0

    def start_worker(self, k: int) -> Worker:
        course, root = self.course, self.base / f"worker-{k}"
        if root.exists():
            shutil.rmtree(root)
        (root / "source").mkdir(parents=True)
        shutil.copy2(course.root / "nbgrader_config.py", root / "nbgrader_config.py")
        shutil.copytree(course.root / "source" / self.assignment, root / "source" / self.assignment)
        if self.template is not None:
            shutil.copy2(self.template, root / "gradebook.db")
        r, w = os.pipe()
        env = course.env()
        env["NBGRADER_DB_URL"] = f"sqlite:///{root / 'gradebook.db'}"  # never the course's own database
        log = self.base / f"worker-{k}.log"
        proc = subprocess.Popen(
            [sys.executable, "-m", "partnership.grading.parallel", "worker", str(root), self.assignment, course.course_id, str(w)],
            stdin=subprocess.PIPE, stdout=log.open("ab"), stderr=subprocess.STDOUT, pass_fds=(w,), cwd=root, env=env,
            text=True, start_new_session=True,
        )
        os.close(w)
        worker = Worker(k, root, proc, os.fdopen(r, "r", encoding="utf-8"), log)
        self.sel.register(worker.results, selectors.EVENT_READ, worker)
        return worker

    def stop(self, worker: Worker, kill: bool = False) -> None:
        try:
            self.sel.unregister(worker.results)
        except (KeyError, ValueError):
            pass
        if kill and worker.proc.poll() is None:
            try:
                os.killpg(worker.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            try:
                if worker.proc.stdin:
                    worker.proc.stdin.write(json.dumps({"quit": True}) + "\n")
                    worker.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
        try:
            worker.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.proc.pid, signal.SIGKILL)
            worker.proc.wait()
        for f in (worker.results, worker.proc.stdin):
            try:
                f.close()
            except (OSError, AttributeError):
                pass

    def close(self) -> None:
        for worker in self.workers:
            self.stop(worker, kill=worker.job is not None or not worker.ready)
        self.workers = []
        self.sel.close()
        if not self.keep:
            shutil.rmtree(self.base, ignore_errors=True)

    def run(self, defs: dict, students: list[str], save, stop_after, saved_count) -> None:
        """Grade ``students``; ``save`` gets each result as soon as it is known."""
        course, assignment = self.course, self.assignment
        self.template = self.base / "template.db"
        write_definitions(defs, f"sqlite:///{self.template}", course.course_id)
        for worker in self.workers:
            shutil.copy2(self.template, worker.root / "gradebook.db")
        queue = deque(students)
        attempts: dict[str, int] = {}
        deadline = _student_deadline()

        def dispatch(worker: Worker) -> None:
            if not queue or not worker.ready:
                return
            student = queue.popleft()
            worker.job, worker.started = student, time.monotonic()
            attempts[student] = attempts.get(student, 0) + 1
            job = {"student": student, "src": str(course.root / "submitted" / student / assignment)}
            worker.proc.stdin.write(json.dumps(job) + "\n")
            worker.proc.stdin.flush()

        def failed(student: str, why: str) -> None:
            if attempts.get(student, 0) < 2:
                queue.append(student)  # once more (a worker that died has been replaced by a new one)
                for w in self.workers:
                    if w.job is None:
                        dispatch(w)
                return
            save(StudentResult(student, "failed", findings=[Finding("zero", "grader failed", f"{why}; every part scores zero")], error=why,
                               timestamp=_timestamp(course.root / "submitted" / student / assignment)))

        def replace(worker: Worker) -> None:
            self.workers.remove(worker)
            if queue:
                self.workers.append(self.start_worker(worker.index))

        for worker in self.workers:
            dispatch(worker)
        while queue or any(w.job for w in self.workers):
            if not self.workers:
                self.workers.append(self.start_worker(0))
            for key, _ in self.sel.select(timeout=1.0):
                worker: Worker = key.data
                line = worker.results.readline()
                if not line:  # the worker died
                    student = worker.job
                    self.stop(worker, kill=True)
                    if not worker.ready:
                        self.start_failures += 1
                        if self.start_failures >= 3:
                            raise RuntimeError(f"autograding workers could not start; the last log ({worker.log}) ends:\n"
                                               + worker.log.read_text(errors="replace")[-3000:])
                    replace(worker)
                    if student:
                        failed(student, f"the grading process died (exit {worker.proc.returncode}) while running this submission")
                    continue
                msg = json.loads(line)
                if msg.get("ready"):
                    worker.ready = True
                    dispatch(worker)
                    continue
                student, worker.job = msg["student"], None
                dispatch(worker)  # keep the worker busy while this result is saved
                if msg["ok"]:
                    src = worker.root / "autograded" / student / assignment
                    _replace_dir(src, course.root / "autograded" / student / assignment)
                    save(StudentResult(student, "graded", msg["seconds"], [Finding.from_dict(d) for d in msg["findings"]],
                                       msg["notebooks"], msg.get("timestamp")))
                else:
                    failed(student, f"nbgrader could not grade it: {msg['error']}")
                if stop_after is not None and saved_count() >= stop_after:
                    raise KeyboardInterrupt
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.job and now - worker.started > deadline:
                    student = worker.job
                    self.stop(worker, kill=True)
                    replace(worker)
                    failed(student, f"grading took longer than {deadline:.0f} s")


# ---------------------------------------------------------------------------------------------
# The integrity report


def integrity_rows(course: Course, assignment: str) -> list[dict]:
    """One row per finding for every submitted student: from the run state, or else from the autograded notebook."""
    import nbformat

    from .preprocessors import findings_of

    rows = []
    for student in submitted_students(course, assignment):
        state = _read_state(course, assignment, student)
        if state is not None:
            status = state.get("status", "graded")
            findings = [Finding.from_dict(d) for d in state.get("findings", [])]
        else:
            status, findings = "graded", []
            for path in sorted((course.root / "autograded" / student / assignment).glob("*.ipynb")):
                findings += findings_of(nbformat.read(path, as_version=4))
        for f in findings:
            rows.append({"student_id": student, "status": status, "severity": f.severity, "flagged": "yes" if f.flags else "no",
                         "kind": f.kind, "cell": f.cell, "line": f.line or "", "message": f.message})
    return rows


def write_integrity_report(course: Course, assignment: str, out_dir: Path | None = None) -> Path:
    out = Path(out_dir) if out_dir else course.root / "reports" / assignment
    out.mkdir(parents=True, exist_ok=True)
    path = out / "integrity.csv"
    rows = integrity_rows(course, assignment)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["student_id", "status", "severity", "flagged", "kind", "cell", "line", "message"])
        w.writeheader()
        w.writerows(rows)
    return path


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        sys.exit(worker_main(sys.argv[2:]))
    print("usage: python -m partnership.grading autograde A --parallel N", file=sys.stderr)
    sys.exit(2)
