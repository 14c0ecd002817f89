"""The course's figure style is colour-blind safe and never relies on colour alone."""

import matplotlib

matplotlib.use("Agg")

from partnership.plotting import NEUTRAL, OKABE_ITO, PARTY_A, PARTY_B, SERIES, use_course_style


def test_palette_is_okabe_ito():
    assert set(OKABE_ITO.values()) == {
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
    }
    assert all(style["color"] in OKABE_ITO.values() for style in SERIES)


def test_every_series_differs_by_more_than_colour():
    for key in ("hatch", "marker", "linestyle"):
        values = [style[key] for style in SERIES]
        assert len(set(values)) == len(values), f"two series share a {key}"
    assert SERIES[:3] == [PARTY_A, PARTY_B, NEUTRAL]


def test_style_sets_the_cycle():
    use_course_style()
    cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()
    assert cycle["color"][:2] == [PARTY_A["color"], PARTY_B["color"]]
    assert cycle["linestyle"][:2] == [PARTY_A["linestyle"], PARTY_B["linestyle"]]
