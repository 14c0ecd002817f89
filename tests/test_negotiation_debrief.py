"""The negotiation's debrief: it runs on the sample class, and what it says follows the model."""

from __future__ import annotations

import csv
import struct
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnership import negotiation as ng
from partnership import negotiation_debrief as nd
from partnership.negotiation_sheets import load


@pytest.fixture(scope="module")
def case() -> ng.Case:
    return load()


@pytest.fixture(scope="module")
def sample(case) -> nd.Debrief:
    return nd.debrief(case, nd.read_class_csv(nd.SAMPLE_CLASS))


def by_team(d: nd.Debrief) -> dict[str, nd.TeamResult]:
    return {r.team: r for r in d.results}


@pytest.mark.slow  # the command in a subprocess, a matplotlib figure
def test_the_command_writes_the_page_the_notes_and_the_figure(tmp_path, capsys):
    assert nd.main([str(nd.SAMPLE_CLASS), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    page = (tmp_path / "debrief.html").read_text(encoding="utf-8")
    notes = (tmp_path / "debrief.md").read_text(encoding="utf-8")
    png = (tmp_path / "debrief.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 800 and height >= 500
    teams = [row["team"] for row in csv.DictReader(nd.SAMPLE_CLASS.open(encoding="utf-8"))]
    for team in teams:
        assert f"<td>{team}</td>" in page and f"**{team}.**" in notes and f"\n{team} " in printed
    assert 'alt="Scatter of the possible agreements' in page and "Nash prediction" in printed
    assert "<script" not in page and "http" not in page, "a page that works offline"


def test_each_team_is_scored_as_the_model_scores_its_deal(case, sample):
    for r in sample.results:
        deal, rival = ng.deal_from_record(next(row for row in nd.read_class_csv(nd.SAMPLE_CLASS) if row["team"] == r.team))
        expected = ng.score(case, deal, rival)
        assert (r.score.microsoft, r.score.openai) == pytest.approx((expected.microsoft, expected.openai))
        assert r.left_on_table >= 0 and 0 <= r.both_better <= r.left_on_table / 2 + 1e-9


def test_the_sample_shows_every_kind_of_result(sample):
    teams = by_team(sample)
    assert teams["A"].left_on_table == pytest.approx(0, abs=1e-6) and "on the frontier" in teams["A"].reading
    assert teams["A"].deal == sample.results[0].nash.agreement.deal, "team A found the Nash prediction"
    assert teams["D"].left_on_table > 30 and "biggest single fix" in teams["D"].reading
    assert teams["E"].score.below_walkaway == ("microsoft",) and "signed below its walk-away point" in teams["E"].reading
    assert not teams["G"].score.agreed and "Both were better off agreeing" in teams["G"].reading
    assert teams["J"].score.walked and "OpenAI leaves" in teams["J"].reading
    assert teams["I"].nash.binding == "A's outside option" and "binds" in teams["I"].reading
    assert "would matter only without a deal" in teams["H"].reading
    shares = {t: r.score.openai_share for t, r in teams.items()}
    assert shares["C"] > 0.8 > 0.3 > shares["B"], "C's OpenAI team and B's Microsoft team captured the surplus"
    summary = " ".join(nd.summary(sample))
    assert "Impasses where both were better off agreeing: G, J." in summary
    assert "Deals below a side's walk-away point: E (Microsoft)." in summary


def test_the_table_has_a_row_per_team_then_the_prediction_and_the_average(sample):
    rows = nd.table_rows(sample)
    assert [r[0] for r in rows[: len(sample.results)]] == [r.team for r in sample.results]
    assert rows[-2][0] == "Nash prediction" and rows[-1][0].startswith("Class average (8 deals, 2 impasses)")
    mean_m = sum(r.score.microsoft for r in sample.results) / len(sample.results)
    assert rows[-1][2] == nd.bn1(mean_m)


def test_a_fix_is_a_real_gain_for_the_two_together(case, sample):
    for r in sample.agreements:
        if r.fix:
            name, option, gain, d_m, d_o = r.fix
            assert name not in nd.CURRENCY and gain == pytest.approx(d_m + d_o) and gain > 0
            changed = next(v for v in ng.issue(name).options if ng.option_text(name, v) == option)
            before, after = ng.values(case, r.deal, r.rival), ng.values(case, replace(r.deal, **{name: changed}), r.rival)
            assert after[0] - before[0] == pytest.approx(d_m) and after[1] - before[1] == pytest.approx(d_o)


@settings(max_examples=25)
@given(st.builds(ng.Deal, **{i.name: st.sampled_from(i.options) for i in ng.ISSUES}))
def test_what_is_left_on_the_table_is_what_a_better_deal_for_both_adds(deal):
    case = load()
    point = ng.values(case, deal)
    left, both = nd.improvements(case, ng.RivalTerms(), point)
    better = [a for a in ng.frontier(case) if a.microsoft >= point[0] - 1e-9 and a.openai >= point[1] - 1e-9]
    assert better, "the frontier always holds a deal at least as good for both"
    assert left == pytest.approx(max(a.microsoft + a.openai for a in better) - sum(point), abs=1e-9)
    assert 0 <= both <= left / 2 + 1e-9


@pytest.mark.parametrize("text, words", [
    ("team,outcome\n", "has no teams"),
    ("name,result\nA,agreed\n", "needs the columns"),
    ("team,outcome\nA,impasse\nA,impasse\n", "appears twice"),
])
def test_a_bad_class_csv_is_refused_with_a_message(tmp_path, capsys, text, words):
    path = tmp_path / "class.csv"
    path.write_text(text, encoding="utf-8")
    assert nd.main([str(path), "--out", str(tmp_path / "out")]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_bad_term_names_the_team(tmp_path, capsys):
    rows = nd.SAMPLE_CLASS.read_text(encoding="utf-8").replace("\nC,agreed,15,", "\nC,agreed,45,")
    path = tmp_path / "class.csv"
    path.write_text(rows, encoding="utf-8")
    assert nd.main([str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Team C:" in err and "45% is impossible" in err


def test_a_rival_offer_beyond_the_budget_names_the_team(case):
    row = {**ng.deal_record("K", ng.STATUS_QUO), "rival_offer_bn": str(case.rival.budget + 10)}
    with pytest.raises(ValueError, match="Team K: The rival cloud cannot promise"):
        nd.score_team(case, row)
