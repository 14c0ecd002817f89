"""The instructor's grading engine for the graded exercises: an nbgrader course in ``exercises/``.

Students never install this package: the student kit ships only :mod:`partnership` (the models,
the widgets, :mod:`partnership.checks` that the visible tests import and :mod:`partnership.variants`
that reads a student's numbers). This one depends on nbgrader and holds what grades them, laid out
the way nbgrader itself is (one step per module, configured through traitlets):

- :mod:`~partnership_grading.authoring`: source notebooks from the plain-Python specs
  (``exercises/authoring/``), deterministically, and the book's rubric and points pages.
- :mod:`~partnership_grading.cells`: what a cell is (nbgrader's ``is_grade``/``is_solution``/
  ``is_locked``, the delimiters, labels); :mod:`~partnership_grading.limits`: every limit.
- :mod:`~partnership_grading.preprocessors`: the integrity steps nbgrader's autograde and feedback
  run (one preprocessor per file), with :mod:`~partnership_grading.sandbox` (bubblewrap),
  :mod:`~partnership_grading.verdicts` (hidden checks decided in the grader's process) and
  :mod:`~partnership_grading.integrity` (the static scan and its report).
- :mod:`~partnership_grading.parallel`: autograding on a Dask cluster, resumable, one gradebook writer.
- :mod:`~partnership_grading.variants`: per-student numbers from the course secret.
- :mod:`~partnership_grading.course`: the instructor workflow over nbgrader's own commands
  (release, collect, autograde, feedback, export, formgrader, the book's student notebooks);
  :mod:`~partnership_grading.kit`: the student kit; :mod:`~partnership_grading.hub`: a class on JupyterHub.
- After grading: :mod:`~partnership_grading.summary` (per-part averages, a histogram),
  :mod:`~partnership_grading.similarity` with :mod:`~partnership_grading.fingerprints` (the
  copying report), :mod:`~partnership_grading.feedback`, :mod:`~partnership_grading.exporters`,
  :mod:`~partnership_grading.lms` and :mod:`~partnership_grading.roster` (Canvas and Moodle).

Run ``python -m partnership_grading --help`` for the command line. Solutions and hidden tests
live only in ``exercises/`` (authoring specs and source notebooks), never in this package.
"""
