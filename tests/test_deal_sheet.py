"""The deal sheet: a labelled form on the site, and in Jupyter a form the model checks."""

from __future__ import annotations

import re

import pytest

from partnership import negotiation as ng
from partnership.negotiation_sheets import load
from partnership.widgets import deal_sheet
from partnership.widgets.deal_sheet import WIDGET_VIEW_MIME, static_html


def test_the_static_form_has_a_labelled_choice_for_every_term():
    page = static_html()
    for spec in ng.ISSUES:
        select = re.search(rf'<select id="([^"]+)" name="{spec.name}">(.*?)</select>', page, flags=re.S)
        assert select, spec.name
        assert f'<label for="{select.group(1)}">' in page, "every control has a label (screen readers)"
        assert select.group(2).count("<option") == len(spec.options)
        assert select.group(2).count(" selected") == 1, "the October 2025 term is preselected"
    assert "<script" not in page, "nothing is computed in the browser"
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert static_html() != page, "two forms on a page never share ids"


def test_the_cell_shows_the_form_on_the_site_and_the_widget_in_jupyter():
    bundle = deal_sheet()._repr_mimebundle_()
    assert {"text/plain", "text/html", WIDGET_VIEW_MIME} <= set(bundle)
    assert bundle["text/html"].startswith('<form class="pr-deal-sheet"')


def test_a_checked_deal_is_the_row_the_debrief_reads():
    live = deal_sheet("Team 4").live
    live.terms["rate_pct"].value = "18"
    live.terms["cap_bn"].value = "125"
    live.terms["ip_exclusive"].value = "no"
    deal, rival = live.check()
    assert live.error is None
    assert (deal.rate_pct, deal.cap_bn, deal.ip_exclusive) == (18, 125, False)
    row = live.result.value.split("<pre>")[1].split("</pre>")[0].splitlines()[1]
    assert ng.deal_from_record(dict(zip(ng.RECORD_FIELDS, row.split(",")))) == (deal, rival)


def test_the_form_shows_the_models_message_for_an_impossible_term():
    live = deal_sheet("Team 5").live
    live.rival["rival_payment_bn"].value = "-2"
    assert live.check() is None
    assert "cannot be negative" in live.error and 'role="alert"' in live.result.value
    live.rival["rival_payment_bn"].value = "3"
    assert live.check() is not None and live.error is None, "the form recovers"
    live.team.value = " "
    assert live.check() is None and "team's name" in live.error


def test_an_impasse_needs_no_terms():
    live = deal_sheet("Team 6").live
    live.outcome.value = "impasse"
    assert all(box.disabled for box in live.terms.values())
    assert live.check() == (None, ng.RivalTerms())


def test_with_a_role_code_the_form_shows_the_teams_own_value():
    case = load()
    live = deal_sheet("Team 7", role_code=ng.role_code(case.openai)).live
    live.rival["rival_payment_bn"].value = "9"
    deal, rival = live.check()
    expected = ng.own_value(case.openai, deal, 9.0)
    assert f"${expected:,.1f}bn" in live.result.value
    with pytest.raises(ValueError, match="copy it whole"):
        deal_sheet(role_code="nego1-broken")
