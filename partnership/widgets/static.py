"""The static explorer: a self-contained HTML form over the precomputed views, for a book site with no kernel.

:func:`static_html` wraps the explorer's data (:mod:`partnership.widgets.payload`, which documents its
format) with HTML controls, the key numbers and reading of the starting values
(:mod:`partnership.widgets.markup`) and a chart canvas. In the browser, ``_static/explorer.js`` only
*looks up* the precomputed view for the current control positions and draws it with the vendored
Chart.js: it computes no economics.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping
from typing import Any

from .markup import attr, error_html, numbers_html, raw_attr
from .payload import axes, decode, grid_payload, grid_size, grid_views, payload_json
from .spec import ExplorerSpec

__all__ = ["axes", "decode", "grid_payload", "grid_size", "grid_views", "payload_json", "static_html"]

_counter = itertools.count(1)


def static_html(spec: ExplorerSpec, start: Mapping[str, Any] | None = None) -> str:
    """The self-contained static explorer: controls, key numbers, reading, chart canvas and data."""
    start = spec.resolve(start)
    payload = grid_payload(spec, start)
    uid = f"pr-{spec.id}-{next(_counter)}"
    first = spec.view(start, baseline=start)

    controls, fixed = [], []
    for c, meta in zip(spec.controls, payload["controls"]):
        cid = f"{uid}-{c.name}"
        n, i = len(meta["values"]), meta["start"]
        if n == 1:
            fixed.append(f"{html.escape(c.label)}: {html.escape(meta['texts'][0])}")
            continue
        if c.is_dropdown:
            options = "".join(
                f'<option value="{k}"{" selected" if k == i else ""}>{html.escape(text)}</option>'
                for k, text in enumerate(meta["texts"])
            )
            field = f'<select id="{cid}" data-control="{attr(c.name)}">{options}</select>'
        else:
            field = (
                f'<input type="range" id="{cid}" data-control="{attr(c.name)}" min="0" max="{n - 1}" step="1" '
                f'value="{i}" aria-valuetext="{attr(meta["texts"][i])}">'
                f'<output for="{cid}" data-control-text="{attr(c.name)}" '
                f'data-value="{attr(raw_attr(meta["values"][i]))}">{html.escape(meta["texts"][i])}</output>'
            )
        controls.append(f'<div class="pr-control"><label for="{cid}">{html.escape(c.label)}</label>{field}</div>')
    fixed_html = (
        '<p class="pr-fixed">Fixed on this page (open the page as a notebook to change them): '
        + "; ".join(fixed)
        + ".</p>"
        if fixed
        else ""
    )
    alt = first.chart.alt if first.chart else ""
    hidden = " hidden" if first.error else ""
    return (
        f'<div class="pr-explorer" id="{uid}" data-explorer="{attr(spec.id)}">'
        f'<p class="pr-title">{html.escape(spec.title)}</p>'
        f'<p class="pr-description">{html.escape(spec.description)}</p>'
        f'<form class="pr-controls" aria-label="{attr(spec.title)}: controls">{"".join(controls)}</form>'
        f"{fixed_html}"
        f"{error_html(first.error)}"
        f'<div class="pr-result"{hidden}>{numbers_html(first)}'
        f'<div class="pr-chart"><div class="pr-canvas-box"><canvas role="img" aria-label="{attr(alt)}"></canvas></div>'
        f'<p class="pr-alt">{html.escape(alt)}</p></div></div>'
        # Every explorer is on a page in chapters/, beside the Exercises page (the site's link test
        # checks the link). It points there, not to a launch button, because a site published
        # without a repository address has none (_ext/publishing.py).
        '<p class="pr-static-note">Precomputed by the course\'s Python models when the book was built, '
        "for the positions the controls can take here. For the full ranges, run this chapter as a "
        'notebook on your own machine (see the <a href="exercises.html">Exercises page</a>).</p>'
        f'<script type="application/json" class="pr-explorer-data">{payload_json(payload)}</script>'
        "</div>"
    )
