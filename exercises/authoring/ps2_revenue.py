"""Problem set 2: sharing the money: profit shares, revenue shares and caps (chapter-revenue)."""

from partnership.grading.authoring import Assignment, Criterion, HiddenCheck, Part, Sample, Score, Written
from partnership.revenue import DealTerms

SETUP = """
# Setup (locked): the models you may use and the case's numbers. Run this cell first.
from dataclasses import replace

from partnership.revenue import DealTerms, deal_value, growing_revenue, npv, payback_year, waterfall

# A hypothetical venture, in $bn a year for years 1 to 8 (not company data): revenue starts at 4
# and grows 40% a year; costs start at 3 and grow 25% a year.
REVENUE = growing_revenue(4.0, 0.40, 8)
COSTS = growing_revenue(3.0, 0.25, 8)
RATE = 0.10        # discount rate
INVESTMENT = 10.0  # the investor's up-front investment in year 0 (hypothetical)

# Terms shaped like those reported in January 2023 (press reports; never confirmed by the companies):
# the investor takes 75% of profits until its investment is recouped, then 49%.
PROFIT_SHARE_TERMS = DealTerms(
    investment=INVESTMENT, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49
)
"""

SIDES = Part(
    grade_id="side_npvs",
    title="Each side's NPV under a profit share",
    points=3,
    skills="run the cash-flow waterfall and value both sides with `deal_value`",
    prompt="""
    Write `side_npvs(revenue, costs, terms, rate)` that returns a pair
    `(investor_npv, venture_npv)`: the net present value of each side's cash flows, year 0
    included, under `terms` (a `DealTerms`). `deal_value` or `waterfall` and `npv` will help.
    The line below your function applies it to the case.
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
    tests="""
    # Tests for Part 1 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _function(side_npvs, "side_npvs")
    _close(investor_npv, 13.512378978457381, "investor_npv", rel=1e-6,
           hint="Include the investment paid in year 0 as a negative cash flow for the investor.")
    _close(venture_npv, 29.337805824111474, "venture_npv", rel=1e-6,
           hint="The venture receives the investment in year 0 and keeps what it does not pay the investor.")
    """,
    hidden=(
        HiddenCheck(
            expr="list(side_npvs(*args))",
            reference="[_value(*args).investor_npv, _value(*args).venture_npv]", compare="close_all",
            what="side_npvs(...) for {args}",
            inputs=tuple(
                ([5.0, 8.0, 12.0, 15.0], [4.0, 5.0, 6.0, 7.0], terms, 0.07)
                for terms in (
                    DealTerms(investment=6.0, revenue_share=0.2, revenue_share_last_year=2),
                    DealTerms(investment=6.0, profit_share_until_recouped=0.9, profit_share_after_recouped=0.3, return_cap_multiple=1.5),
                    DealTerms(investment=0.0),
                )
            ),
        ),
    ),
    hardcoded="return 13.512378978457381, 29.337805824111474",
    wrong="""
    flows = waterfall(revenue, costs, terms)
    return npv(flows.to_investor, rate), npv(flows.venture_cash_flow, rate)
    """,
)

CAP = Part(
    grade_id="apply_cap",
    title="Write a return cap",
    points=4,
    skills="write a small function yourself: cap a stream of payments",
    prompt="""
    A return cap limits the **total** an investor can ever receive. Write, **yourself** (a loop of a
    few lines; do not use the package for this one), `apply_cap(payments, cap)`: given the payments an
    investor would receive each year without a cap, return a **new list** of what it actually receives
    when its cumulative receipts may not exceed `cap`. It is paid in full until the cap is reached, then
    only the remainder in that year, then nothing.

    For example `apply_cap([3.0, 4.0, 5.0], 8.0)` is `[3.0, 4.0, 1.0]`. The cell then caps the profit-share
    payments of the case at 3× the investment.
    """,
    solution='''
    def apply_cap(payments, cap):
        """The payments actually received when cumulative receipts may not exceed `cap`."""
        ### BEGIN SOLUTION
        received, out = 0.0, []
        for payment in payments:
            paid = min(payment, max(cap - received, 0.0))
            out.append(paid)
            received += paid
        return out
        ### END SOLUTION


    uncapped = waterfall(REVENUE, COSTS, PROFIT_SHARE_TERMS).to_investor[1:]
    capped = apply_cap(uncapped, 3 * INVESTMENT)
    capped
    ''',
    tests="""
    # Tests for Part 2 (4 points).
    from dataclasses import replace as _replace
    from partnership.grading.checks import close_all as _close_all, function as _function
    from partnership.revenue import waterfall as _waterfall

    _function(apply_cap, "apply_cap")
    _close_all(apply_cap([3.0, 4.0, 5.0], 8.0), [3.0, 4.0, 1.0], "apply_cap([3, 4, 5], 8)",
               hint="In the year the cap is reached, pay only what is left under the cap.")
    _with_cap = _waterfall(REVENUE, COSTS, _replace(PROFIT_SHARE_TERMS, return_cap_multiple=3.0))
    _close_all(capped, _with_cap.to_investor[1:], "capped (the case's payments under a 3x cap)")
    """,
    hidden=(
        HiddenCheck(
            expr="apply_cap(*args)", reference="solution.apply_cap(*args)", compare="close_all",
            inputs=(([1.0, 2.0], 10.0), ([2.5, 2.5, 2.5], 0.0), ([], 5.0), ([0.5, 0.0, 4.0, 4.0, 1.0], 6.25), ([7.0, 1.0], 7.0)),
            hint="In the year the cap is reached, pay only what is left under the cap; after that, nothing.",
        ),
        HiddenCheck(
            expr="(apply_cap(args[0], args[1]), args[0])[1]", reference="[5.0, 5.0, 5.0]", compare="close_all",
            inputs=(([5.0, 5.0, 5.0], 7.0),), what="the list you passed to apply_cap",
            hint="Return a new list; do not change the payments you were given.",
        ),
    ),
    hardcoded="""
    if cap == 8.0:
        return [3.0, 4.0, 1.0]
    return [0.75, 1.3874999999999997, 2.364374999999999, 3.837468749999998,
            4.516362979166667, 6.055266415624996, 9.150285579531245, 1.9387412756770956]
    """,
    wrong="""
    received, out = 0.0, []
    for payment in payments:
        if received + payment > cap:
            out.append(0.0)
        else:
            out.append(payment)
            received += payment
    return out
    """,
)

CAP_VALUE = Part(
    grade_id="value_of_cap",
    title="What a cap is worth to the venture",
    points=3,
    skills="value a change of terms with `dataclasses.replace` and `deal_value`",
    prompt="""
    Write `value_of_cap(revenue, costs, terms, cap_multiple, rate)`: the venture's NPV when the
    investor's receipts are capped at `cap_multiple` × its investment, **minus** the venture's NPV under
    `terms` as given. `replace(terms, return_cap_multiple=cap_multiple)` makes the capped terms.
    The cell applies it to the case with a 3× cap.
    """,
    solution='''
    def value_of_cap(revenue, costs, terms, cap_multiple, rate):
        """Gain in the venture's NPV from capping the investor's receipts."""
        ### BEGIN SOLUTION
        capped = replace(terms, return_cap_multiple=cap_multiple)
        return deal_value(revenue, costs, capped, rate).venture_npv - deal_value(revenue, costs, terms, rate).venture_npv
        ### END SOLUTION


    cap_gain_3x = value_of_cap(REVENUE, COSTS, PROFIT_SHARE_TERMS, 3.0, RATE)
    cap_gain_3x
    ''',
    tests="""
    # Tests for Part 3 (3 points).
    from dataclasses import replace as _replace
    from partnership.grading.checks import close as _close, function as _function
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _function(value_of_cap, "value_of_cap")
    _close(cap_gain_3x, 5.464107308312062, "cap_gain_3x", rel=1e-6,
           hint="Venture NPV with the cap minus venture NPV without it; a cap that binds makes this positive.")
    """,
    hidden=(
        HiddenCheck(
            expr="value_of_cap(REVENUE, COSTS, PROFIT_SHARE_TERMS, 5.0, RATE)", reference="0.0", abs_tol=1e-9,
            what="value_of_cap with a 5x cap", hint="A cap the investor never reaches is worth nothing.",
        ),
        HiddenCheck(
            expr="value_of_cap(*args)",
            reference="_value(args[0], args[1], _replace(args[2], return_cap_multiple=args[3]), args[4]).venture_npv"
            " - _value(args[0], args[1], args[2], args[4]).venture_npv",
            what="value_of_cap(..., cap_multiple={args})",
            inputs=tuple(
                ([5.0, 8.0, 12.0, 15.0], [4.0, 5.0, 6.0, 7.0], DealTerms(investment=4.0, revenue_share=0.3), m, r)
                for m, r in ((1.0, 0.05), (2.0, 0.12))
            ),
        ),
    ),
    hardcoded="return 5.464107308312062",
    wrong="""
    capped = replace(terms, return_cap_multiple=cap_multiple)
    return deal_value(revenue, costs, capped, rate).investor_npv - deal_value(revenue, costs, terms, rate).investor_npv
    """,
)

EQUIVALENT = Part(
    grade_id="equivalent_share",
    title="The revenue share worth as much as the profit share",
    points=4,
    skills="solve for a deal term (algebra or bisection) and check it with the model",
    prompt="""
    Write `equivalent_revenue_share(revenue, costs, investment, target_npv, rate)`: the revenue share
    $s$ between 0 and 1 such that terms with **only** a revenue share (no profit share, no cap),
    `DealTerms(investment=investment, revenue_share=s)`, give the investor an NPV equal to `target_npv`
    (to within 10⁻⁶ relative). If no share between 0 and 1 reaches the target, raise `ValueError`.

    Hint: the investor's NPV rises steadily with $s$; solve for $s$ directly, or search by bisection.
    The cell then finds the revenue share worth as much to the investor as the profit-share terms,
    to compare with the 20% revenue share reported in May 2025 (press reports).
    """,
    solution='''
    def equivalent_revenue_share(revenue, costs, investment, target_npv, rate):
        """Revenue share giving the investor `target_npv` (no profit share, no cap)."""
        ### BEGIN SOLUTION
        def investor(share):
            return deal_value(revenue, costs, DealTerms(investment=investment, revenue_share=share), rate).investor_npv

        low, high = 0.0, 1.0
        if not investor(low) <= target_npv <= investor(high):
            raise ValueError("No revenue share between 0 and 1 reaches the target NPV.")
        for _ in range(100):
            mid = (low + high) / 2
            if investor(mid) < target_npv:
                low = mid
            else:
                high = mid
        return (low + high) / 2
        ### END SOLUTION


    target = deal_value(REVENUE, COSTS, PROFIT_SHARE_TERMS, RATE).investor_npv
    equal_share = equivalent_revenue_share(REVENUE, COSTS, INVESTMENT, target, RATE)
    equal_share
    ''',
    tests="""
    # Tests for Part 4 (4 points).
    from partnership.grading.checks import close as _close, function as _function, raises as _raises
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _function(equivalent_revenue_share, "equivalent_revenue_share")
    _close(equal_share, 0.299665055626447, "equal_share", rel=1e-5,
           hint="Find s with deal_value(REVENUE, COSTS, DealTerms(investment=INVESTMENT, revenue_share=s), RATE).investor_npv == target.")
    """,
    hidden=(
        HiddenCheck(
            expr="_value(args[0], args[1], _Terms(investment=args[2], revenue_share=equivalent_revenue_share(*args)), args[4]).investor_npv",
            reference="args[3]", rel=1e-5, abs_tol=1e-5,
            what="the investor's NPV at the share you find for target {args}",
            inputs=tuple(([5.0, 8.0, 12.0, 15.0], [4.0, 5.0, 6.0, 7.0], inv, target, 0.08) for target, inv in ((0.0, 4.0), (2.5, 3.0), (-1.0, 2.0))),
        ),
        HiddenCheck(
            expr="equivalent_revenue_share(*args)", reference="ValueError", compare="raises",
            inputs=(([5.0, 8.0, 12.0, 15.0], [4.0, 5.0, 6.0, 7.0], 4.0, 100.0, 0.08),),
            what="equivalent_revenue_share with a target above what a 100% share pays",
            hint="Check the target is reachable and raise ValueError if not.",
        ),
    ),
    hardcoded="return 0.299665055626447",
    wrong="return target_npv / sum(revenue)",
)

ARGUMENT = Written(
    grade_id="revenue_terms_answer",
    title="Who gains from a cap, and why agree to one?",
    prompt="""
    In 150–250 words. Press reports in May 2025 said OpenAI shares 20% of its revenue with Microsoft
    through 2030; the amendment the companies announced on 27 April 2026 keeps OpenAI's payments through
    2030 at the same percentage but subject to a total cap, whose amount was not disclosed. Using your results from Parts 3 and 4: (a) who gains from a cap, and how
    much in the hypothetical; (b) why a revenue share is easier to verify than a profit share, and when
    it is costlier for the venture; (c) why **both** sides might agree to a cap.
    """,
    criteria=(
        Criterion(
            "Uses the numbers",
            2,
            "Quotes the cap's value to the venture (≈ $5.5bn at 3×) and the equivalent revenue share (≈ 30%), "
            "and reads them correctly (the venture's gain is the investor's loss).",
            "Quotes one number, or both without interpreting them.",
            "No numbers from the exercise.",
        ),
        Criterion(
            "Explains the trade-offs",
            2,
            "Revenue is observable and hard to manipulate, profit depends on cost allocation; a revenue share "
            "is paid even when margins are thin or negative, so it weighs on the venture when costs are high.",
            "Explains one side of the trade-off only.",
            "No reasoning about verification or risk.",
        ),
        Criterion(
            "Why both might agree",
            1,
            "Gives a reason for each side (e.g. the investor trades upside it discounts heavily for certainty "
            "or other rights; the venture gains upside and independence); labels reported terms as reported.",
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
    A cap moves value from the investor to the venture: in the hypothetical, capping the investor's
    receipts at 3× its $10bn raises the venture's NPV by about $5.5bn, exactly what the investor loses,
    because the two sides' cash flows always add up to the project's. The profit-share terms are worth
    as much to the investor as a revenue share of about 30%, well above the 20% rate reported in May
    2025, so by this yardstick a 20% revenue share alone would be the cheaper deal for the venture.

    A revenue share is easier to verify: revenue is reported and audited, while profit depends on how
    costs, such as compute bought from the investor itself, are allocated. But it is paid on every dollar
    of sales even when margins are thin or negative, so it weighs most on a venture with high costs,
    as a lab training ever larger models is.

    Both sides can gain from a cap. The investor gives up payments far in the future, which it discounts
    heavily and which depend on uncertain growth, in exchange for certainty or other rights, such as
    the IP licence. The venture keeps its upside, which makes raising new capital and a future listing
    easier. The cap announced in April 2026 fits that trade, though its amount has not been disclosed.
    """,
    calibration=(
        Sample(
            "strong",
            """
            (a) The venture gains from a cap and the investor loses exactly as much: capping the investor's
            receipts at 3× its $10bn raises the venture's NPV by about $5.5bn in the hypothetical, because the
            terms only divide the project's NPV. The uncapped profit share is worth as much to the investor
            as a revenue share of about 30%, so the 20% rate would be cheaper for the venture.

            (b) Revenue is audited and hard to move, whereas profit depends on how costs are allocated, for
            example what the venture pays the investor for compute, so a revenue share is easier to verify.
            But it is owed on every dollar of sales, even in years when costs exceed revenue, so it is
            heaviest for a venture whose costs are high and rising, like a lab training larger models.

            (c) The investor swaps distant payments, which it discounts and which depend on growth nobody can
            verify, for certainty and other rights such as its licence; the venture keeps its upside and
            becomes easier to finance. That is the logic of the April 2026 deal, under which Microsoft keeps
            receiving 20% of OpenAI's revenue until 2030, up to the cap.
            """,
            (
                Score("Uses the numbers", 2, "Both numbers, correctly read: the cap moves value, it does not create it."),
                Score("Explains the trade-offs", 2, "Verification and the cost of paying on revenue when margins are thin, both argued."),
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
            A cap helps the venture. In Part 3 the cap at 3× was worth $5.5bn to the venture, so the cap
            creates value for OpenAI and makes the partnership more valuable overall. The equivalent revenue
            share was about 30%, which is more than the 20% that was reported in May 2025.

            A revenue share is easier to check than a profit share because revenue is a simple number,
            while profit can be reduced by the venture with accounting choices, for example by counting more
            costs. A profit share also means the investor gets nothing when there is no profit. So a revenue
            share is better for the investor.

            The venture agrees to a cap because it keeps more of its future revenue and can grow faster.
            """,
            (
                Score(
                    "Uses the numbers",
                    1,
                    "Both numbers quoted, but the cap is read as creating value: the pie is fixed, and the "
                    "venture's $5.5bn is the investor's loss.",
                ),
                Score(
                    "Explains the trade-offs",
                    1.5,
                    "Verification argued well and the investor's side of the risk noted, but not when a revenue "
                    "share becomes costly for the venture (thin or negative margins).",
                ),
                Score("Why both might agree", 0.5, "A reason for the venture only; none for the investor. The reported rate is labelled."),
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
                    "The verification side only (cost allocation); nothing on when paying on revenue hurts the venture.",
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
    You value a hypothetical venture under terms shaped like the reported profit share, write a
    return cap yourself, price the cap, and find the revenue share that is worth as much to the
    investor as the profit share.
    """,
    setup=SETUP,
    items=(SIDES, CAP, CAP_VALUE, EQUIVALENT, ARGUMENT),
)
