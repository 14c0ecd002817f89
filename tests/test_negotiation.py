"""The negotiation's scoring: hand-checked values, the properties of the issue, and clear errors."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from partnership import negotiation as ng
from partnership.bargaining import bargain_with_outside_options

ROOT = Path(__file__).resolve().parent.parent
ROLES = ROOT / "instructor" / "negotiation" / "roles.yml"


def beliefs(revenue=10.0, growth=0.0, rate=0.0, agi=()):
    return ng.Beliefs(revenue, growth, rate, agi)


def microsoft(**over) -> ng.MicrosoftRole:
    fields = dict(beliefs=beliefs(), base_value=0.0, licence_per_year=0.0, exclusive_per_year=0.0,
                  stateless_per_year=0.0, stateful_per_year=0.0, margin_per_bn=0.0, win_probability=0.5,
                  dispute_cost=0.0, outside_option=0.0)
    return ng.MicrosoftRole(**{**fields, **over})


def openai(**over) -> ng.OpenAIRole:
    fields = dict(beliefs=beliefs(), base_value=0.0, licence_per_year=0.0, exclusive_per_year=0.0,
                  stateless_per_year=0.0, stateful_per_year=0.0, compute_need_bn=0.0, flexibility_per_bn=0.0,
                  excess_per_bn=0.0, win_probability=0.5, dispute_cost=0.0, outside_option=0.0,
                  rival_payment=0.0, rival_offer=0.0)
    return ng.OpenAIRole(**{**fields, **over})


ROLES_CASE = ng.load_case(ROLES)  # a frozen dataclass: one read serves every test and every example


@pytest.fixture(scope="module")
def case() -> ng.Case:
    return ROLES_CASE


# -- hand-checked values ----------------------------------------------------------------------


def test_payments_by_hand():
    flat = beliefs(revenue=10, growth=0, rate=0)
    assert ng.payments_pv(flat, 20, 2027, None) == pytest.approx(4.0)  # 20% of 10, two years
    assert ng.payments_pv(beliefs(10, 0, 0.10), 20, 2027, None) == pytest.approx(2 / 1.1 + 2 / 1.21)
    assert ng.payments_pv(flat, 30, 2035, 25) == pytest.approx(25.0)  # 3 a year, capped in year 9
    assert ng.payments_pv(beliefs(10, 0.5, 0), 10, 2028, None) == pytest.approx(1 + 1.5 + 2.25)
    assert ng.payments_pv(flat, 0, 2035, None) == 0.0


def test_the_agi_clause_is_an_expected_value_over_when_agi_is_verified():
    # Half the time AGI is verified at the start of 2027: only 2026 is paid (2); otherwise ten years (20).
    view = beliefs(10, 0, 0, {2027: 0.5})
    assert ng.expected_payments(view, 20, 2035, None, "kept") == pytest.approx(0.5 * 2 + 0.5 * 20)
    assert ng.expected_payments(view, 20, 2035, None, "removed") == pytest.approx(20)
    assert ng.expected_payments(view, 20, 2026, None, "kept") == pytest.approx(2)  # ends before AGI can matter


def test_rights_and_compute_by_hand():
    role = microsoft(licence_per_year=1, exclusive_per_year=0.5, stateless_per_year=0.25, stateful_per_year=0.25)
    deal = replace(ng.STATUS_QUO, ip_until=2028)
    assert ng.rights_value(role, deal) == pytest.approx(3 * 2.0)  # 2026-2028, everything exclusive
    assert ng.rights_value(role, replace(deal, ip_exclusive=False, stateful_exclusive=False)) == pytest.approx(3 * 1.25)
    o = openai(compute_need_bn=100, flexibility_per_bn=0.1, excess_per_bn=0.5)
    assert ng.compute_cost(o, 150) == pytest.approx(0.1 * 100 + 0.5 * 50)
    assert ng.compute_cost(o, 75) == pytest.approx(7.5)


def test_compute_beyond_the_need_costs_what_the_role_sheet_says(case):
    """Regression: the cost was φ C + e · max(C − N, 0), so each $bn beyond the need cost φ + e, while
    OpenAI's sheet says "φ for each $1bn up to N, e for each $1bn beyond it" (and the role's own check,
    e ≥ φ, only makes sense if e is the whole cost of a $bn beyond)."""
    from partnership.negotiation_sheets import money, value_guide_markdown

    o = case.openai
    rule = (f"{money(o.flexibility_per_bn)} for each $1bn up to {money(o.compute_need_bn)}, "
            f"{money(o.excess_per_bn)} for each $1bn beyond it")
    assert rule in value_guide_markdown(case, "openai")
    for c in ng.issue("compute_bn").options:
        by_the_sheet = o.flexibility_per_bn * min(c, o.compute_need_bn) + o.excess_per_bn * max(c - o.compute_need_bn, 0)
        assert ng.compute_cost(o, c) == pytest.approx(by_the_sheet), c
    assert max(ng.issue("compute_bn").options) > o.compute_need_bn, "the sheet's choices reach beyond the need"


def test_a_whole_deal_by_hand():
    m = microsoft(base_value=5, licence_per_year=1, margin_per_bn=0.1)
    o = openai(base_value=50, licence_per_year=0.5, compute_need_bn=100, flexibility_per_bn=0.05, excess_per_bn=0.2,
               rival_payment=3)
    deal = ng.Deal(20, 2027, None, "removed", 2030, False, False, False, 150)
    # Microsoft: 5 + payments 4 + licence 5 years + 0.1 × 150; OpenAI: 50 − 4 − 2.5 − (0.05 × 100 + 0.2 × 50) + the rival's 3.
    assert ng.values(ng.Case(m, o), deal) == pytest.approx((5 + 4 + 5 + 15, 50 - 4 - 2.5 - 15 + 3))


def test_threat_points_are_the_expected_dispute_less_its_cost():
    # Only the stateful question is at stake: 1 a year to Microsoft over 2026-2032 if the court finds it exclusive.
    m = microsoft(beliefs=beliefs(revenue=0), stateful_per_year=1, win_probability=0.25, dispute_cost=2)
    assert ng.threat_point(m) == pytest.approx(0.25 * 7 - 2)
    o = openai(beliefs=beliefs(revenue=0), stateful_per_year=1, win_probability=0.25, rival_payment=4)
    assert ng.threat_point(o) == pytest.approx(0.25 * -7 + 0.75 * 4)


def test_without_a_deal_the_course_rule_decides_who_walks():
    m, o = microsoft(beliefs=beliefs(revenue=0), outside_option=-1), openai(beliefs=beliefs(revenue=0), outside_option=-1)
    stay = ng.score(ng.Case(m, o), None)
    assert (stay.microsoft, stay.openai, stay.walked) == (pytest.approx(0), pytest.approx(0), False)
    leave = ng.score(ng.Case(m, replace(o, outside_option=2)), None)  # OpenAI's outside option beats its threat point
    assert (leave.microsoft, leave.openai, leave.walked) == (-1, 2, True)
    assert leave.below_walkaway == () and not leave.agreed


def test_nash_on_a_small_frontier_by_hand():
    points = [(10, 0), (5, 5), (0, 10)]
    assert ng.nash_on_frontier(points, (0, 0), (0, 0)) == (1, "neither")
    assert ng.nash_on_frontier(points, (0, 0), (0, 7)) == (2, "A's outside option")
    assert ng.nash_on_frontier(points, (0, 0), (6, 0)) == (0, "B's outside option")
    assert ng.nash_on_frontier(points, (6, 6), (0, 0)) == (None, "no deal")


# -- the properties of the issue ----------------------------------------------------------------

money = st.floats(0, 8, allow_nan=False).map(lambda x: round(x, 2))
beliefs_st = st.builds(
    ng.Beliefs,
    revenue_2026=st.floats(0, 30).map(lambda x: round(x, 1)),
    revenue_growth=st.floats(-0.2, 0.6).map(lambda x: round(x, 2)),
    discount_rate=st.floats(0, 0.2).map(lambda x: round(x, 3)),
    agi=st.dictionaries(st.integers(2027, 2035), st.floats(0, 0.3).map(lambda x: round(x, 2)), max_size=3),
)
microsoft_st = st.builds(ng.MicrosoftRole, beliefs=beliefs_st, base_value=st.floats(-50, 200), licence_per_year=money,
                         exclusive_per_year=money, stateless_per_year=money, stateful_per_year=money,
                         margin_per_bn=st.floats(0, 0.3), win_probability=st.floats(0, 1), dispute_cost=money,
                         outside_option=st.floats(-50, 200))
openai_st = st.builds(lambda flex, extra, **kw: ng.OpenAIRole(flexibility_per_bn=flex, excess_per_bn=flex + extra, **kw),
                      flex=st.floats(0, 0.2), extra=st.floats(0, 0.5), beliefs=beliefs_st,
                      base_value=st.floats(-50, 300), licence_per_year=money, exclusive_per_year=money,
                      stateless_per_year=money, stateful_per_year=money, compute_need_bn=st.floats(0, 300),
                      win_probability=st.floats(0, 1), dispute_cost=money, outside_option=st.floats(-50, 200),
                      rival_payment=money, rival_offer=money)
case_st = st.builds(ng.Case, microsoft=microsoft_st, openai=openai_st, power_openai=st.floats(0, 1))
deal_st = st.builds(ng.Deal, **{i.name: st.sampled_from(i.options) for i in ng.ISSUES})


@given(case_st, deal_st, st.sampled_from(ng.ISSUE_NAMES), st.sampled_from(ng.SIDES))
def test_a_sides_value_rises_with_every_term_in_its_favour(case, deal, name, side):
    better = ng.toward(deal, name, side)
    assume(better is not None)
    before, after = ng.values(case, deal), ng.values(case, better)
    k = ng.SIDES.index(side)
    assert after[k] >= before[k] - 1e-9, f"{name} moved towards {side} lowered its value"
    assert after[1 - k] <= before[1 - k] + 1e-9, f"{name} moved towards {side} raised the other side's value"


def test_each_term_moves_both_values(case):
    """The property above is not vacuous: with the roles' parameters every term changes both values."""
    for spec in ng.ISSUES:
        low = ng.values(case, replace(ng.STATUS_QUO, **{spec.name: spec.options[0]}))
        high = ng.values(case, replace(ng.STATUS_QUO, **{spec.name: spec.options[-1]}))
        assert high[0] > low[0] + 0.1 and high[1] < low[1] - 0.1, spec.name


