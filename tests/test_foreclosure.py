import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.foreclosure import foreclosure_incentive

unit = st.floats(min_value=0, max_value=1)
# No amounts between 0 and 1e-9: below about 1e-154 a product of two of them (q·M) underflows to 0, and
# below 2.2e-308 one rounds to a multiple of 5e-324, so the gain's sign is the rounding's, not the model's
# (Hypothesis found q = 5e-324, then q = M = 6.4e-181 with m = 0).
amount = st.just(0.0) | st.floats(min_value=1e-9, max_value=1e4)


def test_textbook_vertical_arithmetic():
    # q = 100, m = 1, d = 0.5, M = 4: withholding loses 100 upstream and wins 0.5·100·4 = 200 downstream.
    out = foreclosure_incentive(100, 1, 0.5, 4)
    assert (out.upstream_margin_lost, out.downstream_margin_gained, out.gain) == (100, 200, 100)
    assert out.profitable and out.critical_diversion == pytest.approx(0.25)


def test_switching_and_a_stake_in_the_rival_remove_the_incentive():
    # Half the rival's sales survive on another supplier; a 27% stake in a rival earning 3 a unit.
    out = foreclosure_incentive(100, 1, 0.5, 4, switching=0.5, stake=0.27, rival_margin=3)
    assert out.downstream_margin_gained == pytest.approx(100)
    assert out.stake_value_lost == pytest.approx(0.27 * 3 * 50)
    assert not out.profitable and out.critical_diversion == pytest.approx((1 + 0.27 * 3 * 0.5) / 2)


def test_a_rival_that_can_switch_completely_cannot_be_foreclosed():
    out = foreclosure_incentive(100, 1, 1.0, 10, switching=1.0)
    assert out.gain == -100 and out.critical_diversion is None


@given(amount, amount, unit, amount, unit, unit, amount)
def test_profitable_exactly_when_diversion_beats_the_critical_ratio(q, m, d, big_m, a, sigma, pi_r):
    out = foreclosure_incentive(q, m, d, big_m, a, sigma, pi_r)
    if out.critical_diversion is not None and q > 0 and abs(d - out.critical_diversion) > 1e-6:
        assert out.profitable == (d > out.critical_diversion)
    if out.critical_diversion is None and q > 0 and m > 0:
        assert not out.profitable


@given(amount, amount, unit, amount, unit, unit, unit, amount)
def test_a_bigger_stake_in_the_rival_never_raises_the_gain(q, m, d, big_m, a, s1, s2, pi_r):
    lo, hi = sorted((s1, s2))
    assert foreclosure_incentive(q, m, d, big_m, a, hi, pi_r).gain <= foreclosure_incentive(q, m, d, big_m, a, lo, pi_r).gain + 1e-6


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(diversion=1.5), "diversion ratio .* must lie in"),
        (dict(rival_volume=-1), "rival's volume cannot be negative"),
        (dict(stake=2), "stake in the rival must lie in"),
        (dict(switching=float("nan")), "finite number"),
    ],
)
def test_invalid_input(kwargs, message):
    args = dict(rival_volume=100, upstream_margin=1, diversion=0.5, downstream_margin=4)
    with pytest.raises(ValueError, match=message):
        foreclosure_incentive(**{**args, **kwargs})
