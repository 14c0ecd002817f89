"""A game students can solve: a finite game tree with two players, solved by backward induction.

:func:`solve` finds the subgame-perfect equilibrium of any finite tree of :class:`Decision` and
:class:`Outcome` nodes (Selten 1965): at each decision node, starting from the last, the
player to move picks the move whose continuation pays it most (ties go to the move listed first).

:func:`renegotiation_game` builds the course's game about April 2026. OpenAI (A) first decides
whether to sign with Amazon or keep the status quo. If it signs, Microsoft (B) chooses to concede,
sue or renegotiate, and OpenAI responds. Its payoffs come from the course's models: a lawsuit's
value is an expected value over winning and losing (:mod:`partnership.scenarios`), and a
renegotiation or settlement is the Nash split over the threat points, constrained by the outside
options (:func:`partnership.bargaining.bargain_with_outside_options`). All parameter values are
hypothetical teaching values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from ._validate import finite, fraction, non_negative
from .bargaining import OutsideOptionOutcome, bargain_with_outside_options
from .scenarios import Scenario, expected_payoffs

Player = Literal["A", "B"]


@dataclass(frozen=True)
class Outcome:
    """A leaf of the tree: how the game ends and what each player gets."""

    label: str
    payoff_a: float
    payoff_b: float


@dataclass(frozen=True)
class Decision:
    """A node where ``player`` chooses one of ``moves``: ``(move name, what follows)`` pairs."""

    label: str
    player: Player
    moves: tuple[tuple[str, "Node"], ...]


Node = Union[Outcome, Decision]


@dataclass(frozen=True)
class Solution:
    """The subgame-perfect equilibrium of a tree.

    ``path`` is the sequence of moves actually played from the root, ``outcome`` the leaf reached and
    ``plan`` the move chosen at *every* decision node (also those off the path), keyed by node label;
    ``values`` gives each decision node's equilibrium payoffs ``(A, B)``.
    """

    payoff_a: float
    payoff_b: float
    path: tuple[str, ...]
    outcome: str
    plan: dict[str, str]
    values: dict[str, tuple[float, float]]


def _check_tree(node: Node, seen: set[str]) -> None:
    if isinstance(node, Outcome):
        finite(f"A's payoff in '{node.label}'", node.payoff_a)
        finite(f"B's payoff in '{node.label}'", node.payoff_b)
        return
    if not isinstance(node, Decision):
        raise ValueError(f"Every node must be a Decision or an Outcome, got {node!r}.")
    if node.player not in ("A", "B"):
        raise ValueError(f"The player at '{node.label}' must be 'A' or 'B', got {node.player!r}.")
    if node.label in seen:
        raise ValueError(f"Two decision nodes are both called '{node.label}': give each a name of its own.")
    seen.add(node.label)
    if not node.moves:
        raise ValueError(f"The decision '{node.label}' has no moves: a player must have something to choose.")
    names = [name for name, _ in node.moves]
    if len(set(names)) != len(names):
        raise ValueError(f"The decision '{node.label}' lists the same move twice.")
    for _, child in node.moves:
        _check_tree(child, seen)


def solve(tree: Node) -> Solution:
    """Backward induction: the subgame-perfect equilibrium of a finite two-player tree with perfect information.

    At a decision node of player ``i`` with moves ``m`` leading to subtrees with equilibrium payoffs
    ``v(m)``, ``i`` plays ``argmax_m v_i(m)`` (the first such move on a tie), and the node is worth
    ``v(m*)`` (Selten 1965).

    Examples
    --------
    Entry deterrence: if A enters, B would rather accommodate (1) than fight (−1), so the threat to
    fight is not credible and A enters (1 beats the 0 of staying out):

    >>> after_entry = Decision("B, after entry", "B", (("fight", Outcome("price war", -1, -1)),
    ...                                                ("accommodate", Outcome("shared market", 1, 1))))
    >>> tree = Decision("A: enter?", "A", (("enter", after_entry), ("stay out", Outcome("monopoly", 0, 2))))
    >>> s = solve(tree)
    >>> s.path, s.outcome, (s.payoff_a, s.payoff_b)
    (('enter', 'accommodate'), 'shared market', (1, 1))
    >>> s.plan
    {'B, after entry': 'accommodate', 'A: enter?': 'enter'}
    """
    _check_tree(tree, set())
    plan: dict[str, str] = {}
    values: dict[str, tuple[float, float]] = {}

    def walk(node: Node) -> tuple[float, float, tuple[str, ...], str]:
        if isinstance(node, Outcome):
            return node.payoff_a, node.payoff_b, (), node.label
        best = None
        for name, child in node.moves:
            a, b, path, leaf = walk(child)
            mine = a if node.player == "A" else b
            if best is None or mine > best[0]:
                best = (mine, a, b, (name,) + path, leaf, name)
        if best is None:  # unreachable: _check_tree refuses a decision without moves
            raise ValueError(f"The decision '{node.label}' has no moves: a player must have something to choose.")
        _, a, b, path, leaf, name = best
        plan[node.label] = name
        values[node.label] = (a, b)
        return a, b, path, leaf

    a, b, path, leaf = walk(tree)
    return Solution(payoff_a=a, payoff_b=b, path=path, outcome=leaf, plan=plan, values=values)


# --- the course's game: after OpenAI's deal with Amazon --------------------------------------------------

ROOT = "OpenAI: sign with Amazon?"
MICROSOFT = "Microsoft: respond to the Amazon deal"
AFTER_CONCEDE = "OpenAI, after Microsoft concedes"
AFTER_SUE = "OpenAI, after Microsoft sues"
AFTER_RENEGOTIATE = "OpenAI, after Microsoft offers to renegotiate"
MICROSOFT_MOVES: tuple[str, ...] = ("concede", "sue", "renegotiate")
RESPONSE_NODES = {"concede": AFTER_CONCEDE, "sue": AFTER_SUE, "renegotiate": AFTER_RENEGOTIATE}


@dataclass(frozen=True)
class GameParameters:
    """The payoffs' ingredients (hypothetical, $bn of NPV); see :func:`renegotiation_game`."""

    surplus: float = 100.0
    status_quo_share_a: float = 0.45
    leak_gain_a: float = 10.0
    leak_loss_b: float = 15.0
    outside_a: float = 58.0
    outside_b: float = 30.0
    win_probability: float = 0.4
    trial_cost: float = 5.0
    filing_cost: float = 1.0
    power_a: float = 0.5

    def __post_init__(self) -> None:
        finite("The joint surplus", self.surplus)
        fraction("OpenAI's share of the surplus under the status quo", self.status_quo_share_a)
        non_negative("What OpenAI gains by moving work to Amazon", self.leak_gain_a)
        non_negative("What Microsoft loses when OpenAI moves work to Amazon", self.leak_loss_b)
        finite("OpenAI's outside option", self.outside_a)
        finite("Microsoft's outside option", self.outside_b)
        fraction("The probability that Microsoft wins in court", self.win_probability)
        non_negative("The cost of a trial to each side", self.trial_cost)
        non_negative("Microsoft's cost of filing suit", self.filing_cost)
        fraction("OpenAI's bargaining power", self.power_a)


