"""What each explorer must show, computed straight from the models (no widget code involved).

``expected(explorer_id, params)`` is the oracle the live, static and browser tests compare the
displayed key numbers with; ``displayed_numbers(html)`` reads the numbers back out of the markup
both front ends share. The tests in this file check the oracle itself against hand-worked values.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from partnership.bargaining import bargain_with_outside_options, rubinstein_shares
from partnership.concentration import merger_screen, stake_modified_hhi
from partnership.cooperation import (
    cooperation_sustainable,
    critical_discount_factor,
    value_of_cooperating,
    value_of_defecting,
)
from partnership.game import MICROSOFT, RESPONSE_NODES, GameParameters, solve_renegotiation_game
from partnership.property_rights import best_ownership, compare_ownership, first_best
from partnership.revenue import DealTerms, deal_value, peak_funding_need, waterfall
from partnership.scenarios import expected_payoffs, partnership_scenarios
from partnership.widgets import explorers  # only for the waterfall's fixed (hypothetical) cash flows

REQUIRED_IDS = ("bargaining", "ownership", "waterfall", "concentration", "cooperation", "scenarios")


def expected(explorer_id: str, p: dict[str, Any]) -> dict[str, Any]:
    """Key numbers by slug, straight from the models; raises the model's ValueError when invalid."""
    if explorer_id == "bargaining":
        out = bargain_with_outside_options(
            p["surplus"], p["threat_a"], p["threat_b"], p["outside_a"], p["outside_b"], p["power_a"]
        )
        return {
            "openais-payoff": out.payoff_a,
            "microsofts-payoff": out.payoff_b,
            "gains-over-the-threat-points": p["surplus"] - p["threat_a"] - p["threat_b"],
            "openais-share-of-the-total": out.share_a,
            "binding-outside-option": out.binding,
            "deal": out.deal,
        }
    if explorer_id == "rubinstein":
        a, b = rubinstein_shares(p["delta_a"], p["delta_b"])
        return {"openais-share": a, "microsofts-share": b}
    if explorer_id == "ownership":
        args = (p["theta_a"], p["theta_b"], p["lambda_owner"], p["lambda_non_owner"], p["power_a"])
        licence = {"include_licence": True, "lambda_licensee": p["lambda_licensee"]}
        outcomes = compare_ownership(*args, **licence)
        return {
            "surplus-openai-owns": outcomes["A owns"].total_surplus,
            "surplus-microsoft-owns": outcomes["B owns"].total_surplus,
            "surplus-joint-ownership": outcomes["joint"].total_surplus,
            "surplus-non-exclusive-licence": outcomes["licence"].total_surplus,
            "first-best-surplus": first_best(p["theta_a"], p["theta_b"])[2],
            "best-structure": best_ownership(*args),
            "best-with-a-licence": best_ownership(*args, **licence),
        }
    if explorer_id == "waterfall":
        terms = DealTerms(
            investment=explorers.INVESTMENT,
            revenue_share=p["revenue_share"],
            profit_share_until_recouped=p["profit_before"],
            profit_share_after_recouped=p["profit_after"],
            return_cap_multiple=p["cap_multiple"],
        )
        revenue, costs = explorers.venture_cash_flows(p["growth"])
        value = deal_value(revenue, costs, terms, p["discount_rate"])
        flows = waterfall(revenue, costs, terms)
        return {
            "microsofts-npv": value.investor_npv,
            "openais-npv": value.venture_npv,
            "project-npv": value.project_npv,
            "microsofts-payback": value.investor_payback_year,
            "cap-binds": value.cap_reached_year,
            "openais-peak-funding-need": peak_funding_need(flows.venture_cash_flow[1:]),
        }
    if explorer_id == "concentration":
        screen = merger_screen([p["share_1"], p["share_2"], p["share_3"]], *p["pair"])
        return {
            "hhi-before": screen.hhi_before,
            "hhi-after": screen.hhi_after,
            "change-in-hhi": screen.delta,
            "merged-firms-share": screen.combined_share,
            "2023-guidelines-screen": screen.presumed_harmful,
        }
    if explorer_id == "partial_ownership":
        control = {"silent": 0.0, "proportional": p["stake"], "total": 1.0}[p["control"]]
        out = stake_modified_hhi(p["share_b"], p["share_a"], p["stake"], control)
        return {
            "change-in-modified-hhi": out.delta,
            "change-in-hhi-if-they-merged": 2 * p["share_b"] * p["share_a"],
            "modified-hhi-of-the-two": out.mhhi,
        }
    if explorer_id == "cooperation":
        t, r, pun, s, d = p["temptation"], p["reward"], p["punishment"], p["sucker"], p["delta"]
        return {
            "critical-discount-factor": critical_discount_factor(t, r, pun, s),
            "value-of-cooperating": value_of_cooperating(d, r),
            "value-of-defecting": value_of_defecting(d, t, pun),
            "cooperation-sustainable": cooperation_sustainable(d, t, r, pun, s),
        }
    if explorer_id == "scenarios":
        tree = partnership_scenarios(
            p["p_renegotiate"],
            p["p_status_quo"],
            p["p_separation"],
            {
                "renegotiate": (p["renegotiate_a"], p["renegotiate_b"]),
                "status quo": (p["status_quo_a"], p["status_quo_b"]),
                "separation": (p["separation_a"], p["separation_b"]),
            },
        )
        e_a, e_b = expected_payoffs(tree)
        return {"openais-expected-value": e_a, "microsofts-expected-value": e_b}
    if explorer_id == "renegotiation":
        params = GameParameters(**{k: p[k] for k in (
            "surplus", "status_quo_share_a", "leak_gain_a", "leak_loss_b", "outside_a", "outside_b",
            "win_probability", "trial_cost", "filing_cost", "power_a")})
        sol = solve_renegotiation_game(params)
        move = sol.plan[MICROSOFT]
        return {
            "openais-payoff": sol.payoff_a,
            "microsofts-payoff": sol.payoff_b,
            "openai-signs-with-amazon": sol.path[0] == "sign with Amazon",
            "microsofts-move": move,
            "openais-response": sol.plan[RESPONSE_NODES[move]],
            "microsofts-status-quo-payoff": (1 - p["status_quo_share_a"]) * p["surplus"],
        }
    raise KeyError(explorer_id)


