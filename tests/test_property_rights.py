import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.property_rights import (
    OWNERSHIP_STRUCTURES,
    best_ownership,
    compare_ownership,
    first_best,
    hold_up_equilibrium,
)

theta = st.floats(min_value=0, max_value=100)
unit = st.floats(min_value=0, max_value=1)


def test_hand_computed_equilibrium_when_a_owns():
    # θ_A=1, θ_B=0.5, λ_owner=0.5, λ_non=0, β=0.5: √a = (0.5 + 0.5·0.5)·1 = 0.75, √b = 0.5·0.5 = 0.25.
    out = hold_up_equilibrium("A owns", 1.0, 0.5, 0.5, 0.0, 0.5)
    assert out.investment_a == pytest.approx(0.5625)
    assert out.investment_b == pytest.approx(0.0625)
    # W = 2·1·0.75 + 2·0.5·0.25 − 0.5625 − 0.0625
    assert out.total_surplus == pytest.approx(1.125)


def test_ip_should_go_to_the_party_whose_investment_matters_more():
    assert best_ownership(1.0, 0.5) == "A owns"
    assert best_ownership(0.5, 1.0) == "B owns"


def test_full_outside_value_for_owner_restores_first_best_investment():
    out = hold_up_equilibrium("A owns", 2.0, 1.0, 1.0, 0.0, 0.5)
    assert out.investment_a == pytest.approx(first_best(2.0, 1.0)[0])


@given(theta, theta, unit, unit, unit)
def test_underinvestment_and_surplus_below_first_best(ta, tb, l1, l2, beta):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    fa, fb, fw = first_best(ta, tb)
    for out in compare_ownership(ta, tb, lam_owner, lam_non, beta).values():
        assert out.investment_a <= fa + 1e-9 and out.investment_b <= fb + 1e-9
        assert out.total_surplus <= fw + 1e-6
        assert out.payoff_a + out.payoff_b == pytest.approx(out.total_surplus, abs=1e-6)


@given(theta, theta, unit, unit, unit)
def test_joint_ownership_never_beats_the_best_single_owner(ta, tb, l1, l2, beta):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    outs = compare_ownership(ta, tb, lam_owner, lam_non, beta)
    best_single = max(outs["A owns"].total_surplus, outs["B owns"].total_surplus)
    assert outs["joint"].total_surplus <= best_single + 1e-9


@given(theta, theta, unit, unit, unit, unit)
def test_a_invests_more_when_it_has_more_bargaining_power(ta, tb, l1, l2, b1, b2):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    lo, hi = sorted((b1, b2))
    for s in OWNERSHIP_STRUCTURES:
        assert (
            hold_up_equilibrium(s, ta, tb, lam_owner, lam_non, lo).investment_a
            <= hold_up_equilibrium(s, ta, tb, lam_owner, lam_non, hi).investment_a + 1e-9
        )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(theta_a=-1, theta_b=1), "cannot be negative"),
        (dict(theta_a=1, theta_b=1, lambda_owner=0.2, lambda_non_owner=0.5), "must not exceed"),
        (dict(theta_a=1, theta_b=1, lambda_owner=1.5), "must lie in"),
        (dict(theta_a=1, theta_b=1, power_a=2), "bargaining power"),
    ],
)
def test_invalid_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        hold_up_equilibrium("A owns", **kwargs)


def test_unknown_ownership_structure():
    with pytest.raises(ValueError, match="Ownership must be one of"):
        hold_up_equilibrium("Microsoft owns", 1, 1)


# --- a non-exclusive licence, and the ownership rule in full -------------------------------------------

from hypothesis import assume  # noqa: E402

from partnership.property_rights import ALL_STRUCTURES, LICENCE, ownership_rule  # noqa: E402


