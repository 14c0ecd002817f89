"""The negotiation's debrief: every team's deal (or impasse) scored for both sides, against the frontier
of possible agreements and the Nash prediction, with a plain-language reading per team.

Usage (instructor)::

    python -m partnership.negotiation_debrief CLASS.csv [--roles ROLES.yml] [--out DIR]

``CLASS.csv`` has one row per team with the columns of
:data:`partnership.negotiation.RECORD_FIELDS` (``outcome`` is ``agreed`` or ``impasse``; the two
rival columns stay blank unless a rival cloud team played). The debrief is written to ``DIR``
(default ``_build/instructor/negotiation-debrief/``) as ``debrief.html``, ``debrief.md`` and the figure
``debrief.png``, and the table is printed. The roles file holds the confidential parameters: the
debrief is for the instructor's screen, after the negotiation.
"""

from __future__ import annotations

import argparse
import csv
import html
import statistics
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from . import negotiation as ng
from .negotiation_sheets import ROLES_FILE, bn1

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "_build" / "instructor" / "negotiation-debrief"
SAMPLE_CLASS = ROLES_FILE.parent / "sample-class.csv"
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


def _share(gains: tuple[float, float]) -> float | None:
    g_m, g_o = gains
    return g_o / (g_m + g_o) if g_m + g_o > MEANINGFUL else None


def _nash_gains(nash: ng.NashPrediction) -> tuple[float, float]:
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
            nash_share = _share(_nash_gains(r.nash))
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


# --- the outputs -----------------------------------------------------------------------------------

HEADER = ("Team", "Outcome", "Microsoft", "OpenAI", "vs walk-away (M / O)", "OpenAI's share", "Left on the table")


def table_rows(d: Debrief) -> list[tuple[str, ...]]:
    """The debrief table: one row per team, then the Nash prediction and the class average."""
    rows: list[tuple[str, ...]] = []
    for r in d.results:
        s = r.score
        g_m, g_o = s.gains
        outcome = "deal" if s.agreed else ("impasse (OpenAI leaves)" if s.walked else "impasse")
        if s.below_walkaway:
            outcome += ": below " + " and ".join(ng.SIDE_NAMES[x] for x in s.below_walkaway) + "'s walk-away"
        share = s.openai_share if s.agreed else None
        rows.append((r.team, outcome, bn1(s.microsoft), bn1(s.openai), f"{bn1(g_m)} / {bn1(g_o)}",
                     "—" if share is None else f"{share:.0%}", bn1(r.left_on_table)))
    nash = ng.nash_prediction(d.case)
    if nash.deal:
        g = _nash_gains(nash)
        share = _share(g)
        rows.append(("Nash prediction", f"deal ({nash.binding} binds)" if nash.binding != "neither" else "deal",
                     bn1(nash.agreed.microsoft), bn1(nash.agreed.openai), f"{bn1(g[0])} / {bn1(g[1])}",
                     "—" if share is None else f"{share:.0%}", bn1(0.0)))
    deals = d.agreements
    shares = [x for r in deals if (x := r.score.openai_share) is not None]
    rows.append((f"Class average ({len(deals)} deals, {len(d.results) - len(deals)} impasses)", "",
                 bn1(statistics.fmean(r.score.microsoft for r in d.results)),
                 bn1(statistics.fmean(r.score.openai for r in d.results)),
                 f"{bn1(statistics.fmean(r.score.gains[0] for r in d.results))} / "
                 f"{bn1(statistics.fmean(r.score.gains[1] for r in d.results))}",
                 f"{statistics.fmean(shares):.0%}" if shares else "—",
                 bn1(statistics.fmean(r.left_on_table for r in d.results))))
    return rows


