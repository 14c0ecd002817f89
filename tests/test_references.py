"""Every citation resolves to references.bib, and every source there has a URL and a date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from partnership.timeline import load_timeline

ROOT = Path(__file__).resolve().parent.parent
COURSE_PRESENT = dt.date(2026, 12, 1)  # the course's present: the epilogue follows the story to here
BIB = parse_file(str(ROOT / "references.bib"))
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def cited_keys() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for page in sorted((ROOT / "chapters").glob("*.md")):
        for group in CITE.findall(page.read_text(encoding="utf-8")):
            for key in group.split(","):
                found.setdefault(key.strip(), set()).add(page.name)
    return found


def test_chapters_cite_sources():
    assert len(cited_keys()) >= 20


def test_every_cited_key_exists():
    missing = {k: sorted(v) for k, v in cited_keys().items() if k not in BIB.entries}
    assert missing == {}


@pytest.mark.parametrize("key", sorted(BIB.entries.keys()))
def test_bib_entry_has_url_and_date(key):
    fields = BIB.entries[key].fields
    assert fields.get("url", "").startswith(("https://", "http://")), f"{key} has no URL"
    assert re.fullmatch(r"\d{4}", fields.get("year", "")), f"{key} has no year"
    assert fields.get("urldate") or fields.get("month"), f"{key} has no date beyond the year"


def test_timeline_rows_are_sourced():
    events = load_timeline()
    assert len(events) >= 15
    assert {e.source_key for e in events} <= set(BIB.entries)
    assert events[0].date.year == 2019


def test_timeline_is_in_date_order_and_reaches_the_course_present():
    dates = [e.date for e in load_timeline()]
    assert dates == sorted(dates)
    assert dates[-1] <= COURSE_PRESENT, "an event is dated after the course's present"
    assert dates[-1] >= dt.date(2026, 6, 1), "the timeline stops long before the course's present"


def test_timeline_status_matches_its_source():
    """A row is 'reported' exactly when its bibliography entry is a press report ("Reported; ...")."""
    mismatched = {
        f"{e.date} {e.source_key}": e.status
        for e in load_timeline()
        if (e.status == "reported") != BIB.entries[e.source_key].fields.get("note", "").startswith("Reported")
    }
    assert mismatched == {}


def test_case_page_lists_every_timeline_source():
    page = (ROOT / "chapters" / "case.md").read_text(encoding="utf-8")
    listed = re.search(r"\*\*Sources for the timeline\.\*\*.*?\{cite:p\}`([^`]+)`", page, re.S)
    assert listed, "case.md has no 'Sources for the timeline' citation"
    assert {k.strip() for k in listed.group(1).split(",")} == {e.source_key for e in load_timeline()}


def test_timeline_rejects_a_row_without_source(tmp_path):
    bad = tmp_path / "timeline.csv"
    bad.write_text("date,event,category,amount_usd_bn,status,source_key\n2019-07-22,Something,investment,1,official,\n")
    with pytest.raises(ValueError, match="has no source"):
        load_timeline(bad)


def test_timeline_rejects_a_bad_date(tmp_path):
    bad = tmp_path / "timeline.csv"
    bad.write_text("date,event,category,amount_usd_bn,status,source_key\nJuly 2019,Something,investment,1,official,x\n")
    with pytest.raises(ValueError, match="not YYYY-MM-DD"):
        load_timeline(bad)
