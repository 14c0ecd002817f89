"""A corpus of bad submissions, generated from a released notebook, and the outcome each must get.

Every case starts from the notebook nbgrader released (``release/<a>/<a>.ipynb``), fills in the
instructor's solutions the way a student would (:func:`~partnership_grading.authoring.student_submission`)
and then breaks or attacks it in one way. Nothing is hand-edited, so the corpus follows the
assignment when it changes. ``python -m tests.hostile_corpus --out bad/`` (``make grading-bad-submissions``) writes it as a
folder that ``python -m partnership_grading collect`` accepts (``--markdown`` prints the outcomes
table, ``-a`` names another assignment, ``--released`` a released notebook); ``tests/test_grading_hostile.py`` grades it and
checks every case against :attr:`Case.points`, :attr:`Case.flagged` and :attr:`Case.finding`; the
instructor guide's table (:func:`markdown_table`) documents the same outcomes.

Most attacks are added to an otherwise correct submission, so a case that is not caught would
score full marks; the "cheat" cases answer the other parts wrongly, so a successful attack would
be worth everything and a caught one is worth nothing.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from partnership_grading import authoring as au
from partnership_grading import course as wf

from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Corpus:
    """What every case is built from: the released notebook and the assignment's spec."""

    spec: au.Assignment
    released: nbformat.NotebookNode

    def solved(self, choice: dict[str, str] | str = "solution") -> nbformat.NotebookNode:
        return synthetic.student_submission(self.released, self.spec, synthetic.answer_bodies(self.spec, choice))

    def cheat(self, keep: int = 0) -> nbformat.NotebookNode:
        """Part ``keep`` solved, every other part answered wrongly (a mistake, or else hard-coded).

        Mistakes first: a hard-coded answer is typed in for the published numbers, so in a course
        without per-student numbers it is right for a design task.
        """
        return self.solved({p.grade_id: ("solution" if k == keep else _wrongly(p)) for k, p in enumerate(self.spec.parts)})

    def part(self, k: int) -> au.Part:
        return self.spec.parts[k]


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def _index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    return next(k for k, c in enumerate(nb.cells) if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def _prepend(nb: nbformat.NotebookNode, grade_id: str, code: str) -> nbformat.NotebookNode:
    cell = _cell(nb, grade_id)
    cell.source = code.strip("\n") + "\n" + cell.source
    return nb


def _append(nb: nbformat.NotebookNode, grade_id: str, code: str) -> nbformat.NotebookNode:
    cell = _cell(nb, grade_id)
    cell.source = cell.source + "\n" + code.strip("\n")
    return nb


def _bytes(nb: nbformat.NotebookNode) -> bytes:
    return nbformat.writes(nb, version=4).encode("utf-8")


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


# Expected points per test cell -------------------------------------------------------------


def full(a: au.Assignment) -> dict[str, float]:
    return {p.test_id: float(p.points) for p in a.parts}


def zero(a: au.Assignment) -> dict[str, float]:
    return {p.test_id: 0.0 for p in a.parts}


def all_but(*ks: int) -> Callable[[au.Assignment], dict[str, float]]:
    return lambda a: {p.test_id: (0.0 if k in ks else float(p.points)) for k, p in enumerate(a.parts)}


def only(*ks: int) -> Callable[[au.Assignment], dict[str, float]]:
    return lambda a: {p.test_id: (float(p.points) if k in ks else 0.0) for k, p in enumerate(a.parts)}


def before(k0: int) -> Callable[[au.Assignment], dict[str, float]]:
    """Parts before part ``k0`` (0-based) full, that part and every later part zero."""
    return lambda a: {p.test_id: (float(p.points) if k < k0 else 0.0) for k, p in enumerate(a.parts)}


def _wrongly(p: au.Part) -> str:
    return "wrong" if p.wrong else "hardcoded"


def partial_choice(a: au.Assignment) -> dict[str, str]:
    return {p.grade_id: "solution" if k % 2 == 0 else _wrongly(p) for k, p in enumerate(a.parts)}


# The cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    student: str  # the student id the case is submitted under (also its name)
    group: str
    attack: str  # what the submission does, for the instructor guide
    outcome: str  # the documented outcome
    build: Callable[[Corpus], bytes]
    points: Callable[[au.Assignment], dict[str, float]]
    flagged: bool = True
    status: str = "graded"  # graded | unreadable
    finding: str = ""  # a finding kind that must be reported ("" = none required)

    def expected_points(self, a: au.Assignment) -> dict[str, float]:
        return self.points(a)


def _not_json(c: Corpus) -> bytes:
    return b"My notebook would not save, so here is my answer: OpenAI gets 60.\n"


def _truncated(c: Corpus) -> bytes:
    data = _bytes(c.solved())
    return data[: int(len(data) * 0.6)]


def _nbformat_future(c: Corpus) -> bytes:
    data = json.loads(_bytes(c.solved()))
    data["nbformat"], data["nbformat_minor"] = 5, 0
    return _json_bytes(data)


def _nbformat_3(c: Corpus) -> bytes:
    return nbformat.writes(nbformat.convert(copy.deepcopy(c.solved()), 3), version=3).encode("utf-8")


def _deleted_test(c: Corpus) -> bytes:
    nb = c.solved()
    del nb.cells[_index(nb, c.part(0).test_id)]
    return _bytes(nb)


def _deleted_setup(c: Corpus) -> bytes:
    nb = c.solved()
    del nb.cells[_index(nb, f"{c.spec.slug}_setup")]
    return _bytes(nb)


def _reordered_test(c: Corpus) -> bytes:
    nb = c.solved()
    cell = nb.cells.pop(_index(nb, c.part(len(c.spec.parts) - 1).test_id))
    nb.cells.insert(0, cell)
    return _bytes(nb)


def _edited_test(c: Corpus) -> bytes:
    nb = c.cheat(keep=1)  # part 1 answered wrongly, part 2 correctly, the rest wrongly
    test = _cell(nb, c.part(0).test_id)
    test.source = "# I checked this myself.\npass"
    test.metadata.nbgrader["locked"] = False
    test.metadata["editable"] = True
    return _bytes(nb)


def _changed_points(c: Corpus) -> bytes:
    nb = c.solved()
    for p in c.spec.parts:
        _cell(nb, p.test_id).metadata.nbgrader["points"] = 100
    return _bytes(nb)


def _renamed_grade_id(c: Corpus) -> bytes:
    nb = c.solved()
    _cell(nb, c.part(0).test_id).metadata.nbgrader["grade_id"] = c.part(0).test_id + "_2"
    return _bytes(nb)


def _fake_grade_cell(c: Corpus) -> bytes:
    nb = c.solved()
    extra = nbformat.v4.new_code_cell("# Bonus question (worth 50 points)\npass", id="bonus-question")
    extra.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus_test", "locked": False, "points": 50, "schema_version": 3, "solution": False}
    nb.cells.insert(_index(nb, c.part(0).test_id) + 1, extra)
    return _bytes(nb)


def _ungraded_test(c: Corpus) -> bytes:
    nb = c.solved()
    meta = _cell(nb, c.part(1).test_id).metadata.nbgrader
    meta["grade"] = False
    meta.pop("points", None)
    return _bytes(nb)


def _infinite_loop(c: Corpus) -> bytes:
    return _bytes(_prepend(c.solved(), c.part(2).grade_id, "while True:\n    pass"))


def _unstoppable_loop(c: Corpus) -> bytes:
    loop = "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass"
    return _bytes(_prepend(c.solved(), c.part(2).grade_id, loop))


def _memory_bomb(c: Corpus) -> bytes:
    return _bytes(_prepend(c.solved(), c.part(1).grade_id, "hoard = bytearray(4 * 1024 ** 3)"))


def _enormous_output(c: Corpus) -> bytes:
    code = "for i in range(100_000):\n    print(i, 'is my favourite number')\nprint('x' * 5_000_000)"
    return _bytes(_prepend(c.solved(), c.part(0).grade_id, code))


def _os_exit(c: Corpus) -> bytes:
    return _bytes(_prepend(c.solved(), c.part(1).grade_id, "import os\nos._exit(1)"))


def _sys_exit(c: Corpus) -> bytes:
    return _bytes(_prepend(c.solved(), c.part(1).grade_id, "import sys\nsys.exit(0)"))


def _exit_builtin(c: Corpus) -> bytes:
    return _bytes(_prepend(c.solved(), c.part(1).grade_id, "exit()"))


def _segfault(c: Corpus) -> bytes:
    return _bytes(_prepend(c.solved(), c.part(1).grade_id, "import ctypes\nctypes.string_at(0)"))


def _patch_isclose(c: Corpus) -> bytes:
    return _bytes(_append(c.cheat(keep=0), c.part(0).grade_id, "import math\nmath.isclose = lambda *args, **kwargs: True"))


def _patch_allclose(c: Corpus) -> bytes:
    return _bytes(_append(c.solved(), c.part(0).grade_id, "import numpy as np\nnp.allclose = lambda *args, **kwargs: True"))


def _patch_checks(c: Corpus) -> bytes:
    code = (
        "import partnership.checks as checks\n"
        "checks.close = checks.close_all = checks.equal = checks.function = lambda *args, **kwargs: None"
    )
    return _bytes(_append(c.cheat(keep=0), c.part(0).grade_id, code))


def _patch_reference(c: Corpus) -> bytes:
    code = "from partnership import bargaining\nbargaining.nash_split = lambda *args, **kwargs: None"
    return _bytes(_append(c.cheat(keep=0), c.part(0).grade_id, code))


def _replace_builtins(c: Corpus) -> bytes:
    code = (
        "__builtins__.isinstance = lambda obj, cls: True\n"
        "import builtins\n"
        "builtins.AssertionError = type('Quiet', (Exception,), {})"
    )
    return _bytes(_append(c.cheat(keep=0), c.part(0).grade_id, code))


def _input_transformer(c: Corpus) -> bytes:
    code = "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'] if 'import' in ''.join(lines) else lines)"
    return _bytes(_append(c.cheat(keep=0), c.part(0).grade_id, code))


def _shell_escape(c: Corpus) -> bytes:
    return _bytes(_append(c.solved(), c.part(0).grade_id, "!cat /etc/passwd"))


def _always_equal(c: Corpus) -> bytes:
    code = "class Anything(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__"
    return _bytes(_append(c.solved(), c.part(0).grade_id, code))


def _shadow_helpers(c: Corpus) -> bytes:
    code = "def _close(*args, **kwargs):\n    return None\n\n\ndef _function(*args, **kwargs):\n    return None"
    return _bytes(_append(c.cheat(keep=0), c.part(0).grade_id, code))


def _read_files(c: Corpus) -> bytes:
    code = (
        "hostname = open('/etc/hostname').read()\n"
        f"hidden_tests = open('../../../source/{c.spec.name}/{c.spec.notebook}').read()"
    )
    return _bytes(_append(c.solved(), c.part(0).grade_id, code))


def _write_files(c: Corpus) -> bytes:
    code = (
        f"open('../../zz-control/{c.spec.name}/{c.spec.notebook}', 'w').write('{{}}')\n"
        "from pathlib import Path\n"
        "Path('../../../gradebook.db').write_bytes(b'')"
    )
    return _bytes(_append(c.solved(), c.part(1).grade_id, code))


R_CODE = "# R, not Python\nanswer <- function(x) {\n  x * 2\n}\nanswer(21)"


def _other_kernel(c: Corpus) -> bytes:
    nb = c.solved()
    nb.metadata["kernelspec"] = {"display_name": "R", "language": "R", "name": "ir"}
    nb.metadata["language_info"] = {"name": "R", "file_extension": ".r", "mimetype": "text/x-r-source"}
    for p in c.spec.parts:
        _cell(nb, p.grade_id).source = R_CODE
    return _bytes(nb)


def _control(c: Corpus) -> bytes:
    return _bytes(c.solved())


def _partial(c: Corpus) -> bytes:
    return _bytes(c.solved(partial_choice(c.spec)))


def _blank(c: Corpus) -> bytes:
    return _bytes(c.released)


def _partial_points(a: au.Assignment) -> dict[str, float]:
    choice = partial_choice(a)
    return {p.test_id: (float(p.points) if choice[p.grade_id] == "solution" else 0.0) for p in a.parts}


BLOCKED = "blocked: that cell is not run, so its part scores zero; flagged"

CASES: tuple[Case, ...] = (
    # The file itself
    Case("file-not-json", "file", "a text file saved with the notebook's name", "zero for every part, no kernel started; flagged: the file is not a notebook (not JSON)", _not_json, zero, status="unreadable", finding="unreadable"),
    Case("file-truncated", "file", "the notebook cut off at 60 % (an interrupted upload)", "zero for every part; flagged: the file is cut off", _truncated, zero, status="unreadable", finding="unreadable"),
    Case("file-nbformat-5", "file", "`nbformat` changed to 5, a version nbgrader cannot read", "zero for every part; flagged: nbformat 5 is not the course's nbformat 4", _nbformat_future, zero, status="unreadable", finding="unreadable"),
    Case("file-nbformat-3", "file", "a correct notebook saved in the old nbformat 3", "converted to nbformat 4 and graded normally (full marks); noted, not flagged", _nbformat_3, full, flagged=False, finding="nbformat"),
    # The notebook's structure and metadata
    Case("cells-deleted-test", "structure", "the first part's test cell deleted", "the test cell is put back from the release and run: graded as if untouched (full marks); flagged", _deleted_test, full, finding="deleted"),
    Case("cells-deleted-setup", "structure", "the locked setup cell deleted", "the setup cell is put back and run: full marks; flagged", _deleted_setup, full, finding="deleted"),
    Case("cells-reordered-test", "structure", "the last test cell moved to the top of the notebook", "cells put back in the release's order: full marks; flagged", _reordered_test, full, finding="order"),
    Case("cells-edited-test", "structure", "a wrong answer, and its test cell unlocked and replaced by `pass`", "the release's test (with the hidden tests) runs instead: that part scores zero, the rest as answered; flagged", _edited_test, only(1), finding="edited"),
    Case("meta-points", "structure", "every test cell's `points` set to 100", "points reset to the gradebook's: full marks are still the assignment's total; flagged", _changed_points, full, finding="metadata"),
    Case("meta-grade-id", "structure", "a test cell's `grade_id` renamed", "recognised by its cell id and restored: full marks; flagged", _renamed_grade_id, full, finding="metadata"),
    Case("meta-fake-grade-cell", "structure", "a new cell marked as a 50-point test that only says `pass`", "treated as an ordinary cell: no extra points, the total stays the assignment's; flagged", _fake_grade_cell, full, finding="metadata"),
    Case("meta-ungraded-test", "structure", "a test cell's `grade` flag turned off", "metadata restored and the test graded: full marks; flagged", _ungraded_test, full, finding="metadata"),
    # Running it
    Case("run-infinite-loop", "runtime", "`while True: pass` at the top of the third answer", "the cell is interrupted after the per-cell limit: that part scores zero, the others normally; flagged (timeout)", _infinite_loop, all_but(2), finding="timeout"),
    Case("run-unstoppable-loop", "runtime", "an infinite loop that catches `KeyboardInterrupt`", "interrupt fails, the notebook stops there: that part and every later part score zero, the earlier ones normally; flagged (hung)", _unstoppable_loop, before(2), finding="hung"),
    Case("run-memory-bomb", "runtime", "allocates 4 GB at the top of the second answer (over the 2 GB kernel limit)", "the kernel's memory limit turns it into a `MemoryError`: that part scores zero, the kernel survives; not flagged (an ordinary error)", _memory_bomb, all_but(1), flagged=False),
    Case("run-enormous-output", "runtime", "prints 100,000 lines and a 5-million-character line", "output cut to 1,000 lines and 200,000 characters per cell, graded normally (full marks); noted, not flagged", _enormous_output, full, flagged=False, finding="output"),
    Case("exit-os", "runtime", "`import os; os._exit(1)` (kills the kernel)", BLOCKED + " (the kernel never sees it)", _os_exit, all_but(1), finding="tampering"),
    Case("exit-sys", "runtime", "`import sys; sys.exit(0)`", BLOCKED, _sys_exit, all_but(1), finding="tampering"),
    Case("exit-builtin", "runtime", "IPython's `exit()`, no import needed", BLOCKED, _exit_builtin, all_but(1), finding="tampering"),
    Case("crash-ctypes", "runtime", "a segfault: `ctypes.string_at(0)`", BLOCKED, _segfault, all_but(1), finding="tampering"),
    # Patching what the tests rely on
    Case("patch-math-isclose", "tampering", "`math.isclose = lambda *a, **k: True`, every other part wrong", BLOCKED + "; the wrong answers stay wrong (zero in total, full marks had it worked)", _patch_isclose, zero, finding="tampering"),
    Case("patch-numpy-allclose", "tampering", "`np.allclose = lambda *a, **k: True` after a correct answer", BLOCKED + "; the other parts normally", _patch_allclose, all_but(0), finding="tampering"),
    Case("patch-test-helpers", "tampering", "imports the tests' helper module and replaces `close`, `equal`, `function`; other parts wrong", BLOCKED + "; zero in total", _patch_checks, zero, finding="tampering"),
    Case("patch-reference-model", "tampering", "replaces `partnership.bargaining.nash_split`, which hidden tests use as the reference; other parts wrong", BLOCKED + "; zero in total", _patch_reference, zero, finding="tampering"),
    Case("patch-builtins", "tampering", "replaces `isinstance` and `AssertionError` in builtins; other parts wrong", BLOCKED + "; zero in total", _replace_builtins, zero, finding="tampering"),
    Case("patch-input-transformer", "tampering", "an IPython input transformer that turns every later test cell into `pass`; other parts wrong", BLOCKED + "; zero in total", _input_transformer, zero, finding="tampering"),
    Case("patch-shell-escape", "tampering", "`!cat /etc/passwd` after a correct answer", BLOCKED, _shell_escape, all_but(0), finding="tampering"),
    Case("patch-always-equal", "tampering", "a `float` subclass whose `__eq__` is always true", BLOCKED, _always_equal, all_but(0), finding="tampering"),
    Case("shadow-test-helpers", "tampering", "defines its own `_close` and `_function`; other parts wrong", "runs (the test cells import their own helpers, so it changes nothing): the correct part scores, the wrong ones do not; flagged for review", _shadow_helpers, only(0), finding="suspicious"),
    Case("files-read", "files", "reads `/etc/hostname` and the instructor's source notebook (hidden tests)", BLOCKED, _read_files, all_but(0), finding="tampering"),
    Case("files-write", "files", "overwrites another student's submission and the gradebook", BLOCKED + "; nothing is written, every other student's grades are unchanged", _write_files, all_but(1), finding="tampering"),
    Case("kernel-r", "kernel", "saved with an R kernel, the answers written in R", "run with the course's Python 3 kernel: the R answers fail, every part scores zero; flagged (kernel)", _other_kernel, zero, finding="kernel"),
    # Controls
    Case("zz-blank", "control", "the untouched release", "zero, not flagged", _blank, zero, flagged=False),
    Case("zz-control", "control", "the solutions", "full marks, not flagged, whatever the others did", _control, full, flagged=False),
    Case("zz-partial", "control", "every other part right, the rest hard-coded or mistaken", "exactly the points of the right parts, not flagged", _partial, _partial_points, flagged=False),
)


def corpus_from(course_root: Path, assignment: str, released: Path) -> Corpus:
    specs = {a.name: a for a in au.load_specs(Path(course_root))}
    return Corpus(specs[assignment], nbformat.read(released, as_version=4))


def generate(corpus: Corpus, out: Path, cases: tuple[Case, ...] = CASES) -> list[Path]:
    """Write each case as ``<out>/<student>/<notebook>.ipynb``; return the files."""
    written = []
    for case in cases:
        path = Path(out) / case.student / corpus.spec.notebook
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.build(corpus))
        written.append(path)
    return written


