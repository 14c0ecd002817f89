"""A student's result as the coordinator holds it, how it enters the course's gradebook, and a run's summary.

:func:`record` is the only code that writes grades into the course's gradebook on the parallel path:
one student in one transaction, mirroring nbgrader's ``SaveAutoGrades``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..integrity import Finding
from ..records import NotebookGrades


@dataclass
class StudentResult:
    student: str
    status: str  # graded | unreadable | failed
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    notebooks: dict[str, NotebookGrades] = field(default_factory=dict)
    timestamp: str | None = None
    error: str = ""

    @property
    def flagged(self) -> bool:
        return self.status != "graded" or any(f.flags for f in self.findings)


def _retry_locked(fn, attempts: int = 20):
    """Run a gradebook transaction, retrying while another program (e.g. the formgrader) holds SQLite's lock."""
    from sqlalchemy.exc import OperationalError

    for k in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc).lower() or k == attempts - 1:
                raise
            time.sleep(min(0.1 * 2**k, 2.0))


def record(gb: Any, assignment: str, result: StudentResult) -> None:
    """Write one student's result into the course's gradebook, in one transaction.

    Graded: the scores and comments nbgrader computed, with ``needs_manual_grade`` set exactly as
    ``SaveAutoGrades`` sets it (manual grades already given are kept and flagged for review).
    Unreadable or failed: zero for every part, as nbgrader does for a missing notebook, the
    submission flagged, and the reason in the first answer cell's comment.
    """

    def write() -> None:
        try:
            gb.update_or_create_student(result.student)
            if result.timestamp:
                sub = gb.update_or_create_submission(assignment, result.student, timestamp=result.timestamp)
            else:
                sub = gb.update_or_create_submission(assignment, result.student)
            with gb.db.no_autoflush:  # one flush at the commit, not one per grade read (most of a save's time)
                for snb in sub.notebooks:
                    got = result.notebooks.get(snb.name)
                    if result.status == "graded" and got is not None:
                        snb.late_submission_penalty = got.get("late_penalty")
                        if got.get("flagged") or any(f.flags for f in result.findings):
                            snb.flagged = True
                        for grade in snb.grades:
                            auto = got["grades"].get(grade.cell.name)
                            grade.auto_score = auto
                            grade.needs_manual_grade = grade.manual_score is not None or auto is None
                        for comment in snb.comments:
                            comment.auto_comment = got["comments"].get(comment.cell.name)
                    else:
                        snb.flagged = True
                        for grade in snb.grades:
                            grade.auto_score = 0
                            grade.needs_manual_grade = False
                        reason = result.findings[0].message if result.findings else result.error
                        comments = sorted(snb.comments, key=lambda c: c.cell.name)
                        for comment in comments:
                            comment.auto_comment = None
                        if comments:
                            first = next((c for c in snb.comments if c.cell.name in _first_answer(snb)), comments[0])
                            first.auto_comment = f"Not graded: {reason}"
            gb.db.commit()
        except Exception:
            gb.db.rollback()
            raise

    _retry_locked(write)


def _first_answer(snb) -> set[str]:
    names = sorted(c.name for c in snb.notebook.solution_cells)
    return set(names[:1])


def _timestamp(path: Path) -> str | None:
    stamp = path / "timestamp.txt"
    if stamp.is_file():
        text = stamp.read_text(encoding="utf-8", errors="replace").strip()
        return text or None
    return None


@dataclass
class ParallelRun:
    assignment: str
    workers: int
    seconds: float
    results: list[StudentResult]
    skipped: list[str]
    interrupted: bool = False
    cluster: str = ""  # what graded them (the local cluster, or the scheduler's address)
    save_seconds: float = 0.0  # the coordinator's time writing results (the part no cluster can share)

    @property
    def returncode(self) -> int:
        return 130 if self.interrupted else 0

    @property
    def students(self) -> list[str]:
        return sorted([r.student for r in self.results] + self.skipped)

    @property
    def seconds_per_submission(self) -> float:
        return self.seconds / max(len(self.results), 1)

    def summary(self) -> str:
        n = len(self.results)
        rate = 60 * n / self.seconds if self.seconds else 0.0
        flagged = [r for r in self.results if r.flagged]
        bad = [r for r in self.results if r.status != "graded"]
        lines = [
            f"autograde {self.assignment}: {n} submission(s) graded by {self.workers} worker(s) in {self.seconds:.1f} s "
            f"({self.seconds_per_submission:.2f} s each, {rate:.1f} per minute); {len(self.skipped)} already up to date",
            f"  flagged for review: {len(flagged)}; recorded as zero because they could not be graded: {len(bad)}",
        ]
        if self.cluster:
            lines.insert(1, f"  cluster: {self.cluster}; the coordinator spent {1000 * self.save_seconds / max(n, 1):.0f} ms "
                            "per submission writing results")
        for r in sorted(flagged, key=lambda r: r.student):
            reasons = [f.text() for f in r.findings if f.flags] or [r.error]
            lines.append(f"  - {r.student} ({r.status}): {reasons[0]}" + (f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""))
        failed = sum(r.status == "failed" for r in self.results)
        if failed:
            lines.append(f"  the grader itself failed on {failed}: they are recorded as zero for now; run the same command again to retry them")
        if self.interrupted:
            lines.append("  INTERRUPTED: the students above are saved; run the same command again to resume.")
        return "\n".join(lines)
