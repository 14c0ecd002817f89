"""A team's result as a row of the class CSV (:data:`RECORD_FIELDS`), read and written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .roles import RivalTerms
from .terms import ISSUE_NAMES, Deal, issue

RECORD_FIELDS = ("team", "outcome", *ISSUE_NAMES, "rival_payment_bn", "rival_offer_bn")
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


def _parse(name: str, text: str) -> Any:
    spec = issue(name)
    text = (text or "").strip()
    if isinstance(spec.options[0], bool):
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise ValueError(f"{spec.label}: write yes or no, not {text!r}.")
    if name == "agi_clause":
        return text.lower()
    if name == "cap_bn" and text.lower() in ("", "none", "no cap", "no"):
        return None
    if not text:
        raise ValueError(f"{spec.label}: the deal sheet leaves it blank; every term of an agreement needs a choice.")
    try:
        number = float(text.rstrip("%").lstrip("$").removesuffix("bn"))
    except ValueError:
        raise ValueError(f"{spec.label}: {text!r} is not a number.") from None
    return int(number) if number.is_integer() else number


def deal_from_record(record: Mapping[str, str]) -> tuple[Deal | None, RivalTerms]:
    """A row of the class CSV (see :data:`RECORD_FIELDS`) as ``(deal or None for an impasse, rival terms)``.

    Examples
    --------
    >>> from partnership.negotiation import STATUS_QUO
    >>> deal, rival = deal_from_record({**deal_record("7", STATUS_QUO), "rate_pct": "15%", "cap_bn": "$100bn"})
    >>> deal.rate_pct, deal.cap_bn, rival
    (15, 100, RivalTerms(payment_bn=None, offer_bn=None))
    >>> deal_from_record({"team": "7", "outcome": "signed"})
    Traceback (most recent call last):
    ...
    ValueError: Team 7: the outcome must be 'agreed' or 'impasse', not 'signed'.
    """
    team = (record.get("team") or "").strip() or "?"
    outcome = (record.get("outcome") or "").strip().lower()
    try:
        rival = RivalTerms(*(None if not (record.get(f) or "").strip() else _parse_money(f, record[f])
                             for f in ("rival_payment_bn", "rival_offer_bn")))
        if outcome == "impasse":
            filled = [n for n in ISSUE_NAMES if (record.get(n) or "").strip()]
            if filled:
                raise ValueError(f"it is marked as an impasse but has terms ({', '.join(filled)}); "
                                 "write 'agreed' or leave the terms blank.")
            return None, rival
        if outcome != "agreed":
            raise ValueError(f"the outcome must be 'agreed' or 'impasse', not {outcome!r}.")
        missing = [n for n in ISSUE_NAMES if n not in record]
        if missing:
            raise ValueError(f"the columns {', '.join(missing)} are missing.")
        return Deal(**{n: _parse(n, record[n]) for n in ISSUE_NAMES}), rival
    except ValueError as exc:
        raise ValueError(f"Team {team}: {exc}") from None


def _parse_money(name: str, text: str) -> float:
    try:
        return float(text.strip().lstrip("$").removesuffix("bn"))
    except ValueError:
        raise ValueError(f"{name}: {text!r} is not an amount in $bn.") from None


def deal_record(team: str, deal: Deal | None, rival: RivalTerms | None = None) -> dict[str, str]:
    """The CSV row for a team's result (the inverse of :func:`deal_from_record`).

    Examples
    --------
    >>> from partnership.negotiation import STATUS_QUO
    >>> row = deal_record("7", STATUS_QUO)
    >>> row["rate_pct"], row["cap_bn"], row["ip_exclusive"], row["rival_offer_bn"]
    ('20', 'none', 'yes', '')
    >>> deal_record("8", None)["rate_pct"]  # an impasse leaves the terms blank
    ''
    """
    rival = rival or RivalTerms()
    row = {"team": team, "outcome": "impasse" if deal is None else "agreed"}
    for name in ISSUE_NAMES:
        value = None if deal is None else getattr(deal, name)
        if deal is None:
            row[name] = ""
        elif isinstance(value, bool):
            row[name] = "yes" if value else "no"
        else:
            row[name] = "none" if value is None else str(value)
    row["rival_payment_bn"] = "" if rival.payment_bn is None else f"{rival.payment_bn:g}"
    row["rival_offer_bn"] = "" if rival.offer_bn is None else f"{rival.offer_bn:g}"
    return row
