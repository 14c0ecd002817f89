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
