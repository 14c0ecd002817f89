"""One idea, the revenue chapter's model: a deal's multi-year cash-flow waterfall and what it is worth to each side.

The waterfall (:class:`DealTerms`, :func:`waterfall`, fed by :func:`growing_revenue`), the measures it is
read with (:func:`npv`, :func:`payback_year`, :func:`peak_funding_need`; :func:`deal_value` applies them to
both sides) and the pie the terms divide (:func:`partnership_pie`) are one model.

Each year the venture earns revenue ``R_t`` and pays costs ``C_t``. The investor first takes a
revenue share (optionally only up to a last year), then a share of what profit remains: a higher
rate until its investment is recouped, a lower one after, and never more in total than a capped
multiple of what it invested. The venture keeps the rest. The investor pays ``I`` in year 0, which
the venture receives, so the two sides' cash flows always add up to the project's own: the terms
divide the pie but never change its size. :func:`partnership_pie` says where the pie comes from: the
gains from trade are what the venture's cash flows *with* the partnership add to its cash flows
*alone* and to what the investor could earn elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._validate import finite, fraction, non_negative, numbers


@dataclass(frozen=True)
class DealTerms:
    """The investor's terms. Rates are fractions in [0, 1]; ``None`` means no end date / no cap."""

    investment: float
    revenue_share: float = 0.0
    revenue_share_last_year: int | None = None
    profit_share_until_recouped: float = 0.0
    profit_share_after_recouped: float = 0.0
    return_cap_multiple: float | None = None

    def __post_init__(self) -> None:
        non_negative("The investment", self.investment)
        fraction("The revenue share", self.revenue_share)
        fraction("The profit share until the investment is recouped", self.profit_share_until_recouped)
        fraction("The profit share after the investment is recouped", self.profit_share_after_recouped)
        if self.revenue_share_last_year is not None and (
            not isinstance(self.revenue_share_last_year, int) or self.revenue_share_last_year < 0
        ):
            raise ValueError(
                f"The last year of the revenue share must be a whole number of years ≥ 0 "
                f"(got {self.revenue_share_last_year!r})."
            )
        if self.return_cap_multiple is not None:
            cap = finite("The return cap multiple", self.return_cap_multiple)
            if cap < 1:
                raise ValueError(
                    f"A return cap below 1× (got {cap:g}×) would stop the investor from even getting its "
                    "money back; use a multiple of at least 1, or no cap."
                )


@dataclass(frozen=True)
class Waterfall:
    """Cash flows by year, starting with year 0 (the investment)."""

    years: list[int]
    revenue: list[float]
    costs: list[float]
    to_investor: list[float]  # revenue share + profit share received in each year (0 in year 0)
    investor_cash_flow: list[float]  # −I in year 0, then what it receives
    venture_cash_flow: list[float]  # +I in year 0, then profit left after paying the investor
    cap_reached_year: int | None

    @property
    def loss_years(self) -> list[int]:
        """The years (1..T) in which costs exceed revenue: the venture makes a loss before any payment."""
        return [t for t in self.years[1:] if self.costs[t] > self.revenue[t]]

    @property
    def paid_in_loss_years(self) -> float:
        """What the investor receives in the loss years: zero under a pure profit share, not under a revenue share."""
        return sum(self.to_investor[t] for t in self.loss_years)


def _check_flows(revenue: Sequence[float], costs: Sequence[float], what: str = "") -> tuple[list[float], list[float]]:
    """Revenue and costs for years 1..T as lists, checked (``what`` names the case in messages)."""
    label = f" {what}" if what else ""
    revenue = numbers(f"Revenue{label}", revenue)
    costs = numbers(f"Costs{label}", costs)
    if len(revenue) != len(costs):
        raise ValueError(
            f"Revenue{label} has {len(revenue)} years but costs{label} have {len(costs)}; give one of each per year."
        )
    if not revenue:
        raise ValueError(f"Give at least one year of revenue and costs{label}.")
    for t, r in enumerate(revenue, start=1):
        if r < 0:
            raise ValueError(f"Revenue{label} in year {t} cannot be negative (got {r:g}).")
    return revenue, costs


