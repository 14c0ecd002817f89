"""Bargaining over a joint surplus: generalised Nash bargaining and Rubinstein alternating offers.

References: Nash (1950); Binmore, Rubinstein & Wolinsky (1986); Rubinstein (1982).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """Generalised Nash bargaining solution with disagreement points.

    Each party gets its outside option plus its bargaining-power share of the gains from trade:
    ``u_A = d_A + β (S − d_A − d_B)``, ``u_B = d_B + (1 − β)(S − d_A − d_B)``.
    When ``d_A + d_B > S`` there is no deal and each takes its outside option.
    """
    surplus = finite("The joint surplus", surplus)
    outside_a = finite("A's outside option", outside_a)
    outside_b = finite("B's outside option", outside_b)
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


def rubinstein_shares(delta_a: float, delta_b: float) -> tuple[float, float]:
    """Subgame-perfect shares of a pie of size 1 when A proposes first (Rubinstein 1982).

    ``x_A = (1 − δ_B) / (1 − δ_A δ_B)``, ``x_B = 1 − x_A``. The more patient party gets more.
    """
    delta_a = fraction("A's discount factor", delta_a, open_high=True)
    delta_b = fraction("B's discount factor", delta_b, open_high=True)
    share_a = (1 - delta_b) / (1 - delta_a * delta_b)
    return share_a, 1 - share_a
