"""ScreenStudentCode: the static integrity scan, an early warning before any student code runs."""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from ..cells import is_setup, is_student_code, is_test, label
from ..integrity import Finding, names_bound, neutralised_source, scan_cells
from .findings import add_findings


class ScreenStudentCode(NbGraderPreprocessor):
    """Replace student cells that could tamper with grading by an error naming the reason."""

    enabled_check = Bool(True, help="Run the static integrity scan (disable only to test the runtime defences)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        if not self.enabled_check:
            return nb, resources
        tests: list[str] = []
        setup: list[str] = []
        student: list[tuple[int, str]] = []
        for k, cell in enumerate(nb.cells):
            if is_test(cell):
                tests.append(cell.source)
            elif is_setup(cell):
                setup.append(cell.source)
            elif is_student_code(cell):
                student.append((k, label(cell, k)))
        scans = scan_cells(
            [(name, nb.cells[k].source) for k, name in student], protected=names_bound(tests), setup_sources=setup
        )
        findings = []
        for (k, name), scan in zip(student, scans):
            for line, why in scan.review:
                findings.append(Finding("review", "suspicious", why, name, line))
            if scan.block:
                for line, why in scan.block:
                    findings.append(Finding("block", "tampering", f"not run: {why}", name, line))
                nb.cells[k].source = neutralised_source(nb.cells[k].source, scan.block)
        add_findings(nb, findings)
        return nb, resources
