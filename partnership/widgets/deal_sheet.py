"""The negotiation's deal sheet: the form a team fills in, checked by :mod:`partnership.negotiation`.

``deal_sheet()`` as the last expression of a cell displays

* in JupyterLab or Notebook 7, an ipywidgets form: one choice per term, the team, the outcome and
  the rival cloud's two amounts; *Check the deal* sends the form through
  :func:`partnership.negotiation.deal_from_record` (the same check the instructor's debrief makes)
  and shows the model's message, or the row to hand in. With ``role_code=`` (from a role sheet) it
  also shows what the deal is worth to that team, from its own confidential parameters;
* on the book site, where no kernel runs, the same form as a page to fill in on screen or on paper:
  the same terms and choices, no script.

The form is a thin view: every check and every number comes from the model.
"""

from __future__ import annotations

import html
import itertools
from functools import cached_property
from typing import Any

from .. import negotiation as ng
from .formatting import fmt_money
from .markup import error_html

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
_counter = itertools.count(1)
OUTCOMES = (("agreed", "Agreed"), ("impasse", "Impasse (no deal)"))
RIVAL_FIELDS = (("rival_payment_bn", "Rival cloud's payment for stateful products ($bn, if a rival team plays)"),
                ("rival_offer_bn", "Rival cloud's offer if OpenAI leaves Microsoft ($bn, if a rival team plays)"))


