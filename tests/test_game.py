import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from partnership.bargaining import bargain_with_outside_options, nash_split
from partnership.game import (
    AFTER_CONCEDE,
    AFTER_RENEGOTIATE,
    AFTER_SUE,
    MICROSOFT,
    ROOT,
    Decision,
    GameParameters,
    Outcome,
    renegotiation_game,
    solve,
    solve_renegotiation_game,
)

money = st.floats(min_value=-100, max_value=100, allow_nan=False)


def test_textbook_entry_game():
    # The entrant enters or stays out (0, 4); the incumbent fights (−1, 1) or accommodates (1, 2).
    tree = Decision("entrant", "A", (
        ("out", Outcome("out", 0, 4)),
        ("in", Decision("incumbent", "B", (("fight", Outcome("fight", -1, 1)), ("accommodate", Outcome("acc", 1, 2))))),
    ))
    sol = solve(tree)
    assert sol.path == ("in", "accommodate") and (sol.payoff_a, sol.payoff_b) == (1, 2)
    assert sol.plan == {"incumbent": "accommodate", "entrant": "in"}


def test_ties_go_to_the_first_move():
    tree = Decision("d", "A", (("left", Outcome("l", 1, 0)), ("right", Outcome("r", 1, 5))))
    assert solve(tree).path == ("left",)


def test_hand_solved_renegotiation_game():
    # Defaults: S = 100, x = 0.45, g = 10, ℓ = 15, o = (58, 30), p = 0.4, c = 5, f = 1, β = 0.5.
    # Status quo (45, 55); conceded (55, 40): OpenAI leaves (58 > 55), so conceding gives (58, 30).
    # Renegotiating: Nash over (55, 40) is (57.5, 42.5), but o_A = 58 binds: (58, 42).
    # Suing: trial 0.4·(45, 55) + 0.6·(55, 40) − 5 = (46, 41); settlement's Nash (52.5, 47.5),
    # o_A = 58 binds: (58, 42), less the filing cost 1: (58, 41). Microsoft renegotiates (42 > 41 > 30).
    sol = solve_renegotiation_game()
    assert sol.path == ("sign with Amazon", "renegotiate", "accept")
    assert (sol.payoff_a, sol.payoff_b) == pytest.approx((58, 42))
    assert sol.values[AFTER_CONCEDE] == pytest.approx((58, 30))
    assert sol.values[AFTER_SUE] == pytest.approx((58, 41))
    assert sol.plan[AFTER_SUE] == "settle" and sol.plan[AFTER_CONCEDE] == "leave"
    # Microsoft preferred the status quo (55), which the Amazon deal took off the table.
    assert sol.payoff_b < 55


def test_with_a_weak_amazon_option_a_lawsuit_pays():
    # o_A = 40 no longer binds: suing moves the threat points, settling gives (52.5, 47.5 − 1).
    sol = solve_renegotiation_game(GameParameters(outside_a=40))
    assert sol.path == ("sign with Amazon", "sue", "settle")
    assert (sol.payoff_a, sol.payoff_b) == pytest.approx((52.5, 46.5))


params = st.builds(
    GameParameters,
    surplus=st.floats(0, 200),
    status_quo_share_a=st.floats(0, 1),
    leak_gain_a=st.floats(0, 30),
    leak_loss_b=st.floats(0, 30),
    outside_a=st.floats(0, 120),
    outside_b=st.floats(0, 120),
    win_probability=st.floats(0, 1),
    trial_cost=st.floats(0, 20),
    filing_cost=st.floats(0, 5),
    power_a=st.floats(0, 1),
)


def _check_subgame_perfect(node, sol):
    """Every mover's chosen move pays it at least as much as any other, given play after it."""
    if isinstance(node, Outcome):
        return node.payoff_a, node.payoff_b
    worth = {name: _check_subgame_perfect(child, sol) for name, child in node.moves}
    me = 0 if node.player == "A" else 1
    chosen = worth[sol.plan[node.label]]
    assert all(chosen[me] >= w[me] - 1e-9 for w in worth.values())
    assert sol.values[node.label] == pytest.approx(chosen)
    return chosen