def waterfall(revenue: Sequence[float], costs: Sequence[float], terms: DealTerms) -> Waterfall:
    """Split each year's revenue and profit between investor and venture (years 1..T).

    Examples
    --------
    An investor puts in 30 for half the profit until it has its money back, a quarter after. Profit is
    50 a year: it gets 25 in year 1; in year 2 the first 10 of profit repay the last 5 it is owed, and a
    quarter of the other 40 adds 10:

    >>> terms = DealTerms(investment=30.0, profit_share_until_recouped=0.5, profit_share_after_recouped=0.25)
    >>> flows = waterfall([100, 100], [50, 50], terms)
    >>> flows.investor_cash_flow
    [-30.0, 25.0, 15.0]
    >>> flows.venture_cash_flow  # receives the 30 in year 0; the two always add up to the project's 0, 50, 50
    [30.0, 25.0, 35.0]
    """
    revenue, costs = _check_flows(revenue, costs)

    cap = None if terms.return_cap_multiple is None else terms.return_cap_multiple * terms.investment
    received = 0.0
    cap_year: int | None = None
    to_investor = [0.0]
    for t, (r, c) in enumerate(zip(revenue, costs), start=1):
        in_window = terms.revenue_share_last_year is None or t <= terms.revenue_share_last_year
        rev_share = terms.revenue_share * r if in_window else 0.0
        profit = max(r - c - rev_share, 0.0)  # losses stay with the venture: no profit share on them
        profit_share = _profit_share(profit, received + rev_share, terms)
        pay = rev_share + profit_share
        if cap is not None and received + pay > cap:
            pay = max(cap - received, 0.0)
            if cap_year is None:
                cap_year = t
        received += pay
        to_investor.append(pay)

    years = list(range(len(revenue) + 1))
    investor = [-terms.investment] + to_investor[1:]
    venture = [terms.investment] + [r - c - p for r, c, p in zip(revenue, costs, to_investor[1:])]
    return Waterfall(
        years=years,
        revenue=[0.0] + revenue,
        costs=[0.0] + costs,
        to_investor=to_investor,
        investor_cash_flow=investor,
        venture_cash_flow=venture,
        cap_reached_year=cap_year,
    )


def _profit_share(profit: float, received_so_far: float, terms: DealTerms) -> float:
    """Profit share for one year, switching rate part-way through the year the investment is recouped.

    "Recouped" counts everything the investor has received, revenue share included.
    """
    before, after = terms.profit_share_until_recouped, terms.profit_share_after_recouped
    still_owed = max(terms.investment - received_so_far, 0.0)
    if still_owed == 0:
        return after * profit
    if before == 0:
        return 0.0  # profit cannot recoup the investment, so the later rate never starts
    profit_to_recoup = still_owed / before
    if profit <= profit_to_recoup:
        return before * profit
    return still_owed + after * (profit - profit_to_recoup)


def npv(cash_flows: Sequence[float], rate: float) -> float:
    """Net present value ``Σ CF_t / (1 + r)^t`` with the first cash flow in year 0.

    Examples
    --------
    >>> npv([-100, 150, 225], 0.5)  # −100 + 150/1.5 + 225/1.5²
    100.0
    """
    flows = numbers("Cash flows", cash_flows)
    rate = finite("The discount rate", rate)
    if rate <= -1:
        raise ValueError(f"The discount rate must be above −100% (got {rate:g}).")
    return sum(cf / (1 + rate) ** t for t, cf in enumerate(flows))


def payback_year(cash_flows: Sequence[float]) -> int | None:
    """First year in which cumulative cash flow reaches zero after an outlay, or None if never.

    Examples
    --------
    >>> payback_year([-100, 60, 60])  # −100, −40, +20
    2
    >>> payback_year([-100, 60]) is None
    True
    """
    flows = numbers("Cash flows", cash_flows)
    total = 0.0
    for t, cf in enumerate(flows):
        total += cf
        if t > 0 and total >= 0:
            return t
    return None


def peak_funding_need(cash_flows: Sequence[float]) -> float:
    """The deepest the cumulative cash flow falls below zero: ``max(0, −min_t Σ_{s≤t} CF_s)``.

    Applied to a venture's cash flows after it pays the investor (years 1..T), it is how much money the
    venture must have in hand to survive its loss years: the low point of its cumulative cash flow,
    as in any cash budget.

    Examples
    --------
    >>> peak_funding_need([-50, -30, 100])  # the cumulative cash flow: −50, −80, +20
    80.0
    """
    flows = numbers("Cash flows", cash_flows)
    total, lowest = 0.0, 0.0
    for cf in flows:
        total += cf
        lowest = min(lowest, total)
    return -lowest


@dataclass(frozen=True)
class DealValue:
    """Each side's NPV and the investor's payback year, for one set of terms."""

    investor_npv: float
    venture_npv: float
    project_npv: float
    investor_payback_year: int | None
    cap_reached_year: int | None


