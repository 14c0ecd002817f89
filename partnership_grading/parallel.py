"""Parallel, resumable autograding on a Dask cluster, with one consistent gradebook.

``python -m partnership_grading autograde A --parallel [N]`` grades each submission as one task
on a `Dask distributed <https://distributed.dask.org>`_ cluster: by default a ``LocalCluster`` of
``N`` worker processes on 127.0.0.1 (default: one more than the cores, see
:func:`default_workers`; no dashboard, nothing listens beyond this machine), or an existing
cluster, ``--scheduler tcp://HOST:PORT`` (or ``GRADING_SCHEDULER``), whose workers may run on
other machines (Kubernetes, an HPC queue; see the instructor guide).

A task (:func:`grade_submission`) carries everything a worker needs and shares no file system
with the course: the student's files, and once per run an :func:`assignment kit <assignment_kit>`
(the assignment's source files, the loaded nbgrader configuration without the course's database
URL, and a gradebook holding only the assignment's definitions). The worker runs nbgrader's own
``autograde`` (:class:`nbgrader.apps.NbGraderAPI`, in the bubblewrap sandbox like every
autograding kernel) in a private temporary course with that SQLite gradebook, and returns the
results as data: scores, comments, flags, findings and the autograded files' bytes. The
coordinator (this process) is the **only writer** of the course's gradebook: for each result it
replaces ``autograded/<student>/<a>/`` and writes that student's scores, comments and flag in one
transaction, mirroring what nbgrader's ``SaveAutoGrades`` does (manual grades are kept). So SQLite
never sees two writers, PostgreSQL works the same way, and a student's grades are either all
written or not at all.

Robustness:

- a file nbgrader cannot read (not JSON, truncated, wrong nbformat, no notebook) is recorded as
  zero for every part and flagged, with the reason, without starting a kernel;
- a submission that makes nbgrader fail is retried once by Dask (``retries=1``); one whose worker
  dies is rescheduled by Dask on another worker (the local cluster allows one such death per task,
  ``distributed.scheduler.allowed-failures``); a hung kernel is stopped by the per-notebook limit
  (``GuardedExecute.notebook_timeout``). After that it is recorded as zero and flagged; the batch
  always finishes, and the next run tries it again;
- per-student state in ``<course>/.grading/<assignment>/<student>.json`` records what was graded
  (a hash of the submitted files, of the assignment's definitions in the gradebook and of the
  grading code). Running the command again **resumes**: students whose state is current are
  skipped, except those the grader failed on, which are tried again; ``--force`` regrades
  everyone. Grading the same files twice gives the same gradebook.

A progress bar (tqdm over Dask's ``as_completed``) runs while grading and a summary is printed at
the end, followed by the integrity report ``reports/<assignment>/integrity.csv``.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .course import Course, _ids, submitted_students
from .integrity import Finding, read_problem
from .records import AssignmentDefinition, AssignmentKit, NotebookDefinition, NotebookGrades, TaskResult

if TYPE_CHECKING:
    from concurrent.futures import Future

    from distributed import Client, LocalCluster

STATE_DIR = ".grading"
SCHEDULER_ENV = "GRADING_SCHEDULER"  # tcp://HOST:PORT of an existing Dask scheduler
HERE = Path(__file__).resolve().parent
STUDENT_PACKAGE = HERE.parent / "partnership"


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

    from . import variants

    # All of the engine (a new preprocessor file is grading code too), and the two course modules a
    # graded notebook runs: the visible tests' helpers and the kernel's side of the per-student numbers.
    files = [course.root / "nbgrader_config.py", *sorted(HERE.rglob("*.py")),
             STUDENT_PACKAGE / "checks.py", STUDENT_PACKAGE / "variants.py"]
    digest = hashlib.sha256(f"nbgrader {version('nbgrader')}".encode())
    for path in files:
        digest.update(path.read_bytes())
    digest.update(variants.fingerprint(course.root).encode())  # a new course secret gives every student new numbers
    return digest.hexdigest()


def definitions(gb: Any, assignment: str) -> AssignmentDefinition:
    """The assignment as the gradebook (an nbgrader ``Gradebook``) knows it: what students were released, as plain data."""
    a = gb.find_assignment(assignment)
    notebooks: dict[str, NotebookDefinition] = {}
    for nb in sorted(a.notebooks, key=lambda n: n.name):
        notebooks[nb.name] = {
            "kernelspec": nb.kernelspec,
            "source": sorted((c.name, c.cell_type, bool(c.locked), c.source or "", c.checksum or "") for c in nb.source_cells),
            "grade": sorted((c.name, c.cell_type, float(c.max_score)) for c in nb.grade_cells),
            "solution": sorted(c.name for c in nb.solution_cells),
            "task": sorted((c.name, c.cell_type, float(c.max_score)) for c in nb.task_cells),
        }
    return {"assignment": assignment, "duedate": a.duedate.isoformat() if a.duedate else None, "notebooks": notebooks}


def definitions_hash(defs: AssignmentDefinition) -> str:
    return hashlib.sha256(json.dumps(defs, sort_keys=True).encode()).hexdigest()


def write_definitions(defs: AssignmentDefinition, db_url: str, course_id: str, alembic_version: str | None = None) -> None:
    """Create the assignment, notebooks and cells of ``defs`` in the (new) gradebook at ``db_url``.

    With ``alembic_version`` (the course gradebook's), a new database is stamped with it first:
    nbgrader would otherwise run ``alembic heads`` to learn it, a subprocess that takes seconds.
    """
    import sqlalchemy
    from nbgrader.api import Gradebook

    if alembic_version:
        engine = sqlalchemy.create_engine(db_url)
        with engine.begin() as conn:
            conn.execute(sqlalchemy.text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL)"))
            if conn.execute(sqlalchemy.text("SELECT count(*) FROM alembic_version")).scalar() == 0:
                conn.execute(sqlalchemy.text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": alembic_version})
        engine.dispose()
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
    notebooks: dict[str, NotebookGrades] = field(default_factory=dict)
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


def record(gb: Any, assignment: str, result: StudentResult) -> None:
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
            with gb.db.no_autoflush:  # one flush at the commit, not one per grade read (most of a save's time)
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
# What a task carries, and the task itself (runs on a Dask worker)


def _files(folder: Path) -> dict[str, bytes]:
    """Every regular file below ``folder`` as {relative path: bytes} (symbolic links are not followed)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and ".ipynb_checkpoints" not in p.parts}


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        parts = Path(rel).parts
        if Path(rel).is_absolute() or ".." in parts:  # never outside the folder, whatever a name says
            raise ValueError(f"refusing to write {rel!r} outside {folder}")
        path = folder.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def assignment_kit(course: Course, assignment: str, defs: AssignmentDefinition, alembic_version: str | None = None,
                   scratch: Path | None = None) -> AssignmentKit:
    """What every task of ``assignment`` needs besides the student's files, as plain data.

    The configuration is loaded here, so the limits the instructor's environment sets
    (``NBGRADER_TIMEOUT`` …) apply on every worker; the course's root and database URL are taken
    out (they mean nothing on a worker, and a PostgreSQL URL is a secret). The gradebook is an
    SQLite file with only the assignment's definitions, made once here rather than on every worker.
    """
    from traitlets.config.loader import PyFileConfigLoader

    from .sandbox import UNSAFE_ENV

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    config.CourseDirectory.root = ""
    config.CourseDirectory.db_url = ""
    if "allow_unsandboxed" not in config.GuardedExecute:  # the instructor's --unsafe-no-sandbox, not the worker's environment
        config.GuardedExecute.allow_unsandboxed = os.environ.get(UNSAFE_ENV) == "1"
    with tempfile.TemporaryDirectory(prefix="pr-kit-", dir=scratch) as tmp:
        db = Path(tmp) / "gradebook.db"
        write_definitions(defs, f"sqlite:///{db}", course.course_id, alembic_version)
        gradebook = db.read_bytes()
    return {"assignment": assignment, "course_id": course.course_id, "config": config,
            "source": _files(course.root / "source" / assignment), "gradebook": gradebook}


