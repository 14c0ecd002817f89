"""The cooperation explorer: when the shadow of the future sustains cooperation in a repeated prisoner's dilemma (chapters/future.md).

A view over :mod:`partnership.cooperation` (grim trigger).
"""

from __future__ import annotations

from ...cooperation import (
    cooperation_sustainable,
    critical_discount_factor,
    value_of_cooperating,
    value_of_defecting,
)
from ..spec import ChartData, Control, ExplorerSpec, Headline, KeyNumber, Params, Reference, Series, View
from .common import STYLE_FOURTH, STYLE_NEUTRAL, steps, yes_no

DELTA_AXIS = steps(0, 0.9, 0.05)  # where the chart plots the two values


def _compute_cooperation(p: Params) -> View:
    t, r, pun, s, delta = p["temptation"], p["reward"], p["punishment"], p["sucker"], p["delta"]
    critical = critical_discount_factor(t, r, pun, s)
    sustainable = cooperation_sustainable(delta, t, r, pun, s)
    coop, defect = value_of_cooperating(delta, r), value_of_defecting(delta, t, pun)
    if sustainable:
        reading = (
            "Cooperation can be sustained: the parties value the future enough that the rewards they would "
            "lose by defecting outweigh the one-off temptation."
        )
    else:
        reading = (
            "Cooperation breaks down: the parties weigh the future too little, so the one-off gain from "
            "defecting beats the stream of rewards from cooperating."
        )
    return View(
        numbers=(
            KeyNumber("Critical discount factor δ*", f"{critical:.2f}", critical),
            KeyNumber("Value of cooperating", f"{coop:.1f}", coop),
            KeyNumber("Value of defecting", f"{defect:.1f}", defect),
            KeyNumber("Cooperation sustainable", yes_no(sustainable), sustainable),
        ),
        reading=reading,
        chart=ChartData(
            kind="line",
            x=DELTA_AXIS,
            series=(
                Series("Cooperate forever", tuple(value_of_cooperating(d, r) for d in DELTA_AXIS), STYLE_NEUTRAL),
                Series("Defect once, then punished", tuple(value_of_defecting(d, t, pun) for d in DELTA_AXIS),
                       STYLE_FOURTH),
            ),
            x_label="Discount factor δ",
            y_label="Present value of payoffs",
            references=(Reference("δ* (threshold)", critical, "x"), Reference("your δ", delta, "x")),
            alt=(
                "Line chart of the present value of cooperating forever and of defecting once and then being "
                "punished, against the discount factor, with vertical lines at the critical discount factor and "
                "at the chosen one; the values are listed in the key numbers."
            ),
        ),
    )


COOPERATION = ExplorerSpec(
    id="cooperation",
    title="When does the shadow of the future keep partners cooperating?",
    description=(
        "Each period both sides choose to cooperate or to defect (a prisoner's dilemma with payoffs "
        "T > R > P > S). If either defects, the other punishes forever (grim trigger)."
    ),
    controls=(
        Control("temptation", "Temptation payoff T (defect while the other cooperates)", 5, 0, 10, 0.5,
                grid=(4, 5, 6, 8), fmt="{:g}", noun="the temptation payoff T"),
        Control("reward", "Reward payoff R (both cooperate)", 3, 0, 10, 0.5, grid=(2, 3, 4), fmt="{:g}",
                noun="the reward payoff R"),
        Control("punishment", "Punishment payoff P (both defect)", 1, 0, 10, 0.5, grid=(0, 1, 2), fmt="{:g}",
                noun="the punishment payoff P"),
        Control("sucker", "Sucker payoff S (cooperate while the other defects)", 0, -5, 10, 0.5, grid=(0, 1.5),
                fmt="{:g}", noun="the sucker payoff S"),
        Control("delta", "Discount factor δ (weight on next period, 0 to 1)", 0.6, 0, 0.95, 0.05,
                grid=steps(0, 0.9, 0.1), fmt="{:.2f}", noun="the discount factor"),
    ),
    compute=_compute_cooperation,
    headlines=(
        Headline(
            "The critical discount factor",
            lambda p: critical_discount_factor(p["temptation"], p["reward"], p["punishment"], p["sucker"]),
        ),
    ),
)
