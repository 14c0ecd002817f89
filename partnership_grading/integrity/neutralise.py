"""What the grader runs instead of a cell the scan blocked: an error that says why, the code kept as comments."""

from __future__ import annotations

from collections.abc import Sequence

NEUTRALISED_MARK = "# [integrity check] The grader did not run this cell."


def neutralised_source(original: str, reasons: Sequence[tuple[int, str]]) -> str:
    """What the grader runs instead of a blocked cell: an error that says why, the code as comments."""
    first_line, first = reasons[0]
    more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
    message = f"Integrity check: this cell was not run because line {first_line} {first}{more}."
    lines = [
        NEUTRALISED_MARK,
        "# It contains code that could change how other cells are graded:",
        *[f"#   line {n}: {why}" for n, why in reasons],
        "# The parts that need this cell score zero; your instructor has been told and can review it.",
        f"raise RuntimeError({message!r})",
        "# ---- the submitted code, kept for the record (not run) ----",
        *[f"# {line}" if line else "#" for line in original.split("\n")],
    ]
    return "\n".join(lines)
