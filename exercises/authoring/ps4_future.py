"""Problem set 4: will they keep cooperating? Repeated games and scenarios (chapter-future)."""

from partnership.grading.authoring import Assignment, Criterion, HiddenCheck, Part, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and the case's numbers. Run this cell first.
from partnership.cooperation import (
    check_dilemma, cooperation_sustainable, critical_discount_factor, value_of_cooperating, value_of_defecting,
)
from partnership.scenarios import Scenario, expected_payoffs, partnership_scenarios

# HYPOTHETICAL yearly payoffs to each partner, in $bn, in a symmetric game where each side either
# cooperates (shares models and compute as agreed) or defects (goes it alone, courts rivals).
T, R, P, S = 14.0, 10.0, 6.0, 3.0  # temptation, reward, punishment, sucker

# A HYPOTHETICAL scenario tree for the partnership's next phase: (OpenAI, Microsoft) values in $bn.
PAYOFFS = {"renegotiate": (60.0, 50.0), "status quo": (40.0, 45.0), "separation": (35.0, 20.0)}
"""

CRITICAL = Part(
    grade_id="critical_delta",
    title="How patient must the partners be?",
    points=3,
    skills="find the discount factor above which cooperation holds",
    prompt="""
    With grim-trigger strategies, cooperating forever is an equilibrium when each side's discount
    factor is at least $\\delta^* = (T - R)/(T - P)$. Write `critical_delta(temptation, reward,
    punishment, sucker)` that returns $\\delta^*$ and raises `ValueError` unless
    $T > R > P > S$ (otherwise the game is not a prisoner's dilemma). You may use the package.
    """,
    solution='''
    def critical_delta(temptation, reward, punishment, sucker):
        """Smallest discount factor at which grim-trigger cooperation holds."""
        ### BEGIN SOLUTION
        return critical_discount_factor(temptation, reward, punishment, sucker)
        ### END SOLUTION


    delta_star = critical_delta(T, R, P, S)
    delta_star
    ''',
    tests="""
    # Tests for Part 1 (3 points).
    from partnership.grading.checks import close as _close, function as _function, raises as _raises
    from partnership.cooperation import critical_discount_factor as _critical

    _function(critical_delta, "critical_delta")
    _close(delta_star, 0.5, "delta_star", hint="(T - R) / (T - P): the one-off gain from defecting over what it costs forever after.")
    """,
    hidden=(
        HiddenCheck(
            expr="critical_delta(*args)", reference="_critical(*args)",
            inputs=((5.0, 3.0, 1.0, 0.0), (20.0, 19.0, 2.0, -5.0), (4.0, 3.5, 3.0, 2.0)),
        ),
        HiddenCheck(
            expr="critical_delta(*args)", reference="ValueError", compare="raises",
            inputs=((10.0, 14.0, 6.0, 3.0), (14.0, 10.0, 2.0, 3.0)),
            hint="Check T > R > P > S; check_dilemma does this.",
        ),
    ),
    hardcoded="return 0.5",
    wrong="return (temptation - reward) / (reward - punishment)",
)

TEMPTATION = Part(
    grade_id="max_temptation",
    title="How big a temptation can cooperation survive?",
    points=3,
    skills="invert the cooperation condition for the largest temptation",
    prompt="""
    Suppose each side discounts the future by $\\delta$ a year. Cooperation holds as long as
    $\\delta \\ge (T - R)/(T - P)$. Solve that for $T$ and write `max_temptation(delta, reward, punishment)`:
    the **largest** temptation payoff at which cooperation still holds. The cell applies it with
    $\\delta = 0.8$ and the setup's $R$ and $P$.
    """,
    solution='''
    def max_temptation(delta, reward, punishment):
        """Largest temptation payoff T at which grim-trigger cooperation still holds."""
        ### BEGIN SOLUTION
        return (reward - delta * punishment) / (1 - delta)
        ### END SOLUTION


    t_max = max_temptation(0.8, R, P)
    t_max
    ''',
    tests="""
    # Tests for Part 2 (3 points).
    from partnership.grading.checks import close as _close, function as _function
    from partnership.cooperation import critical_discount_factor as _critical

    _function(max_temptation, "max_temptation")
    _close(t_max, 26.0, "t_max", hint="delta (T - P) >= T - R rearranges to T <= (R - delta P) / (1 - delta).")
    """,
    hidden=(
        HiddenCheck(
            expr="_critical(max_temptation(*args), args[1], args[2], args[2] - 1.0)", reference="args[0]",
            what="the critical discount factor at T = max_temptation({args})",
            inputs=((0.5, 10.0, 6.0), (0.9, 3.0, 1.0), (0.25, 8.0, 0.0)),
            hint="At the largest temptation, the cooperation condition should hold with equality.",
        ),
    ),
    hardcoded="return 26.0",
    wrong="return reward / (1 - delta)",
)

EXPECTED = Part(
    grade_id="expected_values",
    title="What is each side's future worth?",
    points=3,
    skills="build the scenario tree and take expectations",
    prompt="""
    Write `expected_values(p_renegotiate, p_status_quo, p_separation, payoffs)` returning
    `(OpenAI's expected value, Microsoft's expected value)` over the three-branch tree, where
    `payoffs` maps each branch to an `(OpenAI, Microsoft)` pair like `PAYOFFS`. It must raise
    `ValueError` if the probabilities do not add up to 1 (the package's `partnership_scenarios` and
    `expected_payoffs` do this for you). The cell applies it with probabilities 0.5, 0.3 and 0.2.
    """,
    solution='''
    def expected_values(p_renegotiate, p_status_quo, p_separation, payoffs):
        """(E[OpenAI], E[Microsoft]) over the renegotiate / status quo / separation tree."""
        ### BEGIN SOLUTION
        tree = partnership_scenarios(p_renegotiate, p_status_quo, p_separation, payoffs)
        return expected_payoffs(tree)
        ### END SOLUTION


    base_case = expected_values(0.5, 0.3, 0.2, PAYOFFS)
    base_case
    ''',
    tests="""
    # Tests for Part 3 (3 points).
    from partnership.grading.checks import close as _close, function as _function, raises as _raises

    _function(expected_values, "expected_values")
    _close(base_case[0], 49.0, "OpenAI's expected value, base_case[0]", hint="0.5 * 60 + 0.3 * 40 + 0.2 * 35.")
    _close(base_case[1], 42.5, "Microsoft's expected value, base_case[1]")
    """,
    hidden=(
        HiddenCheck(
            expr="list(expected_values(*args))", reference="solution.expected_values(*args)", compare="close_all",
            inputs=(
                (0.1, 0.6, 0.3, {"renegotiate": (10.0, -5.0), "status quo": (0.0, 7.0), "separation": (3.0, 3.0)}),
                (0.0, 0.0, 1.0, {"renegotiate": (10.0, -5.0), "status quo": (0.0, 7.0), "separation": (3.0, 3.0)}),
            ),
        ),
        HiddenCheck(
            expr="expected_values(*args)", reference="ValueError", compare="raises",
            inputs=((0.5, 0.5, 0.5, {"renegotiate": (10.0, -5.0), "status quo": (0.0, 7.0), "separation": (3.0, 3.0)}),),
            what="expected_values with probabilities adding up to 1.5",
        ),
    ),
    hardcoded="return 49.0, 42.5",
    wrong="""
    names = ["renegotiate", "status quo", "separation"]
    return (sum(payoffs[n][0] for n in names) / 3, sum(payoffs[n][1] for n in names) / 3)
    """,
)

RISK = Part(
    grade_id="separation_risk",
    title="How much risk of a break-up will Microsoft tolerate?",
    points=4,
    skills="solve the scenario tree for a break-even probability, with edge cases",
    prompt="""
    Hold the probability of renegotiation fixed at `p_renegotiate`; a separation probability $p$
    leaves $1 - p_{renegotiate} - p$ for the status quo. Write
    `max_separation_risk(p_renegotiate, msft_payoffs, walk_away)`, where `msft_payoffs` is Microsoft's
    `(renegotiate, status quo, separation)` payoffs, returning the **largest** $p$ between 0 and
    $1 - p_{renegotiate}$ at which Microsoft's expected payoff is still at least `walk_away`.
    If even $p = 0$ leaves Microsoft below `walk_away`, return `None`.

    Hint: the expected payoff is a straight line in $p$; check both ends before solving.
    """,
    solution='''
    def max_separation_risk(p_renegotiate, msft_payoffs, walk_away):
        """Largest separation probability at which Microsoft still prefers to stay (None if none)."""
        ### BEGIN SOLUTION
        renegotiate, status_quo, separation = msft_payoffs
        top = 1 - p_renegotiate

        def value(p):
            return p_renegotiate * renegotiate + (top - p) * status_quo + p * separation

        if value(top) >= walk_away:
            return top
        if value(0.0) < walk_away:
            return None
        return (value(0.0) - walk_away) / (status_quo - separation)
        ### END SOLUTION


    risk_msft = max_separation_risk(0.5, (PAYOFFS["renegotiate"][1], PAYOFFS["status quo"][1], PAYOFFS["separation"][1]), 40.0)
    risk_msft
    ''',
    tests="""
    # Tests for Part 4 (4 points).
    from partnership.grading.checks import close as _close, equal as _equal, function as _function

    _function(max_separation_risk, "max_separation_risk")
    _close(risk_msft, 0.3, "risk_msft",
           hint="Microsoft's expected payoff is 0.5 * 50 + (0.5 - p) * 45 + p * 20 = 47.5 - 25 p; set it equal to 40.")
    """,
    hidden=(
        HiddenCheck(
            expr="max_separation_risk(*args)", reference="solution.max_separation_risk(*args)",
            inputs=((0.0, (0.0, 40.0, 10.0), 25.0), (0.5, (50.0, 45.0, 44.0), 40.0), (0.2, (30.0, 10.0, 20.0), 15.0)),
            hint="If separation beats the status quo, or Microsoft is content whatever happens, the answer is 1 - p_renegotiate.",
        ),
        HiddenCheck(
            expr="max_separation_risk(*args)", reference="None", compare="equal",
            inputs=((0.5, (50.0, 45.0, 20.0), 48.0),),
            hint="When Microsoft falls short of its outside option even with no separation risk, return None.",
        ),
    ),
    hardcoded="return 0.3",
    wrong="""
    renegotiate, status_quo, separation = msft_payoffs
    return (status_quo - walk_away) / (status_quo - separation)
    """,
)

ARGUMENT = Written(
    grade_id="future_answer",
    title="After the April 2026 amendment, will they keep cooperating?",
    prompt="""
    In 150–250 words. The amendment the companies announced on 27 April 2026 made Microsoft's
    licence to OpenAI's IP (which runs through 2032) non-exclusive, let OpenAI serve all its products
    on any cloud, ended Microsoft's revenue-share payments to OpenAI, and capped OpenAI's payments to
    Microsoft through 2030. Using Parts 1 and 2, argue whether the partnership is now more or less likely to stay
    cooperative: say which of $T$, $R$ and $P$ the amendment changes, in which direction, and what
    that does to $\\delta^*$. Use Parts 3–4 to say what would have to be true of the probabilities for
    Microsoft to stay engaged.
    """,
    criteria=(
        Criterion(
            "Uses the repeated-game condition",
            2,
            "States δ* = (T − R)/(T − P) (0.5 in the exercise) and reasons about how changes in T, R or P move it.",
            "Mentions patience or the threshold without using the formula's comparative statics.",
            "No use of the model.",
        ),
        Criterion(
            "Maps the amendment to payoffs",
            2,
            "Argues at least two mappings with a direction, e.g. any-cloud freedom legalises former 'defections' "
            "(lower T − R), while a non-exclusive licence and capped payments make going it alone less painful (higher P).",
            "One mapping, or mappings without directions.",
            "None.",
        ),
        Criterion(
            "Uses the scenarios and labels facts",
            1,
            "Links the break-even separation risk (0.3 in the exercise) to Microsoft's incentive to stay; "
            "dates the amendment and keeps official terms apart from press reports.",
            "Only one of the two.",
            "Neither.",
        ),
    ),
    sources=(
        "friedman1971supergames",
        "openai2026amendment",
        "openai2025nextchapter",
    ),
    exemplar="""
    In the exercise, cooperation survives if each side's discount factor is at least
    δ* = (T − R)/(T − P) = (14 − 10)/(14 − 6) = 0.5. The April 2026 amendment moves this
    threshold in two opposite ways. First, it makes legal several moves that used to count as
    defection: OpenAI may now serve every product on any cloud and Microsoft's licence is no longer
    exclusive. What remains to be gained by breaking the deal is smaller, so T − R falls and δ* falls.
    Second, the punishment bites less: if cooperation broke down, each side would still keep a licence,
    other clouds and capped payments, so mutual defection pays more and P rises; with T − P smaller,
    δ* rises. As Part 2 showed, with δ = 0.8 cooperation survives temptations up to 26, so a partnership
    whose remaining temptations are small is robust even if the punishment weakens.

    My reading is that the amendment lowers the stakes of cooperation rather than raising the temptation
    to defect, so the partnership is more likely to stay cooperative, but looser. Parts 3–4 add that
    Microsoft stays engaged only while the chance of separation stays below about 30% with a $40bn
    walk-away value. Capped payments lower what Microsoft gets from renegotiation and the status quo,
    which lowers that tolerance.
    """,
    calibration=(
        Sample(
            "strong",
            """
            With T = 14, R = 10 and P = 6, cooperation is an equilibrium when δ ≥ δ* = (T − R)/(T − P) = 0.5.
            The amendment of 27 April 2026 changes two of these payoffs. Serving products on any cloud and
            licensing to others are no longer breaches, so much of what a side could once gain only by
            defecting it now gets while cooperating: T − R falls, and with it δ*. Second, going it alone
            hurts less: OpenAI keeps other clouds and Microsoft keeps a licence to 2032, so P rises, and a
            higher P also lowers δ*, since defecting is now punished less harshly.

            Both changes point the same way, so the partnership is more stable: even at δ = 0.8 it would
            survive temptations up to 26. For Microsoft to stay engaged, Parts 3–4 say the chance of
            separation must stay below about 0.3 given its $40bn walk-away value; capped payments from OpenAI
            lower its payoff in the renegotiation and status-quo branches, so that tolerance is smaller than
            before.
            """,
            (
                Score("Uses the repeated-game condition", 2, "The formula, its value and comparative statics in T − R."),
                Score(
                    "Maps the amendment to payoffs",
                    1.5,
                    "Two mappings with directions, but the second is read the wrong way: a higher P shrinks T − P, "
                    "so δ* rises. The answer's conclusion ('both point the same way') inherits the slip.",
                ),
                Score("Uses the scenarios and labels facts", 1, "The 0.3 break-even risk tied to Microsoft's incentive; the amendment dated."),
            ),
        ),
        Sample(
            "middling",
            """
            The critical discount factor is δ* = (T − R)/(T − P) = 0.5, and big firms like Microsoft and
            OpenAI are patient, so they will keep cooperating. A bigger temptation would raise δ*.

            After the amendment OpenAI can use any cloud, so it has less reason to break the deal: the
            temptation T goes down. This makes the partnership more likely to stay cooperative.

            In Part 4 Microsoft stays engaged while the risk of separation is below 0.3. Since the amendment
            reduces the money Microsoft gets, it might be less willing to stay.
            """,
            (
                Score(
                    "Uses the repeated-game condition",
                    1.5,
                    "Formula and value, and the effect of T, but 'big firms are patient' stands in for asking whether "
                    "δ clears the threshold after the change.",
                ),
                Score("Maps the amendment to payoffs", 1, "One mapping with a direction (T falls); nothing on P or R."),
                Score(
                    "Uses the scenarios and labels facts",
                    0.5,
                    "The 0.3 risk is linked to Microsoft's incentive, but the amendment is neither dated nor kept "
                    "apart from reports.",
                ),
            ),
        ),
        Sample(
            "weak",
            """
            The partnership is a repeated game, so the partners will cooperate as long as they are patient
            enough. The amendment makes them more equal partners, which should reduce conflict. There is
            still a risk that they separate if AGI is reached, because Microsoft loses access then.
            """,
            (
                Score("Uses the repeated-game condition", 0.5, "The idea of patience without the threshold or the formula."),
                Score("Maps the amendment to payoffs", 0, "'More equal' is not a payoff; no T, R or P."),
                Score(
                    "Uses the scenarios and labels facts",
                    0,
                    "No scenario numbers, and the claim about AGI is wrong twice: since October 2025 Microsoft's "
                    "model and product rights include post-AGI models, and the amendment made OpenAI's payments "
                    "independent of technology progress.",
                ),
            ),
        ),
    ),
)

ASSIGNMENT = Assignment(
    name="ps4-future",
    number="Problem set 4",
    title="Will they keep cooperating? Repeated games and scenarios",
    chapter="chapter-future",
    summary="""
    You find how patient the partners must be for cooperation to hold, how large a temptation it can
    survive, what each side's future is worth across scenarios, and how much break-up risk Microsoft
    would tolerate.
    """,
    setup=SETUP,
    items=(CRITICAL, TEMPTATION, EXPECTED, RISK, ARGUMENT),
)
