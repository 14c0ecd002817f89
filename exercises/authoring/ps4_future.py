"""Problem set 4: will they keep cooperating? Repeated games, the renegotiation game and the split (chapter-future)."""

from partnership.game import GameParameters
from partnership_grading.authoring import Assignment, Criterion, HiddenCheck, Part, Range, Sample, Score, Written

SETUP = """
# Setup (locked): the models you may use and your numbers. Run this cell first.
from dataclasses import replace

from partnership.cooperation import (
    check_dilemma, cooperation_sustainable, critical_discount_factor, value_of_cooperating, value_of_defecting,
)
from partnership.game import MICROSOFT, MICROSOFT_MOVES, GameParameters, renegotiation_game

{numbers}

# HYPOTHETICAL yearly payoffs to each partner, in $bn, in a game where each side either cooperates
# (shares models and compute as agreed) or defects (goes it alone, courts rivals): T, R, P, S above.
# The April 2026 amendment, read in the model: T falls by AMEND_T and P rises by AMEND_P.

# The renegotiation game of the epilogue with your numbers (hypothetical, $bn of NPV): the
# partnership is worth 100 on agreed terms, OpenAI's share under the old contract is 45%.
GAME = GameParameters(
    win_probability=WIN_PROBABILITY, trial_cost=TRIAL_COST, outside_a=OUTSIDE_OPENAI, outside_b=OUTSIDE_MSFT,
    leak_gain_a=LEAK_GAIN, leak_loss_b=LEAK_LOSS,
)
"""

PARAMETERS = {
    "T": Range(12.0, 16.0, 1.0, 14.0, "temptation: a side's payoff when it defects and the other cooperates"),
    "R": Range(9.0, 11.0, 0.5, 10.0, "reward: each side's payoff when both cooperate"),
    "P": Range(5.0, 7.0, 0.5, 6.0, "punishment: each side's payoff when both defect"),
    "S": Range(2.0, 4.0, 0.5, 3.0, "sucker: a side's payoff when it cooperates and the other defects"),
    "AMEND_T": Range(1.0, 3.0, 0.5, 2.0, "how much the amendment lowers T"),
    "AMEND_P": Range(0.5, 2.0, 0.5, 1.0, "how much the amendment raises P"),
    "DELTA_OPENAI": Range(0.55, 0.75, 0.05, 0.65, "OpenAI's discount factor (cash-hungry: impatient)"),
    "DELTA_MSFT": Range(0.75, 0.95, 0.05, 0.85, "Microsoft's discount factor"),
    "WIN_PROBABILITY": Range(0.2, 0.6, 0.1, 0.4, "the chance Microsoft wins if it sues"),
    "TRIAL_COST": Range(3.0, 7.0, 1.0, 5.0, "what a trial costs each side, $bn"),
    "OUTSIDE_OPENAI": Range(52.0, 64.0, 2.0, 58.0, "OpenAI's outside option (leaving for Amazon for good), $bn"),
    "OUTSIDE_MSFT": Range(24.0, 36.0, 2.0, 30.0, "Microsoft's outside option, $bn"),
    "LEAK_GAIN": Range(6.0, 14.0, 2.0, 10.0, "what OpenAI gains by moving work to Amazon, $bn"),
    "LEAK_LOSS": Range(11.0, 19.0, 2.0, 15.0, "what Microsoft loses when it does, $bn"),
}
CONSTRAINTS = (
    "T - AMEND_T > R + 0.5",  # after the amendment the game is still a prisoner's dilemma
    "P + AMEND_P < R - 0.5",
    # Part 4 can be met: OpenAI's least reward (and a little more) leaves Microsoft enough to cooperate, and less than T
    "2 * R - (T - DELTA_OPENAI * (T - P)) - 0.1 >= T - DELTA_MSFT * (T - P) + 0.1",
    "2 * R - (T - DELTA_OPENAI * (T - P)) <= T - 0.1",
)
DIRECTIONS = '("rises", "falls", "unchanged")'
_CHANGE = "_critical(T + {dt}, R + {dr}, P + {dp}, S) - _critical(T, R, P, S)"

