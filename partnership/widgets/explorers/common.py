"""What the course's explorers share: the two parties' names, the series styles and the grid helpers.

Party A is OpenAI and party B is Microsoft, as in the chapters; ``STYLE_*`` index
:data:`partnership.plotting.SERIES` (colour and hatch or marker), so every explorer draws each party alike.
"""

from __future__ import annotations

A, B = "OpenAI", "Microsoft"
STYLE_A, STYLE_B, STYLE_NEUTRAL, STYLE_FOURTH = 0, 1, 2, 3  # indices into partnership.plotting.SERIES


def steps(start: float, stop: float, step: float) -> tuple[float, ...]:
    """``start, start + step, …, stop`` without floating-point drift (grid values, not economics)."""
    n = int(round((stop - start) / step))
    return tuple(round(start + i * step, 10) for i in range(n + 1))


def yes_no(flag: bool, yes: str = "yes", no: str = "no") -> str:
    return yes if flag else no