class GradingFailed(RuntimeError):
    """nbgrader could not grade a submission: raised in the task, so that Dask retries it once."""


def _hold(kit: AssignmentKit) -> AssignmentKit:
    """The kit as a task's result: a worker that loses it gets it recomputed from the scheduler's copy."""
    return kit


def _scratch() -> str | None:
    """The Dask worker's own folder (removed with the worker), or the system's temporary folder."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        return None


def grade_submission(kit: AssignmentKit, student: str, files: dict[str, bytes], numbers: dict | None = None) -> TaskResult:
    """Autograde one student in a private temporary course; return the results as data.

    Runs on a Dask worker, which needs this course's environment (the package, nbgrader,
    bubblewrap and the sandbox account), not its files, and never the course secret: ``numbers``
    are the student's own, derived by the coordinator (``None``: the published ones). Raises
    :class:`GradingFailed` when nbgrader fails, so that Dask retries it.
    """
    import nbformat
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from sqlalchemy.exc import SAWarning

    from .preprocessors import findings_of

    start = time.perf_counter()
    assignment, course_id = kit["assignment"], kit["course_id"]
    root = Path(tempfile.mkdtemp(prefix=f"autograde-{assignment}-", dir=_scratch()))
    try:
        _write_files(root / "source" / assignment, kit["source"])
        _write_files(root / "submitted" / student / assignment, files)
        (root / "gradebook.db").write_bytes(kit["gradebook"])
        db_url = f"sqlite:///{root / 'gradebook.db'}"
        config = copy.deepcopy(kit["config"])
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.db_url = db_url
        config.GuardedExecute.variant_numbers = json.dumps({"student": student, "numbers": numbers})
        with warnings.catch_warnings():  # nbgrader 0.9's SQLAlchemy "not in session" warnings, harmless, on every submission
            warnings.simplefilter("ignore", SAWarning)
            res = NbGraderAPI(config=config).autograde(assignment, student, force=True, create=True)
        if not res.get("success"):
            raise GradingFailed(_error_reason(res.get("log", "") + "\n" + res.get("error", "")))
        notebooks: dict[str, NotebookGrades] = {}
        findings: list[dict[str, Any]] = []
        with Gradebook(db_url, course_id) as gb:
            sub = gb.find_submission(assignment, student)
            timestamp = sub.timestamp.isoformat() if sub.timestamp else None
            for snb in sub.notebooks:
                notebooks[snb.name] = {
                    "flagged": bool(snb.flagged),
                    "late_penalty": snb.late_submission_penalty,
                    "grades": {g.cell.name: g.auto_score for g in snb.grades},
                    "comments": {c.cell.name: c.auto_comment for c in snb.comments},
                }
        out = root / "autograded" / student / assignment
        for name in notebooks:
            path = out / f"{name}.ipynb"
            if path.exists():
                findings += [f.to_dict() for f in findings_of(nbformat.read(path, as_version=4))]
        return {"student": student, "timestamp": timestamp, "notebooks": notebooks, "findings": findings,
                "autograded": _files(out), "seconds": time.perf_counter() - start}
    finally:
        shutil.rmtree(root, ignore_errors=True)


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
class ParallelRun:
    assignment: str
    workers: int
    seconds: float
    results: list[StudentResult]
    skipped: list[str]
    interrupted: bool = False
    cluster: str = ""  # what graded them (the local cluster, or the scheduler's address)
    save_seconds: float = 0.0  # the coordinator's time writing results (the part no cluster can share)

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
        if self.cluster:
            lines.insert(1, f"  cluster: {self.cluster}; the coordinator spent {1000 * self.save_seconds / max(n, 1):.0f} ms "
                            "per submission writing results")
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


def _replace_dir(files: dict[str, bytes], dest: Path) -> None:
    """Write ``files`` as the folder ``dest``, so that ``dest`` is either the old or the new folder, never half of each."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.incoming-{os.getpid()}"
    old = dest.parent / f".{dest.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    _write_files(tmp, files)
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


