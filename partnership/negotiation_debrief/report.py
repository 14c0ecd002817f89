"""The debrief's outputs: the table (plain text, Markdown, HTML), the class's headline findings, and the files."""

from __future__ import annotations

import html
import statistics
from pathlib import Path

from .. import negotiation as ng
from ..negotiation_sheets import bn1
from .analysis import MEANINGFUL, Debrief, nash_gains, surplus_share
from .chart import figure_alt, figure_png

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
        g = nash_gains(nash)
        share = surplus_share(g)
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
