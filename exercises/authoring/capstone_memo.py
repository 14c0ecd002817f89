"""Optional capstone: a negotiation memo proposing new partnership terms, defended with the models."""

from partnership.grading.authoring import Assignment, Criterion, HiddenCheck, Part, Sample, Score, Written
from partnership.revenue import DealTerms

SETUP = """
# Setup (locked): the models you may use and the case's numbers. Run this cell first.
from dataclasses import replace

from partnership.bargaining import nash_split
from partnership.concentration import merger_screen
from partnership.cooperation import critical_discount_factor
from partnership.property_rights import best_ownership
from partnership.revenue import DealTerms, deal_value, growing_revenue, partnership_pie

# The hypothetical venture of Problem set 2, in $bn a year for years 1 to 8 (not company data).
REVENUE = growing_revenue(4.0, 0.40, 8)
COSTS = growing_revenue(3.0, 0.25, 8)
RATE = 0.10
INVESTMENT = 10.0         # the investor's new money in year 0
# HYPOTHETICAL: without the investment the venture runs at half the scale, and the investor could
# earn an NPV of 2 elsewhere. If the talks fail, each gets that: the outside options.
REVENUE_ALONE = growing_revenue(2.0, 0.40, 8)
COSTS_ALONE = growing_revenue(1.5, 0.25, 8)
OUTSIDE_INVESTOR = 2.0
PIE = partnership_pie(REVENUE, COSTS, REVENUE_ALONE, COSTS_ALONE, RATE, investor_alone_npv=OUTSIDE_INVESTOR)
OUTSIDE_VENTURE = PIE.venture_alone_npv  # about 21.43: the venture's NPV alone
POWER_INVESTOR = 0.5
MAX_REVENUE_SHARE = 0.20  # your proposal may not take more than the reported 20% of revenue
"""

ACCEPTABLE = Part(
    grade_id="acceptable_terms",
    title="Would both sides sign?",
    points=4,
    skills="write a participation check over the revenue model",
    prompt="""
    A proposal is acceptable only if each side gets at least its outside option. Write
    `acceptable(terms, revenue, costs, rate, outside_investor, outside_venture)` that returns `True`
    when the investor's NPV is at least `outside_investor` **and** the venture's NPV is at least
    `outside_venture` under `terms`, and `False` otherwise.
    """,
    solution='''
    def acceptable(terms, revenue, costs, rate, outside_investor, outside_venture):
        """True if both sides do at least as well as their outside options."""
        ### BEGIN SOLUTION
        value = deal_value(revenue, costs, terms, rate)
        return bool(value.investor_npv >= outside_investor and value.venture_npv >= outside_venture)
        ### END SOLUTION


    reported_style = DealTerms(investment=INVESTMENT, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49)
    reported_style_ok = acceptable(reported_style, REVENUE, COSTS, RATE, OUTSIDE_INVESTOR, OUTSIDE_VENTURE)
    reported_style_ok
    ''',
    tests="""
    # Tests for Part 1 (4 points).
    from partnership.grading.checks import equal as _equal, function as _function
    from partnership.revenue import DealTerms as _Terms

    _function(acceptable, "acceptable")
    _equal(reported_style_ok, True, "reported_style_ok",
           hint="Under these terms the investor's NPV is about 13.5 and the venture's about 29.3.")
    """,
    hidden=(
        HiddenCheck(
            expr="acceptable(*args)", reference="solution.acceptable(*args)", compare="equal",
            inputs=tuple(
                (DealTerms(investment=4.0, revenue_share=0.3), [5.0, 8.0, 13.0, 15.0], [4.0, 5.5, 6.0, 7.0], 0.05, d_i, d_v)
                for d_i, d_v in ((10.0, 0.0), (0.0, 100.0), (0.0, 0.0))
            ),
            hint="Both sides must get at least their outside options.",
        ),
    ),
    hardcoded="return True",
    wrong="""
    value = deal_value(revenue, costs, terms, rate)
    return value.investor_npv + value.venture_npv >= outside_investor + outside_venture
    """,
)

