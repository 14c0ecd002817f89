"""The alternating-offers explorer: patience is bargaining power (chapters/revenue.md).

A view over :func:`partnership.bargaining.rubinstein_shares`.
"""

from __future__ import annotations

from ...bargaining import rubinstein_shares
from ..formatting import fmt_pct
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Series, View
from .common import STYLE_NEUTRAL, A, B, steps


def _compute_rubinstein(p: Params) -> View:
    share_a, share_b = rubinstein_shares(p["delta_a"], p["delta_b"])
    if abs(share_a - 0.5) < 1e-12:
        reading = f"{A}, which makes the first offer, gets exactly half of the pie."
    else:
        reading = f"{A}, which makes the first offer, gets {'more' if share_a > 0.5 else 'less'} than half of the pie."
    return View(
        numbers=(
            KeyNumber(f"{A}'s share", fmt_pct(share_a, 1), share_a),
            KeyNumber(f"{B}'s share", fmt_pct(share_b, 1), share_b),
        ),
        reading=reading,
        chart=ChartData(
            kind="bar",
            x=(A, B),
            series=(Series("Share of the pie", (share_a, share_b), STYLE_NEUTRAL),),
            x_label="",
            y_label="Share of the pie",
            alt=f"Bar chart of {A}'s and {B}'s shares of the pie; the values are listed in the key numbers.",
        ),
    )


RUBINSTEIN = ExplorerSpec(
    id="rubinstein",
    title="Alternating offers: patience is bargaining power",
    description=(
        f"{A} and {B} take turns proposing how to split a pie; every round of delay shrinks its value to "
        "each side by its discount factor. The subgame-perfect split is agreed at once."
    ),
    controls=(
        Control("delta_a", f"{A}'s discount factor δ_A (per round)", 0.9, 0, 0.99, 0.01, grid=steps(0, 0.95, 0.05),
                fmt="{:.2f}", noun=f"{A}'s patience"),
        Control("delta_b", f"{B}'s discount factor δ_B (per round)", 0.9, 0, 0.99, 0.01, grid=steps(0, 0.95, 0.05),
                fmt="{:.2f}", noun=f"{B}'s patience"),
    ),
    compute=_compute_rubinstein,
    headlines=(Headline(f"{A}'s share", lambda p: rubinstein_shares(p["delta_a"], p["delta_b"])[0]),),
)