class _Cluster:
    """The Dask client, connected when first needed and shared by every assignment of a run.

    Without a scheduler address: a ``LocalCluster`` of worker processes (one thread each: every
    task is a kernel of its own, and nbgrader's log capture is per process) on 127.0.0.1, with no
    dashboard, whose scheduler lets a task's worker die once (``allowed-failures``; Dask's default
    of 3 would let one submission take down four workers before it is given up).
    """

    def __init__(self, workers: int, scheduler: str | None, scratch: Path | None):
        self.workers, self.scheduler, self.scratch = workers, scheduler, scratch
        self.client: Client | None = None
        self.local: LocalCluster | None = None
        self._starting: Future[None] | None = None
        self.description = ""

    def start_soon(self, needed: int) -> None:
        """Start connecting in the background: worker processes take seconds to start, as long as the coordinator's own preparation."""
        if self._starting is None:
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dask-start")
            self._starting = pool.submit(self._connect, needed)
            pool.shutdown(wait=False)

    def connect(self, needed: int) -> Client:
        self.start_soon(needed)
        if self._starting is not None:
            self._starting.result()
        if self.client is None:  # unreachable: _connect sets it or raises
            raise RuntimeError("the Dask client did not start")
        return self.client

    def _connect(self, needed: int) -> None:
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="60s")
            except OSError as exc:  # TimeoutError included
                raise ValueError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from exc
            self.description = f"Dask scheduler {self.scheduler}"
            return
        n = max(1, min(self.workers, needed))
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            self.local = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tcp",
                dashboard_address=None, local_directory=str(self.scratch) if self.scratch else None,
                silence_logs=logging.ERROR,  # a failed task is reported by the summary, not by a worker's traceback
            )
        self.client = Client(self.local)
        self.description = f"LocalCluster of {n} worker process(es) on 127.0.0.1"

    def size(self) -> int:
        if self.client is None:
            return 0
        if self.local is not None:
            return len(self.local.workers)
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def close(self) -> None:
        if self._starting is not None:
            with contextlib.suppress(Exception):  # a start that failed has nothing to close
                self._starting.result()
        if self.client is not None:
            self.client.close()
        if self.local is not None:
            self.local.close()
        self.client, self.local, self._starting = None, None, None


