"""Property rights and hold-up: who should own the IP? (Grossman & Hart 1986; Hart & Moore 1990)

Two parties make relationship-specific investments ``a`` (A, e.g. the lab's research) and ``b``
(B, e.g. the partner's compute). Inside the relationship the investments create
``V(a, b) = 2 θ_A √a + 2 θ_B √b`` at cost ``a + b``. Apart, a party keeps a fraction ``λ`` of
what its own investment creates, and ``λ`` is larger when it owns the IP:
``λ_owner`` if it owns, ``λ_non_owner`` if it does not, and ``λ_non_owner`` for both under joint
ownership (each can block the other's use). Investments are sunk before the parties bargain
(generalised Nash, A's power ``β``), so each party earns only part of its marginal return:
A invests ``a* = ((β + (1 − β) λ_A) θ_A)²`` instead of the first-best ``θ_A²``.

With ``λ_non_owner`` the same for both, comparing sole ownerships gives the rule: A should own iff
``θ_A (1 − β) > θ_B β`` (:func:`ownership_rule`). Under a **non-exclusive licence** of non-rival IP
(``"licence"``) both parties keep the right to use it apart, so both keep ``λ_licensee`` (by
default as much as an owner, ``λ_owner``): a structure the three classic ones lack, in which
neither side's outside value has to be sacrificed to protect the other's (cf. Hart & Moore 1990 on
assets that both parties can use).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._validate import fraction, non_negative

Ownership = Literal["A owns", "B owns", "joint", "licence"]
OWNERSHIP_STRUCTURES: tuple[Ownership, ...] = ("A owns", "B owns", "joint")  # the classic three
LICENCE: Ownership = "licence"  # a non-exclusive licence: both keep use rights
ALL_STRUCTURES: tuple[Ownership, ...] = OWNERSHIP_STRUCTURES + (LICENCE,)


@dataclass(frozen=True)
class HoldUpOutcome:
    """Equilibrium of the hold-up game under one ownership structure."""

    ownership: Ownership
    investment_a: float
    investment_b: float
    total_surplus: float
    payoff_a: float
    payoff_b: float


def _check(theta_a: float, theta_b: float, lambda_owner: float, lambda_non_owner: float, power_a: float,
           lambda_licensee: float | None = None):
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
    lambda_licensee = _licensee(lambda_owner, lambda_non_owner, lambda_licensee)
    return theta_a, theta_b, lambda_owner, lambda_non_owner, power_a, lambda_licensee


def _licensee(lambda_owner: float, lambda_non_owner: float, lambda_licensee: float | None) -> float:
    if lambda_licensee is None:
        return lambda_owner
    lambda_licensee = fraction("λ for a licensee", lambda_licensee)
    if not lambda_non_owner <= lambda_licensee <= lambda_owner:
        raise ValueError(
            f"A licensee keeps use rights, so it keeps at least what a non-owner keeps and at most what an owner "
            f"keeps: λ for a licensee ({lambda_licensee:g}) must lie between λ for a non-owner "
            f"({lambda_non_owner:g}) and λ for an owner ({lambda_owner:g})."
        )
    return lambda_licensee


def outside_fractions(
    ownership: Ownership, lambda_owner: float, lambda_non_owner: float, lambda_licensee: float | None = None
) -> tuple[float, float]:
    """The fractions (λ_A, λ_B) of their own investment's value each party keeps if the deal breaks.

    Under ``"licence"`` both keep ``λ_licensee`` (``λ_owner`` unless given): non-rival IP that both may use.

    Examples
    --------
    >>> outside_fractions("A owns", lambda_owner=0.5, lambda_non_owner=0.0)
    (0.5, 0.0)
    >>> outside_fractions("joint", 0.5, 0.0), outside_fractions("licence", 0.5, 0.0)
    ((0.0, 0.0), (0.5, 0.5))
    """
    if ownership == LICENCE:
        lam = lambda_owner if lambda_licensee is None else lambda_licensee
        return lam, lam
    if ownership == "A owns":
        return lambda_owner, lambda_non_owner
    if ownership == "B owns":
        return lambda_non_owner, lambda_owner
    if ownership == "joint":
        return lambda_non_owner, lambda_non_owner
    raise ValueError(f"Ownership must be one of {', '.join(ALL_STRUCTURES)}; got {ownership!r}.")


def first_best(theta_a: float, theta_b: float) -> tuple[float, float, float]:
    """Investments and surplus a single owner of both investments would choose: (θ_A², θ_B², θ_A² + θ_B²).

    Examples
    --------
    >>> first_best(1, 2)
    (1.0, 4.0, 5.0)
    """
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
    lambda_licensee: float | None = None,
) -> HoldUpOutcome:
    """Equilibrium investments, total surplus ``V − a − b`` and payoffs under one ownership structure.

    ``a* = (k_A θ_A)²`` and ``b* = (k_B θ_B)²`` with ``k_A = β + (1 − β) λ_A``, ``k_B = (1 − β) + β λ_B``
    (Grossman & Hart 1986; Hart & Moore 1990); ``lambda_licensee`` is used only by ``"licence"``.

    Examples
    --------
    With θ_A = θ_B = 1, β = 0.5 and λ = 0.5 for the owner, 0 otherwise, A owning gives ``k_A = 0.75``
    and ``k_B = 0.5``, so ``a* = 0.5625``, ``b* = 0.25``; ``V = 2·0.75 + 2·0.5 = 2.5`` and the surplus is
    ``2.5 − 0.8125`` (the first best, with ``a = b = 1``, would make 2):

    >>> out = hold_up_equilibrium("A owns", 1, 1)
    >>> out.investment_a, out.investment_b, out.total_surplus
    (0.5625, 0.25, 1.6875)
    """
    theta_a, theta_b, lambda_owner, lambda_non_owner, power_a, lambda_licensee = _check(
        theta_a, theta_b, lambda_owner, lambda_non_owner, power_a, lambda_licensee
    )
    lam_a, lam_b = outside_fractions(ownership, lambda_owner, lambda_non_owner, lambda_licensee)
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
    *,
    include_licence: bool = False,
    lambda_licensee: float | None = None,
) -> dict[Ownership, HoldUpOutcome]:
    """The equilibrium under every ownership structure, keyed by structure (the licence too if asked).

    Examples
    --------
    Symmetric parties: either sole owner makes 1.6875 (see :func:`hold_up_equilibrium`); joint
    ownership leaves both with ``k = 0.5``, so ``a* = b* = 0.25`` and a surplus of ``2 − 0.5``:

    >>> {s: out.total_surplus for s, out in compare_ownership(1, 1).items()}
    {'A owns': 1.6875, 'B owns': 1.6875, 'joint': 1.5}
    """
    structures = ALL_STRUCTURES if include_licence else OWNERSHIP_STRUCTURES
    return {
        s: hold_up_equilibrium(s, theta_a, theta_b, lambda_owner, lambda_non_owner, power_a, lambda_licensee)
        for s in structures
    }


def best_ownership(
    theta_a: float,
    theta_b: float,
    lambda_owner: float = 0.5,
    lambda_non_owner: float = 0.0,
    power_a: float = 0.5,
    *,
    include_licence: bool = False,
    lambda_licensee: float | None = None,
) -> Ownership:
    """The structure with the largest total surplus (ties go to the earlier of A owns, B owns, joint, licence).

    Examples
    --------
    When A's investment matters twice as much (θ_A = 2, θ_B = 1), A owning makes
    ``7 − 2.5 = 4.5`` against ``5.5 − 1.5625 = 3.9375`` when B owns:

    >>> best_ownership(2, 1)
    'A owns'
    >>> best_ownership(1, 1)  # a tie between the sole ownerships goes to the first listed
    'A owns'
    """
    outcomes = compare_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a,
                                 include_licence=include_licence, lambda_licensee=lambda_licensee)
    order = tuple(outcomes)
    return max(order, key=lambda s: (round(outcomes[s].total_surplus, 12), -order.index(s)))


def ownership_rule(theta_a: float, theta_b: float, power_a: float = 0.5) -> Ownership:
    """Which sole owner the model favours: ``"A owns"`` iff ``θ_A (1 − β) ≥ θ_B β``, else ``"B owns"``.

    The surplus lost under sole ownership by X is ``θ_A²(1 − k_A)² + θ_B²(1 − k_B)²``; the difference
    between the two sole ownerships is ``[(1 − λ_owner)² − (1 − λ_non_owner)²] (θ_A²(1 − β)² − θ_B²β²)``,
    so whenever owning helps (``λ_owner > λ_non_owner``) the comparison is ``θ_A(1 − β)`` against
    ``θ_B β``: the IP should go to the party whose investment matters more *relative to its
    bargaining power*, since the weaker bargainer is the more exposed to hold-up (Hart & Moore 1990).

    Examples
    --------
    >>> ownership_rule(2, 1)  # 2 · 0.5 = 1 > 1 · 0.5
    'A owns'
    >>> ownership_rule(1, 1, power_a=0.75)  # 1 · 0.25 < 1 · 0.75: the weaker bargainer B should own
    'B owns'
    """
    side_a, side_b = ownership_rule_terms(theta_a, theta_b, power_a)
    return "A owns" if side_a >= side_b else "B owns"


def ownership_rule_terms(theta_a: float, theta_b: float, power_a: float = 0.5) -> tuple[float, float]:
    """The two sides of the ownership rule, ``(θ_A (1 − β), θ_B β)``: A should own iff the first is larger.

    Examples
    --------
    >>> ownership_rule_terms(1, 1, power_a=0.75)
    (0.25, 0.75)
    """
    theta_a = non_negative("θ_A (how much A's investment matters)", theta_a)
    theta_b = non_negative("θ_B (how much B's investment matters)", theta_b)
    power_a = fraction("A's bargaining power", power_a)
    return theta_a * (1 - power_a), theta_b * power_a
