"""The two ways a notebook's grading stops short: its own time ran out, or the grading machine failed."""

from __future__ import annotations


class NotebookTimeout(RuntimeError):
    """The notebook used up its whole time budget."""


class GraderFault(RuntimeError):
    """The kernel or a locked cell failed before any student code ran: not the submission's fault.

    Raised (not scored) so that nbgrader reports the notebook as failed: the parallel path retries it
    once and on the next run, and plain ``nbgrader autograde`` grades it on the next run.
    """
