"""Bargaining over a joint surplus: the generalised Nash solution, threat points versus outside options,
and Rubinstein alternating offers.

Two different things are often both called a party's "outside option":

* a **threat point** (disagreement or impasse payoff) ``d``: what a party gets *while* the two
  disagree and keep bargaining. It enters the Nash product, so every dollar added to it moves part of
  the split that party's way (:func:`nash_split`);
* an **outside option** ``o``: what a party gets by *walking away* for good. Under the
  outside-option principle it matters only when it beats what the party would get in the bargain;
  then that party gets exactly ``o`` (:func:`bargain_with_outside_options`).

References: Nash (1950); the asymmetric (generalised) solution, Harsanyi & Selten (1972) and
Kalai (1977); outside options, Binmore, Rubinstein & Wolinsky (1986); Rubinstein (1982).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._validate import finite, fraction


@dataclass(frozen=True)
class NashOutcome:
    """Payoffs of the two parties; ``deal`` is False when they are better off apart."""

    deal: bool
    payoff_a: float
    payoff_b: float
    gains_from_trade: float

    @property
    def share_a(self) -> float:
        """A's payoff as a fraction of the total both receive (0.5 when nothing is at stake)."""
        total = self.payoff_a + self.payoff_b
        return self.payoff_a / total if total else 0.5


def nash_split(surplus: float, outside_a: float, outside_b: float, power_a: float = 0.5) -> NashOutcome:
    """Generalised (asymmetric) Nash bargaining solution with disagreement points (threat points).

    Maximises ``(u_A − d_A)^β (u_B − d_B)^(1−β)`` subject to ``u_A + u_B = S``, so
    ``u_A = d_A + β (S − d_A − d_B)``, ``u_B = d_B + (1 − β)(S − d_A − d_B)``
    (Nash 1950; Harsanyi & Selten 1972; Kalai 1977). ``outside_a`` and ``outside_b`` are the
    *disagreement payoffs* ``d``: what each side gets while they fail to agree (its threat point).
    For an option a party can only take by walking away, use :func:`bargain_with_outside_options`.
    When ``d_A + d_B > S`` there is no deal and each gets its disagreement payoff.

    Examples
    --------
    A pie of 100 and threat points 20 and 10 leave gains of 70, split equally:

    >>> out = nash_split(100, 20, 10)
    >>> out.payoff_a, out.payoff_b, out.gains_from_trade
    (55.0, 45.0, 70.0)
    >>> nash_split(100, 60, 50).deal  # 60 + 50 > 100: they are better off apart
    False
    """
    surplus = finite("The joint surplus", surplus)
    outside_a = finite("A's disagreement payoff (threat point)", outside_a)
    outside_b = finite("B's disagreement payoff (threat point)", outside_b)
    power_a = fraction("A's bargaining power", power_a)
    gains = surplus - outside_a - outside_b
    if gains < 0:
        return NashOutcome(deal=False, payoff_a=outside_a, payoff_b=outside_b, gains_from_trade=gains)
    return NashOutcome(
        deal=True,
        payoff_a=outside_a + power_a * gains,
        payoff_b=outside_b + (1 - power_a) * gains,
        gains_from_trade=gains,
    )


Binding = Literal["neither", "A's outside option", "B's outside option", "no deal"]


@dataclass(frozen=True)
class OutsideOptionOutcome:
    """The bargain when each side has a threat point and an outside option.

    ``binding`` says which constraint decided the split: ``"neither"`` (the Nash split over the
    threat points), one side's outside option, or ``"no deal"``. ``nash_payoff_a`` and
    ``nash_payoff_b`` are the Nash split over the threat points that the outside options are
    compared with.
    """

    deal: bool
    payoff_a: float
    payoff_b: float
    binding: Binding
    nash_payoff_a: float
    nash_payoff_b: float

    @property
    def share_a(self) -> float:
        """A's payoff as a fraction of the total both receive (0.5 when nothing is at stake)."""
        total = self.payoff_a + self.payoff_b
        return self.payoff_a / total if total else 0.5


