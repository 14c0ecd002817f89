"""Every citation resolves to references.bib, and every source there has a URL and a date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from partnership.timeline import load_timeline

ROOT = Path(__file__).resolve().parent.parent
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
