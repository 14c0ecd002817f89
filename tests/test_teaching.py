"""The board plans of the teaching notes: one framed board per heading, with its lines, legible."""

import matplotlib
import pytest

matplotlib.use("Agg")

from partnership.teaching import MAX_BOARDS, MAX_LINES, board_plan

BOARDS = [("Facts", ["2019: $1bn", "→ incomplete contract"]), ("Model", ["k = β + (1 − β)λ"])]


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_one_board_per_heading_with_every_line():
    fig = board_plan(BOARDS)
    assert len(fig.axes) == 2
    texts = _texts(fig)
    assert {"Facts", "Model"} <= set(texts)
    assert "• 2019: $1bn" in texts and "→ incomplete contract" in texts


def test_conclusions_are_bold_and_ruled():
    fig = board_plan(BOARDS)
    bold = [t.get_text() for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert bold == ["Facts", "→ incomplete contract"]
    assert len(fig.axes[0].lines) == 1 and not fig.axes[1].lines


def test_long_lines_wrap_inside_the_board():
    fig = board_plan([("Wrap", ["word " * 20])], wrap=20)
    lines = [t for t in _texts(fig) if t != "Wrap"]
    assert len(lines) > 1 and all(len(t) <= 22 for t in lines)


@pytest.mark.parametrize(
    "boards",
    [[], [("x", ["a"])] * (MAX_BOARDS + 1), [("x", [])], [(" ", ["a"])], [("x", ["a"] * (MAX_LINES + 1))],
     [("a heading far too long to fit on one board", ["a"])]],
)
def test_plans_that_would_not_fit_a_board_are_refused(boards):
    with pytest.raises(ValueError):
        board_plan(boards)
