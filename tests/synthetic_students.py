"""Synthetic students for the tests, made from the specs: their answers (solution, typed in, hard-coded, wrong or blank),
filled into the release as a student would, or run without a kernel to see what the tests decide."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import CodeType

import nbformat

from partnership import variants as student_variants
from partnership_grading.authoring.preamble import setup_source
from partnership_grading.authoring.regions import fill_stub, released_code, replace_solution, solution_region
from partnership_grading.authoring.specs import Assignment, Part, Written
from partnership_grading.authoring.text import _clean
from partnership_grading.verdicts import in_process_channel, judge, solution_namespace, trusted_namespace


def answer_bodies(a: Assignment, choice: Mapping[str, str] | str = "solution", *, numbers: Mapping[str, float] | None = None) -> dict[str, str]:
    """Bodies for each part's stub: ``"solution"``, ``"hardcoded"``, ``"wrong"``, ``"typed"`` or ``"blank"``.

    ``choice`` is one of those for every part, or a mapping from part grade_id to one of them
    (parts not named get the solution). A blank part keeps nbgrader's stub. ``"typed"`` is the
    answer a student types for ``numbers`` (the published ones if ``None``; the solution for parts
    without a typed answer).
    """
    bodies = {}
    values = None
    for p in a.parts:
        kind = choice if isinstance(choice, str) else choice.get(p.grade_id, "solution")
        if kind == "typed" and not p.typed:
            kind = "solution"
        if kind == "solution":
            bodies[p.grade_id] = solution_region(_clean(p.solution))[1]
        elif kind == "typed":
            if values is None:
                values = solution_values(a, numbers)
            bodies[p.grade_id] = typed_answer(p, values)
        elif kind in ("hardcoded", "wrong"):
            body = getattr(p, kind)
            if body is None:
                raise ValueError(f"{p.grade_id} has no {kind!r} variant.")
            bodies[p.grade_id] = body
        elif kind != "blank":
            raise ValueError(f"Unknown answer kind {kind!r}.")
    return bodies


def solution_values(a: Assignment, numbers: Mapping[str, float] | None = None) -> dict:
    """The notebook's names after the setup and every solution cell have run with ``numbers``."""
    ns: dict = {"__name__": "__main__"}
    with student_variants.assigned(a.name, numbers):
        exec(compile(setup_source(a), f"<{a.name} setup>", "exec"), ns)  # noqa: S102 - our own spec
        for p in a.parts:
            exec(compile(_clean(p.solution), f"<{a.name} {p.grade_id}>", "exec"), ns)  # noqa: S102
    return ns


def typed_answer(p: Part, values: Mapping[str, object]) -> str:
    """The solution's body, then each of ``p.typed`` assigned the value the solution computed, as a
    literal: the answer of a student who worked it out for their own numbers and typed it in."""
    if not p.typed:
        raise ValueError(f"{p.grade_id} has no typed answer.")
    missing = [n for n in p.typed if n not in values]
    if missing:
        raise ValueError(f"{p.grade_id}: the solution does not define {missing}.")
    lines = [solution_region(_clean(p.solution))[1], "# typed in for my own numbers"]
    return "\n".join(lines + [f"{n} = {values[n]!r}" for n in p.typed])


def student_submission(
    released: nbformat.NotebookNode, a: Assignment, bodies: Mapping[str, str], *, written: bool = True
) -> nbformat.NotebookNode:
    """A copy of the released notebook with the given part bodies (and the exemplar answers) filled in."""
    nb = nbformat.from_dict(released)
    by_id = {i.grade_id: i for i in a.items}
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in bodies:
            cell.source = fill_stub(cell.source, bodies[gid])
        elif written and isinstance(item := by_id.get(gid), Written):
            cell.source = _clean(item.exemplar)
    return nb


def expected_auto_points(a: Assignment, choice: Mapping[str, str] | str) -> int:
    """Points the autograder must give: only parts answered with the solution score."""
    kinds = {p.grade_id: (choice if isinstance(choice, str) else choice.get(p.grade_id, "solution")) for p in a.parts}
    return sum(p.points for p in a.parts if kinds[p.grade_id] == "solution")


# A kernel-free dry run, for fast tests of the specs


@dataclass
class DryRun:
    """Outcome of running an assignment's cells in one namespace: the error each test cell raised."""

    errors: dict[str, str] = field(default_factory=dict)  # test grade_id -> "ExcType: message" or ""

    def passed(self, test_id: str) -> bool:
        return self.errors.get(test_id) == ""


@functools.lru_cache(maxsize=4096)
def _code(source: str, name: str) -> CodeType:
    # a property test runs the same cells for many students: compile each source once
    return compile(source, name, "exec")


def dry_run(a: Assignment, bodies: Mapping[str, str] | None = None, *, hidden: bool = True,
            numbers: Mapping[str, float] | None = None) -> DryRun:
    """Execute setup and each part's cell (with ``bodies`` in place of the solution), then judge its tests.

    Like the autograder, an error in one cell does not stop the run. With ``hidden`` each test cell
    is decided as the grader decides it (:func:`~partnership_grading.verdicts.judge`: the visible
    tests and the hidden checks, over the student's values as JSON data); without, its visible
    tests are run in the student's namespace, as the student sees them. ``numbers`` are the
    student's (``None``: the published ones), used by the student's cells and the grader alike.
    In-process, no kernel: for authoring checks only.
    """
    bodies = answer_bodies(a) if bodies is None else bodies
    result = DryRun()
    with student_variants.assigned(a.name, numbers):
        ns: dict = {"__name__": "__main__"}
        exec(_code(setup_source(a), f"<{a.name} setup>"), ns)  # noqa: S102 - our own spec
        trusted = trusted_namespace([setup_source(a)])
        solution = solution_namespace(trusted, [_clean(q.solution) for q in a.parts])
        channel = in_process_channel(ns)
        for p in a.parts:
            source = replace_solution(_clean(p.solution), bodies[p.grade_id]) if p.grade_id in bodies else released_code(_clean(p.solution))
            try:
                exec(_code(source, f"<{a.name} {p.grade_id}>"), ns)  # noqa: S102
            except Exception:  # noqa: BLE001, S110 - recorded by the tests that follow, as in nbgrader
                pass
            if hidden:
                verdict = judge(p.visible_tests, p.hidden, trusted, channel, solution)
                result.errors[p.test_id] = "" if verdict.passed else "AssertionError: " + "; ".join(verdict.failures)
                continue
            try:
                exec(_code(p.visible_tests, f"<{a.name} {p.test_id}>"), ns)  # noqa: S102
                result.errors[p.test_id] = ""
            except Exception as exc:  # noqa: BLE001 - recorded, like nbgrader does
                result.errors[p.test_id] = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return result
