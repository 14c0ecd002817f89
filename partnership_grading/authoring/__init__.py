"""Build nbgrader source notebooks from plain-Python assignment specs, deterministically.

An assignment is a list of *parts* (a solution cell plus a test cell worth some points) and
*written* answers (a markdown cell graded by hand against a rubric). The specs live in
``exercises/authoring/`` (they contain the solutions, so they are not part of this package);
:func:`write_sources` turns them into ``exercises/source/<assignment>/<assignment>.ipynb``.
Regenerating gives byte-identical files, so a test can check the committed notebooks are current.

Every name is importable from here; one module an idea:

- :mod:`.specs`: the dataclasses a spec is written in (:class:`Assignment`, :class:`Part`, :class:`Written`, ...);
- :mod:`.regions`: cutting a cell at nbgrader's delimiters (those are :mod:`partnership_grading.cells`'s) and its stubs;
- :mod:`.preamble`: the instructions, the student-id cell and the setup cell with the student's numbers;
- :mod:`.conventions`: the course's rules a spec must follow (``ValueError`` otherwise);
- :mod:`.notebook`: the source notebook itself (its cell layout is in that module's docstring);
- :mod:`.pages`: the book's pages generated from the specs (rubrics, catalogue, points, model answers);
- :mod:`.sources`: loading the specs and writing (or checking) every generated file;
- :mod:`.text`: dedenting a spec's text and writing points in words.
"""

from __future__ import annotations

from ..cells import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, MARKERS
from ..variants import Range
from ..verdicts import HiddenCheck
from .conventions import AUTO_ID, GRADE_ID, REASONING_SHARE, check_assignment, check_calibration, check_policy
from .notebook import STUDENT_ID_CELL, build_notebook, notebook_text
from .pages import (
    FRAGMENTS,
    answers_markdown,
    catalogue_markdown,
    money_as_text,
    points_markdown,
    rubrics_json,
    rubrics_markdown,
)
from .preamble import (
    COMMON_RULES,
    NUMBERS_MARKER,
    NUMBERS_NAME,
    NUMBERS_RULE,
    STUDENT_ID_SOURCE,
    help_example,
    instructions,
    numbers_block,
    setup_source,
)
from .regions import (
    CODE_STUB,
    TEXT_STUB,
    fill_stub,
    hidden_references,
    hidden_tests,
    released_code,
    replace_solution,
    solution_region,
    strip_hidden,
)
from .sources import load_specs, write_all, write_sources
from .specs import KINDS, LEVELS, Assignment, Criterion, Item, Part, Sample, Score, Written
from .text import _clean as _clean  # the tests dedent spec text the way the notebooks do

__all__ = [
    # what a spec imports (exercises/authoring/*.py)
    "Assignment", "Criterion", "HiddenCheck", "Part", "Range", "Sample", "Score", "Written",
    # specs
    "Item", "KINDS", "LEVELS",
    # nbgrader's delimiters, from partnership_grading.cells
    "BEGIN_HIDDEN", "BEGIN_SOLUTION", "END_HIDDEN", "END_SOLUTION", "MARKERS",
    # regions
    "CODE_STUB", "TEXT_STUB",
    "fill_stub", "hidden_references", "hidden_tests", "released_code", "replace_solution", "solution_region", "strip_hidden",
    # preamble
    "COMMON_RULES", "NUMBERS_MARKER", "NUMBERS_NAME", "NUMBERS_RULE", "STUDENT_ID_SOURCE",
    "help_example", "instructions", "numbers_block", "setup_source",
    # conventions
    "AUTO_ID", "GRADE_ID", "REASONING_SHARE", "check_assignment", "check_calibration", "check_policy",
    # notebook
    "STUDENT_ID_CELL", "build_notebook", "notebook_text",
    # pages
    "FRAGMENTS", "answers_markdown", "catalogue_markdown", "money_as_text", "points_markdown",
    "rubrics_json", "rubrics_markdown",
    # sources
    "load_specs", "write_all", "write_sources",
]
