"""Board plans for the instructor edition's teaching notes, drawn at build time.

A board plan shows what goes on which board during a class, left to right in the order the class
fills them. The notes call :func:`board_plan` in a code cell, so the figure is rebuilt with the book
and its text stays in the note's source, next to the alt text that describes it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .plotting import OKABE_ITO

MAX_BOARDS = 4
MAX_LINES = 9  # more than this does not fit a board a class can read from the back row
MAX_HEADING = 26  # characters: a heading is drawn on one line, in bold


def board_plan(boards: Sequence[tuple[str, Sequence[str]]], *, width: float = 10.0, wrap: int = 31):
    """Draw ``boards`` (``(heading, lines)`` pairs) side by side and return the matplotlib figure.

    Each board is a framed panel with its heading on top and the lines an instructor writes on it,
    wrapped at ``wrap`` characters. A line that starts with ``"→ "`` is drawn as a conclusion: bold,
    below a rule, so the plan shows where each board's discussion should land.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    if not 1 <= len(boards) <= MAX_BOARDS:
        raise ValueError(f"A board plan has 1 to {MAX_BOARDS} boards, not {len(boards)}.")
    for heading, lines in boards:
        if not heading.strip() or not lines:
            raise ValueError(f"Board {heading!r} needs a heading and at least one line.")
        if len(lines) > MAX_LINES:
            raise ValueError(f"Board {heading!r} has {len(lines)} lines; at most {MAX_LINES} fit.")
        if len(heading) > MAX_HEADING:
            raise ValueError(f"Board heading {heading!r} is longer than {MAX_HEADING} characters.")

    # Bold conclusions are wider per character, so they wrap earlier.
    wrapped = [[textwrap.wrap(line, wrap - 4 if line.startswith("→ ") else wrap) or [""] for line in lines]
               for _, lines in boards]
    gap = 0.4  # blank space between two items, in lines
    rows = max(sum(len(w) for w in board) + gap * len(board) for board in wrapped) + 2.0
    fig, axes = plt.subplots(1, len(boards), figsize=(width, 0.24 * rows + 0.3), squeeze=False)
    for ax, (heading, _), board in zip(axes[0], boards, wrapped):
        ax.axis("off")
        ax.set_xlim(0, 1)
        ax.set_ylim(rows, 0)  # y counts lines from the top of the board
        ax.add_patch(Rectangle((0.0, 0.05), 1.0, rows - 0.1, facecolor="#F4F6F4",
                               edgecolor=OKABE_ITO["black"], linewidth=1.2))
        ax.text(0.5, 0.9, heading, ha="center", va="center", fontsize=10.5, fontweight="bold")
        y = 2.1
        for chunk in board:
            conclusion = chunk[0].startswith("→ ")
            if conclusion:
                ax.plot([0.05, 0.95], [y - 0.6, y - 0.6], color=OKABE_ITO["blue"], linewidth=1.2)
            for k, text in enumerate(chunk):
                bullet = "" if conclusion or k else "• "
                ax.text(0.05 if (k == 0 or conclusion) else 0.09, y, bullet + text, ha="left", va="center",
                        fontsize=9, fontweight="bold" if conclusion else "normal")
                y += 1.0
            y += gap
    # Not tight_layout: it would shrink the boards to make room for their own text.
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99, wspace=0.06)
    return fig
