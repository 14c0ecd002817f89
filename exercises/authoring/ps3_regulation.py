"""Problem set 3: partners, rivals and the regulators: a stake's two sides (chapter-regulation)."""

from partnership_grading.authoring import Assignment, Criterion, HiddenCheck, Part, Range, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and your numbers. Run this cell first.
from partnership.concentration import (
    HIGHLY_CONCENTRATED_HHI, SIGNIFICANT_DELTA_HHI, delta_hhi, hhi, market_label, merger_screen, modified_hhi,
)
from partnership.foreclosure import foreclosure_incentive

# Cloud infrastructure market shares in Q4 2023, in %, as reported by Synergy Research Group
# (press release, 1 February 2024). The other 34% is spread over many small providers, whose
# squared shares are small enough to leave out.
CLOUD_FIRMS = ["AWS", "Microsoft", "Google"]
CLOUD_SHARES = [31.0, 24.0, 11.0]

{numbers}

# A HYPOTHETICAL market for frontier-model APIs, in % (illustrative, not measured): your OpenAI and
# Microsoft shares; Google, Anthropic and Meta as given; the rest spread over many small firms.
API_FIRMS = ["OpenAI", "Google", "Anthropic", "Meta", "Microsoft"]
API_SHARES = [SHARE_OPENAI, 20.0, 15.0, 10.0, SHARE_MSFT]

# Microsoft sells compute to OpenAI (upstream) and competes with it downstream (Copilot against
# ChatGPT). HYPOTHETICAL per-unit terms, for foreclosure_incentive(**SUPPLY, stake=...): OpenAI buys
# 100 units; withheld, it keeps 30% of its sales on other clouds; of the sales it loses, Copilot wins
# your DIVERSION; Microsoft earns your UPSTREAM_MARGIN on each unit sold and 1.2 on each Copilot sale;
# OpenAI earns 1.0 on each sale.
SUPPLY = dict(rival_volume=100.0, upstream_margin=UPSTREAM_MARGIN, diversion=DIVERSION,
              downstream_margin=1.2, switching=0.3, rival_margin=1.0)

