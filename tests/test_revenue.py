import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.revenue import DealTerms, deal_value, growing_revenue, npv, payback_year, waterfall

rate = st.floats(min_value=0, max_value=1)
amount = st.floats(min_value=0, max_value=1e4)
years = st.integers(min_value=1, max_value=12)


@st.composite
def deals(draw):
    n = draw(years)
    revenue = draw(st.lists(amount, min_size=n, max_size=n))
    costs = draw(st.lists(st.floats(min_value=-1e3, max_value=1e4), min_size=n, max_size=n))
    terms = DealTerms(
        investment=draw(amount),
        revenue_share=draw(rate),
        revenue_share_last_year=draw(st.none() | st.integers(0, 12)),
        profit_share_until_recouped=draw(rate),
        profit_share_after_recouped=draw(rate),
        return_cap_multiple=draw(st.none() | st.floats(min_value=1, max_value=100)),
    )
    return revenue, costs, terms


def test_hand_computed_waterfall():
    # I = 10; 75% of profit until recouped, then 49%; 3 years of 10 revenue and 2 cost.
    terms = DealTerms(investment=10, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49)
    flows = waterfall([10, 10, 10], [2, 2, 2], terms)
    # Year 1: 0.75·8 = 6. Year 2: 4 still owed needs 4/0.75 = 5.33 of profit; the other 2.67 at 49%.
    assert flows.to_investor[1] == pytest.approx(6)
    assert flows.to_investor[2] == pytest.approx(4 + 0.49 * (8 - 4 / 0.75))
    assert flows.to_investor[3] == pytest.approx(0.49 * 8)
    assert payback_year(flows.investor_cash_flow) == 2


def test_revenue_share_ends_after_its_last_year():
    terms = DealTerms(investment=0, revenue_share=0.2, revenue_share_last_year=2)
    flows = waterfall([100, 100, 100], [0, 0, 0], terms)
    assert flows.to_investor == [0, 20, 20, 0]


def test_cap_limits_total_receipts():
    terms = DealTerms(investment=10, revenue_share=0.5, return_cap_multiple=2)
    flows = waterfall([30, 30, 30], [0, 0, 0], terms)
    assert sum(flows.to_investor) == pytest.approx(20)
    assert flows.cap_reached_year == 2


def test_npv_textbook_value():
    # −100 then 60 and 60 at 10%: −100 + 54.545… + 49.586… = 4.132…
    assert npv([-100, 60, 60], 0.10) == pytest.approx(4.1322314, rel=1e-7)


@given(deals(), st.floats(min_value=0, max_value=0.5))
def test_the_two_sides_add_up_to_the_project(deal, r):
    revenue, costs, terms = deal
    value = deal_value(revenue, costs, terms, r)
    assert value.investor_npv + value.venture_npv == pytest.approx(value.project_npv, rel=1e-9, abs=1e-6)


@given(deals())
def test_investor_never_receives_more_than_the_cap_or_less_than_nothing(deal):
    revenue, costs, terms = deal
    flows = waterfall(revenue, costs, terms)
    assert all(p >= 0 for p in flows.to_investor)
    if terms.return_cap_multiple is not None:
        assert sum(flows.to_investor) <= terms.return_cap_multiple * terms.investment * (1 + 1e-9) + 1e-9


@given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=10), st.floats(-1e3, 1e3), st.floats(0, 0.5))
def test_npv_is_linear_in_cash_flows(flows, k, r):
    scaled = [k * f for f in flows]
    assert npv(scaled, r) == pytest.approx(k * npv(flows, r), rel=1e-9, abs=1e-6)


@given(deals(), rate, rate, st.floats(0, 0.3))
def test_investor_npv_rises_with_revenue_share(deal, s1, s2, r):
    revenue, costs, terms = deal
    lo, hi = sorted((s1, s2))
    common = dict(investment=terms.investment, revenue_share_last_year=terms.revenue_share_last_year)
    # Without profit shares or a cap, a bigger revenue share can only pay the investor more.
    v_lo = deal_value(revenue, costs, DealTerms(revenue_share=lo, **common), r).investor_npv
    v_hi = deal_value(revenue, costs, DealTerms(revenue_share=hi, **common), r).investor_npv
    assert v_lo <= v_hi + 1e-6


