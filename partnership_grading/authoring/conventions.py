"""Raise ``ValueError`` where a spec breaks the course's conventions: grade ids, parts, rubrics,
calibration sets, per-student numbers, and the share of points for reasoning."""

from __future__ import annotations

import re

from ..cells import BEGIN_HIDDEN
from ..variants import VariantsError, check_parameters
from .preamble import NUMBERS_NAME
from .regions import solution_region
from .specs import KINDS, LEVELS, Assignment, Written
from .text import _clean

GRADE_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
AUTO_ID = re.compile(r"(^cell)|([0-9a-f]{6,})")  # what editors generate: cell-938593c4
REASONING_SHARE = 0.4  # at least this share of a set's points for written answers and design tasks


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