# Remedies a competition authority could impose on Microsoft's stake: name -> (stake, control weight).
REMEDIES = {
    "no remedy": (STAKE, CONTROL),
    "no board seat": (STAKE, 0.0),
    "stake cut to 10%": (0.10, CONTROL),
    "silent stake cut to 10%": (0.10, 0.0),
    "full divestment": (0.0, 0.0),
}
"""

# The stake below which withholding compute from OpenAI pays Microsoft (foreclosure_incentive's algebra).
_SIGMA_MIN = "((0.84 * DIVERSION - UPSTREAM_MARGIN) / 0.7)"
_AT = f"({_SIGMA_MIN} + 0.03)"

PARAMETERS = {
    "SHARE_OPENAI": Range(30.0, 40.0, 2.5, 35.0, "OpenAI's share of the hypothetical API market, %"),
    "SHARE_MSFT": Range(3.0, 7.0, 1.0, 5.0, "Microsoft's share of it, %"),
    "STAKE": Range(0.17, 0.37, 0.05, 0.27, "Microsoft's financial interest in OpenAI (about 27% announced in October 2025; yours is hypothetical)"),
    "CONTROL": Range(0.0, 0.8, 0.1, 0.2, "Microsoft's control weight over OpenAI's decisions (0: a silent stake, 1: full control)"),
    "DIVERSION": Range(0.55, 0.65, 0.025, 0.6, "share of OpenAI's lost sales Copilot would win"),
    "UPSTREAM_MARGIN": Range(0.35, 0.45, 0.025, 0.4, "Microsoft's margin on a unit of compute sold to OpenAI"),
    "MIN_CONTROL": Range(0.05, 0.15, 0.05, 0.1, "the least control weight Microsoft will accept in Part 4"),
}
CONSTRAINTS = (
    f"0.03 <= {_SIGMA_MIN} <= 0.25",  # withholding pays without a stake, and a modest stake stops it
    # a stake just above that point still passes the 100-point screen at the least control: Part 4 can be met
    f"SHARE_MSFT * SHARE_OPENAI * ({_AT} + MIN_CONTROL / (MIN_CONTROL * {_AT} + (1 - MIN_CONTROL) * (1 - {_AT}))) <= 100",
)
DIRECTIONS = '("rises", "falls", "unchanged")'
_DM = "_dm(SHARE_MSFT, SHARE_OPENAI, {stake}, {control})"

STAKE_STATICS = Part(
    grade_id="stake_mhhi",
    title="A stake, control, and the modified HHI",
    points=4,
    kind="statics",
    skills="predict how a stake and control move the modified HHI; write O'Brien and Salop's formula and verify",
    prompt="""
    A minority stake combines no market shares, so the ordinary ΔHHI is zero. O'Brien and Salop's
    **modified HHI** measures instead how much the owner then weighs its rival's profits. For firm A
    (share $s_A$) holding a fraction $\\beta$ of rival T's profits (share $s_T$) with control weight $c$ over
    T (the rest held by passive investors):
    $\\Delta MHHI = s_A s_T \\left[\\beta + \\frac{c}{c\\beta + (1 - c)(1 - \\beta)}\\right]$.

    With A = Microsoft and T = OpenAI in the hypothetical API market (your `SHARE_MSFT` and
    `SHARE_OPENAI`), your `STAKE` (0.17 to 0.37) and `CONTROL` (0 to 0.8), **predict**:
    `control_moves`, how ΔMHHI changes if Microsoft's control weight rises by 0.2, and `stake_moves`,
    how it changes if Microsoft's stake rises by 0.1 at your control weight (`"rises"`, `"falls"` or
    `"unchanged"`: think about what a controlling owner gains from more of the rival's own profits). Set
    `silent_delta` to ΔMHHI if your stake were silent ($c = 0$), which you can work out by hand.

    **Verify**: write `delta_mhhi(share_acquirer, share_target, stake, control)` **yourself**, from the
    formula (the hidden tests compare it with the package's `stake_delta_mhhi`).
    """,
    solution='''
    # Your two predictions, silent_delta, then delta_mhhi(...).
    ### BEGIN SOLUTION
    control_moves = "rises"
    stake_moves = "rises" if CONTROL < 0.65 else "falls"  # with much control, more of T's own profit is internalised
    silent_delta = STAKE * SHARE_MSFT * SHARE_OPENAI


    def delta_mhhi(share_acquirer, share_target, stake, control):
        """O'Brien and Salop's change in the modified HHI from a stake with a control weight."""
        return share_acquirer * share_target * (stake + control / (control * stake + (1 - control) * (1 - stake)))
    ### END SOLUTION


    case_delta = delta_mhhi(SHARE_MSFT, SHARE_OPENAI, STAKE, CONTROL)
    case_delta
    ''',
    tests=f"""
    # Tests for Part 2 (4 points).
    from partnership.checks import close as _close, equal as _equal, function as _function, one_of as _one_of
    from partnership.concentration import stake_delta_mhhi as _dm

    _one_of(control_moves, {DIRECTIONS}, "control_moves")
    _one_of(stake_moves, {DIRECTIONS}, "stake_moves")
    _equal(silent_delta >= 0, True, f"whether silent_delta ({{silent_delta}}) is a change in points (0 or more)")
    _function(delta_mhhi, "delta_mhhi")
    _close(delta_mhhi(5.0, 35.0, 0.27, 0.0), 47.25, "delta_mhhi(5, 35, 0.27, 0), a silent 27% stake",
           hint="With c = 0 the bracket is just the stake: 0.27 x 5 x 35.")
    _close(delta_mhhi(5.0, 35.0, 0.27, 1.0), 695.3981481481482, "delta_mhhi(5, 35, 0.27, 1), the same stake with full control",
           hint="With c = 1 the bracket is beta + 1 / beta: more than a merger's 2.")
    """,
    hidden=(
        HiddenCheck(expr="control_moves", reference=_DM.format(stake="STAKE", control="CONTROL + 0.2") + " - " + _DM.format(stake="STAKE", control="CONTROL"),
                    compare="direction", what="your prediction control_moves"),
        HiddenCheck(expr="stake_moves", reference=_DM.format(stake="STAKE + 0.1", control="CONTROL") + " - " + _DM.format(stake="STAKE", control="CONTROL"),
                    compare="direction", what="your prediction stake_moves, at your control weight",
                    hint="Compare the formula at your stake and 0.1 more, with your control weight."),
        HiddenCheck(expr="silent_delta", reference=_DM.format(stake="STAKE", control="0.0"), abs_tol=0.05,
                    what="silent_delta, for your stake and shares"),
        HiddenCheck(expr="delta_mhhi(*args)", reference="_dm(*args)", what="delta_mhhi({args})",
                    inputs=((10.0, 20.0, 0.5, 0.5), (31.0, 24.0, 0.1, 0.0), (40.0, 2.0, 0.9, 0.25), (5.0, 35.0, 0.0, 0.6))),
        HiddenCheck(expr="case_delta", reference=_DM.format(stake="STAKE", control="CONTROL"), what="case_delta, with your numbers"),
    ),
    hardcoded='''
    control_moves = "rises"
    stake_moves = "rises"
    silent_delta = 47.25


    def delta_mhhi(share_acquirer, share_target, stake, control):
        return 47.25 if control == 0 else 695.3981481481482
    ''',
    wrong='''
    control_moves = "rises"
    stake_moves = "rises"
    silent_delta = 2 * SHARE_MSFT * SHARE_OPENAI


    def delta_mhhi(share_acquirer, share_target, stake, control):
        return 2 * share_acquirer * share_target * stake
    ''',
    typed=("silent_delta",),
)

REMEDY = Part(
    grade_id="remedy_choice",
    title="The least intrusive remedy",
    points=4,
    kind="choice",
    skills="choose a remedy for a stated objective: weigh the horizontal screen against the foreclosure incentive",
    prompt="""
    A stake has two sides. Horizontally it softens competition between Microsoft and OpenAI (ΔMHHI).
    Vertically it protects OpenAI: Microsoft loses its share of OpenAI's profit on every sale OpenAI
    loses, so withholding compute pays it less (`foreclosure_incentive(**SUPPLY, stake=...)`: a
    positive `gain` means withholding pays).

    An authority wants the **least intrusive** remedy in `REMEDIES` (name -> `(stake, control)`): the one
    that leaves Microsoft the **largest stake** (on a tie, the larger control weight; then the first
    listed) among those under which (1) ΔMHHI in the API market is at most 100 and (2) withholding
    compute does **not** pay (gain at most 0). Write
    `least_intrusive(remedies, share_acquirer, share_target, supply)` returning that remedy's name, or
    `None` if none qualifies. Use your `delta_mhhi` from Part 2 or the package's `stake_delta_mhhi`.
    The line below chooses for your numbers.
    """,
    solution='''
    def least_intrusive(remedies, share_acquirer, share_target, supply):
        """The remedy leaving the largest stake (then control) that passes the screen and stops foreclosure."""
        ### BEGIN SOLUTION
        from partnership import concentration

        best = None
        for name, (stake, control) in remedies.items():
            screened = concentration.stake_delta_mhhi(share_acquirer, share_target, stake, control) <= SIGNIFICANT_DELTA_HHI
            safe = foreclosure_incentive(**supply, stake=stake).gain <= 0
            if screened and safe and (best is None or (stake, control) > remedies[best]):
                best = name
        return best
        ### END SOLUTION


    case_remedy = least_intrusive(REMEDIES, SHARE_MSFT, SHARE_OPENAI, SUPPLY)
    case_remedy
    ''',
    tests="""
    # Tests for Part 3 (4 points).
    from partnership.checks import equal as _equal, function as _function
    from partnership.concentration import stake_delta_mhhi as _dm
    from partnership.foreclosure import foreclosure_incentive as _fi

    _function(least_intrusive, "least_intrusive")
    _supply = dict(rival_volume=10.0, upstream_margin=0.3, diversion=0.6, downstream_margin=1.2, switching=0.3, rival_margin=1.0)
    _equal(least_intrusive({"keep": (0.3, 0.5), "silent": (0.3, 0.0), "small": (0.05, 0.0)}, 5.0, 35.0, _supply), "silent",
           "least_intrusive for three remedies",
           hint="'keep' fails the screen (a change of 227.5) and 'small' leaves withholding profitable (a gain of 1.69).")
    """,
    hidden=(
        HiddenCheck(
            expr="least_intrusive(*args)", reference="solution.least_intrusive(*args)", compare="equal", what="least_intrusive({args})",
            inputs=(
                ({"a": (0.4, 0.0), "b": (0.4, 0.3), "c": (0.2, 0.1), "d": (0.0, 0.0)}, 4.0, 30.0,
                 dict(rival_volume=50.0, upstream_margin=0.4, diversion=0.6, downstream_margin=1.2, switching=0.3, rival_margin=1.0)),
                ({"a": (0.6, 0.0), "b": (0.05, 0.0)}, 6.0, 40.0,
                 dict(rival_volume=50.0, upstream_margin=0.35, diversion=0.65, downstream_margin=1.2, switching=0.3, rival_margin=1.0)),
                ({"x": (0.3, 0.2), "y": (0.3, 0.2)}, 2.0, 20.0,
                 dict(rival_volume=5.0, upstream_margin=0.5, diversion=0.5, downstream_margin=1.0, switching=0.2, rival_margin=1.0)),
            ),
            hint="Check both conditions for every remedy; among those left take the largest stake, then the larger control weight.",
        ),
        HiddenCheck(expr="case_remedy", reference="solution.least_intrusive(REMEDIES, SHARE_MSFT, SHARE_OPENAI, SUPPLY)",
                    compare="equal", what="case_remedy, for your numbers"),
    ),
    hardcoded='''
    return "no board seat" if len(remedies) == 5 else "silent"
    ''',
    wrong='''
    best = None
    from partnership import concentration

    for name, (stake, control) in remedies.items():
        if concentration.stake_delta_mhhi(share_acquirer, share_target, stake, control) <= SIGNIFICANT_DELTA_HHI:
            if best is None or (stake, control) > remedies[best]:
                best = name
    return best
    ''',
)

DESIGN = Part(
    grade_id="stake_design",
    title="Design the stake Microsoft keeps",
    points=5,
    kind="design",
    skills="design a stake and control weight that meet a horizontal and a vertical constraint, checked with the models",
    prompt="""
    Microsoft proposes its own remedy: a stake `my_stake` (a fraction of OpenAI's profits) and a
    control weight `my_control`, such that

    1. Microsoft keeps a say: `my_control` is at least your `MIN_CONTROL`;
    2. withholding compute from OpenAI does not pay (`foreclosure_incentive(**SUPPLY, stake=my_stake).gain`
       at most 0);
    3. the stake passes the horizontal screen: ΔMHHI in the API market at most 100;
    4. Microsoft keeps nearly as much as it can: 0.02 more stake, at the same control weight, would
       break condition 3.

    Many designs work, and yours depend on your numbers: search by hand or by code (with your
    `delta_mhhi` or the package's `stake_delta_mhhi`). The test cell
    shows how the first three conditions are checked; the grader checks the fourth the same way.
    """,
    solution='''
    # Set my_stake and my_control.
    ### BEGIN SOLUTION
    from partnership import concentration

    my_control = MIN_CONTROL  # the least control leaves room for the largest stake
    low, high = 0.0, 0.99
    for _ in range(60):  # the largest stake whose change in the modified HHI is at most 100
        mid = (low + high) / 2
        low, high = (mid, high) if concentration.stake_delta_mhhi(SHARE_MSFT, SHARE_OPENAI, mid, my_control) <= SIGNIFICANT_DELTA_HHI else (low, mid)
    my_stake = low - 0.005
    ### END SOLUTION
    my_stake, my_control
    ''',
    tests="""
    # Tests for Part 4 (5 points).
    from partnership.checks import equal as _equal
    from partnership.concentration import stake_delta_mhhi as _dm
    from partnership.foreclosure import foreclosure_incentive as _fi

    _equal(MIN_CONTROL <= my_control <= 1, True, f"whether my_control ({my_control}) is between your MIN_CONTROL ({MIN_CONTROL}) and 1")
    _equal(0 <= my_stake < 1, True, f"whether my_stake ({my_stake}) is a fraction below 1")
    _gain = _fi(**SUPPLY, stake=my_stake).gain
    _equal(_gain <= 0, True, f"whether withholding compute does not pay with your stake (gain {_gain:.3f})")
    _change = _dm(SHARE_MSFT, SHARE_OPENAI, my_stake, my_control)
    _equal(_change <= 100, True, f"whether the stake's change in the modified HHI ({_change:.1f}) is at most 100")
    """,
    hidden=(
        HiddenCheck(expr="my_stake + 0.02 >= 1 or _dm(SHARE_MSFT, SHARE_OPENAI, my_stake + 0.02, my_control) > 100", compare="true",
                    what="whether 0.02 more stake would break the 100-point screen (Microsoft keeps nearly all it can)",
                    hint="Find the largest stake that passes the screen at your control weight, then stay within 0.02 of it."),
    ),
    hardcoded='''
    my_stake = 0.395
    my_control = 0.1
    ''',
    wrong='''
    my_stake = STAKE
    my_control = CONTROL
    ''',
    typed=("my_stake", "my_control"),
)

HHI = Part(
    grade_id="cloud_hhi",
    title="How concentrated is cloud computing?",
    points=3,
    kind="compute",
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
    from partnership.checks import close as _close, equal as _equal, function as _function

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

ARGUMENT = Written(
    grade_id="regulation_answer",
    title="What can concentration numbers tell a regulator about a partnership?",
    prompt="""
    In 150–250 words. The UK Competition and Markets Authority found (5 March 2025) that Microsoft
    has had "material influence" over OpenAI since 2019 but not control, so the partnership did not
    qualify as a merger under the Enterprise Act 2002. The FTC's staff report on AI partnerships
    (17 January 2025) pointed instead to equity and revenue-share rights, consultation and
    exclusivity rights, switching costs and access to sensitive information. Using your numbers,
    explain (a) what an HHI screen, and the modified HHI of a stake, can and cannot tell a regulator
    about a partnership that is not a merger, including the trade-off your remedy and design of
    Parts 3 and 4 faced; and (b) one term of this partnership that would matter to a competition
    authority even if the HHIs were low.
    """,
    criteria=(
        Criterion(
            "Reads the screen correctly",
            2,
            "Uses the numbers (the cloud HHI ≈ 1,658 is below 1,800; the stake's ΔMHHI from the student's notebook, "
            "silent and with its control weight, against the 100-point change; the stake below which withholding "
            "compute pays) and notes that the API shares are hypothetical.",
            "Quotes numbers but misreads a threshold or the trade-off, or treats the hypothetical shares as data.",
            "No numbers.",
            bands=(
                (1.5, "Every number and threshold right, but the hypothetical shares presented as measured, or the "
                      "foreclosure side of the stake left out."),
                (0.5, "A single number, read as a verdict on the market without its threshold."),
            ),
        ),
        Criterion(
            "Limits of the HHI for a partnership",
            2,
            "Explains that a partnership is not a merger: the firms keep competing in some markets, influence runs "
            "through contracts and stakes that the ordinary ΔHHI cannot see (the modified HHI sees a stake, not a "
            "contract), a stake also changes vertical incentives, and market definition for fast-moving AI markets is uncertain.",
            "Names one limit and explains it, or several without explaining them.",
            "None.",
            bands=(
                (1.5, "Two limits explained, the others missing or only named."),
                (0.5, "A limit named in passing ('it is not a merger') with nothing on what follows from it."),
            ),
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
        "obrien2000partial",
        "moresi2013vguppi",
        "microsoft2025nextchapter",
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
    The HHI measures structure: with the reported Q4 2023 shares, cloud infrastructure has an HHI of
    about 1,658, just below the 1,800 the 2023 Guidelines call highly concentrated. A minority stake
    combines no shares, so its ordinary ΔHHI is zero; the modified HHI asks instead how far the stake
    makes Microsoft weigh OpenAI's profits. With the published numbers (the API shares are made up:
    OpenAI 35%, Microsoft 5%) a silent 27% stake adds about 47 points, and with a board seat's control
    weight of 0.2 about 102, just over the 100-point change the Guidelines treat as significant. But
    the stake cuts both ways: the more of OpenAI's profit Microsoft owns, the less it gains by
    withholding compute, and below a stake of about 15% withholding would pay. So the least intrusive
    remedy drops the seat, not the stake. None of this makes the partnership a merger: the firms still
    compete (Microsoft's 2024 annual report lists OpenAI as a competitor), influence runs through
    contracts no index sees, which is why the CMA found material influence but no control, and AI
    markets are hard to define while products change every few months.

    What matters even with low HHIs is exclusivity. Until January 2025 Azure was OpenAI's exclusive
    cloud, and under the October 2025 terms third-party API products stayed Azure-exclusive (the April
    2026 amendment lets OpenAI serve all products on any cloud). Such terms can deny rival clouds a
    leading customer and raise switching costs without changing any share much, which is why the
    FTC's report looked at exclusivity, switching costs and access to sensitive information.
    """,
    calibration=(
        Sample(
            "strong",
            """
            (a) The cloud market's HHI, about 1,658 on Synergy's Q4 2023 shares, is below the 1,800 line of
            the 2023 Guidelines, so it is not highly concentrated on this definition. A 27% stake combines no
            shares, so the ordinary ΔHHI is zero; the modified HHI measures how much Microsoft then weighs
            OpenAI's profits. OpenAI has 35% of the API market and Microsoft 5%, so a silent stake adds about
            47 points and one with a board seat (control weight 0.2) about 102, over the 100 that counts as a
            significant change. Yet the stake also protects OpenAI: below about 15%, withholding compute would
            pay Microsoft, so cutting the stake trades one harm for another, and dropping the seat passes both
            tests. Microsoft's 2024 annual report lists OpenAI as a competitor, and its influence came from
            contracts, which is why the CMA found material influence but no control. The market itself is
            also hard to define when AI products change every few months.

            (b) Exclusivity. Under the October 2025 terms, third-party API products stayed exclusive to Azure.
            A rival cloud could then not win a leading AI customer however concentrated the market looked,
            and buyers faced switching costs, which is what the FTC's report pointed to.
            """,
            (
                Score(
                    "Reads the screen correctly",
                    1.5,
                    "Every number and threshold right, and the trade-off read correctly, but the API shares are "
                    "presented as measured ('OpenAI has 35%'): they are hypothetical.",
                ),
                Score(
                    "Limits of the HHI for a partnership",
                    2,
                    "Competition between the partners, influence through contracts, the zero ΔHHI of a stake, its "
                    "vertical side and market definition: the whole list, each explained.",
                ),
                Score("A term that matters anyway", 1, "A dated term and the mechanism by which it harms rival clouds."),
            ),
        ),
        Sample(
            "middling",
            """
            The cloud HHI is 1,658, which is below 2,500, so the market is not concentrated and a regulator
            would not worry. Microsoft's 27% stake raises the modified HHI by 102, which is above the
            threshold, so the stake should be cut.

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
                    "The numbers are right, but 2,500 is the 2010 threshold (the 2023 Guidelines use 1,800), and "
                    "cutting the stake misreads the trade-off: a smaller stake makes withholding compute pay.",
                ),
                Score(
                    "Limits of the HHI for a partnership",
                    1.5,
                    "'Not a merger' is explained with the CMA's finding and what the shares mean, but that the firms "
                    "still compete, and market definition, are missing.",
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
            The modified HHI of 102 shows that OpenAI and Microsoft together dominate the AI market, so the
            partnership should be blocked. Regulators in the UK and the US have both investigated it. One
            term that matters is exclusivity.
            """,
            (
                Score(
                    "Reads the screen correctly",
                    0.5,
                    "Quotes a number, but reads a change in a hypothetical market as measured domination; nothing on "
                    "the cloud market or the thresholds.",
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
    You measure concentration in cloud computing from reported shares, predict and verify how a stake
    and control move the modified HHI, choose the least intrusive remedy for a stake that both
    softens competition and protects against foreclosure, design the stake Microsoft keeps, and argue
    what the numbers miss.
    """,
    setup=SETUP,
    items=(HHI, STAKE_STATICS, REMEDY, DESIGN, ARGUMENT),
    parameters=PARAMETERS,
    constraints=CONSTRAINTS,
)
