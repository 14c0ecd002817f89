import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.bargaining import nash_split, rubinstein_shares

money = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
power = st.floats(min_value=0, max_value=1)
delta = st.floats(min_value=0, max_value=0.999)


def test_textbook_split():
    # S = 10, d = (2, 3), β = 0.5: gains 5 split equally on top of the outside options.
    out = nash_split(10, 2, 3, 0.5)
    assert out.deal and out.payoff_a == 4.5 and out.payoff_b == 5.5 and out.gains_from_trade == 5


def test_all_power_to_a_gives_b_only_its_outside_option():
    out = nash_split(100, 10, 20, 1.0)
    assert (out.payoff_a, out.payoff_b) == (80, 20)


def test_no_deal_when_outside_options_exceed_surplus():
    out = nash_split(10, 6, 5, 0.5)
    assert not out.deal
    assert (out.payoff_a, out.payoff_b) == (6, 5)


@given(money, money, money, power)
def test_deal_payoffs_sum_to_surplus(surplus, da, db, beta):
    out = nash_split(surplus, da, db, beta)
    if out.deal:
        assert math.isclose(out.payoff_a + out.payoff_b, surplus, rel_tol=1e-9, abs_tol=1e-6)
        assert out.payoff_a >= da - 1e-6 and out.payoff_b >= db - 1e-6


@given(money, money, money, power, power)
def test_payoff_of_a_rises_with_its_power(surplus, da, db, b1, b2):
    lo, hi = sorted((b1, b2))
    assert nash_split(surplus, da, db, lo).payoff_a <= nash_split(surplus, da, db, hi).payoff_a + 1e-6


@given(st.floats(0, 1e6), st.floats(0, 1e5), st.floats(0, 1e5), st.floats(0, 1e5), power)
def test_a_gains_from_a_better_outside_option(surplus, da, extra, db, beta):
    before = nash_split(surplus, da, db, beta)
    after = nash_split(surplus, da + extra, db, beta)
    if before.deal and after.deal:
        assert after.payoff_a >= before.payoff_a - 1e-6


def test_rubinstein_equal_patience_gives_first_mover_advantage():
    a, b = rubinstein_shares(0.9, 0.9)
    assert a == pytest.approx(1 / 1.9) and b == pytest.approx(0.9 / 1.9)


def test_rubinstein_impatient_responder_gives_proposer_everything():
    assert rubinstein_shares(0.9, 0.0) == (1.0, 0.0)


@given(delta, delta)
def test_rubinstein_shares_sum_to_one_and_stay_in_bounds(da, db):
    a, b = rubinstein_shares(da, db)
    assert math.isclose(a + b, 1) and 0 <= a <= 1 and 0 <= b <= 1


@given(delta, delta, delta)
def test_rubinstein_more_patience_means_more_share(da1, da2, db):
    lo, hi = sorted((da1, da2))
    assert rubinstein_shares(lo, db)[0] <= rubinstein_shares(hi, db)[0] + 1e-12


@pytest.mark.parametrize(
    "args, message",
    [
        ((10, 1, 1, 1.5), "bargaining power must lie in"),
        ((10, 1, 1, -0.1), "bargaining power must lie in"),
        ((float("nan"), 1, 1, 0.5), "finite number"),
        (("ten", 1, 1, 0.5), "must be a number"),
    ],
)
def test_nash_invalid_input(args, message):
    with pytest.raises(ValueError, match=message):
        nash_split(*args)


@pytest.mark.parametrize("da, db", [(1.0, 0.5), (0.5, 1.0), (-0.1, 0.5)])
def test_rubinstein_invalid_discount_factor(da, db):
    with pytest.raises(ValueError, match="discount factor must lie in"):
        rubinstein_shares(da, db)
