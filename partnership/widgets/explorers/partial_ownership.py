"""The partial-ownership explorer: a minority stake and the modified HHI of O'Brien and Salop (chapters/regulation.md).

A view over :func:`partnership.concentration.stake_modified_hhi`.
"""

from __future__ import annotations

from ...concentration import SIGNIFICANT_DELTA_HHI, delta_hhi, stake_delta_mhhi, stake_modified_hhi
from ..formatting import fmt_pct
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Reference, Series, View
from .common import STYLE_NEUTRAL, A, B

CONTROL_LEVELS = (
    ("none (a silent financial interest)", "silent"),
    ("in proportion to the stake (influence)", "proportional"),
    ("total (de facto control)", "total"),
)


def _control_weight(p: Params) -> float:
    """The control weight the dropdown stands for: 0, the stake itself, or 1 (no economics: a lookup)."""
    return {"silent": 0.0, "proportional": p["stake"], "total": 1.0}[p["control"]]


def _compute_partial_ownership(p: Params) -> View:
    s_b, s_a, stake = p["share_b"], p["share_a"], p["stake"]
    merger = delta_hhi([s_b, s_a], 0, 1)
    modified = stake_modified_hhi(s_b, s_a, stake, _control_weight(p))
    partial = modified.delta
    if p["control"] == "silent":
        who = (
            f"Only {B}'s incentives change: when it sets its own prices it now counts {fmt_pct(stake)} of "
            f"{A}'s profits as its own, while {A}'s managers still serve {A}'s other owners."
        )
    else:
        who = (
            f"Both sides' incentives change: {B} counts {fmt_pct(stake)} of {A}'s profits as its own, and "
            f"{A}'s managers, answering partly to {B}, also weigh {B}'s profits."
        )
    compare = (
        f"The rise in the modified HHI is {partial:,.0f} points against {merger:,.0f} for a full merger and 0 "
        "for the ordinary HHI, which a minority stake leaves unchanged."
    )
    if partial > merger + 1e-9:
        compare += (" Control without most of the profits can soften competition more than a full merger: the "
                    "controlled firm is run for an owner who keeps only part of what it loses.")
    return View(
        numbers=(
            KeyNumber("Change in modified HHI", f"{partial:,.0f}", partial),
            KeyNumber("Change in HHI if they merged", f"{merger:,.0f}", merger),
            KeyNumber("Modified HHI of the two", f"{modified.mhhi:,.0f}", modified.mhhi),
        ),
        reading_parts=(who, compare),
        chart=ChartData(
            kind="bar",
            x=("Ordinary HHI", "Modified HHI", "Full merger"),
            series=(Series("Change in concentration (points)", (0.0, partial, merger), STYLE_NEUTRAL),),
            x_label="",
            y_label="Change in index (points)",
            references=(Reference(f"{SIGNIFICANT_DELTA_HHI:,.0f}-point change", SIGNIFICANT_DELTA_HHI),),
            alt=(
                "Bar chart of the change in the ordinary HHI (zero), in the modified HHI and in the HHI if the two "
                f"firms merged, with a dashed line at {SIGNIFICANT_DELTA_HHI:,.0f} points; the values are listed in "
                "the key numbers."
            ),
        ),
    )


PARTIAL_OWNERSHIP = ExplorerSpec(
    id="partial_ownership",
    title="A minority stake: the modified HHI",
    description=(
        f"{B} holds a stake in the profits of {A}, a rival in a hypothetical downstream market (the rest of the "
        "market is many small firms). The ordinary HHI does not move; the modified HHI of O'Brien and Salop "
        "measures how the stake, and any control that comes with it, softens competition between the two."
    ),
    controls=(
        Control("share_b", f"{B}'s market share (%)", 20, 0, 50, 1, grid=(10, 20, 30), fmt="{:g}%",
                noun=f"{B}'s share"),
        Control("share_a", f"{A}'s market share (%)", 40, 0, 50, 1, grid=(20, 30, 40, 50), fmt="{:g}%",
                noun=f"{A}'s share"),
        Control("stake", f"{B}'s stake in {A}'s profits (share)", 0.27, 0.05, 1, 0.01,
                grid=(0.1, 0.27, 0.5, 0.75, 1.0), fmt="{:.0%}", noun=f"{B}'s stake"),
        Control("control", f"{B}'s control over {A}", "silent", options=CONTROL_LEVELS, noun=f"{B}'s control"),
    ),
    compute=_compute_partial_ownership,
    headlines=(Headline("The change in the modified HHI",
                        lambda p: stake_delta_mhhi(p["share_b"], p["share_a"], p["stake"], _control_weight(p))),),
)