points_st = st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=1, max_size=60)


def dominates(p, q) -> bool:
    return p[0] >= q[0] and p[1] >= q[1] and p != q


@given(points_st)
def test_frontier_points_are_undominated_and_dominate_the_rest(points):
    kept = ng.pareto_frontier(points)
    frontier = [points[k] for k in kept]
    for p in frontier:
        assert not any(dominates(q, p) for q in points)
    for k, q in enumerate(points):
        if k not in kept:
            assert any(dominates(p, q) or p == q for p in frontier)
    assert [p[0] for p in frontier] == sorted(p[0] for p in frontier)


@given(deal_st, st.floats(-5, 5), st.sampled_from(ng.SIDES))
def test_a_deal_below_a_sides_walkaway_point_is_flagged(deal, margin, side):
    assume(abs(margin) > 1e-6)
    base = ROLES_CASE
    value = ng.values(base, deal)[ng.SIDES.index(side)]
    # Put the side's threat point `margin` above the deal's value, its outside option far below.
    role = getattr(base, side)
    cost = ng.threat_point(role) + role.dispute_cost - value - margin
    assume(cost >= 0)
    case = replace(base, **{side: replace(role, dispute_cost=cost, outside_option=-1e6)})
    result = ng.score(case, deal)
    assert result.positions.walkaway(side) == pytest.approx(value + margin)
    assert (side in result.below_walkaway) == (margin > 0)
    other = ng.SIDES[1 - ng.SIDES.index(side)]
    assert result.agreed
    assert (other in result.below_walkaway) == (getattr(result, other) < result.positions.walkaway(other) - 1e-9)