def autograde_parallel(
    course: Course,
    assignments: list[str] | None = None,
    students: list[str] | None = None,
    workers: int | None = None,
    *,
    scheduler: str | None = None,
    force: bool = False,
    progress: bool | None = None,
    scratch: Path | None = None,
    stop_after: int | None = None,
) -> list[ParallelRun]:
    """Autograde each assignment on a Dask cluster; see the module docstring.

    ``workers``: the size of the local cluster (ignored with a ``scheduler``, whose workers are
    whatever that cluster has); ``scheduler`` defaults to ``$GRADING_SCHEDULER``. ``scratch``: the
    local workers' folder. ``stop_after`` (for tests) simulates an interruption after that many
    students were saved.
    """
    cluster = _Cluster(workers or default_workers(), scheduler or os.environ.get(SCHEDULER_ENV) or None, scratch)
    runs = []
    try:
        for a in _ids(course, assignments):
            runs.append(_autograde_one(course, a, students, cluster, force, progress, scratch, stop_after))
            if runs[-1].interrupted:
                break
    finally:
        cluster.close()
    return runs


def _autograde_one(course, assignment, only, cluster: _Cluster, force, progress, scratch, stop_after) -> ParallelRun:
    import sqlalchemy
    from nbgrader.api import Gradebook
    from tqdm import tqdm

    start = time.perf_counter()
    for leftover in (course.root / "autograded").glob(f"*/.{assignment}.*-*"):  # from a run that was killed mid-copy
        shutil.rmtree(leftover, ignore_errors=True)
    who = submitted_students(course, assignment)
    if only:
        who = [s for s in who if s in set(only)]
    hashes = {s: submission_hash(course, assignment, s) for s in who}
    likely = [s for s in who if force or (_read_state(course, assignment, s) or {}).get("submission_sha256") != hashes[s]]
    if likely:
        cluster.start_soon(len(likely))

    with Gradebook(course.db, course.course_id) as gb:
        try:
            defs = definitions(gb, assignment)
        except Exception as exc:  # MissingEntry: never released into this gradebook
            raise ValueError(f"{assignment} is not in the gradebook {course.db}: run `release {assignment}` first ({exc}).") from exc
        key = hashlib.sha256((definitions_hash(defs) + grader_hash(course)).encode()).hexdigest()
        version = _retry_locked(lambda: gb.db.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalar())
        have = {s.student.id for s in gb.assignment_submissions(assignment)}
        todo: list[str] = []
        skipped: list[str] = []
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
        unreadable: list[StudentResult] = []
        gradeable = []
        for s in sorted(todo):
            folder = course.root / "submitted" / s / assignment
            problems = []
            for name in defs["notebooks"]:
                path = folder / f"{name}.ipynb"
                problem = "no notebook named %s.ipynb was submitted" % name if not path.exists() else read_problem(path)
                if problem:
                    problems.append(Finding("zero", "unreadable", f"{name}.ipynb: {problem}; every part scores zero"))
            if problems and len(problems) == len(defs["notebooks"]):
                unreadable.append(StudentResult(s, "unreadable", findings=problems, timestamp=_timestamp(folder)))
            else:
                gradeable.append(s)

        bar = tqdm(total=len(todo), desc=f"autograde {assignment}", unit="sub", file=sys.stderr,
                   disable=(not sys.stderr.isatty()) if progress is None else not progress, dynamic_ncols=True)
        done: list[StudentResult] = []
        interrupted, saving = False, 0.0

        def save(result: StudentResult, files: dict[str, bytes] | None = None) -> None:
            nonlocal saving
            began = time.perf_counter()
            dest = course.root / "autograded" / result.student / assignment
            if files is not None:
                _replace_dir(files, dest)
            if result.status != "graded":
                shutil.rmtree(dest, ignore_errors=True)  # as nbgrader does for a failed submission
            record(gb, assignment, result)
            _write_state(course, assignment, result, hashes[result.student], key)
            done.append(result)
            saving += time.perf_counter() - began
            bar.update(1)
            bar.set_postfix(flagged=sum(r.flagged for r in done), zero=sum(r.status != "graded" for r in done))
            if stop_after is not None and len(done) >= stop_after:
                raise KeyboardInterrupt

        try:
            for r in unreadable:
                save(r)
            if gradeable:
                _grade_on_cluster(cluster, course, assignment, assignment_kit(course, assignment, defs, version, scratch), gradeable, save)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            bar.close()
    used = bool(gradeable) and cluster.client is not None
    run = ParallelRun(assignment, cluster.size() if used else 0, time.perf_counter() - start, done, skipped, interrupted,
                      cluster.description if used else "", saving)
    if done or skipped:
        write_integrity_report(course, assignment)
    return run


