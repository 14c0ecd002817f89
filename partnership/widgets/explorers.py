"""The course's explorers: one :class:`~partnership.widgets.spec.ExplorerSpec` per model.

Each ``_compute_*`` function calls the models in :mod:`partnership` and only formats what they
return (labels, units, a sentence, chart data). Party A is OpenAI and party B is Microsoft, as in
the chapters; all parameter values are hypothetical teaching values, not estimates.

Static grids (``Control.grid``) are chosen so each explorer's precomputed data stays well under
~150 KB: fewer grid points per control when an explorer has many controls.
"""

from __future__ import annotations

from ..bargaining import bargain_with_outside_options, rubinstein_shares
from ..concentration import (
    HIGHLY_CONCENTRATED_HHI,
    SIGNIFICANT_DELTA_HHI,
    delta_hhi,
    market_label,
    merger_screen,
    stake_delta_mhhi,
    stake_modified_hhi,
)
from ..cooperation import (
    cooperation_sustainable,
    critical_discount_factor,
    value_of_cooperating,
    value_of_defecting,
)
from ..game import (
    MICROSOFT,
    MICROSOFT_MOVES,
    RESPONSE_NODES,
    GameParameters,
    bargains,
    solve_renegotiation_game,
    status_quo_payoffs,
)
from ..property_rights import (
    ALL_STRUCTURES,
    OWNERSHIP_STRUCTURES,
    best_ownership,
    compare_ownership,
    first_best,
    ownership_rule,
    ownership_rule_terms,
)
from ..revenue import DealTerms, deal_value, growing_revenue, peak_funding_need, waterfall
from ..scenarios import expected_payoffs, partnership_scenarios
from .spec import (
    ChartData,
    Control,
    ExplorerSpec,
    Headline,
    KeyNumber,
    Params,
    Reference,
    Series,
    View,
    fmt_money,
    fmt_pct,
)

A, B = "OpenAI", "Microsoft"
STYLE_A, STYLE_B, STYLE_NEUTRAL, STYLE_FOURTH = 0, 1, 2, 3  # indices into partnership.plotting.SERIES


def steps(start: float, stop: float, step: float) -> tuple[float, ...]:
    """``start, start + step, …, stop`` without floating-point drift (grid values, not economics)."""
    n = int(round((stop - start) / step))
    return tuple(round(start + i * step, 10) for i in range(n + 1))


def _yes_no(flag: bool, yes: str = "yes", no: str = "no") -> str:
    return yes if flag else no


# --- bargaining: threat points and outside options --------------------------------------------------


def _bargain(p: Params):
    return bargain_with_outside_options(
        p["surplus"], p["threat_a"], p["threat_b"], p["outside_a"], p["outside_b"], p["power_a"]
    )


BINDING_TEXT = {
    "neither": "neither",
    "A's outside option": f"{A}'s",
    "B's outside option": f"{B}'s",
    "no deal": "no deal",
}


def _compute_bargaining(p: Params) -> View:
    out = _bargain(p)
    nash_a, nash_b = fmt_money(out.nash_payoff_a), fmt_money(out.nash_payoff_b)
    parts: tuple[str, ...]
    if out.binding == "neither":
        parts = (
            "They strike a deal at the Nash split over the threat points: each side gets its threat point plus "
            "its bargaining-power share of the gains from trade.",
            f"Neither outside option beats what its holder gets in the bargain ({A} {nash_a}, {B} {nash_b}), "
            "so walking away is no threat and the outside options change nothing.",
        )
    elif out.binding == "no deal":
        parts = (
            "No deal: what the two sides can get apart adds up to more than the joint surplus, so each does "
            "better walking away (or staying in disagreement).",
        )
    else:
        holder, other = (A, B) if out.binding == "A's outside option" else (B, A)
        nash = nash_a if holder == A else nash_b
        parts = (
            f"{holder}'s outside option beats the {nash} it would get from the Nash split over the threat "
            f"points, so to keep {holder} the deal must pay it exactly its outside option; {other} gets the rest.",
            f"From here every extra dollar of {holder}'s outside option moves one dollar its way.",
        )
    gains = p["surplus"] - p["threat_a"] - p["threat_b"]
    return View(
        numbers=(
            KeyNumber(f"{A}'s payoff", fmt_money(out.payoff_a), out.payoff_a),
            KeyNumber(f"{B}'s payoff", fmt_money(out.payoff_b), out.payoff_b),
            KeyNumber("Gains over the threat points", fmt_money(gains), gains),
            KeyNumber(f"{A}'s share of the total", fmt_pct(out.share_a, 1), out.share_a),
            KeyNumber("Binding outside option", BINDING_TEXT[out.binding], out.binding),
            KeyNumber("Deal", _yes_no(out.deal, "yes", "no: both walk away"), out.deal),
        ),
        reading_parts=parts,
        chart=ChartData(
            kind="bar",
            x=(A, B),
            series=(
                Series("Threat point (while disagreeing)", (p["threat_a"], p["threat_b"]), STYLE_NEUTRAL),
                Series("Outside option (walking away)", (p["outside_a"], p["outside_b"]), STYLE_FOURTH),
                Series("Payoff", (out.payoff_a, out.payoff_b), STYLE_A),
            ),
            x_label="",
            y_label="Value ($bn)",
            alt=(
                f"Grouped bar chart of {A}'s and {B}'s threat points, outside options and payoffs; an outside "
                "option matters only where its bar is higher than the payoff from the Nash split. The values "
                "are listed in the key numbers."
            ),
        ),
    )


