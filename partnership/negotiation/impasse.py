"""Without a deal: each side's threat point (the dispute) and outside option (walking away for good).

Without a deal the two go on under the October 2025 terms while disputing whether stateful products
are Azure-exclusive: each side's **threat point** is its expected value of that dispute, less its
cost. Each also has an **outside option**, what it gets by walking away for good (OpenAI's includes
the rival cloud's offer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..bargaining import bargain_with_outside_options
from ..scenarios import Scenario, expected_payoffs
from .roles import Case, MicrosoftRole, OpenAIRole, RivalTerms
from .terms import STATUS_QUO, Side, _side
from .valuation import own_value


@dataclass(frozen=True)
class Positions:
    """Each side's threat point (the dispute) and outside option (walking away for good).

    The walk-away points are what each side gets if the talks end without a deal, by the rule of
    :func:`partnership.bargaining.bargain_with_outside_options`: if either side's outside option beats
    its threat point, that side walks away and both get their outside options; otherwise both stay
    in the dispute with their threat points.
    """

    threat_microsoft: float
    threat_openai: float
    outside_microsoft: float
    outside_openai: float

    @property
    def walked(self) -> bool:
        """Whether, without a deal, a side walks away (OpenAI to the rival cloud, or Microsoft on its own)."""
        return self.outside_openai > self.threat_openai or self.outside_microsoft > self.threat_microsoft

    def _no_deal(self):
        # A surplus below the threat points' sum leaves no deal, so the course's own rule decides who walks.
        return bargain_with_outside_options(self.threat_openai + self.threat_microsoft - 1.0, self.threat_openai,
                                            self.threat_microsoft, self.outside_openai, self.outside_microsoft)

    @property
    def walkaway_microsoft(self) -> float:
        return self._no_deal().payoff_b

    @property
    def walkaway_openai(self) -> float:
        return self._no_deal().payoff_a

    def walkaway(self, side: Side) -> float:
        return self.walkaway_microsoft if _side(side) == "microsoft" else self.walkaway_openai


def threat_point(role: MicrosoftRole | OpenAIRole, rival_payment: float | None = None) -> float:
    """A side's value while the two disagree: the October 2025 terms with the stateful question in court.

    ``d = p · V(stateful exclusive) + (1 − p) · V(not exclusive) − dispute cost``, with the side's own
    belief ``p`` that Microsoft wins (:func:`partnership.scenarios.expected_payoffs`).

    Examples
    --------
    In :data:`TOY_CASE` each side gives the court even odds (the two values are those of :func:`values`):

    >>> from partnership.negotiation import TOY_CASE
    >>> threat_point(TOY_CASE.microsoft)  # 0.5 × 59 + 0.5 × 52 − 15.5
    40.0
    >>> threat_point(TOY_CASE.openai)  # 0.5 × 52 + 0.5 × 70 − 1
    60.0
    """
    excl, free = STATUS_QUO, replace(STATUS_QUO, stateful_exclusive=False)
    p = role.win_probability
    value, _ = expected_payoffs({"Microsoft wins": Scenario(p, own_value(role, excl, rival_payment), 0.0),
                                 "Microsoft loses": Scenario(1 - p, own_value(role, free, rival_payment), 0.0)})
    return value - role.dispute_cost


def positions(case: Case, rival: RivalTerms | None = None) -> Positions:
    """Both sides' threat points (:func:`threat_point`) and outside options (OpenAI's includes the rival's offer).

    Examples
    --------
    >>> from partnership.negotiation import TOY_CASE
    >>> pos = positions(TOY_CASE)
    >>> pos.threat_microsoft, pos.threat_openai, pos.walked  # neither outside option (0) beats a threat point
    (40.0, 60.0, False)
    >>> positions(TOY_CASE, RivalTerms(offer_bn=70)).walked  # 0 + 70 beats OpenAI's 60: it would leave
    True
    """
    payment, offer = case.rival_terms(rival)
    return Positions(threat_point(case.microsoft), threat_point(case.openai, payment),
                     case.microsoft.outside_option, case.openai.outside_option + offer)


def impasse_values(case: Case, rival: RivalTerms | None = None) -> tuple[float, float, bool]:
    """``(V_M, V_O, walked)`` without a deal: the walk-away points of :class:`Positions`.

    Examples
    --------
    >>> from partnership.negotiation import TOY_CASE
    >>> impasse_values(TOY_CASE)  # both stay in the dispute, with their threat points (see positions)
    (40.0, 60.0, False)
    >>> impasse_values(TOY_CASE, RivalTerms(offer_bn=70))  # OpenAI leaves for 70; Microsoft has its outside option
    (0.0, 70.0, True)
    """
    pos = positions(case, rival)
    return pos.walkaway_microsoft, pos.walkaway_openai, pos.walked
