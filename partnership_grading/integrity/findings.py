"""What the integrity checks noticed about a submission (:class:`Finding`), as plain data.

Kept in the autograded notebook's metadata, in the parallel path's run state, in the gradebook
(the submission's *flag*, a comment on the cell) and in ``reports/<assignment>/integrity.csv``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """One thing the integrity checks noticed about a submission, for an instructor to read.

    ``severity``: ``block`` (the cell was not run), ``restore`` (the grader put back what the
    release had: a deleted, moved or edited locked cell, changed metadata), ``zero`` (nothing could
    be graded: every part scores zero), ``runtime`` (the kernel died, hung or ran out of time),
    ``review`` (graded as is, flagged for a look) or ``info`` (noted, not flagged).
    """

    severity: str
    kind: str
    message: str
    cell: str = ""  # grade id of the cell (or "cell 7" for a cell without one)
    line: int = 0

    FLAGGING = ("block", "restore", "zero", "runtime", "review")

    @property
    def flags(self) -> bool:
        return self.severity in self.FLAGGING

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(**{k: data[k] for k in ("severity", "kind", "message", "cell", "line") if k in data})

    def text(self) -> str:
        where = f"{self.cell}" + (f", line {self.line}" if self.line else "")
        return f"[{self.severity}] {where + ': ' if where else ''}{self.message}"
