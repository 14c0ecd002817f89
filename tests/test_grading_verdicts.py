"""Verdicts outside the kernel, without a kernel: values as data, hidden checks as data, judging."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.revenue import DealTerms
from partnership_grading import authoring as au
from partnership_grading import verdicts as v

from . import adaptive_corpus
from . import synthetic_students as synthetic

ROOT = Path(__file__).resolve().parent.parent
SPECS = au.load_specs(ROOT / "exercises")

values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=12,
)


@given(values)
def test_values_cross_the_boundary_unchanged(value):
    """What the grader sends, the kernel rebuilds, and what it sends back, the grader rebuilds."""
    kernel = {}
    channel = v.in_process_channel(kernel)
    kernel["echo"] = lambda x: x
    assert v.Remote("echo", channel)(value) == value


def test_course_data_types_are_rebuilt_and_others_are_not():
    terms = DealTerms(investment=4.0, revenue_share=0.3)
    assert v.decode(v.encode(terms)) == terms
    with pytest.raises(v.DecodeError, match="course's own types"):
        v.decode({"__record__": "os:stat_result", "fields": {}})
    with pytest.raises(v.DecodeError):
        v.decode({"__record__": "partnership_grading.sandbox:Account", "fields": {"uid": 0, "gid": 0, "name": "root"}})
    assert math.isinf(v.decode({"__float__": "inf"})) and math.isnan(v.decode({"__float__": "nan"}))


def test_a_float_subclass_that_equals_everything_arrives_as_a_plain_float():
    kernel = {}
    exec("class Anything(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__\nx = Anything(1.0)", kernel)  # noqa: S102 - the test's stand-in for a student's kernel
    got = v.fetch(["x"], v.in_process_channel(kernel))["x"]
    assert type(got) is float and got != 2.0


def test_a_function_that_changes_its_input_is_seen_to():
    kernel = {}
    exec("def grow(xs):\n    xs.append(1)\n    return len(xs)", kernel)  # noqa: S102 - the test's stand-in for a student's kernel
    given_list = [0]
    assert v.Remote("grow", v.in_process_channel(kernel))(given_list) == 2 and given_list == [0, 1]


def test_hidden_checks_are_literals_never_code():
    check = v.HiddenCheck(expr="f(*args)", reference="g(*args)", inputs=((1.0, DealTerms(investment=1.0)),), hint="h")
    assert v.parse_hidden(v.render_hidden([check])) == [check]
    with pytest.raises(ValueError, match="one assignment"):
        v.parse_hidden("import os\nHIDDEN_CHECKS = []")
    with pytest.raises(ValueError):
        v.parse_hidden("HIDDEN_CHECKS = [__import__('os').system('id')]")
    with pytest.raises(ValueError, match="compare"):
        v.HiddenCheck(expr="f()", reference="1", compare="roughly")


@pytest.mark.parametrize("a", SPECS, ids=lambda a: a.name)
def test_every_spec_renders_and_parses_its_hidden_checks(a):
    for p in a.parts:
        assert v.parse_hidden(au.hidden_tests(p.test_cell)) == list(p.hidden)


def _judge(student_code: str, hidden: list[v.HiddenCheck], visible: str = "") -> v.Verdict:
    setup = "from partnership.bargaining import nash_split\nSURPLUS = 100.0"
    kernel: dict = {}
    exec(setup + "\n" + student_code, kernel)  # noqa: S102 - the test's stand-in for a student's kernel
    return v.judge(visible, hidden, v.trusted_namespace([setup]), v.in_process_channel(kernel))


NASH = [v.HiddenCheck(expr="payoff(*args)", reference="nash_split(*args).payoff_a", inputs=((100.0, 40.0, 20.0, 0.8),), hint="Use the arguments.")]


def test_a_right_answer_passes_and_a_hard_coded_one_fails_without_the_expected_value():
    assert _judge("def payoff(s, a, b, p):\n    return nash_split(s, a, b, p).payoff_a", NASH).passed
    verdict = _judge("def payoff(s, a, b, p):\n    return 60.0", NASH)
    (message,) = verdict.failures
    assert "payoff(100.0, 40.0, 20.0, 0.8) gives 60.0" in message and "Use the arguments." in message
    assert "72" not in message, "the expected value (40 + 0.8 * 40 = 72) is never shown"


def test_visible_tests_decide_too_and_hidden_checks_wait_for_them():
    visible = "from partnership.checks import close as _close\n_close(deal, 60.0, 'deal')"
    failing = _judge("deal = 59.0\ndef payoff(*a):\n    return 0.0", NASH, visible)
    assert failing.failures == ["deal should be 60, but it is 59."] and failing.checks == 0


def test_a_missing_name_or_a_raising_function_fails_the_part():
    assert not _judge("", NASH).passed
    (message,) = _judge("def payoff(*args):\n    raise RuntimeError('boom')", NASH).failures
    assert "raised RuntimeError: boom" in message


def test_a_reference_that_fails_is_the_assignment_s_fault():
    bad = [v.HiddenCheck(expr="payoff()", reference="no_such_function()")]
    with pytest.raises(v.ReferenceFailed):
        _judge("def payoff():\n    return 1.0", bad)


def test_calling_the_package_cannot_pass_a_part_students_must_write_themselves():
    a = next(s for s in SPECS if s.name == "ps3-regulation")
    bodies = {**synthetic.answer_bodies(a), "cloud_hhi": "from partnership.concentration import hhi\nreturn hhi(shares)"}
    run = synthetic.dry_run(a, bodies)
    assert not run.passed("cloud_hhi_test") and "Hidden test: my_hhi" in run.errors["cloud_hhi_test"]


def test_the_guide_lists_every_adaptive_attack():
    guide = (ROOT / "chapters" / "instructor.md").read_text(encoding="utf-8")
    for attack in adaptive_corpus.ATTACKS:
        if attack.category != "control":
            assert f"`{attack.student}`" in guide, attack.student


@pytest.mark.parametrize("change,right", [(2.5, "rises"), (-1e-3, "falls"), (0.0, "unchanged"), (1e-12, "unchanged")])
def test_a_prediction_is_judged_by_the_sign_of_the_change_the_grader_computes(change, right):
    check = [v.HiddenCheck(expr="prediction", reference=repr(change), compare="direction")]
    for said in ("rises", "falls", "unchanged", 1.0, True, None):
        verdict = _judge(f"prediction = {said!r}", check, "from partnership.checks import equal as _equal")
        assert verdict.passed is (said == right), (said, change)
    assert _judge(f"prediction = ' {right.upper()} '", check, "from partnership.checks import equal as _equal").passed


def test_a_direction_whose_reference_is_not_a_number_is_the_assignment_s_fault():
    with pytest.raises(v.ReferenceFailed):
        _judge("prediction = 'rises'", [v.HiddenCheck(expr="prediction", reference="'up'", compare="direction")],
               "from partnership.checks import equal as _equal")


def test_one_of_names_the_choices():
    from partnership.checks import one_of

    one_of("rises", ("rises", "falls"), "x")
    with pytest.raises(AssertionError, match="should be one of 'rises', 'falls', but it is 'up'"):
        one_of("up", ("rises", "falls"), "x")
