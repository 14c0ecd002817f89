"""The workflow's steps, each one of nbgrader's own commands: release, collect, autograde, feedback, export, formgrader.

One idea: one function per command, run in the course root as an instructor could type it
(see :mod:`partnership_grading.course`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .directory import Course, _ids, submitted_students

# Student files the collector understands (matched on the path below downloaded/<a>/extracted/):
#   <student>/<notebook>.ipynb            a folder per student (also inside a zip)
#   <student>_<notebook>.ipynb            flat files, e.g. renamed LMS downloads
# Student ids may contain letters, digits, '.', '@', '-' and '_'; notebook names never contain '_'.
COLLECT_REGEXP = (
    r".*/extracted/(?:.*/)?(?P<student_id>[A-Za-z0-9.@-]+(?:_[A-Za-z0-9.@-]+)*?)(?:/|__?)(?P<file_id>[A-Za-z0-9-]+\.ipynb)$"
)


def release(course: Course, assignments: list[str] | None = None, *, roster: Path | None = None, tables: bool = True) -> list[Path]:
    """``nbgrader generate_assignment`` for each assignment; return the released notebooks.

    In a course with per-student numbers (it has a course secret, or ``roster`` is given, which
    makes one on first use), each release also gets ``variants.json``: the numbers of every student
    in nbgrader's student table and in ``roster`` (a CSV), for the notebooks to read
    (:func:`partnership_grading.variants.write_table`). ``tables=False`` releases only.
    """
    from .. import variants

    out = []
    chosen = _ids(course, assignments)
    for a in chosen:
        course.nbgrader("generate_assignment", a, "--force")
        out += sorted((course.root / "release" / a).glob("*.ipynb"))
    if tables and (roster is not None or variants.course_secret(course.root) is not None):
        write_variants(course, chosen, roster)
    return out


def write_variants(course: Course, assignments: list[str] | None = None, roster: Path | None = None) -> list[Path]:
    """``release/<a>/variants.json`` for every student on the roster, for each released assignment with parameters."""
    from .. import variants

    students = variants.roster(course, roster)
    written = []
    for a in _ids(course, assignments):
        nb = variants.source_notebook(course.root, a)
        if nb is None or not variants.parameters_of(nb)[0]:
            continue
        if not (course.root / "release" / a).is_dir():
            release(course, [a], tables=False)
        path = variants.write_table(course, a, students)
        print(f"variants: {path} ({len(students)} student(s)); hand it out with the notebook, in the same folder")
        written.append(path)
    return written


@dataclass(frozen=True)
class Collected:
    students: list[str]  # students with a submission of the assignment after collecting
    skipped: list[str]  # files (relative to the extracted folder) that were not filed, with why


def collect(course: Course, assignment: str, source: Path) -> Collected:
    """Bring student files (a folder, a .zip, or a single notebook) into ``submitted/``.

    The files are copied into ``downloaded/<assignment>/archive/`` and nbgrader's
    ``zip_collect --strict`` extracts them and files each under
    ``submitted/<student>/<assignment>/`` (see :data:`COLLECT_REGEXP` for the names it
    understands). Files it cannot attribute to a student and a released notebook are reported in
    ``skipped``, never silently dropped. Collecting again replaces a student's earlier files.
    """
    _ids(course, [assignment])
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"Nothing to collect at {source}.")
    released = course.root / "release" / assignment
    if not released.exists():
        release(course, [assignment], tables=False)  # zip_collect checks notebook names against the release
    notebooks = {p.name for p in released.glob("*.ipynb")}
    downloaded = course.root / "downloaded" / assignment
    archive = downloaded / "archive"
    shutil.rmtree(downloaded, ignore_errors=True)
    archive.mkdir(parents=True)
    if source.is_dir():
        shutil.copytree(source, archive, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__MACOSX"))
    elif zipfile.is_zipfile(source):
        shutil.copy2(source, archive / (source.stem + ".zip"))
    else:
        shutil.copy2(source, archive / source.name)
    course.nbgrader(
        "zip_collect", assignment, "--force", "--strict", f"--FileNameCollectorPlugin.named_regexp={COLLECT_REGEXP}"
    )
    pattern = re.compile(COLLECT_REGEXP)
    skipped = []
    extracted = downloaded / "extracted"
    for path in sorted(p for p in extracted.rglob("*") if p.is_file()):
        name = str(path.relative_to(extracted))
        match = pattern.match(str(path))
        if path.suffix != ".ipynb":
            skipped.append(f"{name} (not a notebook)")
        elif not match:
            skipped.append(f"{name} (name is not <student>/<notebook>.ipynb or <student>_<notebook>.ipynb)")
        elif match["file_id"] not in notebooks:
            skipped.append(f"{name} (no released notebook called {match['file_id']}; expected {sorted(notebooks)})")
    for line in skipped:
        print(f"collect: skipped {line}", file=sys.stderr)
    students = submitted_students(course, assignment)
    return Collected(students=students, skipped=skipped)


@dataclass(frozen=True)
class AutogradeRun:
    assignment: str
    students: list[str]
    seconds: float
    returncode: int  # non-zero: nbgrader could not process at least one submission (see its log)

    @property
    def seconds_per_submission(self) -> float:
        return self.seconds / max(len(self.students), 1)


def autograde(course: Course, assignments: list[str] | None = None, students: list[str] | None = None) -> list[AutogradeRun]:
    """``nbgrader autograde`` each assignment, for every submitted student or only ``students``.

    A notebook that errors scores zero on the affected parts and the batch goes on; nbgrader exits
    non-zero only when it could not process a submission at all, which is reported, not raised.
    """
    runs = []
    for a in _ids(course, assignments):
        who = submitted_students(course, a)
        if students:
            who = [s for s in who if s in set(students)]
        if not who:
            print(f"autograde: no submissions for {a} under submitted/", file=sys.stderr)
            continue
        start = time.perf_counter()
        if students:  # one run per student: nbgrader takes one student id (or a glob) at a time
            codes = [course.nbgrader("autograde", a, "--force", f"--student={s}", check=False).returncode for s in who]
            code = max(codes)
        else:
            code = course.nbgrader("autograde", a, "--force", check=False).returncode
        run = AutogradeRun(a, who, time.perf_counter() - start, code)
        runs.append(run)
        print(f"autograde: {a}: {len(who)} submission(s) in {run.seconds:.1f} s ({run.seconds_per_submission:.1f} s each)")
        if code:
            print(f"autograde: nbgrader reported errors for {a} (exit {code}); see the log above", file=sys.stderr)
    return runs


def feedback(course: Course, assignments: list[str] | None = None) -> list[Path]:
    """``nbgrader generate_feedback``; return the HTML files written."""
    out = []
    for a in _ids(course, assignments):
        course.nbgrader("generate_feedback", a, "--force")
        out += sorted((course.root / "feedback").glob(f"*/{a}/*.html"))
    return out


def export(
    course: Course,
    to: Path | None = None,
    assignments: list[str] | None = None,
    fmt: str = "csv",
    *,
    roster: Path | None = None,
    moodle_id: str | None = None,
    columns: dict[str, str] | None = None,
    no_submission: str | None = None,
    skip_unrostered: bool = False,
) -> Path:
    """``nbgrader export``: nbgrader's CSV (``fmt="csv"``) or a learning platform's import file.

    ``csv``: one row per student and assignment (zero if not submitted), ``grades.csv``. ``canvas``
    or ``moodle``: the plugins of :mod:`partnership_grading.lms`, selected with nbgrader's own
    ``--exporter``, one row per roster student (``canvas-grades.csv`` / ``moodle-grades.csv``).
    """
    plugins = {"csv": None, "canvas": "partnership_grading.lms.CanvasExport", "moodle": "partnership_grading.lms.MoodleExport"}
    if fmt not in plugins:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {sorted(plugins)}.")
    default = {"csv": "grades.csv", "canvas": "canvas-grades.csv", "moodle": "moodle-grades.csv"}[fmt]
    to = Path(to) if to else course.root / default
    args = ["export", f"--to={to.resolve()}"]
    if assignments:
        args.append("--assignment=[" + ",".join(f"'{a}'" for a in assignments) + "]")
    if plugins[fmt]:
        args.append(f"--exporter={plugins[fmt]}")
        if roster:
            args.append(f"--LmsExport.roster={Path(roster).resolve()}")
        for assignment, title in (columns or {}).items():
            args.append(f"--LmsExport.columns={assignment}={title}")
        if no_submission:
            args.append(f"--LmsExport.no_submission={no_submission}")
        if skip_unrostered:
            args.append("--LmsExport.skip_unrostered=True")
        if moodle_id and fmt == "moodle":
            args.append(f"--MoodleExport.id_field={moodle_id}")
    course.nbgrader(*args)
    return to


def formgrader(course: Course, port: int = 8888, open_browser: bool = True) -> int:
    """Start JupyterLab in the course root; its Nbgrader → Formgrader menu does the manual grading."""
    print(
        "formgrader: starting JupyterLab in the course folder. Open Nbgrader → Formgrader, then\n"
        "  'Manage Submissions' → an assignment → grade the written answers (cells needing manual grades\n"
        "  are flagged). Stop with Ctrl-C."
    )
    from ..formgrader_maths import missing, server_options

    if problem := missing():  # the grading page would show the maths as raw TeX
        print(f"formgrader: {problem}", file=sys.stderr)
        return 2
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={course.root}", f"--port={port}"]
    cmd += server_options()  # MathJax for the grading page, from this server (formgrader_maths.py)
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # Jupyter refuses to run as root otherwise (containers often do)
    return subprocess.call(cmd, cwd=course.root, env=course.env())
