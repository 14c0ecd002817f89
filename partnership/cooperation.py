"""Repeated cooperation: when does the threat of ending the partnership keep both sides cooperating?

In a prisoner's dilemma with payoffs T > R > P > S (temptation, reward, punishment, sucker),
grim-trigger cooperation is an equilibrium of the infinitely repeated game when each side's
discount factor is at least ``δ* = (T − R) / (T − P)`` (Friedman 1971).
"""

from __future__ import annotations

from ._validate import finite, fraction


def check_dilemma(temptation: float, reward: float, punishment: float, sucker: float) -> None:
    """Raise ``ValueError`` unless T > R > P > S, the ordering that makes a prisoner's dilemma.

    Examples
    --------
    >>> check_dilemma(5, 3, 1, 0)  # T > R > P > S: nothing to say
    >>> check_dilemma(3, 5, 1, 0)
    Traceback (most recent call last):
    ...
    ValueError: A prisoner's dilemma needs T > R > P > S, but got T=3, R=5, P=1, S=0: ...
    """
    t = finite("The temptation payoff T", temptation)
    r = finite("The reward payoff R", reward)
    p = finite("The punishment payoff P", punishment)
    s = finite("The sucker payoff S", sucker)
    if not (t > r > p > s):
        raise ValueError(
            f"A prisoner's dilemma needs T > R > P > S, but got T={t:g}, R={r:g}, P={p:g}, S={s:g}: "
            "defecting must tempt (T > R), cooperating must beat mutual defection (R > P), "
            "and being cheated must hurt most (P > S)."
        )


def critical_discount_factor(temptation: float, reward: float, punishment: float, sucker: float) -> float:
    """Smallest δ at which grim-trigger cooperation holds: ``(T − R) / (T − P)``.

    Examples
    --------
    >>> critical_discount_factor(5, 3, 1, 0)  # (5 − 3) / (5 − 1)
    0.5
    """
    check_dilemma(temptation, reward, punishment, sucker)
    return (temptation - reward) / (temptation - punishment)


def cooperation_sustainable(
    discount_factor: float, temptation: float, reward: float, punishment: float, sucker: float
) -> bool:
    """True when cooperating forever is worth at least defecting once and being punished forever.

    Examples
    --------
    With T, R, P, S = 5, 3, 1, 0 the threshold is δ* = 0.5 (:func:`critical_discount_factor`):

    >>> cooperation_sustainable(0.6, 5, 3, 1, 0), cooperation_sustainable(0.4, 5, 3, 1, 0)
    (True, False)
    """
    delta = fraction("The discount factor", discount_factor, open_high=True)
    return delta >= critical_discount_factor(temptation, reward, punishment, sucker)


def value_of_cooperating(discount_factor: float, reward: float) -> float:
    """Present value of cooperating forever: ``R / (1 − δ)``.

    Examples
    --------
    >>> value_of_cooperating(0.5, 3)  # 3 + 1.5 + 0.75 + … = 3 / 0.5
    6.0
    """
    delta = fraction("The discount factor", discount_factor, open_high=True)
    return finite("The reward payoff R", reward) / (1 - delta)


def value_of_defecting(discount_factor: float, temptation: float, punishment: float) -> float:
    """Present value of defecting now and being punished forever: ``T + δ P / (1 − δ)``.

    Examples
    --------
    >>> value_of_defecting(0.5, 5, 1)  # 5 + 0.5 · 1 / 0.5: at δ* = 0.5 it equals cooperating's 6
    6.0
    """
    delta = fraction("The discount factor", discount_factor, open_high=True)
    return finite("The temptation payoff T", temptation) + delta * finite("The punishment payoff P", punishment) / (1 - delta)
