"""The toy case of the docstrings' examples: round hypothetical numbers, so every value can be checked by hand.

Both sides expect OpenAI's revenue to stay at $10bn a year, discount nothing and expect no AGI;
Microsoft values the licence at 1 a year, stateful exclusivity at 1 a year and each $bn of compute at
0.1; OpenAI has a base value of 100, loses 2 a year to stateful exclusivity (the rival would pay it 4
for stateful hosting) and needs $200bn of compute (0.02 a $bn within that, 0.2 beyond). Each gives a
court even odds; a dispute costs Microsoft 15.5 and OpenAI 1; neither can walk away to anything.
"""

from __future__ import annotations

from .roles import Beliefs, Case, MicrosoftRole, OpenAIRole

_TOY_VIEW = Beliefs(revenue_2026=10, revenue_growth=0, discount_rate=0)
TOY_CASE = Case(
    MicrosoftRole(_TOY_VIEW, base_value=0, licence_per_year=1, exclusive_per_year=0, stateless_per_year=0,
                  stateful_per_year=1, margin_per_bn=0.1, win_probability=0.5, dispute_cost=15.5, outside_option=0),
    OpenAIRole(_TOY_VIEW, base_value=100, licence_per_year=0, exclusive_per_year=0, stateless_per_year=0,
               stateful_per_year=2, compute_need_bn=200, flexibility_per_bn=0.02, excess_per_bn=0.2,
               win_probability=0.5, dispute_cost=1, outside_option=0, rival_payment=4, rival_offer=0),
)
