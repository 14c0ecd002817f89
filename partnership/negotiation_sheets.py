"""The negotiation's role sheets: each role's confidential parameters, walk-away point and value guide,
as Markdown tables the instructor edition's role-sheet pages show (computed when the book is built).

The parameters come from the roles file (``instructor/negotiation/roles.yml``), never from a page:
:func:`private_values` lists every number a role's sheet shows as it is shown, so the tests can
check that none of them reaches a public page or another role's sheet.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import negotiation as ng
from .revenue import npv

ROLES_FILE = Path(__file__).resolve().parent.parent / "instructor" / "negotiation" / "roles.yml"
ROLES = ("microsoft", "openai", "rival")
ROLE_TITLES = {"microsoft": "Microsoft", "openai": "OpenAI", "rival": "the rival cloud"}
# Numbers two sheets share on purpose: the rival cloud's standing offers are known to OpenAI, which
# received them, and to the rival, which made them; never to Microsoft.
SHARED = {"rival_payment": ("openai", "rival"), "rival_offer": ("openai", "rival")}


@lru_cache(maxsize=4)
def load(path: str | None = None) -> ng.Case:
    """The roles file as a :class:`~partnership.negotiation.Case` (the instructor edition's copy by default)."""
    return ng.load_case(path or ROLES_FILE)


def money(value: float) -> str:
    """A parameter as a role sheet shows it, in $bn.

    Examples
    --------
    >>> money(250), money(0.5)
    ('$250bn', '$0.5bn')
    """
    return f"${value:g}bn"


def pct(value: float) -> str:
    """A fraction as a percentage.

    Examples
    --------
    >>> pct(0.5), pct(0.125)
    ('50%', '12.5%')
    """
    return f"{value * 100:g}%"


def bn1(value: float) -> str:
    """A computed amount, to one decimal: ``"$149.5bn"`` (``"−$3.2bn"`` when negative).

    Examples
    --------
    >>> bn1(149.52), bn1(-3.24)
    ('$149.5bn', '−$3.2bn')
    """
    return f"{'−' if value < 0 else ''}${abs(value):,.1f}bn"


def bn2(value: float) -> str:
    """A computed amount on a role sheet, to two decimals (``"$149.52bn"``), so it is told apart from
    the one-decimal amounts the public pages show.

    Examples
    --------
    >>> bn2(149.5), bn2(-1234.5)
    ('$149.50bn', '−$1,234.50bn')
    """
    return f"{'−' if value < 0 else ''}${abs(value):,.2f}bn"


def _belief_rows(b: ng.Beliefs, who: str) -> list[tuple[str, str, str]]:
    rows = [
        ("revenue_2026", f"{who} forecast of OpenAI's revenue in 2026", money(b.revenue_2026)),
        ("revenue_growth", f"{who} forecast of its growth, each year to 2035", pct(b.revenue_growth)),
        ("discount_rate", f"{who} discount rate", pct(b.discount_rate)),
    ]
    for year, p in b.agi:
        rows.append((f"agi_{year}", f"Chance that the expert panel verifies AGI at the start of {year}", pct(p)))
    rows.append(("agi_never", "Chance that it does not verify AGI before 2036",
                 pct(round(1 - sum(p for _, p in b.agi), 10))))
    return rows


def parameter_rows(case: ng.Case, role: str) -> list[tuple[str, str, str]]:
    """``(key, label, value as shown)`` for every confidential parameter of ``role``.

    Examples
    --------
    >>> parameter_rows(ng.TOY_CASE, "microsoft")[0]  # the toy case expects a flat revenue of $10bn
    ('revenue_2026', "Your forecast of OpenAI's revenue in 2026", '$10bn')
    """
    if role == "microsoft":
        m = case.microsoft
        return [*_belief_rows(m.beliefs, "Your"),
                ("base_value", "The partnership to you on any terms, before the terms on the table", money(m.base_value)),
                ("licence_per_year", "Using OpenAI's models in your products, each year the licence runs",
                 f"{money(m.licence_per_year)} a year"),
                ("exclusive_per_year", "The licence being exclusive, each year", f"{money(m.exclusive_per_year)} a year"),
                ("stateless_per_year", "Azure exclusivity for stateless APIs, each year",
                 f"{money(m.stateless_per_year)} a year"),
                ("stateful_per_year", "Azure exclusivity for stateful products, each year",
                 f"{money(m.stateful_per_year)} a year"),
                ("margin_per_bn", "Your margin on each $1bn OpenAI commits to Azure", money(m.margin_per_bn)),
                ("win_probability", "Chance that a court reads the October 2025 terms as making stateful products "
                 "Azure-exclusive", pct(m.win_probability)),
                ("dispute_cost", "What a dispute costs you if there is no deal", money(m.dispute_cost)),
                ("outside_option", "Walking away for good: going on without OpenAI", money(m.outside_option))]
    if role == "openai":
        o = case.openai
        return [*_belief_rows(o.beliefs, "Your"),
                ("base_value", "The partnership to you on any terms, before the terms on the table", money(o.base_value)),
                ("licence_per_year", "What Microsoft's licence costs you, each year it runs",
                 f"{money(o.licence_per_year)} a year"),
                ("exclusive_per_year", "Licensing to others that you give up, each year the licence is exclusive",
                 f"{money(o.exclusive_per_year)} a year"),
                ("stateless_per_year", "Azure exclusivity for stateless APIs, each year",
                 f"{money(o.stateless_per_year)} a year"),
                ("stateful_per_year", "Azure exclusivity for stateful products, each year",
                 f"{money(o.stateful_per_year)} a year"),
                ("compute_need_bn", "The Azure compute you would buy anyway", money(o.compute_need_bn)),
                ("flexibility_per_bn", "The cost of committing each $1bn within that need", money(o.flexibility_per_bn)),
                ("excess_per_bn", "The cost of committing each $1bn beyond it", money(o.excess_per_bn)),
                ("win_probability", "Chance that a court reads the October 2025 terms as making stateful products "
                 "Azure-exclusive", pct(o.win_probability)),
                ("dispute_cost", "What a dispute costs you if there is no deal", money(o.dispute_cost)),
                ("outside_option", "Walking away for good to other clouds, before any offer from the rival cloud",
                 money(o.outside_option)),
                ("rival_payment", "The rival cloud's standing offer for your stateful products, paid if they are "
                 "free of Azure exclusivity", money(o.rival_payment)),
                ("rival_offer", "The rival cloud's standing offer if you leave Microsoft", money(o.rival_offer))]
    if role == "rival":
        r, o = _rival(case), case.openai
        return [("stateful_value", "Running OpenAI's stateful products on your cloud", money(r.stateful_value)),
                ("partnership_value", "OpenAI moving to your cloud wholesale", money(r.partnership_value)),
                ("budget", "The most your board lets you offer, for either deal", money(r.budget)),
                ("rival_payment", "Your standing offer for OpenAI's stateful products", money(o.rival_payment)),
                ("rival_offer", "Your standing offer if OpenAI leaves Microsoft", money(o.rival_offer))]
    raise ValueError(f"There is no role {role!r}; the roles are {', '.join(ROLES)}.")


def _rival(case: ng.Case) -> ng.RivalRole:
    if case.rival is None:
        raise ValueError("The roles file has no 'rival' section, so there is no rival cloud's sheet.")
    return case.rival


def _position_rows(case: ng.Case, role: str) -> list[tuple[str, str, str]]:
    if role == "rival":
        return []
    r = getattr(case, role)
    payment = case.openai.rival_payment if role == "openai" else None
    sq_excl = ng.own_value(r, ng.STATUS_QUO, payment)
    sq_free = ng.own_value(r, replace(ng.STATUS_QUO, stateful_exclusive=False), payment)
    threat = ng.threat_point(r, payment)
    outside = r.outside_option + (case.openai.rival_offer if role == "openai" else 0.0)
    return [("sq_exclusive", "The October 2025 terms, if stateful products are Azure-exclusive", bn2(sq_excl)),
            ("sq_free", "The October 2025 terms, if they are not", bn2(sq_free)),
            ("threat", "Your threat point: the dispute without a deal (the two above weighted by your chance "
             "of each, less the dispute's cost)", bn2(threat)),
            ("outside", "Your outside option: walking away for good" + (" (with the rival's standing offer)"
                                                                        if role == "openai" else ""), bn2(outside)),
            ("walkaway", "Your walk-away point: the better of the two", bn2(max(threat, outside)))]


def private_values(case: ng.Case, role: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every number ``role``'s sheet shows, as shown: ``{text: (what it is, roles allowed to see it)}``.

    Also the role's calculator code (:func:`partnership.negotiation.role_code`).

    Examples
    --------
    >>> shown = private_values(ng.TOY_CASE, "openai")
    >>> shown["$200bn"]  # the toy case's compute need
    ('openai: The Azure compute you would buy anyway', ('openai',))
    >>> shown["$4bn"][1]  # the rival cloud's standing offer: both OpenAI and the rival know it
    ('openai', 'rival')
    """
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, label, shown in parameter_rows(case, role) + _position_rows(case, role):
        if key == "agi_never":
            continue  # derived from the other AGI chances, and often a round number
        out[shown.removesuffix(" a year")] = (f"{role}: {label}", SHARED.get(key, (role,)))
    if role in ("microsoft", "openai"):
        out[ng.role_code(getattr(case, role))] = (f"{role}: the calculator code", (role,))
    return out




def parameters_markdown(case: ng.Case, role: str) -> str:
    r"""The table of a role's confidential parameters (all hypothetical).

    Examples
    --------
    >>> print(parameters_markdown(ng.TOY_CASE, "openai").splitlines()[2])  # under the header and its rule
    | Your forecast of OpenAI's revenue in 2026 | \$10bn |
    """
    rows = [(label, shown) for _, label, shown in parameter_rows(case, role)]
    return ng.markdown_table(("Your confidential parameter (hypothetical)", "Value"), rows)


def positions_markdown(case: ng.Case, role: str) -> str:
    r"""What the role gets without a deal: its threat point, outside option and walk-away point.

    Examples
    --------
    In the toy case Microsoft's threat point is 0.5 × 59 + 0.5 × 52 − 15.5 = 40 and its outside option 0
    (see :func:`partnership.negotiation.threat_point`):

    >>> print(positions_markdown(ng.TOY_CASE, "microsoft").splitlines()[-1])
    | Your walk-away point: the better of the two | \$40.00bn |
    """
    rows = [(label, shown) for _, label, shown in _position_rows(case, role)]
    return ng.markdown_table(("Without a deal", "Worth to you (NPV)"), rows)


RATES = (10, 15, 20, 25, 30)
ENDS = (2028, 2030, 2032, 2035)
CAPS = (50, 100, 125, 150, 200, None)


def value_guide_markdown(case: ng.Case, role: str) -> str:
    """What the terms are worth to ``role``, term by term, from its own parameters.

    Examples
    --------
    The guide ends with the October 2025 terms' value (in the toy case 100 − 20 − 7 × 2 − (0.02 × 200 +
    0.2 × 50) to OpenAI, see :func:`partnership.negotiation.own_value`):

    >>> print(value_guide_markdown(ng.TOY_CASE, "openai").splitlines()[-1])
    **Your value of a deal** = base − A (or B, C) − D − E + F. The October 2025 terms, with stateful
    products Azure-exclusive, come to $52.0bn for you.
    """
    if role == "rival":
        r = _rival(case)
        return ng.markdown_table(("If ...", "You get"), [
            ("OpenAI's stateful products are free of Azure exclusivity and OpenAI takes your payment P",
             f"{money(r.stateful_value)} − P"),
            ("OpenAI walks away from Microsoft and takes your offer F", f"{money(r.partnership_value)} − F"),
            ("neither", "$0bn")])
    r = getattr(case, role)
    b = r.beliefs
    sign = "received" if role == "microsoft" else "paid"

    def pay(rate: int, end: int, cap: int | None, agi: str = ng.AGI_REMOVED) -> str:
        return f"{ng.expected_payments(b, rate, end, cap, agi):.1f}"  # the tables' headers say $bn

    parts = [f"**A. The revenue share**: the present value of what OpenAI pays, as you expect it ({sign} by you), "
             "with the AGI clause removed and no cap ($bn).",
             ng.markdown_table(("Rate", *(f"to {e}" for e in ENDS)), [(f"{rate}%", *(pay(rate, e, None) for e in ENDS))
                                                             for rate in RATES]),
             "**B. A total cap**, through 2035 with the AGI clause removed ($bn).",
             ng.markdown_table(("Rate", *("no cap" if c is None else f"cap ${c}bn" for c in CAPS)),
                    [(f"{rate}%", *(pay(rate, 2035, c) for c in CAPS)) for rate in (20, 25, 30)]),
             "**C. The AGI clause**: the same payments if the clause is kept, as you see the chances of AGI ($bn).",
             ng.markdown_table(("20%, no cap", *(f"to {e}" for e in ENDS)),
                    [("clause removed", *(pay(20, e, None) for e in ENDS)),
                     ("clause kept", *(pay(20, e, None, ng.AGI_KEPT) for e in ENDS))])]
    yearly = [(f"licence to {y}", f"{npv([0.0] + [1.0 if t <= y else 0.0 for t in ng.YEARS], b.discount_rate):.2f}")
              for y in (2028, 2030, 2032, 2035)]
    per_year = [("the licence itself", money(r.licence_per_year)), ("its exclusivity", money(r.exclusive_per_year)),
                ("Azure exclusivity for stateless APIs", money(r.stateless_per_year)),
                ("Azure exclusivity for stateful products", money(r.stateful_per_year))]
    verb = "is worth to you" if role == "microsoft" else "costs you"
    parts += [f"**D. The licence and the exclusivity terms** last as long as the licence. Each {verb} a "
              "yearly amount; multiply the sum of the amounts you agree to by the factor for the licence's last year.",
              ng.markdown_table(("Each year", "Amount"), per_year),
              ng.markdown_table(("$1bn a year, 2026 to ...", "Present value ($bn)"), yearly)]
    if role == "microsoft":
        parts += [f"**E. The compute commitment**: {money(r.margin_per_bn)} for each $1bn OpenAI commits."]
    else:
        parts += [f"**E. The compute commitment**: {money(r.flexibility_per_bn)} for each $1bn up to "
                  f"{money(r.compute_need_bn)}, {money(r.excess_per_bn)} for each $1bn beyond it."]
        parts += [f"**F. The rival cloud's payment**: if your stateful products are free of Azure exclusivity, add what "
                  f"the rival cloud pays you (its standing offer is {money(r.rival_payment)})."]
    total = "base + A (or B, C) + D + E" if role == "microsoft" else "base − A (or B, C) − D − E + F"
    example = bn1(ng.own_value(r, ng.STATUS_QUO, case.openai.rival_payment if role == "openai" else None))
    parts += [f"**Your value of a deal** = {total}. The October 2025 terms, with stateful products Azure-exclusive, "
              f"come to {example} for you."]
    return "\n\n".join(parts)


def sheet(role: str, part: str, path: str | None = None):
    """One part of a role sheet (``"parameters"``, ``"positions"``, ``"guide"``, ``"issues"``) for a page to display."""
    from IPython.display import Markdown

    case = load(path)
    makers = {"parameters": parameters_markdown, "positions": positions_markdown, "guide": value_guide_markdown,
              "issues": lambda case, role: ng.issues_table(),
              "code": lambda case, role: f"`{ng.role_code(getattr(case, role))}`"}
    if part not in makers:
        raise ValueError(f"A role sheet has no part {part!r}; choose one of {', '.join(makers)}.")
    return Markdown(ng.markdown_text(makers[part](case, role)))
