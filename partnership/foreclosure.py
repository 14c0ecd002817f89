"""Vertical foreclosure: when does a platform gain by withholding compute or models from a rival?

A platform sells an input (compute, or access to models) to a downstream rival and also competes with
that rival downstream. If it withholds the input, it gives up its upstream margin on everything the
rival bought; the rival loses the share ``1 − a`` of its sales it cannot serve with other suppliers;
of those lost sales the platform's own product wins the share ``d`` (the diversion ratio); and if the
platform owns a stake ``σ`` in the rival's profits, it loses that share of the rival's lost profit.
This is the arithmetic behind the incentive half of the "ability and incentive" analysis of input
foreclosure: the recaptured downstream margin against the lost upstream margin (Moresi & Salop 2013,
whose vGUPPI scores the same trade-off for a partial price rise); ``a`` close to 1 is the *ability*
half failing (the rival can switch supplier).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._validate import fraction, non_negative


@dataclass(frozen=True)
class ForeclosureOutcome:
    """The platform's gain from withholding the input, term by term (per period, in money)."""

    upstream_margin_lost: float
    downstream_margin_gained: float
    stake_value_lost: float
    critical_diversion: float | None  # the diversion ratio above which withholding pays (None: never)

    @property
    def gain(self) -> float:
        """``d (1 − a) q M − m q − σ π_R (1 − a) q``: positive when withholding pays."""
        return self.downstream_margin_gained - self.upstream_margin_lost - self.stake_value_lost

    @property
    def profitable(self) -> bool:
        return self.gain > 0


def foreclosure_incentive(
    rival_volume: float,
    upstream_margin: float,
    diversion: float,
    downstream_margin: float,
    switching: float = 0.0,
    stake: float = 0.0,
    rival_margin: float = 0.0,
) -> ForeclosureOutcome:
    """Gain to a platform from withholding its input from a downstream rival.

    ``G = d (1 − a) q M − m q − σ π_R (1 − a) q`` for rival volume ``q``, upstream margin ``m`` per unit
    the rival buys, diversion ratio ``d`` to the platform's product with margin ``M``, share ``a`` of its
    sales the rival keeps by switching supplier, platform stake ``σ`` and rival margin ``π_R``.
    Withholding pays iff ``d > d* = (m + σ π_R (1 − a)) / ((1 − a) M)`` (Moresi & Salop 2013).

    Examples
    --------
    The rival buys 100 units at an upstream margin of 2; half its lost sales come to the platform,
    whose own margin is 10: it wins ``0.5 · 100 · 10 = 500`` and loses ``2 · 100 = 200``, and any
    diversion above ``d* = 2/10`` would pay:

    >>> out = foreclosure_incentive(rival_volume=100, upstream_margin=2, diversion=0.5, downstream_margin=10)
    >>> out.gain, out.critical_diversion, out.profitable
    (300.0, 0.2, True)
    """
    q = non_negative("The rival's volume", rival_volume)
    m = non_negative("The platform's upstream margin", upstream_margin)
    d = fraction("The diversion ratio (share of the rival's lost sales the platform wins)", diversion)
    big_m = non_negative("The platform's downstream margin", downstream_margin)
    a = fraction("The share of its sales the rival keeps by switching supplier", switching)
    sigma = fraction("The platform's stake in the rival", stake)
    pi_r = non_negative("The rival's downstream margin", rival_margin)
    lost_sales = (1 - a) * q
    denominator = (1 - a) * big_m
    critical = None
    if denominator > 0:
        needed = (m + sigma * pi_r * (1 - a)) / denominator
        critical = needed if needed <= 1 else None
    return ForeclosureOutcome(
        upstream_margin_lost=m * q,
        downstream_margin_gained=d * lost_sales * big_m,
        stake_value_lost=sigma * pi_r * lost_sales,
        critical_diversion=critical,
    )
