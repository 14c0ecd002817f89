"""Problem set 1: bargaining power and who should own the IP (chapter-ip)."""

from partnership_grading.authoring import Assignment, Criterion, HiddenCheck, Part, Range, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and your numbers. Run this cell first.
from partnership.bargaining import nash_split, rubinstein_shares
from partnership.property_rights import OWNERSHIP_STRUCTURES, compare_ownership, hold_up_equilibrium

{numbers}
"""

# Hypothetical numbers ($bn of present value where money). The defaults are the case as the
# chapter states it; every student gets other values from these ranges (partnership.variants).
PARAMETERS = {
    "SURPLUS": Range(80.0, 120.0, 5.0, 100.0, "joint value of renewing the partnership, $bn"),
    "THREAT_OPENAI": Range(25.0, 45.0, 5.0, 40.0, "OpenAI's threat point (its payoff while the two disagree), $bn"),
    "THREAT_MSFT": Range(10.0, 30.0, 5.0, 20.0, "Microsoft's threat point, $bn"),
    "POWER_OPENAI": Range(0.3, 0.7, 0.1, 0.5, "OpenAI's bargaining power (beta)"),
    "IMPROVEMENT": Range(4.0, 16.0, 2.0, 10.0, "how much OpenAI's threat point rises without the right of first refusal, $bn"),
    "DELTA_OPENAI": Range(0.80, 0.92, 0.02, 0.90, "OpenAI's discount factor per round of delay"),
    "DELTA_MSFT": Range(0.91, 0.97, 0.02, 0.95, "Microsoft's discount factor per round of delay"),
    "THETA_OPENAI": Range(2.0, 4.0, 0.5, 3.0, "how much OpenAI's research investment matters (A)"),
    "THETA_MSFT": Range(1.0, 3.0, 0.5, 2.0, "how much Microsoft's compute investment matters (B)"),
    "LAMBDA_OWNER": Range(0.5, 0.8, 0.1, 0.6, "share of its investment's value a party keeps apart if it owns the IP"),
    "LAMBDA_NON_OWNER": Range(0.0, 0.3, 0.1, 0.1, "share a party keeps apart if it does not own the IP"),
}
CONSTRAINTS = (
    "THREAT_OPENAI + THREAT_MSFT + IMPROVEMENT < SURPLUS",  # a deal is still made after the improvement
    "abs(THETA_OPENAI * (1 - POWER_OPENAI) - THETA_MSFT * POWER_OPENAI) >= 0.2",  # no near-tie between owners
)
DIRECTIONS = '("rises", "falls", "unchanged")'

NASH = Part(
    grade_id="nash_payoff",
    title="OpenAI's Nash bargaining payoff",
    points=3,
    kind="direct",
    skills="write a function around `nash_split`; apply it to your numbers",
    prompt="""
    When the two sides renegotiate, the generalised (asymmetric) Nash bargaining solution gives each
    its *threat point* (what it gets while the two disagree) plus its bargaining-power share of the
    gains from trade, $S - d_O - d_M$; if the threat points add up to more than $S$ there is no deal
    and each keeps its threat point. (An *outside option*, walking away for good, is different: it
    matters only when it beats the bargain; see the revenue chapter.)

    Write `openai_payoff(surplus, threat_openai, threat_msft, power_openai)` that returns
    **OpenAI's** payoff (a number), with or without a deal. You may call `nash_split`. The line below
    your function then applies it to your numbers (`SURPLUS`, `THREAT_OPENAI`, `THREAT_MSFT` and
    `POWER_OPENAI` in the setup cell).
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
    from partnership.checks import close as _close, function as _function
    from partnership.bargaining import nash_split as _nash

    _function(openai_payoff, "openai_payoff")
    _close(openai_payoff(100.0, 40.0, 20.0, 0.5), 60.0, "openai_payoff(100, 40, 20, 0.5), the published case",
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
        HiddenCheck(
            expr="openai_deal", reference="_nash(SURPLUS, THREAT_OPENAI, THREAT_MSFT, POWER_OPENAI).payoff_a",
            what="openai_deal, your payoff with your numbers", hint="Keep the line that applies your function to your numbers.",
        ),
    ),
    hardcoded="return 60.0",
    wrong="return power_openai * surplus",
)

