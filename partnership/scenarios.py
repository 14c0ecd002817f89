"""An expected-value scenario tree: what is each side's partnership worth across possible futures?

Each scenario has a probability and a payoff for each party; probabilities must add up to 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ._validate import finite, fraction

PROBABILITY_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Scenario:
    """One branch of the tree: its probability and what each party gets in it."""

    probability: float
    payoff_a: float
    payoff_b: float


def check_probabilities(scenarios: Mapping[str, Scenario]) -> None:
    """Raise ``ValueError`` unless every probability is in [0, 1] and they sum to 1.

    Examples
    --------
    >>> check_probabilities({"win": Scenario(0.5, 10, 0), "lose": Scenario(0.5, 0, 10)})
    >>> check_probabilities({"win": Scenario(0.6, 10, 0), "lose": Scenario(0.6, 0, 10)})
    Traceback (most recent call last):
    ...
    ValueError: The scenario probabilities add up to 1.2, not 1: every possible future must be counted exactly once.
    """
    if not scenarios:
        raise ValueError("Give at least one scenario.")
    for name, sc in scenarios.items():
        fraction(f"The probability of '{name}'", sc.probability)
        finite(f"A's payoff in '{name}'", sc.payoff_a)
        finite(f"B's payoff in '{name}'", sc.payoff_b)
    total = math.fsum(sc.probability for sc in scenarios.values())
    if abs(total - 1) > PROBABILITY_TOLERANCE:
        raise ValueError(
            f"The scenario probabilities add up to {total:.3g}, not 1: every possible future must be "
            "counted exactly once."
        )


def expected_payoffs(scenarios: Mapping[str, Scenario]) -> tuple[float, float]:
    """Probability-weighted payoffs (E[A], E[B]) over the scenarios.

    Examples
    --------
    >>> expected_payoffs({"boom": Scenario(0.25, 100, 40), "bust": Scenario(0.75, 20, 0)})  # (25 + 15, 10 + 0)
    (40.0, 10.0)
    """
    check_probabilities(scenarios)
    e_a = math.fsum(sc.probability * sc.payoff_a for sc in scenarios.values())
    e_b = math.fsum(sc.probability * sc.payoff_b for sc in scenarios.values())
    return e_a, e_b


def partnership_scenarios(
    p_renegotiate: float,
    p_status_quo: float,
    p_separation: float,
    payoffs: Mapping[str, tuple[float, float]],
) -> dict[str, Scenario]:
    """The course's three-branch tree (renegotiate / status quo / separation) as scenarios.

    Examples
    --------
    >>> tree = partnership_scenarios(0.5, 0.25, 0.25, {"renegotiate": (60, 40), "status quo": (44, 56), "separation": (58, 30)})
    >>> tree["separation"]
    Scenario(probability=0.25, payoff_a=58, payoff_b=30)
    >>> expected_payoffs(tree)  # A: 30 + 11 + 14.5; B: 20 + 14 + 7.5
    (55.5, 41.5)
    """
    probs = {"renegotiate": p_renegotiate, "status quo": p_status_quo, "separation": p_separation}
    missing = set(probs) - set(payoffs)
    if missing:
        raise ValueError(f"Payoffs are missing for: {', '.join(sorted(missing))}.")
    tree = {name: Scenario(p, *payoffs[name]) for name, p in probs.items()}
    check_probabilities(tree)
    return tree