BARGAINING = ExplorerSpec(
    id="bargaining",
    title="Nash bargaining: threat points and outside options",
    description=(
        f"{A} (A) and {B} (B) split a joint surplus. The threat points are what each gets while they "
        "disagree: the gains above them are split by bargaining power. The outside options are what each "
        "gets by walking away for good: one matters only if it beats what its holder gets in the bargain."
    ),
    controls=(
        Control("surplus", "Joint surplus ($bn)", 100, 0, 200, 5, grid=(60, 100, 140), fmt="${:g}bn",
                noun="the joint surplus"),
        Control("threat_a", f"{A}'s threat point ($bn, payoff while they disagree)", 20, 0, 150, 5,
                grid=(0, 20, 40), fmt="${:g}bn"),
        Control("threat_b", f"{B}'s threat point ($bn, payoff while they disagree)", 30, 0, 150, 5,
                grid=(0, 30, 60), fmt="${:g}bn"),
        Control("outside_a", f"{A}'s outside option ($bn, payoff from walking away)", 20, 0, 150, 5,
                grid=(0, 20, 40, 50, 60), fmt="${:g}bn"),
        Control("outside_b", f"{B}'s outside option ($bn, payoff from walking away)", 0, 0, 150, 5,
                grid=(0, 30, 60), fmt="${:g}bn"),
        Control("power_a", f"{A}'s bargaining power β (0 to 1)", 0.5, 0, 1, 0.05, grid=(0.25, 0.5, 0.75),
                fmt="{:.2f}", noun=f"{A}'s bargaining power"),
    ),
    compute=_compute_bargaining,
    headlines=(Headline(f"{A}'s share of the total", lambda p: _bargain(p).share_a),),
)


# --- bargaining: Rubinstein alternating offers ---------------------------------------------------------


def _compute_rubinstein(p: Params) -> View:
    share_a, share_b = rubinstein_shares(p["delta_a"], p["delta_b"])
    if abs(share_a - 0.5) < 1e-12:
        reading = f"{A}, which makes the first offer, gets exactly half of the pie."
    else:
        reading = f"{A}, which makes the first offer, gets {'more' if share_a > 0.5 else 'less'} than half of the pie."
    return View(
        numbers=(
            KeyNumber(f"{A}'s share", fmt_pct(share_a, 1), share_a),
            KeyNumber(f"{B}'s share", fmt_pct(share_b, 1), share_b),
        ),
        reading=reading,
        chart=ChartData(
            kind="bar",
            x=(A, B),
            series=(Series("Share of the pie", (share_a, share_b), STYLE_NEUTRAL),),
            x_label="",
            y_label="Share of the pie",
            alt=f"Bar chart of {A}'s and {B}'s shares of the pie; the values are listed in the key numbers.",
        ),
    )


