"""What a run has graded, and whether it is still current: the hashes and the per-student state.

One idea, the resumable state of :mod:`partnership_grading.parallel`: for each student,
``<course>/.grading/<assignment>/<student>.json`` records a hash of the submitted files, of the
assignment's definitions in the gradebook and of the grading code; a student whose record matches
all three (and was not failed by the grader) is not graded again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..course import Course
from ..records import AssignmentDefinition, NotebookDefinition

if TYPE_CHECKING:
    from .results import StudentResult

STATE_DIR = ".grading"
ENGINE = Path(__file__).resolve().parent.parent  # partnership_grading/, the whole engine (not only this subpackage)
STUDENT_PACKAGE = ENGINE.parent / "partnership"


def _sha256(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def submission_hash(course: Course, assignment: str, student: str) -> str:
    root = course.root / "submitted" / student / assignment
    return _sha256([p for p in root.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts], root)


def grader_hash(course: Course) -> str:
    """The grading code and configuration: a change regrades everyone on the next run."""
    from importlib.metadata import version

    from .. import variants

    # All of the engine (a new preprocessor file is grading code too), and the two course modules a
    # graded notebook runs: the visible tests' helpers and the kernel's side of the per-student numbers.
    files = [course.root / "nbgrader_config.py", *sorted(ENGINE.rglob("*.py")),
             STUDENT_PACKAGE / "checks.py", STUDENT_PACKAGE / "variants.py"]
    digest = hashlib.sha256(f"nbgrader {version('nbgrader')}".encode())
    for path in files:
        digest.update(path.read_bytes())
    digest.update(variants.fingerprint(course.root).encode())  # a new course secret gives every student new numbers
    return digest.hexdigest()


def definitions(gb: Any, assignment: str) -> AssignmentDefinition:
    """The assignment as the gradebook (an nbgrader ``Gradebook``) knows it: what students were released, as plain data."""
    a = gb.find_assignment(assignment)
    notebooks: dict[str, NotebookDefinition] = {}
    for nb in sorted(a.notebooks, key=lambda n: n.name):
        notebooks[nb.name] = {
            "kernelspec": nb.kernelspec,
            "source": sorted((c.name, c.cell_type, bool(c.locked), c.source or "", c.checksum or "") for c in nb.source_cells),
            "grade": sorted((c.name, c.cell_type, float(c.max_score)) for c in nb.grade_cells),
            "solution": sorted(c.name for c in nb.solution_cells),
            "task": sorted((c.name, c.cell_type, float(c.max_score)) for c in nb.task_cells),
        }
    return {"assignment": assignment, "duedate": a.duedate.isoformat() if a.duedate else None, "notebooks": notebooks}


def definitions_hash(defs: AssignmentDefinition) -> str:
    return hashlib.sha256(json.dumps(defs, sort_keys=True).encode()).hexdigest()


def state_path(course: Course, assignment: str, student: str) -> Path:
    return course.root / STATE_DIR / assignment / f"{student}.json"


def _read_state(course: Course, assignment: str, student: str) -> dict | None:
    path = state_path(course, assignment, student)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(course: Course, assignment: str, result: StudentResult, submission: str, key: str) -> None:
    path = state_path(course, assignment, result.student)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "student": result.student,
        "status": result.status,
        "submission_sha256": submission,
        "grading_key": key,
        "findings": [f.to_dict() for f in result.findings],
        "error": result.error,
    }
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
