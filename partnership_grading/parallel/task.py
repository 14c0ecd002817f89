"""What a grading task carries, and the task itself: :func:`grade_submission`, which a Dask worker runs.

The coordinator builds an :func:`assignment kit <assignment_kit>` once per run (the assignment's
source files, the loaded nbgrader configuration without the course's database URL, and an SQLite
gradebook holding only the assignment's definitions); each task gets it and one student's files,
grades them with nbgrader's own ``autograde`` in a private temporary course, and returns the
results as data (:class:`~partnership_grading.records.TaskResult`). Nothing here touches the
course's own files or gradebook.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from ..course import Course
from ..records import AssignmentDefinition, AssignmentKit, NotebookGrades, TaskResult


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

    from ..sandbox import UNSAFE_ENV

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

    from ..preprocessors import findings_of

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
