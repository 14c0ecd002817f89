"""Scoring a team's result: each side's value, its walk-away point, and what the rival cloud gets."""

from __future__ import annotations

from dataclasses import dataclass

from .impasse import Positions, positions
from .roles import Case, RivalTerms
from .terms import SIDES, Deal, Side
from .valuation import values


@dataclass(frozen=True)
class Score:
    """A team's result: each side's value, its walk-away point, and whether the deal falls below it."""

    agreed: bool
    microsoft: float
    openai: float
    positions: Positions
    walked: bool = False  # an impasse in which a side walked away: both took their outside options

    @property
    def below_walkaway(self) -> tuple[Side, ...]:
        """The sides whose value is below their walk-away point (only an agreement can do that)."""
        if not self.agreed:
            return ()
        return tuple(s for s in SIDES if getattr(self, s) < self.positions.walkaway(s) - 1e-9)

    @property
    def gains(self) -> tuple[float, float]:
        """Each side's value above its walk-away point ``(Microsoft, OpenAI)`` (negative when below)."""
        return (self.microsoft - self.positions.walkaway_microsoft, self.openai - self.positions.walkaway_openai)

    @property
    def openai_share(self) -> float | None:
        """OpenAI's share of the surplus over the two walk-away points ``g_O / (g_M + g_O)``; None when there
        is no surplus to share or a side is below its walk-away point."""
        g_m, g_o = self.gains
        if g_m + g_o <= 1e-9 or min(g_m, g_o) < -1e-9:
            return None
        return g_o / (g_m + g_o)


def score(case: Case, deal: Deal | None, rival: RivalTerms | None = None) -> Score:
    """Score an agreement (or an impasse, ``deal=None``) for both sides.

    Examples
    --------
    >>> from partnership.negotiation import STATUS_QUO, TOY_CASE
    >>> s = score(TOY_CASE, STATUS_QUO)
    >>> s.microsoft, s.openai, s.below_walkaway  # OpenAI's 52 is below the 60 of the dispute (see positions)
    (59.0, 52.0, ('openai',))
    >>> score(TOY_CASE, None).gains  # an impasse: each side gets its walk-away point
    (0.0, 0.0)
    """
    pos = positions(case, rival)
    if deal is None:
        return Score(False, pos.walkaway_microsoft, pos.walkaway_openai, pos, pos.walked)
    return Score(True, *values(case, deal, rival), pos)


def rival_value(case: Case, deal: Deal | None, rival: RivalTerms | None = None, walked: bool = False) -> float | None:
    """What the rival cloud gets: its value of stateful hosting less the payment, or of OpenAI's move less
    its offer; 0 if neither happens; None when no rival plays.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from partnership.negotiation import RivalRole, STATUS_QUO, TOY_CASE
    >>> rival_value(TOY_CASE, STATUS_QUO) is None  # no rival cloud team in the toy case
    True
    >>> three = replace(TOY_CASE, rival=RivalRole(stateful_value=10, partnership_value=50, budget=30))
    >>> rival_value(three, replace(STATUS_QUO, stateful_exclusive=False))  # hosting is worth 10; it pays 4
    6.0
    >>> rival_value(three, None, walked=True)  # OpenAI moves to it for the standing offer of 0
    50.0
    """
    if case.rival is None:
        return None
    payment, offer = case.rival_terms(rival)
    if deal is None:
        return float(case.rival.partnership_value - offer) if walked else 0.0
    return 0.0 if deal.stateful_exclusive else float(case.rival.stateful_value - payment)
