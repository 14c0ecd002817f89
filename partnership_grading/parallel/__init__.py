"""Parallel, resumable autograding on a Dask cluster, with one consistent gradebook.

``python -m partnership_grading autograde A --parallel [N]`` grades each submission as one task
on a `Dask distributed <https://distributed.dask.org>`_ cluster: by default a ``LocalCluster`` of
``N`` worker processes on 127.0.0.1 (default: one more than the cores, see
:func:`default_workers`; no dashboard, nothing listens beyond this machine), or an existing
cluster, ``--scheduler tcp://HOST:PORT`` (or ``GRADING_SCHEDULER``), whose workers may run on
other machines (Kubernetes, an HPC queue; see the instructor guide).

A task (:func:`grade_submission`) carries everything a worker needs and shares no file system
with the course: the student's files, and once per run an :func:`assignment kit <assignment_kit>`
(the assignment's source files, the loaded nbgrader configuration without the course's database
URL, and a gradebook holding only the assignment's definitions). The worker runs nbgrader's own
``autograde`` (:class:`nbgrader.apps.NbGraderAPI`, in the bubblewrap sandbox like every
autograding kernel) in a private temporary course with that SQLite gradebook, and returns the
results as data: scores, comments, flags, findings and the autograded files' bytes. The
coordinator (this process) is the **only writer** of the course's gradebook: for each result it
replaces ``autograded/<student>/<a>/`` and writes that student's scores, comments and flag in one
transaction, mirroring what nbgrader's ``SaveAutoGrades`` does (manual grades are kept). So SQLite
never sees two writers, PostgreSQL works the same way, and a student's grades are either all
written or not at all.

Robustness:

- a file nbgrader cannot read (not JSON, truncated, wrong nbformat, no notebook) is recorded as
  zero for every part and flagged, with the reason, without starting a kernel;
- a submission that makes nbgrader fail is retried once by Dask (``retries=1``); one whose worker
  dies is rescheduled by Dask on another worker (the local cluster allows one such death per task,
  ``distributed.scheduler.allowed-failures``); a hung kernel is stopped by the per-notebook limit
  (``GuardedExecute.notebook_timeout``). After that it is recorded as zero and flagged; the batch
  always finishes, and the next run tries it again;
- per-student state in ``<course>/.grading/<assignment>/<student>.json`` records what was graded
  (a hash of the submitted files, of the assignment's definitions in the gradebook and of the
  grading code). Running the command again **resumes**: students whose state is current are
  skipped, except those the grader failed on, which are tried again; ``--force`` regrades
  everyone. Grading the same files twice gives the same gradebook.

A progress bar (tqdm over Dask's ``as_completed``) runs while grading and a summary is printed at
the end, followed by the integrity report ``reports/<assignment>/integrity.csv``.
"""

from __future__ import annotations

from .cluster import available_cores, default_workers
from .coordinator import SCHEDULER_ENV, autograde_parallel
from .report import integrity_rows, write_integrity_report
from .results import ParallelRun, StudentResult, record
from .state import STATE_DIR, definitions, definitions_hash, grader_hash, state_path, submission_hash
from .task import GradingFailed, assignment_kit, grade_submission, write_definitions

__all__ = [
    "SCHEDULER_ENV", "STATE_DIR", "GradingFailed", "ParallelRun", "StudentResult", "assignment_kit", "autograde_parallel",
    "available_cores", "default_workers", "definitions", "definitions_hash", "grade_submission", "grader_hash",
    "integrity_rows", "record", "state_path", "submission_hash", "write_definitions", "write_integrity_report",
]
