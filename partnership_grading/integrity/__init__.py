"""Integrity checks that run *outside* the student's kernel, before any student code runs.

Python has no sandbox inside the interpreter: code in a student's cell runs with exactly the same
powers as the test cells after it. It can rebind ``math.isclose``, replace builtins, patch the
course package the tests import their reference answers from, register an IPython input
transformer that rewrites the test cells before they run, or exit the kernel. No test cell can
defend itself against code that ran before it in the same process. So the grader decides what
student code may run at all, from the source, before the kernel starts:

- :func:`scan_cells` parses every cell a student can edit (after IPython's own input transforms,
  so magics and ``!shell`` lines are seen as the ``get_ipython()`` calls they are) and reports
  constructs that could change how *other* cells are graded: imports outside the allowed list,
  dynamic code (``eval``, ``exec``, ``__import__``), introspection (dunder attributes, ``getattr``
  with computed names), writes to attributes of modules or of anything imported, IPython's shell
  object, file access, leaving the kernel. It is an allow-list where it matters (imports), so an
  unusual trick is refused rather than missed.
- A ``block`` finding means the cell is **not run**: the grader replaces it with a short error
  that names the reason (the student's code is kept in the autograded notebook as comments), so
  only the parts that depend on that cell lose points and the submission is flagged.
- A ``review`` finding (for example rebinding ``_close``, a name the test cells import for
  themselves) changes nothing in grading but flags the submission for an instructor.

:func:`read_problem` says why a file cannot be graded at all (not JSON, truncated, an nbformat
nbgrader cannot read). Findings are plain data (:class:`Finding`) kept in the autograded notebook's
metadata, in the run state, in the gradebook (the submission's *flag* and a comment on the cell)
and in ``reports/<assignment>/integrity.csv``.
"""

from __future__ import annotations

from .findings import Finding
from .neutralise import NEUTRALISED_MARK, neutralised_source
from .rules import ALLOWED_IMPORTS, BLOCKED_NAMES, BLOCKED_SUBMODULES, DANGEROUS_ATTRS, MUTATING_METHODS, SAFE_DUNDERS
from .scan import CellScan, collect_bindings, names_bound, python_source, scan_cells, scan_source, setup_imports
from .unreadable import read_problem

__all__ = [
    "ALLOWED_IMPORTS", "BLOCKED_NAMES", "BLOCKED_SUBMODULES", "DANGEROUS_ATTRS", "MUTATING_METHODS", "NEUTRALISED_MARK",
    "SAFE_DUNDERS", "CellScan", "Finding", "collect_bindings", "names_bound", "neutralised_source", "python_source",
    "read_problem", "scan_cells", "scan_source", "setup_imports",
]
