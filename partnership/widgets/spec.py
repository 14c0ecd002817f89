"""What an explorer is, independent of how it is shown.

An :class:`ExplorerSpec` names its controls (:class:`Control`) and a ``compute`` function that
calls the course's models and *formats* their results into a :class:`View`: key numbers, a
plain-language reading and the data for one chart. No economics lives here or in the specs: every
number comes from a function in :mod:`partnership`, and when a model rejects an input with
``ValueError`` the view carries the model's own message instead.

The same views feed both front ends: :mod:`partnership.widgets.live` (ipywidgets in Jupyter) and
:mod:`partnership.widgets.static` (views precomputed over a grid of control values for the static
book site, where ``_static/explorer.js`` only looks them up). How a reading explains the change from
the starting values is :mod:`partnership.widgets.readings`; how numbers are written,
:mod:`partnership.widgets.formatting`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from .formatting import fmt_money, fmt_pct, round_sig, slugify
from .readings import Memo, compare

__all__ = [
    "ChartData", "Control", "ExplorerSpec", "Headline", "KeyNumber", "Params", "Reference", "Series", "View",
    "compare", "fmt_money", "fmt_pct", "round_sig", "slugify",
]

Params = Mapping[str, Any]


@dataclass(frozen=True)
class Control:
    """One input of an explorer: a slider (``min``/``max``/``step``) or a dropdown (``options``).

    ``label`` carries the unit (e.g. "Joint surplus ($bn a year)"). ``grid`` lists the values the
    static site precomputes (it must contain ``default``; the live widget uses the full range).
    ``fmt`` formats a value for display next to the control; ``noun`` names the input in readings
    ("OpenAI's outside option is higher ...").
    """

    name: str
    label: str
    default: Any
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[tuple[str, Any], ...] | None = None
    grid: tuple[Any, ...] | None = None
    fmt: str = "{:g}"
    noun: str | None = None

    def __post_init__(self) -> None:
        if self.options is None:
            if None in (self.min, self.max, self.step):
                raise TypeError(f"Control {self.name!r} needs min, max and step (or options).")
            if not self.min <= self.default <= self.max:
                raise ValueError(f"Control {self.name!r}: default {self.default!r} outside [{self.min}, {self.max}].")
        elif self.default not in self.option_values:
            raise ValueError(f"Control {self.name!r}: default {self.default!r} is not one of its options.")
        grid = self.static_grid
        if self.default not in grid:
            raise ValueError(f"Control {self.name!r}: its static grid {grid!r} must contain the default.")

    @property
    def is_dropdown(self) -> bool:
        return self.options is not None

    @property
    def option_values(self) -> tuple[Any, ...]:
        return tuple(value for _, value in self.options or ())

    @property
    def static_grid(self) -> tuple[Any, ...]:
        if self.grid is not None:
            return tuple(self.grid)
        if self.is_dropdown:
            return self.option_values
        return (self.default,)

    @property
    def reading_noun(self) -> str:
        return self.noun or re.sub(r"\s*\([^)]*\)\s*$", "", self.label)

    def format(self, value: Any) -> str:
        """How ``value`` is shown to the reader (the option's label for a dropdown)."""
        if self.is_dropdown:
            for text, option in self.options or ():
                if option == value:
                    return text
            return str(value)
        return self.fmt.format(value)

    def check(self, value: Any) -> Any:
        """Validate an override of the default (``explorer(id, name=value)``)."""
        if self.is_dropdown:
            if isinstance(value, list):
                value = tuple(value)
            if value not in self.option_values:
                choices = ", ".join(repr(v) for v in self.option_values)
                raise ValueError(f"{self.label}: {value!r} is not one of the choices ({choices}).")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{self.label}: {value!r} is not a number.")
        if self.min is None or self.max is None:  # unreachable: __post_init__ requires both of a slider
            raise TypeError(f"Control {self.name!r} needs min and max.")
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.label}: {value!r} is outside the slider's range {self.min:g} to {self.max:g}.")
        return value