def model_error(explorer_id: str, params: dict[str, Any]) -> str | None:
    """The model's own message for ``params``, or None when they are valid."""
    try:
        expected(explorer_id, params)
    except ValueError as exc:
        return str(exc)
    return None


def parse_raw(text: str) -> Any:
    """A ``data-value`` attribute back to a Python value (the rule of markup.raw_attr / explorer.js)."""
    if text == "none":
        return None
    if text in ("true", "false"):
        return text == "true"
    try:
        return float(text)
    except ValueError:
        return text


def same(shown: Any, model: Any, rel: float = 1e-6) -> bool:
    """Equal, with a relative tolerance for numbers (the page keeps 7 significant digits)."""
    if isinstance(model, bool) or model is None or isinstance(model, str):
        return shown == model
    return isinstance(shown, (int, float)) and math.isclose(shown, model, rel_tol=rel, abs_tol=1e-9)


def text_matches(text: str, model: Any) -> bool:
    """The formatted text shows the model's number at its displayed precision (or its words)."""
    if not isinstance(model, (int, float)) or isinstance(model, bool):
        return bool(text.strip())
    m = re.search(r"(−|-)?\$?([\d,]+(?:\.(\d+))?)", text)
    if not m:
        return False
    shown = float(m.group(2).replace(",", "")) * (-1 if m.group(1) else 1)
    half_unit = 0.5 * 10 ** -(len(m.group(3)) if m.group(3) else 0) + 1e-9
    return any(abs(shown - scale * model) <= half_unit * (1 + 1e-9) for scale in (1, 100))


class _Numbers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.numbers: dict[str, dict[str, Any]] = {}
        self._slug: str | None = None
        self._in_dd = False
        self.reading = ""
        self._in_reading = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-number" in attrs:
            self._slug = attrs["data-number"]
            self.numbers[self._slug] = {"value": parse_raw(attrs["data-value"]), "text": ""}
        elif tag == "dd" and self._slug:
            self._in_dd = True
        elif tag == "p" and "pr-reading" in (attrs.get("class") or ""):
            self._in_reading = True

    def handle_endtag(self, tag):
        if tag == "dd":
            self._in_dd = False
            self._slug = None
        if tag == "p":
            self._in_reading = False

    def handle_data(self, data):
        if self._in_dd and self._slug:
            self.numbers[self._slug]["text"] += data
        if self._in_reading:
            self.reading += data