RUBINSTEIN = ExplorerSpec(
    id="rubinstein",
    title="Alternating offers: patience is bargaining power",
    description=(
        f"{A} and {B} take turns proposing how to split a pie; every round of delay shrinks its value to "
        "each side by its discount factor. The subgame-perfect split is agreed at once."
    ),
    controls=(
        Control("delta_a", f"{A}'s discount factor δ_A (per round)", 0.9, 0, 0.99, 0.01, grid=steps(0, 0.95, 0.05),
                fmt="{:.2f}", noun=f"{A}'s patience"),
        Control("delta_b", f"{B}'s discount factor δ_B (per round)", 0.9, 0, 0.99, 0.01, grid=steps(0, 0.95, 0.05),
                fmt="{:.2f}", noun=f"{B}'s patience"),
    ),
    compute=_compute_rubinstein,
    headlines=(Headline(f"{A}'s share", lambda p: rubinstein_shares(p["delta_a"], p["delta_b"])[0]),),
)


# --- ownership: property rights and hold-up -----------------------------------------------------------

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


# --- waterfall: revenue and profit shares, cap, NPV ----------------------------------------------------

INVESTMENT = 10.0  # $bn, paid by Microsoft in year 0 (hypothetical)
YEARS = 10
GROWTH = 0.35  # the central case: revenue grows 35% a year (hypothetical)


def venture_cash_flows(growth: float = GROWTH) -> tuple[list[float], list[float]]:
    """The hypothetical venture (also the revenue chapter's): revenue $2bn in year 1 growing at
    ``growth``; costs $3bn a year plus 40% of revenue, so it makes losses for its first years."""
    revenue = growing_revenue(2.0, growth, YEARS)
    return revenue, [3.0 + 0.4 * r for r in revenue]


REVENUE, COSTS = venture_cash_flows()


def _terms(p: Params) -> DealTerms:
    return DealTerms(
        investment=INVESTMENT,
        revenue_share=p["revenue_share"],
        profit_share_until_recouped=p["profit_before"],
        profit_share_after_recouped=p["profit_after"],
        return_cap_multiple=p["cap_multiple"],
    )


def _year(value: int | None, never: str) -> str:
    return never if value is None else f"year {value}"


def _compute_waterfall(p: Params) -> View:
    terms = _terms(p)
    revenue, costs = venture_cash_flows(p["growth"])
    flows = waterfall(revenue, costs, terms)
    value = deal_value(revenue, costs, terms, p["discount_rate"])
    need = peak_funding_need(flows.venture_cash_flow[1:])
    loss_years, paid_in_losses = len(flows.loss_years), flows.paid_in_loss_years
    if value.investor_payback_year is None:
        payback = f"{B} does not get its ${INVESTMENT:g}bn back within the {YEARS} years."
    else:
        payback = f"{B} gets its ${INVESTMENT:g}bn back in year {value.investor_payback_year}."
    if value.cap_reached_year is None:
        cap = "The cap on its return never binds."
    else:
        cap = f"The cap on its return binds in year {value.cap_reached_year}, after which {A} keeps all the profit."
    if loss_years == 0:
        losses = "The venture makes a profit every year, so a profit share never has to wait."
    elif paid_in_losses > 0:
        losses = (
            f"In its {loss_years} loss-making years {A} still pays {fmt_money(paid_in_losses)} of revenue share, "
            f"so it needs {fmt_money(need)} in hand to get through them: a revenue share does not wait for profit."
        )
    else:
        losses = (
            f"In its {loss_years} loss-making years {A} pays nothing (a profit share waits for profit), "
            f"so it needs {fmt_money(need)} in hand to get through them."
        )
    return View(
        numbers=(
            KeyNumber(f"{B}'s NPV", fmt_money(value.investor_npv), value.investor_npv),
            KeyNumber(f"{A}'s NPV", fmt_money(value.venture_npv), value.venture_npv),
            KeyNumber("Project NPV", fmt_money(value.project_npv), value.project_npv),
            KeyNumber(f"{B}'s payback", _year(value.investor_payback_year, "not within 10 years"),
                      value.investor_payback_year),
            KeyNumber("Cap binds", _year(value.cap_reached_year, "never"), value.cap_reached_year),
            KeyNumber(f"{A}'s peak funding need", fmt_money(need), need),
        ),
        reading_parts=(losses, payback, cap),
        chart=ChartData(
            kind="line",
            x=tuple(flows.years),
            series=(
                Series(f"{A}'s cash flow", tuple(flows.venture_cash_flow), STYLE_A),
                Series(f"{B}'s cash flow", tuple(flows.investor_cash_flow), STYLE_B),
            ),
            x_label="Year",
            y_label="Cash flow ($bn)",
            references=(Reference("", 0.0),),
            alt=(
                f"Line chart of each side's cash flow by year: {B} pays ${INVESTMENT:g}bn in year 0 and then "
                f"receives its revenue and profit shares; {A} receives the investment and keeps the rest. "
                "The net present values are listed in the key numbers."
            ),
        ),
    )


