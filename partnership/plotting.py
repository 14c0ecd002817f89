"""The course's figure style: a colour-blind-safe palette (Okabe & Ito 2008) plus hatching and
markers, so no figure relies on colour alone."""

from __future__ import annotations

# Okabe–Ito palette, designed to stay distinguishable under the common forms of colour blindness.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
# Fixed roles so the same party has the same colour and pattern in every chapter.
PARTY_A = {"color": OKABE_ITO["blue"], "hatch": "//", "marker": "o", "linestyle": "-"}
PARTY_B = {"color": OKABE_ITO["orange"], "hatch": "..", "marker": "s", "linestyle": "--"}
NEUTRAL = {"color": OKABE_ITO["bluish green"], "hatch": "xx", "marker": "^", "linestyle": ":"}
SERIES = [PARTY_A, PARTY_B, NEUTRAL, {"color": OKABE_ITO["vermillion"], "hatch": "\\\\", "marker": "D", "linestyle": "-."}]


def use_course_style() -> None:
    """Apply the course's matplotlib defaults (readable sizes, palette order, no top/right spines)."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "figure.figsize": (7, 4),
            "figure.dpi": 100,
            "savefig.dpi": 110,
            "font.size": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=[s["color"] for s in SERIES])
            + cycler(linestyle=[s["linestyle"] for s in SERIES]),
            "svg.fonttype": "none",
        }
    )
