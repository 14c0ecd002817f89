"""A test cell's two halves and its outputs: the visible tests run in the kernel, the hidden checks
are data kept in the grader, and only the grader's verdict can be an error in what is saved.
"""

from __future__ import annotations

from types import SimpleNamespace

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader.utils import is_solution

from .. import verdicts
from ..cells import HIDDEN_REGION, without_hidden
from .faults import GraderFault
from .source_notebook import source_notebook


def split_tests(source: str) -> tuple[str, list]:
    """A test cell's visible tests (what the kernel runs) and its hidden checks (data, kept here)."""
    text = source if isinstance(source, str) else "".join(source)
    regions = HIDDEN_REGION.findall(text)
    try:
        hidden = [c for body, _ in regions for c in verdicts.parse_hidden(body)]
    except (ValueError, SyntaxError) as exc:
        raise GraderFault(f"a test cell's hidden region is not the grader's data format ({exc}); regenerate the assignment") from exc
    return without_hidden(text).rstrip("\n"), hidden


def as_information(outputs: list) -> list:
    """What the kernel printed for a test cell, kept for the student but unable to decide the grade.

    nbgrader scores a test cell zero on an error or stderr output and reads a number in an
    ``execute_result`` as partial credit; so errors and stderr become stdout text and results become
    display data, and only the grader's own verdict (appended after them) can be an error.
    """
    kept = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "error":
            text = "\n".join(out.get("traceback") or [f"{out.get('ename')}: {out.get('evalue')}"]) + "\n"
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=text))
        elif kind == "stream":
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=out.get("text", "")))
        elif kind == "execute_result":
            kept.append(nbformat.v4.new_output("display_data", data=out.get("data", {}), metadata=out.get("metadata", {})))
        else:
            kept.append(out)
    return kept


def verdict_output(failures: list[str]) -> NotebookNode:
    if not failures:
        return nbformat.v4.new_output("stream", name="stdout", text="Graded by the course's checks, outside your notebook: passed.\n")
    return nbformat.v4.new_output(
        "error", ename="AssertionError", evalue="\n".join(failures),
        traceback=["Graded by the course's checks, outside your notebook: not passed."] + [f"- {f}" for f in failures],
    )


class LazySolution:
    """The instructor's solution cells (from ``source/``), run in the grader the first time a reference needs them."""

    def __init__(self, config, assignment: str, notebook: str, trusted: dict):
        self._args = (config, assignment, notebook, trusted)
        self._ns: SimpleNamespace | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._ns is None:
            config, assignment, notebook, trusted = self._args
            source = source_notebook(config, assignment, notebook)
            if source is None:
                raise AttributeError(f"no source notebook for {assignment}/{notebook}, so solution.{name} is unknown")
            cells = [c.source for c in source.cells if c.cell_type == "code" and is_solution(c)]
            self._ns = verdicts.solution_namespace(trusted, cells)
        return getattr(self._ns, name)
