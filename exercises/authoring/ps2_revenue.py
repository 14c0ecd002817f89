"""Problem set 2: sharing the money in a venture that loses money first: profit shares, revenue shares and caps (chapter-revenue)."""

from partnership.revenue import DealTerms
from partnership_grading.authoring import Assignment, Criterion, HiddenCheck, Part, Range, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and your numbers. Run this cell first.
from dataclasses import replace

from partnership.revenue import (
    DealTerms, deal_value, growing_revenue, npv, payback_year, peak_funding_need, waterfall,
)

{numbers}

# Your venture, in $bn a year for years 1 to 8 (hypothetical): revenue grows from REVENUE_FIRST at
# REVENUE_GROWTH a year, costs from COSTS_FIRST at 15% a year, so the first years lose money.
REVENUE = growing_revenue(REVENUE_FIRST, REVENUE_GROWTH, 8)
COSTS = growing_revenue(COSTS_FIRST, 0.15, 8)

# Terms shaped like those reported in January 2023 (press reports; never confirmed by the companies):
# the investor takes 75% of profits until its investment is recouped, then 49%.
PROFIT_SHARE_TERMS = DealTerms(investment=INVESTMENT, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49)
# A revenue share at the rate reported in May 2025 (press reports): 20% of revenue.
REVENUE_SHARE_TERMS = DealTerms(investment=INVESTMENT, revenue_share=0.20)

