"""The live (ipywidgets) explorers, driven from Python as a reader would drive them in Jupyter."""

from __future__ import annotations

import base64
import html

import pytest

from partnership.widgets import EXPLORER_IDS, WIDGET_VIEW_MIME, explorer

from .test_widgets_oracle import assert_shows_model, displayed_numbers, model_error

# One move per explorer: (control, new value) that changes the headline numbers.
MOVES = {
    "bargaining": ("threat_a", 45.0),
    "rubinstein": ("delta_b", 0.5),
    "ownership": ("theta_b", 2.0),
    "waterfall": ("cap_multiple", 3.5),
    "concentration": ("share_3", 25.0),
    "partial_ownership": ("stake", 0.5),
    "cooperation": ("temptation", 7.5),
    "scenarios": ("separation_b", 75.0),
    "renegotiation": ("outside_a", 40.0),
}
# An input the model rejects, then the fix; the message must be the model's own.
INVALID = {
    "ownership": ({"lambda_non_owner": 0.8}, {"lambda_non_owner": 0.3}),
    "waterfall": ({"cap_multiple": 0.5}, {"cap_multiple": 1.5}),
    "concentration": ({"share_1": 70.0}, {"share_1": 35.0}),
    "partial_ownership": ({"stake": 1.0}, {"stake": 0.5}),
    "cooperation": ({"sucker": 2.0}, {"sucker": -1.0}),
    "scenarios": ({"p_separation": 0.45}, {"p_status_quo": 0.05}),
}


def shown(live):
    return displayed_numbers(live.summary.value)


def png_of(live) -> bytes:
    (output,) = live.figure.outputs
    return base64.b64decode(output["data"]["image/png"])


@pytest.mark.parametrize("explorer_id", EXPLORER_IDS)
def test_starting_view_shows_the_models_numbers(explorer_id):
    live = explorer(explorer_id).live
    assert live.error is None
    numbers, reading = shown(live)
    assert_shows_model(explorer_id, live.params(), numbers)
    assert "starting values" in reading
    assert png_of(live).startswith(b"\x89PNG")


@pytest.mark.parametrize("explorer_id", EXPLORER_IDS)
def test_moving_a_control_updates_numbers_reading_and_figure(explorer_id):
    live = explorer(explorer_id).live
    before_numbers, before_reading = shown(live)
    before_png = png_of(live)
    name, value = MOVES[explorer_id]
    live.controls[name].value = value
    assert live.error is None
    numbers, reading = shown(live)
    assert_shows_model(explorer_id, live.params(), numbers)
    assert numbers != before_numbers and reading != before_reading
    assert "than at the starting values" in reading
    assert png_of(live) != before_png
    assert live.readouts[name].value == live.spec.control(name).format(value)


@pytest.mark.parametrize("explorer_id", sorted(INVALID))
def test_invalid_input_shows_the_models_message_then_recovers(explorer_id):
    live = explorer(explorer_id).live
    bad, fix = INVALID[explorer_id]
    live.set(**bad)  # must not raise: the observer turns the model's ValueError into a message
    message = model_error(explorer_id, live.params())
    assert message, "the chosen input should be invalid for the model"
    assert live.error == message
    assert 'role="alert"' in live.message.value and html.escape(message) in live.message.value
    assert live.message.layout.display is None  # visible
    assert live.summary.layout.display == "none" and live.figure.outputs == ()

    live.set(**fix)
    assert live.error is None
    assert live.message.layout.display == "none" and live.message.value == ""
    assert live.summary.layout.display is None
    numbers, _ = shown(live)
    assert_shows_model(explorer_id, live.params(), numbers)
    assert png_of(live).startswith(b"\x89PNG")


def test_bargaining_outside_options_above_the_surplus_is_the_models_no_deal():
    # The model does not reject o_A + o_B > S: it returns "no deal", and the explorer says so.
    live = explorer("bargaining").live
    live.set(surplus=40.0, outside_a=30.0, outside_b=30.0)
    numbers, reading = shown(live)
    assert live.error is None and numbers["deal"]["value"] is False
    assert reading.startswith("No deal")
    assert_shows_model("bargaining", live.params(), numbers)


def test_sliders_cannot_leave_their_range():
    live = explorer("bargaining").live
    live.controls["power_a"].value = 1.5  # ipywidgets clamps to the slider's max
    assert live.params()["power_a"] == 1.0 and live.error is None


def test_dropdown_control_updates():
    live = explorer("concentration").live
    live.controls["pair"].value = (0, 1)
    numbers, reading = shown(live)
    assert_shows_model("concentration", live.params(), numbers)
    assert "merging pair is Firms 1 and 2" in reading


def test_overrides_set_the_starting_values():
    live = explorer("bargaining", outside_a=35, power_a=0.7).live
    assert live.params()["outside_a"] == 35 and live.params()["power_a"] == 0.7
    numbers, reading = shown(live)
    assert_shows_model("bargaining", live.params(), numbers)
    assert "starting values" in reading


def test_an_invalid_starting_value_shows_the_message_not_a_traceback():
    live = explorer("ownership", lambda_owner=0.2, lambda_non_owner=0.6).live
    assert live.error == model_error("ownership", live.params())


def test_the_displayed_object_carries_the_widget_and_the_static_html():
    bundle = explorer("cooperation")._repr_mimebundle_()
    assert bundle[WIDGET_VIEW_MIME]["model_id"]
    assert 'data-explorer="cooperation"' in bundle["text/html"]
    assert "text/plain" in bundle


def test_unknown_ids_and_controls_are_rejected_clearly():
    with pytest.raises(ValueError, match="No explorer 'nope'"):
        explorer("nope")
    with pytest.raises(TypeError, match="has no control 'surplus_x'"):
        explorer("bargaining", surplus_x=1)
    with pytest.raises(ValueError, match="outside the slider's range"):
        explorer("bargaining", power_a=2)
