import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.scenarios import Scenario, expected_payoffs, partnership_scenarios

PAYOFFS = {"renegotiate": (10, 8), "status quo": (6, 9), "separation": (4, 2)}


def test_hand_computed_expected_values():
    tree = partnership_scenarios(0.5, 0.3, 0.2, PAYOFFS)
    e_a, e_b = expected_payoffs(tree)
    assert e_a == pytest.approx(0.5 * 10 + 0.3 * 6 + 0.2 * 4)
    assert e_b == pytest.approx(0.5 * 8 + 0.3 * 9 + 0.2 * 2)


@given(st.lists(st.floats(0.001, 1), min_size=1, max_size=6), st.lists(st.floats(-100, 100), min_size=6, max_size=6))
def test_expected_value_lies_between_worst_and_best(weights, payoffs):
    total = sum(weights)
    tree = {f"s{i}": Scenario(w / total, payoffs[i], -payoffs[i]) for i, w in enumerate(weights)}
    e_a, e_b = expected_payoffs(tree)
    used = payoffs[: len(weights)]
    assert min(used) - 1e-9 <= e_a <= max(used) + 1e-9
    assert e_b == pytest.approx(-e_a, abs=1e-9)


def test_probabilities_must_sum_to_one():
    with pytest.raises(ValueError, match="add up to 0.9, not 1"):
        partnership_scenarios(0.5, 0.2, 0.2, PAYOFFS)


def test_probability_out_of_range():
    with pytest.raises(ValueError, match="probability of 'renegotiate' must lie in"):
        partnership_scenarios(1.5, -0.3, -0.2, PAYOFFS)


def test_missing_payoffs():
    with pytest.raises(ValueError, match="missing for: separation"):
        partnership_scenarios(0.5, 0.3, 0.2, {"renegotiate": (1, 1), "status quo": (1, 1)})
