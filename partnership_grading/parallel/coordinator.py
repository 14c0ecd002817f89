"""The coordinator: submits one task per student and is the only writer of the course's gradebook.

One idea, the grading loop of :func:`autograde_parallel` (see :mod:`partnership_grading.parallel`):
decide who needs grading (the resumable state), record unreadable files without a kernel, keep
the cluster's workers fed a few tasks ahead, and save each result as it arrives: the autograded
folder replaced whole, the gradebook in one transaction, then the student's state.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Hashable
from pathlib import Path

from ..course import Course, _ids, submitted_students
from ..integrity import Finding, read_problem
from ..records import AssignmentKit, TaskResult
from .cluster import _Cluster, default_workers
from .report import write_integrity_report
from .results import ParallelRun, StudentResult, _retry_locked, _timestamp, record
from .state import _read_state, _write_state, definitions, definitions_hash, grader_hash, submission_hash
from .task import GradingFailed, _files, _hold, _write_files, assignment_kit, grade_submission

SCHEDULER_ENV = "GRADING_SCHEDULER"  # tcp://HOST:PORT of an existing Dask scheduler


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

    from .. import variants

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