def _grade_on_cluster(cluster: _Cluster, course: Course, assignment: str, kit: AssignmentKit, students: list[str],
                      save: Callable[..., None]) -> None:
    """Submit one task per student and save each result as it arrives.

    At most a few tasks per worker thread are submitted ahead (each carries the student's files),
    so that a class of thousands is not all held in the scheduler's memory at once.
    """
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    from . import variants

    client = cluster.connect(len(students))
    source = variants.source_notebook(course.root, assignment)  # the parameters; the secret stays here
    held = client.submit(_hold, kit, key=f"kit-{assignment}-{uuid.uuid4().hex[:8]}", pure=False)
    queue = list(reversed(students))  # in sorted order, popped from the end
    owner: dict[Hashable, str] = {}  # a task's Dask key -> its student
    live: dict[Hashable, object] = {}  # key -> future not yet saved
    running = as_completed()

    def top_up() -> None:
        ahead = max(8, 2 * sum(client.nthreads().values()))
        while queue and running.count() < ahead:
            student = queue.pop()
            files = _files(course.root / "submitted" / student / assignment)
            numbers = variants.grading_numbers(course.root, source, assignment, student)
            future = client.submit(grade_submission, held, student, files, numbers, retries=1, pure=False,
                                   key=f"autograde-{assignment}-{student}-{uuid.uuid4().hex[:8]}")
            owner[future.key], live[future.key] = student, future
            running.add(future)

    def failed(student: str, exc: BaseException) -> StudentResult:
        if isinstance(exc, GradingFailed):
            why = f"nbgrader could not grade it: {exc}"
        elif isinstance(exc, KilledWorker):
            why = "the grading process died each time it ran this submission"
        else:
            why = f"the grader failed: {type(exc).__name__}: {exc}"
        return StudentResult(student, "failed", findings=[Finding("zero", "grader failed", f"{why}; every part scores zero")], error=why,
                             timestamp=_timestamp(course.root / "submitted" / student / assignment))

    top_up()
    try:
        for future in running:
            student = owner.pop(future.key)
            del live[future.key]
            top_up()  # keep the workers busy while this result is saved
            if future.status == "cancelled":
                raise RuntimeError(f"the Dask cluster ({cluster.description}) dropped the task for {student}; "
                                   "the students saved so far are kept: run the same command again to resume")
            if future.status == "finished":
                got: TaskResult = future.result()
                save(StudentResult(student, "graded", got["seconds"], [Finding.from_dict(d) for d in got["findings"]],
                                   got["notebooks"], got["timestamp"]), got["autograded"])
            else:
                save(failed(student, future.exception()))
            future.release()
    finally:
        if live:  # interrupted: nobody will save these
            client.cancel(list(live.values()))
        held.release()


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