CRITICAL = Part(
    grade_id="critical_delta",
    title="How patient must the partners be?",
    points=3,
    kind="direct",
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
    from partnership.checks import close as _close, function as _function, raises as _raises
    from partnership.cooperation import critical_discount_factor as _critical

    _function(critical_delta, "critical_delta")
    _close(critical_delta(14.0, 10.0, 6.0, 3.0), 0.5, "critical_delta(14, 10, 6, 3), the published case",
           hint="(T - R) / (T - P): the one-off gain from defecting over what it costs forever after.")
    """,
    hidden=(
        HiddenCheck(
            expr="critical_delta(*args)", reference="_critical(*args)",
            inputs=((5.0, 3.0, 1.0, 0.0), (20.0, 19.0, 2.0, -5.0), (4.0, 3.5, 3.0, 2.0)),
        ),
        HiddenCheck(expr="delta_star", reference="_critical(T, R, P, S)", what="delta_star, with your payoffs"),
        HiddenCheck(
            expr="critical_delta(*args)", reference="ValueError", compare="raises",
            inputs=((10.0, 14.0, 6.0, 3.0), (14.0, 10.0, 2.0, 3.0)),
            hint="Check T > R > P > S; check_dilemma does this.",
        ),
    ),
    hardcoded="return 0.5",
    wrong="return (temptation - reward) / (reward - punishment)",
)

AMENDMENT = Part(
    grade_id="amendment_statics",
    title="What moves the threshold, and what the amendment did",
    points=4,
    kind="statics",
    skills="predict how each payoff moves the critical discount factor; verify with the model; apply it to the amendment",
    prompt="""
    **Predict** how $\\delta^* = (T - R)/(T - P)$ changes when one payoff rises a little, the others
    unchanged: `temptation_moves` (a higher $T$), `reward_moves` (a higher $R$) and `punishment_moves`
    (a higher $P$), each `"rises"`, `"falls"` or `"unchanged"`. A higher threshold means the partners
    must be more patient to keep cooperating.

    **Verify**: write `threshold_change(temptation, reward, punishment, sucker, dt, dr, dp)`, the change
    in $\\delta^*$ when $T$, $R$ and $P$ change by `dt`, `dr` and `dp` (after minus before; you may
    use `critical_discount_factor`). Then set `delta_star_after` to $\\delta^*$ after the amendment as
    your numbers read it: $T$ lower by your `AMEND_T`, $P$ higher by your `AMEND_P`.
    """,
    solution='''
    # Your three predictions, threshold_change(...), then delta_star_after.
    ### BEGIN SOLUTION
    temptation_moves = "rises"
    reward_moves = "falls"
    punishment_moves = "rises"  # a milder punishment makes defecting cheaper


    def threshold_change(temptation, reward, punishment, sucker, dt, dr, dp):
        """The change in the critical discount factor when T, R and P change by dt, dr and dp."""
        after = critical_discount_factor(temptation + dt, reward + dr, punishment + dp, sucker)
        return after - critical_discount_factor(temptation, reward, punishment, sucker)


    delta_star_after = critical_discount_factor(T - AMEND_T, R, P + AMEND_P, S)
    ### END SOLUTION
    delta_star_after
    ''',
    tests=f"""
    # Tests for Part 2 (4 points).
    from partnership.checks import close as _close, equal as _equal, function as _function, one_of as _one_of
    from partnership.cooperation import critical_discount_factor as _critical

    _one_of(temptation_moves, {DIRECTIONS}, "temptation_moves")
    _one_of(reward_moves, {DIRECTIONS}, "reward_moves")
    _one_of(punishment_moves, {DIRECTIONS}, "punishment_moves")
    _function(threshold_change, "threshold_change")
    _close(threshold_change(14.0, 10.0, 6.0, 3.0, -2.0, 0.0, 1.0), -0.1, "threshold_change(14, 10, 6, 3, -2, 0, 1)",
           hint="From (14 - 10)/(14 - 6) = 0.5 to (12 - 10)/(12 - 7) = 0.4.")
    _equal(0 <= delta_star_after < 1, True, f"whether delta_star_after ({{delta_star_after}}) is a discount factor")
    """,
    hidden=(
        HiddenCheck(expr="temptation_moves", reference=_CHANGE.format(dt=0.5, dr=0, dp=0), compare="direction",
                    what="your prediction temptation_moves"),
        HiddenCheck(expr="reward_moves", reference=_CHANGE.format(dt=0, dr=0.25, dp=0), compare="direction",
                    what="your prediction reward_moves"),
        HiddenCheck(expr="punishment_moves", reference=_CHANGE.format(dt=0, dr=0, dp=0.25), compare="direction",
                    what="your prediction punishment_moves", hint="A higher P narrows T - P, the cost of defecting forever after."),
        HiddenCheck(expr="threshold_change(*args)",
                    reference="_critical(args[0] + args[4], args[1] + args[5], args[2] + args[6], args[3]) - _critical(*args[:4])",
                    what="threshold_change({args})",
                    inputs=((5.0, 3.0, 1.0, 0.0, 1.0, 0.0, 0.0), (20.0, 19.0, 2.0, -5.0, 0.0, -1.0, 1.0), (4.0, 3.5, 3.0, 2.0, 0.0, 0.0, -0.5))),
        HiddenCheck(expr="delta_star_after", reference="_critical(T - AMEND_T, R, P + AMEND_P, S)", abs_tol=0.001,
                    what="delta_star_after, with your payoffs and amendment",
                    hint="Lower T by your AMEND_T and raise P by your AMEND_P, then apply the formula."),
    ),
    hardcoded='''
    temptation_moves = "rises"
    reward_moves = "falls"
    punishment_moves = "rises"


    def threshold_change(temptation, reward, punishment, sucker, dt, dr, dp):
        return -0.1


    delta_star_after = 0.4
    ''',
    wrong='''
    temptation_moves = "rises"
    reward_moves = "falls"
    punishment_moves = "falls"


    def threshold_change(temptation, reward, punishment, sucker, dt, dr, dp):
        after = critical_discount_factor(temptation + dt, reward + dr, punishment + dp, sucker)
        return after - critical_discount_factor(temptation, reward, punishment, sucker)


    delta_star_after = critical_discount_factor(T - AMEND_T, R, P - AMEND_P, S)
    ''',
    typed=("delta_star_after",),
)

RESPONSE = Part(
    grade_id="microsoft_response",
    title="How should Microsoft respond to the Amazon deal?",
    points=4,
    kind="choice",
    skills="choose a player's best move for its objective by backward induction in the renegotiation game",
    prompt="""
    The epilogue's game: OpenAI signs with Amazon (or keeps the status quo); Microsoft then concedes,
    sues or offers to renegotiate; OpenAI responds (`renegotiation_game(params)` builds the tree of
    `Decision` and `Outcome` nodes; a decision's `moves` are `(name, what follows)` pairs, an outcome
    has `payoff_a` for OpenAI and `payoff_b` for Microsoft).

    Microsoft's objective is its own payoff, knowing that OpenAI will then choose what pays OpenAI most.
    Write `microsoft_response(params)` returning Microsoft's best move, one of `MICROSOFT_MOVES`
    (`"concede"`, `"sue"`, `"renegotiate"`; on a tie the one listed first), by **backward induction on
    the tree yourself**: for each of Microsoft's moves find OpenAI's best reply (on a tie its first
    move), then take the move that leaves Microsoft most. Do not use `solve` or
    `solve_renegotiation_game`: the hidden tests compare with them. The line below chooses for your
    numbers (`GAME`); the answer is not the same for every student.
    """,
    solution='''
    def microsoft_response(params):
        """Microsoft's subgame-perfect move after OpenAI signs with Amazon."""
        ### BEGIN SOLUTION
        root = renegotiation_game(params)
        microsoft = dict(root.moves)["sign with Amazon"]
        best, best_value = None, None
        for move, openai_node in microsoft.moves:
            reply = None
            for _, outcome in openai_node.moves:  # OpenAI's replies end the game
                if reply is None or outcome.payoff_a > reply.payoff_a:
                    reply = outcome
            if best is None or reply.payoff_b > best_value:
                best, best_value = move, reply.payoff_b
        return best
        ### END SOLUTION


    case_response = microsoft_response(GAME)
    case_response
    ''',
    tests="""
    # Tests for Part 3 (4 points).
    from partnership.checks import equal as _equal, function as _function, one_of as _one_of
    from partnership.game import MICROSOFT as _MS, GameParameters as _Params, solve_renegotiation_game as _solve

    _function(microsoft_response, "microsoft_response")
    _one_of(case_response, ("concede", "sue", "renegotiate"), "case_response")
    _equal(microsoft_response(_Params()), "renegotiate", "microsoft_response(GameParameters()), the published case",
           hint="If Microsoft concedes, OpenAI leaves (58 against 55); if it renegotiates, OpenAI accepts 58 and Microsoft keeps 42.")
    """,
    hidden=(
        HiddenCheck(
            expr="microsoft_response(*args)", reference="_solve(*args).plan[_MS]", compare="equal", what="microsoft_response({args})",
            inputs=tuple((p,) for p in (
                GameParameters(win_probability=0.9, trial_cost=1.0),
                GameParameters(outside_a=40.0, leak_gain_a=2.0),
                GameParameters(outside_b=50.0),
                GameParameters(win_probability=0.1, trial_cost=10.0, outside_a=70.0),
            )),
            hint="For each of Microsoft's moves take OpenAI's best reply first; only then compare Microsoft's payoffs.",
        ),
        HiddenCheck(expr="case_response", reference="_solve(GAME).plan[_MS]", compare="equal", what="case_response, for your numbers"),
    ),
    hardcoded='''
    return "renegotiate"
    ''',
    wrong='''
    root = renegotiation_game(params)
    microsoft = dict(root.moves)["sign with Amazon"]
    best, best_value = None, None
    for move, openai_node in microsoft.moves:
        outcome = openai_node.moves[0][1]  # as if OpenAI always took its first option
        if best is None or outcome.payoff_b > best_value:
            best, best_value = move, outcome.payoff_b
    return best
    ''',
)

SPLIT = Part(
    grade_id="reward_split_design",
    title="Design a split that keeps the impatient side cooperating",
    points=5,
    kind="design",
    skills="design a split of the cooperative payoff that meets both sides' cooperation constraints, checked with the model",
    prompt="""
    The two sides need not share the reward of cooperating equally. Together they earn $2R$ a year
    when both cooperate; split it as `reward_openai` for OpenAI and `2 * R - reward_openai` for
    Microsoft (temptation, punishment and sucker payoffs stay `T`, `P`, `S` for each side). OpenAI is
    cash-hungry: its discount factor `DELTA_OPENAI` is below Microsoft's `DELTA_MSFT`.

    Microsoft proposes the split. Choose `reward_openai` such that

    1. **both** sides keep cooperating at their own discount factors
       (`cooperation_sustainable(delta, T, reward, P, S)` for each, with each side's reward below `T`);
    2. OpenAI gets just enough: a tenth of a billion less (`reward_openai - 0.1`) would no longer
       keep OpenAI cooperating.

    The answer depends on your numbers; the test cell shows how the first condition is checked, and
    the grader checks the second the same way.
    """,
    solution='''
    # Set reward_openai.
    ### BEGIN SOLUTION
    least = T - DELTA_OPENAI * (T - P)  # delta >= (T - R) / (T - P) solved for R
    reward_openai = least + 0.05
    ### END SOLUTION
    reward_openai, 2 * R - reward_openai
    ''',
    tests="""
    # Tests for Part 4 (5 points).
    from partnership.checks import equal as _equal
    from partnership.cooperation import cooperation_sustainable as _holds

    _reward_msft = 2 * R - reward_openai
    _equal(P < reward_openai < T and P < _reward_msft < T, True,
           f"whether both rewards ({reward_openai:.3f} for OpenAI, {_reward_msft:.3f} for Microsoft) lie between P and T")
    _equal(_holds(DELTA_OPENAI, T, reward_openai, P, S), True, f"whether OpenAI keeps cooperating at its discount factor {DELTA_OPENAI}")
    _equal(_holds(DELTA_MSFT, T, _reward_msft, P, S), True, f"whether Microsoft keeps cooperating at its discount factor {DELTA_MSFT}")
    """,
    hidden=(
        HiddenCheck(expr="reward_openai - 0.1 <= P or not _holds(DELTA_OPENAI, T, reward_openai - 0.1, P, S)", compare="true",
                    what="whether a tenth of a billion less would stop OpenAI cooperating (it gets just enough)",
                    hint="Find the least reward at which OpenAI's discount factor clears its threshold, and stay within 0.1 above it."),
    ),
    hardcoded='''
    reward_openai = 8.85
    ''',
    wrong='''
    reward_openai = R  # an equal split: too little for the impatient side or more than it needs
    ''',
    typed=("reward_openai",),
)

ARGUMENT = Written(
    grade_id="future_answer",
    title="After the April 2026 amendment, will they keep cooperating?",
    prompt="""
    In 150–250 words. The amendment the companies announced on 27 April 2026 made Microsoft's
    licence to OpenAI's IP (which runs through 2032) non-exclusive, let OpenAI serve all its products
    on any cloud, ended Microsoft's revenue-share payments to OpenAI, and capped OpenAI's payments to
    Microsoft through 2030. Using Parts 1 and 2, argue whether the partnership is now more or less
    likely to stay cooperative: say which of $T$, $R$ and $P$ the amendment changes, in which
    direction, and what that does to $\\delta^*$. Use Parts 3 and 4 to say how Microsoft responds when
    OpenAI takes work elsewhere, and what the split of the gains must do for the more impatient side.
    """,
    criteria=(
        Criterion(
            "Uses the repeated-game condition",
            2,
            "States δ* = (T − R)/(T − P) with its value before and after the amendment in the student's numbers, and "
            "reasons about how changes in T, R or P move it.",
            "Mentions patience or the threshold without using the formula's comparative statics.",
            "No use of the model.",
            bands=(
                (1.5, "The formula, its value and the comparative statics, but the value after the amendment missing, "
                      "or patience asserted instead of compared with the threshold."),
                (0.5, "Patience or a threshold named, without the formula or a number."),
            ),
        ),
        Criterion(
            "Maps the amendment to payoffs",
            2,
            "Argues at least two mappings with a direction, e.g. any-cloud freedom legalises former 'defections' "
            "(lower T − R), while a non-exclusive licence and capped payments make going it alone less painful (higher P).",
            "One mapping with its direction, or mappings without directions.",
            "None.",
            bands=(
                (1.5, "Two mappings with directions, one of them carried the wrong way through δ* (a higher P said to "
                      "lower it)."),
                (0.5, "A payoff named ('the temptation falls') with no term of the amendment behind it."),
            ),
        ),
        Criterion(
            "Uses the game and the split, and labels facts",
            1,
            "Links Microsoft's best response in the renegotiation game, or the reward the more impatient side needs, "
            "to whether the partnership stays cooperative; dates the amendment and keeps official terms apart from press reports.",
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
    With the published numbers (each student's differ), cooperation survives if each side's discount
    factor is at least δ* = (T − R)/(T − P) = (14 − 10)/(14 − 6) = 0.5. The April 2026 amendment moves
    this threshold in two opposite ways. It makes legal several moves that used to count as defection:
    OpenAI may now serve every product on any cloud and Microsoft's licence is no longer exclusive. What
    remains to be gained by breaking the deal is smaller, so T − R falls and δ* falls. But the
    punishment also bites less: if cooperation broke down, each side would keep a licence, other clouds
    and capped payments, so P rises, and with T − P smaller δ* rises. Read as T lower by 2 and P higher
    by 1, δ* falls to 0.4: the first effect wins, and the partnership is more likely to stay
    cooperative, if looser.

    The renegotiation game points the same way. When OpenAI signs with Amazon, Microsoft does best by
    offering to renegotiate rather than sue: OpenAI accepts terms set by its outside option (58 against
    42), and a trial would cost both. The split matters too. OpenAI is the more impatient side (0.65
    against Microsoft's 0.85), so it needs at least 8.8 of the 20 the two earn by cooperating to keep
    cooperating, and Microsoft still cooperates on the rest. A deal that gives the cash-hungry side less
    invites defection, whatever δ* says for the average.
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
            higher P also lowers δ*, since defecting is now punished less harshly. With T two lower and P one
            higher, δ* is 0.4.

            Both changes point the same way, so the partnership is more stable. In the game Microsoft answers
            the Amazon deal by renegotiating, not suing, and OpenAI accepts 58, its outside option. OpenAI is
            the impatient side (δ = 0.65), so Microsoft must leave it at least 8.8 of the 20 the two earn
            together, or the cash-hungry side defects first.
            """,
            (
                Score("Uses the repeated-game condition", 2, "The formula, its value before and after, and comparative statics in T − R."),
                Score(
                    "Maps the amendment to payoffs",
                    1.5,
                    "Two mappings with directions, but the second is carried the wrong way: a higher P shrinks T − P, "
                    "so δ* rises. The answer's conclusion ('both point the same way') inherits the slip.",
                ),
                Score("Uses the game and the split, and labels facts", 1, "Microsoft's response and the impatient side's reward, tied to cooperation; the amendment dated."),
            ),
        ),
        Sample(
            "middling",
            """
            The critical discount factor is δ* = (T − R)/(T − P) = 0.5, and big firms like Microsoft and
            OpenAI are patient, so they will keep cooperating. A bigger temptation would raise δ*.

            After the amendment OpenAI can use any cloud, so it has less reason to break the deal: the
            temptation T goes down. This makes the partnership more likely to stay cooperative.

            In Part 4 OpenAI needed a reward of 8.8 to keep cooperating. Since the amendment reduces the money
            Microsoft gets, it might be less willing to give it that much.
            """,
            (
                Score(
                    "Uses the repeated-game condition",
                    1.5,
                    "Formula and value, and the effect of T, but 'big firms are patient' stands in for comparing δ with "
                    "the threshold, and the value after the amendment is missing.",
                ),
                Score("Maps the amendment to payoffs", 1, "One mapping with a direction (T falls); nothing on P or R."),
                Score(
                    "Uses the game and the split, and labels facts",
                    0.5,
                    "The split is linked to cooperation, but the amendment is neither dated nor kept apart from "
                    "reports, and the game is not used.",
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
                    "Uses the game and the split, and labels facts",
                    0,
                    "No game or split, and the claim about AGI is wrong twice: since October 2025 Microsoft's "
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
    title="Will they keep cooperating? Repeated games and the renegotiation game",
    chapter="chapter-future",
    summary="""
    With payoffs of your own, you find how patient the partners must be, predict and verify what
    moves that threshold and what the April 2026 amendment did to it, choose Microsoft's best answer
    to OpenAI's Amazon deal in the renegotiation game, and design a split of the gains that keeps the
    more impatient side cooperating.
    """,
    setup=SETUP,
    items=(CRITICAL, AMENDMENT, RESPONSE, SPLIT, ARGUMENT),
    parameters=PARAMETERS,
    constraints=CONSTRAINTS,
)
