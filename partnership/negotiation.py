"""The negotiation: the 2026 renegotiation as a role-play, scored with the course's models.

A deal fixes nine terms (:data:`ISSUES`): OpenAI's revenue share to Microsoft (rate, last year, total
cap, and whether the AGI clause still ends it), Microsoft's licence to OpenAI's models (last year,
exclusive or not), Azure exclusivity for stateless and for stateful products, and OpenAI's Azure
compute commitment. Each side values a deal with its own confidential parameters (forecasts,
beliefs, what each right is worth to it):

* the revenue share is the course's waterfall (:func:`partnership.revenue.waterfall`) valued at the
  side's discount rate (:func:`partnership.revenue.npv`); under the AGI clause the payments stop when
  the expert panel verifies AGI, so the side takes the expected value over its beliefs about when
  (:func:`partnership.scenarios.expected_payoffs`);
* the licence and the exclusivity terms are yearly values (to Microsoft) and costs (to OpenAI) for
  as long as the licence runs, discounted with ``npv``; the compute commitment is worth a margin per
  dollar to Microsoft and costs OpenAI a little within its own need and much more beyond it.

Without a deal the two go on under the October 2025 terms while disputing whether stateful products
are Azure-exclusive: each side's **threat point** is its expected value of that dispute, less its
cost. Each also has an **outside option**, what it gets by walking away for good (OpenAI's includes
the rival cloud's offer). The Nash bargaining prediction over the possible agreements uses the
threat points and, by the outside-option principle, lets an outside option count only when it beats
the Nash outcome (Nash 1950; Binmore, Rubinstein & Wolinsky 1986; :mod:`partnership.bargaining`).
All parameters are hypothetical teaching values, kept in the instructor edition.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from typing import Any, Literal

from ._validate import finite, fraction, non_negative
from .bargaining import Binding, bargain_with_outside_options
from .revenue import DealTerms, growing_revenue, npv, waterfall
from .scenarios import Scenario, expected_payoffs

FIRST_YEAR = 2026
LAST_YEAR = 2035  # the valuation's horizon: ten years, 2026-2035
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
AGI_KEPT, AGI_REMOVED = "kept", "removed"
Side = Literal["microsoft", "openai"]
SIDES: tuple[Side, ...] = ("microsoft", "openai")
SIDE_NAMES = {"microsoft": "Microsoft", "openai": "OpenAI", "rival": "the rival cloud"}


# --- the terms on the table ------------------------------------------------------------------------


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


STATUS_QUO = Deal(**{i.name: i.status_quo for i in ISSUES})

def markdown_text(text: str) -> str:
    r"""``text`` for a MyST page: dollar signs escaped, since the book reads ``$...$`` as maths.

    Examples
    --------
    >>> print(markdown_text(r"$100bn, and \$25bn already escaped"))
    \$100bn, and \$25bn already escaped
    """
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    r"""A Markdown pipe table for a MyST page (the deal sheet's terms, the role sheets).

    Examples
    --------
    >>> print(markdown_table(("Term", "Choice"), [("Cap", "$100bn"), ("Rate", "20%")]))
    | Term | Choice |
    |---|---|
    | Cap | \$100bn |
    | Rate | 20% |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return markdown_text("\n".join(lines))


def issues_table() -> str:
    r"""The deal sheet's terms, their choices and the October 2025 terms, as a Markdown table.

    Examples
    --------
    >>> lines = issues_table().splitlines()
    >>> len(lines)  # the header, the rule under it and one row for each of the nine terms
    11
    >>> print(lines[-1])
    | OpenAI's incremental Azure compute commitment (\$bn) | \$0bn to \$300bn in steps of \$25bn | \$250bn |
    """
    rows = []
    for spec in ISSUES:
        first, last = spec.options[0], spec.options[-1]
        if isinstance(first, bool) or spec.name in ("agi_clause", "cap_bn"):
            choices = ", ".join(spec.text(v) for v in spec.options)
        else:
            step = spec.options[1] - spec.options[0]
            choices = f"{spec.text(first)} to {spec.text(last)}" + (f" in steps of {spec.text(step)}" if step != 1 else "")
        rows.append((spec.label, choices, spec.text(spec.status_quo)))
    return markdown_table(("Term", "Choices", "October 2025 terms (as this game reads them)"), rows)
  # the October 2025 terms, as this game reads them


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


# --- the roles' confidential parameters ------------------------------------------------------------


def _agi(schedule: Mapping[int, float] | Iterable[tuple[int, float]], who: str) -> tuple[tuple[int, float], ...]:
    items = sorted((dict(schedule) if isinstance(schedule, Mapping) else dict(schedule)).items())
    out = []
    for year, p in items:
        if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR < year <= LAST_YEAR:
            raise ValueError(f"{who}: an AGI year must be a whole year from {FIRST_YEAR + 1} to {LAST_YEAR} "
                             f"(the first year without payments), got {year!r}.")
        out.append((year, fraction(f"{who}: the probability that the panel verifies AGI in {year}", p)))
    if math.fsum(p for _, p in out) > 1 + 1e-9:
        raise ValueError(f"{who}: the probabilities of verifying AGI in each year add up to more than 1.")
    return tuple(out)


@dataclass(frozen=True)
class Beliefs:
    """A side's view of the future: OpenAI's revenue, its own discount rate, and when AGI is verified.

    ``agi`` maps a year to the probability that the panel verifies AGI at its start (the revenue share
    then stops from that year under the AGI clause); the rest of the probability is "not before
    2036".
    """

    revenue_2026: float
    revenue_growth: float
    discount_rate: float
    agi: tuple[tuple[int, float], ...] = ()

    def __post_init__(self) -> None:
        non_negative("The forecast of OpenAI's 2026 revenue ($bn)", self.revenue_2026)
        growth = finite("The forecast growth of OpenAI's revenue", self.revenue_growth)
        if growth <= -1:
            raise ValueError(f"The forecast growth must be above −100% (got {growth:g}).")
        rate = finite("The discount rate", self.discount_rate)
        if not 0 <= rate < 1:
            raise ValueError(f"The discount rate must lie in [0, 1): a yearly rate such as 0.09 (got {rate:g}).")
        object.__setattr__(self, "agi", _agi(self.agi, "Beliefs"))

    def revenue(self) -> list[float]:
        return growing_revenue(self.revenue_2026, self.revenue_growth, len(YEARS))


@dataclass(frozen=True)
class MicrosoftRole:
    """Microsoft's confidential parameters ($bn of NPV, or $bn a year where it says so)."""

    beliefs: Beliefs
    base_value: float  # the partnership on any terms, before the terms below
    licence_per_year: float  # using OpenAI's models in its products, each year the licence runs
    exclusive_per_year: float  # the extra each year if no one else may license them
    stateless_per_year: float
    stateful_per_year: float
    margin_per_bn: float  # NPV of the margin on each $bn of committed Azure spending
    win_probability: float  # its belief that a court reads the October 2025 terms as stateful-exclusive
    dispute_cost: float  # lawyers, a strained relationship, customers' doubts, while the two disagree
    outside_option: float  # walking away for good: going on without OpenAI

    def __post_init__(self) -> None:
        _check_role(self, "Microsoft")


@dataclass(frozen=True)
class OpenAIRole:
    """OpenAI's confidential parameters ($bn of NPV, or $bn a year where it says so)."""

    beliefs: Beliefs
    base_value: float
    licence_per_year: float  # what Microsoft's licence costs it each year (little: the IP is non-rival)
    exclusive_per_year: float  # licensing to others it gives up each year the licence is exclusive
    stateless_per_year: float
    stateful_per_year: float
    compute_need_bn: float  # what it would buy from Azure anyway
    flexibility_per_bn: float  # the cost of committing each $bn within that need
    excess_per_bn: float  # the cost of each $bn committed beyond it
    win_probability: float  # its belief that a court reads the terms as stateful-exclusive
    dispute_cost: float
    outside_option: float  # leaving Microsoft for other clouds, before any rival offer
    rival_payment: float  # the rival cloud's standing offer for stateful products, if they are free of Azure
    rival_offer: float  # the rival cloud's standing offer if OpenAI leaves Microsoft

    def __post_init__(self) -> None:
        _check_role(self, "OpenAI")
        if self.excess_per_bn < self.flexibility_per_bn:
            raise ValueError("OpenAI: committing compute beyond its need cannot cost less per $bn than committing "
                             "within it (excess_per_bn must be at least flexibility_per_bn).")


@dataclass(frozen=True)
class RivalRole:
    """The rival cloud's confidential parameters ($bn of NPV)."""

    stateful_value: float  # running OpenAI's stateful products
    partnership_value: float  # OpenAI moving to it wholesale
    budget: float  # the most its board lets it offer, for either deal

    def __post_init__(self) -> None:
        for f in fields(self):
            non_negative(f"The rival cloud: {f.name.replace('_', ' ')}", getattr(self, f.name))


_SIGNED = {"base_value", "outside_option"}  # may be negative; everything else is a size


def _check_role(role, who: str) -> None:
    if not isinstance(role.beliefs, Beliefs):
        raise ValueError(f"{who}: beliefs must be a Beliefs, got {role.beliefs!r}.")
    for f in fields(role):
        if f.name == "beliefs":
            continue
        value = getattr(role, f.name)
        label = f"{who}: {f.name.replace('_', ' ')}"
        if f.name == "win_probability":
            fraction(label, value)
        elif f.name in _SIGNED:
            finite(label, value)
        else:
            non_negative(label, value)


@dataclass(frozen=True)
class RivalTerms:
    """What the rival cloud and OpenAI agreed, if a rival team plays ($bn); None: OpenAI's standing offers."""

    payment_bn: float | None = None  # paid to OpenAI if its stateful products are free of Azure exclusivity
    offer_bn: float | None = None  # what the rival offers if OpenAI leaves Microsoft

    def __post_init__(self) -> None:
        for name in ("payment_bn", "offer_bn"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, non_negative(f"The rival cloud's {name[:-3]} ($bn)", value))


@dataclass(frozen=True)
class Case:
    """Everything the scoring needs: both roles, the rival (if it plays) and OpenAI's bargaining power."""

    microsoft: MicrosoftRole
    openai: OpenAIRole
    rival: RivalRole | None = None
    power_openai: float = 0.5

    def __post_init__(self) -> None:
        fraction("OpenAI's bargaining power", self.power_openai)

    def rival_terms(self, terms: RivalTerms | None = None) -> tuple[float, float]:
        """(payment, offer): the agreed rival terms, each falling back to OpenAI's standing offer."""
        terms = terms or RivalTerms()
        payment = self.openai.rival_payment if terms.payment_bn is None else terms.payment_bn
        offer = self.openai.rival_offer if terms.offer_bn is None else terms.offer_bn
        if self.rival is not None and max(payment, offer) > self.rival.budget + 1e-9:
            raise ValueError(f"The rival cloud cannot promise ${max(payment, offer):g}bn: its board caps any "
                             f"offer at ${self.rival.budget:g}bn.")
        return payment, offer


# The docstrings' examples: round hypothetical numbers, so that every value can be checked by hand.
# Both expect OpenAI's revenue to stay at $10bn a year, discount nothing and expect no AGI; Microsoft
# values the licence at 1 a year, stateful exclusivity at 1 a year and each $bn of compute at 0.1;
# OpenAI has a base value of 100, loses 2 a year to stateful exclusivity (the rival would pay it 4
# for stateful hosting) and needs $200bn of compute (0.02 a $bn within that, 0.2 beyond). Each gives
# a court even odds; a dispute costs Microsoft 15.5 and OpenAI 1; neither can walk away to anything.
_TOY_VIEW = Beliefs(revenue_2026=10, revenue_growth=0, discount_rate=0)
TOY_CASE = Case(
    MicrosoftRole(_TOY_VIEW, base_value=0, licence_per_year=1, exclusive_per_year=0, stateless_per_year=0,
                  stateful_per_year=1, margin_per_bn=0.1, win_probability=0.5, dispute_cost=15.5, outside_option=0),
    OpenAIRole(_TOY_VIEW, base_value=100, licence_per_year=0, exclusive_per_year=0, stateless_per_year=0,
               stateful_per_year=2, compute_need_bn=200, flexibility_per_bn=0.02, excess_per_bn=0.2,
               win_probability=0.5, dispute_cost=1, outside_option=0, rival_payment=4, rival_offer=0),
)


# --- what a deal is worth --------------------------------------------------------------------------


def payments_pv(beliefs: Beliefs, rate_pct: int, last_year: int, cap_bn: int | None) -> float:
    """NPV of OpenAI's revenue-share payments from 2026 through ``last_year``, capped in total.

    ``Σ_t pay_t / (1 + r)^t`` with ``pay_t`` from the course's waterfall: ``rate × R_t`` while
    ``t ≤ last_year`` and the total stays under the cap (:func:`partnership.revenue.waterfall`).

    Examples
    --------
    >>> flat = Beliefs(revenue_2026=10, revenue_growth=0, discount_rate=0)
    >>> payments_pv(flat, 20, 2027, None)  # 20% of 10 in 2026 and again in 2027
    4.0
    >>> payments_pv(flat, 30, 2035, 25)  # 3 a year for ten years, but no more than 25 in all
    25.0
    >>> round(payments_pv(Beliefs(10, 0, discount_rate=0.1), 20, 2027, None), 4)  # 2 / 1.1 + 2 / 1.1²
    3.4711
    """
    return _payments_pv(beliefs, rate_pct, last_year, cap_bn)


@lru_cache(maxsize=200_000)
def _payments_pv(beliefs: Beliefs, rate_pct: int, last_year: int, cap_bn: int | None) -> float:
    if last_year < FIRST_YEAR or rate_pct == 0:
        return 0.0
    revenue = beliefs.revenue()
    # The waterfall's investment is a $1bn unit, so its cap multiple is the cap in $bn; the investment
    # itself is a transfer in year 0 and is left out of what is paid (to_investor[0] is 0).
    terms = DealTerms(investment=1.0, revenue_share=rate_pct / 100, revenue_share_last_year=last_year - FIRST_YEAR + 1,
                      return_cap_multiple=None if cap_bn is None else float(cap_bn))
    flows = waterfall(revenue, [0.0] * len(revenue), terms)
    return npv(flows.to_investor, beliefs.discount_rate)


def expected_payments(beliefs: Beliefs, rate_pct: int, share_until: int, cap_bn: int | None, agi_clause: str) -> float:
    """The NPV a side expects OpenAI to pay: under the AGI clause, averaged over when AGI is verified.

    ``E[PV] = Σ_y p_y · PV(last year = min(until, y − 1)) + (1 − Σ p_y) · PV(until)``, the scenario
    tree of :func:`partnership.scenarios.expected_payoffs` with the side's own probabilities.

    Examples
    --------
    Even odds that the panel verifies AGI at the start of 2027; 20% of a flat revenue of 10 is 2 a year:

    >>> view = Beliefs(revenue_2026=10, revenue_growth=0, discount_rate=0, agi={2027: 0.5})
    >>> expected_payments(view, 20, 2035, None, "kept")  # 0.5 × 2 (2026 only) + 0.5 × 20 (ten years)
    11.0
    >>> expected_payments(view, 20, 2035, None, "removed")  # ten years whatever happens
    20.0
    """
    if agi_clause not in (AGI_KEPT, AGI_REMOVED):
        raise ValueError(f"The AGI clause is {AGI_KEPT!r} or {AGI_REMOVED!r}, not {agi_clause!r}.")
    full = _payments_pv(beliefs, rate_pct, share_until, cap_bn)
    if agi_clause == AGI_REMOVED or not beliefs.agi:
        return full
    tree = {f"AGI verified in {y}": Scenario(p, _payments_pv(beliefs, rate_pct, min(share_until, y - 1), cap_bn), 0.0)
            for y, p in beliefs.agi}
    tree["not before 2036"] = Scenario(1 - math.fsum(p for _, p in beliefs.agi), full, 0.0)
    if tree["not before 2036"].probability < 0:  # rounding of probabilities that add up to 1
        tree["not before 2036"] = Scenario(0.0, full, 0.0)
    payments, _ = expected_payoffs(tree)  # Microsoft's side of the tree: what it is paid
    return payments


def _yearly(amount: float, last_year: int, rate: float) -> float:
    """NPV of ``amount`` a year from 2026 through ``last_year`` (year 2026 is t = 1)."""
    return npv([0.0] + [amount if y <= last_year else 0.0 for y in YEARS], rate)


def rights_value(role: MicrosoftRole | OpenAIRole, deal: Deal) -> float:
    """NPV of the licence and exclusivity terms: each right's yearly value for as long as the licence runs.

    Examples
    --------
    In :data:`TOY_CASE` the licence is worth 1 a year to Microsoft, and stateful exclusivity 1 more:

    >>> rights_value(TOY_CASE.microsoft, STATUS_QUO)  # both, 2026 to 2032: 7 × (1 + 1)
    14.0
    >>> rights_value(TOY_CASE.microsoft, replace(STATUS_QUO, ip_until=2035, stateful_exclusive=False))  # 10 × 1
    10.0
    """
    per_year = (role.licence_per_year + role.exclusive_per_year * deal.ip_exclusive
                + role.stateless_per_year * deal.stateless_exclusive + role.stateful_per_year * deal.stateful_exclusive)
    return _yearly(per_year, deal.ip_until, role.beliefs.discount_rate)


def compute_cost(role: OpenAIRole, compute_bn: float) -> float:
    """What a commitment costs OpenAI: ``φ · min(C, N) + e · max(C − N, 0)``, ``φ`` for each $bn within its
    need ``N`` and ``e`` for each $bn beyond it (as the role sheet tells OpenAI's team).

    Examples
    --------
    In :data:`TOY_CASE` OpenAI needs $200bn, and a $bn costs it 0.02 within that and 0.2 beyond:

    >>> compute_cost(TOY_CASE.openai, 150)  # 0.02 × 150
    3.0
    >>> compute_cost(TOY_CASE.openai, 250)  # 0.02 × 200 + 0.2 × 50
    14.0
    """
    c = non_negative("The compute commitment ($bn)", compute_bn)
    return role.flexibility_per_bn * min(c, role.compute_need_bn) + role.excess_per_bn * max(c - role.compute_need_bn, 0.0)


def own_value(role: MicrosoftRole | OpenAIRole, deal: Deal, rival_payment: float | None = None) -> float:
    """What ``deal`` is worth to one role, from that role's parameters alone (the deal sheet's calculator).

    Microsoft: ``V_M = base + E_M[payments] + rights_M + margin × commitment``. OpenAI:
    ``V_O = base − E_O[payments] − rights_O − cost of the commitment``, plus the rival cloud's payment
    when its stateful products are free of Azure exclusivity (``rival_payment``, by default its standing offer).

    Examples
    --------
    The October 2025 terms in :data:`TOY_CASE`, where 20% of a flat revenue of 10 is 20 over ten years:

    >>> own_value(TOY_CASE.microsoft, STATUS_QUO)  # 0 + 20 + 7 years × (1 + 1) + 0.1 × 250
    59.0
    >>> own_value(TOY_CASE.openai, STATUS_QUO)  # 100 − 20 − 7 years × 2 − (0.02 × 200 + 0.2 × 50)
    52.0
    >>> own_value(TOY_CASE.openai, replace(STATUS_QUO, stateful_exclusive=False))  # no 7 × 2, and the rival's 4
    70.0
    """
    pay = expected_payments(role.beliefs, deal.rate_pct, deal.share_until, deal.cap_bn, deal.agi_clause)
    if isinstance(role, MicrosoftRole):
        return role.base_value + pay + rights_value(role, deal) + role.margin_per_bn * deal.compute_bn
    payment = role.rival_payment if rival_payment is None else non_negative("The rival cloud's payment", rival_payment)
    side_deal = 0.0 if deal.stateful_exclusive else payment
    return role.base_value - pay - rights_value(role, deal) - compute_cost(role, deal.compute_bn) + side_deal


def values(case: Case, deal: Deal, rival: RivalTerms | None = None) -> tuple[float, float]:
    """``(V_Microsoft, V_OpenAI)`` of a deal, each from its own parameters (:func:`own_value`).

    Examples
    --------
    >>> values(TOY_CASE, STATUS_QUO)  # see own_value
    (59.0, 52.0)
    >>> values(TOY_CASE, replace(STATUS_QUO, stateful_exclusive=False))  # 59 − 7 × 1; 52 + 7 × 2 + 4
    (52.0, 70.0)
    """
    payment, _ = case.rival_terms(rival)
    return own_value(case.microsoft, deal), own_value(case.openai, deal, payment)


# --- without a deal --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Positions:
    """Each side's threat point (the dispute) and outside option (walking away for good).

    The walk-away points are what each side gets if the talks end without a deal, by the rule of
    :func:`partnership.bargaining.bargain_with_outside_options`: if either side's outside option beats
    its threat point, that side walks away and both get their outside options; otherwise both stay
    in the dispute with their threat points.
    """

    threat_microsoft: float
    threat_openai: float
    outside_microsoft: float
    outside_openai: float

    @property
    def walked(self) -> bool:
        """Whether, without a deal, a side walks away (OpenAI to the rival cloud, or Microsoft on its own)."""
        return self.outside_openai > self.threat_openai or self.outside_microsoft > self.threat_microsoft

    def _no_deal(self):
        # A surplus below the threat points' sum leaves no deal, so the course's own rule decides who walks.
        return bargain_with_outside_options(self.threat_openai + self.threat_microsoft - 1.0, self.threat_openai,
                                            self.threat_microsoft, self.outside_openai, self.outside_microsoft)

    @property
    def walkaway_microsoft(self) -> float:
        return self._no_deal().payoff_b

    @property
    def walkaway_openai(self) -> float:
        return self._no_deal().payoff_a

    def walkaway(self, side: Side) -> float:
        return self.walkaway_microsoft if _side(side) == "microsoft" else self.walkaway_openai


def threat_point(role: MicrosoftRole | OpenAIRole, rival_payment: float | None = None) -> float:
    """A side's value while the two disagree: the October 2025 terms with the stateful question in court.

    ``d = p · V(stateful exclusive) + (1 − p) · V(not exclusive) − dispute cost``, with the side's own
    belief ``p`` that Microsoft wins (:func:`partnership.scenarios.expected_payoffs`).

    Examples
    --------
    In :data:`TOY_CASE` each side gives the court even odds (the two values are those of :func:`values`):

    >>> threat_point(TOY_CASE.microsoft)  # 0.5 × 59 + 0.5 × 52 − 15.5
    40.0
    >>> threat_point(TOY_CASE.openai)  # 0.5 × 52 + 0.5 × 70 − 1
    60.0
    """
    excl, free = STATUS_QUO, replace(STATUS_QUO, stateful_exclusive=False)
    p = role.win_probability
    value, _ = expected_payoffs({"Microsoft wins": Scenario(p, own_value(role, excl, rival_payment), 0.0),
                                 "Microsoft loses": Scenario(1 - p, own_value(role, free, rival_payment), 0.0)})
    return value - role.dispute_cost


def positions(case: Case, rival: RivalTerms | None = None) -> Positions:
    """Both sides' threat points (:func:`threat_point`) and outside options (OpenAI's includes the rival's offer).

    Examples
    --------
    >>> pos = positions(TOY_CASE)
    >>> pos.threat_microsoft, pos.threat_openai, pos.walked  # neither outside option (0) beats a threat point
    (40.0, 60.0, False)
    >>> positions(TOY_CASE, RivalTerms(offer_bn=70)).walked  # 0 + 70 beats OpenAI's 60: it would leave
    True
    """
    payment, offer = case.rival_terms(rival)
    return Positions(threat_point(case.microsoft), threat_point(case.openai, payment),
                     case.microsoft.outside_option, case.openai.outside_option + offer)


def impasse_values(case: Case, rival: RivalTerms | None = None) -> tuple[float, float, bool]:
    """``(V_M, V_O, walked)`` without a deal: the walk-away points of :class:`Positions`.

    Examples
    --------
    >>> impasse_values(TOY_CASE)  # both stay in the dispute, with their threat points (see positions)
    (40.0, 60.0, False)
    >>> impasse_values(TOY_CASE, RivalTerms(offer_bn=70))  # OpenAI leaves for 70; Microsoft has its outside option
    (0.0, 70.0, True)
    """
    pos = positions(case, rival)
    return pos.walkaway_microsoft, pos.walkaway_openai, pos.walked


# --- the possible agreements -----------------------------------------------------------------------


Point = tuple[float, float]  # (V_Microsoft, V_OpenAI)


def pareto_frontier(points: Sequence[Point]) -> list[int]:
    """Indices of the undominated points (no other point is at least as good for both and better for one).

    Of identical points only the first is kept. Sorted by Microsoft's value, rising (OpenAI's then falls).

    Examples
    --------
    >>> pareto_frontier([(10, 0), (5, 5), (4, 4), (0, 10), (5, 5)])  # (5, 5) beats (4, 4); the last is a copy
    [3, 1, 0]
    """
    pts = [(finite("Microsoft's value", m), finite("OpenAI's value", o)) for m, o in points]
    order = sorted(range(len(pts)), key=lambda k: (-pts[k][0], -pts[k][1], k))
    kept, best_o = [], -math.inf
    for k in order:
        if pts[k][1] > best_o:
            kept.append(k)
            best_o = pts[k][1]
    return sorted(kept, key=lambda k: (pts[k][0], -pts[k][1]))


@dataclass(frozen=True)
class Agreement:
    """A possible agreement and what it is worth to each side."""

    deal: Deal
    microsoft: float
    openai: float

    @property
    def point(self) -> Point:
        return (self.microsoft, self.openai)


_PAYMENT_TERMS = ("rate_pct", "share_until", "cap_bn", "agi_clause")
_RIGHTS_TERMS = ("ip_until", "ip_exclusive", "stateless_exclusive", "stateful_exclusive")


def _block(case: Case, rival: RivalTerms | None, names: tuple[str, ...]) -> list[tuple[dict, float, float]]:
    """Every combination of one block of terms with its values (the other terms at the status quo).

    A deal's values are a constant plus one part per block (payments, rights, compute), so the
    frontier of all deals is found from the blocks' own frontiers.
    """
    base_m, base_o = values(case, STATUS_QUO, rival)
    out = []
    for combo in itertools.product(*(issue(n).options for n in names)):
        terms = dict(zip(names, combo))
        m, o = values(case, replace(STATUS_QUO, **terms), rival)
        out.append((terms, m - base_m, o - base_o))
    return out


def frontier(case: Case, rival: RivalTerms | None = None) -> list[Agreement]:
    """The Pareto frontier of every deal the deal sheet allows, sorted by Microsoft's value (rising).

    Exact: a deal is undominated only if each block of its terms is undominated within its block.

    Examples
    --------
    In :data:`TOY_CASE` the frontier runs from no payments, a licence to 2035, no exclusivity and no
    compute (Microsoft 10 × 1; OpenAI 100 and the rival's 4) to the most OpenAI can pay, 30% for ten
    years, with stateful exclusivity to 2035 and $300bn of compute (Microsoft 30 + 10 × (1 + 1) +
    0.1 × 300; OpenAI 100 − 30 − 10 × 2 − (0.02 × 200 + 0.2 × 100)). The examples enumerate every
    deal, about half a second: the doctests skip them, ``tests/test_negotiation.py`` runs them.

    >>> front = frontier(TOY_CASE)  # doctest: +SKIP
    >>> front[0].point, front[-1].point  # doctest: +SKIP
    ((10.0, 104.0), (80.0, 26.0))
    """
    return list(_frontier(case, rival or RivalTerms()))


@lru_cache(maxsize=32)
def _frontier(case: Case, rival: RivalTerms) -> tuple[Agreement, ...]:
    base_m, base_o = values(case, STATUS_QUO, rival)
    parts = []
    for names in (_PAYMENT_TERMS, _RIGHTS_TERMS, ("compute_bn",)):
        block = _block(case, rival, names)
        keep = pareto_frontier([(m, o) for _, m, o in block])
        parts.append([block[k] for k in keep])
    candidates: list[tuple[dict, float, float]] = [({}, base_m, base_o)]
    for part in parts:
        combined = [({**t1, **t2}, m1 + m2, o1 + o2) for t1, m1, o1 in candidates for t2, m2, o2 in part]
        keep = pareto_frontier([(m, o) for _, m, o in combined])
        candidates = [combined[k] for k in keep]
    out = []
    for terms, _, _ in candidates:
        deal = replace(STATUS_QUO, **terms)
        out.append(Agreement(deal, *values(case, deal, rival)))  # recomputed whole, not summed
    return tuple(sorted(out, key=lambda a: (a.microsoft, -a.openai)))


def all_agreements(case: Case, rival: RivalTerms | None = None, sample: int | None = None, seed: int = 2026):
    """Every deal the deal sheet allows as two numpy arrays ``(V_Microsoft, V_OpenAI)``, or ``sample`` of
    them drawn uniformly at random (seeded), for plots.

    Built from the three blocks of terms (see :func:`frontier`): about 5.2 million deals in all.

    Examples
    --------
    31 rates × 10 end years × 10 caps × 2 AGI clauses × 8 licence ends × 2 × 2 × 2 exclusivities × 13
    commitments; in :data:`TOY_CASE` the most the two make together is OpenAI's 100, the licence's
    10 × 1 to Microsoft and the margin on OpenAI's need, 0.1 × 200, less its cost, 0.02 × 200 (as for
    :func:`frontier`, the doctests skip these examples and the tests run them):

    >>> m, o = all_agreements(TOY_CASE)  # doctest: +SKIP
    >>> m.size, float((m + o).max())  # doctest: +SKIP
    (5158400, 130.0)
    """
    import numpy as np

    rival = rival or RivalTerms()
    base_m, base_o = values(case, STATUS_QUO, rival)
    blocks = [_block(case, rival, names) for names in (_PAYMENT_TERMS, _RIGHTS_TERMS, ("compute_bn",))]
    parts = [(np.array([b[1] for b in block]), np.array([b[2] for b in block])) for block in blocks]
    if sample is not None:
        # A uniform draw of deals is a uniform draw of one combination from each block.
        rng = np.random.default_rng(seed)
        picks = [rng.integers(0, len(bm), size=sample) for bm, _ in parts]
        return (base_m + sum(bm[k] for (bm, _), k in zip(parts, picks)),
                base_o + sum(bo[k] for (_, bo), k in zip(parts, picks)))
    m, o = np.array([base_m]), np.array([base_o])
    for bm, bo in parts:
        m, o = (m[:, None] + bm[None, :]).ravel(), (o[:, None] + bo[None, :]).ravel()
    return m, o


@dataclass(frozen=True)
class NashPrediction:
    """The Nash bargaining prediction among the possible agreements (``agreement`` None: no deal)."""

    agreement: Agreement | None
    binding: Binding
    positions: Positions

    @property
    def deal(self) -> bool:
        return self.agreement is not None

    @property
    def agreed(self) -> Agreement:
        """The predicted agreement; a ``ValueError`` where the prediction is no deal."""
        if self.agreement is None:
            raise ValueError("The Nash prediction here is no deal: there is no agreement to show.")
        return self.agreement


def nash_on_frontier(points: Sequence[Point], threat: Point, outside: Point, power_openai: float = 0.5) -> tuple[int | None, Binding]:
    """The generalised Nash solution on a finite set of points, with outside options: (index, binding).

    As :func:`partnership.bargaining.bargain_with_outside_options` does on a straight frontier: first
    maximise ``(u_O − d_O)^β (u_M − d_M)^(1−β)`` over the points that give both their threat points;
    an outside option counts only if it beats that, and then its holder gets the point closest to
    its outside option (the other side the most that leaves, at least its own outside option). No
    point giving both their threat points, or none giving both their outside options: no deal.
    Points are ``(u_M, u_O)``; OpenAI is A and Microsoft B.

    Examples
    --------
    >>> points = [(10, 0), (5, 5), (0, 10)]
    >>> nash_on_frontier(points, threat=(0, 0), outside=(0, 0))  # 5 × 5 beats 10 × 0 and 0 × 10
    (1, 'neither')
    >>> nash_on_frontier(points, threat=(0, 0), outside=(0, 7))  # OpenAI can walk away with 7, more than 5
    (2, "A's outside option")
    """
    beta = fraction("OpenAI's bargaining power", power_openai)
    (d_m, d_o), (o_m, o_o) = threat, outside
    pts = [(finite("Microsoft's value", m), finite("OpenAI's value", o)) for m, o in points]
    above_threats = [k for k, (m, o) in enumerate(pts) if m >= d_m and o >= d_o]
    above_outside = [k for k, (m, o) in enumerate(pts) if m >= o_m and o >= o_o]
    if not above_threats or not above_outside:
        return None, "no deal"

    def product(k: int) -> float:
        m, o = pts[k]
        return (o - d_o) ** beta * (m - d_m) ** (1 - beta)

    # Ties (a flat Nash product) go to the larger joint value, then to the earlier point.
    best = max(above_threats, key=lambda k: (product(k), pts[k][0] + pts[k][1], -k))
    if pts[best][1] < o_o:
        return max(above_outside, key=lambda k: (pts[k][0], -pts[k][1], -k)), "A's outside option"
    if pts[best][0] < o_m:
        return max(above_outside, key=lambda k: (pts[k][1], -pts[k][0], -k)), "B's outside option"
    return best, "neither"


def nash_prediction(case: Case, rival: RivalTerms | None = None) -> NashPrediction:
    """The Nash bargaining prediction over the frontier of possible agreements (see :func:`nash_on_frontier`).

    Examples
    --------
    In :data:`TOY_CASE` the threat points are 40 and 60 (:func:`positions`) and the two make at most
    130 together (:func:`all_agreements`): equal powers split the gains of 130 − 40 − 60 = 30 evenly
    (as for :func:`frontier`, the doctests skip these examples and the tests run them):

    >>> nash = nash_prediction(TOY_CASE)  # doctest: +SKIP
    >>> nash.agreed.point, nash.binding  # doctest: +SKIP
    ((55.0, 75.0), 'neither')
    """
    pos = positions(case, rival)
    agreements = frontier(case, rival)
    k, binding = nash_on_frontier([a.point for a in agreements], (pos.threat_microsoft, pos.threat_openai),
                                  (pos.outside_microsoft, pos.outside_openai), case.power_openai)
    return NashPrediction(None if k is None else agreements[k], binding, pos)


# --- scoring a team's result -----------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """A team's result: each side's value, its walk-away point, and whether the deal falls below it."""

    agreed: bool
    microsoft: float
    openai: float
    positions: Positions
    walked: bool = False  # an impasse in which a side walked away: both took their outside options

    @property
    def below_walkaway(self) -> tuple[Side, ...]:
        """The sides whose value is below their walk-away point (only an agreement can do that)."""
        if not self.agreed:
            return ()
        return tuple(s for s in SIDES if getattr(self, s) < self.positions.walkaway(s) - 1e-9)

    @property
    def gains(self) -> tuple[float, float]:
        """Each side's value above its walk-away point ``(Microsoft, OpenAI)`` (negative when below)."""
        return (self.microsoft - self.positions.walkaway_microsoft, self.openai - self.positions.walkaway_openai)

    @property
    def openai_share(self) -> float | None:
        """OpenAI's share of the surplus over the two walk-away points ``g_O / (g_M + g_O)``; None when there
        is no surplus to share or a side is below its walk-away point."""
        g_m, g_o = self.gains
        if g_m + g_o <= 1e-9 or min(g_m, g_o) < -1e-9:
            return None
        return g_o / (g_m + g_o)


def score(case: Case, deal: Deal | None, rival: RivalTerms | None = None) -> Score:
    """Score an agreement (or an impasse, ``deal=None``) for both sides.

    Examples
    --------
    >>> s = score(TOY_CASE, STATUS_QUO)
    >>> s.microsoft, s.openai, s.below_walkaway  # OpenAI's 52 is below the 60 of the dispute (see positions)
    (59.0, 52.0, ('openai',))
    >>> score(TOY_CASE, None).gains  # an impasse: each side gets its walk-away point
    (0.0, 0.0)
    """
    pos = positions(case, rival)
    if deal is None:
        return Score(False, pos.walkaway_microsoft, pos.walkaway_openai, pos, pos.walked)
    return Score(True, *values(case, deal, rival), pos)


def rival_value(case: Case, deal: Deal | None, rival: RivalTerms | None = None, walked: bool = False) -> float | None:
    """What the rival cloud gets: its value of stateful hosting less the payment, or of OpenAI's move less
    its offer; 0 if neither happens; None when no rival plays.

    Examples
    --------
    >>> rival_value(TOY_CASE, STATUS_QUO) is None  # no rival cloud team in the toy case
    True
    >>> three = replace(TOY_CASE, rival=RivalRole(stateful_value=10, partnership_value=50, budget=30))
    >>> rival_value(three, replace(STATUS_QUO, stateful_exclusive=False))  # hosting is worth 10; it pays 4
    6.0
    >>> rival_value(three, None, walked=True)  # OpenAI moves to it for the standing offer of 0
    50.0
    """
    if case.rival is None:
        return None
    payment, offer = case.rival_terms(rival)
    if deal is None:
        return float(case.rival.partnership_value - offer) if walked else 0.0
    return 0.0 if deal.stateful_exclusive else float(case.rival.stateful_value - payment)


# --- reading deals and roles from files ------------------------------------------------------------

RECORD_FIELDS = ("team", "outcome", *ISSUE_NAMES, "rival_payment_bn", "rival_offer_bn")
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


def _parse(name: str, text: str) -> Any:
    spec = issue(name)
    text = (text or "").strip()
    if isinstance(spec.options[0], bool):
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise ValueError(f"{spec.label}: write yes or no, not {text!r}.")
    if name == "agi_clause":
        return text.lower()
    if name == "cap_bn" and text.lower() in ("", "none", "no cap", "no"):
        return None
    if not text:
        raise ValueError(f"{spec.label}: the deal sheet leaves it blank; every term of an agreement needs a choice.")
    try:
        number = float(text.rstrip("%").lstrip("$").removesuffix("bn"))
    except ValueError:
        raise ValueError(f"{spec.label}: {text!r} is not a number.") from None
    return int(number) if number.is_integer() else number


def deal_from_record(record: Mapping[str, str]) -> tuple[Deal | None, RivalTerms]:
    """A row of the class CSV (see :data:`RECORD_FIELDS`) as ``(deal or None for an impasse, rival terms)``.

    Examples
    --------
    >>> deal, rival = deal_from_record({**deal_record("7", STATUS_QUO), "rate_pct": "15%", "cap_bn": "$100bn"})
    >>> deal.rate_pct, deal.cap_bn, rival
    (15, 100, RivalTerms(payment_bn=None, offer_bn=None))
    >>> deal_from_record({"team": "7", "outcome": "signed"})
    Traceback (most recent call last):
    ...
    ValueError: Team 7: the outcome must be 'agreed' or 'impasse', not 'signed'.
    """
    team = (record.get("team") or "").strip() or "?"
    outcome = (record.get("outcome") or "").strip().lower()
    try:
        rival = RivalTerms(*(None if not (record.get(f) or "").strip() else _parse_money(f, record[f])
                             for f in ("rival_payment_bn", "rival_offer_bn")))
        if outcome == "impasse":
            filled = [n for n in ISSUE_NAMES if (record.get(n) or "").strip()]
            if filled:
                raise ValueError(f"it is marked as an impasse but has terms ({', '.join(filled)}); "
                                 "write 'agreed' or leave the terms blank.")
            return None, rival
        if outcome != "agreed":
            raise ValueError(f"the outcome must be 'agreed' or 'impasse', not {outcome!r}.")
        missing = [n for n in ISSUE_NAMES if n not in record]
        if missing:
            raise ValueError(f"the columns {', '.join(missing)} are missing.")
        return Deal(**{n: _parse(n, record[n]) for n in ISSUE_NAMES}), rival
    except ValueError as exc:
        raise ValueError(f"Team {team}: {exc}") from None


def _parse_money(name: str, text: str) -> float:
    try:
        return float(text.strip().lstrip("$").removesuffix("bn"))
    except ValueError:
        raise ValueError(f"{name}: {text!r} is not an amount in $bn.") from None


def deal_record(team: str, deal: Deal | None, rival: RivalTerms | None = None) -> dict[str, str]:
    """The CSV row for a team's result (the inverse of :func:`deal_from_record`).

    Examples
    --------
    >>> row = deal_record("7", STATUS_QUO)
    >>> row["rate_pct"], row["cap_bn"], row["ip_exclusive"], row["rival_offer_bn"]
    ('20', 'none', 'yes', '')
    >>> deal_record("8", None)["rate_pct"]  # an impasse leaves the terms blank
    ''
    """
    rival = rival or RivalTerms()
    row = {"team": team, "outcome": "impasse" if deal is None else "agreed"}
    for name in ISSUE_NAMES:
        value = None if deal is None else getattr(deal, name)
        if deal is None:
            row[name] = ""
        elif isinstance(value, bool):
            row[name] = "yes" if value else "no"
        else:
            row[name] = "none" if value is None else str(value)
    row["rival_payment_bn"] = "" if rival.payment_bn is None else f"{rival.payment_bn:g}"
    row["rival_offer_bn"] = "" if rival.offer_bn is None else f"{rival.offer_bn:g}"
    return row


def case_from_dict(data: Mapping[str, Any]) -> Case:
    """A :class:`Case` from the roles file's contents (``microsoft``, ``openai``, optional ``rival``, ``power_openai``).

    Examples
    --------
    >>> case_from_dict({"microsoft": asdict(TOY_CASE.microsoft), "openai": asdict(TOY_CASE.openai)}) == TOY_CASE
    True
    >>> case_from_dict({"openai": asdict(TOY_CASE.openai)})
    Traceback (most recent call last):
    ...
    ValueError: The roles file has no 'microsoft' section.
    """
    def build(cls, key: str):
        raw = dict(data.get(key) or {})
        if not raw:
            raise ValueError(f"The roles file has no {key!r} section.")
        try:
            if cls is RivalRole:
                return cls(**raw)
            return cls(beliefs=Beliefs(**raw.pop("beliefs")), **raw)
        except (TypeError, KeyError) as exc:
            raise ValueError(f"The roles file's {key!r} section: {exc}.") from None

    rival = build(RivalRole, "rival") if data.get("rival") else None
    return Case(build(MicrosoftRole, "microsoft"), build(OpenAIRole, "openai"), rival,
                finite("OpenAI's bargaining power", data.get("power_openai", 0.5)))


def load_case(path) -> Case:
    """Read the roles file (YAML) into a :class:`Case`.

    Examples
    --------
    :data:`TOY_CASE` written as JSON, which YAML reads too:

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "roles.yml"
    ...     _ = path.write_text(json.dumps({"microsoft": asdict(TOY_CASE.microsoft), "openai": asdict(TOY_CASE.openai)}))
    ...     load_case(path) == TOY_CASE
    True
    """
    from pathlib import Path

    import yaml

    return case_from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})