def status_quo_payoffs(params: GameParameters | None = None) -> tuple[float, float]:
    """``(x S, (1 − x) S)``: what each side gets if OpenAI does not sign with Amazon.

    Examples
    --------
    >>> status_quo_payoffs(GameParameters(surplus=100.0, status_quo_share_a=0.25))
    (25.0, 75.0)
    """
    p = params or GameParameters()
    return p.status_quo_share_a * p.surplus, (1 - p.status_quo_share_a) * p.surplus


def bargains(params: GameParameters | None = None) -> dict[str, OutsideOptionOutcome]:
    """The two bargains in the game: ``"renegotiate"`` (threat points: the conceded payoffs) and
    ``"settle"`` (threat points: the trial's expected payoffs), both constrained by the outside options.

    Examples
    --------
    With the default (hypothetical) parameters the conceded payoffs are ``(45 + 10, 55 − 15) = (55, 40)``,
    whose Nash split ``(57.5, 42.5)`` gives OpenAI less than its outside option of 58, which binds:

    >>> deal = bargains()["renegotiate"]
    >>> deal.nash_payoff_a, deal.payoff_a, deal.payoff_b, deal.binding
    (57.5, 58.0, 42.0, "A's outside option")
    """
    p = params or GameParameters()
    return {"renegotiate": bargain_with_outside_options(p.surplus, *_conceded(p), p.outside_a, p.outside_b, p.power_a),
            "settle": bargain_with_outside_options(p.surplus, *_trial(p), p.outside_a, p.outside_b, p.power_a)}


