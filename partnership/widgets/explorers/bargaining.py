"""The bargaining explorer: the Nash split over threat points, and when an outside option binds (chapters/revenue.md).

A view over :func:`partnership.bargaining.bargain_with_outside_options`.
"""

from __future__ import annotations

from ...bargaining import bargain_with_outside_options
from ..formatting import fmt_money, fmt_pct
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Series, View
from .common import STYLE_A, STYLE_FOURTH, STYLE_NEUTRAL, A, B, yes_no


def _bargain(p: Params):
    return bargain_with_outside_options(
        p["surplus"], p["threat_a"], p["threat_b"], p["outside_a"], p["outside_b"], p["power_a"]
    )


BINDING_TEXT = {
    "neither": "neither",
    "A's outside option": f"{A}'s",
    "B's outside option": f"{B}'s",
    "no deal": "no deal",
}


def _compute_bargaining(p: Params) -> View:
    out = _bargain(p)
    nash_a, nash_b = fmt_money(out.nash_payoff_a), fmt_money(out.nash_payoff_b)
    parts: tuple[str, ...]
    if out.binding == "neither":
        parts = (
            "They strike a deal at the Nash split over the threat points: each side gets its threat point plus "
            "its bargaining-power share of the gains from trade.",
            f"Neither outside option beats what its holder gets in the bargain ({A} {nash_a}, {B} {nash_b}), "
            "so walking away is no threat and the outside options change nothing.",
        )
    elif out.binding == "no deal":
        parts = (
            "No deal: what the two sides can get apart adds up to more than the joint surplus, so each does "
            "better walking away (or staying in disagreement).",
        )
    else:
        holder, other = (A, B) if out.binding == "A's outside option" else (B, A)
        nash = nash_a if holder == A else nash_b
        parts = (
            f"{holder}'s outside option beats the {nash} it would get from the Nash split over the threat "
            f"points, so to keep {holder} the deal must pay it exactly its outside option; {other} gets the rest.",
            f"From here every extra dollar of {holder}'s outside option moves one dollar its way.",
        )
    gains = p["surplus"] - p["threat_a"] - p["threat_b"]
    return View(
        numbers=(
            KeyNumber(f"{A}'s payoff", fmt_money(out.payoff_a), out.payoff_a),
            KeyNumber(f"{B}'s payoff", fmt_money(out.payoff_b), out.payoff_b),
            KeyNumber("Gains over the threat points", fmt_money(gains), gains),
            KeyNumber(f"{A}'s share of the total", fmt_pct(out.share_a, 1), out.share_a),
            KeyNumber("Binding outside option", BINDING_TEXT[out.binding], out.binding),
            KeyNumber("Deal", yes_no(out.deal, "yes", "no: both walk away"), out.deal),
        ),
        reading_parts=parts,
        chart=ChartData(
            kind="bar",
            x=(A, B),
            series=(
                Series("Threat point (while disagreeing)", (p["threat_a"], p["threat_b"]), STYLE_NEUTRAL),
                Series("Outside option (walking away)", (p["outside_a"], p["outside_b"]), STYLE_FOURTH),
                Series("Payoff", (out.payoff_a, out.payoff_b), STYLE_A),
            ),
            x_label="",
            y_label="Value ($bn)",
            alt=(
                f"Grouped bar chart of {A}'s and {B}'s threat points, outside options and payoffs; an outside "
                "option matters only where its bar is higher than the payoff from the Nash split. The values "
                "are listed in the key numbers."
            ),
        ),
    )


BARGAINING = ExplorerSpec(
    id="bargaining",
    title="Nash bargaining: threat points and outside options",
    description=(
        f"{A} (A) and {B} (B) split a joint surplus. The threat points are what each gets while they "
        "disagree: the gains above them are split by bargaining power. The outside options are what each "
        "gets by walking away for good: one matters only if it beats what its holder gets in the bargain."
    ),
    controls=(
        Control("surplus", "Joint surplus ($bn)", 100, 0, 200, 5, grid=(60, 100, 140), fmt="${:g}bn",
                noun="the joint surplus"),
        Control("threat_a", f"{A}'s threat point ($bn, payoff while they disagree)", 20, 0, 150, 5,
                grid=(0, 20, 40), fmt="${:g}bn"),
        Control("threat_b", f"{B}'s threat point ($bn, payoff while they disagree)", 30, 0, 150, 5,
                grid=(0, 30, 60), fmt="${:g}bn"),
        Control("outside_a", f"{A}'s outside option ($bn, payoff from walking away)", 20, 0, 150, 5,
                grid=(0, 20, 40, 50, 60), fmt="${:g}bn"),
        Control("outside_b", f"{B}'s outside option ($bn, payoff from walking away)", 0, 0, 150, 5,
                grid=(0, 30, 60), fmt="${:g}bn"),
        Control("power_a", f"{A}'s bargaining power β (0 to 1)", 0.5, 0, 1, 0.05, grid=(0.25, 0.5, 0.75),
                fmt="{:.2f}", noun=f"{A}'s bargaining power"),
    ),
    compute=_compute_bargaining,
    headlines=(Headline(f"{A}'s share of the total", lambda p: _bargain(p).share_a),),
)