# The term sheets on the venture's table (Part 3).
TERM_SHEETS = {
    "profit share 75/49": PROFIT_SHARE_TERMS,
    "profit share 75/49, capped at 3x": replace(PROFIT_SHARE_TERMS, return_cap_multiple=3.0),
    "profit share 75/49, capped at 2x": replace(PROFIT_SHARE_TERMS, return_cap_multiple=2.0),
    "revenue share 20%": REVENUE_SHARE_TERMS,
    "revenue share 20% to year 6": replace(REVENUE_SHARE_TERMS, revenue_share_last_year=6),
    "revenue share 15%": replace(REVENUE_SHARE_TERMS, revenue_share=0.15),
}
"""

PARAMETERS = {
    "REVENUE_FIRST": Range(2.8, 3.2, 0.1, 3.0, "the venture's revenue in year 1, $bn"),
    "REVENUE_GROWTH": Range(0.43, 0.47, 0.01, 0.45, "its revenue growth a year"),
    "COSTS_FIRST": Range(4.6, 5.4, 0.2, 5.0, "its costs in year 1, $bn"),
    "RATE": Range(0.09, 0.11, 0.005, 0.10, "the discount rate"),
    "INVESTMENT": Range(8.0, 12.0, 1.0, 10.0, "the investor's money in year 0, $bn"),
    "WALK_AWAY_INVESTOR": Range(1.0, 3.0, 0.5, 2.0, "the NPV the investor could get elsewhere, $bn"),
    "WALK_AWAY_VENTURE": Range(4.0, 8.0, 1.0, 6.0, "the NPV the venture could get from other investors, $bn"),
}
DIRECTIONS = '("rises", "falls", "unchanged")'
# Small cash flows with a loss in year 1, for the visible tests (the same for every student).
EXAMPLE = "[5.0, 8.0, 12.0, 15.0], [6.0, 7.0, 8.0, 9.0]"

SIDES = Part(
    grade_id="side_npvs",
    title="Each side's NPV",
    points=3,
    kind="direct",
    skills="run the cash-flow waterfall and value both sides with `deal_value`",
    prompt="""
    Write `side_npvs(revenue, costs, terms, rate)` that returns a pair
    `(investor_npv, venture_npv)`: the net present value of each side's cash flows, year 0
    included, under `terms` (a `DealTerms`). `deal_value` or `waterfall` and `npv` will help.
    The line below your function applies it to your venture under the profit-share terms.
    """,
    solution='''
    def side_npvs(revenue, costs, terms, rate):
        """(investor NPV, venture NPV) under the deal terms."""
        ### BEGIN SOLUTION
        value = deal_value(revenue, costs, terms, rate)
        return value.investor_npv, value.venture_npv
        ### END SOLUTION


    investor_npv, venture_npv = side_npvs(REVENUE, COSTS, PROFIT_SHARE_TERMS, RATE)
    investor_npv, venture_npv
    ''',
    tests=f"""
    # Tests for Part 1 (3 points).
    from partnership.checks import close_all as _close_all, function as _function
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _function(side_npvs, "side_npvs")
    _close_all(side_npvs({EXAMPLE}, _Terms(investment=6.0, revenue_share=0.2), 0.07), [0.579881945170095, 7.2015401236993375],
               "side_npvs for a small venture with a 20% revenue share", rel=1e-6,
               hint="Include the investment in year 0: paid by the investor, received by the venture.")
    """,
    hidden=(
        HiddenCheck(
            expr="list(side_npvs(*args))",
            reference="[_value(*args).investor_npv, _value(*args).venture_npv]", compare="close_all",
            what="side_npvs(...) for {args}",
            inputs=tuple(
                ([5.0, 8.0, 12.0, 16.0], [4.0, 5.0, 6.0, 7.5], terms, 0.07)  # not the visible example's flows
                for terms in (
                    DealTerms(investment=6.0, revenue_share=0.2, revenue_share_last_year=2),
                    DealTerms(investment=6.0, profit_share_until_recouped=0.9, profit_share_after_recouped=0.3, return_cap_multiple=1.5),
                    DealTerms(investment=0.0),
                )
            ),
        ),
        HiddenCheck(expr="[investor_npv, venture_npv]",
                    reference="[_value(REVENUE, COSTS, PROFIT_SHARE_TERMS, RATE).investor_npv, _value(REVENUE, COSTS, PROFIT_SHARE_TERMS, RATE).venture_npv]",
                    compare="close_all", what="investor_npv and venture_npv, for your venture"),
    ),
    hardcoded="return 0.579881945170095, 7.2015401236993375",
    wrong="""
    flows = waterfall(revenue, costs, terms)
    return npv(flows.to_investor, rate), npv(flows.venture_cash_flow, rate)
    """,
)

_NEED = "_pfn(_wf(REVENUE, COSTS, {t}).venture_cash_flow[1:])"

LOSSES = Part(
    grade_id="loss_years",
    title="Paid in the loss years: revenue share against profit share",
    points=4,
    kind="statics",
    skills="predict how switching terms moves the venture's cash needs and the investor's value; verify with the waterfall",
    prompt="""
    Your venture loses money in its first years. Its *peak funding need* is the deepest its
    cumulative cash flow (years 1 to 8, after paying the investor) falls below zero: the cash it
    must have in hand to survive its loss years (`peak_funding_need`).

    **Predict**, for a switch from the profit-share terms (`PROFIT_SHARE_TERMS`) to the 20% revenue
    share (`REVENUE_SHARE_TERMS`): `need_moves`, how the venture's peak funding need changes, and
    `investor_npv_moves`, how the investor's NPV changes (`"rises"`, `"falls"` or `"unchanged"`).
    Then set `paid_in_losses` to what the investor receives, in $bn, in the years your venture
    loses money (costs above revenue) under the 20% revenue share.

    **Verify**: write `funding_need(revenue, costs, terms)`, the venture's peak funding need under
    `terms` (its cash flows in years 1 to 8, after paying the investor; the investment itself is
    not counted). The lines below apply it to both term sheets.
    """,
    solution='''
    # Your two predictions, paid_in_losses, then funding_need(...).
    ### BEGIN SOLUTION
    need_moves = "rises"  # a revenue share is paid in the loss years, a profit share is not
    _npv_change = deal_value(REVENUE, COSTS, REVENUE_SHARE_TERMS, RATE).investor_npv - deal_value(REVENUE, COSTS, PROFIT_SHARE_TERMS, RATE).investor_npv
    investor_npv_moves = "rises" if _npv_change > 0 else "falls"
    paid_in_losses = waterfall(REVENUE, COSTS, REVENUE_SHARE_TERMS).paid_in_loss_years


    def funding_need(revenue, costs, terms):
        """The venture's peak funding need under the terms (years 1..T, after paying the investor)."""
        return peak_funding_need(waterfall(revenue, costs, terms).venture_cash_flow[1:])
    ### END SOLUTION


    need_profit_share = funding_need(REVENUE, COSTS, PROFIT_SHARE_TERMS)
    need_revenue_share = funding_need(REVENUE, COSTS, REVENUE_SHARE_TERMS)
    need_profit_share, need_revenue_share
    ''',
    tests=f"""
    # Tests for Part 2 (4 points).
    from partnership.checks import close as _close, equal as _equal, function as _function, one_of as _one_of
    from partnership.revenue import DealTerms as _Terms, deal_value as _value, peak_funding_need as _pfn, waterfall as _wf

    _one_of(need_moves, {DIRECTIONS}, "need_moves")
    _one_of(investor_npv_moves, {DIRECTIONS}, "investor_npv_moves")
    _equal(paid_in_losses >= 0, True, f"whether paid_in_losses ({{paid_in_losses}}) is an amount received (0 or more)")
    _function(funding_need, "funding_need")
    _close(funding_need({EXAMPLE}, _Terms(investment=6.0, revenue_share=0.2)), 2.6, "funding_need for a small venture with a 20% revenue share",
           hint="Year 1 loses 1 before paying anyone, and the revenue share adds 0.2 x 5 = 1 that year and 1.6 the next.")
    _close(funding_need({EXAMPLE}, _Terms(investment=6.0, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49)), 1.0,
           "funding_need for the same venture with a profit share", hint="No profit share is paid on a loss.")
    """,
    hidden=(
        HiddenCheck(expr="need_moves", reference=_NEED.format(t="REVENUE_SHARE_TERMS") + " - " + _NEED.format(t="PROFIT_SHARE_TERMS"),
                    compare="direction", what="your prediction need_moves"),
        HiddenCheck(expr="investor_npv_moves",
                    reference="_value(REVENUE, COSTS, REVENUE_SHARE_TERMS, RATE).investor_npv - _value(REVENUE, COSTS, PROFIT_SHARE_TERMS, RATE).investor_npv",
                    compare="direction", what="your prediction investor_npv_moves"),
        HiddenCheck(expr="paid_in_losses", reference="_wf(REVENUE, COSTS, REVENUE_SHARE_TERMS).paid_in_loss_years", abs_tol=0.01,
                    what="paid_in_losses, for your venture", hint="Add up 20% of revenue over the years whose costs exceed revenue."),
        HiddenCheck(
            expr="funding_need(*args)", reference="_pfn(_wf(*args).venture_cash_flow[1:])", what="funding_need({args})",
            inputs=tuple(
                ([2.0, 4.0, 9.0, 15.0], [5.0, 5.0, 6.0, 7.0], terms)
                for terms in (
                    DealTerms(investment=3.0, revenue_share=0.25),
                    DealTerms(investment=3.0, revenue_share=0.25, revenue_share_last_year=1),
                    DealTerms(investment=3.0, profit_share_until_recouped=0.9, profit_share_after_recouped=0.4),
                    DealTerms(investment=50.0),
                )
            ),
            hint="Cumulate the venture's cash flow from year 1 and take its lowest point below zero (0 if it never dips).",
        ),
        HiddenCheck(expr="[need_profit_share, need_revenue_share]",
                    reference="[" + _NEED.format(t="PROFIT_SHARE_TERMS") + ", " + _NEED.format(t="REVENUE_SHARE_TERMS") + "]",
                    compare="close_all", what="need_profit_share and need_revenue_share, for your venture"),
    ),
    hardcoded='''
    need_moves = "rises"
    investor_npv_moves = "falls"
    paid_in_losses = 2.7315


    def funding_need(revenue, costs, terms):
        return 2.6 if terms.revenue_share else 1.0
    ''',
    wrong='''
    need_moves = "unchanged"
    investor_npv_moves = "falls"
    paid_in_losses = 0.0


    def funding_need(revenue, costs, terms):
        return peak_funding_need(waterfall(revenue, costs, terms).venture_cash_flow)
    ''',
    typed=("paid_in_losses",),
)

CHOICE = Part(
    grade_id="terms_choice",
    title="Which term sheet should the venture take?",
    points=4,
    kind="choice",
    skills="choose among term sheets for a stated objective, under two constraints",
    prompt="""
    The venture's chief financial officer has the term sheets of `TERM_SHEETS` on the table (a dict
    from a name to a `DealTerms`). Her objective: the **largest NPV for the venture**, among the
    term sheets that (1) the investor would sign, its NPV at least its walk-away, and (2) the venture
    can survive, its peak funding need at most the cash it raises (the investment).

    Write `best_terms(term_sheets, revenue, costs, rate, walk_away, cash)` returning the **name** of
    that term sheet, or `None` if no term sheet meets both conditions (on a tie, the first listed).
    The line below chooses for your venture, with your `WALK_AWAY_INVESTOR` and `INVESTMENT`: the
    answer is not the same for every student.
    """,
    solution='''
    def best_terms(term_sheets, revenue, costs, rate, walk_away, cash):
        """The term sheet with the largest venture NPV that the investor signs and the venture survives (None: none)."""
        ### BEGIN SOLUTION
        best, best_npv = None, None
        for name, terms in term_sheets.items():
            value = deal_value(revenue, costs, terms, rate)
            need = peak_funding_need(waterfall(revenue, costs, terms).venture_cash_flow[1:])
            if value.investor_npv >= walk_away and need <= cash:
                if best is None or value.venture_npv > best_npv + 1e-12:
                    best, best_npv = name, value.venture_npv
        return best
        ### END SOLUTION


    case_choice = best_terms(TERM_SHEETS, REVENUE, COSTS, RATE, WALK_AWAY_INVESTOR, INVESTMENT)
    case_choice
    ''',
    tests=f"""
    # Tests for Part 3 (4 points).
    from partnership.checks import equal as _equal, function as _function
    from partnership.revenue import DealTerms as _Terms

    _function(best_terms, "best_terms")
    _sheets = {{"profit share": _Terms(investment=6.0, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49),
               "revenue share 20%": _Terms(investment=6.0, revenue_share=0.2)}}
    _equal(best_terms(_sheets, {EXAMPLE}, 0.07, 0.0, 6.0), "revenue share 20%", "best_terms for a small venture",
           hint="The profit share gives the investor a negative NPV here: it would not sign, however good it is for the venture.")
    """,
    hidden=(
        HiddenCheck(
            expr="best_terms(*args)", reference="solution.best_terms(*args)", compare="equal", what="best_terms(...) with walk-away and cash {args}",
            inputs=tuple(
                ({"a": DealTerms(investment=4.0, revenue_share=0.3), "b": DealTerms(investment=4.0, revenue_share=0.1),
                  "c": DealTerms(investment=4.0, profit_share_until_recouped=0.8, profit_share_after_recouped=0.5)},
                 [2.0, 4.0, 9.0, 15.0], [5.0, 5.0, 6.0, 7.0], 0.08, walk, cash)
                for walk, cash in ((0.0, 10.0), (1.0, 10.0), (-5.0, 3.5), (0.0, 3.0), (50.0, 10.0))
            ),
            hint="Check both conditions for every term sheet, then take the largest venture NPV among those left (None if none is left).",
        ),
        HiddenCheck(expr="case_choice", reference="solution.best_terms(TERM_SHEETS, REVENUE, COSTS, RATE, WALK_AWAY_INVESTOR, INVESTMENT)",
                    compare="equal", what="case_choice, for your venture"),
    ),
    hardcoded='''
    return "revenue share 20%"
    ''',
    wrong='''
    best, best_npv = None, None
    for name, terms in term_sheets.items():
        value = deal_value(revenue, costs, terms, rate)
        if value.investor_npv >= walk_away and (best is None or value.venture_npv > best_npv):
            best, best_npv = name, value.venture_npv
    return best
    ''',
)

DESIGN = Part(
    grade_id="capped_share_design",
    title="Design a capped revenue share both sides accept",
    points=5,
    kind="design",
    skills="design a revenue-share schedule that meets constraints, checked with the waterfall",
    prompt="""
    The venture proposes its own terms: a **revenue share with a return cap**, and no profit share.
    Set `my_terms = DealTerms(investment=INVESTMENT, revenue_share=..., return_cap_multiple=...)` (you
    may also end the revenue share in a year you choose, `revenue_share_last_year=...`) such that

    1. the investor signs, but is not overpaid: its NPV is at least `WALK_AWAY_INVESTOR` and at most
       **$0.5bn above it**;
    2. the venture does at least as well as with other investors: its NPV is at least `WALK_AWAY_VENTURE`;
    3. the **cap binds**: the investor reaches it within the eight years (`cap_reached_year` is not `None`).

    There are many right answers, and yours depend on your numbers: search by hand or by code.
    The test cell shows how your terms are checked.
    """,
    solution='''
    # Set my_terms.
    ### BEGIN SOLUTION
    def _investor_npv(share, cap):
        terms = DealTerms(investment=INVESTMENT, revenue_share=share, return_cap_multiple=cap)
        return deal_value(REVENUE, COSTS, terms, RATE).investor_npv


    my_terms = None
    target = WALK_AWAY_INVESTOR + 0.25  # the middle of what the investor accepts
    for cap in (3.0, 2.75, 2.5, 2.25, 2.0, 1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1):  # the largest cap that binds: the lowest share
        if _investor_npv(1.0, cap) < target:
            continue
        low, high = 0.0, 1.0
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if _investor_npv(mid, cap) < target else (low, mid)
        terms = DealTerms(investment=INVESTMENT, revenue_share=high, return_cap_multiple=cap)
        value = deal_value(REVENUE, COSTS, terms, RATE)
        if value.cap_reached_year is not None and value.venture_npv >= WALK_AWAY_VENTURE:
            my_terms = terms
            break
    ### END SOLUTION
    my_value = deal_value(REVENUE, COSTS, my_terms, RATE)
    my_terms, my_value
    ''',
    tests="""
    # Tests for Part 4 (5 points).
    from partnership.checks import equal as _equal
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _equal(isinstance(my_terms, _Terms), True, "whether my_terms is a DealTerms")
    _equal(my_terms.investment, INVESTMENT, "my_terms.investment", hint="The investor puts in your INVESTMENT.")
    _equal(my_terms.profit_share_until_recouped == my_terms.profit_share_after_recouped == 0, True,
           "whether my_terms has no profit share (a revenue share only)")
    _v = _value(REVENUE, COSTS, my_terms, RATE)
    _equal(WALK_AWAY_INVESTOR <= _v.investor_npv <= WALK_AWAY_INVESTOR + 0.5, True,
           f"whether the investor's NPV ({_v.investor_npv:.3f}) is between its walk-away ({WALK_AWAY_INVESTOR}) and $0.5bn more")
    _equal(_v.venture_npv >= WALK_AWAY_VENTURE, True,
           f"whether the venture's NPV ({_v.venture_npv:.3f}) is at least its walk-away ({WALK_AWAY_VENTURE})")
    """,
    hidden=(
        HiddenCheck(expr="my_terms.return_cap_multiple is not None and _v.cap_reached_year is not None", compare="true",
                    what="whether the cap binds (the investor reaches it within the eight years)",
                    hint="A cap the investor never reaches changes nothing: lower it, or raise the share."),
        HiddenCheck(expr="abs(my_value.investor_npv - _v.investor_npv) < 1e-9", compare="true",
                    what="whether my_value is deal_value(REVENUE, COSTS, my_terms, RATE)", hint="Do not edit the line that computes my_value."),
    ),
    hardcoded='''
    my_terms = DealTerms(investment=10.0, revenue_share=0.248, return_cap_multiple=2.0)
    ''',
    wrong='''
    my_terms = DealTerms(investment=INVESTMENT, revenue_share=0.2)
    ''',
    typed=("my_terms",),
)

ARGUMENT = Written(
    grade_id="revenue_terms_answer",
    title="Revenue share, profit share and a cap: who gains, and why agree?",
    prompt="""
    In 150–250 words. Press reports in May 2025 said OpenAI shares 20% of its revenue with Microsoft
    through 2030; the amendment the companies announced on 27 April 2026 keeps OpenAI's payments
    through 2030 at the same percentage but subject to a total cap, whose amount was not disclosed.
    Using your results from Parts 2–4 (with your own numbers): (a) what a revenue share costs a
    venture that loses money first, against a profit share, and why it is nonetheless easier to
    verify; (b) which term sheet your venture should take, and what your own capped terms change;
    (c) why **both** sides might agree to a cap that binds.
    """,
    criteria=(
        Criterion(
            "Uses the numbers",
            2,
            "Quotes, from the student's own notebook, the funding needs under both terms (or what the revenue share "
            "takes in the loss years), the term sheet chosen and the NPVs of the capped design, and reads them "
            "correctly (the cap moves value between the sides; it does not create it).",
            "Quotes some of the numbers, or all of them without interpreting them.",
            "No numbers from the exercise.",
            bands=(
                (1.5, "All the numbers, but one of them misread (the cap read as creating value, or the funding need "
                      "as a cost to the investor)."),
                (0.5, "A single number, or numbers with no link to the question they answer."),
            ),
        ),
        Criterion(
            "Explains the trade-offs",
            2,
            "Revenue is observable and hard to manipulate, profit depends on cost allocation; a revenue share "
            "is paid even in the loss years, so it raises the cash a venture that loses money first needs and "
            "weighs on it when costs are high.",
            "Explains one side of the trade-off only.",
            "No reasoning about verification or risk.",
            bands=(
                (1.5, "Both sides of the trade-off, but one of them without its reason (the extra cash without the "
                      "payments in loss years, or verification without cost allocation)."),
                (0.5, "A trade-off asserted ('a revenue share is riskier') without a reason."),
            ),
        ),
        Criterion(
            "Why both might agree",
            1,
            "Gives a reason for each side (e.g. the investor trades upside it discounts heavily for faster, surer "
            "payments or other rights; the venture keeps its upside and independence); labels reported terms as reported.",
            "A reason for one side only, or reported terms stated as confirmed fact.",
            "Missing.",
        ),
    ),
    sources=(
        "neowin2023semafor",
        "fortune2023dealterms",
        "indiatoday2025revshare",
        "openai2026amendment",
    ),
    exemplar="""
    With the published numbers (each student's differ), moving from the reported 75/49 profit share
    to a 20% revenue share raises the venture's peak funding need from $3.7bn to $6.7bn: the revenue
    share takes $2.7bn in the three loss years, when a profit share takes nothing. It is still easier
    to verify: revenue is reported and audited, while profit depends on how costs, such as compute
    bought from the investor itself, are allocated.

    Of the term sheets the investor would sign (an NPV of at least its $2bn walk-away), the 20%
    revenue share leaves the venture most, $22.9bn against $20.1bn under the profit share, and the
    $10bn raised covers its funding need. My own terms do better: 24.8% of revenue, capped at twice
    the investment (reached in year 7), give the investor $2.25bn, just above its walk-away, and the
    venture $24.6bn. The cap moves value between the two; the project's $26.9bn is unchanged.

    Both sides can gain from a cap that binds. The investor gives up payments far in the future,
    which it discounts heavily and which depend on uncertain growth, for faster, surer ones, or for
    other rights such as the IP licence. The venture keeps its upside, which makes raising new capital
    easier. The cap announced in April 2026 fits that trade, though its amount has not been disclosed.
    """,
    calibration=(
        Sample(
            "strong",
            """
            (a) Switching from the 75/49 profit share to a 20% revenue share raises my venture's peak
            funding need from $3.7bn to $6.7bn: the revenue share takes $2.7bn in the three years it loses
            money, a profit share nothing. Revenue is audited and hard to move, while profit depends on how
            costs are allocated, for example what the venture pays the investor for compute, so a revenue
            share is easier to verify; but it is owed even when costs exceed revenue, which is when the
            venture has least cash.

            (b) The 20% revenue share is the one to take: the investor signs it (an NPV of $3.9bn against
            a $2bn walk-away), the investment covers its funding need, and it leaves the venture $22.9bn,
            more than any other the investor accepts. My capped design, 24.8% of revenue until the investor
            has twice its money (year 7), leaves $24.6bn, because the cap takes value from the investor.

            (c) The investor swaps distant payments, which it discounts, for faster ones; the venture keeps
            its upside. That is the logic of the April 2026 deal, under which Microsoft keeps receiving 20%
            of OpenAI's revenue until 2030, up to the cap.
            """,
            (
                Score("Uses the numbers", 2, "Every number, correctly read: the cap moves value, it does not create it."),
                Score("Explains the trade-offs", 2, "Verification and the cost of paying on revenue in the loss years, both argued."),
                Score(
                    "Why both might agree",
                    0.5,
                    "A reason for each side, but the 20% rate is a May 2025 press report; the amendment says only "
                    "'the same percentage'. Stated as an official term, so half credit.",
                ),
            ),
        ),
        Sample(
            "middling",
            """
            A revenue share is worse for the venture than a profit share while it is losing money. In Part 2
            the funding need went up from 3.7 to 6.7, so the venture needs more cash. A revenue share is
            easier to check than a profit share because revenue is a simple number, while profit can be
            reduced by the venture with accounting choices, for example by counting more costs.

            In Part 3 the best choice was the 20% revenue share. My design in Part 4 had a 2x cap that binds,
            and the cap creates value for the venture, so the partnership is worth more overall.

            The venture agrees to a cap because it keeps more of its future revenue and can grow faster.
            """,
            (
                Score(
                    "Uses the numbers",
                    1,
                    "Some numbers, but the cap is read as creating value (the project's NPV is fixed: the venture's "
                    "gain is the investor's loss) and the design's NPVs are missing.",
                ),
                Score(
                    "Explains the trade-offs",
                    1.5,
                    "Verification argued with cost allocation and the extra cash noted, but not why: the revenue "
                    "share is owed on sales even in the years costs exceed them.",
                ),
                Score("Why both might agree", 0.5, "A reason for the venture only; none for the investor. The reported rate is not stated as fact."),
            ),
        ),
        Sample(
            "weak",
            """
            Caps are good because they stop one side from getting too much. Microsoft gets 20% of OpenAI's
            revenue until 2030 and the new deal caps it, so OpenAI gains. A profit share is harder to check
            because companies can hide profits by moving costs around, which is why the partners switched to
            revenue sharing. Both sides agreed because a cap is fair.
            """,
            (
                Score("Uses the numbers", 0, "No number from the exercise."),
                Score(
                    "Explains the trade-offs",
                    1,
                    "The verification side only (cost allocation); nothing on what a revenue share costs in the loss years.",
                ),
                Score(
                    "Why both might agree",
                    0,
                    "'Fair' is not a reason either side would sign for, and the reported 20% is stated as fact.",
                ),
            ),
        ),
    ),
)

ASSIGNMENT = Assignment(
    name="ps2-revenue",
    number="Problem set 2",
    title="Sharing the money: profit shares, revenue shares and caps",
    chapter="chapter-revenue",
    summary="""
    With a venture of your own that loses money before it earns it, you value both sides, predict
    and verify what a revenue share costs in the loss years, choose the term sheet the venture
    should take, and design a capped revenue share both sides accept.
    """,
    setup=SETUP,
    items=(SIDES, LOSSES, CHOICE, DESIGN, ARGUMENT),
    parameters=PARAMETERS,
)
