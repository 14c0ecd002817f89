"""Optional capstone: a negotiation memo proposing new partnership terms, defended with the models."""

from partnership.revenue import DealTerms
from partnership_grading.authoring import Assignment, Criterion, HiddenCheck, Part, Range, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and your numbers. Run this cell first.
from dataclasses import replace

from partnership.bargaining import nash_split
from partnership.concentration import merger_screen
from partnership.cooperation import critical_discount_factor
from partnership.property_rights import best_ownership
from partnership.revenue import DealTerms, deal_value, growing_revenue, partnership_pie

{numbers}

# Your venture, in $bn a year for years 1 to 8 (hypothetical): revenue starts at REVENUE_FIRST and
# grows 40% a year; costs start at 3 and grow 25% a year.
REVENUE = growing_revenue(REVENUE_FIRST, 0.40, 8)
COSTS = growing_revenue(3.0, 0.25, 8)
# HYPOTHETICAL: without the investment the venture runs at half the scale, and the investor could
# earn OUTSIDE_INVESTOR elsewhere. If the talks fail, each gets that: the outside options.
REVENUE_ALONE = growing_revenue(REVENUE_FIRST / 2, 0.40, 8)
COSTS_ALONE = growing_revenue(1.5, 0.25, 8)
PIE = partnership_pie(REVENUE, COSTS, REVENUE_ALONE, COSTS_ALONE, RATE, investor_alone_npv=OUTSIDE_INVESTOR)
OUTSIDE_VENTURE = PIE.venture_alone_npv  # the venture's NPV alone
MAX_REVENUE_SHARE = 0.20  # your proposal may not take more than the reported 20% of revenue

# Proposals already on the table (Part 2).
PROPOSALS = {
    "the reported 75/49 profit share": DealTerms(investment=INVESTMENT, profit_share_until_recouped=0.75, profit_share_after_recouped=0.49),
    "20% of revenue": DealTerms(investment=INVESTMENT, revenue_share=0.20),
    "20% of revenue and 20% of profits": DealTerms(investment=INVESTMENT, revenue_share=0.20, profit_share_until_recouped=0.20,
                                                   profit_share_after_recouped=0.20),
    "10% of revenue and 35% of profits": DealTerms(investment=INVESTMENT, revenue_share=0.10, profit_share_until_recouped=0.35,
                                                   profit_share_after_recouped=0.35),
    "50% of profits, capped at 3x": DealTerms(investment=INVESTMENT, profit_share_until_recouped=0.50, profit_share_after_recouped=0.50,
                                             return_cap_multiple=3.0),
}
"""

PARAMETERS = {
    "REVENUE_FIRST": Range(3.6, 4.4, 0.2, 4.0, "the venture's revenue in year 1 with the partnership, $bn"),
    "RATE": Range(0.09, 0.11, 0.005, 0.10, "the discount rate"),
    "INVESTMENT": Range(8.0, 12.0, 1.0, 10.0, "the investor's new money in year 0, $bn"),
    "OUTSIDE_INVESTOR": Range(1.0, 4.0, 0.5, 2.0, "the NPV the investor could earn elsewhere, $bn"),
    "POWER_INVESTOR": Range(0.3, 0.7, 0.1, 0.5, "the investor's bargaining power"),
}
EXAMPLE = "[5.0, 8.0, 12.0, 15.0], [4.0, 5.0, 6.0, 7.0]"

NASH = Part(
    grade_id="nash_benchmark",
    title="A fair benchmark: the Nash split of the project",
    points=3,
    kind="direct",
    skills="combine the revenue and bargaining models",
    prompt="""
    The whole pie is the project's NPV (the investor's and the venture's NPVs always add up to it; the
    investment itself is a transfer between them). What the partnership *adds* is that NPV minus what
    each side would have alone: `OUTSIDE_VENTURE`, the venture at half the scale, and `OUTSIDE_INVESTOR`
    (the setup computes both with `partnership_pie`, so the pie and the cash flows are one model).
    Write `nash_investor_npv(revenue, costs, rate, outside_investor, outside_venture, power_investor)`:
    the investor's payoff in the generalised Nash bargaining solution over the project's NPV, with
    those outside values as disagreement payoffs. The cell computes the benchmark for your numbers.
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
    tests=f"""
    # Tests for Part 1 (3 points).
    from partnership.checks import close as _close, function as _function
    from partnership.bargaining import nash_split as _nash
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _function(nash_investor_npv, "nash_investor_npv")
    _close(nash_investor_npv({EXAMPLE}, 0.05, 1.0, 2.0, 0.3), 4.731434433183703, "nash_investor_npv for a small venture",
           rel=1e-6, hint="The investor gets its outside value (1) plus its bargaining power (0.3) times the gains over both outside values.")
    """,
    hidden=(
        HiddenCheck(
            expr="nash_investor_npv(*args)",
            reference="_nash(_value(args[0], args[1], _Terms(investment=0.0), args[2]).project_npv, *args[3:]).payoff_a",
            what="nash_investor_npv(...) for rate, outside options and power {args}",
            inputs=tuple(([5.0, 8.0, 13.0, 15.0], [4.0, 5.5, 6.0, 7.0], *rest) for rest in ((0.05, 1.0, 2.0, 0.3), (0.12, 0.0, 0.0, 0.5), (0.05, 20.0, 1.0, 0.5))),
        ),
        HiddenCheck(expr="nash_target", reference="_nash(PIE.project_npv, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR).payoff_a",
                    what="nash_target, for your numbers"),
    ),
    hardcoded="return 4.731434433183703",
    wrong="""
    pie = deal_value(revenue, costs, DealTerms(investment=0.0), rate).project_npv
    return power_investor * pie
    """,
)

