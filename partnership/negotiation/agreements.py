"""The possible agreements: every deal the deal sheet allows, valued for both sides, and their Pareto frontier."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .._validate import finite
from .roles import Case, RivalTerms
from .terms import STATUS_QUO, Deal, issue
from .valuation import values

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
