"""The renegotiation explorer: after the Amazon deal, sue, renegotiate or concede, solved by backward induction (chapters/future.md).

A view over :func:`partnership.game.solve_renegotiation_game`.
"""

from __future__ import annotations

from ...game import (
    MICROSOFT,
    MICROSOFT_MOVES,
    RESPONSE_NODES,
    GameParameters,
    bargains,
    solve_renegotiation_game,
    status_quo_payoffs,
)
from ..formatting import fmt_money
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Series, View
from .common import STYLE_A, STYLE_B, A, B, yes_no

MOVE_TEXT = {"concede": "concede", "sue": "sue", "renegotiate": "renegotiate"}
RESPONSE_TEXT = {
    "stay": "stay and move work to Amazon", "leave": "leave for Amazon", "accept": "accept the new terms",
    "settle": "settle", "fight": "fight the case in court",
}


def _game_params(p: Params) -> GameParameters:
    return GameParameters(
        surplus=p["surplus"], status_quo_share_a=p["status_quo_share_a"], leak_gain_a=p["leak_gain_a"],
        leak_loss_b=p["leak_loss_b"], outside_a=p["outside_a"], outside_b=p["outside_b"],
        win_probability=p["win_probability"], trial_cost=p["trial_cost"], filing_cost=p["filing_cost"],
        power_a=p["power_a"],
    )


def _compute_renegotiation(p: Params) -> View:
    params = _game_params(p)
    sol = solve_renegotiation_game(params)
    sq_a, sq_b = status_quo_payoffs(params)
    deals = bargains(params)
    branch = {m: sol.values[RESPONSE_NODES[m]] for m in MICROSOFT_MOVES}
    ms_move = sol.plan[MICROSOFT]
    response = sol.plan[RESPONSE_NODES[ms_move]]
    signs = sol.path[0] == "sign with Amazon"
    after_signing = sol.values[MICROSOFT]
    if signs:
        first = (f"{A} signs with Amazon: the game that follows pays it {fmt_money(after_signing[0])}, against "
                 f"{fmt_money(sq_a)} under the status quo.")
    else:
        first = (f"{A} keeps the status quo ({fmt_money(sq_a)}): signing with Amazon would pay it only "
                 f"{fmt_money(after_signing[0])} once {B} responds.")
    others = [m for m in MICROSOFT_MOVES if m != ms_move]
    second = (
        f"{'After the deal, ' if signs else 'Had it signed, '}{B}'s best response is to {MOVE_TEXT[ms_move]} "
        f"({fmt_money(branch[ms_move][1])}; {A} would {RESPONSE_TEXT[response]}), against "
        + " and ".join(f"{fmt_money(branch[m][1])} if it chose to {MOVE_TEXT[m]} ({A} would "
                       f"{RESPONSE_TEXT[sol.plan[RESPONSE_NODES[m]]]})" for m in others) + "."
    )
    parts = [first, second]
    if deals["renegotiate"].binding == "A's outside option" and deals["settle"].binding == "A's outside option":
        parts.append(
            f"{A}'s Amazon option binds in both bargains: it is paid {fmt_money(p['outside_a'])} whether {B} "
            "sues or not, so a lawsuit, which moves only the threat points, buys nothing but its cost."
        )
    if signs and sq_b > after_signing[1]:
        parts.append(f"{B} would rather have kept the status quo ({fmt_money(sq_b)}), but once {A} has "
                     "signed, the status quo is no longer one of its choices.")
    return View(
        numbers=(
            KeyNumber(f"{A}'s payoff", fmt_money(sol.payoff_a), sol.payoff_a),
            KeyNumber(f"{B}'s payoff", fmt_money(sol.payoff_b), sol.payoff_b),
            KeyNumber(f"{A} signs with Amazon", yes_no(signs), signs),
            KeyNumber(f"{B}'s move", MOVE_TEXT[ms_move], ms_move),
            KeyNumber(f"{A}'s response", RESPONSE_TEXT[response], response),
            KeyNumber(f"{B}'s status-quo payoff", fmt_money(sq_b), sq_b),
        ),
        reading_parts=tuple(parts),
        chart=ChartData(
            kind="bar",
            x=("Status quo", "Concede", "Sue", "Renegotiate"),
            series=(
                Series(A, (sq_a,) + tuple(branch[m][0] for m in MICROSOFT_MOVES), STYLE_A),
                Series(B, (sq_b,) + tuple(branch[m][1] for m in MICROSOFT_MOVES), STYLE_B),
            ),
            x_label=f"The status quo, and {B}'s three responses to the Amazon deal",
            y_label="Payoff ($bn, NPV)",
            alt=(
                f"Grouped bar chart of {A}'s and {B}'s payoffs under the status quo and after each of {B}'s three "
                f"responses to the Amazon deal, given {A}'s best reply; the equilibrium is listed in the key numbers."
            ),
        ),
    )


RENEGOTIATION = ExplorerSpec(
    id="renegotiation",
    title="After the Amazon deal: sue, renegotiate or concede?",
    description=(
        f"A game solved by backward induction. {A} chooses whether to sign with Amazon; if it does, {B} concedes, "
        f"sues or offers to renegotiate, and {A} responds. Renegotiation and settlement are Nash bargains over the "
        "threat points (the conceded contract, or the trial), constrained by the outside options. All values are "
        "hypothetical ($bn of NPV)."
    ),
    controls=(
        Control("outside_a", f"{A}'s outside option: leaving for Amazon ($bn)", 58, 0, 120, 1,
                grid=(40, 50, 55, 58, 65), fmt="${:g}bn", noun=f"{A}'s outside option"),
        Control("outside_b", f"{B}'s outside option: going it alone ($bn)", 30, 0, 120, 1, grid=(20, 30, 40),
                fmt="${:g}bn", noun=f"{B}'s outside option"),
        Control("win_probability", f"Chance {B} wins in court (%)", 0.4, 0, 1, 0.05, grid=(0.2, 0.4, 0.6, 0.8),
                fmt="{:.0%}", noun=f"{B}'s chance in court"),
        Control("trial_cost", "Cost of a trial to each side ($bn)", 5, 0, 20, 1, grid=(2, 5, 10), fmt="${:g}bn",
                noun="the cost of a trial"),
        Control("power_a", f"{A}'s bargaining power β (0 to 1)", 0.5, 0, 1, 0.05, grid=(0.25, 0.5, 0.75),
                fmt="{:.2f}", noun=f"{A}'s bargaining power"),
        Control("filing_cost", f"{B}'s cost of filing suit ($bn)", 1, 0, 10, 0.5, fmt="${:g}bn",
                noun="the cost of filing"),
        Control("surplus", "Value of the partnership on agreed terms ($bn)", 100, 0, 200, 5, fmt="${:g}bn",
                noun="the partnership's value"),
        Control("status_quo_share_a", f"{A}'s share under the old contract (%)", 0.45, 0, 1, 0.05, fmt="{:.0%}",
                noun=f"{A}'s share under the old contract"),
        Control("leak_gain_a", f"What {A} gains by moving work to Amazon ($bn)", 10, 0, 50, 1, fmt="${:g}bn",
                noun=f"what {A} gains by moving work"),
        Control("leak_loss_b", f"What {B} loses when {A} moves work to Amazon ($bn)", 15, 0, 50, 1, fmt="${:g}bn",
                noun=f"what {B} loses"),
    ),
    compute=_compute_renegotiation,
    headlines=(Headline(f"{B}'s payoff", lambda p: solve_renegotiation_game(_game_params(p)).payoff_b),),
)