def _investor_npv(p: Params) -> float:
    return deal_value(*venture_cash_flows(p["growth"]), _terms(p), p["discount_rate"]).investor_npv


WATERFALL = ExplorerSpec(
    id="waterfall",
    title="The deal's waterfall: who is paid what, and when?",
    description=(
        f"A hypothetical venture: {B} invests ${INVESTMENT:g}bn in year 0; revenue starts at $2bn and grows "
        "for ten years (35% a year in the central case); costs are $3bn a year plus 40% of revenue, so the "
        f"first years make losses. {B} takes a revenue share, then a share of the remaining profit (higher "
        "until it has recouped its investment), up to a cap on its total return."
    ),
    controls=(
        Control("growth", "Revenue growth (% a year)", GROWTH, 0, 0.6, 0.05, grid=(0.2, 0.35, 0.5), fmt="{:.0%}",
                noun="revenue growth"),
        Control("revenue_share", f"{B}'s revenue share (% of revenue)", 0.0, 0, 0.5, 0.01,
                grid=(0.0, 0.1, 0.2, 0.3), fmt="{:.0%}", noun=f"{B}'s revenue share"),
        Control("profit_before", f"{B}'s profit share until recouped (% of profit)", 0.75, 0, 1, 0.05,
                grid=(0.0, 0.5, 0.75), fmt="{:.0%}", noun=f"{B}'s profit share until recouped"),
        Control("profit_after", f"{B}'s profit share after recoup (% of profit)", 0.5, 0, 1, 0.05,
                grid=(0.0, 0.25, 0.5), fmt="{:.0%}", noun=f"{B}'s profit share after recoup"),
        Control("cap_multiple", f"Cap on {B}'s total return (× its investment)", 2.0, 0.5, 10, 0.5,
                grid=(0.5, 1.0, 2.0, 3.0), fmt="{:g}×", noun="the cap on its return"),
        Control("discount_rate", "Discount rate (% a year)", 0.1, 0, 0.3, 0.01, grid=(0.05, 0.1, 0.15),
                fmt="{:.0%}", noun="the discount rate"),
    ),
    compute=_compute_waterfall,
    headlines=(Headline(f"{B}'s NPV", _investor_npv),),
)


# --- concentration: HHI and the 2023 Merger Guidelines screen -------------------------------------------

PAIRS = (("Firms 1 and 2", (0, 1)), ("Firms 1 and 3", (0, 2)), ("Firms 2 and 3", (1, 2)))


def _shares(p: Params) -> list[float]:
    return [p["share_1"], p["share_2"], p["share_3"]]


def _compute_concentration(p: Params) -> View:
    i, j = p["pair"]
    screen = merger_screen(_shares(p), i, j)
    if screen.presumed_harmful:
        verdict = (
            "Under the 2023 Merger Guidelines this merger is presumed to substantially lessen competition: "
            + "; and ".join(screen.reasons) + "."
        )
    else:
        verdict = "Neither structural presumption of the 2023 Merger Guidelines is triggered."
    market = f"After the merger the market would be {market_label(screen.hhi_after)}."
    return View(
        numbers=(
            KeyNumber("HHI before", f"{screen.hhi_before:,.0f}", screen.hhi_before),
            KeyNumber("HHI after", f"{screen.hhi_after:,.0f}", screen.hhi_after),
            KeyNumber("Change in HHI", f"{screen.delta:,.0f}", screen.delta),
            KeyNumber("Merged firm's share", f"{screen.combined_share:g}%", screen.combined_share),
            KeyNumber("2023 Guidelines screen",
                      _yes_no(screen.presumed_harmful, "presumed harmful", "not presumed harmful"),
                      screen.presumed_harmful),
        ),
        reading_parts=(verdict, market),
        chart=ChartData(
            kind="bar",
            x=("Before the merger", "After the merger"),
            series=(Series("HHI", (screen.hhi_before, screen.hhi_after), STYLE_NEUTRAL),),
            x_label="",
            y_label="HHI (0 to 10,000)",
            references=(Reference(f"Highly concentrated ({HIGHLY_CONCENTRATED_HHI:,.0f})", HIGHLY_CONCENTRATED_HHI),),
            alt=(
                "Bar chart of the Herfindahl–Hirschman Index before and after the merger, with a dashed line at "
                f"{HIGHLY_CONCENTRATED_HHI:,.0f}, the 2023 Guidelines' threshold for a highly concentrated "
                "market; the values are listed in the key numbers."
            ),
        ),
    )


