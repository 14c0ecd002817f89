"""RecordFindings: the gradebook's flag and each blocked answer's comment, from the findings."""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

from .findings import findings_of


class RecordFindings(NbGraderPreprocessor):
    """Flag the submission in the gradebook and put each blocked cell's reason in its comment."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        findings = findings_of(nb)
        if not findings:
            return nb, resources
        info = resources["nbgrader"]
        by_cell: dict[str, list[str]] = {}
        for f in findings:
            if f.severity in ("block", "runtime") and f.cell:
                by_cell.setdefault(f.cell, []).append(("line %d: " % f.line if f.line else "") + f.message)
        with Gradebook(info["db_url"]) as gb:
            try:
                sub = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            except MissingEntry:
                return nb, resources
            if any(f.flags for f in findings):
                sub.flagged = True
            solution_ids = {c.name for c in sub.notebook.solution_cells}
            for gid, reasons in by_cell.items():
                if gid in solution_ids:
                    comment = gb.find_comment(gid, info["notebook"], info["assignment"], info["student"])
                    comment.auto_comment = "Integrity check: " + "; ".join(reasons)
            zero = [f for f in findings if f.severity == "zero"]
            if zero and solution_ids:  # as the parallel grader words it, on the first answer
                comment = gb.find_comment(min(solution_ids), info["notebook"], info["assignment"], info["student"])
                comment.auto_comment = f"Not graded: {zero[0].message}"
            gb.db.commit()
        return nb, resources
