"""Build nbgrader source notebooks from plain-Python assignment specs, deterministically.

An assignment is a list of *parts* (a solution cell plus a test cell worth some points) and
*written* answers (a markdown cell graded by hand against a rubric). The specs live in
``exercises/authoring/`` (they contain the solutions, so they are not part of this package);
:func:`write_sources` turns them into ``exercises/source/<assignment>/<assignment>.ipynb``.
Regenerating gives byte-identical files, so a test can check the committed notebooks are current.

The cell layout of every notebook, with nbgrader metadata and meaningful grade ids:

======================  ===========================  =========================================
cell                    grade_id                     nbgrader role
======================  ===========================  =========================================
title + instructions    ``<slug>_instructions``      read-only (locked)
setup code              ``<slug>_setup``             read-only (locked)
part prompt             ``<part>_prompt``            read-only (locked)
part code               ``<part>``                   solution (autograded answer)
part tests              ``<part>_test``              autograder tests, ``points``, locked
written prompt          ``<answer>_prompt``          read-only (locked)
written answer          ``<answer>``                 manually graded answer, ``points``
======================  ===========================  =========================================
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import sys
import textwrap
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import nbformat

from .integrity import ALLOWED_IMPORTS
from .verdicts import HiddenCheck, in_process_channel, judge, render_hidden, solution_namespace, trusted_namespace

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
# The stubs nbgrader puts in place of solutions (must match ClearSolutions in nbgrader_config.py).
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
TEXT_STUB = "YOUR ANSWER HERE"
# Strings that must never reach a student or the published book.
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME")

GRADE_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
AUTO_ID = re.compile(r"(^cell)|([0-9a-f]{6,})")  # what editors generate: cell-938593c4


def _clean(text: str) -> str:
    """Dedent a triple-quoted block and strip the blank lines around it."""
    return textwrap.dedent(text).strip("\n")


@dataclass(frozen=True)
class Part:
    """One autograded question: a prompt, a solution cell and a test cell worth ``points``.

    ``solution`` is the instructor's cell, with exactly one region between the solution markers;
    ``tests`` are the visible tests (code students see and run); ``hidden`` are the hidden checks,
    data the grader evaluates in its own process (:class:`~partnership.grading.verdicts.HiddenCheck`),
    written into the test cell's hidden region. ``hardcoded`` is a body for the solution region that
    passes the visible tests but must fail the hidden ones (it proves the hidden checks catch
    hard-coding); ``wrong`` is a plausible mistake the visible tests or the hidden checks must catch.
    """

    grade_id: str
    title: str
    points: int
    skills: str
    prompt: str
    solution: str
    tests: str
    hidden: tuple[HiddenCheck, ...] = ()
    hardcoded: str | None = None
    wrong: str | None = None

    @property
    def test_id(self) -> str:
        return f"{self.grade_id}_test"

    @property
    def visible_tests(self) -> str:
        return _clean(self.tests)

    @property
    def test_cell(self) -> str:
        """The source notebook's test cell: the visible tests, then the hidden checks between the markers."""
        return f"{self.visible_tests}\n{BEGIN_HIDDEN}\n{render_hidden(self.hidden)}\n{END_HIDDEN}"

    @property
    def prompt_id(self) -> str:
        return f"{self.grade_id}_prompt"


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric: what is assessed, its points and what earns full, part or no credit."""

    name: str
    points: int
    full: str
    partial: str
    none: str


LEVELS = ("strong", "middling", "weak")  # the calibration set of every written answer, in this order


@dataclass(frozen=True)
class Score:
    """What a sample answer earns on one criterion of the rubric (half points allowed), and why."""

    criterion: str
    points: float
    why: str


@dataclass(frozen=True)
class Sample:
    """A sample answer for calibrating graders: its level, its text and its score on every criterion."""

    level: str
    answer: str
    scores: tuple[Score, ...]

    @property
    def total(self) -> float:
        return sum(s.points for s in self.scores)


@dataclass(frozen=True)
class Written:
    """A manually graded written answer (markdown) with its rubric, an exemplar and a calibration set.

    The exemplar earns full marks; the calibration set is three graded samples (strong, middling,
    weak) that let several graders agree on partial credit. Both appear only in the nbgrader source
    notebook (the exemplar) and in the instructor edition of the book, never on the public site.
    """

    grade_id: str
    title: str
    prompt: str
    criteria: tuple[Criterion, ...]
    exemplar: str
    sources: tuple[str, ...] = ()  # references.bib keys for the facts in the prompt and exemplar
    calibration: tuple[Sample, ...] = ()

    @property
    def points(self) -> int:
        return sum(c.points for c in self.criteria)

    @property
    def prompt_id(self) -> str:
        return f"{self.grade_id}_prompt"


Item = Union[Part, Written]


@dataclass(frozen=True)
class Assignment:
    """An nbgrader assignment with one notebook, ``<name>.ipynb``."""

    name: str
    number: str
    title: str
    chapter: str  # the MyST label of the chapter it assesses, e.g. "chapter-ip"
    summary: str
    setup: str
    items: tuple[Item, ...]
    optional: bool = False
    allowed: str = ""  # extra rules for this assignment, added to the common instructions

    @property
    def slug(self) -> str:
        return self.name.split("-")[0].replace("-", "_")

    @property
    def notebook(self) -> str:
        return f"{self.name}.ipynb"

    @property
    def parts(self) -> list[Part]:
        return [i for i in self.items if isinstance(i, Part)]

    @property
    def written(self) -> list[Written]:
        return [i for i in self.items if isinstance(i, Written)]

    @property
    def auto_points(self) -> int:
        return sum(p.points for p in self.parts)

    @property
    def manual_points(self) -> int:
        return sum(w.points for w in self.written)

    @property
    def total_points(self) -> int:
        return self.auto_points + self.manual_points

    def grade_ids(self) -> list[str]:
        ids = [f"{self.slug}_instructions", f"{self.slug}_setup"]
        for item in self.items:
            ids += [item.prompt_id, item.grade_id] + ([item.test_id] if isinstance(item, Part) else [])
        return ids


# ---------------------------------------------------------------------------------------------
# Solution and hidden-test regions


def _region(lines: list[str], begin: str, end: str, what: str) -> tuple[int, int]:
    starts = [k for k, line in enumerate(lines) if begin in line]
    ends = [k for k, line in enumerate(lines) if end in line]
    if len(starts) != 1 or len(ends) != 1 or not starts[0] < ends[0]:
        raise ValueError(f"{what} needs exactly one '{begin}' … '{end}' region.")
    return starts[0], ends[0]


def solution_region(source: str) -> tuple[str, str, str]:
    """Split a solution cell into (before, body, after) around its solution markers."""
    lines = source.split("\n")
    i, j = _region(lines, BEGIN_SOLUTION, END_SOLUTION, "A solution cell")
    return "\n".join(lines[:i]), "\n".join(lines[i + 1 : j]), "\n".join(lines[j + 1 :])


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def replace_solution(source: str, body: str) -> str:
    """The solution cell with its marked region replaced by ``body`` (indented like the markers).

    ``replace_solution(cell, stub)`` is what nbgrader releases; with a student's code it is what
    that student submits.
    """
    lines = source.split("\n")
    i, j = _region(lines, BEGIN_SOLUTION, END_SOLUTION, "A solution cell")
    indent = _indent_of(lines[i])
    new = [indent + line if line.strip() else "" for line in _clean(body).split("\n")]
    return "\n".join(lines[:i] + new + lines[j + 1 :])


def released_code(source: str) -> str:
    """What nbgrader's ClearSolutions leaves in a code solution cell."""
    return replace_solution(source, "\n".join(CODE_STUB))


