"""The deal sheet's terms: the nine issues and their choices, and a :class:`Deal` that checks each one.

A deal fixes nine terms (:data:`ISSUES`): OpenAI's revenue share to Microsoft (rate, last year, total
cap, and whether the AGI clause still ends it), Microsoft's licence to OpenAI's models (last year,
exclusive or not), Azure exclusivity for stateless and for stateful products, and OpenAI's Azure
compute commitment. Each issue's choices run from the one best for OpenAI to the one best for Microsoft.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

FIRST_YEAR = 2026
LAST_YEAR = 2035  # the valuation's horizon: ten years, 2026-2035
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
AGI_KEPT, AGI_REMOVED = "kept", "removed"
Side = Literal["microsoft", "openai"]
SIDES: tuple[Side, ...] = ("microsoft", "openai")
SIDE_NAMES = {"microsoft": "Microsoft", "openai": "OpenAI", "rival": "the rival cloud"}


@dataclass(frozen=True)
class Issue:
    """One term of the deal sheet: its choices, the October 2025 term, and which way favours Microsoft.

    ``options`` run from the choice best for OpenAI to the one best for Microsoft, so "one step in
    Microsoft's favour" is one step along the tuple.
    """

    name: str
    label: str
    options: tuple[Any, ...]
    status_quo: Any
    explanation: str

    def text(self, value: Any) -> str:
        """How a choice is written on the deal sheet."""
        return option_text(self.name, value)


def _years(first: int, last: int) -> tuple[int, ...]:
    return tuple(range(first, last + 1))


ISSUES: tuple[Issue, ...] = (
    Issue("rate_pct", "Revenue share OpenAI pays Microsoft (% of OpenAI's revenue)", tuple(range(0, 31)), 20,
          "A whole percentage from 0% to 30% of OpenAI's revenue each year."),
    Issue("share_until", "Last year of the revenue share", _years(FIRST_YEAR, LAST_YEAR), LAST_YEAR,
          f"A year from {FIRST_YEAR} to {LAST_YEAR}; {LAST_YEAR} means no end date within the horizon."),
    Issue("cap_bn", "Total cap on OpenAI's payments from 2026 ($bn)", (25, 50, 75, 100, 125, 150, 175, 200, 250, None), None,
          "The most OpenAI pays in total from 2026 on, or no cap."),
    Issue("agi_clause", "AGI clause: payments stop once the expert panel verifies AGI", (AGI_KEPT, AGI_REMOVED),
          AGI_KEPT, "Kept (the payments end when the panel verifies AGI) or removed (they do not depend on it)."),
    Issue("ip_until", "Last year of Microsoft's licence to OpenAI's models and products", _years(2028, LAST_YEAR),
          2032, f"A year from 2028 to {LAST_YEAR}."),
    Issue("ip_exclusive", "Microsoft's licence is exclusive", (False, True), True,
          "Exclusive (OpenAI may license its models to no one else) or non-exclusive."),
    Issue("stateless_exclusive", "Azure exclusivity for stateless APIs", (False, True), True,
          "While the licence runs, OpenAI's stateless API products are sold only through Azure."),
    Issue("stateful_exclusive", "Azure exclusivity for stateful products (agents, runtimes)", (False, True), True,
          "While the licence runs, OpenAI's stateful products run only on Azure. Contested under the "
          "October 2025 terms: without a deal, a court decides."),
    Issue("compute_bn", "OpenAI's incremental Azure compute commitment ($bn)", tuple(range(0, 301, 25)), 250,
          "A multiple of $25bn from $0 to $300bn."),
)
ISSUE_NAMES = tuple(issue.name for issue in ISSUES)
_BY_NAME = {issue.name: issue for issue in ISSUES}


def issue(name: str) -> Issue:
    """The issue called ``name`` (one of :data:`ISSUE_NAMES`).

    Examples
    --------
    >>> issue("compute_bn").status_quo  # the October 2025 terms: $250bn of Azure
    250
    >>> issue("price")
    Traceback (most recent call last):
    ...
    ValueError: There is no term 'price' on the deal sheet; the terms are: rate_pct, share_until, ...
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"There is no term {name!r} on the deal sheet; the terms are: {', '.join(ISSUE_NAMES)}.") from None


