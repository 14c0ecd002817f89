"""A small class for the copying report's tests: one released notebook and the students' answers.

The release has the course's layout (instructions, then for each part a locked prompt and the answer
cell; code parts released with their function header, docstring and the line that applies it, as
``make exercises`` releases them):

- ``apply_cap``: write a return cap with a loop of a few lines (code);
- ``total_paid``: a one-line answer everybody writes the same way (code, too short to compare);
- ``cap_why``: a written answer.

The students: ``alice`` writes her own answers; ``bob`` hands in alice's file; ``carol`` copies
alice's code with new names, numbers, comments and layout, and rewords alice's written answer
lightly; ``dave``, ``erin``, ``frank`` and ``gina`` each solve the problem their own way (a
cumulative sum, a remaining budget, an index loop, numpy) and write their own answers, ``erin``
and ``frank`` after pasting the prompt into their answer; ``hank`` pastes only the prompt and adds
three words.
"""

from __future__ import annotations

import textwrap

import nbformat

NOTEBOOK = "cap.ipynb"
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
TEXT_STUB = "YOUR ANSWER HERE"

APPLY_CAP_HEAD = 'def apply_cap(payments, cap):\n    """The payments actually received when cumulative receipts may not exceed `cap`."""\n'
APPLY_CAP_TAIL = "\n\ncapped = apply_cap([3.0, 4.0, 5.0], 8.0)\ncapped"
TOTAL_HEAD = 'def total_paid(payments):\n    """Everything the investor receives."""\n'
CAP_WHY_PROMPT = (
    "## Part 3: Why accept a capped profit share? (5 points, written)\n\n"
    "Explain in a short paragraph why a venture might accept a profit share with a return cap rather "
    "than a revenue share. Refer to the hold-up problem and to who bears the risk of costs."
)


def _meta(grade_id: str, *, solution: bool = False, grade: bool = False, locked: bool = False, points: int | None = None) -> dict:
    meta = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _body(code: str) -> str:
    return textwrap.indent(textwrap.dedent(code).strip("\n"), "    ")


def release() -> nbformat.NotebookNode:
    """The released notebook (what students get), with nbgrader's cell metadata."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md("# Problem set: return caps\n\nWrite code where a cell says `# YOUR CODE HERE`.", metadata=_meta("cap_instructions", locked=True)),
        code("from partnership.revenue import waterfall", metadata=_meta("cap_setup", locked=True)),
        md("## Part 1: Write a return cap (4 points)\n\nWrite `apply_cap(payments, cap)` with a loop: pay in full until "
           "the cap is reached, then the remainder, then nothing.", metadata=_meta("apply_cap_prompt", locked=True)),
        code(APPLY_CAP_HEAD + _body(CODE_STUB) + APPLY_CAP_TAIL, metadata=_meta("apply_cap", solution=True)),
        code("assert capped == [3.0, 4.0, 1.0]", metadata=_meta("apply_cap_test", grade=True, locked=True, points=4)),
        md("## Part 2: The total paid (1 point)\n\nWrite `total_paid(payments)`.", metadata=_meta("total_paid_prompt", locked=True)),
        code(TOTAL_HEAD + _body(CODE_STUB), metadata=_meta("total_paid", solution=True)),
        code("assert total_paid([1, 2]) == 3", metadata=_meta("total_paid_test", grade=True, locked=True, points=1)),
        md(CAP_WHY_PROMPT, metadata=_meta("cap_why_prompt", locked=True)),
        md(TEXT_STUB, metadata=_meta("cap_why", solution=True, grade=True, points=5)),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def submission(answers: dict[str, str], base: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The release with these answers: code bodies replace the stub, written answers the whole cell."""
    nb = nbformat.from_dict(base or release())
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid not in answers:
            continue
        if cell.cell_type == "code":
            cell.source = cell.source.replace(_body(CODE_STUB), _body(answers[gid]))
        else:
            cell.source = answers[gid]
    return nb


ALICE_CAP = """
total = 0.0
result = []
for p in payments:
    if total + p <= cap:
        result.append(p)
        total += p
    else:
        result.append(max(cap - total, 0.0))
        total = cap
return result
"""

# alice's loop with every name changed, other numbers, comments, blank lines and two statements on one line
CAROL_CAP = """
so_far = 0      # running total of what has been paid
capped_list = []

for pay in payments:
    # still under the cap? then pay in full
    if so_far + pay <= cap: capped_list.append(pay); so_far += pay
    else:
        capped_list.append(max(cap - so_far, 0))   # only what is left
        so_far = cap
return capped_list
"""

DAVE_CAP = """
from itertools import accumulate
cumulative = list(accumulate(payments))
capped_cum = [min(c, cap) for c in cumulative]
return [b - a for a, b in zip([0.0] + capped_cum[:-1], capped_cum)]
"""

ERIN_CAP = """
remaining = cap
out = []
for amount in payments:
    take = amount if amount < remaining else remaining
    out.append(take)
    remaining -= take
return out
"""