def bargain_with_outside_options(
    surplus: float,
    threat_a: float,
    threat_b: float,
    outside_a: float,
    outside_b: float,
    power_a: float = 0.5,
) -> OutsideOptionOutcome:
    """Nash bargaining over threat points, constrained by outside options (the outside-option principle).

    First the Nash split over the threat points: ``n_A = d_A + β (S − d_A − d_B)``, ``n_B = S − n_A``.
    An outside option ``o`` counts only if it beats that: if ``o_A > n_A`` then ``u_A = o_A`` and
    ``u_B = S − o_A`` (and likewise for B); if ``o_A + o_B > S`` there is no deal and each walks away
    with ``o``. So raising ``o_A`` changes nothing while ``o_A ≤ n_A``, and then moves ``u_A``
    one-for-one (Binmore, Rubinstein & Wolinsky 1986, §4; Nash 1950; Harsanyi & Selten 1972).
    If even the threat points add up to more than ``S`` (``d_A + d_B > S``), no agreement beats the
    impasse either. Without a deal, if either side's outside option beats its threat point that side
    walks away and both get their outside options ``(o_A, o_B)``; otherwise they stay in
    disagreement with ``(d_A, d_B)``.

    Examples
    --------
    The Nash split over threat points 20 and 10 of a pie of 100 gives A 55 (see :func:`nash_split`).
    An outside option of 50 is below that and changes nothing; one of 60 binds, and B gets the rest:

    >>> bargain_with_outside_options(100, 20, 10, outside_a=50, outside_b=0).payoff_a
    55.0
    >>> out = bargain_with_outside_options(100, 20, 10, outside_a=60, outside_b=0)
    >>> out.payoff_a, out.payoff_b, out.binding
    (60.0, 40.0, "A's outside option")
    """
    surplus = finite("The joint surplus", surplus)
    threat_a = finite("A's threat point (payoff while disagreeing)", threat_a)
    threat_b = finite("B's threat point (payoff while disagreeing)", threat_b)
    outside_a = finite("A's outside option (payoff from walking away)", outside_a)
    outside_b = finite("B's outside option (payoff from walking away)", outside_b)
    power_a = fraction("A's bargaining power", power_a)
    nash = nash_split(surplus, threat_a, threat_b, power_a)
    nash_a, nash_b = nash.payoff_a, nash.payoff_b
    if not nash.deal or outside_a + outside_b > surplus:
        walk = outside_a > threat_a or outside_b > threat_b
        return OutsideOptionOutcome(
            deal=False,
            payoff_a=outside_a if walk else threat_a,
            payoff_b=outside_b if walk else threat_b,
            binding="no deal",
            nash_payoff_a=nash_a,
            nash_payoff_b=nash_b,
        )
    if outside_a > nash_a:
        return OutsideOptionOutcome(True, outside_a, surplus - outside_a, "A's outside option", nash_a, nash_b)
    if outside_b > nash_b:
        return OutsideOptionOutcome(True, surplus - outside_b, outside_b, "B's outside option", nash_a, nash_b)
    return OutsideOptionOutcome(True, nash_a, nash_b, "neither", nash_a, nash_b)


def rubinstein_shares(delta_a: float, delta_b: float) -> tuple[float, float]:
    """Subgame-perfect shares of a pie of size 1 when A proposes first (Rubinstein 1982).

    ``x_A = (1 − δ_B) / (1 − δ_A δ_B)``, ``x_B = 1 − x_A``. The more patient party gets more.

    Examples
    --------
    Equally patient parties (δ = 0.5): ``x_A = 0.5 / 0.75 = 2/3``, the first mover's advantage:

    >>> share_a, share_b = rubinstein_shares(0.5, 0.5)
    >>> round(share_a, 4), round(share_b, 4)
    (0.6667, 0.3333)
    >>> rubinstein_shares(0.5, 0.0)  # B does not value the future at all: A takes everything
    (1.0, 0.0)
    """
    delta_a = fraction("A's discount factor", delta_a, open_high=True)
    delta_b = fraction("B's discount factor", delta_b, open_high=True)
    share_a = (1 - delta_b) / (1 - delta_a * delta_b)
    return share_a, 1 - share_a