def _conceded(p: GameParameters) -> tuple[float, float]:
    sq_a, sq_b = status_quo_payoffs(p)
    return sq_a + p.leak_gain_a, sq_b - p.leak_loss_b


def _trial(p: GameParameters) -> tuple[float, float]:
    trial_a, trial_b = expected_payoffs({
        "Microsoft wins": Scenario(p.win_probability, *status_quo_payoffs(p)),
        "Microsoft loses": Scenario(1 - p.win_probability, *_conceded(p)),
    })
    return trial_a - p.trial_cost, trial_b - p.trial_cost


def renegotiation_game(params: GameParameters | None = None) -> Decision:
    """The tree: OpenAI signs with Amazon or not; Microsoft concedes, sues or renegotiates; OpenAI responds.

    With ``S`` the partnership's value on agreed terms and ``x`` OpenAI's share under the old contract:

    * status quo (OpenAI does not sign): ``(x S, (1 − x) S)``;
    * conceded: OpenAI stays and moves work to Amazon, ``(x S + g, (1 − x) S − ℓ)``, or leaves, ``(o_A, o_B)``;
    * renegotiated: OpenAI accepts the Nash split over the conceded payoffs (the threat points if talks
      fail), constrained by the outside options, or leaves (the only move if no deal is possible);
    * sued: Microsoft pays the filing cost ``f``; the trial is worth ``p ·`` status quo ``+ (1 − p) ·``
      conceded, less the trial cost ``c`` to each; OpenAI settles (the Nash split over the trial's
      payoffs, constrained by the outside options), fights, or leaves.

    Examples
    --------
    >>> tree = renegotiation_game()
    >>> tree.label, [move for move, _ in tree.moves]
    ('OpenAI: sign with Amazon?', ['keep the status quo', 'sign with Amazon'])
    """
    p = params or GameParameters()
    status_quo, conceded, trial = status_quo_payoffs(p), _conceded(p), _trial(p)
    leave = (p.outside_a, p.outside_b)
    deals = bargains(p)
    renegotiated, settled = deals["renegotiate"], deals["settle"]
    f = p.filing_cost

    def leaf(label: str, a: float, b: float) -> Outcome:
        return Outcome(label, a, b)

    concede = Decision(AFTER_CONCEDE, "A", (
        ("stay", leaf("conceded: OpenAI stays and moves work to Amazon", *conceded)),
        ("leave", leaf("conceded: OpenAI leaves for Amazon", *leave)),
    ))
    # A bargain with no deal offers no terms to accept or settle on: only the other moves remain.
    accept = (("accept", leaf("renegotiated terms", renegotiated.payoff_a, renegotiated.payoff_b)),)
    renegotiate = Decision(AFTER_RENEGOTIATE, "A", (accept if renegotiated.deal else ()) + (
        ("leave", leaf("talks fail: OpenAI leaves for Amazon", *leave)),
    ))
    settle = (("settle", leaf("settled under the lawsuit", settled.payoff_a, settled.payoff_b - f)),)
    sue = Decision(AFTER_SUE, "A", (settle if settled.deal else ()) + (
        ("fight", leaf("the case goes to trial", trial[0], trial[1] - f)),
        ("leave", leaf("sued: OpenAI leaves for Amazon", leave[0], leave[1] - f)),
    ))
    microsoft = Decision(MICROSOFT, "B", (("concede", concede), ("sue", sue), ("renegotiate", renegotiate)))
    return Decision(ROOT, "A", (
        ("keep the status quo", leaf("status quo: no Amazon deal", *status_quo)),
        ("sign with Amazon", microsoft),
    ))


def solve_renegotiation_game(params: GameParameters | None = None) -> Solution:
    """The subgame-perfect equilibrium of :func:`renegotiation_game`.

    Examples
    --------
    With the default parameters, Microsoft gets 30 if it concedes (OpenAI leaves), 41 if it sues (OpenAI
    settles at 58 and 42, less the filing cost of 1) and 42 if it renegotiates (OpenAI accepts 58 and 42):
    it renegotiates, and OpenAI's 58 beats the 45 of the status quo:

    >>> s = solve_renegotiation_game()
    >>> s.path, (s.payoff_a, s.payoff_b)
    (('sign with Amazon', 'renegotiate', 'accept'), (58.0, 42.0))
    """
    return solve(renegotiation_game(params))
