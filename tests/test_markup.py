"""The markup family on seeds and on unseen documents."""

from __future__ import annotations

from conftest import FIXTURES, seed

from doclint.api import engine_for
from doclint.runner import document_from_bytes

ENGINE = engine_for(select=["markup"])


def lint(path):
    return ENGINE.lint(document_from_bytes(path.read_bytes(), str(path)))["findings"]


def test_seed_004_stray_fragments_lone_bracket_and_table() -> None:
    found = lint(seed("004"))
    got = {(f["rule"], f["line"], f["excerpt"]) for f in found}
    assert ("M101", 22, "strong >") in got
    assert ("M101", 23, "p >") in got
    assert ("M101", 24, "h2 >") in got
    assert ("M101", 27, "h2 >") in got
    assert ("M102", 14, "<") in got
    assert ("M109", 13) in {(r, ln) for r, ln, _ in got}


def test_clean_seeds_have_no_markup() -> None:
    assert lint(seed("000")) == [] and lint(seed("001")) == []


def test_unseen_cms_export() -> None:
    found = lint(FIXTURES / "markup" / "broken_cms_export.txt")
    by_rule: dict[str, set[int]] = {}
    for f in found:
        by_rule.setdefault(f["rule"], set()).add(f["line"])
    assert by_rule["M106"] == {3}  # [caption …] … [/caption]
    assert by_rule["M105"] == {5}  # &amp; &nbsp;
    assert by_rule["M103"] == {7}  # <p> … </p>
    assert by_rule["M101"] == {9, 10}  # span >, strong >, p >
    assert by_rule["M110"] == {12} and by_rule["M109"] == {13}
    assert by_rule["M107"] == {16} and by_rule["M108"] == {17}


def test_clean_science_text_with_comparisons_ampersands_and_tables() -> None:
    assert lint(FIXTURES / "markup" / "clean_science_news.txt") == []