CONCENTRATION = ExplorerSpec(
    id="concentration",
    title="Market concentration and the 2023 merger screen",
    description=(
        "Three firms' market shares (the rest of the market is many small firms). Pick two to combine: the "
        "Herfindahl–Hirschman Index (HHI, the sum of squared shares) and the 2023 Merger Guidelines' "
        "structural presumptions do the rest."
    ),
    controls=(
        Control("share_1", "Share of firm 1 (%)", 40, 0, 100, 1, grid=steps(0, 70, 10), fmt="{:g}%",
                noun="firm 1's share"),
        Control("share_2", "Share of firm 2 (%)", 30, 0, 100, 1, grid=steps(0, 70, 10), fmt="{:g}%",
                noun="firm 2's share"),
        Control("share_3", "Share of firm 3 (%)", 20, 0, 100, 1, grid=steps(0, 70, 10), fmt="{:g}%",
                noun="firm 3's share"),
        Control("pair", "Which two firms combine", (1, 2), options=PAIRS, noun="the merging pair"),
    ),
    compute=_compute_concentration,
    headlines=(Headline("The post-merger HHI", lambda p: merger_screen(_shares(p), *p["pair"]).hhi_after),),
)


# --- partial ownership: the modified HHI (O'Brien & Salop) --------------------------------------------

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


# --- cooperation: repeated prisoner's dilemma --------------------------------------------------------

DELTA_AXIS = steps(0, 0.9, 0.05)  # where the chart plots the two values


def _compute_cooperation(p: Params) -> View:
    t, r, pun, s, delta = p["temptation"], p["reward"], p["punishment"], p["sucker"], p["delta"]
    critical = critical_discount_factor(t, r, pun, s)
    sustainable = cooperation_sustainable(delta, t, r, pun, s)
    coop, defect = value_of_cooperating(delta, r), value_of_defecting(delta, t, pun)
    if sustainable:
        reading = (
            "Cooperation can be sustained: the parties value the future enough that the rewards they would "
            "lose by defecting outweigh the one-off temptation."
        )
    else:
        reading = (
            "Cooperation breaks down: the parties weigh the future too little, so the one-off gain from "
            "defecting beats the stream of rewards from cooperating."
        )
    return View(
        numbers=(
            KeyNumber("Critical discount factor δ*", f"{critical:.2f}", critical),
            KeyNumber("Value of cooperating", f"{coop:.1f}", coop),
            KeyNumber("Value of defecting", f"{defect:.1f}", defect),
            KeyNumber("Cooperation sustainable", _yes_no(sustainable), sustainable),
        ),
        reading=reading,
        chart=ChartData(
            kind="line",
            x=DELTA_AXIS,
            series=(
                Series("Cooperate forever", tuple(value_of_cooperating(d, r) for d in DELTA_AXIS), STYLE_NEUTRAL),
                Series("Defect once, then punished", tuple(value_of_defecting(d, t, pun) for d in DELTA_AXIS),
                       STYLE_FOURTH),
            ),
            x_label="Discount factor δ",
            y_label="Present value of payoffs",
            references=(Reference("δ* (threshold)", critical, "x"), Reference("your δ", delta, "x")),
            alt=(
                "Line chart of the present value of cooperating forever and of defecting once and then being "
                "punished, against the discount factor, with vertical lines at the critical discount factor and "
                "at the chosen one; the values are listed in the key numbers."
            ),
        ),
    )


