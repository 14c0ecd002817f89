"""The explorer specs: thin views over the models, with readings that explain the change."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from partnership.widgets import EXPLORERS, explorer
from partnership.widgets.spec import Control, View, slugify

from .test_widgets_oracle import REQUIRED_IDS, expected, model_error, same

WIDGETS = Path(__file__).resolve().parent.parent / "partnership" / "widgets"


def test_the_required_explorers_exist():
    assert set(REQUIRED_IDS) <= set(EXPLORERS)


@pytest.mark.parametrize("explorer_id", sorted(EXPLORERS))
def test_every_control_is_labelled_with_a_unit_or_range_and_a_sensible_default(explorer_id):
    for control in EXPLORERS[explorer_id].controls:
        assert control.label and ("(" in control.label or control.is_dropdown), control.label
        if not control.is_dropdown:
            assert control.min <= control.default <= control.max and control.step > 0


@pytest.mark.parametrize("explorer_id", sorted(EXPLORERS))
def test_view_numbers_are_the_models(explorer_id):
    spec = EXPLORERS[explorer_id]
    view = spec.view()
    got = {n.slug: n.value for n in view.numbers}
    want = expected(explorer_id, spec.defaults())
    assert set(got) == set(want)
    assert all(same(got[k], want[k], rel=1e-12) for k in want)


def test_a_model_error_becomes_the_views_error_with_the_models_message():
    params = {"p_renegotiate": 0.5, "p_status_quo": 0.5, "p_separation": 0.5}
    view = EXPLORERS["scenarios"].view(params)
    assert view.error == model_error("scenarios", {**EXPLORERS["scenarios"].defaults(), **params})
    assert view.numbers == () and view.chart is None


def test_reading_names_the_input_that_moved_the_result():
    # OpenAI's share rises because its threat point improved.
    view = explorer("bargaining").view(threat_a=40)
    assert "OpenAI's share of the total is higher than at the starting values, because OpenAI's threat point is higher" in view.reading


def test_an_outside_option_below_the_split_changes_nothing_and_the_reading_says_so():
    # Issue #11: raising OpenAI's outside option from 20 to 40 changes nothing while it is below its 45.
    view = explorer("bargaining").view(outside_a=40)
    assert "OpenAI's share of the total is the same as at the starting values." in view.reading
    assert "the outside options change nothing" in view.reading
    view = explorer("bargaining").view(outside_a=60)
    assert view.number("binding-outside-option").value == "A's outside option"
    assert "must pay it exactly its outside option" in view.reading
    assert "because OpenAI's outside option is higher" in view.reading


def test_reading_names_the_main_driver_and_what_pulls_the_other_way():
    view = explorer("bargaining").view(threat_a=25, threat_b=60)
    assert "lower than at the starting values, mainly because Microsoft's threat point is higher" in view.reading
    assert "the change in OpenAI's threat point pulls the other way" in view.reading


def test_reading_at_the_starting_values_invites_a_move():
    assert "These are the starting values" in explorer("waterfall").view().reading


def test_reading_is_relative_to_the_overridden_start():
    ex = explorer("cooperation", temptation=8)
    assert "starting values: move" in ex.view().reading
    assert "lower than at the starting values" in ex.view(temptation=6).reading


def test_view_reading_joins_its_parts():
    assert View(reading_parts=("One.", "Two.")).reading == "One. Two."
    with pytest.raises(ValueError):
        View(reading="One.", reading_parts=("Two.",))


def test_slugify():
    assert slugify("OpenAI's share of the total") == "openais-share-of-the-total"
    assert slugify("Critical discount factor δ*") == "critical-discount-factor"


def test_control_rejects_a_default_outside_its_range_or_grid():
    with pytest.raises(ValueError):
        Control("x", "X (units)", 5, 0, 1, 0.1)
    with pytest.raises(ValueError):
        Control("x", "X (units)", 0.5, 0, 1, 0.1, grid=(0.0, 1.0))


def test_widget_code_does_no_economics():
    """Widget modules import model functions and format; they define no model of their own.

    A crude but useful guard: no widget module may import numpy/scipy or use ``**`` / ``sum(`` on
    model quantities, so any formula has to live in the models.
    """
    paths = sorted(WIDGETS.rglob("*.py"))
    found = {p.relative_to(WIDGETS).as_posix() for p in paths}
    assert found >= {"explorers/__init__.py", "explorers/waterfall.py", "live.py", "static.py"}, \
        "the widget modules are where this test reads them"
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n.split(".")[0] in {"numpy", "scipy"} for n in names), path.relative_to(WIDGETS)
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
                pytest.fail(f"{path.relative_to(WIDGETS)}:{node.lineno} uses ** (economics belongs in the models)")
