"""The case text is the article verbatim: same bytes as the copy the project was given."""

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "000_05a0c26973c8719c.txt"
# SHA-256 of the article as delivered; recorded when it was copied into seeds/.
ARTICLE_SHA256 = "0c3f2ed37aa02ef1253c6fe0be7b921a2bbabea39362921a8847ba5a53aafac3"


def test_article_bytes_unchanged():
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == ARTICLE_SHA256


def test_article_matches_shared_copy():
    shared = ROOT.parent / "shared" / "seeds" / ARTICLE.name
    if not shared.is_file():
        pytest.skip(f"no shared copy of the article at {shared} to compare with (the developers' guide lies beside the repository)")
    assert ARTICLE.read_bytes() == shared.read_bytes()


def test_case_chapter_includes_the_seed_rather_than_retyping_it():
    case = (ROOT / "chapters" / "case.md").read_text(encoding="utf-8")
    assert "seeds/000_05a0c26973c8719c.txt" in case
    first_sentence = ARTICLE.read_text(encoding="utf-8").split(".")[0]
    assert first_sentence not in case
