"""The deal sheet as Markdown for the book's MyST pages: escaped text, pipe tables, the table of terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .terms import ISSUES


def markdown_text(text: str) -> str:
    r"""``text`` for a MyST page: dollar signs escaped, since the book reads ``$...$`` as maths.

    Examples
    --------
    >>> print(markdown_text(r"$100bn, and \$25bn already escaped"))
    \$100bn, and \$25bn already escaped
    """
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    r"""A Markdown pipe table for a MyST page (the deal sheet's terms, the role sheets).

    Examples
    --------
    >>> print(markdown_table(("Term", "Choice"), [("Cap", "$100bn"), ("Rate", "20%")]))
    | Term | Choice |
    |---|---|
    | Cap | \$100bn |
    | Rate | 20% |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return markdown_text("\n".join(lines))


def issues_table() -> str:
    r"""The deal sheet's terms, their choices and the October 2025 terms, as a Markdown table.

    Examples
    --------
    >>> lines = issues_table().splitlines()
    >>> len(lines)  # the header, the rule under it and one row for each of the nine terms
    11
    >>> print(lines[-1])
    | OpenAI's incremental Azure compute commitment (\$bn) | \$0bn to \$300bn in steps of \$25bn | \$250bn |
    """
    rows = []
    for spec in ISSUES:
        first, last = spec.options[0], spec.options[-1]
        if isinstance(first, bool) or spec.name in ("agi_clause", "cap_bn"):
            choices = ", ".join(spec.text(v) for v in spec.options)
        else:
            step = spec.options[1] - spec.options[0]
            choices = f"{spec.text(first)} to {spec.text(last)}" + (f" in steps of {spec.text(step)}" if step != 1 else "")
        rows.append((spec.label, choices, spec.text(spec.status_quo)))
    return markdown_table(("Term", "Choices", "October 2025 terms (as this game reads them)"), rows)