def fill_stub(released_source: str, body: str) -> str:
    """Put a student's ``body`` where the release has the code stub (as a student would)."""
    lines = released_source.split("\n")
    for k, line in enumerate(lines[:-1]):
        if line.strip() == CODE_STUB[0] and lines[k + 1].strip() == CODE_STUB[1]:
            indent = _indent_of(line)
            new = [indent + x if x.strip() else "" for x in _clean(body).split("\n")]
            return "\n".join(lines[:k] + new + lines[k + 2 :])
    raise ValueError("This cell has no '# YOUR CODE HERE' stub to fill in.")


def strip_hidden(tests: str) -> str:
    """The test cell as students see it: the hidden-test region removed (as ClearHiddenTests does)."""
    lines = tests.split("\n")
    i, j = _region(lines, BEGIN_HIDDEN, END_HIDDEN, "A test cell")
    return "\n".join(lines[:i] + lines[j + 1 :]).rstrip("\n")


def hidden_references(part: "Part") -> set[str]:
    """What a hidden check knows and a student must not see: its reference expressions (inputs may be shown)."""
    return {c.reference for c in part.hidden if c.compare not in ("raises",) and len(c.reference) >= 12}


def hidden_tests(tests: str) -> str:
    lines = tests.split("\n")
    i, j = _region(lines, BEGIN_HIDDEN, END_HIDDEN, "A test cell")
    return "\n".join(lines[i + 1 : j])


