"""Rule-pack loading and validation: a bad pack names the file and the rule."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.config import Config
from doclint.document import Document
from doclint.engine import Engine
from doclint.packs import PackError, load_pack
from doclint.shapes import SHAPES

GOOD = """
rules:
  - code: X101
    name: demo-rule
    category: boilerplate
    severity: info
    kind: pattern
    pattern: '{pattern}'
    message: "demo {{match}}"
    rationale: "demo"
    examples:
      fail: ["{fail}"]
      pass: ["nothing here"]
"""


def write(tmp: Path, body: str, name: str = "pack.yaml") -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / name
    path.write_text(body, encoding="utf-8")
    return path


def test_user_pack_is_loaded_and_scanned(tmp_path: Path) -> None:
    write(tmp_path / "packs", GOOD.format(pattern="(?i)lorem ipsum", fail="Lorem ipsum dolor"))
    eng = Engine(Config(packs=(tmp_path / "packs",), select=("X101",)))
    rep = eng.lint(Document.from_text("A\nlorem IPSUM dolor\n"))
    assert [(f["rule"], f["line"], f["column"]) for f in rep["findings"]] == [("X101", 2, 1)]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("rules: [ {code: X1", "YAML error"),
        ("rules:\n  - {code: X101, name: a, kind: pattern, bogus: 1}", "unknown key 'bogus'"),
        (GOOD.format(pattern="(a)\\1", fail="aa"), "back-references"),
        (GOOD.format(pattern="(?<=a)b", fail="ab"), "look-around"),
        (GOOD.format(pattern="(unclosed", fail="x"), "invalid regex"),
        (GOOD.replace("severity: info", "severity: fatal").format(pattern="a", fail="a"), "severity"),
        (GOOD.replace("category: boilerplate", "category: nope").format(pattern="a", fail="a"), "category"),
        (GOOD.replace('      pass: ["nothing here"]\n', "").format(pattern="a", fail="a"), "example"),
    ],
)
def test_bad_pack_errors_name_file_and_rule(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack(path, SHAPES)
    assert str(path) in str(err.value)
    assert needle in str(err.value)


def test_duplicate_code_across_packs_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "p", GOOD.format(pattern="B101", fail="B101").replace("X101", "B101"))
    with pytest.raises(PackError, match="B101"):
        Engine(Config(packs=(tmp_path / "p",)))


def test_catastrophic_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    write(tmp_path / "packs", GOOD.format(pattern="(a+)+$", fail="aaa"))
    eng = Engine(Config(packs=(tmp_path / "packs",), select=("X101",)))
    text = "a" * 50_000 + "b"
    t0 = time.perf_counter()
    eng.lint(Document.from_text(text))
    # Python's re needs ~2^n steps here; RE2 is linear. Generous bound, not a benchmark.
    assert time.perf_counter() - t0 < 5


def test_shape_params_are_validated(tmp_path: Path) -> None:
    body = """
rules:
  - code: X102
    name: shape-demo
    category: boilerplate
    severity: info
    kind: line-shape
    shape: short-line-run
    params: {min_run: 0}
    message: m
    rationale: r
    examples: {fail: ["a"], pass: ["b"]}