@given(params)
def test_the_solution_is_subgame_perfect(p):
    tree = renegotiation_game(p)
    sol = solve(tree)
    assert (sol.payoff_a, sol.payoff_b) == pytest.approx(sol.values[ROOT])
    _check_subgame_perfect(tree, sol)


@given(params)
def test_openai_never_does_worse_than_the_status_quo_or_its_outside_option_after_signing(p):
    sol = solve_renegotiation_game(p)
    assert sol.payoff_a >= p.status_quo_share_a * p.surplus - 1e-9
    if sol.path[0] == "sign with Amazon":
        assert sol.payoff_a >= p.outside_a - 1e-9


def _conceded(p):
    s, x = p.surplus, p.status_quo_share_a
    return x * s + p.leak_gain_a, (1 - x) * s - p.leak_loss_b


@st.composite
def binding_amazon_option(draw):
    """Parameters under which OpenAI's outside option binds in the renegotiation: ``o_A`` above the Nash
    split over the conceded payoffs, and low enough (with Microsoft's ``o_B``) to leave a deal.

    Drawn this way rather than filtered from ``params``, where it holds in about one draw in fifteen; never
    the whole room, where o_A + o_B = S and rounding decides between a deal and none (Hypothesis found it).
    """
    p = draw(params)
    nash = nash_split(p.surplus, *_conceded(p), p.power_a)
    room = p.surplus - p.outside_b - nash.payoff_a  # how far o_A can rise above the split and keep a deal
    assume(nash.deal and room > 1e-6)
    outside_a = nash.payoff_a + draw(st.floats(0.01, 0.99)) * room
    return dataclasses.replace(p, outside_a=outside_a, filing_cost=draw(st.floats(0.01, 5)))


@given(binding_amazon_option())
def test_a_lawsuit_buys_nothing_once_the_amazon_option_binds(p):
    # If OpenAI's outside option beats both Nash splits, it is paid o_A whether Microsoft sues or not,
    # so suing only costs the filing fee: Microsoft never strictly prefers it to renegotiating.
    reneg = bargain_with_outside_options(p.surplus, *_conceded(p), p.outside_a, p.outside_b, p.power_a)
    assert reneg.deal and reneg.binding == "A's outside option", "the strategy draws only such parameters"
    sol = solve_renegotiation_game(p)
    assert sol.values[MICROSOFT][1] >= sol.values[AFTER_SUE][1]
    assert sol.values[AFTER_RENEGOTIATE][1] >= sol.values[AFTER_SUE][1] - 1e-9


def test_invalid_trees_and_parameters():
    with pytest.raises(ValueError, match="has no moves"):
        solve(Decision("empty", "A", ()))
    with pytest.raises(ValueError, match="must be 'A' or 'B'"):
        solve(Decision("d", "C", (("x", Outcome("x", 0, 0)),)))
    with pytest.raises(ValueError, match="Two decision nodes are both called 'd'"):
        solve(Decision("d", "A", (("x", Decision("d", "B", (("y", Outcome("y", 0, 0)),))),)))
    with pytest.raises(ValueError, match="finite number"):
        solve(Outcome("bad", float("nan"), 0))
    with pytest.raises(ValueError, match="probability that Microsoft wins in court must lie in"):
        GameParameters(win_probability=1.5)
    with pytest.raises(ValueError, match="cost of a trial to each side cannot be negative"):
        GameParameters(trial_cost=-1)


@given(params)
def test_every_outcome_reached_is_feasible(p):
    # Payoffs at the end of the game never add up to more than the partnership, the conceded contract
    # (S + g − ℓ) or the outside options give.
    sol = solve_renegotiation_game(p)
    best_total = max(p.surplus, p.surplus + p.leak_gain_a - p.leak_loss_b, p.outside_a + p.outside_b)
    assert sol.payoff_a + sol.payoff_b <= best_total + 1e-6


def test_no_terms_to_accept_when_the_outside_options_exceed_the_pie():
    sol = solve_renegotiation_game(GameParameters(outside_a=80))  # 80 + 30 > 100
    assert sol.plan["OpenAI, after Microsoft offers to renegotiate"] == "leave"
    assert (sol.payoff_a, sol.payoff_b) == pytest.approx((80, 30))
