"""Problem set 1: bargaining power and who should own the IP (chapter-ip)."""

from partnership.grading.authoring import Assignment, Criterion, HiddenCheck, Part, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and the case's numbers. Run this cell first.
from partnership.bargaining import nash_split, rubinstein_shares
from partnership.property_rights import (
    OWNERSHIP_STRUCTURES, best_ownership, compare_ownership, first_best, hold_up_equilibrium,
)

# Hypothetical figures for this exercise, in $bn of present value (not company data).
SURPLUS = 100.0        # joint value of renewing the partnership
THREAT_OPENAI = 40.0  # OpenAI's threat point (payoff while the two disagree): other clouds and investors
THREAT_MSFT = 20.0    # Microsoft's threat point: its own models and other labs
POWER_OPENAI = 0.5     # OpenAI's bargaining power (beta)

# Hypothetical hold-up parameters: A = OpenAI (research), B = Microsoft (compute).
THETA_OPENAI = 3.0     # how much OpenAI's research investment matters
THETA_MSFT = 2.0       # how much Microsoft's compute investment matters
LAMBDA_OWNER = 0.6     # share of its own investment's value a party keeps apart if it owns the IP
LAMBDA_NON_OWNER = 0.1 # ... and if it does not
"""

NASH = Part(
    grade_id="nash_payoff",
    title="OpenAI's Nash bargaining payoff",
    points=3,
    skills="write a function around `nash_split`; apply it to the renewal",
    prompt="""
    When the two sides renegotiate, the generalised (asymmetric) Nash bargaining solution gives each
    its *threat point* (what it gets while the two disagree) plus its bargaining-power share of the
    gains from trade, $S - d_O - d_M$; if the threat points add up to more than $S$ there is no deal
    and each keeps its threat point. (An *outside option*, walking away for good, is different: it
    matters only when it beats the bargain; see the revenue chapter.)

    Write `openai_payoff(surplus, threat_openai, threat_msft, power_openai)` that returns
    **OpenAI's** payoff (a number), with or without a deal. You may call `nash_split`. The line below
    your function then applies it to the case.
    """,
    solution='''
    def openai_payoff(surplus, threat_openai, threat_msft, power_openai):
        """OpenAI's payoff in the generalised Nash bargaining solution."""
        ### BEGIN SOLUTION
        return nash_split(surplus, threat_openai, threat_msft, power_openai).payoff_a
        ### END SOLUTION


    openai_deal = openai_payoff(SURPLUS, THREAT_OPENAI, THREAT_MSFT, POWER_OPENAI)
    openai_deal
    ''',
    tests="""
    # Tests for Part 1 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.bargaining import nash_split as _nash

    _function(openai_payoff, "openai_payoff")
    _close(openai_deal, 60.0, "openai_deal",
           hint="OpenAI gets its threat point (40) plus its share beta of the gains S - d_O - d_M = 40.")
    """,
    hidden=(
        HiddenCheck(
            expr="openai_payoff(*args)", reference="_nash(*args).payoff_a",
            inputs=((100.0, 40.0, 20.0, 0.8), (50.0, 5.0, 15.0, 0.3), (200.0, 0.0, 0.0, 0.5), (10.0, 0.0, 10.0, 1.0)),
            hint="Use the arguments, not the case's constants.",
        ),
        HiddenCheck(
            expr="openai_payoff(*args)", reference="25.0", inputs=((30.0, 25.0, 10.0, 0.5),),
            hint="The threat points (35) exceed the surplus (30): no deal, so OpenAI keeps its threat point.",
        ),
    ),
    hardcoded="return 60.0",
    wrong="return power_openai * surplus",
)

THREAT = Part(
    grade_id="threat_point_value",
    title="What a better threat point is worth",
    points=3,
    skills="compare two bargaining outcomes; see why only part of an improvement is captured",
    prompt="""
    The October 2025 agreement ended Microsoft's right of first refusal on new compute (OpenAI,
    28 October 2025): during a dispute OpenAI can now buy compute elsewhere, which in the model raises
    OpenAI's threat point, its payoff while the two disagree.

    Write `value_of_threat_point(surplus, threat_openai, threat_msft, power_openai, improvement)`:
    how much **OpenAI's payoff changes** when its threat point rises by `improvement` (payoff after
    minus payoff before). Then `gain_10` is that change for a $10bn improvement in the case.
    """,
    solution='''
    def value_of_threat_point(surplus, threat_openai, threat_msft, power_openai, improvement):
        """Change in OpenAI's Nash payoff when its threat point rises by `improvement`."""
        ### BEGIN SOLUTION
        before = nash_split(surplus, threat_openai, threat_msft, power_openai).payoff_a
        after = nash_split(surplus, threat_openai + improvement, threat_msft, power_openai).payoff_a
        return after - before
        ### END SOLUTION


    gain_10 = value_of_threat_point(SURPLUS, THREAT_OPENAI, THREAT_MSFT, POWER_OPENAI, 10.0)
    gain_10
    ''',
    tests="""
    # Tests for Part 2 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.bargaining import nash_split as _nash

    _function(value_of_threat_point, "value_of_threat_point")
    _close(gain_10, 5.0, "gain_10",
           hint="Only (1 - beta) of each extra dollar of threat point reaches OpenAI while a deal is still made.")
    """,
    hidden=(
        HiddenCheck(
            expr="value_of_threat_point(*args)",
            reference="_nash(args[0], args[1] + args[4], args[2], args[3]).payoff_a - _nash(*args[:4]).payoff_a",
            inputs=((100.0, 40.0, 20.0, 0.8, 10.0), (100.0, 40.0, 20.0, 0.5, 50.0), (60.0, 10.0, 10.0, 0.25, 4.0)),
            hint="Compare OpenAI's payoff after and before; if the better threat point breaks the deal, OpenAI keeps it.",
        ),
    ),
    hardcoded="return 5.0",
    wrong="return improvement",
)

PATIENCE = Part(
    grade_id="rubinstein_share",
    title="Patience and who proposes first",
    points=3,
    skills="use `rubinstein_shares` for either proposer",
    prompt="""
    In Rubinstein's alternating-offers game the more patient side gets more. Suppose (hypothetically)
    cash-hungry OpenAI discounts each round of delay by $\\delta_O = 0.90$ and Microsoft by
    $\\delta_M = 0.95$. `rubinstein_shares(delta_a, delta_b)` gives the shares when **A** proposes first.

    Write `openai_share(delta_openai, delta_msft, openai_first)` that returns OpenAI's share of the pie
    when OpenAI proposes first (`openai_first=True`) **or** when Microsoft does (`False`).
    """,
    solution='''
    def openai_share(delta_openai, delta_msft, openai_first):
        """OpenAI's subgame-perfect share of a pie of size 1."""
        ### BEGIN SOLUTION
        if openai_first:
            return rubinstein_shares(delta_openai, delta_msft)[0]
        return rubinstein_shares(delta_msft, delta_openai)[1]
        ### END SOLUTION


    share_openai_first = openai_share(0.90, 0.95, True)
    share_msft_first = openai_share(0.90, 0.95, False)
    share_openai_first, share_msft_first
    ''',
    tests="""
    # Tests for Part 3 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.bargaining import rubinstein_shares as _rub

    _function(openai_share, "openai_share")
    _close(share_openai_first, 0.05 / 0.145, "share_openai_first",
           hint="With OpenAI first its share is (1 - delta_M) / (1 - delta_O * delta_M).")
    _close(share_msft_first, 1 - 0.10 / 0.145, "share_msft_first",
           hint="When Microsoft proposes first, Microsoft plays the role of A: swap the arguments and take the other share.")
    """,
    hidden=(
        HiddenCheck(
            expr="openai_share(*args)", reference="_rub(args[0], args[1])[0] if args[2] else _rub(args[1], args[0])[1]",
            inputs=tuple((d_o, d_m, first) for d_o, d_m in ((0.5, 0.5), (0.8, 0.6), (0.99, 0.9), (0.0, 0.7)) for first in (True, False)),
        ),
    ),
    hardcoded="return 0.3448275862068968 if openai_first else 0.3103448275862072",
    wrong="return rubinstein_shares(delta_openai, delta_msft)[0]",
)

OWNERSHIP = Part(
    grade_id="best_structure",
    title="Which ownership structure maximises surplus?",
    points=4,
    skills="compare ownership structures in the hold-up model; return the best",
    prompt="""
    In the hold-up model, ownership changes what each side keeps if the deal breaks, and so how much
    each invests. Write two functions, with A = OpenAI and B = Microsoft:

    - `surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)`: a dict from each
      structure in `OWNERSHIP_STRUCTURES` (`"A owns"`, `"B owns"`, `"joint"`) to the **total surplus** in
      equilibrium;
    - `best_structure(...)` (same arguments): the name of the structure with the largest total surplus.
      If two tie, return the one listed first in `OWNERSHIP_STRUCTURES`.

    You may use `hold_up_equilibrium` or `compare_ownership`, but not `best_ownership` (that would be
    the answer itself; the hidden tests compare with it).
    """,
    solution='''
    # Define surplus_by_structure(...) and best_structure(...) here.
    ### BEGIN SOLUTION
    def surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        """Total equilibrium surplus under each ownership structure."""
        outcomes = compare_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        return {name: outcomes[name].total_surplus for name in OWNERSHIP_STRUCTURES}


    def best_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        """The structure with the largest total surplus (ties: the earlier one)."""
        surplus = surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        best = OWNERSHIP_STRUCTURES[0]
        for name in OWNERSHIP_STRUCTURES:
            if surplus[name] > surplus[best] + 1e-12:
                best = name
        return best
    ### END SOLUTION


    case_surplus = surplus_by_structure(THETA_OPENAI, THETA_MSFT, LAMBDA_OWNER, LAMBDA_NON_OWNER, POWER_OPENAI)
    case_best = best_structure(THETA_OPENAI, THETA_MSFT, LAMBDA_OWNER, LAMBDA_NON_OWNER, POWER_OPENAI)
    case_best, case_surplus
    ''',
    tests="""
    # Tests for Part 4 (4 points).
    from partnership.grading.checks import close as _close, equal as _equal, function as _function
    from partnership.property_rights import best_ownership as _best, compare_ownership as _compare

    _function(surplus_by_structure, "surplus_by_structure")
    _function(best_structure, "best_structure")
    _equal(sorted(case_surplus), sorted(["A owns", "B owns", "joint"]), "the keys of case_surplus")
    _close(case_surplus["A owns"], 11.83, "case_surplus['A owns']",
           hint="Total surplus is V(a, b) - a - b at the equilibrium investments.")
    _equal(case_best, "A owns", "case_best",
           hint="Compare theta_A (1 - beta) with theta_B beta: the side whose investment matters more, weighted by what the bargain leaves it, should own.")
    """,
    hidden=(
        HiddenCheck(
            expr="[surplus_by_structure(*args)[k] for k in ('A owns', 'B owns', 'joint')]",
            reference="[_compare(*args)[k].total_surplus for k in ('A owns', 'B owns', 'joint')]",
            compare="close_all", what="surplus_by_structure({args}) for 'A owns', 'B owns', 'joint'",
            inputs=((2.0, 3.0, 0.6, 0.1, 0.5), (3.0, 1.0, 0.5, 0.0, 0.5), (1.0, 4.0, 0.9, 0.3, 0.7), (2.5, 2.5, 0.8, 0.2, 0.3)),
        ),
        HiddenCheck(
            expr="best_structure(*args)", reference="_best(*args)", compare="equal",
            inputs=((2.0, 3.0, 0.6, 0.1, 0.5), (3.0, 1.0, 0.5, 0.0, 0.5), (1.0, 4.0, 0.9, 0.3, 0.7), (2.5, 2.5, 0.8, 0.2, 0.3)),
        ),
    ),
    hardcoded='''
    def surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        return {"A owns": 11.83, "B owns": 11.0175, "joint": 10.3675}


    def best_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        return "A owns"
    ''',
    wrong='''
    def surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        outcomes = compare_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        return {name: outcomes[name].payoff_a for name in OWNERSHIP_STRUCTURES}


    def best_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        surplus = surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        return max(surplus, key=surplus.get)
    ''',
)

LOSS = Part(
    grade_id="hold_up_loss",
    title="How much does hold-up cost?",
    points=3,
    skills="measure the efficiency loss against the first best",
    prompt="""
    Even the best structure falls short of the *first best*, the surplus a single owner of both
    investments would create (`first_best(theta_a, theta_b)` returns `(a, b, surplus)`).

    Write `hold_up_loss(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)`: the **fraction**
    of first-best surplus lost under the best ownership structure (a number between 0 and 1).
    Here you may use `best_ownership`.
    """,
    solution='''
    def hold_up_loss(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        """Fraction of the first-best surplus lost to hold-up under the best structure."""
        ### BEGIN SOLUTION
        best = best_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        achieved = hold_up_equilibrium(best, theta_a, theta_b, lambda_owner, lambda_non_owner, power_a).total_surplus
        ideal = first_best(theta_a, theta_b)[2]
        return (ideal - achieved) / ideal
        ### END SOLUTION


    case_loss = hold_up_loss(THETA_OPENAI, THETA_MSFT, LAMBDA_OWNER, LAMBDA_NON_OWNER, POWER_OPENAI)
    case_loss
    ''',
    tests="""
    # Tests for Part 5 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.property_rights import (
        best_ownership as _best, first_best as _first_best, hold_up_equilibrium as _eq,
    )

    _function(hold_up_loss, "hold_up_loss")
    _close(case_loss, 0.09, "case_loss",
           hint="(first-best surplus - surplus under the best structure) / first-best surplus; a fraction, not a percentage.")
    """,
    hidden=(
        HiddenCheck(
            expr="hold_up_loss(*args)", reference="0.0", abs_tol=1e-9, inputs=((3.0, 2.0, 1.0, 1.0, 0.5),),
            hint="If each side keeps all its investment's value apart, nobody is held up and nothing is lost.",
        ),
        HiddenCheck(
            expr="hold_up_loss(*args)",
            reference="(_first_best(args[0], args[1])[2] - _eq(_best(*args), *args).total_surplus) / _first_best(args[0], args[1])[2]",
            inputs=((3.0, 1.0, 0.5, 0.0, 0.5), (1.0, 4.0, 0.9, 0.3, 0.7), (2.5, 2.5, 0.8, 0.2, 0.3)),
        ),
    ),
    hardcoded="return 0.09",
    wrong='''
    best = best_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
    achieved = hold_up_equilibrium(best, theta_a, theta_b, lambda_owner, lambda_non_owner, power_a).total_surplus
    return first_best(theta_a, theta_b)[2] - achieved
    ''',
)

ARGUMENT = Written(
    grade_id="ip_ownership_answer",
    title="Should OpenAI keep the IP?",
    prompt="""
    In 150–250 words: using your results from Parts 4 and 5, say which ownership structure the model
    favours for this case and why (whose investment matters more, and who would be held up). Then
    name **one** feature of the real arrangement that the model leaves out and say how it changes the
    conclusion. For example: as of October 2025, Microsoft's IP rights to OpenAI's models and products
    run through 2032 (OpenAI, 28 October 2025), and the amendment announced on 27 April 2026 made that
    licence non-exclusive.
    """,
    criteria=(
        Criterion(
            "Uses the model's result",
            2,
            "States that 'A owns' (OpenAI) maximises surplus here, quoting the surpluses or the loss from Parts 4–5.",
            "Names a structure but without the numbers, or with numbers that do not support it.",
            "No structure, or the wrong one with no reasoning.",
        ),
        Criterion(
            "Explains the mechanism",
            2,
            "Explains that ownership raises what the owner keeps if bargaining fails (its threat point), so it keeps "
            "more of the return on its investment and invests closer to the first best; ownership goes to the side "
            "with the larger of θ_A(1 − β) and θ_Bβ (here OpenAI's research, θ = 3 against 2 with equal power).",
            "Mentions hold-up or incentives but does not link ownership to investment.",
            "No mechanism.",
        ),
        Criterion(
            "Confronts the model with the case",
            1,
            "Names a real feature (licence to 2032, non-exclusivity, AGI clause, revenue share, compute "
            "commitments) and says in which direction it moves the conclusion; terms known only from press reports are labelled as reported.",
            "Names a feature without saying what it changes, or states reported terms as confirmed facts.",
            "Nothing beyond the model.",
        ),
    ),
    sources=(
        "grossman1986ownership",
        "hart1990property",
        "openai2025nextchapter",
        "openai2026amendment",
        "microsoft2019partnership",
        "reuters2024eunoreview",
        "verge2025windsurf",
    ),
    exemplar="""
    With the hypothetical parameters, OpenAI owning the IP ("A owns") gives the largest total surplus,
    11.83 against 11.02 if Microsoft owns it and 10.37 under joint ownership, and still loses 9% of the
    first-best surplus (13.0). The reason is hold-up: investments are sunk before the two bargain, so
    each side earns only part of the return on what it invests. Ownership raises what the owner keeps
    if they fail to agree (its threat point), so the owner keeps more of its marginal return and invests more. Because OpenAI's research
    matters more than Microsoft's compute here (θ = 3 against 2), protecting OpenAI's incentive is worth
    more than protecting Microsoft's; joint ownership is worst because each side can block the other.

    The model leaves out that the real IP is licensed, not simply owned. As of October 2025, Microsoft
    holds rights to OpenAI's models and products through 2032 (OpenAI, 28 October 2025). A long licence
    lets Microsoft keep the value of its compute if the partnership breaks, which in the model acts like
    a higher λ for Microsoft and strengthens its investment incentive. The April 2026 amendment made the
    licence non-exclusive. Because a model can be used by two firms at once, a non-exclusive licence lets
    both sides keep using the IP if they part, raising both λs together, which none of the model's three
    ownership structures can do.
    """,
    calibration=(
        Sample(
            "strong",
            """
            The model favours OpenAI owning the IP: "A owns" gives a total surplus of 11.83, against 11.02
            if Microsoft owns it and 10.37 under joint ownership, and even then 9% of the first-best 13.0 is
            lost. Both sides invest before they bargain, so each is paid only part of the return on what it
            sinks in. Ownership raises what the owner keeps if the talks fail (its threat point), so the
            owner captures more of its marginal return and invests more. OpenAI's research matters more
            here (θ = 3 against 2) and bargaining power is equal, so OpenAI is the side whose
            under-investment costs most and the one to protect. Joint ownership lets each block the other
            and protects nobody.

            The model treats ownership as all or nothing, but the real IP is licensed. Since the April 2026
            amendment Microsoft's licence runs to 2032 but is non-exclusive, so both sides can use the same
            models; because IP can be used by two firms at once, that raises both sides' threat points
            together, which none of the three structures can do. The Windsurf purchase also shows the
            licence reached into what OpenAI could buy: it fell through because Microsoft refused to give
            up access to Windsurf's IP.
            """,
            (
                Score("Uses the model's result", 2, "The right structure, all three surpluses and the 9% loss, read correctly."),
                Score("Explains the mechanism", 2, "Sunk investment, the threat point, the marginal return and θ with equal bargaining power: the whole chain."),
                Score(
                    "Confronts the model with the case",
                    0.5,
                    "The non-exclusive licence is dated and its direction argued well, but the Windsurf reason is a "
                    "Bloomberg report the companies never confirmed and is stated as fact: half credit, as the rubric says.",
                ),
            ),
        ),
        Sample(
            "middling",
            """
            OpenAI should own the IP. In Part 4 "A owns" came out best, with a surplus of 11.83. This is
            because of hold-up: when contracts are incomplete one side can take advantage of the other
            after it has invested, so each side invests less than it should. OpenAI does the research that
            creates the models, so it needs the incentive most, and giving it the IP gives it that
            incentive. Joint ownership would be a bad idea because the two would fight over every decision.

            One thing the model leaves out is that Microsoft has rights to OpenAI's models and products until
            2032 (October 2025 agreement). This is important because Microsoft paid billions for access and
            would not accept losing it. So in reality the answer is more complicated than the model says, and
            both sides need to be protected.
            """,
            (
                Score(
                    "Uses the model's result",
                    1.5,
                    "The right structure and one correct number, but no comparison with the other structures or "
                    "the first best, so the reader cannot see by how much A owns wins.",
                ),
                Score(
                    "Explains the mechanism",
                    1,
                    "Names hold-up and incentives but never says how ownership protects the investment (what the "
                    "owner keeps if bargaining fails); 'needs the incentive most' is not yet the θ argument.",
                ),
                Score(
                    "Confronts the model with the case",
                    0.5,
                    "A real, dated feature (the licence to 2032), but 'more complicated' does not say which way it "
                    "moves the conclusion.",
                ),
            ),
        ),
        Sample(
            "weak",
            """
            OpenAI should own the IP because it invented the models and it would be unfair for Microsoft to
            profit from someone else's work. Microsoft already owns 49% of OpenAI and invested $10 billion
            in 2019, which is enough of a reward. If Microsoft owned the IP, OpenAI's researchers would leave.
            Joint ownership could work if both sides trust each other.
            """,
            (
                Score(
                    "Uses the model's result",
                    0.5,
                    "Names the structure the model favours, but from fairness, not from the model: no surplus, no loss.",
                ),
                Score(
                    "Explains the mechanism",
                    0,
                    "Ownership as a reward for past work, not an incentive for future investment; no hold-up.",
                ),
                Score(
                    "Confronts the model with the case",
                    0,
                    "Both 'facts' are errors: Microsoft invested $1bn in 2019, and until October 2025 it held a share "
                    "of profit distributions, not 49% of OpenAI's shares. No feature of the real deal is used.",
                ),
            ),
        ),
    ),
)

ASSIGNMENT = Assignment(
    name="ps1-ip",
    number="Problem set 1",
    title="Who should own the models? Bargaining power and IP",
    chapter="chapter-ip",
    summary="""
    You put numbers on the bargaining between OpenAI and Microsoft: each side's Nash payoff, what a
    better threat point is worth, how patience shifts the split, and which ownership of the IP
    keeps both sides investing.
    """,
    setup=SETUP,
    items=(NASH, THREAT, PATIENCE, OWNERSHIP, LOSS, ARGUMENT),
)
