"""How the explorers write numbers and keys: money, percentages, significant digits, DOM slugs."""

from __future__ import annotations

import math
import re


def slugify(label: str) -> str:
    """``"OpenAI's payoff"`` -> ``"openais-payoff"``: the stable key of a key number in the DOM."""
    text = label.lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fmt_money(value: float, unit: str = "bn") -> str:
    """``12.345`` -> ``"$12.3bn"``; negatives as ``"−$4.0bn"`` (a true minus sign)."""
    sign = "−" if value < 0 else ""
    return f"{sign}${abs(value):,.1f}{unit}"


def fmt_pct(fraction: float, digits: int = 0) -> str:
    """``0.125`` -> ``"12.5%"`` with ``digits`` decimals (fractions in, percent out)."""
    return f"{fraction * 100:.{digits}f}%"


def round_sig(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits (for compact JSON)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")
