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

One idea per module, all importable from here (``from partnership import negotiation as ng``):

``terms``       the nine issues, their choices and a :class:`Deal` that checks them; ``STATUS_QUO``
``markdown``    the deal sheet as Markdown for the book's pages
``roles``       each side's confidential parameters, the rival cloud, the :class:`Case`
``toy``         ``TOY_CASE``, the examples' round numbers
``valuation``   what a deal is worth to each side
``impasse``     without a deal: threat points, outside options, walk-away points
``agreements``  every possible agreement and their Pareto frontier
``nash``        the Nash bargaining prediction on that frontier
``scoring``     a team's result for both sides, and the rival's
``records``     a team's result as a row of the class CSV
``roles_file``  the roles file (YAML) and the role codes of the deal sheet's calculator
"""

from __future__ import annotations

from .agreements import Agreement, Point, all_agreements, frontier, pareto_frontier
from .impasse import Positions, impasse_values, positions, threat_point
from .markdown import issues_table, markdown_table, markdown_text
from .nash import NashPrediction, nash_on_frontier, nash_prediction
from .records import RECORD_FIELDS, deal_from_record, deal_record
from .roles import Beliefs, Case, MicrosoftRole, OpenAIRole, RivalRole, RivalTerms
from .roles_file import case_from_dict, from_role_code, load_case, role_code
from .scoring import Score, rival_value, score
from .terms import (
    AGI_KEPT,
    AGI_REMOVED,
    FIRST_YEAR,
    ISSUE_NAMES,
    ISSUES,
    LAST_YEAR,
    SIDE_NAMES,
    SIDES,
    STATUS_QUO,
    YEARS,
    Deal,
    Issue,
    Side,
    issue,
    option_text,
    toward,
)
from .toy import TOY_CASE
from .valuation import compute_cost, expected_payments, own_value, payments_pv, rights_value, values

__all__ = [
    "AGI_KEPT", "AGI_REMOVED", "FIRST_YEAR", "ISSUES", "ISSUE_NAMES", "LAST_YEAR", "RECORD_FIELDS", "SIDES", "SIDE_NAMES",
    "STATUS_QUO", "TOY_CASE", "YEARS", "Agreement", "Beliefs", "Case", "Deal", "Issue", "MicrosoftRole", "NashPrediction",
    "OpenAIRole", "Point", "Positions", "RivalRole", "RivalTerms", "Score", "Side", "all_agreements", "case_from_dict",
    "compute_cost", "deal_from_record", "deal_record", "expected_payments", "frontier", "from_role_code", "impasse_values",
    "issue", "issues_table", "load_case", "markdown_table", "markdown_text", "nash_on_frontier", "nash_prediction",
    "option_text", "own_value", "pareto_frontier", "payments_pv", "positions", "rights_value", "rival_value", "role_code",
    "score", "threat_point", "toward", "values",
]
