"""The waterfall explorer: who is paid what, and when, under revenue and profit shares and a cap (chapters/revenue.md).

A view over :mod:`partnership.revenue` for a hypothetical venture, :func:`venture_cash_flows` (the one the
revenue chapter describes).
"""

from __future__ import annotations

from ...revenue import DealTerms, deal_value, growing_revenue, peak_funding_need, waterfall
from ..formatting import fmt_money
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Reference, Series, View
from .common import STYLE_A, STYLE_B, A, B

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
