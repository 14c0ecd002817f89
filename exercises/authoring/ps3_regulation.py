"""Problem set 3: partners, rivals and the regulators (chapter-regulation)."""

from partnership.grading.authoring import Assignment, Criterion, HiddenCheck, Part, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and the case's numbers. Run this cell first.
from partnership.concentration import (
    HIGHLY_CONCENTRATED_HHI, SHARE_PRESUMPTION_PCT, SIGNIFICANT_DELTA_HHI,
    delta_hhi, hhi, market_label, merger_screen,
)

# Cloud infrastructure market shares in Q4 2023, in %, as reported by Synergy Research Group
# (press release, 1 February 2024). The other 34% is spread over many small providers, whose
# squared shares are small enough to leave out.
CLOUD_FIRMS = ["AWS", "Microsoft", "Google"]
CLOUD_SHARES = [31.0, 24.0, 11.0]

# A HYPOTHETICAL market for frontier-model APIs, in % (illustrative, not measured); the other 15%
# is spread over many small firms.
API_FIRMS = ["OpenAI", "Google", "Anthropic", "Meta", "Microsoft"]
API_SHARES = [35.0, 20.0, 15.0, 10.0, 5.0]
"""

HHI = Part(
    grade_id="cloud_hhi",
    title="How concentrated is cloud computing?",
    points=3,
    skills="write the Herfindahl–Hirschman Index yourself; label the market",
    prompt="""
    The Herfindahl–Hirschman Index is the sum of the squared market shares, in percent. Write
    `my_hhi(shares)` **yourself** (one or two lines; not with the package's `hhi`) for any list of
    shares. The cell then computes the HHI of the reported cloud shares and labels the market with
    the package's `market_label` (the 2023 Merger Guidelines call a market above 1,800 highly
    concentrated).
    """,
    solution='''
    def my_hhi(shares):
        """Herfindahl–Hirschman Index of percentage market shares."""
        ### BEGIN SOLUTION
        return sum(s * s for s in shares)
        ### END SOLUTION


    cloud_hhi = my_hhi(CLOUD_SHARES)
    cloud_label = market_label(cloud_hhi)
    cloud_hhi, cloud_label
    ''',
    tests="""
    # Tests for Part 1 (3 points).
    from partnership.grading.checks import close as _close, equal as _equal, function as _function

    _function(my_hhi, "my_hhi")
    _close(cloud_hhi, 1658.0, "cloud_hhi", hint="Square each share in percent (31, not 0.31) and add them up.")
    _equal(cloud_label, "not highly concentrated", "cloud_label")
    """,
    hidden=(
        HiddenCheck(
            expr="my_hhi(*args)", reference="solution.my_hhi(*args)",
            inputs=(([100.0],), ([50.0, 50.0],), ([12.5] * 8,), ((30.0, 20.0, 10.0),), ([],), ([60.0, 50.0],), ([0.5, 0.25],)),
            hint="Any list of shares: square each one and add them up (an empty list has an HHI of 0).",
        ),
    ),
    hardcoded="return 1658.0",
    wrong="return sum(s / 100 for s in shares) ** 2",
)

COMBINATION = Part(
    grade_id="combination_effect",
    title="If the partners acted as one firm",
    points=3,
    skills="compute the HHI after a combination and the change ΔHHI = 2 s_i s_j",
    prompt="""
    Competition authorities screen a combination by the HHI after it and by the change it causes,
    $\\Delta HHI = 2 s_i s_j$. Write `combination_effect(shares, i, j)` returning the pair
    `(hhi_after, delta)` when firms `i` and `j` (0-based positions in `shares`) combine into one.
    The cell applies it to OpenAI and Microsoft in the hypothetical API market, *as if* the
    partnership made them act as one firm.
    """,
    solution='''
    def combination_effect(shares, i, j):
        """(HHI after firms i and j combine, change in HHI)."""
        ### BEGIN SOLUTION
        delta = delta_hhi(shares, i, j)
        return hhi(shares) + delta, delta
        ### END SOLUTION


    openai_msft = combination_effect(API_SHARES, API_FIRMS.index("OpenAI"), API_FIRMS.index("Microsoft"))
    openai_msft
    ''',
    tests="""
    # Tests for Part 2 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.concentration import merger_screen as _screen

    _function(combination_effect, "combination_effect")
    _close(openai_msft[1], 350.0, "the change in HHI, openai_msft[1]", hint="Delta HHI = 2 * 35 * 5.")
    _close(openai_msft[0], 2325.0, "the HHI after, openai_msft[0]", hint="HHI before (1,975) plus the change.")
    """,
    hidden=(
        HiddenCheck(
            expr="list(combination_effect(*args))",
            reference="[_screen(*args).hhi_after, _screen(*args).delta]", compare="close_all",
            inputs=(([31.0, 24.0, 11.0], 1, 2), ([40.0, 2.0, 2.0, 2.0], 0, 3), ([20.0, 20.0, 10.0, 10.0, 10.0], 3, 0)),
        ),
    ),
    hardcoded="return 2325.0, 350.0",
    wrong="""
    merged = [s for k, s in enumerate(shares) if k not in (i, j)] + [shares[i] + shares[j]]
    return hhi(merged), hhi(merged) - hhi(shares) + 1
    """,
)

SCREEN = Part(
    grade_id="merger_presumption",
    title="Apply the structural presumptions",
    points=4,
    skills="encode the two presumptions of the 2023 Merger Guidelines as a function",
    prompt="""
    The course package encodes two structural presumptions from the 2023 US Merger Guidelines: a
    combination is presumed to lessen competition substantially if

    1. the HHI after it is **above 1,800** and the change is **above 100**, or
    2. the combined firm's share is **above 30%** and the change is **above 100**.

    (The 1,800 and 100 thresholds are widely quoted; check the 30% figure against the Guidelines
    themselves before relying on it.) Write `presumption(shares, i, j)` that returns `True` if either
    presumption applies and `False` otherwise, **without** calling `merger_screen` (the hidden tests
    compare with it). The constants in the setup cell hold the thresholds.
    """,
    solution='''
    def presumption(shares, i, j):
        """True if a combination of firms i and j triggers either structural presumption."""
        ### BEGIN SOLUTION
        delta = 2 * shares[i] * shares[j]
        after = sum(s * s for s in shares) + delta
        combined = shares[i] + shares[j]
        significant = delta > SIGNIFICANT_DELTA_HHI
        return bool(significant and (after > HIGHLY_CONCENTRATED_HHI or combined > SHARE_PRESUMPTION_PCT))
        ### END SOLUTION


    case_presumed = presumption(API_SHARES, API_FIRMS.index("OpenAI"), API_FIRMS.index("Microsoft"))
    case_presumed
    ''',
    tests="""
    # Tests for Part 3 (4 points).
    from partnership.grading.checks import equal as _equal, function as _function
    from partnership.concentration import merger_screen as _screen

    _function(presumption, "presumption")
    _equal(case_presumed, True, "case_presumed", hint="HHI after 2,325 > 1,800 and change 350 > 100.")
    _equal(presumption([30.0, 1.0], 0, 1), False, "presumption([30, 1], 0, 1)",
           hint="The change 2 * 30 * 1 = 60 is not above 100.")
    _equal(presumption([40.0, 2.0, 2.0, 2.0], 0, 1), True, "presumption([40, 2, 2, 2], 0, 1)",
           hint="The HHI after is only 1,772, but the combined share 42% > 30% and the change 160 > 100.")
    """,
    hidden=(
        HiddenCheck(
            expr="presumption(*args)", reference="_screen(*args).presumed_harmful", compare="equal",
            inputs=(
                ([15.0, 15.0, 30.0], 0, 1),  # HHI after exactly 1,800 and share exactly 30%: neither
                ([40.0, 40.0, 1.0, 1.0], 2, 3),  # highly concentrated but a tiny change
                ([25.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0], 0, 1),
                ([10.0, 9.0, 8.0], 0, 1),  # a large relative change in an unconcentrated market
            ),
            hint="Both presumptions need a change above 100; the thresholds are strict (above, not at).",
        ),
    ),
    hardcoded="return shares[i] * shares[j] != 30.0",
    wrong="""
    delta = 2 * shares[i] * shares[j]
    after = sum(s * s for s in shares) + delta
    return after > HIGHLY_CONCENTRATED_HHI
    """,
)

PAIRS = Part(
    grade_id="presumed_pairs",
    title="Which partnerships would a regulator look at?",
    points=3,
    skills="loop over every pair of firms and screen each",
    prompt="""
    Write `presumed_pairs(names, shares)` that returns the list of pairs `(name_i, name_j)`, with
    `i < j` in the order the firms are listed, for which a combination triggers a presumption. You may
    use your `presumption` or the package's `merger_screen` here. The cell lists the pairs in the
    hypothetical API market.
    """,
    solution='''
    def presumed_pairs(names, shares):
        """Pairs of firms whose combination triggers a structural presumption."""
        ### BEGIN SOLUTION
        pairs = []
        for i in range(len(shares)):
            for j in range(i + 1, len(shares)):
                if merger_screen(shares, i, j).presumed_harmful:
                    pairs.append((names[i], names[j]))
        return pairs
        ### END SOLUTION


    api_pairs = presumed_pairs(API_FIRMS, API_SHARES)
    api_pairs
    ''',
    tests="""
    # Tests for Part 4 (3 points).
    from partnership.grading.checks import equal as _equal, function as _function

    _function(presumed_pairs, "presumed_pairs")
    _equal(len(api_pairs), 9, "the number of presumed pairs in the API market",
           hint="The market is already above 1,800, so every pair whose change exceeds 100 counts.")
    _equal(("Meta", "Microsoft") in [tuple(p) for p in api_pairs], False, "whether (Meta, Microsoft) is listed",
           hint="2 * 10 * 5 = 100 is not above 100.")
    """,
    hidden=(
        HiddenCheck(
            expr="[tuple(p) for p in presumed_pairs(CLOUD_FIRMS, CLOUD_SHARES)]",
            reference="[tuple(p) for p in solution.presumed_pairs(CLOUD_FIRMS, CLOUD_SHARES)]", compare="equal",
            what="presumed_pairs for the cloud market",
        ),
        HiddenCheck(
            expr="[tuple(p) for p in presumed_pairs(*args)]", reference="[tuple(p) for p in solution.presumed_pairs(*args)]",
            compare="equal", inputs=((["a", "b", "c", "d"], [5.0, 5.0, 5.0, 5.0]), (["x", "y", "z"], [40.0, 2.0, 1.0])),
        ),
    ),
    hardcoded="""
    return [(names[i], names[j]) for i in range(len(names)) for j in range(i + 1, len(names))
            if (names[i], names[j]) != ("Meta", "Microsoft")]
    """,
    wrong="""
    return [(names[i], names[j]) for i in range(len(names)) for j in range(len(names)) if i != j
            and merger_screen(shares, i, j).presumed_harmful]
    """,
)

ARGUMENT = Written(
    grade_id="regulation_answer",
    title="What can concentration numbers tell a regulator about a partnership?",
    prompt="""
    In 150–250 words. The UK Competition and Markets Authority found (5 March 2025) that Microsoft
    has had "material influence" over OpenAI since 2019 but not control, so the partnership did not
    qualify as a merger under the Enterprise Act 2002. The FTC's staff report on AI partnerships
    (17 January 2025) pointed instead to equity and revenue-share rights, consultation and
    exclusivity rights, switching costs and access to sensitive information. Using your numbers,
    explain (a) what an HHI screen can and cannot tell a regulator about a partnership that is not a
    merger, and (b) one term of this partnership that would matter to a competition authority even
    if the HHIs were low.
    """,
    criteria=(
        Criterion(
            "Reads the screen correctly",
            2,
            "Uses the numbers (cloud HHI ≈ 1,658 is below 1,800; the hypothetical API combination gives 2,325 "
            "and +350) and notes that the API shares are hypothetical and the combination an 'as if'.",
            "Quotes numbers but misreads a threshold, or treats the hypothetical shares as data.",
            "No numbers.",
        ),
        Criterion(
            "Limits of the HHI for a partnership",
            2,
            "Explains that a partnership is not a merger: the firms keep competing in some markets, influence "
            "runs through contracts, and market definition for fast-moving AI markets is uncertain.",
            "Names one limit without explaining it.",
            "None.",
        ),
        Criterion(
            "A term that matters anyway",
            1,
            "Names a concrete term (cloud exclusivity or a right of first refusal, the revenue share, "
            "access to models and sensitive information, board observer seat) and says why it could harm rivals.",
            "Names a term without the competitive effect.",
            "Missing.",
        ),
    ),
    sources=(
        "synergy2024cloudshare",
        "doj2023mergerguidelines",
        "cma2025decision",
        "ftc2025staffreport",
        "microsoft2024tenk",
        "openai2025stargate",
        "openai2025nextchapter",
        "openai2026amendment",
        "openai2023altmanreturns",
        "kvia2024observer",
    ),
    exemplar="""
    The HHI screen measures structure: with the reported Q4 2023 shares, cloud infrastructure has an
    HHI of about 1,658, just below the 1,800 the 2023 Guidelines call highly concentrated. In my
    hypothetical API market, treating OpenAI and Microsoft as one firm would lift the HHI from 1,975 to
    2,325, a change of 350, and trigger the presumption. But those shares are made up, and the "as if"
    is the weak step: a partnership is not a merger. The two firms still compete (Microsoft's 2024
    annual report lists OpenAI as a competitor), and influence runs through contract terms, not
    ownership, which is why the CMA found material influence but no control. The screen also depends on
    a market definition, hard to pin down while AI products change every few months.

    What matters even with low HHIs is exclusivity. Until January 2025 Azure was OpenAI's exclusive
    cloud, and under the October 2025 terms third-party API products stayed Azure-exclusive (the April
    2026 amendment lets OpenAI serve all products on any cloud). Such terms
    can deny rival clouds a leading customer and raise switching costs for buyers without changing any
    share much, which is why the FTC's report looked at exclusivity, switching costs and access to
    sensitive information rather than concentration alone.
    """,
    calibration=(
        Sample(
            "strong",
            """
            (a) The cloud market's HHI, about 1,658 on Synergy's Q4 2023 shares, is below the 1,800 line of
            the 2023 Guidelines, so it is not highly concentrated on this definition. In the API market
            OpenAI has 35% and Microsoft 5%; treating them as one firm lifts the HHI from 1,975 to 2,325,
            a change of 350, which triggers the presumption. But a screen of that kind assumes the two
            shares simply add up, as in a merger, and this partnership is not one. Microsoft's 2024 annual
            report lists OpenAI as a competitor, and its influence came from contracts, which is why the CMA
            found material influence but no control. With a minority stake the ordinary ΔHHI is zero; what
            would matter is how far each firm's profits depend on the other's, which a modified HHI for
            partial ownership (O'Brien and Salop) measures. The market itself is also hard to define when AI
            products change every few months.

            (b) Exclusivity. Under the October 2025 terms, third-party API products stayed exclusive to Azure.
            A rival cloud could then not win a leading AI customer however concentrated the market looked,
            and buyers faced switching costs, which is what the FTC's report pointed to.
            """,
            (
                Score(
                    "Reads the screen correctly",
                    1.5,
                    "All the numbers and thresholds right, and the 'as if' flagged, but the API shares are "
                    "presented as measured ('OpenAI has 35%'): they are hypothetical.",
                ),
                Score(
                    "Limits of the HHI for a partnership",
                    2,
                    "Competition between the partners, influence through contracts, the zero ΔHHI of a minority "
                    "stake and market definition: more than the rubric asks.",
                ),
                Score("A term that matters anyway", 1, "A dated term and the mechanism by which it harms rival clouds."),
            ),
        ),
        Sample(
            "middling",
            """
            The cloud HHI is 1,658, which is below 2,500, so the market is not concentrated and a regulator
            would not worry. If OpenAI and Microsoft were one firm, the API HHI would rise by 350 to 2,325,
            which is above the threshold, so the presumption applies in the hypothetical market.

            An HHI screen is made for mergers. OpenAI and Microsoft did not merge, they have a partnership,
            so their shares should not really be added together, and the CMA decided in March 2025 that
            Microsoft had material influence but no control. So the screen overstates the problem.

            A term that matters is Microsoft's board observer seat, because it could let Microsoft see
            what OpenAI is planning.
            """,
            (
                Score(
                    "Reads the screen correctly",
                    1,
                    "The numbers are right, but 2,500 is the 2010 threshold; the 2023 Guidelines use 1,800. The "
                    "hypothetical shares are labelled.",
                ),
                Score(
                    "Limits of the HHI for a partnership",
                    1.5,
                    "'Not a merger' is explained with the CMA's finding, but that the firms still compete, and "
                    "market definition, are missing.",
                ),
                Score(
                    "A term that matters anyway",
                    0.5,
                    "A concrete term (held from November 2023 to July 2024), but 'see what OpenAI is planning' is "
                    "not yet a harm to rivals.",
                ),
            ),
        ),
        Sample(
            "weak",
            """
            The HHI of 2,325 shows that OpenAI and Microsoft together dominate the AI market, so the
            partnership should be blocked. Regulators in the UK and the US have both investigated it. One
            term that matters is exclusivity.
            """,
            (
                Score(
                    "Reads the screen correctly",
                    0.5,
                    "Quotes a number, but reads the hypothetical 'as if' as measured domination; nothing on the "
                    "cloud market or the thresholds.",
                ),
                Score("Limits of the HHI for a partnership", 0, "No limit of the screen."),
                Score("A term that matters anyway", 0.5, "Names exclusivity without saying whom it harms or how."),
            ),
        ),
    ),
)

ASSIGNMENT = Assignment(
    name="ps3-regulation",
    number="Problem set 3",
    title="Partners, rivals and the regulators",
    chapter="chapter-regulation",
    summary="""
    You measure concentration in cloud computing from reported shares, screen an "as if" combination
    of the partners in a hypothetical model market against the 2023 Merger Guidelines, encode the
    presumptions yourself, and argue what the numbers miss.
    """,
    setup=SETUP,
    items=(HHI, COMBINATION, SCREEN, PAIRS, ARGUMENT),
)
