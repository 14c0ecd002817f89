"""Assertions for the exercises' test cells: tolerant comparisons with messages that help.

Test cells import these inside the cell (``from partnership.checks import close as _close``)
rather than relying on names defined earlier in the notebook, which a student could redefine. The
visible tests run twice: in the student's kernel, for the messages, and in the grader, for the verdict.
Every failure raises ``AssertionError`` whose message names the quantity, what was expected, what
was found and, where given, a hint; nbgrader shows that message in the student's feedback.

>>> close(0.1 + 0.2, 0.3, "x")
>>> close(0.31, 0.3, "the share", hint="Use the package.")
Traceback (most recent call last):
AssertionError: the share should be 0.3, but it is 0.31. Use the package.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["close", "close_all", "equal", "function", "one_of", "raises"]

# Bound once, at import. In a student's kernel these checks only give messages: the grade is decided
# by the same checks run in the grader's own process (partnership_grading/verdicts/), where no
# student code can rebind math.isclose or builtins.float.
_isclose, _isfinite, _float, _isinstance = math.isclose, math.isfinite, float, isinstance


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _fail(message: str, hint: str) -> None:
    raise AssertionError(f"{message} {hint}".strip())


def close(got: Any, expected: float, what: str, *, rel: float = 1e-6, abs_tol: float = 1e-9, hint: str = "") -> None:
    """Check that ``got`` is a finite number within ``rel`` (relative) or ``abs_tol`` of ``expected``."""
    if _isinstance(got, bool) or not _isinstance(got, numbers.Real):
        _fail(f"{what} should be a number, but it is {got!r} (a {type(got).__name__}).", hint)
    value = _float(got)
    if not _isfinite(value):
        _fail(f"{what} should be a finite number, but it is {value!r}.", hint)
    if not _isclose(value, _float(expected), rel_tol=rel, abs_tol=abs_tol):
        _fail(f"{what} should be {_fmt(_float(expected))}, but it is {_fmt(value)}.", hint)


def close_all(
    got: Any, expected: Sequence[float], what: str, *, rel: float = 1e-6, abs_tol: float = 1e-9, hint: str = ""
) -> None:
    """Check a sequence of numbers element by element (same length, each within tolerance)."""
    if isinstance(got, (str, bytes)) or not hasattr(got, "__len__"):
        _fail(f"{what} should be a list of {len(expected)} numbers, but it is {got!r}.", hint)
    if len(got) != len(expected):
        _fail(f"{what} should have {len(expected)} entries, but it has {len(got)}: {list(got)!r}.", hint)
    for k, (g, e) in enumerate(zip(got, expected)):
        close(g, e, f"{what}[{k}]", rel=rel, abs_tol=abs_tol, hint=hint)


def equal(got: Any, expected: Any, what: str, *, hint: str = "") -> None:
    """Check exact equality (for strings, booleans, ``None`` and whole numbers).

    A boolean must be a boolean (Python's or numpy's), not 0 or 1.
    """
    if isinstance(expected, bool):
        ok = type(got).__name__ in ("bool", "bool_") and bool(got) == expected
    elif expected is None:
        ok = got is None
    else:
        ok = not isinstance(got, bool) and got == expected
    if not ok:
        _fail(f"{what} should be {expected!r}, but it is {got!r}.", hint)


def one_of(got: Any, options: Sequence[Any], what: str, *, hint: str = "") -> None:
    """Check that ``got`` is one of ``options`` (a prediction such as ``"rises"``, or a structure's name).

    >>> one_of("falls", ("rises", "falls", "unchanged"), "your prediction")
    """
    if _isinstance(got, bool) or got not in list(options):
        shown = ", ".join(repr(o) for o in options)
        _fail(f"{what} should be one of {shown}, but it is {got!r}.", hint)


def function(obj: Any, name: str) -> None:
    """Check that the student defined ``name`` as a function (not, say, a number)."""
    if not callable(obj):
        _fail(f"{name} should be a function you define with `def {name}(...)`, but it is {obj!r}.", "")


def raises(
    error: type[BaseException], call: Callable[..., Any], *args: Any, what: str, hint: str = "", **kwargs: Any
) -> None:
    """Check that ``call(*args, **kwargs)`` raises ``error`` (or a subclass of it)."""
    try:
        result = call(*args, **kwargs)
    except error:
        return
    except Exception as exc:  # noqa: BLE001 - report what was raised instead
        _fail(f"{what} should raise {error.__name__}, but it raised {type(exc).__name__}: {exc}.", hint)
    else:
        _fail(f"{what} should raise {error.__name__}, but it returned {result!r}.", hint)
