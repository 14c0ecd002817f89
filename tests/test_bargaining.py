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


# --- threat points versus outside options (Binmore, Rubinstein & Wolinsky 1986) ---------------------

from partnership.bargaining import bargain_with_outside_options  # noqa: E402


def test_textbook_outside_option_below_the_split_changes_nothing():
    # S = 100, threat points (20, 30), β = 0.5: the Nash split is (45, 55). Raising A's outside
    # option from 20 to 40 changes nothing, because 40 < 45; raising its threat point does.
    low = bargain_with_outside_options(100, 20, 30, 20, 0, 0.5)
    high = bargain_with_outside_options(100, 20, 30, 40, 0, 0.5)
    assert (low.payoff_a, low.payoff_b) == (45, 55) == (high.payoff_a, high.payoff_b)
    assert high.binding == "neither"
    assert nash_split(100, 40, 30, 0.5).payoff_a == 55


def test_textbook_binding_outside_option_is_paid_exactly():
    # A's outside option of 60 beats its Nash payoff of 45: A gets exactly 60, B the other 40.
    out = bargain_with_outside_options(100, 20, 30, 60, 0, 0.5)
    assert out.deal and (out.payoff_a, out.payoff_b) == (60, 40) and out.binding == "A's outside option"
    out = bargain_with_outside_options(100, 20, 30, 0, 70, 0.5)
    assert (out.payoff_a, out.payoff_b) == (30, 70) and out.binding == "B's outside option"


def test_no_deal_when_outside_options_exceed_the_surplus():
    out = bargain_with_outside_options(100, 20, 30, 60, 45, 0.5)
    assert not out.deal and out.binding == "no deal" and (out.payoff_a, out.payoff_b) == (60, 45)


def test_no_deal_when_threat_points_exceed_the_surplus():
    # No agreement beats the impasse (6 + 5 > 10); B's outside option beats its threat point, so B
    # walks away and both take their outside options. Without that, they stay in disagreement.
    out = bargain_with_outside_options(10, 6, 5, 0, 7, 0.5)
    assert not out.deal and (out.payoff_a, out.payoff_b) == (0, 7)
    out = bargain_with_outside_options(10, 6, 5, 0, 4, 0.5)
    assert not out.deal and (out.payoff_a, out.payoff_b) == (6, 5)


@given(money, money, money, money, money, power)
def test_no_deal_payoffs_are_feasible_alternatives(s, da, db, oa, ob, beta):
    out = bargain_with_outside_options(s, da, db, oa, ob, beta)
    if not out.deal:
        assert (out.payoff_a, out.payoff_b) in ((oa, ob), (da, db))


@given(money, money, money, money, money, power)
def test_outside_option_outcome_is_the_nash_split_when_options_are_low(s, da, db, oa, ob, beta):
    out = bargain_with_outside_options(s, da, db, oa, ob, beta)
    nash = nash_split(s, da, db, beta)
    if out.deal:
        assert math.isclose(out.payoff_a + out.payoff_b, s, rel_tol=1e-9, abs_tol=1e-6)
        assert out.payoff_a >= oa - 1e-6 and out.payoff_b >= ob - 1e-6
        assert out.payoff_a == max(nash.payoff_a, oa) or out.payoff_b == max(nash.payoff_b, ob)
        if out.binding == "neither":
            assert (out.payoff_a, out.payoff_b) == (nash.payoff_a, nash.payoff_b)


@given(st.floats(0, 1e5), st.floats(0, 1e4), st.floats(0, 1e4), st.floats(0, 1e4), st.floats(0, 1e4),
       st.floats(0, 1e4), power)
def test_a_better_outside_option_never_hurts_and_is_irrelevant_below_the_split(s, da, db, oa, extra, ob, beta):
    before = bargain_with_outside_options(s, da, db, oa, ob, beta)
    after = bargain_with_outside_options(s, da, db, oa + extra, ob, beta)
    if before.deal and after.deal:
        assert after.payoff_a >= before.payoff_a - 1e-6
        if oa + extra <= before.nash_payoff_a and before.binding == "neither":
            assert after.payoff_a == before.payoff_a


@given(st.floats(0, 1e5), st.floats(0, 1e4), st.floats(0, 1e4), st.floats(0, 1e3), power)
def test_a_threat_point_always_passes_through_one_minus_beta(s, da, db, extra, beta):
    before, after = nash_split(s, da, db, beta), nash_split(s, da + extra, db, beta)
    if before.deal and after.deal:
        assert math.isclose(after.payoff_a - before.payoff_a, (1 - beta) * extra, rel_tol=1e-6, abs_tol=1e-6)


def test_outside_option_invalid_input():
    with pytest.raises(ValueError, match="A's outside option \\(payoff from walking away\\) must be a number"):
        bargain_with_outside_options(100, 20, 30, "lots", 0, 0.5)
    with pytest.raises(ValueError, match="bargaining power must lie in"):
        bargain_with_outside_options(100, 20, 30, 0, 0, 2)
