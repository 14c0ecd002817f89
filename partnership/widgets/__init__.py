"""Interactive explorers: thin views over the course's models, live in Jupyter and alive on the book site.

In a chapter or exercise, make ``explorer("<id>")`` the last expression of a cell::

    from partnership.widgets import explorer
    explorer("bargaining", outside_a=30)   # optional overrides of the starting values

The object it returns displays as

* an ipywidgets explorer (``application/vnd.jupyter.widget-view+json``) in JupyterLab 4 and
  Notebook 7, which prefer that mime type: every change re-runs the model in the kernel;
* a static explorer (``text/html``) on the built book, where no kernel runs: the model's views are
  precomputed over a grid of control values at build time and ``_static/explorer.js`` only looks
  them up and draws them (``_config.yml`` tells myst-nb to drop the widget mime type for HTML).

Explorer ids: see :data:`EXPLORER_IDS` (``bargaining``, ``ownership``, ``waterfall``,
``concentration``, ``cooperation``, ``scenarios``, and ``rubinstein``). The negotiation's deal sheet,
``deal_sheet()``, is a form rather than an explorer (:mod:`partnership.widgets.deal_sheet`).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .deal_sheet import DealSheet, deal_sheet
from .explorers import EXPLORERS, get_spec
from .spec import ChartData, Control, ExplorerSpec, KeyNumber, View

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
EXPLORER_IDS = tuple(EXPLORERS)

__all__ = [
    "EXPLORERS",
    "EXPLORER_IDS",
    "ChartData",
    "Control",
    "DealSheet",
    "Explorer",
    "ExplorerSpec",
    "KeyNumber",
    "View",
    "deal_sheet",
    "explorer",
]


class Explorer:
    """One explorer with its starting values; display it (last expression of a cell) to use it."""

    def __init__(self, spec: ExplorerSpec, start: dict[str, Any]):
        self.spec = spec
        self.start = start

    @property
    def id(self) -> str:
        return self.spec.id

    def view(self, **params: Any) -> View:
        """The view for the starting values with ``params`` changed (no widgets involved)."""
        return self.spec.view({**self.start, **params}, baseline=self.start)

    @cached_property
    def live(self):
        """The ipywidgets explorer (created on first use)."""
        from .live import LiveExplorer

        return LiveExplorer(self.spec, self.start)

    @cached_property
    def static_html(self) -> str:
        """The self-contained static explorer (the model precomputed over the static grid)."""
        from .static import static_html

        return static_html(self.spec, self.start)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text/plain": f"{self.spec.title} (interactive explorer {self.spec.id!r}: run the cell in Jupyter)",
            "text/html": self.static_html,
        }
        widget_data = self.live.widget._repr_mimebundle_()
        if WIDGET_VIEW_MIME in widget_data:
            data[WIDGET_VIEW_MIME] = widget_data[WIDGET_VIEW_MIME]
        return data

    def __repr__(self) -> str:
        return f"explorer({self.spec.id!r}, **{self.start!r})"


def explorer(explorer_id: str, **defaults: Any) -> Explorer:
    """The explorer ``explorer_id``, starting from its defaults with ``defaults`` overriding them.

    Raises ``ValueError`` for an unknown id or an override outside a control's range, and
    ``TypeError`` for an unknown control name.
    """
    spec = get_spec(explorer_id)
    return Explorer(spec, spec.resolve(defaults))
