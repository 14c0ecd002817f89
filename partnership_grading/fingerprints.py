"""Fingerprints of code that survive renaming, new literals and a new layout: winnowing, as MOSS does.

A copied answer is usually disguised by renaming its variables, changing its numbers and strings,
and moving, commenting or reformatting its lines. None of that changes the *sequence of token
kinds*, so :func:`normalise` reads the code with Python's own tokenizer and keeps only that: every
name becomes ``ID``, every number and string ``LIT``, keywords and operators stay as they are, and
comments, blank lines, indentation and line breaks are dropped.

:func:`winnow` then fingerprints the token sequence as Schleimer, Wilkerson and Aiken describe it
("Winnowing: local algorithms for document fingerprinting", SIGMOD 2003, the algorithm behind
MOSS): hash every run of ``k`` consecutive tokens (a *k-gram*) and, in each window of ``w``
consecutive hashes, keep the smallest (the rightmost one on a tie). Two answers that share a run
of at least ``k + w - 1`` tokens are guaranteed to share a fingerprint; runs shorter than ``k``
are never noticed, which keeps common idioms (``ID = ID ( ID )``) from counting.

Hashes come from BLAKE2b, not :func:`hash`, so a report is the same on every run and machine.
"""

from __future__ import annotations

import hashlib
import io
import keyword
import token as token_types
import tokenize
from dataclasses import dataclass

IDENTIFIER = "ID"
LITERAL = "LIT"
# Layout and commentary: not part of what the code does.
_DROPPED = {
    token_types.COMMENT, token_types.NL, token_types.NEWLINE, token_types.INDENT, token_types.DEDENT,
    token_types.ENCODING, token_types.ENDMARKER,
}
# Python 3.12 splits f-strings into pieces; the whole f-string is one literal, its fields are code.
_FSTRING_START = getattr(token_types, "FSTRING_START", None)
_FSTRING_PARTS = {getattr(token_types, n) for n in ("FSTRING_MIDDLE", "FSTRING_END") if hasattr(token_types, n)}


@dataclass(frozen=True)
class Token:
    """One normalised token and the source line it came from (1-based), for showing matches."""

    text: str
    line: int


@dataclass(frozen=True)
class Normalised:
    """The normalised tokens of a piece of code, and why tokenizing stopped early (empty if it did not)."""

    tokens: tuple[Token, ...]
    problem: str = ""


def normalise(source: str) -> Normalised:
    """The code's tokens with names as ``ID``, numbers and strings as ``LIT``, and no layout or comments.

    Code Python cannot tokenize to the end (an unclosed bracket or string, a stray IPython magic)
    keeps the tokens read before the problem, and says what the problem was.
    """
    out: list[Token] = []
    problem = ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            kind = tok.type
            if kind in _DROPPED or kind in _FSTRING_PARTS:
                continue
            if kind == token_types.NAME:
                text = tok.string if keyword.iskeyword(tok.string) else IDENTIFIER
            elif kind in (token_types.NUMBER, token_types.STRING) or kind == _FSTRING_START:
                text = LITERAL
            elif kind == token_types.OP and tok.string == ";":
                continue  # `a = 1; b = 2` is the layout of two statements
            else:
                text = tok.string
            out.append(Token(text, tok.start[0]))
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        problem = f"the code could not be read to the end ({exc.args[0] if exc.args else type(exc).__name__})"
    return Normalised(tuple(out), problem)


@dataclass(frozen=True)
class Fingerprint:
    """A selected k-gram hash and the source lines its k-gram spans (first and last, 1-based)."""

    hash: int
    first_line: int
    last_line: int


def kgram_hashes(tokens: tuple[Token, ...] | list[Token], k: int) -> list[int]:
    """The 64-bit BLAKE2b hash of every run of ``k`` consecutive tokens, in order."""
    if k < 1:
        raise ValueError(f"k (tokens per k-gram) must be at least 1, not {k}.")
    texts = [t.text for t in tokens]
    return [
        int.from_bytes(hashlib.blake2b(" ".join(texts[i:i + k]).encode(), digest_size=8).digest(), "big")
        for i in range(len(texts) - k + 1)
    ]


def winnow(
    tokens: tuple[Token, ...] | list[Token], k: int = 5, w: int = 4, exclude: frozenset[int] | set[int] = frozenset()
) -> list[Fingerprint]:
    """Winnowing (Schleimer et al. 2003): the minimum k-gram hash of every window of ``w`` hashes.

    The rightmost minimum is taken on a tie, and a hash chosen by several overlapping windows is
    recorded once. Hashes in ``exclude`` (the k-grams of a text every submission starts from) are
    never chosen, so a window of nothing else gives no fingerprint and they cannot crowd out the
    k-grams next to them. A sequence shorter than one window keeps its single smallest hash (or
    nothing if it is shorter than ``k``).
    """
    if w < 1:
        raise ValueError(f"w (the winnowing window) must be at least 1, not {w}.")
    hashes = kgram_hashes(tokens, k)
    picked: list[int] = []  # positions of the k-grams chosen
    for start in range(max(len(hashes) - w + 1, 1) if hashes else 0):
        window = [(h, start + i) for i, h in enumerate(hashes[start:start + w]) if h not in exclude]
        if not window:
            continue
        low = min(h for h, _ in window)
        pos = max(p for h, p in window if h == low)
        if not picked or picked[-1] != pos:
            picked.append(pos)
    return [Fingerprint(hashes[p], tokens[p].line, tokens[p + k - 1].line) for p in picked]
