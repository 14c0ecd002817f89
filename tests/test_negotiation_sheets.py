"""The role sheets' tables: every parameter shown, each number the model's, the page's maths left alone."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from partnership import negotiation as ng
from partnership import negotiation_sheets as sheets

CASE = sheets.load()


@pytest.mark.parametrize("role", sheets.ROLES)
def test_every_confidential_parameter_is_on_its_sheet(role):
    rows = sheets.parameter_rows(CASE, role)
    keys = {k for k, _, _ in rows}
    if role == "rival":
        expected = {"stateful_value", "partnership_value", "budget", "rival_payment", "rival_offer"}
    else:
        params = getattr(CASE, role)
        expected = {f for f in vars(params) if f != "beliefs"} | {"revenue_2026", "revenue_growth", "discount_rate"}
        expected |= {f"agi_{y}" for y, _ in params.beliefs.agi} | {"agi_never"}
    assert expected <= keys
    text = sheets.parameters_markdown(CASE, role)
    assert all(shown.replace("$", "\\$") in text for _, _, shown in rows)


def test_the_walkaway_rows_are_the_models_positions():
    pos = ng.positions(CASE)
    for role, threat, outside in (("microsoft", pos.threat_microsoft, pos.outside_microsoft),
                                  ("openai", pos.threat_openai, pos.outside_openai)):
        text = sheets.positions_markdown(CASE, role)
        assert sheets.bn2(threat).replace("$", "\\$") in text and sheets.bn2(outside).replace("$", "\\$") in text
        assert sheets.bn2(max(threat, outside)).replace("$", "\\$") in text.splitlines()[-1]


@pytest.mark.parametrize("role", ["microsoft", "openai"])
def test_the_value_guide_is_computed_from_the_roles_own_parameters(role):
    beliefs = getattr(CASE, role).beliefs
    guide = sheets.value_guide_markdown(CASE, role)
    row = next(line for line in guide.splitlines() if line.startswith("| 20% |"))
    cells = [c.strip() for c in row.strip("|").split("|")][1:]
    assert cells == [f"{ng.expected_payments(beliefs, 20, end, None, ng.AGI_REMOVED):.1f}" for end in sheets.ENDS]
    total = ng.own_value(getattr(CASE, role), ng.STATUS_QUO, CASE.openai.rival_payment if role == "openai" else None)
    assert guide.rstrip().endswith(f"come to {sheets.bn1(total)} for you.")


def test_the_guides_differ_because_the_roles_beliefs_differ():
    assert sheets.value_guide_markdown(CASE, "microsoft") != sheets.value_guide_markdown(CASE, "openai")


def test_a_sheet_escapes_dollars_for_the_books_maths():
    text = sheets.sheet("openai", "guide").data
    assert not re.search(r"(?<!\\)\$", text), "an unescaped $ would start maths on the page"
    assert ng.markdown_text("$5 and \\$6") == "\\$5 and \\$6"


def test_unknown_parts_and_roles_are_refused():
    with pytest.raises(ValueError, match="no part"):
        sheets.sheet("openai", "answers")
    with pytest.raises(ValueError, match="no role"):
        sheets.parameter_rows(CASE, "amazon")
    with pytest.raises(ValueError, match="no 'rival' section"):
        sheets.parameter_rows(replace(CASE, rival=None), "rival")


def test_the_issues_table_lists_every_term_and_the_october_2025_terms():
    table = ng.issues_table()
    for spec in ng.ISSUES:
        assert spec.label.replace("$", "\\$") in table
    assert table.count("\n") == len(ng.ISSUES) + 1


@pytest.mark.parametrize("role, parts", [
    ("microsoft", ("parameters", "positions", "guide", "code", "issues")),
    ("openai", ("parameters", "positions", "guide", "code", "issues")),
    ("rival", ("parameters", "guide", "issues")),
])
def test_every_part_a_role_sheet_page_shows_renders(role, parts):
    """What the pages under instructor/negotiation/ call, exactly: the instructor build runs the same."""
    for part in parts:
        text = sheets.sheet(role, part).data
        assert text.strip(), (role, part)
    page = (sheets.ROLES_FILE.parent / ("rival-cloud" if role == "rival" else role)).with_suffix(".md").read_text()
    assert set(re.findall(rf'sheet\("{role}", "(\w+)"\)', page)) == set(parts)
