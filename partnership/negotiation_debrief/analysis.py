"""Each team's result scored for both sides, against the frontier of possible agreements and the Nash
prediction, with a plain-language reading per team.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from .. import negotiation as ng
from ..negotiation_sheets import bn1

MEANINGFUL = 0.05  # $bn: differences below this are rounding, not value left on the table
CURRENCY = ("rate_pct", "share_until")  # the terms that move value between the sides


@dataclass(frozen=True)
class TeamResult:
    """One team's result and what the models say about it."""

    team: str
    deal: ng.Deal | None
    rival: ng.RivalTerms
    score: ng.Score
    nash: ng.NashPrediction
    left_on_table: float  # the most another agreement could have added to both together, neither losing
    both_better: float  # the most both could each have gained by another agreement (0: none)
    fix: tuple[str, str, float, float, float] | None  # the change of one term worth most to both together
    rival_gain: float | None
    reading: str

    @property
    def joint(self) -> float:
        return self.score.microsoft + self.score.openai


@dataclass(frozen=True)
class Debrief:
    results: tuple[TeamResult, ...]
    case: ng.Case

    @property
    def agreements(self) -> tuple[TeamResult, ...]:
        return tuple(r for r in self.results if r.score.agreed)


def read_class_csv(path: Path | str) -> list[dict[str, str]]:
    r"""The class CSV's rows, checked for its columns (the terms are checked team by team later).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "class.csv"
    ...     _ = path.write_text("team,outcome\nA,impasse\n,\nB,impasse\n", encoding="utf-8")
    ...     [row["team"] for row in read_class_csv(path)]  # the empty row is left out
    ['A', 'B']
    """
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [f for f in ("team", "outcome") if f not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: the class CSV needs the columns {', '.join(ng.RECORD_FIELDS)}; "
                             f"{', '.join(missing)} is missing.")
        rows = [row for row in reader if any((v or "").strip() for v in row.values())]
    if not rows:
        raise ValueError(f"{path}: the class CSV has no teams.")
    teams = [r["team"].strip() for r in rows]
    if len(set(teams)) != len(teams):
        raise ValueError(f"{path}: a team appears twice ({', '.join(sorted({t for t in teams if teams.count(t) > 1}))}).")
    return rows


def improvements(case: ng.Case, rival: ng.RivalTerms, point: ng.Point) -> tuple[float, float]:
    """What another possible agreement could have added to ``point`` with neither side losing:
    ``(the largest joint gain, the largest gain both could each have had)``, zeros if none.

    Only frontier deals need checking: any deal that improves on ``point`` is weakly dominated by one.
    """
    m, o = point
    gains = [(a.microsoft - m, a.openai - o) for a in ng.frontier(case, rival)]
    better = [(g_m, g_o) for g_m, g_o in gains if g_m >= -1e-9 and g_o >= -1e-9]
    return (max([g_m + g_o for g_m, g_o in better] + [0.0]), max([min(g) for g in better] + [0.0]))


def _best_fix(case: ng.Case, deal: ng.Deal, rival: ng.RivalTerms) -> tuple[str, str, float, float, float] | None:
    """The one change of term that adds most to the two sides' values together: ``(term, choice, joint
    gain, ΔM, ΔO)``. The rate and the last year of the revenue share are left out: they are the
    currency that moves value from one side to the other, and a fix is paid for with them."""
    before = ng.values(case, deal, rival)
    best = None
    for spec in ng.ISSUES:
        if spec.name in CURRENCY:
            continue
        for option in spec.options:
            m, o = ng.values(case, replace(deal, **{spec.name: option}), rival)
            gain = m + o - sum(before)
            if gain > MEANINGFUL and (best is None or gain > best[2]):
                best = (spec.name, ng.option_text(spec.name, option), gain, m - before[0], o - before[1])
    return best


def surplus_share(gains: tuple[float, float]) -> float | None:
    """OpenAI's share ``g_O / (g_M + g_O)`` of gains ``(g_M, g_O)``; None when together they are only rounding."""
    g_m, g_o = gains
    return g_o / (g_m + g_o) if g_m + g_o > MEANINGFUL else None


def nash_gains(nash: ng.NashPrediction) -> tuple[float, float]:
    """Each side's gain over its walk-away point ``(Microsoft, OpenAI)`` in the predicted agreement."""
    pos = nash.positions
    return nash.agreed.microsoft - pos.walkaway_microsoft, nash.agreed.openai - pos.walkaway_openai