_BEFORE = "_nash(SURPLUS, THREAT_OPENAI, THREAT_MSFT, POWER_OPENAI)"
_AFTER = "_nash(SURPLUS, THREAT_OPENAI + IMPROVEMENT, THREAT_MSFT, POWER_OPENAI)"

THREAT = Part(
    grade_id="threat_point_value",
    title="What a better threat point is worth, and to whom",
    points=4,
    kind="statics",
    skills="predict the direction of each payoff, then verify it with the model; see why only part of an improvement is captured",
    prompt="""
    The October 2025 agreement ended Microsoft's right of first refusal on new compute (OpenAI,
    28 October 2025): during a dispute OpenAI can now buy compute elsewhere, which in the model raises
    OpenAI's threat point by your `IMPROVEMENT` (between 4 and 16, see the setup cell).

    **First predict**, without computing, how the improvement moves each quantity: set `openai_moves`
    (OpenAI's payoff), `msft_moves` (Microsoft's payoff) and `total_moves` (the two payoffs added up)
    to `"rises"`, `"falls"` or `"unchanged"`, and set `openai_gain` to **how much** OpenAI's payoff
    rises with your numbers, in $bn (think about what part of the gains from trade each side gets,
    and what the improvement does to them).

    **Then verify**: write `value_of_threat_point(surplus, threat_openai, threat_msft, power_openai, improvement)`
    returning the pair `(change in OpenAI's payoff, change in Microsoft's payoff)` when OpenAI's threat
    point rises by `improvement` (payoff after minus payoff before). The line below applies it to your
    numbers. You are graded on the predictions and on the function.
    """,
    solution='''
    # Your predictions ("rises", "falls" or "unchanged"), openai_gain, then value_of_threat_point(...).
    ### BEGIN SOLUTION
    openai_moves = "rises"
    msft_moves = "falls"
    total_moves = "unchanged"  # a better threat point moves the split, not the size of the pie
    openai_gain = (1 - POWER_OPENAI) * IMPROVEMENT  # OpenAI keeps the improvement but loses beta of the gains it removes


    def value_of_threat_point(surplus, threat_openai, threat_msft, power_openai, improvement):
        """(change in OpenAI's payoff, change in Microsoft's) when OpenAI's threat point rises by `improvement`."""
        before = nash_split(surplus, threat_openai, threat_msft, power_openai)
        after = nash_split(surplus, threat_openai + improvement, threat_msft, power_openai)
        return after.payoff_a - before.payoff_a, after.payoff_b - before.payoff_b
    ### END SOLUTION


    case_change = value_of_threat_point(SURPLUS, THREAT_OPENAI, THREAT_MSFT, POWER_OPENAI, IMPROVEMENT)
    case_change
    ''',
    tests=f"""
    # Tests for Part 2 (4 points).
    from partnership.checks import close_all as _close_all, equal as _equal, function as _function, one_of as _one_of
    from partnership.bargaining import nash_split as _nash

    _one_of(openai_moves, {DIRECTIONS}, "openai_moves")
    _one_of(msft_moves, {DIRECTIONS}, "msft_moves")
    _one_of(total_moves, {DIRECTIONS}, "total_moves")
    _equal(0 <= openai_gain <= IMPROVEMENT, True, f"whether openai_gain ({{openai_gain}}) is between 0 and your IMPROVEMENT ({{IMPROVEMENT}})")
    _function(value_of_threat_point, "value_of_threat_point")
    _close_all(value_of_threat_point(100.0, 40.0, 20.0, 0.5, 10.0), [5.0, -5.0], "value_of_threat_point(100, 40, 20, 0.5, 10)",
               hint="With beta = 0.5 half of the $10bn improvement reaches OpenAI, and Microsoft loses what OpenAI gains.")
    """,
    hidden=(
        HiddenCheck(expr="openai_moves", reference=f"{_AFTER}.payoff_a - {_BEFORE}.payoff_a", compare="direction",
                    what="your prediction openai_moves", hint="A better threat point is worth something in the bargain."),
        HiddenCheck(expr="msft_moves", reference=f"{_AFTER}.payoff_b - {_BEFORE}.payoff_b", compare="direction",
                    what="your prediction msft_moves"),
        HiddenCheck(expr="total_moves",
                    reference=f"({_AFTER}.payoff_a + {_AFTER}.payoff_b) - ({_BEFORE}.payoff_a + {_BEFORE}.payoff_b)",
                    compare="direction", what="your prediction total_moves",
                    hint="While a deal is made, the two payoffs add up to the surplus, whoever's threat point improves."),
        HiddenCheck(expr="openai_gain", reference=f"{_AFTER}.payoff_a - {_BEFORE}.payoff_a", abs_tol=0.01,
                    what="openai_gain, how much of your improvement reaches OpenAI",
                    hint="OpenAI keeps the improvement but gives up its bargaining-power share of the gains it removes."),
        HiddenCheck(
            expr="list(value_of_threat_point(*args))",
            reference="[_nash(args[0], args[1] + args[4], args[2], args[3]).payoff_a - _nash(*args[:4]).payoff_a, "
                      "_nash(args[0], args[1] + args[4], args[2], args[3]).payoff_b - _nash(*args[:4]).payoff_b]",
            compare="close_all", what="value_of_threat_point({args})",
            inputs=((100.0, 40.0, 20.0, 0.8, 10.0), (100.0, 40.0, 20.0, 0.5, 50.0), (60.0, 10.0, 10.0, 0.25, 4.0)),
            hint="Compare both payoffs after and before; if the better threat point breaks the deal, each keeps its threat point.",
        ),
        HiddenCheck(expr="list(case_change)", reference=f"[{_AFTER}.payoff_a - {_BEFORE}.payoff_a, {_AFTER}.payoff_b - {_BEFORE}.payoff_b]",
                    compare="close_all", what="case_change, with your numbers"),
    ),
    hardcoded='''
    openai_moves = "rises"
    msft_moves = "falls"
    total_moves = "unchanged"
    openai_gain = 5.0


    def value_of_threat_point(surplus, threat_openai, threat_msft, power_openai, improvement):
        return 5.0, -5.0
    ''',
    wrong='''
    openai_moves = "rises"
    msft_moves = "falls"
    total_moves = "rises"
    openai_gain = IMPROVEMENT


    def value_of_threat_point(surplus, threat_openai, threat_msft, power_openai, improvement):
        before = nash_split(surplus, threat_openai, threat_msft, power_openai)
        after = nash_split(surplus, threat_openai + improvement, threat_msft, power_openai)
        return after.payoff_a - before.payoff_a, after.payoff_b - before.payoff_b
    ''',
    typed=("openai_gain",),
)

