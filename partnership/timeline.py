"""The sourced case timeline (``data/timeline.csv``): every event carries a bibliography key."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = ("investment", "terms", "governance", "regulation", "competition")
STATUSES = ("official", "reported")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "timeline.csv"
COLUMNS = ["date", "event", "category", "amount_usd_bn", "status", "source_key"]


@dataclass(frozen=True)
class Event:
    date: dt.date
    event: str
    category: str
    amount_usd_bn: float | None
    status: str
    source_key: str


def load_timeline(path: Path | str = DEFAULT_PATH) -> list[Event]:
    """Read and check the timeline; raise ``ValueError`` naming the row of any bad entry."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path.name} must have the columns {COLUMNS}, found {reader.fieldnames}.")
        events = [_parse(row, line) for line, row in enumerate(reader, start=2)]
    if [e.date for e in events] != sorted(e.date for e in events):
        raise ValueError(f"{path.name} must be sorted by date.")
    return events


def _parse(row: dict[str, str], line: int) -> Event:
    where = f"timeline row on line {line}"
    try:
        date = dt.date.fromisoformat(row["date"])
    except ValueError:
        raise ValueError(f"The {where} has a date that is not YYYY-MM-DD: {row['date']!r}.") from None
    if row["category"] not in CATEGORIES:
        raise ValueError(f"The {where} has category {row['category']!r}; use one of {', '.join(CATEGORIES)}.")
    if row["status"] not in STATUSES:
        raise ValueError(f"The {where} has status {row['status']!r}; use 'official' or 'reported'.")
    if not row["source_key"].strip():
        raise ValueError(f"The {where} has no source: every event needs a references.bib key.")
    if not row["event"].strip():
        raise ValueError(f"The {where} has no event text.")
    amount = float(row["amount_usd_bn"]) if row["amount_usd_bn"].strip() else None
    return Event(date, row["event"].strip(), row["category"], amount, row["status"], row["source_key"].strip())