def _fix_text(fix: tuple[str, str, float, float, float]) -> str:
    name, option, gain, d_m, d_o = fix
    text = (f"setting \u201c{ng.issue(name).label}\u201d to {option} would have added {bn1(gain)} to the two together "
            f"(Microsoft {'+' if d_m >= 0 else ''}{bn1(d_m)}, OpenAI {'+' if d_o >= 0 else ''}{bn1(d_o)})")
    if min(d_m, d_o) < -MEANINGFUL:
        text += ": enough for the side that gains to pay the other for it through the revenue share's rate or length"
    return text


def _reading(r: TeamResult, case: ng.Case) -> str:
    s, pos = r.score, r.score.positions
    parts = []
    if s.agreed and r.deal is not None:
        g_m, g_o = s.gains
        parts.append(f"Agreed: {r.deal.describe()}. Microsoft gets {bn1(s.microsoft)} ({bn1(g_m)} against its "
                     f"walk-away point), OpenAI {bn1(s.openai)} ({bn1(g_o)}).")
        for side in s.below_walkaway:
            parts.append(f"{ng.SIDE_NAMES[side]} signed below its walk-away point: no deal would have been "
                         "better for it.")
        share = s.openai_share
        if share is not None and not s.below_walkaway and r.nash.deal:
            nash_share = surplus_share(nash_gains(r.nash))
            if 0.45 <= share <= 0.55:
                lead = "The two split the surplus about evenly"
            else:
                lead = f"{'OpenAI' if share > 0.5 else 'Microsoft'} captured most of the surplus"
            parts.append(f"{lead}: OpenAI's share is {share:.0%}"
                         + (f" (the Nash prediction: {nash_share:.0%})." if nash_share is not None else "."))
        if r.left_on_table <= MEANINGFUL and r.both_better <= MEANINGFUL:
            parts.append("The deal is on the frontier: nothing was left on the table.")
        else:
            parts.append(f"The deal left {bn1(r.left_on_table)} on the table: another deal could have added that much "
                         "to the two together without either losing"
                         + (f", or given each side {bn1(r.both_better)} more" if r.both_better > MEANINGFUL else "") + ".")
            if r.fix:
                parts.append(f"The biggest single fix: {_fix_text(r.fix)}.")
    else:
        if s.walked:
            parts.append(f"No deal, and OpenAI leaves: each takes its outside option (Microsoft {bn1(s.microsoft)}, "
                         f"OpenAI {bn1(s.openai)}).")
        else:
            parts.append(f"No deal: the two stay in the dispute (Microsoft {bn1(s.microsoft)}, OpenAI {bn1(s.openai)}).")
        if r.both_better > MEANINGFUL:
            parts.append(f"Both were better off agreeing: a deal could have given each side {bn1(r.both_better)} more, "
                         f"or {bn1(r.left_on_table)} more to the two together.")
        else:
            parts.append("No agreement could have given both more, so the impasse cost nothing.")
    if r.rival.payment_bn is not None or r.rival.offer_bn is not None:
        payment, offer = case.rival_terms(r.rival)
        text = f"With the rival cloud's payment of {bn1(payment)} and offer of {bn1(offer)}, OpenAI's threat point is " \
               f"{bn1(pos.threat_openai)} and its outside option {bn1(pos.outside_openai)}"
        if r.nash.binding == "A's outside option":
            text += ", which beats the Nash split and binds: the prediction gives OpenAI just that"
        elif pos.outside_openai > pos.threat_openai:
            text += "; the offer beats the dispute but not the bargain, so it would matter only without a deal"
        else:
            text += "; the offer beats neither, so it changed nothing"
        parts.append(text + ".")
        if r.rival_gain is not None:
            parts.append(f"The rival cloud gains {bn1(r.rival_gain)}.")
    return " ".join(parts)


def score_team(case: ng.Case, record: dict[str, str]) -> TeamResult:
    """Score one row of the class CSV."""
    deal, rival = ng.deal_from_record(record)
    team = record["team"].strip()
    try:
        result = ng.score(case, deal, rival)
    except ValueError as exc:
        raise ValueError(f"Team {team}: {exc}") from None
    nash = ng.nash_prediction(case, rival)
    left, both = improvements(case, rival, (result.microsoft, result.openai))
    fix = _best_fix(case, deal, rival) if deal is not None else None
    gain = ng.rival_value(case, deal, rival, result.walked)
    partial = TeamResult(team, deal, rival, result, nash, left, both, fix, gain, "")
    return replace(partial, reading=_reading(partial, case))


def debrief(case: ng.Case, records: list[dict[str, str]]) -> Debrief:
    """Every team's result, in the order of the CSV."""
    return Debrief(tuple(score_team(case, r) for r in records), case)
