"""nbgrader configuration for the "Partners and Rivals" course (nbgrader 0.9).

This folder is the course root: ``source/<assignment>/`` is committed; ``release/``,
``submitted/``, ``autograded/``, ``feedback/``, ``downloaded/``, ``reports/`` and ``gradebook.db``
are build products (ignored by git). Run nbgrader from this folder, or use
``python -m partnership.grading`` / the ``grading-*`` make targets, which do it for you.

Environment overrides (nothing else needs editing to move the course):
  NBGRADER_DB_URL     gradebook database URL, e.g. postgresql://user@host/partners_and_rivals
                      (default: SQLite file gradebook.db in this folder)
  NBGRADER_EXCHANGE   exchange directory for release_assignment / fetch / submit on a shared
                      server (default: nbgrader's /srv/nbgrader/exchange)
  NBGRADER_TIMEOUT    seconds one notebook cell may run when autograding (default 60)
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

HERE = Path(__file__).resolve().parent

# --- The course and where it lives ------------------------------------------------------------
c.CourseDirectory.course_id = "partners-and-rivals"
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.db_url = os.environ.get("NBGRADER_DB_URL") or f"sqlite:///{HERE / 'gradebook.db'}"
if os.environ.get("NBGRADER_EXCHANGE"):
    c.Exchange.root = os.environ["NBGRADER_EXCHANGE"]
# Never copy authoring or checkpoint files into a release.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# --- Releasing: what replaces solutions and hidden tests -----------------------------------------
# These must match partnership/grading/authoring.py (CODE_STUB, TEXT_STUB and the markers).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.enforce_metadata = True
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
c.ClearHiddenTests.enforce_metadata = True
# Locked cells (instructions, setup, tests) are read-only and undeletable in the student's notebook.
c.LockCells.lock_grade_cells = True
c.LockCells.lock_readonly_cells = True

# --- Autograding: bounded time and output per notebook -----------------------------------------
c.ExecutePreprocessor.timeout = int(os.environ.get("NBGRADER_TIMEOUT", "60"))  # seconds per cell
c.ExecutePreprocessor.interrupt_on_timeout = True
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100