def test_growing_revenue():
    assert growing_revenue(10, 0.5, 3) == [10, 15, 22.5]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(investment=-1), "cannot be negative"),
        (dict(investment=1, revenue_share=1.2), "revenue share must lie in"),
        (dict(investment=1, return_cap_multiple=0.5), "at least 1"),
        (dict(investment=1, revenue_share_last_year=-2), "whole number"),
        (dict(investment=1, profit_share_until_recouped=float("inf")), "finite"),
    ],
)
def test_invalid_terms(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DealTerms(**kwargs)


def test_invalid_cash_flow_inputs():
    terms = DealTerms(investment=1)
    with pytest.raises(ValueError, match="one of each per year"):
        waterfall([1, 2], [1], terms)
    with pytest.raises(ValueError, match="cannot be negative"):
        waterfall([-1], [0], terms)
    with pytest.raises(ValueError, match="above −100%"):
        npv([1, 2], -1)
    with pytest.raises(ValueError, match="at least one year"):
        waterfall([], [], terms)


def test_payback_never():
    assert payback_year([-10, 1, 1]) is None
    assert math.isclose(npv([5], 0.3), 5)


# --- instruments with early losses, funding need, and the pie -------------------------------------------

from partnership.bargaining import nash_split  # noqa: E402
from partnership.revenue import partnership_pie, peak_funding_need  # noqa: E402


def test_profit_share_pays_nothing_in_loss_years_but_a_revenue_share_does():
    revenue, costs = [2.0, 4.0, 8.0], [3.0, 3.0, 3.0]  # a loss in year 1, then profits 1 and 5
    profit = waterfall(revenue, costs, DealTerms(5.0, profit_share_until_recouped=0.5, profit_share_after_recouped=0.5))
    rev = waterfall(revenue, costs, DealTerms(5.0, revenue_share=0.1))
    assert profit.to_investor == [0.0, 0.0, 0.5, 2.5]
    assert rev.to_investor == pytest.approx([0.0, 0.2, 0.4, 0.8])
    # The venture's operating cash after paying the investor: −1, 0.5, 2.5 versus −1.2, 0.6, 4.2.
    assert peak_funding_need(profit.venture_cash_flow[1:]) == pytest.approx(1.0)
    assert peak_funding_need(rev.venture_cash_flow[1:]) == pytest.approx(1.2)


def test_with_costs_proportional_to_revenue_a_profit_share_is_a_revenue_share():
    # The review's point: costs at 70% of revenue make 75% of profit exactly 22.5% of revenue.
    revenue = growing_revenue(2.0, 0.5, 6)
    costs = [0.7 * r for r in revenue]
    a = waterfall(revenue, costs, DealTerms(10.0, profit_share_until_recouped=0.75, profit_share_after_recouped=0.75))
    b = waterfall(revenue, costs, DealTerms(10.0, revenue_share=0.225))
    assert a.to_investor == pytest.approx(b.to_investor)


def test_peak_funding_need_by_hand():
    assert peak_funding_need([-2.0, -1.0, 4.0, -5.0]) == pytest.approx(4.0)
    assert peak_funding_need([1.0, 2.0]) == 0.0


@given(st.lists(st.floats(min_value=-1e4, max_value=1e4), min_size=1, max_size=12))
def test_peak_funding_need_covers_every_cumulative_deficit(flows):
    need = peak_funding_need(flows)
    assert need >= 0
    total = 0.0
    for cf in flows:
        total += cf
        assert need + total >= -1e-6 * (1 + abs(total))


def test_pie_by_hand():
    # With the partnership: +10 in year 1 and +11 in year 2 at 10% (NPV 9.0909 + 9.0909 = 18.18);
    # alone: +5.5 in year 1 (NPV 5); the investor could earn NPV 1 elsewhere: G = 12.18.
    pie = partnership_pie([12.0, 13.0], [2.0, 2.0], [6.5], [1.0], 0.10, investor_alone_npv=1.0)
    assert pie.project_npv == pytest.approx(10 / 1.1 + 11 / 1.21)
    assert pie.venture_alone_npv == pytest.approx(5.0)
    assert pie.gains_from_trade == pytest.approx(10 / 1.1 + 11 / 1.21 - 6.0)


@given(deals(), rate, st.floats(min_value=-100, max_value=100))
def test_the_pie_is_what_the_waterfall_divides(deal, r, investor_elsewhere):
    revenue, costs, terms = deal
    pie = partnership_pie(revenue, costs, revenue, costs, r, investor_elsewhere)
    value = deal_value(revenue, costs, terms, r)
    # The pie is the project NPV the two sides' NPVs add up to, whatever the terms ...
    assert pie.project_npv == pytest.approx(value.investor_npv + value.venture_npv, rel=1e-9, abs=1e-6)
    # ... and a partnership that changes nothing about the venture creates no gains beyond the investor's alternative.
    assert pie.gains_from_trade == pytest.approx(-investor_elsewhere, abs=1e-6)


@given(deals(), deals(), rate, st.floats(min_value=0, max_value=1))
def test_the_nash_split_of_the_pie_gives_each_side_its_alone_value_plus_a_share(with_deal, alone_deal, r, beta):
    (rev_w, cost_w, _), (rev_a, cost_a, _) = with_deal, alone_deal
    pie = partnership_pie(rev_w, cost_w, rev_a, cost_a, r)
    out = nash_split(pie.project_npv, pie.investor_alone_npv, pie.venture_alone_npv, beta)
    if pie.gains_from_trade >= 0:
        assert out.deal
        assert out.payoff_a == pytest.approx(beta * pie.gains_from_trade, abs=1e-6 * (1 + abs(pie.project_npv)))
    else:
        assert not out.deal


def test_pie_invalid_input():
    with pytest.raises(ValueError, match="Revenue without the partnership has 2 years but costs without the partnership have 1"):
        partnership_pie([1.0], [1.0], [1.0, 2.0], [1.0], 0.1)
    with pytest.raises(ValueError, match="investor's NPV elsewhere must be a finite number"):
        partnership_pie([1.0], [1.0], [1.0], [1.0], 0.1, float("inf"))


def test_loss_years_and_what_the_investor_is_paid_in_them():
    revenue, costs = [2.0, 4.0, 8.0], [3.0, 3.0, 3.0]
    profit = waterfall(revenue, costs, DealTerms(5.0, profit_share_until_recouped=0.5))
    rev = waterfall(revenue, costs, DealTerms(5.0, revenue_share=0.1))
    assert profit.loss_years == rev.loss_years == [1]
    assert profit.paid_in_loss_years == 0.0 and rev.paid_in_loss_years == pytest.approx(0.2)


@given(deals())
def test_a_pure_profit_share_is_never_paid_in_a_loss_year(deal):
    revenue, costs, terms = deal
    pure = DealTerms(terms.investment, profit_share_until_recouped=terms.profit_share_until_recouped,
                     profit_share_after_recouped=terms.profit_share_after_recouped,
                     return_cap_multiple=terms.return_cap_multiple)
    assert waterfall(revenue, costs, pure).paid_in_loss_years == 0.0