@given(st.integers(0, 60), st.integers(0, 60), st.integers(-10, 80), st.integers(-10, 80), st.sampled_from([0.25, 0.5, 0.75]))
def test_on_a_straight_frontier_the_prediction_is_the_courses_bargain(d_o, d_m, o_o, o_m, beta):
    # u_O + u_M = 100 on a grid fine enough to hold the exact answer (integers and quarters).
    points = [(100 - k / 4, k / 4) for k in range(401)]
    k, binding = ng.nash_on_frontier(points, (d_m, d_o), (o_m, o_o), beta)
    expected = bargain_with_outside_options(100, d_o, d_m, o_o, o_m, beta)
    assert (k is not None) == expected.deal
    if expected.deal:
        assert binding == expected.binding
        assert points[k] == (pytest.approx(expected.payoff_b), pytest.approx(expected.payoff_a))


EPS = 1e-7  # the frontier's values are computed deal by deal, the cloud's as sums of blocks


def test_the_frontier_weakly_dominates_every_possible_agreement(case):
    np = pytest.importorskip("numpy")
    m, o = ng.all_agreements(case)
    assert m.size == math.prod(len(i.options) for i in ng.ISSUES)
    front = ng.frontier(case)
    fm, fo = np.array([a.microsoft for a in front]), np.array([a.openai for a in front])
    best_o = np.maximum.accumulate(fo[::-1])[::-1]  # the best OpenAI value among frontier points from k on
    k = np.searchsorted(fm, m - EPS)  # the first frontier point giving Microsoft at least as much
    assert (k < len(fm)).all()
    assert (best_o[k] >= o - EPS).all(), "a possible deal that no frontier point is as good as"
    for a in front:
        assert ng.values(case, a.deal) == pytest.approx(a.point)


