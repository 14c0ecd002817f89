"""The assignment specs: the dataclasses ``exercises/authoring/*.py`` write an assignment in.

An assignment is a list of *parts* (a solution cell plus a test cell worth some points) and
*written* answers (a markdown cell graded by hand against a rubric, with an exemplar and a
calibration set).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union

from ..cells import BEGIN_HIDDEN, END_HIDDEN
from ..variants import Range, published
from ..verdicts import HiddenCheck, render_hidden
from .text import _clean

# What an autograded part assesses. Design tasks count as strategic reasoning, with the written
# answers; comparative statics and choices test understanding; direct calls and plain computations do not.
KINDS = ("statics", "choice", "design", "direct", "compute")


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
    typed-in answer fails in another's notebook (the tests type such answers in: ``tests/synthetic_students.py``).
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