COOPERATION = ExplorerSpec(
    id="cooperation",
    title="When does the shadow of the future keep partners cooperating?",
    description=(
        "Each period both sides choose to cooperate or to defect (a prisoner's dilemma with payoffs "
        "T > R > P > S). If either defects, the other punishes forever (grim trigger)."
    ),
    controls=(
        Control("temptation", "Temptation payoff T (defect while the other cooperates)", 5, 0, 10, 0.5,
                grid=(4, 5, 6, 8), fmt="{:g}", noun="the temptation payoff T"),
        Control("reward", "Reward payoff R (both cooperate)", 3, 0, 10, 0.5, grid=(2, 3, 4), fmt="{:g}",
                noun="the reward payoff R"),
        Control("punishment", "Punishment payoff P (both defect)", 1, 0, 10, 0.5, grid=(0, 1, 2), fmt="{:g}",
                noun="the punishment payoff P"),
        Control("sucker", "Sucker payoff S (cooperate while the other defects)", 0, -5, 10, 0.5, grid=(0, 1.5),
                fmt="{:g}", noun="the sucker payoff S"),
        Control("delta", "Discount factor δ (weight on next period, 0 to 1)", 0.6, 0, 0.95, 0.05,
                grid=steps(0, 0.9, 0.1), fmt="{:.2f}", noun="the discount factor"),
    ),
    compute=_compute_cooperation,
    headlines=(
        Headline(
            "The critical discount factor",
            lambda p: critical_discount_factor(p["temptation"], p["reward"], p["punishment"], p["sucker"]),
        ),
    ),
)


# --- scenarios: expected values over the three futures -------------------------------------------------

SCENARIO_NAMES = ("renegotiate", "status quo", "separation")
SCENARIO_LABELS = {"renegotiate": "Renegotiation", "status quo": "Status quo", "separation": "Separation"}


def _tree(p: Params):
    return partnership_scenarios(
        p["p_renegotiate"],
        p["p_status_quo"],
        p["p_separation"],
        {
            "renegotiate": (p["renegotiate_a"], p["renegotiate_b"]),
            "status quo": (p["status_quo_a"], p["status_quo_b"]),
            "separation": (p["separation_a"], p["separation_b"]),
        },
    )


def _compute_scenarios(p: Params) -> View:
    tree = _tree(p)
    e_a, e_b = expected_payoffs(tree)
    likely = max(SCENARIO_NAMES, key=lambda n: tree[n].probability)
    return View(
        numbers=(
            KeyNumber(f"{A}'s expected value", fmt_money(e_a), e_a),
            KeyNumber(f"{B}'s expected value", fmt_money(e_b), e_b),
        ),
        reading=(
            "Each expected value weights the three futures by their probabilities; the most likely future here "
            f"is {SCENARIO_LABELS[likely].lower()}."
        ),
        chart=ChartData(
            kind="bar",
            x=tuple(SCENARIO_LABELS[n] for n in SCENARIO_NAMES) + ("Expected value",),
            series=(
                Series(A, tuple(tree[n].payoff_a for n in SCENARIO_NAMES) + (e_a,), STYLE_A),
                Series(B, tuple(tree[n].payoff_b for n in SCENARIO_NAMES) + (e_b,), STYLE_B),
            ),
            x_label="",
            y_label="Value to each side ($bn, NPV)",
            alt=(
                f"Grouped bar chart of {A}'s and {B}'s payoffs in each future and their expected values; the "
                "expected values are listed in the key numbers."
            ),
        ),
    )


_PROB = steps(0, 1, 0.1)

SCENARIOS = ExplorerSpec(
    id="scenarios",
    title="Three futures for the partnership: expected values",
    description=(
        "The partnership may be renegotiated, carry on under the status quo, or end in separation. Set how "
        "likely each future is (they must add up to 100%) and what each side gets in it (hypothetical NPVs, $bn)."
    ),
    controls=(
        Control("p_renegotiate", "Probability of renegotiation (%)", 0.5, 0, 1, 0.05, grid=_PROB, fmt="{:.0%}",
                noun="the probability of renegotiation"),
        Control("p_status_quo", "Probability of the status quo (%)", 0.3, 0, 1, 0.05, grid=_PROB, fmt="{:.0%}",
                noun="the probability of the status quo"),
        Control("p_separation", "Probability of separation (%)", 0.2, 0, 1, 0.05, grid=_PROB, fmt="{:.0%}",
                noun="the probability of separation"),
        Control("renegotiate_a", f"{A}'s payoff if renegotiated ($bn)", 120, -50, 300, 5, fmt="${:g}bn"),
        Control("renegotiate_b", f"{B}'s payoff if renegotiated ($bn)", 100, -50, 300, 5, fmt="${:g}bn"),
        Control("status_quo_a", f"{A}'s payoff under the status quo ($bn)", 80, -50, 300, 5, fmt="${:g}bn"),
        Control("status_quo_b", f"{B}'s payoff under the status quo ($bn)", 90, -50, 300, 5, fmt="${:g}bn"),
        Control("separation_a", f"{A}'s payoff if separated ($bn)", 60, -50, 300, 5, grid=(30, 60, 90),
                fmt="${:g}bn"),
        Control("separation_b", f"{B}'s payoff if separated ($bn)", 40, -50, 300, 5, grid=(20, 40, 60),
                fmt="${:g}bn"),
    ),
    compute=_compute_scenarios,
    headlines=(
        Headline(f"{A}'s expected value", lambda p: expected_payoffs(_tree(p))[0]),
        Headline(f"{B}'s expected value", lambda p: expected_payoffs(_tree(p))[1]),
    ),
)