@pytest.mark.slow  # every possible agreement against every frontier point (the weak-dominance test above stays fast)
def test_frontier_points_are_undominated_by_any_possible_agreement(case):
    np = pytest.importorskip("numpy")
    m, o = ng.all_agreements(case)
    order = np.argsort(-m, kind="stable")
    ms, best_o = m[order], np.maximum.accumulate(o[order])  # best_o[i]: the best o among the i+1 largest m

    def best_o_with_m_at_least(x: float) -> float:
        n = np.searchsorted(-ms, -x, side="right")  # how many deals give Microsoft at least x
        return -np.inf if n == 0 else best_o[n - 1]

    for a in ng.frontier(case):
        assert best_o_with_m_at_least(a.microsoft - EPS) <= a.openai + EPS
        assert best_o_with_m_at_least(a.microsoft + EPS) < a.openai - EPS or \
            best_o_with_m_at_least(a.microsoft + EPS) == -np.inf


def test_the_prediction_with_the_roles_parameters(case):
    nash = ng.nash_prediction(case)
    pos = nash.positions
    assert nash.deal and nash.binding == "neither"
    assert nash.agreement in ng.frontier(case)
    assert nash.agreement.microsoft > pos.walkaway_microsoft and nash.agreement.openai > pos.walkaway_openai
    assert not pos.walked, "in the two-role game both stay in the dispute without a deal"
    status_quo = ng.score(case, ng.STATUS_QUO)
    # The conflict: the October 2025 terms read Microsoft's way suit Microsoft, and OpenAI would rather fight.
    assert status_quo.below_walkaway == ("openai",)
    assert sum(nash.agreement.point) > status_quo.microsoft + status_quo.openai, "the talks can create value"


def test_a_rival_offer_counts_only_when_it_beats_the_bargain(case):
    """The outside-option principle: a bigger offer changes nothing until it beats OpenAI's Nash payoff."""
    nash = ng.nash_prediction(case)
    below = ng.nash_prediction(case, ng.RivalTerms(offer_bn=nash.agreement.openai - case.openai.outside_option - 5))
    assert below.agreement == nash.agreement and below.binding == "neither"
    above = ng.nash_prediction(case, ng.RivalTerms(offer_bn=case.rival.budget))
    assert above.binding == "A's outside option"
    assert above.agreement.openai >= case.openai.outside_option + case.rival.budget > nash.agreement.openai


