"""Property rights and hold-up: who should own the IP? (Grossman & Hart 1986; Hart & Moore 1990)

Two parties make relationship-specific investments ``a`` (A, e.g. the lab's research) and ``b``
(B, e.g. the partner's compute). Inside the relationship the investments create
``V(a, b) = 2 θ_A √a + 2 θ_B √b`` at cost ``a + b``. Apart, a party keeps a fraction ``λ`` of
what its own investment creates, and ``λ`` is larger when it owns the IP:
``λ_owner`` if it owns, ``λ_non_owner`` if it does not, and ``λ_non_owner`` for both under joint
ownership (each can block the other's use). Investments are sunk before the parties bargain
(generalised Nash, A's power ``β``), so each party earns only part of its marginal return:
A invests ``a* = ((β + (1 − β) λ_A) θ_A)²`` instead of the first-best ``θ_A²``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._validate import fraction, non_negative

Ownership = Literal["A owns", "B owns", "joint"]
OWNERSHIP_STRUCTURES: tuple[Ownership, ...] = ("A owns", "B owns", "joint")


@dataclass(frozen=True)
class HoldUpOutcome:
    """Equilibrium of the hold-up game under one ownership structure."""

    ownership: Ownership
    investment_a: float
    investment_b: float
    total_surplus: float
    payoff_a: float
    payoff_b: float


def _check(theta_a: float, theta_b: float, lambda_owner: float, lambda_non_owner: float, power_a: float):
    theta_a = non_negative("θ_A (how much A's investment matters)", theta_a)
    theta_b = non_negative("θ_B (how much B's investment matters)", theta_b)
    lambda_owner = fraction("λ for an owner", lambda_owner)
    lambda_non_owner = fraction("λ for a non-owner", lambda_non_owner)
    if lambda_non_owner > lambda_owner:
        raise ValueError(
            f"Owning the IP cannot make a party worse off apart: λ for a non-owner ({lambda_non_owner:g}) "
            f"must not exceed λ for an owner ({lambda_owner:g})."
        )
    power_a = fraction("A's bargaining power", power_a)
    return theta_a, theta_b, lambda_owner, lambda_non_owner, power_a


def outside_fractions(ownership: Ownership, lambda_owner: float, lambda_non_owner: float) -> tuple[float, float]:
    """The fractions (λ_A, λ_B) of their own investment's value each party keeps if the deal breaks."""
    if ownership == "A owns":
        return lambda_owner, lambda_non_owner
    if ownership == "B owns":
        return lambda_non_owner, lambda_owner
    if ownership == "joint":
        return lambda_non_owner, lambda_non_owner
    raise ValueError(f"Ownership must be one of {', '.join(OWNERSHIP_STRUCTURES)}; got {ownership!r}.")


def first_best(theta_a: float, theta_b: float) -> tuple[float, float, float]:
    """Investments and surplus a single owner of both investments would choose: (θ_A², θ_B², θ_A² + θ_B²)."""
    theta_a = non_negative("θ_A (how much A's investment matters)", theta_a)
    theta_b = non_negative("θ_B (how much B's investment matters)", theta_b)
    return theta_a**2, theta_b**2, theta_a**2 + theta_b**2


def hold_up_equilibrium(
    ownership: Ownership,
    theta_a: float,
    theta_b: float,
    lambda_owner: float = 0.5,
    lambda_non_owner: float = 0.0,
    power_a: float = 0.5,
) -> HoldUpOutcome:
    """Equilibrium investments, total surplus ``V − a − b`` and payoffs under one ownership structure."""
    theta_a, theta_b, lambda_owner, lambda_non_owner, power_a = _check(
        theta_a, theta_b, lambda_owner, lambda_non_owner, power_a
    )
    lam_a, lam_b = outside_fractions(ownership, lambda_owner, lambda_non_owner)
    # Each party's marginal return: its bargaining share of the inside value plus the rest of
    # what it keeps outside (its threat point moves one-for-one with λ times its own value).
    a = ((power_a + (1 - power_a) * lam_a) * theta_a) ** 2
    b = (((1 - power_a) + power_a * lam_b) * theta_b) ** 2
    value_a, value_b = 2 * theta_a * a**0.5, 2 * theta_b * b**0.5
    inside = value_a + value_b
    outside_a, outside_b = lam_a * value_a, lam_b * value_b
    gains = inside - outside_a - outside_b
    payoff_a = outside_a + power_a * gains - a
    payoff_b = outside_b + (1 - power_a) * gains - b
    return HoldUpOutcome(
        ownership=ownership,
        investment_a=a,
        investment_b=b,
        total_surplus=inside - a - b,
        payoff_a=payoff_a,
        payoff_b=payoff_b,
    )


def compare_ownership(
    theta_a: float,
    theta_b: float,
    lambda_owner: float = 0.5,
    lambda_non_owner: float = 0.0,
    power_a: float = 0.5,
) -> dict[Ownership, HoldUpOutcome]:
    """The equilibrium under every ownership structure, keyed by structure."""
    return {
        s: hold_up_equilibrium(s, theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        for s in OWNERSHIP_STRUCTURES
    }


def best_ownership(
    theta_a: float,
    theta_b: float,
    lambda_owner: float = 0.5,
    lambda_non_owner: float = 0.0,
    power_a: float = 0.5,
) -> Ownership:
    """The structure with the largest total surplus (ties go to the earlier of A owns, B owns, joint)."""
    outcomes = compare_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
    return max(OWNERSHIP_STRUCTURES, key=lambda s: (round(outcomes[s].total_surplus, 12), -OWNERSHIP_STRUCTURES.index(s)))