"""
    with pytest.raises(PackError, match="min_run"):
        load_pack(write(tmp_path, body), SHAPES)


def _is_short_reference(text: str, max_words: int, max_chars: int, skip_lists: bool) -> bool:
    """ShortLineRun._is_short as it was, with the combined reject regexes."""
    from doclint.shapes import _HAS_LETTER, _REJECT, _REJECT_WITH_LISTS, _WIDE

    text = text.strip()
    if not text or len(text) > max_chars or not _HAS_LETTER.search(text):
        return False
    if (_REJECT_WITH_LISTS if skip_lists else _REJECT).search(text):
        return False
    words = len(text.split())
    if not text.isascii():
        words += len(_WIDE.findall(text)) // 2
    return words <= max_words


_SHAPE_ALPHABET = "aZ1 \t-*•.)(,;:!?。\"'”’]{=│\\`/&+–—漢ñ"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_SHAPE_ALPHABET, max_size=14), st.booleans())
def test_rejected_matches_combined_regex(text, skip_lists):
    from doclint.shapes import _REJECT, _REJECT_WITH_LISTS, _rejected

    text = text.strip()
    if text:
        assert _rejected(text, skip_lists) == bool((_REJECT_WITH_LISTS if skip_lists else _REJECT).search(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=_SHAPE_ALPHABET, max_size=10), max_size=16), st.booleans(),
       st.integers(2, 4), st.integers(0, 2))
def test_short_line_runs_match_reference(lines, skip_lists, min_run, max_blank):
    # the inlined per-line test of ShortLineRun._runs against the original _is_short
    from doclint.model import Rule

    lines = [ln.replace("\n", " ") for ln in lines]
    doc = Document.from_text("\n".join(lines))
    rule = Rule("B999", "x", "boilerplate", "info", "{count} {match}", "r", kind="line-shape")
    got = list(SHAPES["short-line-run"]._runs(doc, doc.lines, rule, min_run, 3, 12, max_blank, skip_lists))
    # reference: the original loop with the original _is_short
    expect = []
    run: list = []
    blanks = 0
    for line in [*doc.lines, None]:
        if line is not None and not line.text.strip():
            blanks += 1
            if blanks <= max_blank:
                continue
        elif line is not None and _is_short_reference(line.text, 3, 12, skip_lists):
            run.append(line)
            blanks = 0
            continue
        if len(run) >= min_run:
            first = run[0]
            expect.append((first.start + len(first.text) - len(first.text.lstrip()), run[-1].end, len(run)))
        run = []
        blanks = 0
    assert [(f.start, f.end, int(f.message.split()[0])) for f in got] == expect


@given(st.text(alphabet=st.sampled_from("ab \néü€😀\u0301"), max_size=60), st.lists(st.integers(0, 60), max_size=25))
def test_char_index_maps_byte_offsets_in_any_order(text: str, picks: list[int]) -> None:
    """The matcher's byte -> character offset map (the shared :class:`Utf8Text`), queried in any
    order (each rule's matches come in order, but every rule starts again from the top), equals
    decoding the prefix."""
    from doclint.utf8text import Utf8Text

    data = text.encode("utf-8")
    boundaries = [len(text[:i].encode("utf-8")) for i in range(len(text) + 1)]
    index = Utf8Text(text)
    for k in picks:
        b = boundaries[k % len(boundaries)]
        assert index.char(b) == len(data[:b].decode("utf-8"))


def test_wide_count_equals_the_wide_regex_on_every_code_point() -> None:
    """shapes._wide_count (a str.translate table filled on use) counts exactly the characters
    of the _WIDE class, on every code point of the BMP and astral samples, alone and mixed."""
    from doclint.shapes import _WIDE, _wide_count

    points = [chr(c) for c in range(0x10000)] + [chr(c) for c in (0x10000, 0x1F600, 0x20000, 0x10FFFF)]
    for ch in points:
        assert _wide_count(ch) == len(_WIDE.findall(ch)), hex(ord(ch))
    text = "".join(points)
    assert _wide_count(text) == len(_WIDE.findall(text))
    assert _wide_count("メニュー 日本語 abc 한국어 ไทย ñ") == len(_WIDE.findall("メニュー 日本語 abc 한국어 ไทย ñ"))


def test_quote_meta_equals_re2_escape_on_every_code_point() -> None:
    import re2

    from doclint.packs import quote_meta

    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:  # lone surrogates: UTF-8 cannot encode them
            continue
        ch = chr(code)
        assert quote_meta(ch) == re2.escape(ch), hex(code)
    text = "".join(map(chr, range(0xD800))) + " a.b (c) [d] 1+1=2 \x00 «x» 日本 é\n\t"
    assert quote_meta(text) == re2.escape(text)
