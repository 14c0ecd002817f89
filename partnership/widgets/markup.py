"""The markup both explorers show, live in Jupyter and static on the site: key numbers, reading, error.

The DOM is stable (``data-number`` slugs, ``data-value`` raw values) so the tests and
``_static/explorer.js`` read the same thing; the deal sheet shows its errors the same way.
"""

from __future__ import annotations

import html
import json
from typing import Any

from .formatting import round_sig
from .payload import RAW_DIGITS, json_value
from .spec import View


def attr(value: Any) -> str:
    """``value`` as the text of an HTML attribute (escaped, quotes included)."""
    return html.escape(str(value), quote=True)


def raw_attr(value: Any) -> str:
    """The ``data-value`` text of a raw value (the same rule as explorer.js)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return json.dumps(round_sig(value, RAW_DIGITS))
    if isinstance(value, (list, tuple)):
        return json.dumps(json_value(tuple(value)))
    return str(value)


def numbers_html(view: View) -> str:
    """The key numbers and the reading, as both front ends show them (stable DOM for the tests)."""
    items = "".join(
        f'<div class="pr-number" data-number="{attr(n.slug)}" data-value="{attr(raw_attr(n.value))}">'
        f"<dt>{html.escape(n.label)}</dt><dd>{html.escape(n.text)}</dd></div>"
        for n in view.numbers
    )
    return f'<dl class="pr-numbers">{items}</dl><p class="pr-reading">{html.escape(view.reading)}</p>'


def error_html(message: str | None) -> str:
    hidden = "" if message else " hidden"
    return f'<div class="pr-error" role="alert"{hidden}>{html.escape(message or "")}</div>'
