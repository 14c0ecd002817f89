"""The static explorer's data: every view precomputed over the controls' grid, packed as compact JSON.

:func:`grid_payload` runs the explorer's view (that is, the models) at every combination of the
controls' static grid values and packs the results into compact JSON;
:func:`partnership.widgets.static.static_html` embeds it in the page. In the browser,
``_static/explorer.js`` only *looks up* the precomputed view for the current control positions and
draws it with the vendored Chart.js: it computes no economics; :func:`decode` reads a view back as it does.

Payload format (version 1), kept small because it is embedded in the page:

``controls``  name, label, ``values`` (JSON), ``texts`` (as shown), ``start`` (index of the start value)
``numbers``   label and slug of each key number (the same for every view)
``chart``     chart fields that are the same in every view; ``varying`` names the others
``styles``    the course's series styles (colour, hatch, marker, dash) from :mod:`partnership.plotting`
``table``     interned strings and arrays, referenced by index
``views``     one entry per grid point, in row-major order over ``controls`` (the last control varies
              fastest): an integer ``k`` is an error whose message is ``table[k]``; otherwise
              ``[[text index, …], [raw value, …], [reading sentence index, …], [varying chart field index, …]]``
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from typing import Any

from .. import plotting
from .formatting import round_sig
from .readings import Memo
from .spec import ChartData, ExplorerSpec

PAYLOAD_VERSION = 1
RAW_DIGITS = 7  # significant digits kept for key numbers' raw values
CHART_DIGITS = 4  # significant digits kept for chart values (the text shows the key numbers)

_MARKERS = {"o": "circle", "s": "rect", "^": "triangle", "D": "rectRot"}
_DASHES = {"-": [], "--": [6, 4], ":": [2, 3], "-.": [6, 3, 2, 3]}


def axes(spec: ExplorerSpec, start: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The values precomputed for each control: its static grid plus the start value."""
    out = []
    for control in spec.controls:
        values = list(control.static_grid)
        if start[control.name] not in values:
            values.append(start[control.name])
            if not control.is_dropdown:
                values.sort()
        out.append(tuple(values))
    return out


def grid_size(spec: ExplorerSpec, start: Mapping[str, Any] | None = None) -> int:
    start = spec.resolve(start)
    size = 1
    for values in axes(spec, start):
        size *= len(values)
    return size


def json_value(value: Any) -> Any:
    """A raw value as the payload stores it: tuples as lists, floats to :data:`RAW_DIGITS` significant digits."""
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    if isinstance(value, float):
        return round_sig(value, RAW_DIGITS)
    return value


def _chart_fields(chart: ChartData) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": chart.kind,
        "x": list(chart.x),
        "x_label": chart.x_label,
        "y_label": chart.y_label,
        "alt": chart.alt,
        "stacked": chart.stacked,
        "series": [{"name": s.name, "style": s.style} for s in chart.series],
        "refs": [{"label": r.label, "value": round_sig(r.value, CHART_DIGITS), "axis": r.axis} for r in chart.references],
    }
    for i, series in enumerate(chart.series):
        fields[f"s{i}"] = [None if v is None else round_sig(float(v), CHART_DIGITS) for v in series.values]
    return fields


class _Table:
    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[str, int] = {}

    def add(self, value: Any) -> int:
        key = json.dumps(value, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(value)
        return self._index[key]


def styles() -> list[dict[str, Any]]:
    return [
        {
            "color": s["color"],
            "hatch": s["hatch"],
            "marker": _MARKERS.get(s["marker"], "circle"),
            "dash": _DASHES.get(s["linestyle"], []),
        }
        for s in plotting.SERIES
    ]


def grid_views(spec: ExplorerSpec, start: Mapping[str, Any]):
    """Yield ``(indices, params, view)`` for every grid point, in row-major order."""
    grid = axes(spec, start)
    names = [c.name for c in spec.controls]
    memo: Memo = {}
    for indices in itertools.product(*(range(len(v)) for v in grid)):
        params = {name: grid[k][i] for k, (name, i) in enumerate(zip(names, indices))}
        yield indices, params, spec.view(params, baseline=start, memo=memo)


def grid_payload(spec: ExplorerSpec, start: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run the models over the whole grid and pack the views (see the module docstring)."""
    start = spec.resolve(start)
    grid = axes(spec, start)
    table = _Table()
    records: list[Any] = []
    charts: list[dict[str, Any] | None] = []
    numbers_meta: list[dict[str, str]] | None = None
    for _, _, view in grid_views(spec, start):
        if view.error is not None:
            records.append(table.add(view.error))
            charts.append(None)
            continue
        meta = [{"label": n.label, "slug": n.slug} for n in view.numbers]
        if numbers_meta is None:
            numbers_meta = meta
        elif meta != numbers_meta:
            raise ValueError(f"Explorer {spec.id!r}: the key numbers must be the same in every view.")
        records.append(
            [
                [table.add(n.text) for n in view.numbers],
                [json_value(n.value) for n in view.numbers],
                [table.add(part) for part in view.reading_parts],
            ]
        )
        charts.append(_chart_fields(view.chart) if view.chart else None)

    present = [c for c in charts if c is not None]
    constant: dict[str, Any] = {}
    varying: list[str] = []
    if present:
        keys = list(present[0])
        for key in keys:
            first = json.dumps(present[0][key], sort_keys=True)
            if all(json.dumps(c.get(key), sort_keys=True) == first for c in present):
                constant[key] = present[0][key]
            else:
                if key == "series":
                    raise ValueError(f"Explorer {spec.id!r}: chart series names and styles must not vary.")
                varying.append(key)
    for record, chart in zip(records, charts):
        if isinstance(record, list):
            record.append([table.add(chart[key]) for key in varying] if chart else [])

    return {
        "version": PAYLOAD_VERSION,
        "id": spec.id,
        "controls": [
            {
                "name": c.name,
                "label": c.label,
                "values": [json_value(v) for v in values],
                "texts": [c.format(v) for v in values],
                "start": values.index(start[c.name]),
                "dropdown": c.is_dropdown,
            }
            for c, values in zip(spec.controls, grid)
        ],
        "numbers": numbers_meta or [],
        "chart": constant,
        "varying": varying,
        "styles": styles(),
        "table": table.items,
        "views": records,
    }


def payload_json(payload: Mapping[str, Any]) -> str:
    """Compact JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def decode(payload: Mapping[str, Any], indices: tuple[int, ...]) -> dict[str, Any]:
    """Read back the view stored for grid ``indices`` (what explorer.js does, for the tests)."""
    flat = 0
    for control, index in zip(payload["controls"], indices):
        flat = flat * len(control["values"]) + index
    record = payload["views"][flat]
    table = payload["table"]
    if isinstance(record, int):
        return {"error": table[record]}
    texts, values, reading, parts = record
    chart = dict(payload["chart"])
    chart.update({key: table[i] for key, i in zip(payload["varying"], parts)})
    return {
        "error": None,
        "numbers": {
            meta["slug"]: {"label": meta["label"], "text": table[t], "value": v}
            for meta, t, v in zip(payload["numbers"], texts, values)
        },
        "reading": " ".join(table[i] for i in reading),
        "chart": chart,
    }
