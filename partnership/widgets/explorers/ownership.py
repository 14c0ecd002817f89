"""The ownership explorer: who should own the IP, hold-up and investment incentives (chapters/ip.md).

A view over :mod:`partnership.property_rights` (Grossman–Hart–Moore, with a non-exclusive licence).
"""

from __future__ import annotations

from ...property_rights import (
    ALL_STRUCTURES,
    OWNERSHIP_STRUCTURES,
    best_ownership,
    compare_ownership,
    first_best,
    ownership_rule,
    ownership_rule_terms,
)
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Reference, Series, View
from .common import STYLE_A, STYLE_B, A, B, steps

OWNERSHIP_LABELS = {"A owns": f"{A} owns", "B owns": f"{B} owns", "joint": "Joint ownership",
                    "licence": "Non-exclusive licence"}
OWNERSHIP_CLAUSES = {"A owns": f"{A} owns the IP", "B owns": f"{B} owns the IP", "joint": "they own it jointly",
                     "licence": "both hold a non-exclusive licence"}


def _ghm_args(p: Params) -> tuple:
    return (p["theta_a"], p["theta_b"], p["lambda_owner"], p["lambda_non_owner"], p["power_a"])


def _licence_kwargs(p: Params) -> dict:
    return {"include_licence": True, "lambda_licensee": p["lambda_licensee"]}


def _best_surplus(p: Params) -> float:
    outcomes = compare_ownership(*_ghm_args(p))
    return outcomes[best_ownership(*_ghm_args(p))].total_surplus


def _compute_ownership(p: Params) -> View:
    outcomes = compare_ownership(*_ghm_args(p), **_licence_kwargs(p))
    best = best_ownership(*_ghm_args(p))
    best_with_licence = best_ownership(*_ghm_args(p), **_licence_kwargs(p))
    rule = ownership_rule(p["theta_a"], p["theta_b"], p["power_a"])
    *_, fb_surplus = first_best(p["theta_a"], p["theta_b"])
    surpluses = {s: outcomes[s].total_surplus for s in OWNERSHIP_STRUCTURES}
    top = surpluses[best]
    tied = [s for s in OWNERSHIP_STRUCTURES if abs(surpluses[s] - top) <= 1e-9 * max(1.0, abs(top))]
    if len(tied) == len(OWNERSHIP_STRUCTURES):
        ranking = "Ownership makes no difference here: the three ownership structures create the same total surplus."
    elif len(tied) > 1:
        ranking = (f"Of the three ownership structures, total surplus is equally large when "
                   f"{' and when '.join(OWNERSHIP_CLAUSES[s] for s in tied)}.")
    else:
        ranking = f"Of the three ownership structures, total surplus is largest when {OWNERSHIP_CLAUSES[best]}."
    if top >= fb_surplus - 1e-9 * max(1.0, fb_surplus):
        gap = "That reaches the first best: neither side's investment is held up."
    else:
        gap = (
            "That still falls short of the first best: expecting to be held up in bargaining, at least one "
            "side invests less than a single owner of both investments would."
        )
    side_a, side_b = ownership_rule_terms(p["theta_a"], p["theta_b"], p["power_a"])
    rule_text = (
        f"The ownership rule compares θ_A(1 − β) = {side_a:.2f} with θ_B·β = {side_b:.2f}: "
        + (f"the first is at least as large, so of the two sole owners it favours {A}."
           if rule == "A owns" else f"the first is smaller, so of the two sole owners it favours {B}.")
    )
    lic, best_surplus = outcomes["licence"].total_surplus, top
    if best_with_licence == "licence" and lic > best_surplus + 1e-9 * max(1.0, abs(best_surplus)):
        licence_text = (
            "A non-exclusive licence does better still: both sides keep the right to use the IP apart, so "
            "neither has to give up its protection from hold-up to protect the other's."
        )
    else:
        licence_text = (
            "A non-exclusive licence does no better here: what a licensee keeps apart is too small to "
            "protect either side's investment as much as ownership would."
        )
    numbers = tuple(
        KeyNumber(f"Surplus: {OWNERSHIP_LABELS[s].lower() if s in ('joint', 'licence') else OWNERSHIP_LABELS[s]}",
                  f"{outcomes[s].total_surplus:.2f}", outcomes[s].total_surplus)
        for s in ALL_STRUCTURES
    ) + (
        KeyNumber("First-best surplus", f"{fb_surplus:.2f}", fb_surplus),
        KeyNumber("Best structure", OWNERSHIP_LABELS[best], best),
        KeyNumber("Best with a licence", OWNERSHIP_LABELS[best_with_licence], best_with_licence),
    )
    return View(
        numbers=numbers,
        reading_parts=(ranking, rule_text, gap, licence_text),
        chart=ChartData(
            kind="bar",
            x=tuple(OWNERSHIP_LABELS[s] for s in ALL_STRUCTURES),
            series=(
                Series(f"{A}'s payoff", tuple(outcomes[s].payoff_a for s in ALL_STRUCTURES), STYLE_A),
                Series(f"{B}'s payoff", tuple(outcomes[s].payoff_b for s in ALL_STRUCTURES), STYLE_B),
            ),
            x_label="Who owns or licenses the IP",
            y_label="Payoff (model units)",
            stacked=True,
            references=(Reference("First-best surplus", fb_surplus),),
            alt=(
                f"Stacked bar chart of the total surplus under each ownership structure, split into {A}'s and "
                f"{B}'s payoffs, with a dashed line at the first-best surplus; the values are listed in the "
                "key numbers."
            ),
        ),
    )


OWNERSHIP = ExplorerSpec(
    id="ownership",
    title="Who should own the IP? Hold-up and investment incentives",
    description=(
        f"{A} invests in research and {B} in compute before they bargain over the value created "
        "(Grossman–Hart–Moore). Owning the IP lets a party keep more of its investment's value if the deal "
        "breaks, which protects its incentive to invest. Under a non-exclusive licence both keep the right "
        "to use it."
    ),
    controls=(
        Control("theta_a", f"How much {A}'s investment matters θ_A (productivity)", 1.5, 0, 3, 0.1,
                grid=(0.5, 1.0, 1.5, 2.0), fmt="{:.1f}", noun=f"the productivity of {A}'s investment"),
        Control("theta_b", f"How much {B}'s investment matters θ_B (productivity)", 1.0, 0, 3, 0.1,
                grid=(0.5, 1.0, 1.5), fmt="{:.1f}", noun=f"the productivity of {B}'s investment"),
        Control("lambda_owner", "Value an owner keeps apart λ_owner (share)", 0.5, 0, 1, 0.05,
                grid=(0.25, 0.5, 0.75, 1.0), fmt="{:.0%}", noun="what an owner keeps apart"),
        Control("lambda_non_owner", "Value a non-owner keeps apart λ_non-owner (share)", 0.0, 0, 1, 0.05,
                grid=steps(0, 0.75, 0.25), fmt="{:.0%}", noun="what a non-owner keeps apart"),
        Control("lambda_licensee", "Value a licensee keeps apart λ_licensee (share)", 0.5, 0, 1, 0.05,
                grid=(0.0, 0.25, 0.5), fmt="{:.0%}", noun="what a licensee keeps apart"),
        Control("power_a", f"{A}'s bargaining power β (0 to 1)", 0.5, 0, 1, 0.05, grid=(0.25, 0.5, 0.75),
                fmt="{:.2f}", noun=f"{A}'s bargaining power"),
    ),
    compute=_compute_ownership,
    headlines=(Headline("The largest total surplus", _best_surplus),),
)
