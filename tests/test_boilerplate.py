"""The boilerplate family on seeds and on documents it was not written from."""

from __future__ import annotations

from conftest import FIXTURES, seed

from doclint.api import engine_for
from doclint.runner import document_from_bytes

ENGINE = engine_for(select=["boilerplate"])


def lint(path):
    return ENGINE.lint(document_from_bytes(path.read_bytes(), str(path)))["findings"]


def lines(findings, rule=None):
    return sorted({f["line"] for f in findings if rule is None or f["rule"] == rule})


def test_seed_002_chrome_at_the_end() -> None:
    found = {(f["rule"], f["line"]) for f in lint(seed("002"))}
    assert ("B104", 59) in found  # newsletter prompt inside the closing sentence
    assert ("B107", 61) in found  # See more … News
    assert ("B101", 63) in found  # Leave a Comment
    assert ("B106", 65) in found  # en English
    assert all(line >= 59 for _, line in found)


def test_seed_003_form_confirmation_and_share_widget() -> None:
    found = {(f["rule"], f["line"]) for f in lint(seed("003"))}
    assert ("B105", 2) in found and ("B103", 16) in found
    assert all(line in (2, 16) for _, line in found)


def test_clean_seeds_have_no_boilerplate() -> None:
    assert lint(seed("000")) == []
    assert lint(seed("001")) == []


def test_unseen_english_news_page() -> None:
    found = lint(FIXTURES / "boilerplate" / "scraped_news_page.txt")
    flagged = lines(found)
    # menu head (1-9), reading UI (13), ad label (19), share bar (23-25), related (27-28),
    # form confirmation (30), cookie banner (31), follow (32), copyright and footer (33-36)
    for line in (1, 2, 9, 13, 19, 23, 24, 25, 27, 28, 30, 31, 32, 33, 34, 35, 36):
        assert line in flagged, line
    # the article itself (headline, byline, paragraphs) is not flagged
    for line in (11, 12, 15, 17, 21):
        assert line not in flagged, line
    menu = [f for f in found if f["rule"] == "B117"]
    assert [(f["line"], f["end_line"]) for f in menu] == [(1, 9)]


def test_unseen_spanish_blog() -> None:
    found = lint(FIXTURES / "boilerplate" / "scraped_spanish_blog.txt")
    flagged = lines(found)
    for line in (1, 16, 17, 19, 20, 21, 22, 23, 24, 25):
        assert line in flagged, line
    for line in (10, 12, 14):
        assert line not in flagged, line


def test_clean_news_mentioning_chrome_words_is_not_flagged() -> None:
    assert lint(FIXTURES / "boilerplate" / "clean_news.txt") == []


def covered(findings):
    return {n for f in findings for n in range(f["line"], f["end_line"] + 1)}


def test_unseen_french_and_german_pages() -> None:
    fr = covered(lint(FIXTURES / "boilerplate" / "scraped_french_news.txt"))
    assert set(range(1, 10)) <= set(fr) and set(range(19, 27)) <= set(fr)
    assert not {11, 12, 13, 15, 17} & set(fr)  # headline, byline, date line, paragraphs
    de = covered(lint(FIXTURES / "boilerplate" / "scraped_german_news.txt"))
    assert set(range(1, 9)) <= set(de) and set(range(17, 26)) <= set(de)
    assert not {10, 11, 13, 15} & set(de)