NASH = Part(
    grade_id="nash_benchmark",
    title="A fair benchmark: the Nash split of the project",
    points=3,
    skills="combine the revenue and bargaining models",
    prompt="""
    The whole pie is the project's NPV (the investor's and the venture's NPVs always add up to it; the
    investment itself is a transfer between them). What the partnership *adds* is that NPV minus what
    each side would have alone: `OUTSIDE_VENTURE`, the venture at half the scale, and `OUTSIDE_INVESTOR`
    (the setup computes both with `partnership_pie`, so the pie and the cash flows are one model).
    Write `nash_investor_npv(revenue, costs, rate, outside_investor, outside_venture, power_investor)`:
    the investor's payoff in the generalised Nash bargaining solution over the project's NPV, with
    those outside values as disagreement payoffs. The cell computes the benchmark your proposal will
    aim at.
    """,
    solution='''
    def nash_investor_npv(revenue, costs, rate, outside_investor, outside_venture, power_investor):
        """The investor's Nash bargaining payoff over the project's NPV."""
        ### BEGIN SOLUTION
        pie = deal_value(revenue, costs, DealTerms(investment=0.0), rate).project_npv
        return nash_split(pie, outside_investor, outside_venture, power_investor).payoff_a
        ### END SOLUTION


    nash_target = nash_investor_npv(REVENUE, COSTS, RATE, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR)
    nash_target
    ''',
    tests="""
    # Tests for Part 2 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.bargaining import nash_split as _nash
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _function(nash_investor_npv, "nash_investor_npv")
    _close(nash_target, 11.712546200642214, "nash_target", rel=1e-6,
           hint="The pie is the project NPV (about 42.85), the venture alone about 21.43 and the investor elsewhere 2: "
                "the investor gets 2 plus half of the gains of about 19.43.")
    """,
    hidden=(
        HiddenCheck(
            expr="nash_investor_npv(*args)",
            reference="_nash(_value(args[0], args[1], _Terms(investment=0.0), args[2]).project_npv, *args[3:]).payoff_a",
            what="nash_investor_npv(...) for rate, outside options and power {args}",
            inputs=tuple(([5.0, 8.0, 13.0, 15.0], [4.0, 5.5, 6.0, 7.0], *rest) for rest in ((0.05, 1.0, 2.0, 0.3), (0.12, 0.0, 0.0, 0.5), (0.05, 20.0, 1.0, 0.5))),
        ),
    ),
    hardcoded="return 11.712546200642214",
    wrong="""
    pie = deal_value(revenue, costs, DealTerms(investment=0.0), rate).project_npv
    return power_investor * pie
    """,
)

