"""Spec text as it is written out: triple-quoted blocks dedented, points counted in words."""

from __future__ import annotations

import textwrap


def _clean(text: str) -> str:
    """Dedent a triple-quoted block and strip the blank lines around it."""
    return textwrap.dedent(text).strip("\n")


def _pts(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"