def _cell(value: Any) -> str:
    """A term's value as the class CSV writes it (what :func:`partnership.negotiation.deal_from_record` reads)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "none" if value is None else str(value)


def static_html(team: str = "") -> str:
    """The deal sheet as a printable HTML form: labelled choices, nothing computed in the browser."""
    uid = f"pr-deal-{next(_counter)}"
    esc = html.escape
    rows = []
    for spec in ng.ISSUES:
        field = f"{uid}-{spec.name}"
        options = "".join(
            f'<option value="{esc(_cell(v))}"{" selected" if v == spec.status_quo else ""}>{esc(spec.text(v))}</option>'
            for v in spec.options)
        rows.append(f'<tr><th scope="row"><label for="{field}">{esc(spec.label)}</label></th>'
                    f'<td><select id="{field}" name="{spec.name}">{options}</select></td>'
                    f"<td>{esc(spec.text(spec.status_quo))}</td></tr>")
    rival = "".join(
        f'<p><label for="{uid}-{name}">{esc(label)}</label> '
        f'<input id="{uid}-{name}" name="{name}" type="number" min="0" step="0.1" inputmode="decimal"></p>'
        for name, label in RIVAL_FIELDS)
    outcome = "".join(
        f'<label><input type="radio" name="outcome" value="{value}"{" checked" if value == "agreed" else ""}> '
        f"{esc(text)}</label> " for value, text in OUTCOMES)
    return (
        f'<form class="pr-deal-sheet" id="{uid}" aria-label="Deal sheet">'
        f'<p><label for="{uid}-team">Team</label> <input id="{uid}-team" name="team" type="text" value="{esc(team)}"></p>'
        f'<fieldset><legend>Outcome</legend>{outcome}</fieldset>'
        '<table><thead><tr><th scope="col">Term</th><th scope="col">Your agreement</th>'
        '<th scope="col">October 2025 terms</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>{rival}'
        '<p class="pr-signatures">Signed for Microsoft: ____________________ &nbsp; '
        "Signed for OpenAI: ____________________</p>"
        "<p><small>On this page the form only records your choices. Run the chapter in Jupyter to have "
        "the course's model check the deal and print the row to hand in.</small></p></form>"
    )


class LiveDealSheet:
    """The ipywidgets form. ``widget`` is what Jupyter displays; ``terms`` maps each term to its dropdown."""

    def __init__(self, team: str = "", role_code: str | None = None):
        import ipywidgets as widgets

        self.role = ng.from_role_code(role_code) if role_code else None
        self.error: str | None = None  # the model's message for the last check, if it refused the deal
        style = {"description_width": "30em"}
        layout = widgets.Layout(width="46em")
        self.team = widgets.Text(value=team, description="Team", style=style, layout=layout)
        self.outcome = widgets.ToggleButtons(options=[(text, value) for value, text in OUTCOMES], value="agreed",
                                             description="Outcome", style=style)
        self.terms = {
            spec.name: widgets.Dropdown(options=[(spec.text(v), _cell(v)) for v in spec.options],
                                        value=_cell(spec.status_quo), description=spec.label,
                                        tooltip=spec.label, style=style, layout=layout)
            for spec in ng.ISSUES
        }
        self.rival = {name: widgets.Text(value="", placeholder="blank: no rival team", description=label,
                                         tooltip=label, style=style, layout=layout)
                      for name, label in RIVAL_FIELDS}
        self.button = widgets.Button(description="Check the deal", button_style="primary")
        self.button.on_click(lambda _: self.check())
        self.result = widgets.HTML()
        self.widget = widgets.VBox([
            widgets.HTML("<p><strong>Deal sheet</strong>: choose a value for every term, then check the deal.</p>"),
            self.team, self.outcome, *self.terms.values(), *self.rival.values(), self.button, self.result])
        self.widget.add_class("pr-live")
        self.outcome.observe(lambda change: self._enable(), names="value")

    def _enable(self) -> None:
        for box in self.terms.values():
            box.disabled = self.outcome.value == "impasse"

    def record(self) -> dict[str, str]:
        """The form as a row of the class CSV."""
        impasse = self.outcome.value == "impasse"
        row = {"team": self.team.value.strip(), "outcome": self.outcome.value}
        row.update({name: "" if impasse else box.value for name, box in self.terms.items()})
        row.update({name: box.value.strip() for name, box in self.rival.items()})
        return row

    def check(self) -> tuple[ng.Deal | None, ng.RivalTerms] | None:
        """Validate the form with the model; show the message or the row to hand in. Never raises."""
        row = self.record()
        try:
            if not row["team"]:
                raise ValueError("Write your team's name first.")
            deal, rival = ng.deal_from_record(row)
        except ValueError as exc:
            self.result.value = error_html(str(exc))
            self.error = str(exc)
            return None
        self.error = None
        line = ",".join(row[f] for f in ng.RECORD_FIELDS)
        what = "An impasse: no deal." if deal is None else f"A valid deal: {deal.describe()}."
        parts = [f"<p>{html.escape(what)}</p>",
                 f"<p>Hand in this row:</p><pre>{html.escape(','.join(ng.RECORD_FIELDS))}\n{html.escape(line)}</pre>"]
        if self.role is not None and deal is not None:
            payment = rival.payment_bn if isinstance(self.role, ng.OpenAIRole) else None
            value = ng.own_value(self.role, deal, payment)
            parts.append(f'<p class="pr-own-value">Worth to you, from your role sheet\'s parameters: '
                         f"<strong>{html.escape(fmt_money(value))}</strong>. Compare it with your walk-away point.</p>")
        self.result.value = "".join(parts)
        return deal, rival


class DealSheet:
    """The deal sheet; display it (last expression of a cell) to use it."""

    def __init__(self, team: str = "", role_code: str | None = None):
        if role_code:
            ng.from_role_code(role_code)  # a damaged code is refused now, with the model's message
        self.team = team
        self.role_code = role_code

    @cached_property
    def live(self) -> LiveDealSheet:
        return LiveDealSheet(self.team, self.role_code)

    @cached_property
    def static_html(self) -> str:
        return static_html(self.team)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text/plain": "Deal sheet for the negotiation (run the cell in Jupyter to check a deal)",
            "text/html": self.static_html,
        }
        widget_data = self.live.widget._repr_mimebundle_()
        if WIDGET_VIEW_MIME in widget_data:
            data[WIDGET_VIEW_MIME] = widget_data[WIDGET_VIEW_MIME]
        return data


def deal_sheet(team: str = "", role_code: str | None = None) -> DealSheet:
    """The negotiation's deal sheet (``role_code``: the code on your role sheet, for your own values)."""
    return DealSheet(team, role_code)