def text_table(d: Debrief) -> str:
    """The table in plain text, for the terminal."""
    rows = [HEADER, *table_rows(d)]
    widths = [max(len(row[k]) for row in rows) for k in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(d: Debrief) -> list[str]:
    """The class's headline findings, in sentences."""
    nash = ng.nash_prediction(d.case)
    pos = nash.positions
    lines = [f"Without a deal: Microsoft {bn1(pos.walkaway_microsoft)}, OpenAI {bn1(pos.walkaway_openai)} "
             f"(the walk-away points with the standing offers)."]
    if nash.deal:
        lines.append(f"The Nash prediction (OpenAI's bargaining power {d.case.power_openai:g}): "
                     f"{nash.agreed.deal.describe()}, worth {bn1(nash.agreed.microsoft)} to Microsoft and "
                     f"{bn1(nash.agreed.openai)} to OpenAI.")
    deals = d.agreements
    lines.append(f"{len(deals)} of {len(d.results)} teams agreed; "
                 f"{sum(1 for r in deals if r.left_on_table <= MEANINGFUL)} deals are on the frontier.")
    needless = [r.team for r in d.results if not r.score.agreed and r.both_better > MEANINGFUL]
    if needless:
        lines.append(f"Impasses where both were better off agreeing: {', '.join(needless)}.")
    below = [f"{r.team} ({', '.join(ng.SIDE_NAMES[s] for s in r.score.below_walkaway)})"
             for r in deals if r.score.below_walkaway]
    if below:
        lines.append(f"Deals below a side's walk-away point: {', '.join(below)}.")
    shares = [x for r in deals if (x := r.score.openai_share) is not None]
    if shares:
        lines.append(f"On average OpenAI captured {statistics.fmean(shares):.0%} of the surplus over the walk-away points.")
    return lines


def markdown(d: Debrief, figure_name: str = "debrief.png") -> str:
    rows = table_rows(d)
    out = ["# Negotiation debrief", "", *(f"- {line}" for line in summary(d)), "",
           "| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|",
           *("| " + " | ".join(row) + " |" for row in rows), "",
           f"![{figure_alt(d)}]({figure_name})", "", "## Team by team", ""]
    out += [f"**{r.team}.** {r.reading}" + "\n" for r in d.results]
    out += ["Values are in $bn of net present value, from each side's confidential parameters "
            "(hypothetical teaching values)."]
    return "\n".join(out) + "\n"


def figure_alt(d: Debrief) -> str:
    nash = ng.nash_prediction(d.case)
    n_deals = len(d.agreements)
    return (f"Scatter of the possible agreements, value to Microsoft across and value to OpenAI up, with their "
            f"Pareto frontier as a line, the walk-away points as dashed lines, the Nash prediction as a star "
            f"{'at ' + bn1(nash.agreed.microsoft) + ' and ' + bn1(nash.agreed.openai) if nash.deal else ''}, "
            f"and the class's {n_deals} deals and {len(d.results) - n_deals} impasses as labelled markers.")


def figure(d: Debrief):
    """Every deal against the possible agreements, their frontier, the walk-away points and the Nash prediction."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from .plotting import NEUTRAL, OKABE_ITO, PARTY_A, PARTY_B, use_course_style

    case = d.case
    with mpl.rc_context():
        use_course_style()
        fig = Figure(figsize=(9, 6.2), layout="constrained")
        ax = fig.subplots()
        m, o = ng.all_agreements(case, sample=40_000)
        ax.scatter(m, o, s=2, color="#BBBBBB", alpha=0.35, linewidths=0, rasterized=True,
                   label="possible agreements (a sample)")
        front = ng.frontier(case)
        ax.plot([a.microsoft for a in front], [a.openai for a in front], color=OKABE_ITO["black"], linewidth=1.6,
                label="Pareto frontier")
        for k, rival in enumerate(sorted({r.rival for r in d.results if r.rival != ng.RivalTerms()}, key=repr)):
            other = ng.frontier(case, rival)
            ax.plot([a.microsoft for a in other], [a.openai for a in other], color=OKABE_ITO["black"],
                    linewidth=0.8, linestyle=":", label=None if k else "frontier with a rival team's terms")
        nash = ng.nash_prediction(case)
        pos = nash.positions
        ax.axvline(pos.walkaway_microsoft, color=PARTY_B["color"], linestyle="--", linewidth=1.2,
                   label="Microsoft's walk-away point (standing offers)")
        ax.axhline(pos.walkaway_openai, color=PARTY_A["color"], linestyle="--", linewidth=1.2,
                   label="OpenAI's walk-away point (standing offers)")
        if nash.deal:
            ax.plot([nash.agreed.microsoft], [nash.agreed.openai], marker="*", markersize=17,
                    color=OKABE_ITO["yellow"], markeredgecolor="black", linestyle="none", label="Nash prediction")
        sq = ng.values(case, ng.STATUS_QUO)
        ax.plot(*sq, marker="D", markersize=8, color=OKABE_ITO["reddish purple"], markeredgecolor="black",
                linestyle="none", label="October 2025 terms (stateful exclusive)")
        standing = [r for r in d.results if r.score.agreed and r.rival == ng.RivalTerms()]
        with_rival = [r for r in d.results if r.score.agreed and r.rival != ng.RivalTerms()]
        impasses = [r for r in d.results if not r.score.agreed]
        ax.plot([r.score.microsoft for r in standing], [r.score.openai for r in standing], marker=PARTY_A["marker"],
                markersize=8, color=PARTY_A["color"], markeredgecolor="black", linestyle="none", label="a team's deal")
        if with_rival:
            ax.plot([r.score.microsoft for r in with_rival], [r.score.openai for r in with_rival],
                    marker=NEUTRAL["marker"], markersize=9, color=NEUTRAL["color"], markeredgecolor="black",
                    linestyle="none", label="a deal with a rival cloud team's terms")
        if impasses:
            ax.plot([r.score.microsoft for r in impasses], [r.score.openai for r in impasses], marker="X",
                    markersize=10, color=OKABE_ITO["vermillion"], markeredgecolor="black", linestyle="none",
                    label="an impasse")
        for r in d.results:
            ax.annotate(r.team, (r.score.microsoft, r.score.openai), xytext=(6, 4), textcoords="offset points",
                        fontsize=9)
        xs = [pos.walkaway_microsoft, *(r.score.microsoft for r in d.results)]
        ys = [pos.walkaway_openai, *(r.score.openai for r in d.results)]
        if nash.deal:
            xs.append(nash.agreed.microsoft)
            ys.append(nash.agreed.openai)
        ax.set_xlim(min(xs) - 35, max(xs) + 35)
        ax.set_ylim(min(ys) - 35, max(ys) + 35)
        ax.set_xlabel("value to Microsoft ($bn of NPV, hypothetical parameters)")
        ax.set_ylabel("value to OpenAI ($bn of NPV)")
        ax.set_title("The class's deals against what was possible")
        ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
        # A label for colour-blind readers and print: which side of the walk-away lines is "better".
        ax.text(0.99, 0.99, "better for both ↗", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                color=NEUTRAL["color"])
    return fig


def figure_png(d: Debrief, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for a page to show, or a file)."""
    import io

    buf = io.BytesIO()
    figure(d).savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def html_page(d: Debrief, figure_name: str = "debrief.png") -> str:
    esc = html.escape
    rows = table_rows(d)
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    teams = "".join(f"<li><strong>{esc(r.team)}.</strong> {esc(r.reading)}</li>" for r in d.results)
    summary_items = "".join(f"<li>{esc(line)}</li>" for line in summary(d))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Negotiation debrief</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.45}}
