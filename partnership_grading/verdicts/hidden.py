"""Hidden checks as data (:class:`HiddenCheck`), written into and read from a hidden-test region as a literal.

One idea: a hidden test is never code a kernel runs, only a literal the grader parses
(:func:`parse_hidden`) and evaluates in its own process.
"""

from __future__ import annotations

import ast
import dataclasses
import pprint
import textwrap
from collections.abc import Mapping, Sequence

from .values import decode, encode

COMPARISONS = ("close", "close_all", "equal", "true", "raises", "direction")
DIRECTIONS = ("rises", "falls", "unchanged")  # what a student predicts; compared with the sign of a change


@dataclasses.dataclass(frozen=True)
class HiddenCheck:
    """One hidden check: ``expr`` (over the student's names and ``args``) must match ``reference``.

    ``inputs``: each is bound to ``args`` in turn (a tuple); ``reference``: an expression the grader
    evaluates with the setup's names and the test cell's imports (never the student's); ``compare``:
    ``close`` / ``close_all`` (within ``rel`` or ``abs_tol``), ``equal``, ``true`` (``expr`` must be
    ``True``; no reference), ``raises`` (``expr`` must raise the built-in error named by ``reference``)
    or ``direction`` (``expr`` is a prediction, ``"rises"``, ``"falls"`` or ``"unchanged"``, and must
    name the sign of the change ``reference`` computes: unchanged within ``abs_tol``).
    ``what`` names the quantity in the student's feedback (``{args}`` is replaced by the inputs).
    """

    expr: str
    reference: str = ""
    inputs: tuple[tuple, ...] = ((),)
    compare: str = "close"
    rel: float = 1e-6
    abs_tol: float = 1e-9
    what: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        if self.compare not in COMPARISONS:
            raise ValueError(f"compare must be one of {COMPARISONS}, not {self.compare!r}")
        if self.compare != "true" and not self.reference:
            raise ValueError(f"a {self.compare!r} check needs a reference: {self.expr}")
        for text in (self.expr, self.reference):
            if text:
                ast.parse(text, mode="eval")

    def to_data(self) -> dict:
        """The check as a literal: its expression, then every field that differs from the default."""
        data: dict = {"expr": self.expr}
        for f in dataclasses.fields(self)[1:]:
            value = getattr(self, f.name)
            if value == f.default:
                continue
            data[f.name] = [encode(list(a)) for a in value] if f.name == "inputs" else value
        return data

    @classmethod
    def from_data(cls, data: Mapping) -> HiddenCheck:
        known = {f.name for f in dataclasses.fields(cls)}
        extra = set(data) - known
        if extra:
            raise ValueError(f"unknown keys in a hidden check: {sorted(extra)}")
        kwargs = dict(data)
        if "inputs" in kwargs:
            kwargs["inputs"] = tuple(tuple(decode(a)) for a in kwargs["inputs"])
        return cls(**kwargs)

    def label(self, args: tuple) -> str:
        shown = ", ".join(repr(a) for a in args)
        if self.what:
            return self.what.replace("{args}", shown)
        return self.expr.replace("*args", shown) if "*args" in self.expr else self.expr


HIDDEN_NAME = "HIDDEN_CHECKS"


def render_hidden(hidden: Sequence[HiddenCheck]) -> str:
    """The hidden-test region's body: the checks as a Python literal (data, never run in a kernel)."""
    lines = [
        "# Hidden checks: data the grader evaluates in its own process; this is never run in a student's kernel.",
        f"{HIDDEN_NAME} = [",
    ]
    for check in hidden:
        text = pprint.pformat(check.to_data(), width=104, sort_dicts=False)
        lines.append(textwrap.indent(text, "    ") + ",")
    lines.append("]")
    return "\n".join(lines)


def parse_hidden(region: str) -> list[HiddenCheck]:
    """The checks in a hidden-test region written by :func:`render_hidden` (a literal, never executed)."""
    if not region.strip():
        return []
    tree = ast.parse(region)
    body = [node for node in tree.body]
    if len(body) != 1 or not isinstance(body[0], ast.Assign) or [getattr(t, "id", None) for t in body[0].targets] != [HIDDEN_NAME]:
        raise ValueError(f"the hidden-test region must be one assignment `{HIDDEN_NAME} = [...]` of literal checks")
    return [HiddenCheck.from_data(d) for d in ast.literal_eval(body[0].value)]
