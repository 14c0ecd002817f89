"""nbgrader configuration for the "Partners and Rivals" course (nbgrader 0.9).

This folder is the course root: ``source/<assignment>/`` is committed; ``release/``,
``submitted/``, ``autograded/``, ``feedback/``, ``downloaded/``, ``reports/`` and ``gradebook.db``
are build products (ignored by git). Run nbgrader from this folder, or use
``python -m partnership_grading`` / the ``grading-*`` make targets, which do it for you.

Environment overrides (nothing else needs editing to move the course):
  NBGRADER_DB_URL     gradebook database URL, e.g. postgresql://user@host/partners_and_rivals
                      (default: SQLite file gradebook.db in this folder)
  NBGRADER_EXCHANGE   exchange directory for release_assignment / fetch / submit on a shared
                      server (default: nbgrader's /srv/nbgrader/exchange)
  NBGRADER_TIMEOUT    seconds one notebook cell may run when autograding (default 60)
  NBGRADER_NOTEBOOK_TIMEOUT  seconds a whole notebook may run when autograding (default 300)
  NBGRADER_MEMORY_MB  address-space limit of an autograding kernel in MB (default 2048)

Autograding runs every submission through partnership_grading/preprocessors/ as well as
nbgrader's own steps: the notebook is put back into the release's shape, each kernel runs in a
bubblewrap sandbox (partnership_grading/sandbox.py: read-only system, a private working folder, no
network, its own PID namespace, an unprivileged user) with time, memory, file-size and output
limits, and every autograded part is decided outside the kernel, in the grader's own process
(partnership_grading/verdicts/). A static check outside the kernel stays as an early warning.
Autograding refuses to start where it cannot sandbox, unless GuardedExecute.allow_unsandboxed is
set (GRADING_UNSAFE_NO_SANDBOX=1, or --unsafe-no-sandbox on the course's command line).
See the instructor guide, "Hostile and broken submissions".
"""

import os
from pathlib import Path

from partnership_grading import cells, limits  # the delimiters; every time, memory and output limit
from partnership_grading.authoring import regions  # the stubs that replace solutions
from partnership_grading.formgrader_maths import template_basedirs

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
# From where the specs' generator takes them (nbgrader matches its delimiters anywhere on a line).
c.ClearSolutions.code_stub = {"python": "\n".join(regions.CODE_STUB)}
c.ClearSolutions.text_stub = regions.TEXT_STUB
c.ClearSolutions.begin_solution_delimeter = cells.BEGIN_SOLUTION.removeprefix("### ")
c.ClearSolutions.end_solution_delimeter = cells.END_SOLUTION.removeprefix("### ")
c.ClearSolutions.enforce_metadata = True
c.ClearHiddenTests.begin_test_delimeter = cells.BEGIN_HIDDEN.removeprefix("### ")
c.ClearHiddenTests.end_test_delimeter = cells.END_HIDDEN.removeprefix("### ")
c.ClearHiddenTests.enforce_metadata = True
# Locked cells (instructions, setup, tests) are read-only and undeletable in the student's notebook.
c.LockCells.lock_grade_cells = True
c.LockCells.lock_readonly_cells = True

# --- Autograding: bounded time and output per notebook (partnership_grading/limits.py) ---------
c.ExecutePreprocessor.timeout = limits.CELL_TIMEOUT_S  # seconds per cell (NBGRADER_TIMEOUT)
c.ExecutePreprocessor.interrupt_on_timeout = True
c.LimitOutput.max_lines = limits.MAX_OUTPUT_LINES
c.LimitOutput.max_traceback = limits.MAX_TRACEBACK_LINES

# --- Autograding hostile or broken submissions (partnership_grading/preprocessors/) ------------
# nbgrader's own steps, in nbgrader 0.9's order, with the course's checks around them.
c.Autograde.sanitize_preprocessors = [
    "partnership_grading.preprocessors.RestoreStructure",  # release's cells, order and metadata back
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "partnership_grading.preprocessors.ScreenStudentCode",  # static check, an early warning: blocked cells are not run
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "partnership_grading.preprocessors.GuardedExecute",  # nbgrader's Execute in the sandbox; verdicts decided outside
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "partnership_grading.preprocessors.RecordFindings",  # gradebook flag and comments for what was found
    "nbgrader.preprocessors.CheckCellMetadata",
]
# GuardedExecute's own limits (whole-notebook time, kernel memory, file size, output characters,
# processes) default to partnership_grading/limits.py; set c.GuardedExecute.<limit> here to change one.
c.GuardedExecute.iopub_timeout = limits.IOPUB_TIMEOUT_S  # seconds to wait for a cell's last output after its reply
c.GuardedExecute.shutdown_kernel = "immediate"  # a finished notebook's kernel is stopped, not asked to stop
# Kernels run as this unprivileged account when the grader is root (scripts/system-deps.sh creates it).
c.GuardedExecute.sandbox_user = "nbgrader-sandbox"

# Feedback: nbgrader's own steps plus one that keeps the hidden tests' code out of what students
# get back (their results and hints stay), so the problem sets can be reused, and one that marks the
# answers nobody has graded yet and drops nbgrader's automatic "No response." comment
# (partnership_grading/feedback.py). The page itself is nbgrader's feedback template with "not
# graded yet" where a score would read 0, and maths written as MathML: no MathJax from a CDN.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "partnership_grading.feedback.FeedbackStatus",
    "partnership_grading.preprocessors.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.GenerateFeedback.exporter_class = "partnership_grading.feedback.FeedbackExporter"

# The formgrader shows each written answer's rubric under it (exercises/rubrics.json, generated from the
# specs by `make exercises`). Its exporter is a plain HTMLExporter, so the step is set there; the
# feedback exporter turns it off for itself, and students never see it.
c.HTMLExporter.preprocessors = ["partnership_grading.feedback.ShowRubric"]
c.ShowRubric.rubrics_file = str(HERE / "rubrics.json")
# Its maths: MathJax from the Jupyter server the formgrader runs in, not from cdnjs. The course's
# template folder goes before nbgrader's (whose formgrade template the page is), so the course's
# formgrade/mathjax.html.j2 replaces nbconvert's; nbgrader sets this option for the formgrader before
# it reads this file, so this wins (partnership_grading/formgrader_maths.py; the server's side there too).
c.HTMLExporter.extra_template_basedirs = template_basedirs()

# `nbgrader export` writes nbgrader's CSV plus which written answers are still to be graded, and
# warns about them, instead of counting them as 0 without a word (partnership_grading/exporters.py).
c.ExportApp.plugin_class = "partnership_grading.exporters.CsvWithPendingGrades"
# Grades for a learning platform: `nbgrader export --exporter=partnership_grading.lms.CanvasExport` (or
# MoodleExport; `python -m partnership_grading export --format canvas|moodle` chooses it), with who each
# student is on the platform from the roster (partnership_grading/roster.py; exercises/roster.example.csv).
c.LmsExport.roster = str(HERE / "roster.csv")

# A submitted file that is not a notebook (not JSON, cut off, an unknown nbformat) is graded as an
# empty notebook, zero for every part and flagged with the reason, instead of failing the student.
c.Autograde.exporter_class = "partnership_grading.exporters.ZeroIfUnreadable"