_ADVANTAGE = "(_rub({o}, {m})[0] - _rub({m}, {o})[1])"

PATIENCE = Part(
    grade_id="rubinstein_share",
    title="Patience and who proposes first",
    points=3,
    kind="statics",
    skills="predict how patience moves the split and the first-mover advantage; verify with `rubinstein_shares`",
    prompt="""
    In Rubinstein's alternating-offers game the more patient side gets more. Your numbers give
    (hypothetically) cash-hungry OpenAI a discount factor `DELTA_OPENAI` per round of delay (0.80 to
    0.92) and Microsoft `DELTA_MSFT` (0.91 to 0.97). `rubinstein_shares(delta_a, delta_b)` gives the
    shares when **A** proposes first.

    **Predict**: `patience_moves`, how OpenAI's share as the first proposer changes if OpenAI becomes
    more patient (its discount factor 0.05 higher), and `advantage_moves`, how the *first-mover
    advantage* (OpenAI's share when it proposes first minus its share when Microsoft does) changes if
    both become more patient (each discount factor halfway to 1). Each is `"rises"`, `"falls"` or
    `"unchanged"`.

    **Verify**: write `openai_share(delta_openai, delta_msft, openai_first)` that returns OpenAI's
    share of the pie when OpenAI proposes first (`openai_first=True`) **or** when Microsoft does
    (`False`). The lines below apply it to your numbers.
    """,
    solution='''
    # Your two predictions, then openai_share(...).
    ### BEGIN SOLUTION
    patience_moves = "rises"
    advantage_moves = "falls"  # (1 - d_O)(1 - d_M) / (1 - d_O d_M) vanishes as both discount factors near 1


    def openai_share(delta_openai, delta_msft, openai_first):
        """OpenAI's subgame-perfect share of a pie of size 1."""
        if openai_first:
            return rubinstein_shares(delta_openai, delta_msft)[0]
        return rubinstein_shares(delta_msft, delta_openai)[1]
    ### END SOLUTION


    share_first = openai_share(DELTA_OPENAI, DELTA_MSFT, True)
    share_second = openai_share(DELTA_OPENAI, DELTA_MSFT, False)
    share_first, share_second
    ''',
    tests=f"""
    # Tests for Part 3 (3 points).
    from partnership.checks import close as _close, function as _function, one_of as _one_of
    from partnership.bargaining import rubinstein_shares as _rub

    _one_of(patience_moves, {DIRECTIONS}, "patience_moves")
    _one_of(advantage_moves, {DIRECTIONS}, "advantage_moves")
    _function(openai_share, "openai_share")
    _close(openai_share(0.90, 0.95, True), 0.05 / 0.145, "openai_share(0.90, 0.95, True)",
           hint="With OpenAI first its share is (1 - delta_M) / (1 - delta_O * delta_M).")
    _close(openai_share(0.90, 0.95, False), 1 - 0.10 / 0.145, "openai_share(0.90, 0.95, False)",
           hint="When Microsoft proposes first, Microsoft plays the role of A: swap the arguments and take the other share.")
    """,
    hidden=(
        HiddenCheck(
            expr="openai_share(*args)", reference="_rub(args[0], args[1])[0] if args[2] else _rub(args[1], args[0])[1]",
            inputs=tuple((d_o, d_m, first) for d_o, d_m in ((0.5, 0.5), (0.8, 0.6), (0.99, 0.9), (0.0, 0.7)) for first in (True, False)),
        ),
        HiddenCheck(expr="patience_moves", reference="_rub(DELTA_OPENAI + 0.05, DELTA_MSFT)[0] - _rub(DELTA_OPENAI, DELTA_MSFT)[0]",
                    compare="direction", what="your prediction patience_moves"),
        HiddenCheck(
            expr="advantage_moves",
            reference=_ADVANTAGE.format(o="(1 + DELTA_OPENAI) / 2", m="(1 + DELTA_MSFT) / 2")
            + " - " + _ADVANTAGE.format(o="DELTA_OPENAI", m="DELTA_MSFT"),
            compare="direction", what="your prediction advantage_moves",
            hint="Compare the two shares when each round of delay costs almost nothing.",
        ),
        HiddenCheck(expr="[share_first, share_second]", reference="[_rub(DELTA_OPENAI, DELTA_MSFT)[0], _rub(DELTA_MSFT, DELTA_OPENAI)[1]]",
                    compare="close_all", what="share_first and share_second, with your numbers"),
    ),
    hardcoded='''
    patience_moves = "rises"
    advantage_moves = "falls"


    def openai_share(delta_openai, delta_msft, openai_first):
        return 0.3448275862068968 if openai_first else 0.3103448275862072
    ''',
    wrong='''
    patience_moves = "rises"
    advantage_moves = "falls"


    def openai_share(delta_openai, delta_msft, openai_first):
        return rubinstein_shares(delta_openai, delta_msft)[0]
    ''',
)

