import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from partnership.concentration import delta_hhi, hhi, market_label, merger_screen, validate_shares


@st.composite
def markets(draw):
    raw = draw(st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=10))
    total = sum(raw)
    assume(total > 1e-6)  # a subnormal total would overflow the scale (inf, nan) below
    scale = draw(st.floats(min_value=0.01, max_value=1)) * 100 / total
    return [min(r * scale, 100.0) for r in raw]


def test_monopoly_and_textbook_values():
    assert hhi([100]) == 10_000
    assert hhi([25, 25, 25, 25]) == 2_500
    # Synergy Research Group Q4 2023 cloud shares used in the chapter: 31, 24, 11.
    assert hhi([31, 24, 11]) == 31**2 + 24**2 + 11**2


def test_delta_is_twice_the_product():
    assert delta_hhi([30, 20, 10], 0, 1) == 1_200


def test_screen_both_presumptions():
    screen = merger_screen([31, 24, 11, 10], 1, 2)
    assert screen.hhi_after == pytest.approx(2_286)
    assert screen.delta == pytest.approx(528)
    assert screen.presumed_harmful and len(screen.reasons) == 2


def test_screen_share_presumption_alone():
    # Many small rivals keep HHI under 1,800, but the merged firm passes 30%.
    shares = [20, 12] + [4] * 17
    screen = merger_screen(shares, 0, 1)
    assert screen.hhi_after < 1_800 and screen.combined_share > 30
    assert screen.presumed_harmful and screen.reasons[0].startswith("combined share")


def test_screen_small_change_is_not_presumed_harmful():
    screen = merger_screen([60, 1, 0.5], 1, 2)
    assert screen.delta == 1 and not screen.presumed_harmful


def test_market_label():
    assert market_label(1800) == "not highly concentrated"
    assert market_label(1801) == "highly concentrated"


@given(markets())
def test_hhi_bounds(shares):
    value = hhi(shares)
    assert 0 <= value <= 10_000 + 1e-6
    # With n listed firms HHI is at least (total share)^2 / n.
    assert value >= sum(shares) ** 2 / len(shares) - 1e-6


@given(markets(), st.data())
def test_merging_never_lowers_hhi(shares, data):
    i = data.draw(st.integers(0, len(shares) - 1))
    j = data.draw(st.integers(0, len(shares) - 1).filter(lambda k: k != i))
    screen = merger_screen(shares, i, j)
    assert screen.delta >= 0
    merged = [s for k, s in enumerate(shares) if k not in (i, j)] + [shares[i] + shares[j]]
    assert hhi(merged) == pytest.approx(screen.hhi_after, abs=1e-6)


@pytest.mark.parametrize(
    "shares, message",
    [([120], "between 0% and 100%"), ([-5, 20], "between 0% and 100%"), ([60, 50], "more than 100%"), ([], "at least one")],
)
def test_invalid_shares(shares, message):
    with pytest.raises(ValueError, match=message):
        validate_shares(shares)


def test_invalid_pair():
    with pytest.raises(ValueError, match="cannot combine with itself"):
        merger_screen([30, 20], 0, 0)
    with pytest.raises(ValueError, match="not one of the 2 firms"):
        merger_screen([30, 20], 0, 5)


# --- the modified HHI for partial ownership (O'Brien & Salop 2000) -------------------------------------

from partnership.concentration import modified_hhi, stake_delta_mhhi  # noqa: E402

stakes = st.floats(min_value=0.01, max_value=0.99)
unit = st.floats(min_value=0, max_value=1)


def test_textbook_partial_stake_values():
    # Shares 40 and 20, a 27% stake: silent interest 0.27·40·20 = 216; total control
    # (0.27 + 1/0.27)·800 ≈ 3,179, more than a full merger's 2·40·20 = 1,600.
    assert stake_delta_mhhi(40, 20, 0.27, 0.0) == pytest.approx(216)
    assert stake_delta_mhhi(40, 20, 0.27, 1.0) == pytest.approx(800 * (0.27 + 1 / 0.27))
    assert stake_delta_mhhi(40, 20, 1.0, 1.0) == pytest.approx(1600)
    # Proportional control (c = β): 800·(0.27 + 0.27/(0.27² + 0.73²)).
    assert stake_delta_mhhi(40, 20, 0.27, 0.27) == pytest.approx(800 * (0.27 + 0.27 / (0.27**2 + 0.73**2)))


def test_no_cross_ownership_gives_the_ordinary_hhi():
    out = modified_hhi([30, 20, 10], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert out.delta == 0 and out.mhhi == hhi([30, 20, 10])


def test_a_full_merger_through_common_ownership_is_delta_hhi():
    # One owner holds and controls both firms 1 and 2: the managers maximise joint profit.
    out = modified_hhi([30, 20, 10], [[1, 1, 0], [0, 0, 1]], [[1, 1, 0], [0, 0, 1]])
    assert out.delta == pytest.approx(delta_hhi([30, 20, 10], 0, 1))


@given(st.floats(0, 50), st.floats(0, 50), stakes, unit)
def test_stake_closed_form_matches_the_general_formula(sa, st_, beta, c):
    want = sa * st_ * (beta + c / (c * beta + (1 - c) * (1 - beta)))
    assert stake_delta_mhhi(sa, st_, beta, c) == pytest.approx(want, rel=1e-9, abs=1e-9)


@given(st.floats(0, 50), st.floats(0, 50), stakes, unit, unit)
def test_more_control_never_lowers_the_modified_hhi(sa, st_, beta, c1, c2):
    lo, hi = sorted((c1, c2))
    assert stake_delta_mhhi(sa, st_, beta, lo) <= stake_delta_mhhi(sa, st_, beta, hi) + 1e-9


@given(st.floats(0, 50), st.floats(0, 50), stakes, stakes)
def test_a_bigger_silent_stake_raises_the_modified_hhi_but_stays_below_a_merger(sa, st_, b1, b2):
    lo, hi = sorted((b1, b2))
    assert stake_delta_mhhi(sa, st_, lo, 0) <= stake_delta_mhhi(sa, st_, hi, 0) + 1e-9
    assert stake_delta_mhhi(sa, st_, hi, 0) <= 2 * sa * st_ + 1e-9


def test_modified_hhi_invalid_input():
    with pytest.raises(ValueError, match="control weights over firm 1 add up to 0.5, not 1"):
        modified_hhi([30, 20], [[1, 0], [0, 1]], [[0.5, 0], [0, 1]])
    with pytest.raises(ValueError, match="financial interests in firm 2 add up to 1.5"):
        modified_hhi([30, 20], [[1, 0.5], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="controlled by owners who hold none of its profits"):
        modified_hhi([30, 20], [[1, 0], [0, 1]], [[1, 1], [0, 0]])
    with pytest.raises(ValueError, match="has 1 entries, but there are 2 firms"):
        modified_hhi([30, 20], [[1], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="stake \\(share of the rival's profits\\) must lie in"):
        stake_delta_mhhi(40, 20, 1.2, 0)
    with pytest.raises(ValueError, match="A 100% stake with no control"):
        stake_delta_mhhi(40, 20, 1.0, 0.0)
