"""HideHiddenTests: feedback that shows each test's result and hint but not the hidden tests' code."""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from ..cells import is_test, without_hidden


class HideHiddenTests(NbGraderPreprocessor):
    """Feedback without the hidden tests' code: each test cell keeps its visible tests and its result.

    nbgrader's feedback shows the autograded notebook, hidden tests included, which spoils them for
    the next class; IPython's tracebacks also quote the failing test line. So the hidden region is
    removed from test cells and a test cell's error is reduced to its last line, which names the
    check that failed and the hint.
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        for cell in nb.cells:
            if not is_test(cell):
                continue
            cell.source = without_hidden(cell.source)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return nb, resources
