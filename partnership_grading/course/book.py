"""The book's copy of the student notebooks (``_static/exercises/``), released again only when the sources change.

:func:`ensure_student_notebooks` is what ``make book``, ``make test`` and the book's Exercises page
call; the release runs in a throw-away copy of the course, so the book never touches the sources.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .directory import DEFAULT_COURSE, REPO_ROOT, Course, _ids, make_course_copy


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
