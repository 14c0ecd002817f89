"""Course tooling for the graded exercises: an nbgrader course in ``exercises/``.

- :mod:`~partnership.grading.checks`: assertion helpers the notebooks' test cells import
  (tolerant float comparison, messages that say what to fix). Light: no nbgrader import.
- :mod:`~partnership.grading.authoring`: builds nbgrader source notebooks from plain-Python
  assignment specs (``exercises/authoring/``), deterministically, so they can be reviewed,
  regenerated and checked.
- :mod:`~partnership.grading.course`: the instructor workflow over nbgrader's own commands
  (release, collect, autograde, feedback, export, formgrader, the book's student notebooks).
- :mod:`~partnership.grading.summary`: per-part averages and a histogram after autograding.

Run ``python -m partnership.grading --help`` for the command line. Solutions and hidden tests
live only in ``exercises/`` (authoring specs and source notebooks), never in this package, so
installing the package for students does not ship them.
"""
