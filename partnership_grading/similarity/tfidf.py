"""Written answers compared: the cosine of their TF-IDF vectors (:func:`text_pairs`), the release's words left out."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from .model import TEXT_METHOD, Pair, Part, PartStats, Settings, _is_blank

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"\w+", re.UNICODE)


def _sentence_key(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower()))


def strip_release_text(text: str, part: Part) -> str:
    """The answer without the sentences (or lines) it repeats from the release's prompt or stub."""
    release = {_sentence_key(s) for s in _SENTENCE_END.split(part.prompt + "\n" + part.released)}
    release.discard("")
    kept = [s for s in _SENTENCE_END.split(text) if _sentence_key(s) not in release]
    return " ".join(s for s in kept if s.strip())


def text_pairs(part: Part, answers: Mapping[str, str], settings: Settings = Settings()) -> tuple[list[Pair], PartStats]:
    """Pairs of written answers to ``part`` whose TF-IDF cosine reaches ``settings.text_threshold``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    stats = PartStats(part)
    vectoriser = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    analyse = vectoriser.build_analyzer()
    release_terms = set(analyse(part.prompt + "\n" + part.released))
    texts: dict[str, str] = {}
    for student in sorted(answers):
        text = answers[student]
        if _is_blank(text, part):
            stats.blank.append(student)
            continue
        own = strip_release_text(text, part)
        words = [t for t in analyse(own) if " " not in t and t not in release_terms]
        if len(words) < settings.min_words:
            stats.short.append(student)
            continue
        texts[student] = own
    stats.compared = len(texts)
    if len(texts) < 2:
        return [], stats
    students = list(texts)
    matrix = vectoriser.fit_transform([texts[s] for s in students])
    terms = vectoriser.get_feature_names_out()
    keep = [i for i, t in enumerate(terms) if t not in release_terms]  # the release's words never count
    matrix = normalize(matrix[:, keep])
    terms = terms[keep]
    cosine = (matrix @ matrix.T).toarray()
    pairs = []
    for i, j in itertools.combinations(range(len(students)), 2):
        score = float(cosine[i, j])
        if score + 1e-12 < settings.text_threshold:
            continue
        row_i, row_j = matrix[i].toarray().ravel(), matrix[j].toarray().ravel()
        shared = [(row_i[n] * row_j[n], terms[n]) for n in range(len(terms)) if row_i[n] and row_j[n]]
        top = [t for _, t in sorted(shared, key=lambda x: (-x[0], x[1]))[:8]]
        marked = frozenset(w for _, t in shared for w in t.split())
        a, b = students[i], students[j]
        evidence = f"{len(shared)} shared terms, e.g. " + ", ".join(top)
        pairs.append(Pair(a, b, part, TEXT_METHOD, score, evidence, answers[a], answers[b], marked, marked))
    return pairs, stats
