"""The debrief's figure: every deal against the possible agreements, their frontier, the walk-away points
and the Nash prediction.
"""

from __future__ import annotations

from .. import negotiation as ng
from ..negotiation_sheets import bn1
from .analysis import Debrief


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

    from ..plotting import NEUTRAL, OKABE_ITO, PARTY_A, PARTY_B, use_course_style

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
