"""The negotiation's debrief: every team's deal (or impasse) scored for both sides, against the frontier
of possible agreements and the Nash prediction, with a plain-language reading per team.

Usage (instructor)::

    python -m partnership.negotiation_debrief CLASS.csv [--roles ROLES.yml] [--out DIR]

``CLASS.csv`` has one row per team with the columns of
:data:`partnership.negotiation.RECORD_FIELDS` (``outcome`` is ``agreed`` or ``impasse``; the two
rival columns stay blank unless a rival cloud team played). The debrief is written to ``DIR``
(default ``_build/instructor/negotiation-debrief/``) as ``debrief.html``, ``debrief.md`` and the figure
``debrief.png``, and the table is printed. The roles file holds the confidential parameters: the
debrief is for the instructor's screen, after the negotiation.

One idea per module, all importable from here: :mod:`.analysis` (each team's result and its
reading), :mod:`.chart` (the figure), :mod:`.report` (the tables, the findings, the files) and
:mod:`.cli` (the command line).
"""

from __future__ import annotations

from ..negotiation_sheets import bn1
from .analysis import CURRENCY, MEANINGFUL, Debrief, TeamResult, debrief, improvements, read_class_csv, score_team
from .chart import figure, figure_alt, figure_png
from .cli import DEFAULT_OUT, SAMPLE_CLASS, main
from .report import HEADER, html_page, markdown, summary, table_rows, text_table, write

__all__ = [
    "CURRENCY", "DEFAULT_OUT", "HEADER", "MEANINGFUL", "SAMPLE_CLASS", "Debrief", "TeamResult", "bn1", "debrief",
    "figure", "figure_alt", "figure_png", "html_page", "improvements", "main", "markdown", "read_class_csv",
    "score_team", "summary", "table_rows", "text_table", "write",
]
