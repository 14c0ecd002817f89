"""Judging one part (:func:`judge`): the visible tests and the hidden checks, evaluated in the grader's process.

The visible tests run here with the student's names bound to what the kernel sent; the hidden
checks' references see only what the grader computed itself (the setup cells, the instructor's
solution), never a value from the kernel.
"""

from __future__ import annotations

import ast
import builtins
import copy
import dataclasses
import types
from collections.abc import Mapping, Sequence
from typing import Any

from partnership import checks

from .channel import Channel, ProbeFailed, ReferenceFailed, fetch
from .hidden import HiddenCheck


@dataclasses.dataclass
class Verdict:
    """The grader's decision for one test cell: passed, and what to tell the student if not."""

    failures: list[str] = dataclasses.field(default_factory=list)
    checks: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def _bound(tree: ast.AST) -> set[str]:
    """Names the code binds itself (assignments, imports, loop targets, definitions)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound


def student_names(sources: Sequence[str], trusted: Mapping[str, Any]) -> list[str]:
    """Names the code reads that it does not bind and that neither the grader nor Python's builtins provide."""
    names: set[str] = set()
    bound: set[str] = {"args"}
    for source in sources:
        tree = ast.parse(source)
        bound |= _bound(tree)
        names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return sorted(n for n in names - bound if n not in trusted and not hasattr(builtins, n))


def _matches(got: Any, expected: Any, check: HiddenCheck) -> bool:
    try:
        if check.compare == "close":
            checks.close(got, expected, "x", rel=check.rel, abs_tol=check.abs_tol)
        elif check.compare == "close_all":
            checks.close_all(got, expected, "x", rel=check.rel, abs_tol=check.abs_tol)
        elif check.compare == "equal":
            checks.equal(got, expected, "x")
        elif check.compare == "true":
            checks.equal(got, True, "x")
        elif check.compare == "direction":
            if isinstance(expected, bool) or not isinstance(expected, (int, float)):
                raise ReferenceFailed(f"{check.reference} should compute a change (a number), not {expected!r}")
            change = float(expected)
            want = "unchanged" if abs(change) <= check.abs_tol else ("rises" if change > 0 else "falls")
            return type(got) is str and got.strip().lower() == want
    except AssertionError:
        return False
    return True


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def run_visible(source: str, namespace: dict) -> list[str]:
    """Run the visible tests here, statement by statement; the failures, as students see them in the notebook."""
    failures = []
    for node in ast.parse(source).body:
        code = compile(ast.Module(body=[node], type_ignores=[]), "<visible tests>", "exec")
        try:
            exec(code, namespace)  # noqa: S102 - the instructor's test cell, with the student's values as data
        except ProbeFailed:
            raise
        except AssertionError as exc:
            failures.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - the student's value or function failed the test
            failures.append(f"{type(exc).__name__}: {exc}")
    return failures


def run_hidden(hidden: Sequence[HiddenCheck], namespace: Mapping[str, Any], reference: Mapping[str, Any]) -> tuple[list[str], int]:
    """Evaluate the hidden checks; failures name the inputs and the student's value, never the expected one.

    ``expr`` is evaluated in ``namespace`` (the student's names included); ``reference`` in
    ``reference``, which holds only what the grader computed itself.
    """
    failures, count = [], 0
    for check in hidden:
        for args in check.inputs:
            count += 1
            label = check.label(tuple(args))
            hint = f" {check.hint}" if check.hint else ""
            try:
                got = eval(check.expr, dict(namespace, args=copy.deepcopy(tuple(args))))  # noqa: S307 - the instructor's check
            except ProbeFailed:
                raise
            except Exception as exc:  # noqa: BLE001 - whatever the student's code raised fails this check
                if check.compare == "raises" and type(exc).__name__ == check.reference:
                    continue
                failures.append(f"Hidden test: {label} raised {type(exc).__name__}: {exc}.{hint}")
                continue
            if check.compare == "raises":
                failures.append(f"Hidden test: {label} should raise {check.reference}, but it returned {_shown(got)}.{hint}")
                continue
            expected = None
            if check.compare != "true":
                try:
                    expected = eval(check.reference, dict(reference, args=copy.deepcopy(tuple(args))))  # noqa: S307 - computed here
                except Exception as exc:  # the instructor's reference itself fails
                    raise ReferenceFailed(f"{check.reference} for {label}: {type(exc).__name__}: {exc}") from exc
            if not _matches(got, expected, check):
                what = " does not hold." if check.compare == "true" else f" gives {_shown(got)}, which is not right."
                failures.append(f"Hidden test: {label}{what}{hint}")
    return failures, count


def judge(
    visible: str, hidden: Sequence[HiddenCheck], trusted: Mapping[str, Any], channel: Channel, solution: Any = None
) -> Verdict:
    """Decide one test cell: the visible tests and the hidden checks, evaluated in this process.

    ``trusted`` is the grader's own namespace (the setup cells run here with the course package);
    the student's names are fetched through ``channel`` when the cell is judged; ``solution`` (the
    instructor's solution cells, run here) is what references written as ``solution.<name>`` call.
    """
    fetched = fetch(student_names([visible] + [c.expr for c in hidden], trusted), channel)
    namespace = {**trusted, **fetched}
    verdict = Verdict(failures=run_visible(visible, namespace))
    if verdict.failures:  # the part fails already: the hidden checks would only repeat it (and cost kernel calls)
        return verdict
    # References see the setup and what the test cell computed, never a value the kernel sent.
    reference = {k: v for k, v in namespace.items() if not (k in fetched and v is fetched[k])}
    reference["solution"] = solution
    verdict.failures, verdict.checks = run_hidden(hidden, namespace, reference)
    return verdict


def trusted_namespace(setup_sources: Sequence[str]) -> dict:
    """The grader's own namespace for a notebook: its locked setup cells, run here."""
    ns: dict = {"__name__": "__grader__"}
    for source in setup_sources:
        exec(compile(source, "<setup>", "exec"), ns)  # noqa: S102 - the instructor's locked setup cell
    return ns


def solution_namespace(trusted: Mapping[str, Any], solution_sources: Sequence[str]) -> types.SimpleNamespace:
    """The instructor's solution cells, run here after the setup: the references of parts students write themselves."""
    ns = dict(trusted)
    for source in solution_sources:
        exec(compile(source, "<solution>", "exec"), ns)  # noqa: S102 - the instructor's own solution
    return types.SimpleNamespace(**{k: v for k, v in ns.items() if not k.startswith("__")})