FRANK_CAP = """
i = 0
paid_total = 0.0
capped = [0.0] * len(payments)
while i < len(payments) and paid_total < cap:
    capped[i] = min(payments[i], cap - paid_total)
    paid_total = paid_total + capped[i]
    i = i + 1
return capped
"""

GINA_CAP = """
import numpy as np
cum = np.minimum(np.cumsum(payments), cap)
return list(np.diff(np.concatenate([[0.0], cum])))
"""

ALICE_WHY = (
    "A capped profit share lets the venture pay the investor only out of profits, so in bad years it owes "
    "nothing, while a revenue share is owed even when costs swallow the revenue. The cap matters because it "
    "ends the investor's claim once it has earned a fixed multiple, so the founders keep the upside of a "
    "breakout success. That protects the venture against being held up later by an investor whose claim "
    "would otherwise grow without limit."
)
# alice's answer, lightly reworded: a few words swapped for synonyms, the sentences kept
CAROL_WHY = (
    "A capped profit share means the venture pays the investor only out of profits, so in bad years it owes "
    "nothing, whereas a revenue share is owed even when costs eat the revenue. The cap is important because it "
    "ends the investor's claim once it has earned a fixed multiple, so the founders keep the upside of a "
    "huge success. This protects the venture from being held up later by an investor whose claim would "
    "otherwise grow without any limit."
)
DAVE_WHY = (
    "Revenue shares are paid off the top line, which means the investor is paid before the venture covers its "
    "compute bills. With a profit share the investor carries part of the cost risk, and the cap keeps the deal "
    "from handing over most of the value if the product becomes enormous. I would accept the cap because it "
    "makes the price of capital predictable and limits how much leverage the investor gains later."
)
PROMPT_PASTED = (
    "Explain in a short paragraph why a venture might accept a profit share with a return cap rather than a "
    "revenue share. Refer to the hold-up problem and to who bears the risk of costs.\n\n"
)
ERIN_WHY = PROMPT_PASTED + (
    "Because spending on chips and data centres is uncertain, a deal tied to profits spreads that uncertainty: "
    "the partner only earns when margins exist. A ceiling on total returns stops the financier from capturing "
    "every future gain, which keeps the startup's incentive to keep investing in growth."
)
FRANK_WHY = PROMPT_PASTED + (
    "Honestly a revenue share is simpler to audit, since profit can be shaped by accounting choices such as "
    "transfer prices. Still, a ceiling is attractive when the company expects to grow fast, because the backer's "
    "total payout stops at a known amount and renegotiation becomes less tempting for either party."
)
HANK_WHY = PROMPT_PASTED + "I agree completely."

STUDENTS = {
    "alice": {"apply_cap": ALICE_CAP, "total_paid": "return sum(payments)", "cap_why": ALICE_WHY},
    "bob": {"apply_cap": ALICE_CAP, "total_paid": "return sum(payments)", "cap_why": ALICE_WHY},
    "carol": {"apply_cap": CAROL_CAP, "total_paid": "return sum(payments)  # everything", "cap_why": CAROL_WHY},
    "dave": {"apply_cap": DAVE_CAP, "total_paid": "return sum(payments)", "cap_why": DAVE_WHY},
    "erin": {"apply_cap": ERIN_CAP, "total_paid": "total = 0\nfor p in payments:\n    total += p\nreturn total", "cap_why": ERIN_WHY},
    "frank": {"apply_cap": FRANK_CAP, "total_paid": "return float(sum(payments))", "cap_why": FRANK_WHY},
    "gina": {"apply_cap": GINA_CAP, "total_paid": "return sum(payments)", "cap_why": TEXT_STUB},
    "hank": {"apply_cap": CODE_STUB, "cap_why": HANK_WHY},
}

COPIERS = ("alice", "bob", "carol")
# The pairs the report must find, and only these: every pair of the three, on the loop and the written answer.
EXPECTED = {(a, b, part) for part in ("apply_cap", "cap_why") for a, b in (("alice", "bob"), ("alice", "carol"), ("bob", "carol"))}


def notebooks() -> dict[str, nbformat.NotebookNode]:
    """Every student's notebook."""
    base = release()
    return {student: submission(answers, base) for student, answers in STUDENTS.items()}


def source() -> nbformat.NotebookNode:
    """The instructor's source notebook of the same release (solutions between nbgrader's markers)."""
    nb = release()
    solutions = {"apply_cap": ALICE_CAP, "total_paid": "return sum(payments)"}
    for cell in nb.cells:
        gid = cell.metadata["nbgrader"]["grade_id"]
        if gid in solutions:
            region = "### BEGIN SOLUTION\n" + textwrap.dedent(solutions[gid]).strip("\n") + "\n### END SOLUTION"
            cell.source = cell.source.replace(_body(CODE_STUB), _body(region))
        elif gid == "cap_why":
            cell.source = ALICE_WHY
    return nb
