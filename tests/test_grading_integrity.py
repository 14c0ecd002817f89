"""Fast checks of the integrity layer (no kernel, no nbgrader run): the static scan refuses what
could change other cells' grades and nothing in the course's own answers; unreadable files are
recognised with a reason; the bad-submission corpus is generated from a release and its
outcomes are the ones the instructor guide documents. The corpus is graded for real in
test_grading_hostile.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from partnership_grading import authoring as au
from partnership_grading.cells import released_source as _released
from partnership_grading.integrity import Finding, neutralised_source, python_source, read_problem, scan_cells, scan_source
from tests import hostile_corpus as hostile

from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent
SPECS = au.load_specs(ROOT / "exercises")


def _blocked(code: str) -> list[str]:
    return [why for _, why in scan_source(code, protected={"_close", "_function"}).block]


@pytest.mark.parametrize("name", [a.name for a in SPECS])
def test_no_answer_of_the_course_is_flagged(name):
    """Every solution, hard-coded answer, plausible mistake and typed-in answer runs untouched: the scan has no false
    positives on them, nor on the student-id cell."""
    a = next(s for s in SPECS if s.name == name)
    nb = au.build_notebook(a)
    tests = [c.source for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    cells = [("student id", au.STUDENT_ID_SOURCE.replace('""', '"jdoe"'))]
    for p in a.parts:
        for kind in ("solution", "hardcoded", "wrong", "typed"):
            if kind in ("hardcoded", "wrong") and getattr(p, kind) is None or kind == "typed" and not p.typed:
                continue
            body = synthetic.answer_bodies(a, {p.grade_id: kind})[p.grade_id]
            cells.append((f"{p.grade_id}:{kind}", au.replace_solution(au._clean(p.solution), body)))
        cells.append((f"{p.grade_id}:stub", au.released_code(au._clean(p.solution))))
    from partnership_grading.integrity import names_bound

    for scan in scan_cells(cells, protected=names_bound(tests), setup_sources=[au.setup_source(a)]):
        assert scan.parsed and not scan.block and not scan.review, scan


@pytest.mark.parametrize(
    "code,reason",
    [
        ("import math\nmath.isclose = lambda *a, **k: True", "assigns to `math.isclose`"),
        ("import numpy as np\nnp.allclose = lambda *a, **k: True", "assigns to `np.allclose`"),
        ("from math import isclose\nisclose.__code__ = None", "special attribute"),
        ("import partnership.checks as c\nc.close = print", "partnership.checks"),
        ("from partnership import bargaining\nbargaining.nash_split = max", "assigns to `bargaining.nash_split`"),
        ("import math as m\nf = m\nf.isclose = 1", "as a value"),
        ("import math\ndef g(x):\n    x.isclose = 1\ng(math)", "as a value"),
        ("__builtins__.isinstance = lambda *a: True", "__builtins__"),
        ("import builtins", "imports `builtins`"),
        ("get_ipython().input_transformers_post.append(lambda lines: [])", "get_ipython"),
        ("%load_ext something", "get_ipython"),
        ("!rm -rf ..", "get_ipython"),
        ("%%bash\nls", "get_ipython"),
        ("import os\nos._exit(1)", "imports `os`"),
        ("import sys\nsys.exit(0)", "imports `sys`"),
        ("exit()", "exits the kernel"),
        ("import ctypes", "imports `ctypes`"),
        ("open('/etc/passwd').read()", "opens a file"),
        ("from pathlib import Path", "imports `pathlib`"),
        ("import numpy as np\nnp.load('x.npy')", "np.load"),
        ("eval('1 + 1')", "runs code built from a string"),
        ("getattr(x, name)", "computed or private attribute"),
        ("setattr(x, 'a', 1)", "sets an attribute by name"),
        ("class A(float):\n    def __eq__(self, other):\n        return True", "defines `__eq__`"),
        ("d = {'__eq__': lambda a, b: True}", "special attribute `__eq__` in a string"),
        ("type('A', (float,), {})", "type(name, bases, namespace)"),
        ("import decimal\ndecimal.getcontext().prec = 2", "decimal.getcontext"),
        ("from partnership.property_rights import OWNERSHIP_STRUCTURES\nOWNERSHIP_STRUCTURES.append(1)", "in place"),
        ("def g():\n    yield 1\nf = g().gi_frame.f_globals", "gi_frame"),
        ("import numpy.testing", "numpy.testing"),
        ("from . import x", "relative import"),
    ],
)
def test_tampering_is_blocked_with_a_readable_reason(code, reason):
    blocked = _blocked(code)
    assert any(reason in why for why in blocked), blocked


@pytest.mark.parametrize(
    "code",
    [
        "import numpy as np\nx = np.array([1.0, 2.0])\ntotal = float(np.sum(x))",
        "import math\nfrom functools import reduce\nvalue = reduce(lambda a, b: a * b, [1, 2, 3]) + math.sqrt(4)",
        "from dataclasses import dataclass\n@dataclass\nclass Row:\n    a: float\n    def __post_init__(self):\n        self.a = float(self.a)",
        "value = getattr(outcome, 'total_surplus')",
        "best = max(d, key=d.get)\nfor _ in range(3):\n    pass",
        "try:\n    x = 1 / 0\nexcept ZeroDivisionError:\n    x = 0",
        "if __name__ == '__main__':\n    print('hi')",
        "while True:\n    break",
    ],
)
def test_ordinary_code_is_not_blocked(code):
    assert _blocked(code) == []


def test_rebinding_the_tests_helpers_is_only_flagged_for_review():
    scan = scan_source("def _close(*a, **k):\n    return None", protected={"_close"})
    assert scan.block == [] and any("_close" in why for _, why in scan.review)


def test_other_languages_are_not_python_and_not_scanned():
    assert python_source("answer <- function(x) {\n  x * 2\n}") is None
    assert scan_source("answer <- function(x) {\n  x * 2\n}").parsed is False


def test_a_blocked_cell_becomes_an_error_that_names_the_reason_and_keeps_the_code():
    src = neutralised_source("import math\nmath.isclose = f", [(2, "assigns to `math.isclose`")])
    assert "raise RuntimeError('Integrity check: this cell was not run because line 2 assigns to `math.isclose`.')" in src
    assert "# math.isclose = f" in src
    assert scan_source(src).block == []  # what runs instead is itself harmless
    compile(src, "<cell>", "exec")


def test_finding_round_trip_and_flags():
    f = Finding("block", "tampering", "not run: x", "nash_payoff", 3)
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))) == f and f.flags
    assert not Finding("info", "output", "cut").flags
    assert f.text() == "[block] nash_payoff, line 3: not run: x"


def test_read_problem_names_why_a_file_is_not_a_notebook(tmp_path):
    good = tmp_path / "good.ipynb"
    nb = au.build_notebook(SPECS[1])
    nbformat.write(nb, good)
    assert read_problem(good) is None
    cases = {
        b"": "empty",
        b"hello": "not a notebook (not JSON",
        good.read_bytes()[:3000]: "cut off",
        b"\xff\xfe\x00": "not text",
        b"[1, 2]": "no top-level object",
        json.dumps({**json.loads(good.read_bytes()), "nbformat": 5}).encode(): "nbformat 5",
        json.dumps({"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code"}]}).encode(): "cannot read it as a notebook",
    }
    for k, (data, why) in enumerate(cases.items()):
        path = tmp_path / f"bad{k}.ipynb"
        path.write_bytes(data)
        problem = read_problem(path)
        assert problem and why in problem, (data[:40], problem)


def test_locked_cells_compare_as_released():
    source = "# Tests\n_close(x, 1)\n### BEGIN HIDDEN TESTS\nfor a in b:\n    _close(a, 2)\n### END HIDDEN TESTS\n"
    assert _released(source) == _released("# Tests\n_close(x, 1)\n") == "# Tests\n_close(x, 1)"
    assert _released("pass") != _released(source)


def test_the_corpus_covers_every_kind_of_bad_submission_the_course_promises():
    ids = {c.student for c in hostile.CASES}
    assert len(ids) == len(hostile.CASES), "one student id per case"
    required = [
        "file-not-json", "file-truncated", "file-nbformat-5", "cells-deleted-test", "cells-reordered-test",
        "cells-edited-test", "meta-points", "meta-grade-id", "run-infinite-loop", "run-enormous-output",
        "exit-os", "exit-sys", "crash-ctypes", "patch-math-isclose", "patch-numpy-allclose",
        "patch-test-helpers", "patch-builtins", "patch-input-transformer", "files-read", "files-write",
        "kernel-r", "zz-control",
    ]
    assert not set(required) - ids
    assert all(c.student.startswith("zz-") == (c.group == "control") for c in hostile.CASES), "controls are graded last"


def test_the_corpus_is_generated_from_the_release(tmp_path):
    a = next(s for s in SPECS if s.name == "ps1-ip")
    released = au.build_notebook(a)  # stand-in release: what matters is that every case starts from it
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            cell.source = au.released_code(cell.source)
    corpus = hostile.Corpus(a, released)
    files = hostile.generate(corpus, tmp_path)
    assert [p.parent.name for p in files] == [c.student for c in hostile.CASES]
    intro = released.cells[0].source.splitlines()[0]
    for case, path in zip(hostile.CASES, files):
        if case.status == "graded":
            assert intro in path.read_text(encoding="utf-8"), case.student
        assert path.read_bytes() == case.build(corpus), "generation is deterministic"


def test_the_instructor_guide_documents_every_case_and_its_outcome():
    guide = (ROOT / "chapters" / "instructor.md").read_text(encoding="utf-8")
    for row in hostile.markdown_table().splitlines()[2:]:
        assert row in guide, f"chapters/instructor.md lacks (or has an outdated) row: {row}"
    assert re.search(r"^## Hostile and broken submissions", guide, flags=re.M)
