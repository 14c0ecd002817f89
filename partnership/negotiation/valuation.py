"""What a deal is worth to each side, from that side's own parameters (the deal sheet's calculator).

* the revenue share is the course's waterfall (:func:`partnership.revenue.waterfall`) valued at the
  side's discount rate (:func:`partnership.revenue.npv`); under the AGI clause the payments stop when
  the expert panel verifies AGI, so the side takes the expected value over its beliefs about when
  (:func:`partnership.scenarios.expected_payoffs`);
* the licence and the exclusivity terms are yearly values (to Microsoft) and costs (to OpenAI) for
  as long as the licence runs, discounted with ``npv``; the compute commitment is worth a margin per
  dollar to Microsoft and costs OpenAI a little within its own need and much more beyond it.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .._validate import non_negative
from ..revenue import DealTerms, npv, waterfall
from ..scenarios import Scenario, expected_payoffs
from .roles import Beliefs, Case, MicrosoftRole, OpenAIRole, RivalTerms
from .terms import AGI_KEPT, AGI_REMOVED, FIRST_YEAR, YEARS, Deal


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

    >>> from dataclasses import replace
    >>> from partnership.negotiation import STATUS_QUO, TOY_CASE
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

    >>> from partnership.negotiation import TOY_CASE
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

    >>> from dataclasses import replace
    >>> from partnership.negotiation import STATUS_QUO, TOY_CASE
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
    >>> from dataclasses import replace
    >>> from partnership.negotiation import STATUS_QUO, TOY_CASE
    >>> values(TOY_CASE, STATUS_QUO)  # see own_value
    (59.0, 52.0)
    >>> values(TOY_CASE, replace(STATUS_QUO, stateful_exclusive=False))  # 59 − 7 × 1; 52 + 7 × 2 + 4
    (52.0, 70.0)
    """
    payment, _ = case.rival_terms(rival)
    return own_value(case.microsoft, deal), own_value(case.openai, deal, payment)
