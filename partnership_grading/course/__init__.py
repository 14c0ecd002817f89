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

from .book import STAMP_NAME, ensure_student_notebooks, sources_hash, student_notebooks
from .directory import COURSE_ID, DEFAULT_COURSE, REPO_ROOT, Course, NbgraderError, make_course_copy, submitted_students
from .directory import _ids as _ids  # the command line checks assignment ids as the steps do
from .steps import (
    COLLECT_REGEXP,
    AutogradeRun,
    Collected,
    autograde,
    collect,
    export,
    feedback,
    formgrader,
    release,
    write_variants,
)

__all__ = [
    "COLLECT_REGEXP", "COURSE_ID", "DEFAULT_COURSE", "REPO_ROOT", "STAMP_NAME", "AutogradeRun", "Collected", "Course",
    "NbgraderError", "autograde", "collect", "ensure_student_notebooks", "export", "feedback", "formgrader",
    "make_course_copy", "release", "sources_hash", "student_notebooks", "submitted_students", "write_variants",
]
