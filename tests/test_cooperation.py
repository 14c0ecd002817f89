import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.cooperation import (
    cooperation_sustainable,
    critical_discount_factor,
    value_of_cooperating,
    value_of_defecting,
)

payoff = st.floats(min_value=-1e3, max_value=1e3)


def test_textbook_threshold():
    # Axelrod's payoffs T=5, R=3, P=1, S=0: δ* = (5 − 3) / (5 − 1) = 0.5.
    assert critical_discount_factor(5, 3, 1, 0) == 0.5
    assert cooperation_sustainable(0.5, 5, 3, 1, 0)
    assert not cooperation_sustainable(0.49, 5, 3, 1, 0)


gap = st.floats(min_value=1e-3, max_value=1e3)


@given(payoff, gap, gap, gap, st.floats(0, 0.999))
def test_threshold_is_where_cooperating_beats_defecting(s, g1, g2, g3, delta):
    p = s + g1
    r = p + g2
    t = r + g3
    star = critical_discount_factor(t, r, p, s)
    assert 0 < star < 1
    coop, defect = value_of_cooperating(delta, r), value_of_defecting(delta, t, p)
    if delta > star + 1e-6:
        assert coop >= defect - 1e-6
    elif delta < star - 1e-6:
        assert coop < defect + 1e-6


@given(st.floats(1, 100), st.floats(0.01, 10), st.floats(0.01, 10))
def test_bigger_temptation_needs_more_patience(r, gap, extra):
    t1 = r + gap
    assert critical_discount_factor(t1, r, 0, -1) <= critical_discount_factor(t1 + extra, r, 0, -1)


@pytest.mark.parametrize("args", [(3, 5, 1, 0), (5, 3, 3, 0), (5, 3, 1, 2)])
def test_not_a_dilemma(args):
    with pytest.raises(ValueError, match="T > R > P > S"):
        critical_discount_factor(*args)


def test_invalid_discount_factor():
    with pytest.raises(ValueError, match="discount factor must lie in"):
        cooperation_sustainable(1.0, 5, 3, 1, 0)