# --- the renegotiation game: backward induction after the Amazon deal -------------------------------------

MOVE_TEXT = {"concede": "concede", "sue": "sue", "renegotiate": "renegotiate"}
RESPONSE_TEXT = {
    "stay": "stay and move work to Amazon", "leave": "leave for Amazon", "accept": "accept the new terms",
    "settle": "settle", "fight": "fight the case in court",
}


def _game_params(p: Params) -> GameParameters:
    return GameParameters(
        surplus=p["surplus"], status_quo_share_a=p["status_quo_share_a"], leak_gain_a=p["leak_gain_a"],
        leak_loss_b=p["leak_loss_b"], outside_a=p["outside_a"], outside_b=p["outside_b"],
        win_probability=p["win_probability"], trial_cost=p["trial_cost"], filing_cost=p["filing_cost"],
        power_a=p["power_a"],
    )


def _compute_renegotiation(p: Params) -> View:
    params = _game_params(p)
    sol = solve_renegotiation_game(params)
    sq_a, sq_b = status_quo_payoffs(params)
    deals = bargains(params)
    branch = {m: sol.values[RESPONSE_NODES[m]] for m in MICROSOFT_MOVES}
    ms_move = sol.plan[MICROSOFT]
    response = sol.plan[RESPONSE_NODES[ms_move]]
    signs = sol.path[0] == "sign with Amazon"
    after_signing = sol.values[MICROSOFT]
    if signs:
        first = (f"{A} signs with Amazon: the game that follows pays it {fmt_money(after_signing[0])}, against "
                 f"{fmt_money(sq_a)} under the status quo.")
    else:
        first = (f"{A} keeps the status quo ({fmt_money(sq_a)}): signing with Amazon would pay it only "
                 f"{fmt_money(after_signing[0])} once {B} responds.")
    others = [m for m in MICROSOFT_MOVES if m != ms_move]
    second = (
        f"{'After the deal, ' if signs else 'Had it signed, '}{B}'s best response is to {MOVE_TEXT[ms_move]} "
        f"({fmt_money(branch[ms_move][1])}; {A} would {RESPONSE_TEXT[response]}), against "
        + " and ".join(f"{fmt_money(branch[m][1])} if it chose to {MOVE_TEXT[m]} ({A} would "
                       f"{RESPONSE_TEXT[sol.plan[RESPONSE_NODES[m]]]})" for m in others) + "."
    )
    parts = [first, second]
    if deals["renegotiate"].binding == "A's outside option" and deals["settle"].binding == "A's outside option":
        parts.append(
            f"{A}'s Amazon option binds in both bargains: it is paid {fmt_money(p['outside_a'])} whether {B} "
            "sues or not, so a lawsuit, which moves only the threat points, buys nothing but its cost."
        )
    if signs and sq_b > after_signing[1]:
        parts.append(f"{B} would rather have kept the status quo ({fmt_money(sq_b)}), but once {A} has "
                     "signed, the status quo is no longer one of its choices.")
    return View(
        numbers=(
            KeyNumber(f"{A}'s payoff", fmt_money(sol.payoff_a), sol.payoff_a),
            KeyNumber(f"{B}'s payoff", fmt_money(sol.payoff_b), sol.payoff_b),
            KeyNumber(f"{A} signs with Amazon", _yes_no(signs), signs),
            KeyNumber(f"{B}'s move", MOVE_TEXT[ms_move], ms_move),
            KeyNumber(f"{A}'s response", RESPONSE_TEXT[response], response),
            KeyNumber(f"{B}'s status-quo payoff", fmt_money(sq_b), sq_b),
        ),
        reading_parts=tuple(parts),
        chart=ChartData(
            kind="bar",
            x=("Status quo", "Concede", "Sue", "Renegotiate"),
            series=(
                Series(A, (sq_a,) + tuple(branch[m][0] for m in MICROSOFT_MOVES), STYLE_A),
                Series(B, (sq_b,) + tuple(branch[m][1] for m in MICROSOFT_MOVES), STYLE_B),
            ),
            x_label=f"The status quo, and {B}'s three responses to the Amazon deal",
            y_label="Payoff ($bn, NPV)",
            alt=(
                f"Grouped bar chart of {A}'s and {B}'s payoffs under the status quo and after each of {B}'s three "
                f"responses to the Amazon deal, given {A}'s best reply; the equilibrium is listed in the key numbers."
            ),
        ),
    )