def test_hand_computed_licence():
    # θ_A=2, θ_B=1, β=0.5, λ_owner=0.5, λ_non=0: both keep 0.5 apart, so k_A = k_B = 0.5 + 0.5·0.5 = 0.75.
    out = hold_up_equilibrium(LICENCE, 2.0, 1.0, 0.5, 0.0, 0.5)
    assert out.investment_a == pytest.approx(2.25) and out.investment_b == pytest.approx(0.5625)
    # S = θ_A²(2k − k²) + θ_B²(2k − k²) = 4·0.9375 + 0.9375
    assert out.total_surplus == pytest.approx(4.6875)
    assert best_ownership(2.0, 1.0, 0.5, 0.0, 0.5, include_licence=True) == LICENCE
    assert best_ownership(2.0, 1.0, 0.5, 0.0, 0.5) == "A owns"  # the classic three, as before


def test_a_licence_whose_use_apart_is_worth_less_can_lose_to_sole_ownership():
    # If the licensee's use competes with the licensor's, each keeps less (λ_licensee = 0.1 < 0.5).
    outs = compare_ownership(2.0, 1.0, 0.5, 0.0, 0.5, include_licence=True, lambda_licensee=0.1)
    assert outs[LICENCE].total_surplus < outs["A owns"].total_surplus
    assert set(outs) == set(ALL_STRUCTURES)


@given(theta, theta, unit, unit, unit)
def test_a_full_licence_weakly_beats_every_classic_structure(ta, tb, l1, l2, beta):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    outs = compare_ownership(ta, tb, lam_owner, lam_non, beta, include_licence=True)
    assert all(outs[LICENCE].total_surplus >= outs[s].total_surplus - 1e-9 for s in OWNERSHIP_STRUCTURES)


@given(theta, theta, unit, unit, unit)
def test_a_licence_that_gives_no_use_apart_is_joint_ownership(ta, tb, l1, l2, beta):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    lic = hold_up_equilibrium(LICENCE, ta, tb, lam_owner, lam_non, beta, lambda_licensee=lam_non)
    joint = hold_up_equilibrium("joint", ta, tb, lam_owner, lam_non, beta)
    assert lic.total_surplus == pytest.approx(joint.total_surplus, abs=1e-9)


@given(theta, theta, unit, unit, unit, unit, unit)
def test_licence_surplus_rises_with_what_a_licensee_keeps(ta, tb, l1, l2, x1, x2, beta):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    lo, hi = sorted(lam_non + (lam_owner - lam_non) * x for x in (x1, x2))
    low = hold_up_equilibrium(LICENCE, ta, tb, lam_owner, lam_non, beta, lambda_licensee=lo)
    high = hold_up_equilibrium(LICENCE, ta, tb, lam_owner, lam_non, beta, lambda_licensee=hi)
    assert low.total_surplus <= high.total_surplus + 1e-9


@given(st.floats(0.01, 10), st.floats(0.01, 10), st.floats(0, 0.95), st.floats(0, 0.95), unit)
def test_the_rule_in_full_picks_the_best_sole_owner(ta, tb, l1, l2, beta):
    lam_owner, lam_non = max(l1, l2), min(l1, l2)
    assume(lam_owner - lam_non > 0.01)
    assume(abs(ta * (1 - beta) - tb * beta) > 1e-3 * (ta + tb))
    outs = compare_ownership(ta, tb, lam_owner, lam_non, beta)
    best_sole = "A owns" if outs["A owns"].total_surplus >= outs["B owns"].total_surplus else "B owns"
    assert ownership_rule(ta, tb, beta) == best_sole


def test_the_rule_by_hand():
    # θ_A(1 − β) against θ_B β: 2·0.5 = 1 > 1·0.5 (A); with β = 0.9, 2·0.1 = 0.2 < 0.9 (B).
    assert ownership_rule(2.0, 1.0, 0.5) == "A owns" and ownership_rule(2.0, 1.0, 0.9) == "B owns"


def test_invalid_licensee_share():
    with pytest.raises(ValueError, match="λ for a licensee \\(0.7\\) must lie between"):
        hold_up_equilibrium(LICENCE, 1, 1, 0.5, 0.0, 0.5, lambda_licensee=0.7)
    with pytest.raises(ValueError, match="bargaining power"):
        ownership_rule(1, 1, 1.5)
