"""The roles file (YAML) as a :class:`~partnership.negotiation.roles.Case`, and a role as a code a team can paste."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from .._validate import finite
from .roles import Beliefs, Case, MicrosoftRole, OpenAIRole, RivalRole


def case_from_dict(data: Mapping[str, Any]) -> Case:
    """A :class:`Case` from the roles file's contents (``microsoft``, ``openai``, optional ``rival``, ``power_openai``).

    Examples
    --------
    >>> from partnership.negotiation import TOY_CASE
    >>> case_from_dict({"microsoft": asdict(TOY_CASE.microsoft), "openai": asdict(TOY_CASE.openai)}) == TOY_CASE
    True
    >>> case_from_dict({"openai": asdict(TOY_CASE.openai)})
    Traceback (most recent call last):
    ...
    ValueError: The roles file has no 'microsoft' section.
    """
    def build(cls, key: str):
        raw = dict(data.get(key) or {})
        if not raw:
            raise ValueError(f"The roles file has no {key!r} section.")
        try:
            if cls is RivalRole:
                return cls(**raw)
            return cls(beliefs=Beliefs(**raw.pop("beliefs")), **raw)
        except (TypeError, KeyError) as exc:
            raise ValueError(f"The roles file's {key!r} section: {exc}.") from None

    rival = build(RivalRole, "rival") if data.get("rival") else None
    return Case(build(MicrosoftRole, "microsoft"), build(OpenAIRole, "openai"), rival,
                finite("OpenAI's bargaining power", data.get("power_openai", 0.5)))


def load_case(path) -> Case:
    """Read the roles file (YAML) into a :class:`Case`.

    Examples
    --------
    :data:`TOY_CASE` written as JSON, which YAML reads too:

    >>> from partnership.negotiation import TOY_CASE
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "roles.yml"
    ...     _ = path.write_text(json.dumps({"microsoft": asdict(TOY_CASE.microsoft), "openai": asdict(TOY_CASE.openai)}))
    ...     load_case(path) == TOY_CASE
    True
    """
    from pathlib import Path

    import yaml

    return case_from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})


def role_code(role: MicrosoftRole | OpenAIRole) -> str:
    """The role's parameters as one line a team can paste into the deal sheet's calculator.

    Examples
    --------
    >>> from partnership.negotiation import TOY_CASE
    >>> code = role_code(TOY_CASE.microsoft)
    >>> code[:6], from_role_code(code) == TOY_CASE.microsoft
    ('nego1-', True)
    """
    kind = "microsoft" if isinstance(role, MicrosoftRole) else "openai"
    data = asdict(role)
    data["beliefs"]["agi"] = [list(pair) for pair in role.beliefs.agi]
    raw = json.dumps({"role": kind, **data}, separators=(",", ":"), sort_keys=True).encode()
    return "nego1-" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def from_role_code(code: str) -> MicrosoftRole | OpenAIRole:
    """The parameters behind a :func:`role_code`.

    Examples
    --------
    >>> from partnership.negotiation import TOY_CASE
    >>> from_role_code(role_code(TOY_CASE.openai)).compute_need_bn
    200
    >>> from_role_code("nego1-abc")
    Traceback (most recent call last):
    ...
    ValueError: This role code is damaged (...); copy it whole from your role sheet.
    """
    code = (code or "").strip()
    if not code.startswith("nego1-"):
        raise ValueError("A role code starts with 'nego1-': copy it whole from your role sheet.")
    body = code[len("nego1-"):]
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        kind = data.pop("role")
        beliefs = data.pop("beliefs")
        beliefs["agi"] = {int(y): p for y, p in beliefs["agi"]}
        cls = MicrosoftRole if kind == "microsoft" else OpenAIRole
        return cls(beliefs=Beliefs(**beliefs), **data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"This role code is damaged ({exc}); copy it whole from your role sheet.") from None