# ---------------------------------------------------------------------------------------------
# Notebook assembly


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False, points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _cell_id(grade_id: str) -> str:
    return grade_id.replace("_", "-")


def _md(source: str, meta: dict, grade_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source, id=_cell_id(grade_id), metadata=meta)


def _code(source: str, meta: dict, grade_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(source, id=_cell_id(grade_id), metadata=meta)


COMMON_RULES = """\
**How this notebook works**

- Write code where a cell says `# YOUR CODE HERE` (replace the `raise NotImplementedError()` line),
  and written answers where a cell says `YOUR ANSWER HERE`. Keep the function and variable names
  the prompt asks for: the tests look for them.
- **You may import and use the course package `partnership`** (the student kit installs it; once
  the setup cell has run, `help({example})` shows how a model is called), `numpy`, and these
  standard-library modules: {stdlib}. The grader refuses other imports, file access and changes to what the
  tests use (see the instructor guide). Do not install packages from inside the notebook.
- Instructions, the setup cell and the test cells are locked. The grader restores them before it
  runs your notebook, so editing, deleting or reordering them cannot change your grade.
- The visible tests help you check your work. The grader also runs **hidden tests** that call your
  functions with other inputs, so write general code: typing in the number a visible test expects
  scores nothing. The grader decides every part itself, outside your notebook, from the values your
  code gives: what a cell prints cannot change a grade.
- Money is in $bn of present value unless a prompt says otherwise. Numbers marked *hypothetical*
  are made up for the exercise; *reported* figures come from press reports that the companies did
  not confirm.
- Before you submit, run **Kernel → Restart Kernel and Run All Cells** and check that no cell shows
  an error, or press **Validate** in the notebook's toolbar (in a terminal, in the student kit's
  folder: `.venv/bin/nbgrader validate {notebook}`). Submit the file with its name unchanged:
  `{notebook}`.""".replace(
    "{stdlib}", ", ".join(f"`{m}`" for m in sorted(ALLOWED_IMPORTS - {"partnership", "numpy"}))
)


def help_example(a: Assignment) -> str:
    """The first function the assignment's setup cell imports from ``partnership``, for the ``help()`` hint.

    Every notebook's instructions suggest ``help(<name>)``; the name must be one its own setup cell
    defines, or the hint raises ``NameError`` (ps2 once suggested ``nash_split``, which it never imports).
    """
    for node in ast.walk(ast.parse(_clean(a.setup))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "partnership":
            module = importlib.import_module(node.module)
            for alias in node.names:
                name = alias.asname or alias.name
                if not name.startswith("_") and inspect.isfunction(getattr(module, alias.name, None)):
                    return name
    raise ValueError(f"{a.name}: the setup cell imports no function from partnership for the help() hint.")


def instructions(a: Assignment) -> str:
    optional = " This assignment is **optional**." if a.optional else ""
    head = (
        f"# {a.number}: {a.title}\n\n"
        f"*Partners and Rivals* · {a.auto_points} autograded points and {a.manual_points} points for "
        f"written answers graded by hand (total {a.total_points}).{optional}\n\n{_clean(a.summary)}\n\n"
    )
    rules = COMMON_RULES.format(notebook=a.notebook, example=help_example(a))
    extra = f"\n\n{_clean(a.allowed)}" if a.allowed else ""
    return head + rules + extra


def build_notebook(a: Assignment) -> nbformat.NotebookNode:
    """The nbgrader source notebook of an assignment (solutions and hidden tests included)."""
    check_assignment(a)
    cells = [
        _md(instructions(a), _meta(f"{a.slug}_instructions", locked=True), f"{a.slug}_instructions"),
        _code(_clean(a.setup), _meta(f"{a.slug}_setup", locked=True), f"{a.slug}_setup"),
    ]
    number = 0
    for item in a.items:
        if isinstance(item, Part):
            number += 1
            heading = f"## Part {number}: {item.title} ({_pts(item.points)}, autograded)\n\n{_clean(item.prompt)}"
            cells.append(_md(heading, _meta(item.prompt_id, locked=True), item.prompt_id))
            cells.append(_code(_clean(item.solution), _meta(item.grade_id, solution=True), item.grade_id))
            cells.append(
                _code(
                    item.test_cell,
                    _meta(item.test_id, grade=True, locked=True, points=item.points),
                    item.test_id,
                )
            )
        else:
            heading = f"## Written answer: {item.title} ({_pts(item.points)}, graded by hand)\n\n{_clean(item.prompt)}"
            cells.append(_md(heading, _meta(item.prompt_id, locked=True), item.prompt_id))
            answer = f"{BEGIN_SOLUTION}\n{_clean(item.exemplar)}\n{END_SOLUTION}"
            cells.append(_md(answer, _meta(item.grade_id, grade=True, solution=True, points=item.points), item.grade_id))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat_minor = 5
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {
            "codemirror_mode": {"name": "ipython", "version": 3},
            "file_extension": ".py",
            "mimetype": "text/x-python",
            "name": "python",
            "nbconvert_exporter": "python",
            "pygments_lexer": "ipython3",
        },
    }
    nbformat.validate(nb)
    return nb


def _pts(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def notebook_text(a: Assignment) -> str:
    """The notebook as the exact text written to disk (sorted keys, one-space indent, final newline)."""
    text = nbformat.writes(build_notebook(a), version=4)
    return text if text.endswith("\n") else text + "\n"


def check_assignment(a: Assignment) -> None:
    """Raise ``ValueError`` if a spec breaks the course's conventions."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a.name):
        raise ValueError(f"Assignment name {a.name!r} must be lowercase words joined by hyphens.")
    if not 3 <= len(a.parts) <= 6:
        raise ValueError(f"{a.name} has {len(a.parts)} autograded parts; the course uses 3 to 6.")
    if not 1 <= len(a.written) <= 2:
        raise ValueError(f"{a.name} has {len(a.written)} written answers; the course uses 1 or 2.")
    ids = a.grade_ids()
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{a.name} repeats grade ids: {dupes}.")
    for gid in ids:
        if not GRADE_ID.fullmatch(gid) or AUTO_ID.search(gid):
            raise ValueError(f"Grade id {gid!r} must be meaningful snake_case, like 'nash_split_test'.")
    for p in a.parts:
        if p.points <= 0:
            raise ValueError(f"{p.grade_id} must be worth at least one point.")
        solution_region(_clean(p.solution))
        if not p.hidden:
            raise ValueError(f"{p.test_id} needs hidden checks: visible tests alone can be passed by typing in their numbers.")
        if BEGIN_HIDDEN.split()[-2] in p.visible_tests:
            raise ValueError(f"{p.test_id}: state hidden checks as data in `hidden=`, not as code in the tests.")
        if "import" not in p.visible_tests:
            raise ValueError(f"{p.test_id} must import what it needs inside the cell.")
    for w in a.written:
        check_calibration(w)


def check_calibration(w: Written) -> None:
    """Raise ``ValueError`` unless ``w`` has a usable calibration set.

    Three samples, strong, middling and weak in that order; each scores every criterion of the
    rubric once, in the rubric's order, in half points between zero and the criterion's points, with
    a reason; and the totals fall strictly from strong to weak, or the set calibrates nothing.
    """
    levels = tuple(s.level for s in w.calibration)
    if levels != LEVELS:
        raise ValueError(f"{w.grade_id}: the calibration set must be {LEVELS}, not {levels}.")
    names = [c.name for c in w.criteria]
    for sample in w.calibration:
        where = f"{w.grade_id} ({sample.level} sample)"
        if not _clean(sample.answer) or _clean(sample.answer) == _clean(w.exemplar):
            raise ValueError(f"{where}: the answer must be written out and differ from the exemplar.")
        if [s.criterion for s in sample.scores] != names:
            raise ValueError(f"{where}: score the criteria {names} once each, in order.")
        for score, criterion in zip(sample.scores, w.criteria):
            if not 0 <= score.points <= criterion.points or (2 * score.points) % 1:
                raise ValueError(f"{where}: {score.points} is not a half point between 0 and {criterion.points} for {criterion.name!r}.")
            if not score.why.strip():
                raise ValueError(f"{where}: say why the answer earns {score.points} for {criterion.name!r}.")
    totals = [s.total for s in w.calibration]
    if not totals[0] > totals[1] > totals[2]:
        raise ValueError(f"{w.grade_id}: calibration totals {totals} must fall from strong to weak.")


def write_sources(course_root: Path, assignments: Iterable[Assignment], *, check: bool = False) -> list[Path]:
    """Write (or with ``check``, only compare) every source notebook; return the paths that differ."""
    stale = []
    for a in assignments:
        path = Path(course_root) / "source" / a.name / a.notebook
        text = notebook_text(a)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale


def load_specs(course_root: Path) -> list[Assignment]:
    """Import ``<course_root>/authoring`` (outside the package) and return its ``ASSIGNMENTS``."""
    init = Path(course_root) / "authoring" / "__init__.py"
    name = "_partners_exercise_authoring"
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"No assignment specs at {init}.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return list(module.ASSIGNMENTS)


# ---------------------------------------------------------------------------------------------
# Submissions built from the release, as students would make them


def answer_bodies(a: Assignment, choice: Mapping[str, str] | str = "solution") -> dict[str, str]:
    """Bodies for each part's stub: ``"solution"``, ``"hardcoded"``, ``"wrong"`` or ``"blank"``.

    ``choice`` is one of those for every part, or a mapping from part grade_id to one of them
    (parts not named get the solution). A blank part keeps nbgrader's stub.
    """
    bodies = {}
    for p in a.parts:
        kind = choice if isinstance(choice, str) else choice.get(p.grade_id, "solution")
        if kind == "solution":
            bodies[p.grade_id] = solution_region(_clean(p.solution))[1]
        elif kind in ("hardcoded", "wrong"):
            body = getattr(p, kind)
            if body is None:
                raise ValueError(f"{p.grade_id} has no {kind!r} variant.")
            bodies[p.grade_id] = body
        elif kind != "blank":
            raise ValueError(f"Unknown answer kind {kind!r}.")
    return bodies


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


# ---------------------------------------------------------------------------------------------
# A kernel-free dry run, for fast tests of the specs


@dataclass
class DryRun:
    """Outcome of running an assignment's cells in one namespace: the error each test cell raised."""

    errors: dict[str, str] = field(default_factory=dict)  # test grade_id -> "ExcType: message" or ""

    def passed(self, test_id: str) -> bool:
        return self.errors.get(test_id) == ""


def dry_run(a: Assignment, bodies: Mapping[str, str] | None = None, *, hidden: bool = True) -> DryRun:
    """Execute setup and each part's cell (with ``bodies`` in place of the solution), then judge its tests.

    Like the autograder, an error in one cell does not stop the run. With ``hidden`` each test cell
    is decided as the grader decides it (:func:`~partnership.grading.verdicts.judge`: the visible
    tests and the hidden checks, over the student's values as JSON data); without, its visible
    tests are run in the student's namespace, as the student sees them. In-process, no kernel:
    for authoring checks only.
    """
    bodies = answer_bodies(a) if bodies is None else bodies
    ns: dict = {"__name__": "__main__"}
    exec(compile(_clean(a.setup), f"<{a.name} setup>", "exec"), ns)  # noqa: S102 - our own spec
    trusted = trusted_namespace([_clean(a.setup)])
    solution = solution_namespace(trusted, [_clean(q.solution) for q in a.parts])
    channel = in_process_channel(ns)
    result = DryRun()
    for p in a.parts:
        source = replace_solution(_clean(p.solution), bodies[p.grade_id]) if p.grade_id in bodies else released_code(_clean(p.solution))
        try:
            exec(compile(source, f"<{a.name} {p.grade_id}>", "exec"), ns)  # noqa: S102
        except Exception:  # noqa: BLE001, S110 - recorded by the tests that follow, as in nbgrader
            pass
        if hidden:
            verdict = judge(p.visible_tests, p.hidden, trusted, channel, solution)
            result.errors[p.test_id] = "" if verdict.passed else "AssertionError: " + "; ".join(verdict.failures)
            continue
        try:
            exec(compile(p.visible_tests, f"<{a.name} {p.test_id}>", "exec"), ns)  # noqa: S102
            result.errors[p.test_id] = ""
        except Exception as exc:  # noqa: BLE001 - recorded, like nbgrader does
            result.errors[p.test_id] = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return result


# ---------------------------------------------------------------------------------------------
# Book fragments generated from the same specs (included by chapters/instructor.md and exercises.md)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _criteria_table(w: Written) -> list[str]:
    rows = ["| Criterion | Points | Full credit | Partial credit | No credit |", "| --- | --- | --- | --- | --- |"]
    rows += ["| " + " | ".join(_cell(x) for x in (c.name, str(c.points), c.full, c.partial, c.none)) + " |" for c in w.criteria]
    return rows


def rubrics_markdown(assignments: Sequence[Assignment]) -> str:
    """MyST fragment for the public instructor guide: each written answer's question, criteria and point bands.

    Model answers (exemplar, calibration set) are left out on purpose: see :func:`answers_markdown`.
    """
    out = [
        "<!-- Generated by scripts/make_exercises.py from exercises/authoring/: edit the specs, not this file. -->",
        "",
    ]
    for a in assignments:
        for w in a.written:
            out += [
                f"### {a.number}: {w.title}",
                "",
                f"Assignment `{a.name}`, cell `{w.grade_id}`, {_pts(w.points)}.",
                "",
                ":::{admonition} The question",
                ":class: note",
                _clean(w.prompt),
                ":::",
                "",
                *_criteria_table(w),
            ]
            if w.sources:
                out += ["", f"Sources for the facts in the question and its model answers: {{cite:p}}`{','.join(w.sources)}`."]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _points(x: float) -> str:
    return f"{x:g}"


def money_as_text(text: str) -> str:
    """Escape each ``$`` before a digit: answers write amounts ("$10bn ... $14.9bn"), and MyST's
    dollarmath would otherwise set everything between two of them as one formula."""
    return re.sub(r"(?<!\\)\$(?=\d)", r"\\$", text)


def answers_markdown(assignments: Sequence[Assignment]) -> str:
    """MyST fragment for the instructor edition only: each written answer's rubric, exemplar and calibration set."""
    out = [
        "<!-- Generated by scripts/make_exercises.py from exercises/authoring/: edit the specs, not this file. -->",
        "<!-- Instructor edition only (instructor/answers.md): model answers, never on the public site. -->",
        "",
    ]
    for a in assignments:
        for w in a.written:
            out += [
                f"## {a.number}: {w.title}",
                "",
                f"Assignment `{a.name}`, cell `{w.grade_id}`, {_pts(w.points)}. The question and the criteria are "
                f"on the public {{ref}}`instructor guide <chapter-instructor>`.",
                "",
                ":::{admonition} The question",
                ":class: note",
                _clean(w.prompt),
                ":::",
                "",
                *_criteria_table(w),
            ]
            out += [
                "",
                "### Exemplar (full credit)",
                "",
                f"::::{{admonition}} Exemplar answer: {w.points} of {w.points}",
                ":class: tip",
                money_as_text(_clean(w.exemplar)),
                "::::",
                "",
                "### Calibration set",
                "",
                "Grade these three before you grade the class, then compare with the scores below. They "
                "are written to sit at different places on each criterion, not only at the top and bottom.",
                "",
            ]
            for sample in w.calibration:
                out += [
                    f"#### {sample.level.capitalize()} answer: {_points(sample.total)} of {w.points}",
                    "",
                    f"::::{{admonition}} {sample.level.capitalize()} sample answer",
                    ":class: note",
                    money_as_text(_clean(sample.answer)),
                    "::::",
                    "",
                    "| Criterion | Score | Why |",
                    "| --- | --- | --- |",
                ]
                for score, c in zip(sample.scores, w.criteria):
                    out.append(f"| {_cell(c.name)} | {_points(score.points)} of {c.points} | {_cell(money_as_text(score.why))} |")
                out += [f"| **Total** | **{_points(sample.total)} of {w.points}** | |", ""]
            if w.sources:
                out += [f"Sources for the facts in the question and the answers: {{cite:p}}`{','.join(w.sources)}`.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def catalogue_markdown(assignments: Sequence[Assignment], static_prefix: str = "../_static/exercises") -> str:
    """MyST fragment: what each assignment asks, its points, and a link to the released notebook.

    The link is a ``{download}`` role (relative to ``chapters/``, where the fragment is included),
    so Sphinx copies the released notebook into the site and warns, failing the strict build, if
    it is missing. ``make book`` and the Exercises page itself create them in ``_static/exercises/``.
    """
    out = [
        "<!-- Generated by scripts/make_exercises.py from exercises/authoring/: edit the specs, not this file. -->",
        "",
    ]
    for a in assignments:
        optional = " (optional)" if a.optional else ""
        out += [
            f"## {a.number}: {a.title}{optional}",
            "",
            _clean(a.summary),
            "",
            f"Chapter: {{ref}}`{a.chapter}`",
            "",
            "| Part | What you do | Points | Graded |",
            "| --- | --- | --- | --- |",
        ]
        number = 0
        for item in a.items:
            if isinstance(item, Part):
                number += 1
                out.append(f"| {number}. {item.title} | {item.skills} | {item.points} | autograded |")
            else:
                out.append(f"| Written: {item.title} | an argued answer, marked against a rubric | {item.points} | by hand |")
        out += [
            f"| **Total** | | **{a.total_points}** | {a.auto_points} autograded, {a.manual_points} by hand |",
            "",
            f"{{download}}`Download the student notebook {a.notebook} <{static_prefix}/{a.notebook}>`",
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def points_markdown(assignments: Sequence[Assignment]) -> str:
    """MyST fragment: every assignment's graded cells and points, for the instructor guide."""
    out = [
        "<!-- Generated by scripts/make_exercises.py from exercises/authoring/: edit the specs, not this file. -->",
        "",
        "| Assignment | Chapter | Autograded parts: test cell (points) | Written: answer cell (points) | Total |",
        "| --- | --- | --- | --- | --- |",
    ]
    for a in assignments:
        auto = ", ".join(f"`{p.test_id}` ({p.points})" for p in a.parts)
        manual = ", ".join(f"`{w.grade_id}` ({w.points})" for w in a.written)
        name = f"`{a.name}`" + (" (optional)" if a.optional else "")
        out.append(f"| {name} | {{ref}}`{a.chapter}` | {auto}: **{a.auto_points}** | {manual} | **{a.total_points}** |")
    return "\n".join(out) + "\n"


def rubrics_json(assignments: Sequence[Assignment]) -> str:
    """The written answers' rubrics as data, for the formgrader (``ShowRubric`` in nbgrader_config.py).

    Kept beside the course's config, never under ``source/``: nbgrader copies everything in
    ``source/<a>/`` into the release.
    """
    import json

    data = {
        a.name: {
            w.grade_id: {
                "grade_id": w.grade_id,
                "title": w.title,
                "points": w.points,
                "criteria": [
                    {"name": c.name, "points": c.points, "full": c.full, "partial": c.partial, "none": c.none} for c in w.criteria
                ],
            }
            for w in a.written
        }
        for a in assignments
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


FRAGMENTS = {
    "rubrics.md": rubrics_markdown,
    "catalogue.md": catalogue_markdown,
    "points.md": points_markdown,
    "answers.md": answers_markdown,  # instructor edition only
    "rubrics.json": rubrics_json,
}


def write_all(course_root: Path, *, check: bool = False) -> list[Path]:
    """Regenerate every source notebook and the book fragments; return the files that were stale.

    With ``check`` nothing is written: a non-empty result means someone edited a generated file or
    forgot to regenerate after editing a spec.
    """
    course_root = Path(course_root)
    specs = load_specs(course_root)
    stale = write_sources(course_root, specs, check=check)
    for name, render in FRAGMENTS.items():
        path = course_root / name
        text = render(specs)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale
