"""Market concentration: the Herfindahl–Hirschman Index, the 2023 US Merger Guidelines screen, and
the modified HHI for partial ownership.

Shares are in percent (0–100), so HHI runs from near 0 to 10,000. Under the 2023 Merger Guidelines
(Guideline 1, §2.1), a merger is presumed to substantially lessen competition if the post-merger
HHI exceeds 1,800 and rises by more than 100, or if the merged firm's share exceeds 30% and HHI
rises by more than 100.

A minority stake adds no shares together, so ΔHHI is zero; the modified HHI of O'Brien & Salop
(2000) measures how the stake changes the owners' and managers' incentives instead, with separate
*financial* interests (who gets the profits) and *control* weights (whose interests the managers
serve): :func:`modified_hhi` and :func:`stake_delta_mhhi`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._validate import fraction, numbers

HIGHLY_CONCENTRATED_HHI = 1800.0
SIGNIFICANT_DELTA_HHI = 100.0
SHARE_PRESUMPTION_PCT = 30.0


def validate_shares(shares: Sequence[float]) -> list[float]:
    """Check market shares are percentages between 0 and 100 that add up to at most 100.

    Examples
    --------
    >>> validate_shares([50, 30])
    [50.0, 30.0]
    >>> validate_shares([60, 50])
    Traceback (most recent call last):
    ...
    ValueError: The market shares add up to 110%, more than 100%: check the figures.
    """
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
    """HHI = Σ s_i² with shares in percent (firms not listed are treated as negligibly small).

    Examples
    --------
    >>> hhi([50, 30, 20])  # 2,500 + 900 + 400
    3800.0
    >>> hhi([100])  # a monopoly
    10000.0
    """
    return sum(s * s for s in validate_shares(shares))


def delta_hhi(shares: Sequence[float], i: int, j: int) -> float:
    """Increase in HHI when firms ``i`` and ``j`` (0-based) combine: ``2 s_i s_j``.

    Examples
    --------
    >>> delta_hhi([50, 30, 20], 1, 2)  # (30 + 20)² − 30² − 20² = 2 · 30 · 20
    1200.0
    """
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
    """Apply the 2023 Merger Guidelines' two structural presumptions to firms ``i`` and ``j`` combining.

    Examples
    --------
    The two smallest of four firms (40, 30, 20, 10) merge: HHI goes from 3,000 to 3,400. That is above
    1,800 with a change above 100, so the merger is presumed harmful; the share test does not apply,
    since the combined 30% is not above 30%:

    >>> s = merger_screen([40, 30, 20, 10], 2, 3)
    >>> s.hhi_before, s.delta, s.hhi_after, s.combined_share, s.presumed_harmful
    (3000.0, 400.0, 3400.0, 30.0, True)
    >>> s.reasons
    ('post-merger HHI 3,400 > 1,800 and change 400 > 100',)
    """
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
    """'highly concentrated' above 1,800 (2023 Guidelines), otherwise 'not highly concentrated'.

    Examples
    --------
    >>> market_label(3000), market_label(1800)
    ('highly concentrated', 'not highly concentrated')
    """
    return "highly concentrated" if hhi_value > HIGHLY_CONCENTRATED_HHI else "not highly concentrated"


# --- partial ownership: the modified HHI (O'Brien & Salop 2000) ---------------------------------------


@dataclass(frozen=True)
class ModifiedHHI:
    """The modified HHI and its two parts: the ordinary HHI and the change due to cross-ownership."""

    hhi: float
    delta: float

    @property
    def mhhi(self) -> float:
        return self.hhi + self.delta


def _matrix(name: str, rows: Sequence[Sequence[float]], n_firms: int) -> list[list[float]]:
    if isinstance(rows, (str, bytes)) or not hasattr(rows, "__iter__"):
        raise ValueError(f"{name} must be a table with one row per owner and one column per firm.")
    out = []
    for i, row in enumerate(rows):
        values = numbers(f"{name} (owner {i + 1})", row)
        if len(values) != n_firms:
            raise ValueError(
                f"{name}: owner {i + 1} has {len(values)} entries, but there are {n_firms} firms; give one per firm."
            )
        for j, v in enumerate(values):
            if not 0 <= v <= 1:
                raise ValueError(f"{name}: owner {i + 1}'s entry for firm {j + 1} is {v:g}, but it must lie in [0, 1].")
        out.append(values)
    if not out:
        raise ValueError(f"{name} needs at least one owner.")
    return out


def modified_hhi(
    shares: Sequence[float], ownership: Sequence[Sequence[float]], control: Sequence[Sequence[float]]
) -> ModifiedHHI:
    """O'Brien & Salop's modified HHI with financial interests ``β_ij`` and control weights ``γ_ij``.

    ``MHHI = Σ_j Σ_k s_j s_k (Σ_i γ_ij β_ik) / (Σ_i γ_ij β_ij)``: the manager of firm ``j`` maximises a
    control-weighted sum of its owners' returns, so it puts weight ``(Σ_i γ_ij β_ik)/(Σ_i γ_ij β_ij)``
    on rival ``k``'s profit. The ``j = k`` terms are the ordinary HHI; the rest is ΔMHHI (O'Brien &
    Salop 2000, Antitrust Law Journal 67: 559–614). Rows are owners, columns are firms; each firm's
    financial interests add up to at most 1 and its control weights to exactly 1.

    Examples
    --------
    Two firms of 50%. Owner 1 owns firm 1 and a silent half of firm 2; owner 2 owns and runs the rest
    of firm 2. Firm 1's manager weighs firm 2's profit by ``(1 · 0.5) / (1 · 1) = 0.5``, firm 2's
    manager firm 1's by ``0``, so ``ΔMHHI = 50 · 50 · 0.5``:

    >>> m = modified_hhi([50, 50], ownership=[[1, 0.5], [0, 0.5]], control=[[1, 0], [0, 1]])
    >>> m.hhi, m.delta, m.mhhi
    (5000.0, 1250.0, 6250.0)
    """
    values = validate_shares(shares)
    n = len(values)
    beta = _matrix("Ownership (financial interests)", ownership, n)
    gamma = _matrix("Control weights", control, n)
    if len(beta) != len(gamma):
        raise ValueError(
            f"Ownership lists {len(beta)} owners but control lists {len(gamma)}; give both for the same owners."
        )
    for j in range(n):
        owned = sum(row[j] for row in beta)
        if owned > 1 + 1e-9:
            raise ValueError(f"The financial interests in firm {j + 1} add up to {owned:g}, more than the whole firm.")
        controlled = sum(row[j] for row in gamma)
        if abs(controlled - 1) > 1e-9:
            raise ValueError(
                f"The control weights over firm {j + 1} add up to {controlled:g}, not 1: someone must run the firm."
            )
    delta = 0.0
    for j in range(n):
        own = sum(g[j] * b[j] for g, b in zip(gamma, beta))
        if own <= 0:
            raise ValueError(
                f"Firm {j + 1} is controlled by owners who hold none of its profits, so the modified HHI is "
                "undefined: give its controllers some financial interest in it."
            )
        for k in range(n):
            if k != j:
                delta += values[j] * values[k] * sum(g[j] * b[k] for g, b in zip(gamma, beta)) / own
    return ModifiedHHI(hhi=sum(v * v for v in values), delta=delta)


def stake_delta_mhhi(share_acquirer: float, share_target: float, stake: float, control: float) -> float:
    """ΔMHHI of :func:`stake_modified_hhi`: ``s_A s_T [β + c / (c β + (1 − c)(1 − β))]``.

    Examples
    --------
    >>> stake_delta_mhhi(50, 50, stake=0.5, control=0.0)  # silent: β s_A s_T = 0.5 · 2,500
    1250.0
    """
    return stake_modified_hhi(share_acquirer, share_target, stake, control).delta


def stake_modified_hhi(share_acquirer: float, share_target: float, stake: float, control: float) -> ModifiedHHI:
    """ΔMHHI when firm A buys a fraction ``stake`` (β) of rival T's profits with control weight ``c`` over T.

    ``ΔMHHI = s_A s_T [β + c / (c β + (1 − c)(1 − β))]``, the other ``1 − β`` of T held by passive
    investors who have the remaining control. A *silent* financial interest (``c = 0``) gives
    ``β s_A s_T``; *total control* (``c = 1``) gives ``(β + 1/β) s_A s_T``, more than the ``2 s_A s_T`` of
    a full merger when ``β < 1`` (O'Brien & Salop 2000, §IV).

    Examples
    --------
    A (20%) buys half of T (10%) with total control: ``(0.5 + 1/0.5) · 20 · 10 = 500``, more than the
    ``2 · 20 · 10 = 400`` of a merger:

    >>> m = stake_modified_hhi(20, 10, stake=0.5, control=1.0)
    >>> m.hhi, m.delta
    (500.0, 500.0)
    """
    stake = fraction("The stake (share of the rival's profits)", stake)
    control = fraction("The control weight over the rival", control)
    shares = validate_shares([share_acquirer, share_target])
    if stake == 1 and control == 0:
        raise ValueError(
            "A 100% stake with no control would leave the rival run by owners with no stake in it: "
            "a whole firm comes with its control, so give a control weight above 0 (or a stake below 100%)."
        )
    ownership = [[1.0, stake], [0.0, 1 - stake]]
    weights = [[1.0, control], [0.0, 1 - control]]
    return modified_hhi(shares, ownership, weights)
