"""The instructor's grading engine for the graded exercises: an nbgrader course in ``exercises/``.

Students never install this package: the student kit ships only :mod:`partnership` (the models,
the widgets, :mod:`partnership.checks` that the visible tests import and :mod:`partnership.variants`
that reads a student's numbers). This one depends on nbgrader and holds what grades them:

- :mod:`~partnership_grading.authoring`: builds nbgrader source notebooks from plain-Python
  assignment specs (``exercises/authoring/``), deterministically, so they can be reviewed,
  regenerated and checked.
- :mod:`~partnership_grading.course`: the instructor workflow over nbgrader's own commands
  (release, collect, autograde, feedback, export, formgrader, the book's student notebooks).
- :mod:`~partnership_grading.summary`: per-part averages and a histogram after autograding.

Run ``python -m partnership_grading --help`` for the command line. Solutions and hidden tests
live only in ``exercises/`` (authoring specs and source notebooks), never in this package.
"""
