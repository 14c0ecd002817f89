"""The static explorers: the precomputed grid equals the models, stays small, and its HTML is stable."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser

import pytest

from partnership.widgets import EXPLORER_IDS, EXPLORERS, explorer
from partnership.widgets.static import axes, decode, grid_payload, payload_json, static_html

from .test_widgets_oracle import assert_shows_model, model_error

MAX_PAYLOAD_BYTES = 150_000
SAMPLES = 40


@pytest.fixture(scope="module", params=EXPLORER_IDS)
def grid(request):
    spec = EXPLORERS[request.param]
    start = spec.resolve()
    return spec, start, grid_payload(spec, start)


def _params(spec, start, indices):
    values = axes(spec, start)
    return {c.name: values[k][i] for k, (c, i) in enumerate(zip(spec.controls, indices))}


def _sample_indices(payload, rng):
    sizes = [len(c["values"]) for c in payload["controls"]]
    points = [tuple(c["start"] for c in payload["controls"]), tuple(n - 1 for n in sizes), (0,) * len(sizes)]
    points += [tuple(rng.randrange(n) for n in sizes) for _ in range(SAMPLES)]
    return points


def test_grid_entries_equal_the_model_at_sampled_points(grid):
    spec, start, payload = grid
    rng = random.Random(f"static-{spec.id}")
    checked_error = checked_ok = 0
    for indices in _sample_indices(payload, rng):
        params = _params(spec, start, indices)
        stored = decode(payload, indices)
        message = model_error(spec.id, params)
        if message is not None:
            assert stored["error"] == message
            checked_error += 1
            continue
        assert stored["error"] is None
        assert_shows_model(spec.id, params, stored["numbers"])
        # the grid shares one memo of model runs across its views: a view made alone reads the same
        assert stored["reading"] == " ".join(spec.view(params, baseline=start).reading_parts)
        checked_ok += 1
    assert checked_ok > 0


def test_every_grid_entry_matches_the_model_for_errors_and_numbers(grid):
    """Exhaustive on the smaller grids: every stored view agrees with a direct model call."""
    spec, start, payload = grid
    if len(payload["views"]) > 2000:
        pytest.skip("sampled above; the exhaustive check is for the smaller grids")
    sizes = [len(c["values"]) for c in payload["controls"]]
    import itertools

    for indices in itertools.product(*(range(n) for n in sizes)):
        params = _params(spec, start, indices)
        stored = decode(payload, indices)
        message = model_error(spec.id, params)
        assert stored["error"] == message
        if message is None:
            assert_shows_model(spec.id, params, stored["numbers"])


def test_grid_is_small_enough_for_a_page(grid):
    spec, start, payload = grid
    size = len(payload_json(payload).encode("utf-8"))
    assert size < MAX_PAYLOAD_BYTES, f"{spec.id}: {size:,} bytes"
    expected_points = 1
    for control in payload["controls"]:
        expected_points *= len(control["values"])
    assert len(payload["views"]) == expected_points


def test_grid_contains_the_starting_values_and_an_override():
    spec = EXPLORERS["bargaining"]
    start = spec.resolve({"outside_a": 35})  # off the static grid: added to it
    payload = grid_payload(spec, start)
    control = payload["controls"][[c["name"] for c in payload["controls"]].index("outside_a")]
    assert control["values"][control["start"]] == 35
    stored = decode(payload, tuple(c["start"] for c in payload["controls"]))
    assert_shows_model("bargaining", start, stored["numbers"])


def test_chart_data_comes_from_the_views(grid):
    spec, start, payload = grid
    indices = tuple(c["start"] for c in payload["controls"])
    chart = decode(payload, indices)["chart"]
    view = spec.view(start, baseline=start)
    assert chart["kind"] == view.chart.kind and chart["alt"] == view.chart.alt
    for i, series in enumerate(view.chart.series):
        assert chart[f"s{i}"] == pytest.approx(list(series.values), rel=1e-3, abs=1e-9)


class _Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_static_html_has_the_stable_dom(grid):
    spec, _, grid_data = grid
    explorer_id = spec.id
    markup = explorer(explorer_id).static_html
    dom = _Dom()
    dom.feed(markup)
    roots = [a for t, a in dom.elements if "pr-explorer" in (a.get("class") or "").split()]
    assert len(roots) == 1 and roots[0]["data-explorer"] == explorer_id
    payload = json.loads(dom.scripts[0])
    controls = {a["data-control"]: t for t, a in dom.elements if "data-control" in a}
    movable = {c["name"] for c in payload["controls"] if len(c["values"]) > 1}
    assert set(controls) == movable
    ids = {a.get("id") for _, a in dom.elements}
    for tag, attrs in dom.elements:  # every control has a <label for=…>
        if tag == "label":
            assert attrs["for"] in ids
    labelled = {a["for"] for t, a in dom.elements if t == "label"}
    assert all(a["id"] in labelled for t, a in dom.elements if "data-control" in a)
    numbers = {a["data-number"]: a["data-value"] for _, a in dom.elements if "data-number" in a}
    assert set(numbers) == {n["slug"] for n in payload["numbers"]}
    assert any("pr-reading" in (a.get("class") or "") for _, a in dom.elements)
    errors = [a for _, a in dom.elements if "pr-error" in (a.get("class") or "")]
    assert len(errors) == 1 and errors[0]["role"] == "alert" and "hidden" in errors[0]
    canvas = [a for t, a in dom.elements if t == "canvas"]
    assert canvas[0]["role"] == "img" and len(canvas[0]["aria-label"]) > 40
    assert payload == json.loads(payload_json(grid_data))
    assert "</" not in dom.scripts[0] and "<" not in dom.scripts[0]


def test_static_html_is_offline():
    markup = explorer("waterfall").static_html
    assert not re.search(r"(src|href)=\"(https?:)?//", markup)


def test_ids_are_unique_when_an_explorer_appears_twice():
    first, second = static_html(EXPLORERS["cooperation"]), static_html(EXPLORERS["cooperation"])
    id_first = re.search(r'class="pr-explorer" id="([^"]+)"', first).group(1)
    id_second = re.search(r'class="pr-explorer" id="([^"]+)"', second).group(1)
    assert id_first != id_second
