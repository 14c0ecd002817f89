"""The explorers' readings relative to the starting values: how each headline moved, and which input moved it most."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spec.py imports this module, so its names appear here in annotations only
    from .spec import Control, ExplorerSpec, Params


def _safe(fn: Callable[[Params], float], params: Params) -> float | None:
    try:
        value = fn(params)
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


Memo = dict[tuple[int, tuple[Any, ...]], float | None]


def _runner(spec: ExplorerSpec, memo: Memo | None) -> Callable[[int, Params], float | None]:
    """``run(k, params)``: headline ``k``'s value at ``params``, remembered in ``memo`` if one is given."""
    names = [c.name for c in spec.controls]

    def run(k: int, params: Params) -> float | None:
        if memo is None:
            return _safe(spec.headlines[k].value, params)
        key = (k, tuple(params[name] for name in names))
        if key not in memo:
            memo[key] = _safe(spec.headlines[k].value, params)
        return memo[key]

    return run


def _changed(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return not math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a != b


def _describe_change(control: Control, new: Any, old: Any) -> str:
    noun = control.reading_noun
    if control.is_dropdown:
        return f"{noun} is {control.format(new)}"
    return f"{noun} is {'higher' if new > old else 'lower'}"


def compare(spec: ExplorerSpec, params: Params, baseline: Params, memo: Memo | None = None) -> str:
    """Explain how each headline moved from ``baseline`` and which changed input moved it most.

    Attribution re-runs the headline's model with one input at a time moved from the baseline
    (every number comes from the model; inputs whose one-at-a-time run the model rejects are
    skipped). The result is qualitative on purpose: the numbers are shown next to it.
    ``memo``, shared by calls with the same spec and baseline, keeps each model run's result: over a
    grid the baseline and the one-input-moved runs repeat at every point.
    """
    run = _runner(spec, memo)
    changed = [c for c in spec.controls if _changed(params[c.name], baseline[c.name])]
    if not spec.headlines:
        return ""
    if not changed:
        return "These are the starting values: move a control to see what changes."
    sentences = []
    for k, headline in enumerate(spec.headlines):
        before, after = run(k, baseline), run(k, params)
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
            value = run(k, alone)
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