RENEGOTIATION = ExplorerSpec(
    id="renegotiation",
    title="After the Amazon deal: sue, renegotiate or concede?",
    description=(
        f"A game solved by backward induction. {A} chooses whether to sign with Amazon; if it does, {B} concedes, "
        f"sues or offers to renegotiate, and {A} responds. Renegotiation and settlement are Nash bargains over the "
        "threat points (the conceded contract, or the trial), constrained by the outside options. All values are "
        "hypothetical ($bn of NPV)."
    ),
    controls=(
        Control("outside_a", f"{A}'s outside option: leaving for Amazon ($bn)", 58, 0, 120, 1,
                grid=(40, 50, 55, 58, 65), fmt="${:g}bn", noun=f"{A}'s outside option"),
        Control("outside_b", f"{B}'s outside option: going it alone ($bn)", 30, 0, 120, 1, grid=(20, 30, 40),
                fmt="${:g}bn", noun=f"{B}'s outside option"),
        Control("win_probability", f"Chance {B} wins in court (%)", 0.4, 0, 1, 0.05, grid=(0.2, 0.4, 0.6, 0.8),
                fmt="{:.0%}", noun=f"{B}'s chance in court"),
        Control("trial_cost", "Cost of a trial to each side ($bn)", 5, 0, 20, 1, grid=(2, 5, 10), fmt="${:g}bn",
                noun="the cost of a trial"),
        Control("power_a", f"{A}'s bargaining power β (0 to 1)", 0.5, 0, 1, 0.05, grid=(0.25, 0.5, 0.75),
                fmt="{:.2f}", noun=f"{A}'s bargaining power"),
        Control("filing_cost", f"{B}'s cost of filing suit ($bn)", 1, 0, 10, 0.5, fmt="${:g}bn",
                noun="the cost of filing"),
        Control("surplus", "Value of the partnership on agreed terms ($bn)", 100, 0, 200, 5, fmt="${:g}bn",
                noun="the partnership's value"),
        Control("status_quo_share_a", f"{A}'s share under the old contract (%)", 0.45, 0, 1, 0.05, fmt="{:.0%}",
                noun=f"{A}'s share under the old contract"),
        Control("leak_gain_a", f"What {A} gains by moving work to Amazon ($bn)", 10, 0, 50, 1, fmt="${:g}bn",
                noun=f"what {A} gains by moving work"),
        Control("leak_loss_b", f"What {B} loses when {A} moves work to Amazon ($bn)", 15, 0, 50, 1, fmt="${:g}bn",
                noun=f"what {B} loses"),
    ),
    compute=_compute_renegotiation,
    headlines=(Headline(f"{B}'s payoff", lambda p: solve_renegotiation_game(_game_params(p)).payoff_b),),
)


EXPLORERS: dict[str, ExplorerSpec] = {
    spec.id: spec
    for spec in (
        BARGAINING, RUBINSTEIN, OWNERSHIP, WATERFALL, CONCENTRATION, PARTIAL_OWNERSHIP, COOPERATION, SCENARIOS,
        RENEGOTIATION,
    )
}


def get_spec(explorer_id: str) -> ExplorerSpec:
    try:
        return EXPLORERS[explorer_id]
    except KeyError:
        raise ValueError(f"No explorer {explorer_id!r}; choose one of: {', '.join(EXPLORERS)}.") from None
