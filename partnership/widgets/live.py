"""The live explorer: ipywidgets 8 controls over an :class:`~partnership.widgets.spec.ExplorerSpec`.

Every change of a control re-runs the spec's view (that is, the models) and redraws the key
numbers, the reading and a matplotlib figure in the course's colour-blind-safe style. A model's
``ValueError`` is shown in a visible alert box (``role="alert"``) instead of a traceback, and the
explorer recovers as soon as the input is valid again.
"""

from __future__ import annotations

import base64
import html
import io
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from .. import plotting
from .markup import error_html, numbers_html
from .spec import ChartData, Control, ExplorerSpec, View

log = logging.getLogger(__name__)

# Minimal styles for the live widget (the book pages use _static/explorer.css instead).
LIVE_CSS = """<style>
.pr-live p, .pr-live dt, .pr-live dd { line-height: 1.4; }
.pr-live .pr-numbers { display: flex; flex-wrap: wrap; gap: .5em 1.75em; margin: .5em 0; }
.pr-live .pr-number { display: flex; flex-direction: column; }
.pr-live .pr-number dt { float: none; width: auto; margin: 0; font-weight: 400; font-size: .85em; opacity: .8; }
.pr-live .pr-number dd { float: none; margin: 0; font-size: 1.2em; font-weight: 700; }
.pr-live .pr-error { border: 2px solid #D55E00; border-left-width: 6px; border-radius: 4px; padding: .5em .75em;
  background: rgba(213, 94, 0, .08); line-height: 1.4; }
.pr-live .pr-reading { max-width: 48em; }
</style>"""


# Reference lines: black long dashes, then dark grey dots (the same in explorer.js).
REFERENCE_STYLES = (("#000000", (6, 4)), ("#555555", (1.5, 2.5)))