CHOICE = Part(
    grade_id="proposal_choice",
    title="Which proposal on the table splits the gains as bargaining power says?",
    points=4,
    kind="choice",
    skills="choose among term sheets for a stated objective: participation first, then the split of the gains",
    prompt="""
    A proposal can be signed only if each side gets at least its outside option. Among those that
    can, the mediator wants the one whose split of the **gains from trade** (the project's NPV minus
    both outside values) is closest to what bargaining power says: the investor's share of the gains,
    `(investor NPV - outside_investor) / gains`, nearest `power_investor` (on a tie, the first listed).
    Write `closest_acceptable(proposals, revenue, costs, rate, outside_investor, outside_venture, power_investor)`
    returning the name of that proposal, or `None` if no proposal is acceptable to both. The line
    below chooses among `PROPOSALS` for your numbers.
    """,
    solution='''
    def closest_acceptable(proposals, revenue, costs, rate, outside_investor, outside_venture, power_investor):
        """The proposal both accept whose investor share of the gains is nearest its bargaining power (None: none)."""
        ### BEGIN SOLUTION
        best, distance = None, None
        for name, terms in proposals.items():
            value = deal_value(revenue, costs, terms, rate)
            if value.investor_npv >= outside_investor and value.venture_npv >= outside_venture:
                gains = value.project_npv - outside_investor - outside_venture
                gap = abs((value.investor_npv - outside_investor) / gains - power_investor)
                if best is None or gap < distance - 1e-12:
                    best, distance = name, gap
        return best
        ### END SOLUTION


    case_proposal = closest_acceptable(PROPOSALS, REVENUE, COSTS, RATE, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR)
    case_proposal
    ''',
    tests=f"""
    # Tests for Part 2 (4 points).
    from partnership.checks import equal as _equal, function as _function
    from partnership.revenue import DealTerms as _Terms

    _function(closest_acceptable, "closest_acceptable")
    _proposals = {{"70% of profits": _Terms(investment=4.0, profit_share_until_recouped=0.7, profit_share_after_recouped=0.7),
                  "30% of revenue": _Terms(investment=4.0, revenue_share=0.3),
                  "10% of revenue": _Terms(investment=4.0, revenue_share=0.1)}}
    _equal(closest_acceptable(_proposals, {EXAMPLE}, 0.05, 1.0, 2.0, 0.3), "30% of revenue", "closest_acceptable for a small venture",
           hint="The investor's NPVs are 6.81, 6.42 and -0.53 (below its outside option of 1); the gains are about 12.4.")
    """,
    hidden=(
        HiddenCheck(
            expr="closest_acceptable(*args)", reference="solution.closest_acceptable(*args)", compare="equal",
            what="closest_acceptable(...) with outside options and power {args}",
            inputs=tuple(
                ({"70% of profits": DealTerms(investment=4.0, profit_share_until_recouped=0.7, profit_share_after_recouped=0.7),
                  "30% of revenue": DealTerms(investment=4.0, revenue_share=0.3),
                  "10% of revenue": DealTerms(investment=4.0, revenue_share=0.1)},
                 [5.0, 8.0, 13.0, 15.0], [4.0, 5.5, 6.0, 7.0], 0.05, d_i, d_v, power)
                for d_i, d_v, power in ((-1.0, 2.0, 0.0), (-1.0, 2.0, 0.9), (1.0, 9.0, 0.5), (10.0, 0.0, 0.5))
            ),
            hint="First drop every proposal a side would refuse; only then compare the investor's share of the gains with its power.",
        ),
        HiddenCheck(expr="case_proposal",
                    reference="solution.closest_acceptable(PROPOSALS, REVENUE, COSTS, RATE, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR)",
                    compare="equal", what="case_proposal, for your numbers"),
    ),
    hardcoded='''
    return "30% of revenue" if len(proposals) == 3 else "20% of revenue and 20% of profits"
    ''',
    wrong='''
    best, distance = None, None
    for name, terms in proposals.items():
        value = deal_value(revenue, costs, terms, rate)
        gains = value.project_npv - outside_investor - outside_venture
        gap = abs((value.investor_npv - outside_investor) / gains - power_investor)
        if best is None or gap < distance:
            best, distance = name, gap
    return best
    ''',
)