def option_text(name: str, value: Any) -> str:
    """A term's value as the deal sheet writes it (``"20%"``, ``"no cap"``, ``"yes"``).

    Examples
    --------
    >>> option_text("rate_pct", 20), option_text("cap_bn", None), option_text("ip_exclusive", False)
    ('20%', 'no cap', 'no')
    """
    if name == "rate_pct":
        return f"{value}%"
    if name == "cap_bn":
        return "no cap" if value is None else f"${value}bn"
    if name == "compute_bn":
        return f"${value}bn"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _check_term(name: str, value: Any) -> Any:
    spec = issue(name)
    if isinstance(spec.options[0], bool):
        if not isinstance(value, bool):
            raise ValueError(f"{spec.label}: answer yes or no (True or False), got {value!r}.")
        return value
    if name == "agi_clause":
        if value not in spec.options:
            raise ValueError(f"{spec.label}: write 'kept' or 'removed', not {value!r}.")
        return value
    if value is None and None in spec.options:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{spec.label}: {value!r} is not a number. {spec.explanation}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value not in spec.options:
        numbers = [v for v in spec.options if v is not None]
        if not min(numbers) <= value <= max(numbers):
            raise ValueError(f"{spec.label}: {option_text(name, value)} is impossible. {spec.explanation}")
        raise ValueError(f"{spec.label}: {option_text(name, value)} is not one of the deal sheet's choices. "
                         f"{spec.explanation}")
    return value


@dataclass(frozen=True)
class Deal:
    """An agreement between OpenAI and Microsoft: one choice for each term of :data:`ISSUES`."""

    rate_pct: int
    share_until: int
    cap_bn: int | None
    agi_clause: str
    ip_until: int
    ip_exclusive: bool
    stateless_exclusive: bool
    stateful_exclusive: bool
    compute_bn: int

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, _check_term(f.name, getattr(self, f.name)))

    def terms(self) -> dict[str, Any]:
        """The terms as a dict, in deal-sheet order."""
        return {name: getattr(self, name) for name in ISSUE_NAMES}

    def describe(self) -> str:
        """One line a student can read: ``"20% to 2030, cap $100bn, AGI clause removed, ..."``."""
        cap = "no cap" if self.cap_bn is None else f"cap ${self.cap_bn}bn"
        excl = [name for flag, name in ((self.stateless_exclusive, "stateless"), (self.stateful_exclusive, "stateful"))
                if flag]
        azure = f"Azure-exclusive: {' and '.join(excl)}" if excl else "any cloud"
        return (f"{self.rate_pct}% to {self.share_until}, {cap}, AGI clause {self.agi_clause}; "
                f"{'exclusive' if self.ip_exclusive else 'non-exclusive'} licence to {self.ip_until}; "
                f"{azure}; ${self.compute_bn}bn of Azure")


STATUS_QUO = Deal(**{i.name: i.status_quo for i in ISSUES})  # the October 2025 terms, as this game reads them


def _side(side: str) -> Side:
    # A misspelt side ("Microsoft") must not silently mean the other one.
    if side not in SIDES:
        raise ValueError(f"The side must be 'microsoft' or 'openai', not {side!r}.")
    return side


def toward(deal: Deal, name: str, side: Side, steps: int = 1) -> Deal | None:
    """``deal`` with term ``name`` moved ``steps`` choices in ``side``'s favour, or None past the last choice.

    Examples
    --------
    >>> toward(STATUS_QUO, "rate_pct", "openai", steps=5).rate_pct  # 20% five choices down
    15
    >>> toward(STATUS_QUO, "cap_bn", "microsoft") is None  # "no cap" is already the choice best for Microsoft
    True
    """
    spec = issue(name)
    k = spec.options.index(getattr(deal, name)) + (steps if _side(side) == "microsoft" else -steps)
    if not 0 <= k < len(spec.options):
        return None
    return replace(deal, **{name: spec.options[k]})
