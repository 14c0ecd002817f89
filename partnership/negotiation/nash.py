"""The Nash bargaining prediction over the frontier of possible agreements, with outside options.

The prediction uses the threat points and, by the outside-option principle, lets an outside option
count only when it beats the Nash outcome (Nash 1950; Binmore, Rubinstein & Wolinsky 1986;
:mod:`partnership.bargaining`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .._validate import finite, fraction
from ..bargaining import Binding
from .agreements import Agreement, Point, frontier
from .impasse import Positions, positions
from .roles import Case, RivalTerms


@dataclass(frozen=True)
class NashPrediction:
    """The Nash bargaining prediction among the possible agreements (``agreement`` None: no deal)."""

    agreement: Agreement | None
    binding: Binding
    positions: Positions

    @property
    def deal(self) -> bool:
        return self.agreement is not None

    @property
    def agreed(self) -> Agreement:
        """The predicted agreement; a ``ValueError`` where the prediction is no deal."""
        if self.agreement is None:
            raise ValueError("The Nash prediction here is no deal: there is no agreement to show.")
        return self.agreement


def nash_on_frontier(points: Sequence[Point], threat: Point, outside: Point, power_openai: float = 0.5) -> tuple[int | None, Binding]:
    """The generalised Nash solution on a finite set of points, with outside options: (index, binding).

    As :func:`partnership.bargaining.bargain_with_outside_options` does on a straight frontier: first
    maximise ``(u_O − d_O)^β (u_M − d_M)^(1−β)`` over the points that give both their threat points;
    an outside option counts only if it beats that, and then its holder gets the point closest to
    its outside option (the other side the most that leaves, at least its own outside option). No
    point giving both their threat points, or none giving both their outside options: no deal.
    Points are ``(u_M, u_O)``; OpenAI is A and Microsoft B.

    Examples
    --------
    >>> points = [(10, 0), (5, 5), (0, 10)]
    >>> nash_on_frontier(points, threat=(0, 0), outside=(0, 0))  # 5 × 5 beats 10 × 0 and 0 × 10
    (1, 'neither')
    >>> nash_on_frontier(points, threat=(0, 0), outside=(0, 7))  # OpenAI can walk away with 7, more than 5
    (2, "A's outside option")
    """
    beta = fraction("OpenAI's bargaining power", power_openai)
    (d_m, d_o), (o_m, o_o) = threat, outside
    pts = [(finite("Microsoft's value", m), finite("OpenAI's value", o)) for m, o in points]
    above_threats = [k for k, (m, o) in enumerate(pts) if m >= d_m and o >= d_o]
    above_outside = [k for k, (m, o) in enumerate(pts) if m >= o_m and o >= o_o]
    if not above_threats or not above_outside:
        return None, "no deal"

    def product(k: int) -> float:
        m, o = pts[k]
        return (o - d_o) ** beta * (m - d_m) ** (1 - beta)

    # Ties (a flat Nash product) go to the larger joint value, then to the earlier point.
    best = max(above_threats, key=lambda k: (product(k), pts[k][0] + pts[k][1], -k))
    if pts[best][1] < o_o:
        return max(above_outside, key=lambda k: (pts[k][0], -pts[k][1], -k)), "A's outside option"
    if pts[best][0] < o_m:
        return max(above_outside, key=lambda k: (pts[k][1], -pts[k][0], -k)), "B's outside option"
    return best, "neither"


def nash_prediction(case: Case, rival: RivalTerms | None = None) -> NashPrediction:
    """The Nash bargaining prediction over the frontier of possible agreements (see :func:`nash_on_frontier`).

    Examples
    --------
    In :data:`TOY_CASE` the threat points are 40 and 60 (:func:`positions`) and the two make at most
    130 together (:func:`all_agreements`): equal powers split the gains of 130 − 40 − 60 = 30 evenly
    (as for :func:`frontier`, the doctests skip these examples and the tests run them):

    >>> nash = nash_prediction(TOY_CASE)  # doctest: +SKIP
    >>> nash.agreed.point, nash.binding  # doctest: +SKIP
    ((55.0, 75.0), 'neither')
    """
    pos = positions(case, rival)
    agreements = frontier(case, rival)
    k, binding = nash_on_frontier([a.point for a in agreements], (pos.threat_microsoft, pos.threat_openai),
                                  (pos.outside_microsoft, pos.outside_openai), case.power_openai)
    return NashPrediction(None if k is None else agreements[k], binding, pos)