def role_code(role: MicrosoftRole | OpenAIRole) -> str:
    """The role's parameters as one line a team can paste into the deal sheet's calculator.

    Examples
    --------
    >>> code = role_code(TOY_CASE.microsoft)
    >>> code[:6], from_role_code(code) == TOY_CASE.microsoft
    ('nego1-', True)
    """
    kind = "microsoft" if isinstance(role, MicrosoftRole) else "openai"
    data = asdict(role)
    data["beliefs"]["agi"] = [list(pair) for pair in role.beliefs.agi]
    raw = json.dumps({"role": kind, **data}, separators=(",", ":"), sort_keys=True).encode()
    return "nego1-" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def from_role_code(code: str) -> MicrosoftRole | OpenAIRole:
    """The parameters behind a :func:`role_code`.

    Examples
    --------
    >>> from_role_code(role_code(TOY_CASE.openai)).compute_need_bn
    200
    >>> from_role_code("nego1-abc")
    Traceback (most recent call last):
    ...
    ValueError: This role code is damaged (...); copy it whole from your role sheet.
    """
    code = (code or "").strip()
    if not code.startswith("nego1-"):
        raise ValueError("A role code starts with 'nego1-': copy it whole from your role sheet.")
    body = code[len("nego1-"):]
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        kind = data.pop("role")
        beliefs = data.pop("beliefs")
        beliefs["agi"] = {int(y): p for y, p in beliefs["agi"]}
        cls = MicrosoftRole if kind == "microsoft" else OpenAIRole
        return cls(beliefs=Beliefs(**beliefs), **data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"This role code is damaged ({exc}); copy it whole from your role sheet.") from None