def markdown_table(cases: tuple[Case, ...] = CASES) -> str:
    """The outcomes table of the instructor guide (the test checks the guide has every row)."""
    lines = ["| Case (student id) | The submission | Outcome |", "| --- | --- | --- |"]
    for c in cases:
        lines.append(f"| `{c.student}` | {c.attack} | {c.outcome} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-a", "--assignment", default="ps1-ip")
    parser.add_argument("--course", type=Path, default=ROOT / "exercises", help="the nbgrader course root")
    parser.add_argument("--released", type=Path, default=None, help="the released notebook (default: release it now in a temporary course)")
    parser.add_argument("--out", type=Path, default=None, help="folder to write the corpus into")
    parser.add_argument("--markdown", action="store_true", help="print the outcomes table (Markdown) and exit")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_table(), end="")
        return 0
    if args.out is None:
        parser.error("--out is required (or --markdown)")
    with tempfile.TemporaryDirectory(prefix="pr-bad-") as tmp:
        released = args.released
        if released is None:
            copy = wf.make_course_copy(wf.Course(args.course), Path(tmp) / "course", [args.assignment])
            (released,) = wf.release(copy, [args.assignment])
        corpus = corpus_from(args.course, args.assignment, released)
        files = generate(corpus, args.out)
    for case, path in zip(CASES, files):
        print(f"{case.student:<24} {path.stat().st_size:>8} bytes  {case.attack}")
    print(f"hostile_corpus: {len(files)} submissions of {args.assignment} in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
