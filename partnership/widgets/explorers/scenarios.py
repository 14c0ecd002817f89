"""The scenarios explorer: each side's expected value over the partnership's three futures (chapters/future.md).

A view over :func:`partnership.scenarios.expected_payoffs`.
"""

from __future__ import annotations

from ...scenarios import expected_payoffs, partnership_scenarios
from ..formatting import fmt_money
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Series, View
from .common import STYLE_A, STYLE_B, A, B, steps

SCENARIO_NAMES = ("renegotiate", "status quo", "separation")
SCENARIO_LABELS = {"renegotiate": "Renegotiation", "status quo": "Status quo", "separation": "Separation"}


def _tree(p: Params):
    return partnership_scenarios(
        p["p_renegotiate"],
        p["p_status_quo"],
        p["p_separation"],
        {
            "renegotiate": (p["renegotiate_a"], p["renegotiate_b"]),
            "status quo": (p["status_quo_a"], p["status_quo_b"]),
            "separation": (p["separation_a"], p["separation_b"]),
        },
    )


def _compute_scenarios(p: Params) -> View:
    tree = _tree(p)
    e_a, e_b = expected_payoffs(tree)
    likely = max(SCENARIO_NAMES, key=lambda n: tree[n].probability)
    return View(
        numbers=(
            KeyNumber(f"{A}'s expected value", fmt_money(e_a), e_a),
            KeyNumber(f"{B}'s expected value", fmt_money(e_b), e_b),
        ),
        reading=(
            "Each expected value weights the three futures by their probabilities; the most likely future here "
            f"is {SCENARIO_LABELS[likely].lower()}."
        ),
        chart=ChartData(
            kind="bar",
            x=tuple(SCENARIO_LABELS[n] for n in SCENARIO_NAMES) + ("Expected value",),
            series=(
                Series(A, tuple(tree[n].payoff_a for n in SCENARIO_NAMES) + (e_a,), STYLE_A),
                Series(B, tuple(tree[n].payoff_b for n in SCENARIO_NAMES) + (e_b,), STYLE_B),
            ),
            x_label="",
            y_label="Value to each side ($bn, NPV)",
            alt=(
                f"Grouped bar chart of {A}'s and {B}'s payoffs in each future and their expected values; the "
                "expected values are listed in the key numbers."
            ),
        ),
    )


_PROB = steps(0, 1, 0.1)

SCENARIOS = ExplorerSpec(
    id="scenarios",
    title="Three futures for the partnership: expected values",
    description=(
        "The partnership may be renegotiated, carry on under the status quo, or end in separation. Set how "
        "likely each future is (they must add up to 100%) and what each side gets in it (hypothetical NPVs, $bn)."
    ),
    controls=(
        Control("p_renegotiate", "Probability of renegotiation (%)", 0.5, 0, 1, 0.05, grid=_PROB, fmt="{:.0%}",
                noun="the probability of renegotiation"),
        Control("p_status_quo", "Probability of the status quo (%)", 0.3, 0, 1, 0.05, grid=_PROB, fmt="{:.0%}",
                noun="the probability of the status quo"),
        Control("p_separation", "Probability of separation (%)", 0.2, 0, 1, 0.05, grid=_PROB, fmt="{:.0%}",
                noun="the probability of separation"),
        Control("renegotiate_a", f"{A}'s payoff if renegotiated ($bn)", 120, -50, 300, 5, fmt="${:g}bn"),
        Control("renegotiate_b", f"{B}'s payoff if renegotiated ($bn)", 100, -50, 300, 5, fmt="${:g}bn"),
        Control("status_quo_a", f"{A}'s payoff under the status quo ($bn)", 80, -50, 300, 5, fmt="${:g}bn"),
        Control("status_quo_b", f"{B}'s payoff under the status quo ($bn)", 90, -50, 300, 5, fmt="${:g}bn"),
        Control("separation_a", f"{A}'s payoff if separated ($bn)", 60, -50, 300, 5, grid=(30, 60, 90),
                fmt="${:g}bn"),
        Control("separation_b", f"{B}'s payoff if separated ($bn)", 40, -50, 300, 5, grid=(20, 40, 60),
                fmt="${:g}bn"),
    ),
    compute=_compute_scenarios,
    headlines=(
        Headline(f"{A}'s expected value", lambda p: expected_payoffs(_tree(p))[0]),
        Headline(f"{B}'s expected value", lambda p: expected_payoffs(_tree(p))[1]),
    ),
)
