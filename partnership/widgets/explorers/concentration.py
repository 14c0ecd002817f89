"""The concentration explorer: the HHI and the 2023 Merger Guidelines' screen for a merger of two of three firms (chapters/regulation.md).

A view over :func:`partnership.concentration.merger_screen`.
"""

from __future__ import annotations

from ...concentration import HIGHLY_CONCENTRATED_HHI, market_label, merger_screen
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Reference, Series, View
from .common import STYLE_NEUTRAL, steps, yes_no

PAIRS = (("Firms 1 and 2", (0, 1)), ("Firms 1 and 3", (0, 2)), ("Firms 2 and 3", (1, 2)))


def _shares(p: Params) -> list[float]:
    return [p["share_1"], p["share_2"], p["share_3"]]


def _compute_concentration(p: Params) -> View:
    i, j = p["pair"]
    screen = merger_screen(_shares(p), i, j)
    if screen.presumed_harmful:
        verdict = (
            "Under the 2023 Merger Guidelines this merger is presumed to substantially lessen competition: "
            + "; and ".join(screen.reasons) + "."
        )
    else:
        verdict = "Neither structural presumption of the 2023 Merger Guidelines is triggered."
    market = f"After the merger the market would be {market_label(screen.hhi_after)}."
    return View(
        numbers=(
            KeyNumber("HHI before", f"{screen.hhi_before:,.0f}", screen.hhi_before),
            KeyNumber("HHI after", f"{screen.hhi_after:,.0f}", screen.hhi_after),
            KeyNumber("Change in HHI", f"{screen.delta:,.0f}", screen.delta),
            KeyNumber("Merged firm's share", f"{screen.combined_share:g}%", screen.combined_share),
            KeyNumber("2023 Guidelines screen",
                      yes_no(screen.presumed_harmful, "presumed harmful", "not presumed harmful"),
                      screen.presumed_harmful),
        ),
        reading_parts=(verdict, market),
        chart=ChartData(
            kind="bar",
            x=("Before the merger", "After the merger"),
            series=(Series("HHI", (screen.hhi_before, screen.hhi_after), STYLE_NEUTRAL),),
            x_label="",
            y_label="HHI (0 to 10,000)",
            references=(Reference(f"Highly concentrated ({HIGHLY_CONCENTRATED_HHI:,.0f})", HIGHLY_CONCENTRATED_HHI),),
            alt=(
                "Bar chart of the Herfindahl–Hirschman Index before and after the merger, with a dashed line at "
                f"{HIGHLY_CONCENTRATED_HHI:,.0f}, the 2023 Guidelines' threshold for a highly concentrated "
                "market; the values are listed in the key numbers."
            ),
        ),
    )


CONCENTRATION = ExplorerSpec(
    id="concentration",
    title="Market concentration and the 2023 merger screen",
    description=(
        "Three firms' market shares (the rest of the market is many small firms). Pick two to combine: the "
        "Herfindahl–Hirschman Index (HHI, the sum of squared shares) and the 2023 Merger Guidelines' "
        "structural presumptions do the rest."
    ),
    controls=(
        Control("share_1", "Share of firm 1 (%)", 40, 0, 100, 1, grid=steps(0, 70, 10), fmt="{:g}%",
                noun="firm 1's share"),
        Control("share_2", "Share of firm 2 (%)", 30, 0, 100, 1, grid=steps(0, 70, 10), fmt="{:g}%",
                noun="firm 2's share"),
        Control("share_3", "Share of firm 3 (%)", 20, 0, 100, 1, grid=steps(0, 70, 10), fmt="{:g}%",
                noun="firm 3's share"),
        Control("pair", "Which two firms combine", (1, 2), options=PAIRS, noun="the merging pair"),
    ),
    compute=_compute_concentration,
    headlines=(Headline("The post-merger HHI", lambda p: merger_screen(_shares(p), *p["pair"]).hhi_after),),
)
