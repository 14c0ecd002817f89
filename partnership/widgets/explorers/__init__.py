"""The course's explorers: one :class:`~partnership.widgets.spec.ExplorerSpec` per model, one module each.

Each module's ``_compute_*`` function calls the models in :mod:`partnership` and only formats what
they return (labels, units, a sentence, chart data); :mod:`.common` holds what they share. Party A is
OpenAI and party B is Microsoft, as in the chapters; all parameter values are hypothetical teaching
values, not estimates.

Static grids (``Control.grid``) are chosen so each explorer's precomputed data stays well under
~150 KB: fewer grid points per control when an explorer has many controls.
"""

from __future__ import annotations

from ..spec import ExplorerSpec
from .bargaining import BARGAINING
from .common import A, B, steps
from .concentration import CONCENTRATION
from .cooperation import COOPERATION
from .ownership import OWNERSHIP
from .partial_ownership import PARTIAL_OWNERSHIP
from .renegotiation import RENEGOTIATION
from .rubinstein import RUBINSTEIN
from .scenarios import SCENARIOS
from .waterfall import COSTS, GROWTH, INVESTMENT, REVENUE, WATERFALL, YEARS, venture_cash_flows

__all__ = [
    "A", "B", "BARGAINING", "CONCENTRATION", "COOPERATION", "COSTS", "EXPLORERS", "GROWTH", "INVESTMENT", "OWNERSHIP",
    "PARTIAL_OWNERSHIP", "RENEGOTIATION", "REVENUE", "RUBINSTEIN", "SCENARIOS", "WATERFALL", "YEARS", "get_spec", "steps",
    "venture_cash_flows",
]

EXPLORERS: dict[str, ExplorerSpec] = {
    spec.id: spec
    for spec in (
        BARGAINING, RUBINSTEIN, OWNERSHIP, WATERFALL, CONCENTRATION, PARTIAL_OWNERSHIP, COOPERATION, SCENARIOS,
        RENEGOTIATION,
    )
}


def get_spec(explorer_id: str) -> ExplorerSpec:
    try:
        return EXPLORERS[explorer_id]
    except KeyError:
        raise ValueError(f"No explorer {explorer_id!r}; choose one of: {', '.join(EXPLORERS)}.") from None
