"""Code answers compared: the share of winnowing fingerprints two answers have in common (:func:`code_pairs`).

The fingerprints (:mod:`partnership_grading.fingerprints`) survive renaming, new literals and a new
layout; those of the release's own text, and those most of the class shares, are left out.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..fingerprints import kgram_hashes, normalise, winnow
from .model import CODE_METHOD, Pair, Part, PartStats, Settings, _is_blank


@dataclass(frozen=True)
class _CodePrint:
    hashes: frozenset
    lines: Mapping  # hash -> the lines its k-gram spans
    own_tokens: int


def _code_print(text: str, released: str, settings: Settings, release_hashes: frozenset) -> _CodePrint:
    release_lines = {line.strip() for line in released.splitlines() if line.strip()}
    norm = normalise(text)
    # The lines the student wrote (not a line of the release left as it was), and the tokens on them.
    own_lines = {n for n, line in enumerate(text.splitlines(), start=1) if line.strip() and line.strip() not in release_lines}
    own = sum(1 for t in norm.tokens if t.line in own_lines)
    lines: dict[int, set[int]] = defaultdict(set)  # hash -> the student's own lines its k-gram spans (for marking)
    for fp in winnow(norm.tokens, settings.k, settings.window, exclude=release_hashes):
        lines[fp.hash].update(n for n in range(fp.first_line, fp.last_line + 1) if n in own_lines)
    return _CodePrint(frozenset(lines), {h: frozenset(v) for h, v in lines.items()}, own)


def code_pairs(part: Part, answers: Mapping[str, str], settings: Settings = Settings()) -> tuple[list[Pair], PartStats]:
    """Pairs of code answers to ``part`` whose shared fingerprints reach ``settings.code_threshold``."""
    stats = PartStats(part)
    release_hashes = frozenset(kgram_hashes(normalise(part.released).tokens, settings.k))  # every k-gram, not only its fingerprints
    prints: dict[str, _CodePrint] = {}
    for student in sorted(answers):
        text = answers[student]
        if _is_blank(text, part):
            stats.blank.append(student)
            continue
        cp = _code_print(text, part.released, settings, release_hashes)
        if cp.own_tokens < settings.min_tokens or not cp.hashes:
            stats.short.append(student)
            continue
        prints[student] = cp
    stats.compared = len(prints)
    # MOSS's rule for shared idioms: a fingerprint that most of the class has says nothing about copying.
    counts = Counter(h for cp in prints.values() for h in cp.hashes)
    limit = max(settings.common_min, settings.common_fraction * len(prints))
    common = {h for h, n in counts.items() if n > limit}
    kept = {s: cp.hashes - common for s, cp in prints.items()}
    owners: dict[int, list[str]] = defaultdict(list)
    for student, hashes in kept.items():
        for h in hashes:
            owners[h].append(student)
    candidates = {tuple(sorted(pair)) for students in owners.values() for pair in itertools.combinations(students, 2)}
    pairs = []
    for a, b in sorted(candidates):
        shared = kept[a] & kept[b]
        smaller = min(len(kept[a]), len(kept[b]))
        if not smaller:
            continue
        score = len(shared) / smaller
        if score + 1e-12 < settings.code_threshold:
            continue
        marks_a = frozenset(line for h in shared for line in prints[a].lines[h])
        marks_b = frozenset(line for h in shared for line in prints[b].lines[h])
        evidence = f"{len(shared)} of {smaller} fingerprints shared ({len(kept[a])} and {len(kept[b])})"
        pairs.append(Pair(a, b, part, CODE_METHOD, score, evidence, answers[a], answers[b], marks_a, marks_b))
    return pairs, stats