PROPOSAL = Part(
    grade_id="proposal_terms",
    title="Your proposal",
    points=4,
    kind="design",
    skills="design terms that meet constraints, checked with the models",
    prompt="""
    Propose new terms as `my_terms = DealTerms(...)`: the investor puts in your `INVESTMENT`; any
    revenue share is at most `MAX_REVENUE_SHARE` (and may end in a year you choose); you may add profit
    shares and a return cap. Your terms must be acceptable to both sides and give the investor an NPV
    within **$1bn** of the Nash benchmark (your `nash_target`). There are many right answers, and yours depend on your numbers:
    search by hand or by code. Your memo below defends your choice.
    """,
    solution='''
    ### BEGIN SOLUTION
    def investor_npv_at(share, profit_share):
        terms = DealTerms(investment=INVESTMENT, revenue_share=share,
                          profit_share_until_recouped=profit_share, profit_share_after_recouped=profit_share)
        return deal_value(REVENUE, COSTS, terms, RATE).investor_npv

    target = nash_split(PIE.project_npv, OUTSIDE_INVESTOR, OUTSIDE_VENTURE, POWER_INVESTOR).payoff_a  # the benchmark
    low, high = 0.0, 1.0
    if investor_npv_at(MAX_REVENUE_SHARE, 0.0) > target:  # the revenue share alone is worth too much: lower it
        high = MAX_REVENUE_SHARE
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if investor_npv_at(mid, 0.0) < target else (low, mid)
        my_terms = DealTerms(investment=INVESTMENT, revenue_share=round(low, 3))
    else:  # keep 20% of revenue and add a profit share
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if investor_npv_at(MAX_REVENUE_SHARE, mid) < target else (low, mid)
        my_terms = DealTerms(investment=INVESTMENT, revenue_share=MAX_REVENUE_SHARE,
                             profit_share_until_recouped=round(low, 3), profit_share_after_recouped=round(low, 3))
    ### END SOLUTION
    my_value = deal_value(REVENUE, COSTS, my_terms, RATE)
    my_terms, my_value
    ''',
    tests="""
    # Tests for Part 3 (4 points).
    from partnership.checks import equal as _equal
    from partnership.bargaining import nash_split as _nash
    from partnership.revenue import DealTerms as _Terms, deal_value as _value

    _equal(isinstance(my_terms, _Terms), True, "whether my_terms is a DealTerms")
    _equal(my_terms.investment, INVESTMENT, "my_terms.investment", hint="The investor puts in your INVESTMENT.")
    _equal(my_terms.revenue_share <= 0.20 + 1e-12, True, f"whether the revenue share ({my_terms.revenue_share}) is at most 20%")
    _v = _value(REVENUE, COSTS, my_terms, RATE)
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
    hardcoded="""
    my_terms = DealTerms(investment=10.0, revenue_share=0.2, profit_share_until_recouped=0.222, profit_share_after_recouped=0.222)
    """,
    wrong="""
    my_terms = DealTerms(investment=INVESTMENT, revenue_share=0.2)
    """,
    typed=("my_terms",),
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
            "Clear terms; both NPVs, the Nash benchmark and outside options quoted correctly from the student's notebook.",
            "Terms clear but numbers missing or inconsistent with the notebook.",
            "No concrete proposal.",
            bands=(
                (1.5, "Clear terms and correct numbers, but one of the four (either NPV, the benchmark, the outside "
                      "options) missing or misread."),
                (0.5, "A concrete term, but no number from the notebook to judge it by."),
            ),
        ),
        Criterion(
            "Bargaining logic",
            2,
            "Explains why the split is defensible (outside options, bargaining power, what each side gives up).",
            "Uses part of the bargaining model (the benchmark or the outside options) without what each side gives up.",
            "None.",
            bands=(
                (1.5, "Outside options and bargaining power used, but what the other side gives up left out."),
                (0.5, "Fairness or entitlement asserted, with no part of the model."),
            ),
        ),
        Criterion(
            "Incentives and IP",
            2,
            "Uses the hold-up model: how the terms and IP rights affect each side's investment.",
            "Mentions incentives, or draws the model's conclusion, without the mechanism.",
            "None.",
            bands=(
                (1.5, "The mechanism for one side's investment (who holds the IP, what a licence keeps), not both."),
                (0.5, "IP or incentives named in passing."),
            ),
        ),
        Criterion(
            "Competition",
            2,
            "Addresses exclusivity or concentration with the HHI screen, the modified HHI of a stake or the "
            "regulators' stated concerns, and says which term of the proposal they bear on.",
            "Uses a screen or a regulator's concern without tying it to a term of the proposal.",
            "None.",
            bands=(
                (1.5, "A screen or concern tied to the proposal, but left vague (which term, which market?)."),
                (0.5, "Regulators mentioned in passing."),
            ),
        ),
        Criterion(
            "Cooperation, risk and accuracy",
            2,
            "Uses δ*, the renegotiation game or the split of Problem set 4 for the main risk; facts dated and labelled "
            "(reported vs official); hypothetical numbers labelled.",
            "Risk named without a model, or facts not labelled.",
            "Neither.",
            bands=(
                (1.5, "The risk modelled and the facts labelled, but one figure carried over from another problem set "
                      "as if it applied to these terms."),
                (0.5, "A risk named, or facts dated, but not both."),
            ),
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
    recouped), with no cap. With the published numbers (each student's venture differs) this gives us an NPV of about $11.7bn and
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
    hypothetical API market a 27% stake with a board seat would cross the 100-point change in the
    modified HHI, so we should hold our stake without a seat.

    *Cooperation and risk.* With Problem set 4's published payoffs, cooperation needs a discount factor
    of at least 0.5, which patient firms clear easily. The main risk is that OpenAI moves work to
    another cloud: the renegotiation game says we would then do best to renegotiate, not sue, so we
    should build a review of the rates into the terms now. Profit participation aligns our interests
    and lowers that risk better than a larger revenue share would.
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
            rival models rises. In Problem set 4 the impatient side needed at least 8.8 of the 20 that
            cooperation earns to keep cooperating, so we should offer a review of the rates in year 4.
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
                    1.5,
                    "δ* and the split are used and figures labelled, but the 8.8 comes from Problem set 4's payoffs "
                    "and is quoted as if it applied to these terms.",
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
    With a venture of your own, you compute a Nash benchmark for the split of the project's value,
    choose the proposal on the table that both sides would sign and that splits the gains as
    bargaining power says, design
    your own terms to meet it, and defend them in a memo to one side's board using all the course's models.
    """,
    setup=SETUP,
    items=(NASH, CHOICE, PROPOSAL, MEMO),
    optional=True,
    parameters=PARAMETERS,
)