PROPOSAL = Part(
    grade_id="proposal_terms",
    title="Your proposal",
    points=3,
    skills="design terms that meet constraints, checked with the models",
    prompt="""
    Propose new terms as `my_terms = DealTerms(...)`: the investor puts in `INVESTMENT`; any revenue
    share is at most `MAX_REVENUE_SHARE` (and may end in a year you choose); you may add profit shares
    and a return cap. Your terms must be acceptable to both sides and give the investor an NPV within
    **$1bn** of `nash_target`. There are many right answers: search by hand or by code. Your memo
    below defends your choice.
    """,
    solution='''
    ### BEGIN SOLUTION
    def investor_npv_at(profit_share):
        terms = DealTerms(investment=INVESTMENT, revenue_share=0.2,
                          profit_share_until_recouped=profit_share, profit_share_after_recouped=profit_share)
        return deal_value(REVENUE, COSTS, terms, RATE).investor_npv

    target = nash_split(PIE.project_npv, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR).payoff_a
    low, high = 0.0, 1.0  # bisection on a single profit-share rate
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if investor_npv_at(mid) < target else (low, mid)
    my_terms = DealTerms(investment=INVESTMENT, revenue_share=0.2,
                         profit_share_until_recouped=round(low, 3), profit_share_after_recouped=round(low, 3))
    ### END SOLUTION
    my_value = deal_value(REVENUE, COSTS, my_terms, RATE)
    my_terms, my_value
    ''',
    tests="""
    # Tests for Part 3 (3 points).
    from partnership.grading.checks import equal as _equal
    from partnership.bargaining import nash_split as _nash
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _equal(isinstance(my_terms, _Terms), True, "whether my_terms is a DealTerms")
    _equal(my_terms.investment, 10.0, "my_terms.investment", hint="The investor puts in INVESTMENT = 10.")
    _equal(my_terms.revenue_share <= 0.20 + 1e-12, True, f"whether the revenue share ({my_terms.revenue_share}) is at most 20%")
    _v = _value(REVENUE, COSTS, my_terms, 0.10)
    _equal(_v.investor_npv >= OUTSIDE_INVESTOR and _v.venture_npv >= OUTSIDE_VENTURE, True,
           f"whether both sides accept (investor {_v.investor_npv:.3f} >= {OUTSIDE_INVESTOR:.2f}, "
           f"venture {_v.venture_npv:.3f} >= {OUTSIDE_VENTURE:.2f})")
    _target = _nash(_v.project_npv, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR).payoff_a
    _equal(abs(_v.investor_npv - _target) <= 1.0, True,
           f"whether the investor's NPV ({_v.investor_npv:.3f}) is within $1bn of the Nash benchmark ({_target:.3f})")
    """,
    hidden=(
        HiddenCheck(expr="my_terms.return_cap_multiple is None or my_terms.return_cap_multiple >= 1.0", compare="true",
                    what="whether my_terms.return_cap_multiple is None or at least 1"),
        HiddenCheck(
            expr="abs(my_value.investor_npv - _value(REVENUE, COSTS, my_terms, RATE).investor_npv) < 1e-9", compare="true",
            what="whether my_value is deal_value(REVENUE, COSTS, my_terms, RATE)", hint="Do not edit the line that computes my_value.",
        ),
    ),
    hardcoded=None,
    wrong="""
    my_terms = DealTerms(investment=INVESTMENT, revenue_share=0.2)
    """,
)

