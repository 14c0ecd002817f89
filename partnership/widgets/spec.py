"""What an explorer is, independent of how it is shown.

An :class:`ExplorerSpec` names its controls (:class:`Control`) and a ``compute`` function that
calls the course's models and *formats* their results into a :class:`View`: key numbers, a
plain-language reading and the data for one chart. No economics lives here or in the specs: every
number comes from a function in :mod:`partnership`, and when a model rejects an input with
``ValueError`` the view carries the model's own message instead.

The same views feed both front ends: :mod:`partnership.widgets.live` (ipywidgets in Jupyter) and
:mod:`partnership.widgets.static` (views precomputed over a grid of control values for the static
book site, where ``_static/explorer.js`` only looks them up).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

Params = Mapping[str, Any]


def slugify(label: str) -> str:
    """``"OpenAI's payoff"`` -> ``"openais-payoff"``: the stable key of a key number in the DOM."""
    text = label.lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


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

    def view(self, params: Params | None = None, baseline: Params | None = None) -> View:
        """The view for ``params`` (missing ones take defaults); a model's ValueError becomes ``error``.

        ``baseline`` (default: the spec's defaults) is what the reading compares against.
        """
        full = {**self.defaults(), **(params or {})}
        base = {**self.defaults(), **(baseline or {})}
        try:
            view = self.compute(full)
        except ValueError as exc:
            return View(error=str(exc))
        comparison = compare(self, full, base)
        if comparison:
            parts = tuple(p for p in (*view.reading_parts, comparison) if p)
            view = View(numbers=view.numbers, reading_parts=parts, chart=view.chart)
        return view


# --- readings relative to the starting values -------------------------------------------------------


def _safe(fn: Callable[[Params], float], params: Params) -> float | None:
    try:
        value = fn(params)
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def _changed(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return not math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a != b


def _describe_change(control: Control, new: Any, old: Any) -> str:
    noun = control.reading_noun
    if control.is_dropdown:
        return f"{noun} is {control.format(new)}"
    return f"{noun} is {'higher' if new > old else 'lower'}"


def compare(spec: ExplorerSpec, params: Params, baseline: Params) -> str:
    """Explain how each headline moved from ``baseline`` and which changed input moved it most.

    Attribution re-runs the headline's model with one input at a time moved from the baseline
    (every number comes from the model; inputs whose one-at-a-time run the model rejects are
    skipped). The result is qualitative on purpose: the numbers are shown next to it.
    """
    changed = [c for c in spec.controls if _changed(params[c.name], baseline[c.name])]
    if not spec.headlines:
        return ""
    if not changed:
        return "These are the starting values: move a control to see what changes."
    sentences = []
    for headline in spec.headlines:
        before, after = _safe(headline.value, baseline), _safe(headline.value, params)
        if before is None or after is None:
            continue
        verb = "are" if headline.plural else "is"
        scale = max(abs(before), abs(after), 1e-9)
        if abs(after - before) <= 1e-9 * scale:
            sentences.append(f"{headline.subject} {verb} the same as at the starting values.")
            continue
        direction = 1 if after > before else -1
        effects = []
        for control in changed:
            alone = {**baseline, control.name: params[control.name]}
            value = _safe(headline.value, alone)
            if value is not None and abs(value - before) > 1e-9 * scale:
                effects.append((value - before, control))
        helping = sorted((e for e in effects if e[0] * direction > 0), key=lambda e: -abs(e[0]))
        opposing = sorted((e for e in effects if e[0] * direction < 0), key=lambda e: -abs(e[0]))
        sentence = f"{headline.subject} {verb} {'higher' if direction > 0 else 'lower'} than at the starting values"
        if helping:
            main = helping[0][1]
            why = "because" if len(effects) == 1 else "mainly because"
            sentence += f", {why} {_describe_change(main, params[main.name], baseline[main.name])}"
        if opposing:
            other = opposing[0][1]
            sentence += f"; the change in {other.reading_noun} pulls the other way"
        sentences.append(sentence + ".")
    return " ".join(sentences)


def fmt_money(value: float, unit: str = "bn") -> str:
    """``12.345`` -> ``"$12.3bn"``; negatives as ``"−$4.0bn"`` (a true minus sign)."""
    sign = "−" if value < 0 else ""
    return f"{sign}${abs(value):,.1f}{unit}"


def fmt_pct(fraction: float, digits: int = 0) -> str:
    """``0.125`` -> ``"12.5%"`` with ``digits`` decimals (fractions in, percent out)."""
    return f"{fraction * 100:.{digits}f}%"


def round_sig(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits (for compact JSON)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


def sequence(values: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)
