"""The roles' confidential parameters: each side's beliefs and values, the rival cloud, and the :class:`Case`.

Each side values a deal with its own parameters (forecasts, beliefs about when AGI is verified, what
each right is worth to it); all are hypothetical teaching values, kept in the instructor edition.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from .._validate import finite, fraction, non_negative
from ..revenue import growing_revenue
from .terms import FIRST_YEAR, LAST_YEAR, YEARS


def _agi(schedule: Mapping[int, float] | Iterable[tuple[int, float]], who: str) -> tuple[tuple[int, float], ...]:
    items = sorted((dict(schedule) if isinstance(schedule, Mapping) else dict(schedule)).items())
    out = []
    for year, p in items:
        if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR < year <= LAST_YEAR:
            raise ValueError(f"{who}: an AGI year must be a whole year from {FIRST_YEAR + 1} to {LAST_YEAR} "
                             f"(the first year without payments), got {year!r}.")
        out.append((year, fraction(f"{who}: the probability that the panel verifies AGI in {year}", p)))
    if math.fsum(p for _, p in out) > 1 + 1e-9:
        raise ValueError(f"{who}: the probabilities of verifying AGI in each year add up to more than 1.")
    return tuple(out)


@dataclass(frozen=True)
class Beliefs:
    """A side's view of the future: OpenAI's revenue, its own discount rate, and when AGI is verified.

    ``agi`` maps a year to the probability that the panel verifies AGI at its start (the revenue share
    then stops from that year under the AGI clause); the rest of the probability is "not before
    2036".
    """

    revenue_2026: float
    revenue_growth: float
    discount_rate: float
    agi: tuple[tuple[int, float], ...] = ()

    def __post_init__(self) -> None:
        non_negative("The forecast of OpenAI's 2026 revenue ($bn)", self.revenue_2026)
        growth = finite("The forecast growth of OpenAI's revenue", self.revenue_growth)
        if growth <= -1:
            raise ValueError(f"The forecast growth must be above −100% (got {growth:g}).")
        rate = finite("The discount rate", self.discount_rate)
        if not 0 <= rate < 1:
            raise ValueError(f"The discount rate must lie in [0, 1): a yearly rate such as 0.09 (got {rate:g}).")
        object.__setattr__(self, "agi", _agi(self.agi, "Beliefs"))

    def revenue(self) -> list[float]:
        return growing_revenue(self.revenue_2026, self.revenue_growth, len(YEARS))


@dataclass(frozen=True)
class MicrosoftRole:
    """Microsoft's confidential parameters ($bn of NPV, or $bn a year where it says so)."""

    beliefs: Beliefs
    base_value: float  # the partnership on any terms, before the terms below
    licence_per_year: float  # using OpenAI's models in its products, each year the licence runs
    exclusive_per_year: float  # the extra each year if no one else may license them
    stateless_per_year: float
    stateful_per_year: float
    margin_per_bn: float  # NPV of the margin on each $bn of committed Azure spending
    win_probability: float  # its belief that a court reads the October 2025 terms as stateful-exclusive
    dispute_cost: float  # lawyers, a strained relationship, customers' doubts, while the two disagree
    outside_option: float  # walking away for good: going on without OpenAI

    def __post_init__(self) -> None:
        _check_role(self, "Microsoft")


@dataclass(frozen=True)
class OpenAIRole:
    """OpenAI's confidential parameters ($bn of NPV, or $bn a year where it says so)."""

    beliefs: Beliefs
    base_value: float
    licence_per_year: float  # what Microsoft's licence costs it each year (little: the IP is non-rival)
    exclusive_per_year: float  # licensing to others it gives up each year the licence is exclusive
    stateless_per_year: float
    stateful_per_year: float
    compute_need_bn: float  # what it would buy from Azure anyway
    flexibility_per_bn: float  # the cost of committing each $bn within that need
    excess_per_bn: float  # the cost of each $bn committed beyond it
    win_probability: float  # its belief that a court reads the terms as stateful-exclusive
    dispute_cost: float
    outside_option: float  # leaving Microsoft for other clouds, before any rival offer
    rival_payment: float  # the rival cloud's standing offer for stateful products, if they are free of Azure
    rival_offer: float  # the rival cloud's standing offer if OpenAI leaves Microsoft

    def __post_init__(self) -> None:
        _check_role(self, "OpenAI")
        if self.excess_per_bn < self.flexibility_per_bn:
            raise ValueError("OpenAI: committing compute beyond its need cannot cost less per $bn than committing "
                             "within it (excess_per_bn must be at least flexibility_per_bn).")


@dataclass(frozen=True)
class RivalRole:
    """The rival cloud's confidential parameters ($bn of NPV)."""

    stateful_value: float  # running OpenAI's stateful products
    partnership_value: float  # OpenAI moving to it wholesale
    budget: float  # the most its board lets it offer, for either deal

    def __post_init__(self) -> None:
        for f in fields(self):
            non_negative(f"The rival cloud: {f.name.replace('_', ' ')}", getattr(self, f.name))


_SIGNED = {"base_value", "outside_option"}  # may be negative; everything else is a size


def _check_role(role, who: str) -> None:
    if not isinstance(role.beliefs, Beliefs):
        raise ValueError(f"{who}: beliefs must be a Beliefs, got {role.beliefs!r}.")
    for f in fields(role):
        if f.name == "beliefs":
            continue
        value = getattr(role, f.name)
        label = f"{who}: {f.name.replace('_', ' ')}"
        if f.name == "win_probability":
            fraction(label, value)
        elif f.name in _SIGNED:
            finite(label, value)
        else:
            non_negative(label, value)


@dataclass(frozen=True)
class RivalTerms:
    """What the rival cloud and OpenAI agreed, if a rival team plays ($bn); None: OpenAI's standing offers."""

    payment_bn: float | None = None  # paid to OpenAI if its stateful products are free of Azure exclusivity
    offer_bn: float | None = None  # what the rival offers if OpenAI leaves Microsoft

    def __post_init__(self) -> None:
        for name in ("payment_bn", "offer_bn"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, non_negative(f"The rival cloud's {name[:-3]} ($bn)", value))


@dataclass(frozen=True)
class Case:
    """Everything the scoring needs: both roles, the rival (if it plays) and OpenAI's bargaining power."""

    microsoft: MicrosoftRole
    openai: OpenAIRole
    rival: RivalRole | None = None
    power_openai: float = 0.5

    def __post_init__(self) -> None:
        fraction("OpenAI's bargaining power", self.power_openai)

    def rival_terms(self, terms: RivalTerms | None = None) -> tuple[float, float]:
        """(payment, offer): the agreed rival terms, each falling back to OpenAI's standing offer."""
        terms = terms or RivalTerms()
        payment = self.openai.rival_payment if terms.payment_bn is None else terms.payment_bn
        offer = self.openai.rival_offer if terms.offer_bn is None else terms.offer_bn
        if self.rival is not None and max(payment, offer) > self.rival.budget + 1e-9:
            raise ValueError(f"The rival cloud cannot promise ${max(payment, offer):g}bn: its board caps any "
                             f"offer at ${self.rival.budget:g}bn.")
        return payment, offer