MEMO = Written(
    grade_id="negotiation_memo",
    title="Negotiation memo",
    prompt="""
    Write a memo of 400–600 words to the board of **one** side (say which) that proposes your terms
    and defends them with the course's models. Cover: (1) the terms and the NPV each side gets,
    against the Nash benchmark and the outside options; (2) what the terms do to incentives to invest
    (hold-up, who holds the IP); (3) how a competition authority would view them; (4) whether the
    partnership stays cooperative under them, and the main risk. Label hypothetical numbers as such
    and figures from press reports as reported, with their dates; the case's terms changed in October
    2025 and again on 27 April 2026.
    """,
    criteria=(
        Criterion(
            "Proposal and numbers",
            2,
            "Clear terms; both NPVs, the Nash benchmark and outside options quoted correctly from the notebook.",
            "Terms clear but numbers missing or inconsistent with the notebook.",
            "No concrete proposal.",
        ),
        Criterion(
            "Bargaining logic",
            2,
            "Explains why the split is defensible (outside options, bargaining power, what each side gives up).",
            "Asserts fairness without the model.",
            "None.",
        ),
        Criterion(
            "Incentives and IP",
            2,
            "Uses the hold-up model: how the terms and IP rights affect each side's investment.",
            "Mentions incentives without the mechanism.",
            "None.",
        ),
        Criterion(
            "Competition",
            2,
            "Addresses exclusivity or concentration with the HHI screen or the regulators' stated concerns.",
            "Mentions regulators in passing.",
            "None.",
        ),
        Criterion(
            "Cooperation, risk and accuracy",
            2,
            "Uses δ* or the scenario tree for the main risk; facts dated and labelled (reported vs official); "
            "hypothetical numbers labelled.",
            "Risk named without a model, or facts not labelled.",
            "Neither.",
        ),
    ),
    sources=(
        "nash1950bargaining",
        "grossman1986ownership",
        "indiatoday2025revshare",
        "openai2025nextchapter",
        "openai2026amendment",
        "ftc2025staffreport",
        "cma2025decision",
        "openai2025stargate",
        "neowin2023semafor",
    ),
    exemplar="""
    **To the board of Microsoft. Proposal: a 20% revenue share plus a 22% profit share.**

    *Terms.* We invest $10bn for 20% of revenue and 22% of profits (before and after our investment is
    recouped), with no cap. In the course's hypothetical venture this gives us an NPV of about $11.7bn and
    the venture about $31.1bn, the Nash split of the project's $42.9bn NPV given what each side has
    without the deal: $2bn for us elsewhere and $21.4bn for the venture at half the scale, with equal
    bargaining power. The partnership adds about $19.4bn, and we take half of it. Both clear their
    outside options, so neither side should walk away. All these figures are hypothetical.

    *Why this split.* The revenue share stays at the 20% reported in May 2025 (press reports; never
    confirmed), so the venture keeps the upside beyond it; the profit share is what makes our return
    track the venture's success. Our outside option is weak (we would have to build frontier models
    ourselves), which is why we should not ask for more than the Nash benchmark: a greedier offer risks
    the venture's stronger outside option, other clouds and other investors.

    *Incentives and IP.* In the hold-up model, OpenAI owning beats us owning when θ_A(1 − β) exceeds
    θ_Bβ. OpenAI's research matters more than our compute and power is equal, so we should not seek ownership of the IP;
    a licence through 2032, as agreed in October 2025, protects our compute investment without weakening
    OpenAI's incentive to do research. Since the April 2026 amendment made the licence non-exclusive,
    this is more, not less, important to secure.

    *Competition.* Exclusivity is what regulators look at: the FTC's January 2025 report singled out
    exclusivity and switching costs, and the CMA (March 2025) found material influence without control.
    Our terms contain no cloud exclusivity, which keeps the partnership outside merger control; in the
    hypothetical API market, treating the two firms as one would trigger the presumption, so we should
    avoid terms that make us act as one.

    *Cooperation and risk.* With the exercise's payoffs, cooperation needs a discount factor of at least
    0.5, which patient firms clear easily. The main risk is separation: our expected value falls below a
    $40bn walk-away value if the chance of separation exceeds about 30%. Profit participation aligns
    our interests and lowers that risk better than a larger revenue share would.
    """,
    calibration=(
        Sample(
            "strong",
            """
            **To the board of OpenAI. Proposal: a 15% revenue share and a 30% profit share for Microsoft's
            new $10bn.**

            *Terms and numbers.* Microsoft invests $10bn and receives 15% of revenue and 30% of profits, with
            no cap. In the course's hypothetical venture this gives Microsoft an NPV of about $11.1bn and us
            about $31.8bn, out of a project NPV of $42.9bn. The Nash benchmark, with $2bn for Microsoft
            elsewhere and $21.4bn for us alone at half the scale and equal bargaining power, gives Microsoft
            $11.7bn: our offer sits $0.6bn below it, inside the $1bn band, and both sides clear their outside
            options. All of these figures are hypothetical.

            *Why Microsoft should accept.* Its outside option is weak, so the gains from trade are large and
            it loses most if the talks fail. Our lower revenue rate, below the 20% reported in May 2025
            (press reports only), leaves more of the upside with us; the profit share makes Microsoft's return
            track our success, which is what a partner who also sells us compute should want.

            *Incentives and IP.* The hold-up model says protect the investment that matters most. Our research
            is that investment, so we keep ownership of the IP and give Microsoft a licence, as the October 2025
            agreement did to 2032. A licence protects Microsoft's products without handing it control, and
            since April 2026 it is non-exclusive, so both of us can keep using the models if we part.

            *Competition.* Authorities look at contracts, not only shares. The FTC's January 2025 report
            singled out exclusivity and switching costs, and the CMA found material influence without
            control in March 2025. We propose no cloud exclusivity. In the hypothetical API market our two
            shares combined would cross the presumption, so we should avoid any term that makes us act as one.

            *Cooperation and risk.* With the exercise's payoffs cooperation needs δ ≥ 0.5. The risk is that
            profits stay thin for years: Microsoft would then receive little and the temptation to build
            rival models rises. A scenario tree that weights separation by more than about 30% would make
            Microsoft indifferent to staying, so we should offer a review of the rates in year 4.
            """,
            (
                Score("Proposal and numbers", 2, "Clear terms; both NPVs, the benchmark and both outside options, consistent with the notebook."),
                Score("Bargaining logic", 2, "Outside options, gains from trade and what each side gives up."),
                Score("Incentives and IP", 2, "Ownership follows the investment that matters most; the licence protects the other side's."),
                Score(
                    "Competition",
                    1.5,
                    "The regulators' stated concerns are used, but 'avoid acting as one' is left vague: which term, "
                    "which market?",
                ),
                Score(
                    "Cooperation, risk and accuracy",
                    1,
                    "δ* and the scenario tree are used and figures labelled, but the 30% threshold is Problem set "
                    "4's, for different payoffs, and is quoted as if it applied to these terms.",
                ),
            ),
        ),
        Sample(
            "middling",
            """
            **To the board of Microsoft.**

            We propose to invest $10bn for 75% of OpenAI's profits until we are repaid, then 55%. Our NPV
            would be $15.5bn, close to the Nash target of $11.7bn, so the deal is fair to both sides. It is
            similar to the deal reported in 2023, but better for us after repayment, which is reasonable
            because we take the risk.

            On incentives, OpenAI needs to keep investing in research, so we should not take away its IP.
            Our access to the models through 2032 is enough for our products.

            Regulators such as the CMA have looked at the partnership before and could look again, so we
            should be careful with exclusivity.

            The main risk is that OpenAI leaves for other clouds and investors, as it did with Stargate in
            2025. We should keep the relationship good so that it stays cooperative.
            """,
            (
                Score(
                    "Proposal and numbers",
                    1,
                    "Clear terms, a correct NPV and the right benchmark, but an NPV $3.8bn above the benchmark is "
                    "called 'close' (the band is $1bn); no outside options and not the venture's NPV.",
                ),
                Score(
                    "Bargaining logic",
                    1,
                    "'Fair' because close to the benchmark, and 'we take the risk'; no outside options or bargaining power.",
                ),
                Score("Incentives and IP", 1, "The right conclusion, but without the hold-up mechanism."),
                Score("Competition", 1, "Regulators mentioned in passing."),
                Score(
                    "Cooperation, risk and accuracy",
                    1,
                    "A risk without a model; the 2023 terms are not marked as reported, though Stargate is dated.",
                ),
            ),
        ),
        Sample(
            "weak",
            """
            To Microsoft's board: we should keep the current deal, in which we get 20% of OpenAI's revenue,
            because we invested more than anyone else and OpenAI could not have built ChatGPT without Azure.
            OpenAI wants more independence, but we should not give up our rights. Regulators have already
            said the partnership is fine. If OpenAI tries to leave, we can build our own models.
            """,
            (
                Score("Proposal and numbers", 1, "A concrete term, but no NPV, benchmark or outside option."),
                Score("Bargaining logic", 0.5, "Entitlement rather than a split: an assertion, at the edge of partial credit."),
                Score("Incentives and IP", 0, "Nothing on investment incentives or who holds the IP."),
                Score(
                    "Competition",
                    0.5,
                    "Regulators mentioned, and misread: the CMA found the partnership was not a merger it could "
                    "review, which is not a finding that it is 'fine'.",
                ),
                Score("Cooperation, risk and accuracy", 0, "The reported 20% is stated as the deal; no model of the risk."),
            ),
        ),
    ),
)

ASSIGNMENT = Assignment(
    name="capstone-memo",
    number="Capstone",
    title="A negotiation memo on new partnership terms",
    chapter="chapter-epilogue",
    summary="""
    You check whether terms are acceptable to both sides, compute a Nash benchmark for the split of
    the project's value, design your own terms to meet it, and defend them in a memo to one side's
    board using all the course's models.
    """,
    setup=SETUP,
    items=(ACCEPTABLE, NASH, PROPOSAL, MEMO),
    optional=True,
)
