"""Market concentration: the Herfindahl–Hirschman Index and the 2023 US Merger Guidelines screen.

Shares are in percent (0–100), so HHI runs from near 0 to 10,000. Under the 2023 Merger Guidelines
(Guideline 1, §2.1), a merger is presumed to substantially lessen competition if the post-merger
HHI exceeds 1,800 and rises by more than 100, or if the merged firm's share exceeds 30% and HHI
rises by more than 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._validate import numbers

HIGHLY_CONCENTRATED_HHI = 1800.0
SIGNIFICANT_DELTA_HHI = 100.0
SHARE_PRESUMPTION_PCT = 30.0


def validate_shares(shares: Sequence[float]) -> list[float]:
    """Check market shares are percentages between 0 and 100 that add up to at most 100."""
    values = numbers("Market shares", shares)
    if not values:
        raise ValueError("Give at least one market share.")
    for i, s in enumerate(values):
        if not 0 <= s <= 100:
            raise ValueError(f"Market share {i + 1} is {s:g}%, but a share must be between 0% and 100%.")
    total = sum(values)
    if total > 100 + 1e-9:
        raise ValueError(f"The market shares add up to {total:g}%, more than 100%: check the figures.")
    return values


def hhi(shares: Sequence[float]) -> float:
    """HHI = Σ s_i² with shares in percent (firms not listed are treated as negligibly small)."""
    return sum(s * s for s in validate_shares(shares))


def delta_hhi(shares: Sequence[float], i: int, j: int) -> float:
    """Increase in HHI when firms ``i`` and ``j`` (0-based) combine: ``2 s_i s_j``."""
    values = validate_shares(shares)
    _check_pair(len(values), i, j)
    return 2 * values[i] * values[j]


def _check_pair(n: int, i: int, j: int) -> None:
    for k in (i, j):
        if not isinstance(k, int) or not 0 <= k < n:
            raise ValueError(f"Firm index {k!r} is not one of the {n} firms (use 0 to {n - 1}).")
    if i == j:
        raise ValueError("A firm cannot combine with itself: pick two different firms.")


@dataclass(frozen=True)
class MergerScreen:
    """Result of the 2023 Merger Guidelines structural screen for one combination."""

    hhi_before: float
    hhi_after: float
    delta: float
    combined_share: float
    presumed_harmful: bool
    reasons: tuple[str, ...]


def merger_screen(shares: Sequence[float], i: int, j: int) -> MergerScreen:
    """Apply the 2023 Merger Guidelines' two structural presumptions to firms ``i`` and ``j`` combining."""
    values = validate_shares(shares)
    _check_pair(len(values), i, j)
    before = sum(s * s for s in values)
    delta = 2 * values[i] * values[j]
    after = before + delta
    combined = values[i] + values[j]
    reasons = []
    if after > HIGHLY_CONCENTRATED_HHI and delta > SIGNIFICANT_DELTA_HHI:
        reasons.append(
            f"post-merger HHI {after:,.0f} > {HIGHLY_CONCENTRATED_HHI:,.0f} and change {delta:,.0f} > {SIGNIFICANT_DELTA_HHI:,.0f}"
        )
    if combined > SHARE_PRESUMPTION_PCT and delta > SIGNIFICANT_DELTA_HHI:
        reasons.append(
            f"combined share {combined:g}% > {SHARE_PRESUMPTION_PCT:g}% and change {delta:,.0f} > {SIGNIFICANT_DELTA_HHI:,.0f}"
        )
    return MergerScreen(
        hhi_before=before,
        hhi_after=after,
        delta=delta,
        combined_share=combined,
        presumed_harmful=bool(reasons),
        reasons=tuple(reasons),
    )


def market_label(hhi_value: float) -> str:
    """'highly concentrated' above 1,800 (2023 Guidelines), otherwise 'not highly concentrated'."""
    return "highly concentrated" if hhi_value > HIGHLY_CONCENTRATED_HHI else "not highly concentrated"