def displayed_numbers(markup: str) -> tuple[dict[str, dict[str, Any]], str]:
    """``({slug: {"value", "text"}}, reading)`` from the key-number markup."""
    parser = _Numbers()
    parser.feed(markup)
    return parser.numbers, parser.reading


def assert_shows_model(explorer_id: str, params: dict[str, Any], numbers: dict[str, dict[str, Any]], rel=1e-6):
    want = expected(explorer_id, params)
    assert set(numbers) == set(want), f"{explorer_id}: shown {sorted(numbers)}, model gives {sorted(want)}"
    for slug, value in want.items():
        shown = numbers[slug]
        assert same(shown["value"], value, rel), f"{explorer_id} {slug}: shows {shown['value']!r}, model {value!r}"
        assert text_matches(shown["text"], value), f"{explorer_id} {slug}: text {shown['text']!r} vs {value!r}"


# --- the oracle itself, against hand-worked values ------------------------------------------------------


def test_oracle_bargaining_by_hand():
    # S = 100, threat points (20, 30), β = 0.5: gains 50, split 25/25 on top of the threat points;
    # OpenAI's outside option of 40 is below its 45, so it changes nothing; one of 60 is paid exactly.
    p = {"surplus": 100, "threat_a": 20, "threat_b": 30, "outside_a": 40, "outside_b": 0, "power_a": 0.5}
    got = expected("bargaining", p)
    assert got["openais-payoff"] == 45 and got["microsofts-payoff"] == 55 and got["deal"] is True
    assert got["binding-outside-option"] == "neither"
    got = expected("bargaining", {**p, "outside_a": 60})
    assert (got["openais-payoff"], got["microsofts-payoff"]) == (60, 40)
    assert got["binding-outside-option"] == "A's outside option"


def test_oracle_concentration_by_hand():
    got = expected("concentration", {"share_1": 40, "share_2": 30, "share_3": 20, "pair": (1, 2)})
    assert got["hhi-before"] == 1600 + 900 + 400 and got["change-in-hhi"] == 2 * 30 * 20


def test_oracle_partial_ownership_by_hand():
    # Shares 20 and 40, a silent 27% stake: 0.27·20·40 = 216; total control: 800·(0.27 + 1/0.27).
    p = {"share_b": 20, "share_a": 40, "stake": 0.27, "control": "silent"}
    assert expected("partial_ownership", p)["change-in-modified-hhi"] == pytest.approx(216)
    got = expected("partial_ownership", {**p, "control": "total"})
    assert got["change-in-modified-hhi"] == pytest.approx(800 * (0.27 + 1 / 0.27))
    assert got["modified-hhi-of-the-two"] == pytest.approx(400 + 1600 + 800 * (0.27 + 1 / 0.27))


def test_oracle_renegotiation_by_hand():
    # The chapter's defaults: Microsoft renegotiates and OpenAI is paid exactly its Amazon option, 58.
    p = {"surplus": 100, "status_quo_share_a": 0.45, "leak_gain_a": 10, "leak_loss_b": 15, "outside_a": 58,
         "outside_b": 30, "win_probability": 0.4, "trial_cost": 5, "filing_cost": 1, "power_a": 0.5}
    got = expected("renegotiation", p)
    assert got["microsofts-move"] == "renegotiate" and got["openais-response"] == "accept"
    assert got["openais-payoff"] == pytest.approx(58) and got["microsofts-payoff"] == pytest.approx(42)
    assert expected("renegotiation", {**p, "outside_a": 40})["microsofts-move"] == "sue"


def test_oracle_cooperation_by_hand():
    got = expected("cooperation", {"temptation": 5, "reward": 3, "punishment": 1, "sucker": 0, "delta": 0.6})
    assert got["critical-discount-factor"] == pytest.approx(0.5) and got["value-of-cooperating"] == pytest.approx(7.5)


def test_oracle_reports_the_models_error():
    assert "add up to 130%" in model_error("concentration", {"share_1": 80, "share_2": 30, "share_3": 20, "pair": (0, 1)})


def test_text_matches_reads_formats():
    assert text_matches("$45.0bn", 45.0) and text_matches("45.0%", 0.45) and text_matches("2,900", 2900.0)
    assert text_matches("−$4.2bn", -4.2) and not text_matches("$45.0bn", 46.0)
