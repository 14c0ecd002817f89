"""nbgrader preprocessors that make autograding safe against hostile or broken submissions.

``exercises/nbgrader_config.py`` puts them into nbgrader's own autograde pipeline, so plain
``nbgrader autograde`` and ``python -m partnership_grading autograde --parallel N`` both use them:

sanitize (before any student code runs, outside the kernel)
    :class:`RestoreStructure` → nbgrader's ClearOutput, DeduplicateIds, OverwriteKernelspec,
    OverwriteCells → :class:`ScreenStudentCode` → CheckCellMetadata
autograde
    :class:`GuardedExecute` (nbgrader's Execute with limits) → IgnorePattern, ClearMetadata,
    LimitOutput, SaveAutoGrades, AssignLatePenalties → :class:`RecordFindings` → CheckCellMetadata

What each adds to nbgrader:

- :class:`RestoreStructure` puts the notebook back into the release's shape: deleted locked or
  answer cells come back (locked ones from the gradebook), cells moved out of order go back to
  their place, changed nbgrader metadata (points, grade ids, the grade/locked/solution flags) is
  reset, cells with unknown grade ids become ordinary cells. nbgrader alone restores the *source*
  of locked cells and their points, but fails the whole notebook on an unknown grade id and grades
  a moved test cell where the student put it.
- :class:`ScreenStudentCode` runs :mod:`~partnership_grading.integrity`'s static scan over every
  cell a student can edit and replaces blocked cells with an error that names the reason.
- :class:`GuardedExecute` bounds each notebook: per-cell and per-notebook time, memory, CPU time and
  file size for the kernel, the size of the output kept, and a kernel environment without the
  grader's secrets (``NBGRADER_DB_URL`` and the like). If the kernel dies or hangs it marks every
  cell that did not run with an error (nbgrader would otherwise give a test cell without output
  **full** marks, or fail the whole submission) and grading goes on. A kernel that fails before any
  student cell ran raises :class:`GraderFault` instead (the machine's fault: retried, not scored).
  Kernels use Unix sockets in a private folder: parallel workers starting kernels at once could
  otherwise pick the same free TCP port.
- :class:`RecordFindings` flags the submission in the gradebook (the formgrader's flag) and writes
  the reason as the comment of each blocked answer cell, which the feedback shows.
- :class:`HideHiddenTests` (feedback) removes the hidden tests' code from what students get back.

Every finding is also kept in the autograded notebook's metadata (``partnership.integrity``).

One preprocessor per module, as nbgrader's own ``nbgrader.preprocessors`` is laid out;
``GuardedExecute``'s three concerns besides execution are mixins beside it (``sandboxed_kernel``,
``kernel_probe``, ``output_budget``). What cells are (delimiters, kinds, labels) is in
:mod:`partnership_grading.cells`; every limit is in :mod:`partnership_grading.limits`.
"""

from .faults import GraderFault, NotebookTimeout
from .findings import META_KEY, add_findings, findings_of
from .guarded_execute import GuardedExecute
from .hide_hidden_tests import HideHiddenTests
from .record_findings import RecordFindings
from .restore_structure import RestoreStructure
from .sandboxed_kernel import SECRET_ENV, THREAD_ENV, VARIANT_ID_ENV, SandboxedKernelManager
from .screen_student_code import ScreenStudentCode

__all__ = ["META_KEY", "SECRET_ENV", "THREAD_ENV", "VARIANT_ID_ENV", "GraderFault", "GuardedExecute", "HideHiddenTests",
           "NotebookTimeout", "RecordFindings", "RestoreStructure", "SandboxedKernelManager", "ScreenStudentCode",
           "add_findings", "findings_of"]
