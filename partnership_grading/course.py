"""The instructor workflow over nbgrader's own commands, for one nbgrader course directory.

Every step runs the real ``nbgrader`` command line (``python -m nbgrader …``) inside the course
root, exactly as an instructor could type it, so nbgrader's usual layout, config and logs apply:

- :func:`release`: ``nbgrader generate_assignment`` (``source/`` → ``release/``)
- :func:`collect`: student files from a folder or a zip → ``downloaded/<a>/archive/`` →
  ``nbgrader zip_collect`` → ``submitted/<student>/<a>/``
- :func:`autograde`: ``nbgrader autograde`` (→ ``autograded/`` and the gradebook)
- :func:`feedback`: ``nbgrader generate_feedback`` (→ ``feedback/<student>/<a>/*.html``)
- :func:`export`: ``nbgrader export`` (→ one CSV row per student and assignment, or with the
  course's plugins a Canvas or Moodle grade import file)
- :func:`formgrader`: JupyterLab in the course root, whose *Formgrader* tab is for manual grading
- :func:`student_notebooks`: release every assignment in a throw-away copy of the course and copy
  the student notebooks somewhere (the book serves them from ``_static/exercises/``)

The database comes from ``nbgrader_config.py`` (SQLite in the course root unless
``NBGRADER_DB_URL`` is set), so the same functions drive a PostgreSQL gradebook.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COURSE = REPO_ROOT / "exercises"
COURSE_ID = "partners-and-rivals"

# Student files the collector understands (matched on the path below downloaded/<a>/extracted/):
#   <student>/<notebook>.ipynb            a folder per student (also inside a zip)
#   <student>_<notebook>.ipynb            flat files, e.g. renamed LMS downloads
# Student ids may contain letters, digits, '.', '@', '-' and '_'; notebook names never contain '_'.
COLLECT_REGEXP = (
    r".*/extracted/(?:.*/)?(?P<student_id>[A-Za-z0-9.@-]+(?:_[A-Za-z0-9.@-]+)*?)(?:/|__?)(?P<file_id>[A-Za-z0-9-]+\.ipynb)$"
)


@dataclass(frozen=True)
class Course:
    """An nbgrader course root and the environment its commands run in."""

    root: Path = DEFAULT_COURSE
    db_url: str | None = None  # overrides nbgrader_config.py (and NBGRADER_DB_URL) when given

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).resolve())
        if not (self.root / "nbgrader_config.py").exists():
            raise FileNotFoundError(f"{self.root} is not an nbgrader course root: it has no nbgrader_config.py.")

    @property
    def course_id(self) -> str:
        """The course id set in nbgrader_config.py (a plain string literal there)."""
        text = (self.root / "nbgrader_config.py").read_text(encoding="utf-8")
        match = re.search(r"CourseDirectory\.course_id\s*=\s*['\"]([^'\"]+)['\"]", text)
        return match.group(1) if match else COURSE_ID

    @property
    def db(self) -> str:
        """The gradebook URL the commands will use."""
        if self.db_url:
            return self.db_url
        return os.environ.get("NBGRADER_DB_URL") or f"sqlite:///{self.root / 'gradebook.db'}"

    def env(self) -> dict[str, str]:
        """The environment for nbgrader: this interpreter's bin/ first on PATH.

        nbgrader creates a new gradebook by running ``alembic`` from PATH; without the virtual
        environment's bin/ on PATH that fails with "No such file or directory: 'alembic'".
        """
        env = dict(os.environ)
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        if self.db_url:
            env["NBGRADER_DB_URL"] = self.db_url
        env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quieter kernels
        return env

    def assignments(self) -> list[str]:
        """Assignment ids, i.e. the folders under ``source/``, sorted."""
        return sorted(p.name for p in (self.root / "source").iterdir() if p.is_dir() and not p.name.startswith("."))

    def nbgrader(self, *args: str, check: bool = True, quiet: bool = False) -> subprocess.CompletedProcess:
        """Run ``nbgrader <args>`` in the course root, streaming its log unless ``quiet``.

        Returns the completed process with the whole log in ``.stdout``; raises
        :class:`NbgraderError` on a non-zero exit when ``check``.
        """
        cmd = [sys.executable, "-m", "nbgrader", *args]
        if not quiet:
            print("$ nbgrader " + " ".join(args), flush=True)
        lines = []
        with subprocess.Popen(
            cmd, cwd=self.root, env=self.env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        ) as proc:
            assert proc.stdout is not None  # noqa: S101 - stdout=PIPE: for the type checker
            for line in proc.stdout:
                lines.append(line)
                if not quiet and not _noise(line):
                    sys.stderr.write(line)
                    sys.stderr.flush()
        done = subprocess.CompletedProcess(cmd, proc.returncode, stdout="".join(lines), stderr="")
        if check and done.returncode != 0:
            raise NbgraderError(args, done)
        return done


class NbgraderError(RuntimeError):
    def __init__(self, args: tuple[str, ...], proc: subprocess.CompletedProcess):
        self.proc = proc
        tail = "\n".join(line for line in (proc.stdout or "").strip().splitlines()[-15:] if not _noise(line))
        super().__init__(f"nbgrader {' '.join(args)} failed (exit {proc.returncode}):\n{tail}")


def _noise(line: str) -> bool:
    """Kernel transport warnings, which say nothing useful to an instructor."""
    return "Kernel is running over TCP without encryption" in line


def _ids(course: Course, assignments: list[str] | None) -> list[str]:
    known = course.assignments()
    chosen = list(assignments) if assignments else known
    unknown = [a for a in chosen if a not in known]
    if unknown:
        raise ValueError(f"Unknown assignment(s) {unknown}; the course has {known}.")
    return chosen


# ---------------------------------------------------------------------------------------------


def release(course: Course, assignments: list[str] | None = None, *, roster: Path | None = None, tables: bool = True) -> list[Path]:
    """``nbgrader generate_assignment`` for each assignment; return the released notebooks.

    In a course with per-student numbers (it has a course secret, or ``roster`` is given, which
    makes one on first use), each release also gets ``variants.json``: the numbers of every student
    in nbgrader's student table and in ``roster`` (a CSV), for the notebooks to read
    (:func:`partnership_grading.variants.write_table`). ``tables=False`` releases only.
    """
    from . import variants

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
    from . import variants

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
    students = sorted(p.parent.name for p in (course.root / "submitted").glob(f"*/{assignment}") if p.is_dir())
    return Collected(students=students, skipped=skipped)


def submitted_students(course: Course, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course.root / "submitted").glob(f"*/{assignment}") if p.is_dir())


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
    from .formgrader_maths import missing, server_options

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


def student_notebooks(course: Course, dest: Path, assignments: list[str] | None = None) -> list[Path]:
    """Release the assignments in a temporary copy of the course; copy the student notebooks to ``dest``.

    Only files from ``release/`` are copied, so the book can serve them without ever touching the
    sources. The course's own gradebook is not used (the copy gets a throw-away SQLite one).
    ``dest`` is emptied first.
    """
    dest = Path(dest)
    chosen = _ids(course, assignments)
    with tempfile.TemporaryDirectory(prefix="pr-release-") as tmp:
        copy = make_course_copy(course, Path(tmp) / "course", chosen)
        copy.nbgrader("generate_assignment", "*", "--force", quiet=True)  # one process for all of them
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        out = []
        for a in chosen:
            for nb in sorted((copy.root / "release" / a).glob("*.ipynb")):
                shutil.copyfile(nb, dest / nb.name)
                out.append(dest / nb.name)
    return out


STAMP_NAME = ".sources.sha256"


def sources_hash(course: Course) -> str:
    """A hash of everything a release depends on: the config, the sources and nbgrader's version."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(f"nbgrader {version('nbgrader')}".encode())
    files = [course.root / "nbgrader_config.py"] + sorted(p for p in (course.root / "source").rglob("*") if p.is_file())
    for path in files:
        if "__pycache__" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        digest.update(str(path.relative_to(course.root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_student_notebooks(course_root: Path = DEFAULT_COURSE, dest: Path = REPO_ROOT / "_static" / "exercises") -> bool:
    """Make ``dest`` hold the current student notebooks; regenerate only when the sources changed.

    Returns True if it regenerated. Used by ``make book`` / ``make test`` and by the book's
    Exercises page itself, so a plain ``jupyter-book build`` on a fresh clone serves them too.
    """
    course = Course(course_root)
    dest = Path(dest)
    stamp = dest / STAMP_NAME
    current = sources_hash(course)
    expected = {f"{a}.ipynb" for a in course.assignments()}
    have = {p.name for p in dest.glob("*.ipynb")} if dest.exists() else set()
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == current and expected <= have:
        return False
    student_notebooks(course, dest)
    stamp.write_text(current + "\n", encoding="utf-8")
    return True


def make_course_copy(course: Course, where: Path, assignments: list[str] | None = None) -> Course:
    """A fresh course root at ``where`` with this course's config and sources (and its own SQLite gradebook)."""
    where = Path(where)
    (where / "source").mkdir(parents=True)
    shutil.copy2(course.root / "nbgrader_config.py", where / "nbgrader_config.py")
    if (course.root / "rubrics.json").exists():  # the formgrader shows each written answer's rubric from it
        shutil.copy2(course.root / "rubrics.json", where / "rubrics.json")
    for a in _ids(course, assignments):
        shutil.copytree(course.root / "source" / a, where / "source" / a)
    return Course(where, db_url=f"sqlite:///{where / 'gradebook.db'}")
