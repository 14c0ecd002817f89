"""Normalised tokens and winnowing (partnership_grading/fingerprints.py): what a disguise cannot change,
and the guarantee of Schleimer et al. (2003) that a long enough shared run always shares a fingerprint."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership_grading.fingerprints import IDENTIFIER, LITERAL, Token, kgram_hashes, normalise, winnow

from . import similarity_class as sc


def _texts(code: str) -> list[str]:
    return [t.text for t in normalise(code).tokens]


def test_names_become_id_numbers_and_strings_lit_and_layout_goes():
    assert _texts("total = price * 1.5  # with tax\n") == [IDENTIFIER, "=", IDENTIFIER, "*", LITERAL]
    assert _texts('x = f"{a} paid"; y = \'two\'') == [IDENTIFIER, "=", LITERAL, IDENTIFIER, "=", LITERAL]
    assert _texts("if a:\n\n    return None\n") == ["if", IDENTIFIER, ":", "return", "None"], "keywords stay"
    spread = "result = max(\n    a,\n    b,\n)\n"
    assert _texts(spread) == _texts("result = max(a, b,)"), "a statement spread over lines is the same statement"


_NAMES = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True).filter(lambda s: not keyword.iskeyword(s) and s != "_")


@given(st.lists(_NAMES, min_size=8, max_size=8, unique=True), st.integers(0, 10**6), st.sampled_from(["", "  # note", "\n"]))
def test_renaming_every_variable_and_changing_numbers_and_comments_changes_no_token(names, number, extra):
    original = sc.ALICE_CAP
    renamed = original
    for old, new in zip(["total", "result", "p"], names):
        renamed = renamed.replace(old, new)  # ("p" is in "append": a renamed method is also a new name)
    renamed = renamed.replace("0.0", str(number)).replace(":\n", ":" + extra.replace("\n", "") + "\n")
    assert _texts(renamed) == _texts(original)
    assert {f.hash for f in winnow(normalise(renamed).tokens)} == {f.hash for f in winnow(normalise(original).tokens)}


def test_code_that_cannot_be_read_to_the_end_keeps_its_tokens_and_says_why():
    norm = normalise("total = sum(payments\nreturn total")
    assert norm.problem.startswith("the code could not be read to the end")
    assert [t.text for t in norm.tokens][:4] == [IDENTIFIER, "=", IDENTIFIER, "("]
    assert normalise(sc.ALICE_CAP).problem == ""


_TOKENS = st.lists(st.sampled_from(["ID", "LIT", "=", "(", ")", "+", "for", "in", ":", "return", "if", "<"]), max_size=40)


@given(_TOKENS, _TOKENS, _TOKENS, st.integers(1, 6), st.integers(1, 6), st.integers(0, 5))
def test_a_shared_run_of_k_plus_w_minus_1_tokens_always_shares_a_fingerprint(before, after, shared, k, w, extra):
    run = (shared * 20)[: k + w - 1 + extra] if shared else ["ID"] * (k + w - 1 + extra)
    a = [Token(t, 1) for t in before + run + after]
    b = [Token(t, 1) for t in after + run + before[::-1]]
    fa, fb = {f.hash for f in winnow(a, k, w)}, {f.hash for f in winnow(b, k, w)}
    assert fa & fb


@given(_TOKENS, st.integers(1, 6), st.integers(1, 6))
def test_every_window_is_represented_and_fingerprints_are_kgram_hashes(tokens, k, w):
    seq = [Token(t, n) for n, t in enumerate(tokens, start=1)]
    hashes = kgram_hashes(seq, k)
    prints = winnow(seq, k, w)
    assert {f.hash for f in prints} <= set(hashes)
    for start in range(max(len(hashes) - w + 1, 0)):
        assert min(hashes[start:start + w]) in {f.hash for f in prints}, "each window keeps its minimum"
    assert all(f.first_line <= f.last_line for f in prints)


def test_excluded_kgrams_are_never_chosen_and_do_not_crowd_out_their_neighbours():
    seq = [Token(t, 1) for t in "def ID ( ID ) : LIT ID = ID + LIT return ID".split()]
    starter = set(kgram_hashes(seq[:7], 3))
    chosen = {f.hash for f in winnow(seq, 3, 4, exclude=starter)}
    assert chosen and not chosen & starter
    assert chosen == {f.hash for f in winnow(seq, 3, 4, exclude=starter)}, "deterministic"
    assert winnow(seq, 3, 4, exclude=set(kgram_hashes(seq, 3))) == []


def test_k_and_w_are_checked():
    with pytest.raises(ValueError, match="k .* at least 1"):
        kgram_hashes([Token("ID", 1)], 0)
    with pytest.raises(ValueError, match="w .* at least 1"):
        winnow([Token("ID", 1)], 1, 0)