table{{border-collapse:collapse;margin:1em 0}}th,td{{border:1px solid #999;padding:.3em .6em;text-align:left}}
img{{max-width:100%;height:auto}}</style></head>
<body><main><h1>Negotiation debrief</h1>
<p>Instructor's screen: the values come from the roles' confidential parameters (hypothetical teaching values),
in $bn of net present value.</p>
<ul>{summary_items}</ul>
<table><caption>Every team's result for both sides</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<figure><img src="{esc(figure_name)}" alt="{esc(figure_alt(d))}"><figcaption>Every deal against the possible agreements,
their Pareto frontier, the walk-away points and the Nash prediction.</figcaption></figure>
<h2>Team by team</h2><ul>{teams}</ul></main></body></html>
"""


def write(d: Debrief, out: Path) -> dict[str, Path]:
    """Write ``debrief.html``, ``debrief.md`` and ``debrief.png`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"html": out / "debrief.html", "markdown": out / "debrief.md", "figure": out / "debrief.png"}
    paths["figure"].write_bytes(figure_png(d))
    paths["markdown"].write_text(markdown(d), encoding="utf-8")
    paths["html"].write_text(html_page(d), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partnership.negotiation_debrief",
                                     description="Score a class's negotiation: one row per team in a CSV.")
    parser.add_argument("csv", type=Path, help=f"the class's results (example: {SAMPLE_CLASS.relative_to(ROLES_FILE.parents[2])})")
    parser.add_argument("--roles", type=Path, default=ROLES_FILE, help="the roles' confidential parameters (YAML)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the debrief")
    args = parser.parse_args(argv)
    try:
        d = debrief(ng.load_case(args.roles), read_class_csv(args.csv))
    except (OSError, ValueError) as exc:
        print(f"negotiation debrief: {exc}", file=sys.stderr)
        return 2
    paths = write(d, args.out)
    print(text_table(d))
    print()
    print("\n".join(summary(d)))
    print(f"\nwrote {paths['html']}, {paths['markdown'].name} and {paths['figure'].name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
