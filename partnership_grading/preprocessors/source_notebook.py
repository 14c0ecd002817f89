"""The instructor's source notebook of an assignment, as nbgrader's course directory finds it."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode


def source_folder(config, assignment: str) -> Path:
    """``source/<assignment>/`` of the course the configuration describes."""
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    return Path(coursedir.format_path(coursedir.source_directory, ".", assignment))


def source_notebook(config, assignment: str, notebook: str) -> NotebookNode | None:
    """The instructor's source notebook (its cell order is the release's), or ``None`` if this course has none."""
    path = source_folder(config, assignment) / f"{notebook}.ipynb"
    if not path.exists():
        return None
    return nbformat.read(path, as_version=4)
