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

from partnership import variants as student_variants

from .integrity import ALLOWED_IMPORTS
from .variants import Range, VariantsError, check_parameters, notebook_metadata, published
from .verdicts import HiddenCheck, in_process_channel, judge, render_hidden, solution_namespace, trusted_namespace

__all__ = ["Assignment", "Criterion", "HiddenCheck", "Part", "Range", "Sample", "Score", "Written"]

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
# What an autograded part assesses. Design tasks count as strategic reasoning, with the written
# answers; comparative statics and choices test understanding; direct calls and plain computations do not.
KINDS = ("statics", "choice", "design", "direct", "compute")
REASONING_SHARE = 0.4  # at least this share of a set's points for written answers and design tasks
STUDENT_ID_CELL = "student-id"  # the editable cell at the top where a student may write their id
NUMBERS_MARKER = "{numbers}"  # the line of a spec's setup where the student's numbers are defined
NUMBERS_NAME = "NUMBERS"  # what the setup cell calls the student's numbers (a parameter may be called P)


def _clean(text: str) -> str:
    """Dedent a triple-quoted block and strip the blank lines around it."""
    return textwrap.dedent(text).strip("\n")


@dataclass(frozen=True)
class Part:
    """One autograded question: a prompt, a solution cell and a test cell worth ``points``.

    ``solution`` is the instructor's cell, with exactly one region between the solution markers;
    ``tests`` are the visible tests (code students see and run); ``hidden`` are the hidden checks,
    data the grader evaluates in its own process (:class:`~partnership_grading.verdicts.HiddenCheck`),
    written into the test cell's hidden region. ``hardcoded`` is a body for the solution region that
    passes the visible tests with the published numbers but must fail for a student whose numbers
    differ (typed-in values, or values copied from the published case); ``wrong`` is a plausible
    mistake the checks must catch. ``kind`` is one of :data:`KINDS`. ``typed`` names the values a
    student would work out and type in for *their own* numbers (a pass-through rate, a design's
    terms): the part is graded on numbers that differ from student to student, so one student's
    typed-in answer fails in another's notebook (:func:`typed_answer`).
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
    kind: str = "compute"
    typed: tuple[str, ...] = ()

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
    """One line of a rubric: what is assessed, its points, and an anchor for every score a grader can give.

    Graders give half points. ``full`` describes ``points``, ``partial`` half of them and ``none``
    zero; ``bands`` describes every other half point (a 2-point criterion: 1.5 and 0.5), as
    ``((1.5, "..."), (0.5, "..."))``, so that two graders reading the same answer give the same score.
    """

    name: str
    points: int
    full: str
    partial: str
    none: str
    bands: tuple[tuple[float, str], ...] = ()

    def anchors(self) -> list[tuple[float, str]]:
        """(score, what earns it) for every half point from ``points`` down to 0."""
        given = {float(self.points): self.full, self.points / 2: self.partial, 0.0: self.none}
        for score, text in self.bands:
            if float(score) in given:
                raise ValueError(f"{self.name!r}: band {score:g} is already the full, partial or no-credit anchor.")
            given[float(score)] = text
        return sorted(given.items(), reverse=True)

    def check(self) -> None:
        wanted = [k / 2 for k in range(2 * self.points, -1, -1)]
        have = [score for score, _ in self.anchors()]
        if have != wanted:
            raise ValueError(f"Criterion {self.name!r} ({self.points} points) needs an anchor for each of {wanted}; it has {have}.")
        if any(not text.strip() for _, text in self.anchors()):
            raise ValueError(f"Criterion {self.name!r} has an empty anchor.")


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
    parameters: Mapping[str, Range] = field(default_factory=dict)  # the numbers that differ from student to student
    constraints: tuple[str, ...] = ()  # comparisons every student's numbers meet ("THREAT_A + THREAT_B < SURPLUS")

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

    def points_by_kind(self) -> dict[str, int]:
        out = {k: 0 for k in KINDS}
        for p in self.parts:
            out[p.kind] += p.points
        out["written"] = self.manual_points
        return out

    @property
    def reasoning_points(self) -> int:
        """Points for strategic reasoning: the written answers and the design tasks."""
        return self.manual_points + self.points_by_kind()["design"]

    def published_numbers(self) -> dict[str, float]:
        return published(self.parameters)

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
    for node in ast.walk(ast.parse(setup_source(a))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "partnership" \
                and node.module != "partnership.variants":
            module = importlib.import_module(node.module)
            for alias in node.names:
                name = alias.asname or alias.name
                if not name.startswith("_") and inspect.isfunction(getattr(module, alias.name, None)):
                    return name
    raise ValueError(f"{a.name}: the setup cell imports no function from partnership for the help() hint.")


NUMBERS_RULE = """\
**Your own numbers**

