"""The integrity report ``reports/<assignment>/integrity.csv``: every finding of every submitted student.

Read from the run state (:mod:`.state`) where there is one, else from the autograded notebooks'
metadata (a course graded by plain ``nbgrader autograde``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..course import Course, submitted_students
from ..integrity import Finding
from .state import _read_state


def integrity_rows(course: Course, assignment: str) -> list[dict]:
    """One row per finding for every submitted student: from the run state, or else from the autograded notebook."""
    import nbformat

    from ..preprocessors import findings_of

    rows = []
    for student in submitted_students(course, assignment):
        state = _read_state(course, assignment, student)
        if state is not None:
            status = state.get("status", "graded")
            findings = [Finding.from_dict(d) for d in state.get("findings", [])]
        else:
            status, findings = "graded", []
            for path in sorted((course.root / "autograded" / student / assignment).glob("*.ipynb")):
                findings += findings_of(nbformat.read(path, as_version=4))
        for f in findings:
            rows.append({"student_id": student, "status": status, "severity": f.severity, "flagged": "yes" if f.flags else "no",
                         "kind": f.kind, "cell": f.cell, "line": f.line or "", "message": f.message})
    return rows


def write_integrity_report(course: Course, assignment: str, out_dir: Path | None = None) -> Path:
    out = Path(out_dir) if out_dir else course.root / "reports" / assignment
    out.mkdir(parents=True, exist_ok=True)
    path = out / "integrity.csv"
    rows = integrity_rows(course, assignment)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["student_id", "status", "severity", "flagged", "kind", "cell", "line", "message"])
        w.writeheader()
        w.writerows(rows)
    return path