def test_a_better_threat_point_moves_the_prediction_towards_openai(case):
    """The rival's payment for stateful products raises OpenAI's threat point (the court may free them)."""
    base = ng.nash_prediction(case)
    more = ng.nash_prediction(case, ng.RivalTerms(payment_bn=case.openai.rival_payment + 6))
    assert more.positions.threat_openai > base.positions.threat_openai
    assert more.agreement.openai > base.agreement.openai


# -- clear errors for impossible terms ------------------------------------------------------------


@pytest.mark.parametrize("name, value, words", [
    ("rate_pct", 35, "impossible"), ("rate_pct", 12.5, "not one of"), ("rate_pct", -1, "impossible"),
    ("share_until", 2024, "impossible"), ("cap_bn", 10, "impossible"), ("cap_bn", 60, "not one of"),
    ("agi_clause", "maybe", "kept' or 'removed"), ("ip_exclusive", "yes", "yes or no"),
    ("compute_bn", 30, "multiple of $25bn"), ("rate_pct", "twenty", "not a number"), ("rate_pct", math.nan, "not a number"),
])
def test_impossible_terms_are_refused_with_a_message(name, value, words):
    with pytest.raises(ValueError) as err:
        replace(ng.STATUS_QUO, **{name: value})
    assert words in str(err.value) and ng.issue(name).label in str(err.value)


@pytest.mark.parametrize("change, words", [
    ({"outcome": "signed"}, "'agreed' or 'impasse'"),
    ({"outcome": "impasse"}, "marked as an impasse"),
    ({"rate_pct": ""}, "leaves it blank"),
    ({"rate_pct": "40"}, "impossible"),
    ({"ip_exclusive": "perhaps"}, "yes or no"),
    ({"rival_offer_bn": "lots"}, "not an amount"),
    ({"rival_payment_bn": "-3"}, "cannot be negative"),
])
def test_bad_rows_of_the_class_csv_name_the_team_and_the_problem(change, words):
    row = {**ng.deal_record("7", ng.STATUS_QUO), **change}
    with pytest.raises(ValueError) as err:
        ng.deal_from_record(row)
    assert str(err.value).startswith("Team 7:") and words in str(err.value)


def test_a_row_without_the_terms_columns_is_refused():
    with pytest.raises(ValueError, match="Team 3: the columns rate_pct, .* are missing"):
        ng.deal_from_record({"team": "3", "outcome": "agreed"})


@given(deal_st, st.one_of(st.none(), st.floats(0, 50).map(lambda x: round(x, 1))))
def test_a_deal_survives_the_class_csv(deal, payment):
    rival = ng.RivalTerms(payment_bn=payment)
    assert ng.deal_from_record(ng.deal_record("A", deal, rival)) == (deal, rival)
    assert ng.deal_from_record(ng.deal_record("A", None)) == (None, ng.RivalTerms())


@pytest.mark.parametrize("over, words", [
    ({"dispute_cost": -1}, "cannot be negative"),
    ({"win_probability": 1.5}, "must lie in"),
    ({"beliefs": "optimistic"}, "must be a Beliefs"),
])
def test_impossible_role_parameters_are_refused(over, words):
    with pytest.raises(ValueError, match=words):
        microsoft(**over)


def test_impossible_beliefs_are_refused():
    with pytest.raises(ValueError, match="add up to more than 1"):
        beliefs(agi={2028: 0.7, 2030: 0.4})
    with pytest.raises(ValueError, match="first year without payments"):
        beliefs(agi={2026: 0.1})
    with pytest.raises(ValueError, match="discount rate"):
        beliefs(rate=1.5)
    with pytest.raises(ValueError, match="at least flexibility"):
        openai(flexibility_per_bn=0.3, excess_per_bn=0.1)


