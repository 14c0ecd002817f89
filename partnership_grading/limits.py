"""Every limit the grader puts on a submission, in one place: the grader's traits and nbgrader's
configuration (``exercises/nbgrader_config.py``) both read them from here.

Three can be set from the environment without editing anything, as the course configuration
documents: ``NBGRADER_TIMEOUT``, ``NBGRADER_NOTEBOOK_TIMEOUT`` and ``NBGRADER_MEMORY_MB``. A course
can still override any of them in its ``nbgrader_config.py`` (``c.GuardedExecute.memory_limit_mb``, ...).

>>> CELL_TIMEOUT_S <= NOTEBOOK_TIMEOUT_S
True
"""

from __future__ import annotations

import os


def _seconds_or_mb(variable: str, default: int) -> int:
    value = os.environ.get(variable, str(default))
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{variable}={value!r}: give a whole number (0 turns the limit off)") from None
    if number < 0:
        raise ValueError(f"{variable}={value!r}: a limit cannot be negative (0 turns it off)")
    return number


# Time
CELL_TIMEOUT_S = _seconds_or_mb("NBGRADER_TIMEOUT", 60)  # one cell; also one call of the student's code by a hidden check
NOTEBOOK_TIMEOUT_S = _seconds_or_mb("NBGRADER_NOTEBOOK_TIMEOUT", 300)  # the whole notebook; 0: none
CPU_BACKSTOP_S = 60  # CPU seconds beyond the notebook's time (RLIMIT_CPU), if interrupts and timeouts are ignored
IOPUB_TIMEOUT_S = 20  # waiting for a cell's last output after its reply
INTERRUPT_GRACE_S = 10  # waiting for an interrupted kernel to answer before it counts as lost

# Memory, files, processes (rlimits of the kernel; 0: none)
MEMORY_MB = _seconds_or_mb("NBGRADER_MEMORY_MB", 2048)  # address space (RLIMIT_AS)
FILE_SIZE_MB = 64  # largest file the kernel may write (RLIMIT_FSIZE)
MAX_PROCESSES = 512  # processes and threads of the dedicated sandbox account (RLIMIT_NPROC)

# Output
MAX_OUTPUT_CHARS = 200_000  # characters kept per cell (errors always kept)
MAX_OUTPUT_LINES = 1000  # nbgrader's LimitOutput: lines kept per output
MAX_TRACEBACK_LINES = 100  # nbgrader's LimitOutput: lines kept per traceback
MAX_REPLY_CHARS = 2_000_000  # characters of JSON accepted for one value the grader reads from the kernel