class KeyNumber(NamedTuple):
    """One key number: its label, the value as the reader sees it, and the raw value."""

    label: str
    text: str
    value: float | int | str | bool | None

    @property
    def slug(self) -> str:
        return slugify(self.label)


@dataclass(frozen=True)
class Series:
    """One data series; ``style`` indexes :data:`partnership.plotting.SERIES` (colour + hatch/marker)."""

    name: str
    values: tuple[float | None, ...]
    style: int = 0


@dataclass(frozen=True)
class Reference:
    """A reference line: horizontal at ``y = value`` (``axis="y"``) or vertical at ``x = value``; no text if ``label`` is empty."""

    label: str
    value: float
    axis: Literal["x", "y"] = "y"


@dataclass(frozen=True)
class ChartData:
    """Everything needed to draw the chart, in matplotlib or in the browser.

    ``kind="bar"``: ``x`` holds category names; ``kind="line"``: ``x`` holds numbers.
    ``alt`` is the text alternative (screen readers; shown as the caption too).
    """

    kind: Literal["bar", "line"]
    x: tuple[Any, ...]
    series: tuple[Series, ...]
    x_label: str
    y_label: str
    alt: str
    stacked: bool = False
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class View:
    """What the reader sees for one set of control values (``error`` set means nothing else is)."""

    numbers: tuple[KeyNumber, ...] = ()
    reading: str = ""
    chart: ChartData | None = None
    error: str | None = None
    reading_parts: tuple[str, ...] = ()  # the reading's sentences (joined with spaces they make ``reading``)

    def __post_init__(self) -> None:
        if self.reading_parts and not self.reading:
            object.__setattr__(self, "reading", " ".join(self.reading_parts))
        elif self.reading and not self.reading_parts:
            object.__setattr__(self, "reading_parts", (self.reading,))
        if " ".join(self.reading_parts) != self.reading:
            raise ValueError("View.reading must be its reading_parts joined with spaces.")

    def number(self, label_or_slug: str) -> KeyNumber:
        for n in self.numbers:
            if label_or_slug in (n.label, n.slug):
                return n
        raise KeyError(label_or_slug)


@dataclass(frozen=True)
class Headline:
    """A quantity the reading explains relative to the starting values (e.g. OpenAI's payoff)."""

    subject: str  # "OpenAI's payoff"
    value: Callable[[Params], float]  # calls a model
    plural: bool = False


@dataclass(frozen=True)
class ExplorerSpec:
    id: str
    title: str
    description: str
    controls: tuple[Control, ...]
    compute: Callable[[Params], View]
    headlines: tuple[Headline, ...] = ()
    _by_name: dict[str, Control] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {c.name: c for c in self.controls})

    def control(self, name: str) -> Control:
        return self._by_name[name]

    def defaults(self) -> dict[str, Any]:
        return {c.name: c.default for c in self.controls}

    def resolve(self, overrides: Params | None = None) -> dict[str, Any]:
        """The starting values: the spec's defaults with checked overrides."""
        params = self.defaults()
        for name, value in (overrides or {}).items():
            if name not in self._by_name:
                known = ", ".join(self._by_name)
                raise TypeError(f"Explorer {self.id!r} has no control {name!r}; its controls are: {known}.")
            params[name] = self._by_name[name].check(value)
        return params

    def view(self, params: Params | None = None, baseline: Params | None = None, memo: Memo | None = None) -> View:
        """The view for ``params`` (missing ones take defaults); a model's ValueError becomes ``error``.

        ``baseline`` (default: the spec's defaults) is what the reading compares against; ``memo``
        (see :func:`~partnership.widgets.readings.compare`) is for many views with one baseline.
        """
        full = {**self.defaults(), **(params or {})}
        base = {**self.defaults(), **(baseline or {})}
        try:
            view = self.compute(full)
        except ValueError as exc:
            return View(error=str(exc))
        comparison = compare(self, full, base, memo)
        if comparison:
            parts = tuple(p for p in (*view.reading_parts, comparison) if p)
            view = View(numbers=view.numbers, reading_parts=parts, chart=view.chart)
        return view