def deal_value(revenue: Sequence[float], costs: Sequence[float], terms: DealTerms, discount_rate: float) -> DealValue:
    """Run the waterfall and value both sides at ``discount_rate``.

    Examples
    --------
    The deal of :func:`waterfall`, undiscounted: the investor's −30 + 25 + 15 and the venture's
    30 + 25 + 35 add up to the project's 50 + 50:

    >>> terms = DealTerms(investment=30.0, profit_share_until_recouped=0.5, profit_share_after_recouped=0.25)
    >>> v = deal_value([100, 100], [50, 50], terms, discount_rate=0.0)
    >>> v.investor_npv, v.venture_npv, v.project_npv, v.investor_payback_year
    (10.0, 90.0, 100.0, 2)
    """
    flows = waterfall(revenue, costs, terms)
    investor = npv(flows.investor_cash_flow, discount_rate)
    venture = npv(flows.venture_cash_flow, discount_rate)
    project = npv([0.0] + [r - c for r, c in zip(flows.revenue[1:], flows.costs[1:])], discount_rate)
    return DealValue(
        investor_npv=investor,
        venture_npv=venture,
        project_npv=project,
        investor_payback_year=payback_year(flows.investor_cash_flow),
        cap_reached_year=flows.cap_reached_year,
    )


def growing_revenue(first_year: float, growth: float, years: int) -> list[float]:
    """Revenue that starts at ``first_year`` and grows at ``growth`` a year, for ``years`` years.

    Examples
    --------
    >>> growing_revenue(100, 0.5, 3)
    [100.0, 150.0, 225.0]
    """
    first_year = non_negative("First-year revenue", first_year)
    growth = finite("The growth rate", growth)
    if growth <= -1:
        raise ValueError(f"The growth rate must be above −100% (got {growth:g}).")
    if not isinstance(years, int) or years < 1:
        raise ValueError(f"The number of years must be a whole number ≥ 1 (got {years!r}).")
    return [first_year * (1 + growth) ** t for t in range(years)]


@dataclass(frozen=True)
class PartnershipPie:
    """What the bargain splits, derived from cash flows (all NPVs at the same discount rate).

    ``project_npv`` is the NPV of the venture's cash flows with the partnership (what the investor's
    and the venture's NPVs add up to under any terms); ``venture_alone_npv`` and ``investor_alone_npv``
    are what each side gets if they do not deal: their disagreement payoffs.
    """

    project_npv: float
    venture_alone_npv: float
    investor_alone_npv: float

    @property
    def gains_from_trade(self) -> float:
        """``G = NPV(with) − NPV(venture alone) − NPV(investor alone)``: what the partnership creates."""
        return self.project_npv - self.venture_alone_npv - self.investor_alone_npv


def partnership_pie(
    revenue_with: Sequence[float],
    costs_with: Sequence[float],
    revenue_alone: Sequence[float],
    costs_alone: Sequence[float],
    rate: float,
    investor_alone_npv: float = 0.0,
) -> PartnershipPie:
    """The gains from trade of an investment, from the venture's cash flows with and without it.

    ``G = Σ (R_t − C_t)/(1+r)^t − Σ (R^alone_t − C^alone_t)/(1+r)^t − V_I``, where the costs *with* the
    partnership include what the investment pays for (in :func:`waterfall` the investment itself is
    a transfer between the two sides and cancels out) and ``V_I`` is the NPV the investor could earn
    with its money elsewhere (0 if it would only earn its cost of capital). The Nash bargain over this
    pie, with the two "alone" values as disagreement points, is ``nash_split(pie.project_npv,
    pie.investor_alone_npv, pie.venture_alone_npv, β)`` (Nash 1950; see :mod:`partnership.bargaining`);
    if ``G < 0`` the partnership destroys value and there is no deal.

    Examples
    --------
    Undiscounted: 60 a year for two years with the partnership, 20 a year alone, so ``G = 120 − 40``:

    >>> pie = partnership_pie([100, 100], [40, 40], [50, 50], [30, 30], rate=0.0)
    >>> pie.project_npv, pie.venture_alone_npv, pie.gains_from_trade
    (120.0, 40.0, 80.0)
    """
    revenue_with, costs_with = _check_flows(revenue_with, costs_with, "with the partnership")
    revenue_alone, costs_alone = _check_flows(revenue_alone, costs_alone, "without the partnership")
    rate = finite("The discount rate", rate)
    investor_alone_npv = finite("The investor's NPV elsewhere", investor_alone_npv)
    with_npv = npv([0.0] + [r - c for r, c in zip(revenue_with, costs_with)], rate)
    alone_npv = npv([0.0] + [r - c for r, c in zip(revenue_alone, costs_alone)], rate)
    return PartnershipPie(project_npv=with_npv, venture_alone_npv=alone_npv, investor_alone_npv=investor_alone_npv)
