"""Input checks shared by the models, so every model words its errors the same way."""

from __future__ import annotations

import math
from collections.abc import Sequence


def finite(name: str, value: float) -> float:
    """Return ``value`` as a float, or raise ``ValueError`` if it is not a finite number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}.") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}.")
    return number


def non_negative(name: str, value: float) -> float:
    number = finite(name, value)
    if number < 0:
        raise ValueError(f"{name} cannot be negative (got {number:g}).")
    return number


def positive(name: str, value: float) -> float:
    number = finite(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be greater than zero (got {number:g}).")
    return number


def fraction(name: str, value: float, *, open_low: bool = False, open_high: bool = False) -> float:
    """A number in [0, 1]; ``open_low``/``open_high`` exclude the end points."""
    number = finite(name, value)
    low_ok = number > 0 if open_low else number >= 0
    high_ok = number < 1 if open_high else number <= 1
    if not (low_ok and high_ok):
        low = "(0" if open_low else "[0"
        high = "1)" if open_high else "1]"
        raise ValueError(f"{name} must lie in {low}, {high} (got {number:g}).")
    return number


def numbers(name: str, values: Sequence[float]) -> list[float]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise ValueError(f"{name} must be a list of numbers, got {values!r}.")
    out = [finite(f"{name}[{i}]", v) for i, v in enumerate(values)]
    return out