def draw_chart(chart: ChartData, *, figsize: tuple[float, float] = (6.4, 3.6)):
    """A matplotlib Figure for ``chart``: palette colours plus hatches (bars) or markers (lines)."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context():
        plotting.use_course_style()
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.subplots()
        if chart.kind == "bar":
            positions = list(range(len(chart.x)))
            n = len(chart.series)
            width = 0.6 if chart.stacked else 0.8 / max(n, 1)
            pos_base = [0.0] * len(positions)
            neg_base = [0.0] * len(positions)
            for k, series in enumerate(chart.series):
                style = plotting.SERIES[series.style % len(plotting.SERIES)]
                values = [0.0 if v is None else v for v in series.values]
                xs: Sequence[float]
                if chart.stacked:
                    bottoms = [pos_base[i] if v >= 0 else neg_base[i] for i, v in enumerate(values)]
                    xs = positions
                    for i, v in enumerate(values):
                        if v >= 0:
                            pos_base[i] += v
                        else:
                            neg_base[i] += v
                else:
                    bottoms = None
                    xs = [p - 0.4 + width * (k + 0.5) for p in positions]
                ax.bar(xs, values, width=width, bottom=bottoms, color=style["color"], hatch=style["hatch"],
                       edgecolor="black", linewidth=0.6, label=series.name)
            ax.set_xticks(positions, [str(x) for x in chart.x])
            ax.axhline(0, color="black", linewidth=0.8)
        else:
            for series in chart.series:
                style = plotting.SERIES[series.style % len(plotting.SERIES)]
                ax.plot(chart.x, [float("nan") if v is None else v for v in series.values], color=style["color"],
                        marker=style["marker"], linestyle=style["linestyle"], markersize=4, label=series.name)
        for k, ref in enumerate(chart.references):
            line = ax.axvline if ref.axis == "x" else ax.axhline
            color, dashes = REFERENCE_STYLES[k % len(REFERENCE_STYLES)]
            line(ref.value, color=color, linestyle=(0, dashes), linewidth=1.2, label=ref.label or "_nolegend_")
        ax.set_xlabel(chart.x_label)
        ax.set_ylabel(chart.y_label)
        labelled = len(chart.series) + sum(1 for ref in chart.references if ref.label)
        fig.legend(loc="outside lower center", ncols=min(4, labelled),
                   frameon=False, fontsize=9)
    return fig


def chart_png(chart: ChartData) -> bytes:
    fig = draw_chart(chart)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return buf.getvalue()


def _make_control(control: Control, value: Any) -> widgets.Widget:
    # A fixed label column (long labels wrap into a tooltip) and a slider track of its own width.
    common = dict(description=control.label, tooltip=control.label,
                  style={"description_width": "28em"}, layout=widgets.Layout(width="46em"))
    if control.is_dropdown:
        return widgets.Dropdown(options=list(control.options or ()), value=value, **common)
    return widgets.FloatSlider(value=value, min=control.min, max=control.max, step=control.step, readout=False,
                               continuous_update=False, **common)


class LiveExplorer:
    """The ipywidgets explorer. ``widget`` is what Jupyter displays; ``controls`` maps names to inputs."""

    def __init__(self, spec: ExplorerSpec, start: Mapping[str, Any]):
        self.spec = spec
        self.start = dict(start)
        self.controls: dict[str, widgets.Widget] = {}
        self.readouts: dict[str, widgets.Label] = {}
        rows = []
        for control in spec.controls:
            box = _make_control(control, self.start[control.name])
            readout = widgets.Label(control.format(self.start[control.name]))
            box.observe(self._on_change, names="value")
            self.controls[control.name] = box
            self.readouts[control.name] = readout
            rows.append(widgets.HBox([box, readout]))
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.summary = widgets.HTML()
        self.figure = widgets.Output()
        self.caption = widgets.HTML()
        header = widgets.HTML(
            f'{LIVE_CSS}<p><strong>{html.escape(spec.title)}</strong></p><p>{html.escape(spec.description)}</p>'
        )
        self.widget = widgets.VBox(
            [header, widgets.VBox(rows), self.message, self.summary, self.figure, self.caption]
        )
        self.widget.add_class("pr-live")
        self.view: View | None = None
        self.refresh()

    # -- state -----------------------------------------------------------------------------------------
    def params(self) -> dict[str, Any]:
        return {name: box.value for name, box in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Move controls from Python (as a reader would): ``live.set(surplus=120)``."""
        for name, value in values.items():
            self.controls[name].value = value

    @property
    def error(self) -> str | None:
        return self.view.error if self.view else None

    # -- updates ---------------------------------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the view for the current control values and redraw; never raises."""
        for name, box in self.controls.items():
            self.readouts[name].value = self.spec.control(name).format(box.value)
        try:
            view = self.spec.view(self.params(), baseline=self.start)
        except Exception as exc:  # a bug, not a bad input: still show it in the widget, never a traceback
            log.exception("explorer %s failed", self.spec.id)
            view = View(error=f"The explorer could not compute this case ({type(exc).__name__}: {exc}).")
        self.view = view
        if view.error:
            self.message.value = error_html(view.error)
            self.message.layout.display = None
            self.summary.layout.display = "none"
            self.figure.outputs = ()
            self.caption.value = ""
            return
        self.message.value = ""
        self.message.layout.display = "none"
        self.summary.value = numbers_html(view)
        self.summary.layout.display = None
        if view.chart is None:
            self.figure.outputs = ()
            self.caption.value = ""
            return
        try:
            png = chart_png(view.chart)
        except Exception:  # drawing must not break the numbers
            log.exception("explorer %s: drawing failed", self.spec.id)
            self.figure.outputs = ()
        else:
            self.figure.outputs = (
                {
                    "output_type": "display_data",
                    "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": view.chart.alt},
                    "metadata": {},
                },
            )
        self.caption.value = f'<p class="pr-alt"><small>{html.escape(view.chart.alt)}</small></p>'