The setup cell gives you this problem set's numbers. If your course gives every student their
own, yours are drawn for you alone from the ranges its comments state, so your answers must fit
*your* numbers: answers worked out for a classmate's numbers, or for the published ones, score
nothing. On the course's JupyterHub the notebook knows who you are. Otherwise keep the file
`variants.json` your instructor gives out in the same folder as this notebook and, if the setup
cell asks, write your student id in the cell below these instructions. Without `variants.json`
(the copy of this notebook on the course's website) you get the published numbers."""


def numbers_block(a: Assignment) -> str:
    """The setup cell's lines that define the student's numbers (see :mod:`partnership.variants`)."""
    names = list(a.parameters)
    lines = [
        "# Your numbers (hypothetical). Each student's are drawn from the range after each name; where",
        "# the course gives no per-student numbers, everyone gets the published values listed here.",
        "from partnership.variants import my_numbers",
        "",
        f"{NUMBERS_NAME} = my_numbers({_quoted(a.name)}, defaults={{",
    ]
    lines += [f"    {_quoted(n)}: {a.parameters[n].published()!r}," for n in names]
    lines.append("})")
    width = max(len(f"{n} = {NUMBERS_NAME}[{_quoted(n)}]") for n in names)
    for n in names:
        r = a.parameters[n]
        label = f": {r.label}" if r.label else ""
        lines.append(f"{n} = {NUMBERS_NAME}[{_quoted(n)}]".ljust(width) + f"  # {r.describe()}{label}")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def setup_source(a: Assignment) -> str:
    """The locked setup cell: the spec's setup with its ``{numbers}`` line replaced by :func:`numbers_block`,
    ending with ``NUMBERS`` so that running it shows the student's numbers."""
    text = _clean(a.setup)
    if not a.parameters:
        return text
    lines = text.split("\n")
    if NUMBERS_MARKER not in [line.strip() for line in lines]:
        raise ValueError(f"{a.name} declares parameters, so its setup needs a line {NUMBERS_MARKER} where they are defined.")
    k = [line.strip() for line in lines].index(NUMBERS_MARKER)
    return "\n".join(lines[:k] + numbers_block(a).split("\n") + lines[k + 1 :] + ["", f"{NUMBERS_NAME}  # your numbers"])


STUDENT_ID_SOURCE = "\n".join([
    "# Your student id, exactly as your instructor gave it: only needed if the setup cell below asks for it",
    "# (on the course's JupyterHub it is found for you; a notebook without per-student numbers ignores it).",
    'STUDENT_ID = ""',
])


def instructions(a: Assignment) -> str:
    optional = " This assignment is **optional**." if a.optional else ""
    head = (
        f"# {a.number}: {a.title}\n\n"
        f"*Partners and Rivals* · {a.auto_points} autograded points and {a.manual_points} points for "
        f"written answers graded by hand (total {a.total_points}).{optional}\n\n{_clean(a.summary)}\n\n"
    )
    rules = COMMON_RULES.format(notebook=a.notebook, example=help_example(a))
    numbers = f"\n\n{NUMBERS_RULE}" if a.parameters else ""
    extra = f"\n\n{_clean(a.allowed)}" if a.allowed else ""
    return head + rules + numbers + extra


def build_notebook(a: Assignment) -> nbformat.NotebookNode:
    """The nbgrader source notebook of an assignment (solutions and hidden tests included)."""
    check_assignment(a)
    cells = [_md(instructions(a), _meta(f"{a.slug}_instructions", locked=True), f"{a.slug}_instructions")]
    if a.parameters:  # an ordinary cell (no nbgrader role): the student's own, kept where it is by the grader
        cells.append(nbformat.v4.new_code_cell(STUDENT_ID_SOURCE, id=STUDENT_ID_CELL))
    cells.append(_code(setup_source(a), _meta(f"{a.slug}_setup", locked=True), f"{a.slug}_setup"))
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
    if a.parameters:  # the grader derives each student's numbers from these (partnership_grading/variants.py)
        nb.metadata["partnership"] = {"variants": notebook_metadata(a.parameters, a.constraints)}
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
        if p.kind not in KINDS:
            raise ValueError(f"{p.grade_id}: kind must be one of {KINDS}, not {p.kind!r}.")
        if p.typed and not a.parameters:
            raise ValueError(f"{p.grade_id} has a typed answer, but {a.name} gives every student the same numbers.")
        if p.typed and solution_region(_clean(p.solution))[1][:1].isspace():
            raise ValueError(f"{p.grade_id}: a part with typed answers needs its solution region at the top level of the cell.")
    if NUMBERS_NAME in a.parameters:
        raise ValueError(f"{a.name}: a parameter may not be called {NUMBERS_NAME}, the setup cell's name for all of them.")
    try:
        check_parameters(a.parameters, a.constraints)
    except VariantsError as exc:
        raise ValueError(f"{a.name}: {exc}") from None
    for w in a.written:
        check_calibration(w)
    check_policy(a)


def check_policy(a: Assignment) -> None:
    """Raise ``ValueError`` unless the assignment assesses reasoning as the course promises.

    At most one part is a direct call of a package function; written answers and design tasks earn
    at least :data:`REASONING_SHARE` of the points; every criterion of every rubric has an anchor for
    every score a grader can give; and the numbers differ from student to student.
    """
    direct = [p.grade_id for p in a.parts if p.kind == "direct"]
    if len(direct) > 1:
        raise ValueError(f"{a.name}: at most one part may be a direct call of a package function; {direct} are.")
    if a.reasoning_points < REASONING_SHARE * a.total_points:
        raise ValueError(
            f"{a.name}: written answers and design tasks earn {a.reasoning_points} of {a.total_points} points; "
            f"strategic reasoning needs at least {REASONING_SHARE:.0%}."
        )
    for w in a.written:
        for c in w.criteria:
            c.check()
    if not a.parameters:
        raise ValueError(f"{a.name} declares no parameters: every student would get the same numbers.")
    if not any(p.typed for p in a.parts):
        raise ValueError(f"{a.name}: no part is graded on values a student works out for their own numbers (typed=...).")


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


# ---------------------------------------------------------------------------------------------
# A kernel-free dry run, for fast tests of the specs


@dataclass
class DryRun:
    """Outcome of running an assignment's cells in one namespace: the error each test cell raised."""

    errors: dict[str, str] = field(default_factory=dict)  # test grade_id -> "ExcType: message" or ""

    def passed(self, test_id: str) -> bool:
        return self.errors.get(test_id) == ""


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
        exec(compile(setup_source(a), f"<{a.name} setup>", "exec"), ns)  # noqa: S102 - our own spec
        trusted = trusted_namespace([setup_source(a)])
        solution = solution_namespace(trusted, [_clean(q.solution) for q in a.parts])
        channel = in_process_channel(ns)
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
    """One row per score a grader can give on each criterion, with what earns it (its anchor)."""
    rows = ["| Criterion | Score | What earns it |", "| --- | --- | --- |"]
    for c in w.criteria:
        for k, (score, text) in enumerate(c.anchors()):
            name = f"{_cell(c.name)} ({_pts(c.points)})" if k == 0 else ""
            rows.append(f"| {name} | {_points(score)} | {_cell(text)} |")
    return rows


def rubrics_markdown(assignments: Sequence[Assignment]) -> str:
    """MyST fragment for the public instructor guide: each written answer's question, criteria and point bands.

    Model answers (exemplar, calibration set) are left out on purpose: see :func:`answers_markdown`.
    """
    out = [
        "<!-- Generated by python -m partnership_grading sources from exercises/authoring/: edit the specs, not this file. -->",
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
        "<!-- Generated by python -m partnership_grading sources from exercises/authoring/: edit the specs, not this file. -->",
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
        "<!-- Generated by python -m partnership_grading sources from exercises/authoring/: edit the specs, not this file. -->",
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


KIND_LABELS = {
    "statics": "comparative statics", "choice": "choice for an objective", "design": "design task",
    "direct": "direct call", "compute": "computation",
}


def points_markdown(assignments: Sequence[Assignment]) -> str:
    """MyST fragment: every assignment's graded cells and points, and its points by kind, for the instructor guide."""
    out = [
        "<!-- Generated by python -m partnership_grading sources from exercises/authoring/: edit the specs, not this file. -->",
        "",
        "| Assignment | Chapter | Autograded parts: test cell (points) | Written: answer cell (points) | Total |",
        "| --- | --- | --- | --- | --- |",
    ]
    for a in assignments:
        auto = ", ".join(f"`{p.test_id}` ({p.points})" for p in a.parts)
        manual = ", ".join(f"`{w.grade_id}` ({w.points})" for w in a.written)
        name = f"`{a.name}`" + (" (optional)" if a.optional else "")
        out.append(f"| {name} | {{ref}}`{a.chapter}` | {auto}: **{a.auto_points}** | {manual} | **{a.total_points}** |")
    out += [
        "",
        "What the points assess. *Reasoning* counts the written answers and the design tasks (terms the student "
        "designs to meet constraints, graded by checking the design's properties with the models); comparative "
        "statics (predict a direction, then verify it) and choices for a stated objective test understanding; a "
        "direct call applies one package function.",
        "",
        "| Assignment | Comparative statics | Choice | Design | Direct call | Computation | Written | Reasoning (written + design) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for a in assignments:
        k = a.points_by_kind()
        share = f"{a.reasoning_points} of {a.total_points} ({a.reasoning_points / a.total_points:.0%})"
        cells = [str(k[x]) for x in ("statics", "choice", "design", "direct", "compute", "written")]
        out.append(f"| `{a.name}` | " + " | ".join(cells) + f" | {share} |")
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
                    {"name": c.name, "points": c.points, "full": c.full, "partial": c.partial, "none": c.none,
                     "bands": [[score, text] for score, text in c.anchors()]}
                    for c in w.criteria
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