_CASE = "THETA_OPENAI, THETA_MSFT, LAMBDA_OWNER, LAMBDA_NON_OWNER, POWER_OPENAI"

OWNERSHIP = Part(
    grade_id="best_structure",
    title="Which ownership structure maximises surplus?",
    points=4,
    kind="choice",
    skills="compare ownership structures in the hold-up model; choose the one that maximises total surplus",
    prompt="""
    In the hold-up model, ownership changes what each side keeps if the deal breaks, and so how much
    each invests. Write two functions, with A = OpenAI and B = Microsoft:

    - `surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)`: a dict from each
      structure in `OWNERSHIP_STRUCTURES` (`"A owns"`, `"B owns"`, `"joint"`) to the **total surplus** in
      equilibrium;
    - `best_structure(...)` (same arguments): the name of the structure with the largest total surplus.
      If two tie, return the one listed first in `OWNERSHIP_STRUCTURES`.

    You may use `hold_up_equilibrium` or `compare_ownership`, but not `best_ownership` (that would be
    the answer itself; the hidden tests compare with it). The lines below choose for your numbers
    (`THETA_OPENAI`, `THETA_MSFT`, `LAMBDA_OWNER`, `LAMBDA_NON_OWNER`, `POWER_OPENAI`): the answer is not
    the same for every student.
    """,
    solution=f'''
    # Define surplus_by_structure(...) and best_structure(...) here.
    ### BEGIN SOLUTION
    def surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        """Total equilibrium surplus under each ownership structure."""
        outcomes = compare_ownership(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        return {{name: outcomes[name].total_surplus for name in OWNERSHIP_STRUCTURES}}


    def best_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a):
        """The structure with the largest total surplus (ties: the earlier one)."""
        surplus = surplus_by_structure(theta_a, theta_b, lambda_owner, lambda_non_owner, power_a)
        best = OWNERSHIP_STRUCTURES[0]
        for name in OWNERSHIP_STRUCTURES:
            if surplus[name] > surplus[best] + 1e-12:
                best = name
        return best
    ### END SOLUTION


    case_surplus = surplus_by_structure({_CASE})
    case_best = best_structure({_CASE})
    case_best, case_surplus
    ''',
    tests="""
    # Tests for Part 4 (4 points).
    from partnership.checks import close as _close, equal as _equal, function as _function
    from partnership.property_rights import best_ownership as _best, compare_ownership as _compare

    _function(surplus_by_structure, "surplus_by_structure")
    _function(best_structure, "best_structure")
    _equal(sorted(case_surplus), sorted(["A owns", "B owns", "joint"]), "the keys of case_surplus")
    _close(surplus_by_structure(3.0, 2.0, 0.6, 0.1, 0.5)["A owns"], 11.83, "surplus_by_structure(3, 2, 0.6, 0.1, 0.5)['A owns']",
           hint="Total surplus is V(a, b) - a - b at the equilibrium investments.")
    _equal(best_structure(3.0, 2.0, 0.6, 0.1, 0.5), "A owns", "best_structure(3, 2, 0.6, 0.1, 0.5), the published case",
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
        HiddenCheck(expr="case_best", reference=f"_best({_CASE})", compare="equal", what="case_best, the choice for your numbers"),
        HiddenCheck(expr="[case_surplus[k] for k in ('A owns', 'B owns', 'joint')]",
                    reference=f"[_compare({_CASE})[k].total_surplus for k in ('A owns', 'B owns', 'joint')]",
                    compare="close_all", what="case_surplus, with your numbers"),
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

LICENCE = Part(
    grade_id="licence_design",
    title="Design a licence both sides prefer",
    points=5,
    kind="design",
    skills="design licence terms that meet constraints; check them with the hold-up model",
    prompt="""
    The amendment of 27 April 2026 made Microsoft's licence to OpenAI's IP non-exclusive. In the model
    that is a **licence**: if the two part, *both* keep the right to use the IP, each keeping a share
    λ of its own investment's value (`hold_up_equilibrium("licence", theta_a, theta_b, lambda_owner,
    lambda_non_owner, power_a, lambda_licensee=λ)`).

    Design a licence deal that both sides prefer to the structure that maximises total surplus for
    your numbers (what your Part 4 found, `case_best`):
    set `licence_lambda`, the λ both keep (between your `LAMBDA_NON_OWNER` and `LAMBDA_OWNER`), and
    `licence_fee`, what Microsoft pays OpenAI for the licence in $bn (negative if OpenAI pays), so that

    1. the licence creates **more total surplus** than that structure, and
    2. with the fee, **each side gains between 30% and 70%** of that extra surplus over what it gets
       under that structure (so both are better off, and neither takes nearly all of the gain).

    There are many right answers, and yours depend on your numbers: search by hand or by code. The
    test cell shows how the first condition is checked; the grader checks the second the same way.
    """,
    solution='''
    # Set licence_lambda and licence_fee.
    ### BEGIN SOLUTION
    from partnership import property_rights

    structure = (THETA_OPENAI, THETA_MSFT, LAMBDA_OWNER, LAMBDA_NON_OWNER, POWER_OPENAI)
    old = hold_up_equilibrium(property_rights.best_ownership(*structure), *structure)
    licence_lambda = LAMBDA_OWNER  # both keep what an owner keeps: the most a licence can add
    new = hold_up_equilibrium("licence", *structure, lambda_licensee=licence_lambda)
    extra = new.total_surplus - old.total_surplus
    licence_fee = old.payoff_a + extra / 2 - new.payoff_a  # OpenAI is paid back what the licence costs it, plus half the gain
    ### END SOLUTION
    licence_lambda, licence_fee
    ''',
    tests=f"""
    # Tests for Part 5 (5 points).
    from partnership.checks import equal as _equal
    from partnership.property_rights import best_ownership as _best, hold_up_equilibrium as _eq

    _equal(LAMBDA_NON_OWNER <= licence_lambda <= LAMBDA_OWNER, True,
           f"whether licence_lambda ({{licence_lambda}}) is between LAMBDA_NON_OWNER ({{LAMBDA_NON_OWNER}}) and LAMBDA_OWNER ({{LAMBDA_OWNER}})")
    _args = ({_CASE})
    _old = _eq(_best(*_args), *_args)
    _new = _eq("licence", *_args, lambda_licensee=licence_lambda)
    _extra = _new.total_surplus - _old.total_surplus
    _equal(_extra > 0, True, f"whether the licence creates more surplus than {{_old.ownership}} "
                             f"({{_new.total_surplus:.4f}} against {{_old.total_surplus:.4f}})")
    """,
    hidden=(
        HiddenCheck(expr="isinstance(licence_fee, (int, float)) and not isinstance(licence_fee, bool)", compare="true",
                    what="whether licence_fee is a number"),
        HiddenCheck(
            expr="0.3 * _extra <= _new.payoff_a + licence_fee - _old.payoff_a <= 0.7 * _extra", compare="true",
            what="whether OpenAI's gain, with the fee, is 30% to 70% of the extra surplus",
            hint="Compare each side's payoff under the licence, fee included, with its payoff under case_best.",
        ),
    ),
    hardcoded='''
    licence_lambda = 0.6
    licence_fee = 1.025
    ''',
    wrong='''
    licence_lambda = LAMBDA_OWNER
    licence_fee = 0.0
    ''',
    typed=("licence_lambda", "licence_fee"),
)

ARGUMENT = Written(
    grade_id="ip_ownership_answer",
    title="Should OpenAI keep the IP, or share it?",
    prompt="""
    In 150–250 words: using your results from Parts 4 and 5 (with your own numbers), say which
    ownership structure the model favours and why (whose investment matters more, relative to
    bargaining power, and who would be held up), and what your licence deal adds that none of the
    three structures can. Then name **one** feature of the real arrangement that the model leaves out
    and say how it changes the conclusion. For example: as of October 2025, Microsoft's IP rights to
    OpenAI's models and products run through 2032 (OpenAI, 28 October 2025), and the amendment
    announced on 27 April 2026 made that licence non-exclusive.
    """,
    criteria=(
        Criterion(
            "Uses the model's result",
            2,
            "States the structure Part 4 chose for the student's own numbers and the licence deal of Part 5, with the "
            "surpluses and the licence's extra surplus that support them, read correctly.",
            "Names the structure and the deal, but without the numbers, or with numbers that do not support them.",
            "No structure, or the wrong one with no reasoning.",
            bands=(
                (1.5, "Both results with numbers, but one of them incomplete or misread (the other structures' surpluses "
                      "missing, or the fee read as creating the extra surplus)."),
                (0.5, "Names a structure the model would favour, but from another argument (fairness, who invented the "
                      "models), with no number from the exercise."),
            ),
        ),
        Criterion(
            "Explains the mechanism",
            2,
            "Explains that ownership raises what the owner keeps if bargaining fails (its threat point), so it keeps "
            "more of the return on its investment and invests closer to the first best; ownership goes to the side "
            "with the larger of θ_A(1 − β) and θ_Bβ; a licence lets both keep use rights because IP is non-rival, so "
            "neither side's incentive is sacrificed, and the fee divides what it adds.",
            "Mentions hold-up or incentives but does not link ownership or the licence to investment.",
            "No mechanism.",
            bands=(
                (1.5, "The whole chain for ownership, but the licence is explained without non-rival use or without the "
                      "role of the fee (or the licence fully, and ownership without the θ and β rule)."),
                (0.5, "Hold-up or incentives named as words only, next to an argument about fairness or reward for past work."),
            ),
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
    With the published numbers (each student's differ), OpenAI owning the IP ("A owns") gives the
    largest total surplus of the three structures, 11.83 against 11.02 if Microsoft owns it and 10.37
    under joint ownership. Investments are sunk before the two bargain, so each side earns only part
    of the return on what it invests. Ownership raises what the owner keeps if they fail to agree (its
    threat point), so the owner keeps more of its marginal return and invests more. The IP should go
    where under-investment costs most: θ_A(1 − β) = 1.5 against θ_Bβ = 1, so OpenAI.

    A licence beats all three. If both sides keep an owner's share of their investment's value when
    they part (λ = 0.6), Microsoft invests as if it owned the IP while OpenAI's incentive is untouched,
    and total surplus rises to 12.48. That works only because a model can be used by two firms at
    once. OpenAI would lose from the licence alone (its payoff falls from 7.74 to 7.04, since
    Microsoft's threat point rises), so the deal needs a fee: about $1bn from Microsoft splits the
    extra 0.65 evenly.

    The model leaves out that the real licence ends. As of October 2025, Microsoft holds rights to
    OpenAI's models and products through 2032 (OpenAI, 28 October 2025), and the April 2026 amendment
    made the licence non-exclusive, the structure of Part 5. An end date lowers what Microsoft keeps
    from investments that pay off after 2032, so the licence protects its compute less than in the
    model, and the fee it should pay is smaller.
    """,
    calibration=(
        Sample(
            "strong",
            """
            The model favours OpenAI owning the IP: with the published numbers "A owns" gives a total
            surplus of 11.83, against 11.02 if Microsoft owns it and 10.37 under joint ownership. Both sides
            invest before they bargain, so each is paid only part of the return on what it sinks in.
            Ownership raises what the owner keeps if the talks fail (its threat point), so the owner
            captures more of its marginal return and invests more. Here θ_A(1 − β) = 1.5 beats θ_Bβ = 1:
            OpenAI's under-investment costs most, so OpenAI should own.

            My licence lets both keep an owner's share of their investment's value if they part (λ = 0.6).
            Because the IP is non-rival, Microsoft's incentive rises without OpenAI's falling, and total
            surplus reaches 12.48, 0.65 more. OpenAI alone would lose 0.70 (Microsoft's threat point is
            stronger), so Microsoft pays it 1.03, which leaves each side about half of the gain.

            Since the April 2026 amendment the real licence, which runs to 2032, is non-exclusive: the
            model's licence. The Windsurf purchase also shows the licence reached into what OpenAI could
            buy: it fell through because Microsoft refused to give up access to Windsurf's IP.
            """,
            (
                Score("Uses the model's result", 2, "Both results with every number that supports them, read correctly."),
                Score("Explains the mechanism", 2, "Sunk investment, the threat point, the θ and β rule, non-rival use and the fee: the whole chain."),
                Score(
                    "Confronts the model with the case",
                    0.5,
                    "The non-exclusive licence is dated and matched to the model, but the Windsurf reason is a "
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
            incentive.

            In Part 5 the licence did even better, 12.48, so sharing the IP beats owning it. Microsoft has
            to pay OpenAI a fee for it, otherwise OpenAI would not agree.

            One thing the model leaves out is that Microsoft has rights to OpenAI's models and products until
            2032 (October 2025 agreement). This is important because Microsoft paid billions for access and
            would not accept losing it. So in reality the answer is more complicated than the model says.
            """,
            (
                Score(
                    "Uses the model's result",
                    1.5,
                    "Both results with a number each, but no comparison with the other structures, so the reader "
                    "cannot see by how much A owns wins: one result incomplete.",
                ),
                Score(
                    "Explains the mechanism",
                    1,
                    "Names hold-up and incentives but never says how ownership protects the investment (what the "
                    "owner keeps if bargaining fails); the licence's gain is asserted, not explained.",
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
            Sharing the IP through a licence could work if both sides trust each other.
            """,
            (
                Score(
                    "Uses the model's result",
                    0.5,
                    "Names the structure the model favours here, but from fairness, not from the model: no surplus, no licence.",
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
    With numbers of your own, you predict and then verify who gains from a better threat point and
    from patience, choose the ownership of the IP that keeps both sides investing, and design a
    licence both sides prefer to owning.
    """,
    setup=SETUP,
    items=(NASH, THREAT, PATIENCE, OWNERSHIP, LICENCE, ARGUMENT),
    parameters=PARAMETERS,
    constraints=CONSTRAINTS,
)
