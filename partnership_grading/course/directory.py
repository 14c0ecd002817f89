"""An nbgrader course directory (:class:`Course`): its root, its gradebook, the environment its commands run in, and running them.

One idea: what every step of the workflow needs from the course, and a fresh copy of it
(:func:`make_course_copy`, for tests, benchmarks and the book's throw-away release).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent  # partnership_grading/course/ -> the repository
DEFAULT_COURSE = REPO_ROOT / "exercises"
COURSE_ID = "partners-and-rivals"


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


def submitted_students(course: Course, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course.root / "submitted").glob(f"*/{assignment}") if p.is_dir())


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