def test_a_misspelt_side_or_clause_is_refused_not_read_as_the_other():
    """Regression: any side but "microsoft" moved a term OpenAI's way, and any clause but "removed" meant "kept"."""
    with pytest.raises(ValueError, match="'microsoft' or 'openai', not 'Microsoft'"):
        ng.toward(ng.STATUS_QUO, "rate_pct", "Microsoft")
    with pytest.raises(ValueError, match="'microsoft' or 'openai'"):
        ng.positions(ng.TOY_CASE).walkaway("OpenAI")
    with pytest.raises(ValueError, match="'kept' or 'removed', not 'remove'"):
        ng.expected_payments(beliefs(agi={2027: 0.5}), 20, 2035, None, "remove")
    with pytest.raises(ValueError, match="cannot be negative"):
        ng.compute_cost(openai(), -25)


def test_the_rivals_value_is_a_float_whatever_its_parameters_are():
    case = replace(ng.TOY_CASE, rival=ng.RivalRole(stateful_value=10, partnership_value=50, budget=30))
    for value in (ng.rival_value(case, replace(ng.STATUS_QUO, stateful_exclusive=False)),
                  ng.rival_value(case, None, walked=True), ng.rival_value(case, ng.STATUS_QUO)):
        assert type(value) is float


def test_the_rival_cannot_offer_beyond_its_budget(case):
    with pytest.raises(ValueError, match="caps any offer"):
        ng.values(case, ng.STATUS_QUO, ng.RivalTerms(offer_bn=case.rival.budget + 1))


def test_a_role_code_carries_exactly_the_roles_parameters(case):
    for role in (case.microsoft, case.openai):
        code = ng.role_code(role)
        assert code.startswith("nego1-") and ng.from_role_code(code) == role
        assert ng.own_value(ng.from_role_code(code), ng.STATUS_QUO) == pytest.approx(ng.own_value(role, ng.STATUS_QUO))
    with pytest.raises(ValueError, match="copy it whole"):
        ng.from_role_code(ng.role_code(case.openai)[:-9])
    with pytest.raises(ValueError, match="starts with"):
        ng.from_role_code("hello")


def test_the_roles_file_is_read_strictly(tmp_path):
    bad = tmp_path / "roles.yml"
    bad.write_text("microsoft: {beliefs: {revenue_2026: 1, revenue_growth: 0, discount_rate: 0}}\nopenai: {}\n")
    with pytest.raises(ValueError, match="'microsoft' section"):
        ng.load_case(bad)


@pytest.mark.slow  # enumerates every possible agreement
def test_a_sample_of_the_possible_agreements_is_drawn_from_all_of_them(case):
    np = pytest.importorskip("numpy")
    m, o = ng.all_agreements(case)
    sm, so = ng.all_agreements(case, sample=500, seed=7)
    assert sm.shape == so.shape == (500,)
    order = np.lexsort((o, m))
    ms, os_ = m[order], o[order]
    for a, b in zip(sm, so):  # each sampled point is one of the deals
        lo, hi = np.searchsorted(ms, a - 1e-9), np.searchsorted(ms, a + 1e-9)
        assert hi > lo and np.abs(os_[lo:hi] - b).min() < 1e-9
    assert (ng.all_agreements(case, sample=500, seed=7)[0] == sm).all(), "seeded"


# -- the docstrings' examples that enumerate every deal --------------------------------------------

ENUMERATING = (ng.frontier, ng.all_agreements, ng.nash_prediction)  # nash_prediction reuses frontier's cache


def test_the_examples_that_enumerate_every_deal_hold():
    """These examples take about half a second each, so ``--doctest-modules`` skips them (+SKIP) and they run here."""
    import doctest

    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for func in ENUMERATING:
        (test,) = doctest.DocTestFinder().find(func, globs=vars(ng).copy())
        assert test.examples and all(ex.options.get(doctest.SKIP) for ex in test.examples), \
            f"{func.__name__}: every example is marked +SKIP, or make check pays for it"
        for example in test.examples:
            del example.options[doctest.SKIP]
        runner.run(test, out=out.append)
    summary = runner.summarize(verbose=False)
    assert summary.attempted == sum(len(doctest.DocTestFinder().find(f)[0].examples) for f in ENUMERATING)
    assert summary.failed == 0, "".join(out)
