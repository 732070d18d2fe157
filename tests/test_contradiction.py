"""Contradictory dates and leader titles: seeds, fixtures, rule examples, robustness."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.checks import Options, contradiction
from doclint.document import Document
from doclint.knowledge import load_knowledge
from doclint.temporal import extract_cues, solve
from doclint.temporal.dates import MONTHS, find_full_dates, month_number

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "contradiction"
TODAY = "2026-11-24"


def run(text: str, meta=None, **settings_):
    doc = Document.from_text(text, meta=meta or {})
    opts = Options(settings={"today": TODAY, **settings_})
    findings = list(contradiction.check(doc, opts))
    return doc, findings, opts.provenance.get("date_window")


def lines(doc, findings, code=None):
    return [doc.linecol(f.start)[0] for f in findings if code is None or f.rule == code]


def seed(prefix: str) -> str:
    (path,) = sorted((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


# ---- seeds ---------------------------------------------------------------------------------

@pytest.mark.skipif(not (ROOT / "seeds").is_dir(), reason="no seed corpus")
class TestSeeds:
    def test_004_former_and_current_trump(self):
        doc, findings, window = run(seed("004"))
        assert [(f.rule, doc.linecol(f.start)[0]) for f in findings] == [("C102", 28)]
        msg = findings[0].message
        assert "'former President Donald Trump' (line 2)" in msg and "'president trump' (line 28)" in msg
        assert "2017-01-20–2021-01-20, 2025-01-20–" in msg and "no date satisfies both" in msg
        assert window is None

    def test_003_summit_week_in_june_2022(self):
        doc, findings, window = run(seed("003"))
        assert findings == []
        assert "2022-06-01" <= window["start"] <= window["end"] <= "2022-06-30"
        kinds = {(c["kind"], c["line"]) for c in window["cues"]}
        assert ("event", 3) in kinds and ("title", 6) in kinds and ("title", 9) in kinds

    def test_000_march_2021(self):
        doc, findings, window = run(seed("000"))
        assert (window["start"], window["end"]) == ("2021-03-01", "2021-03-31")
        # stretch: the Washington trip is dated "in January" (line 5) and "last month" (line 33)
        assert [(f.rule, doc.linecol(f.start)[0]) for f in findings] == [("C101", 33)]
        assert "line 5 puts it 'in January'" in findings[0].message
        assert "2021-03-01 to 2021-03-31" in findings[0].message
        texts = [c["text"] for c in window["cues"]]
        assert any("39-year-old" in t for t in texts)
        assert any("last month" in t for t in texts)

    @pytest.mark.parametrize("prefix", ["001", "002"])
    def test_other_seeds_are_consistent(self, prefix):
        _, findings, window = run(seed(prefix))
        assert findings == []
        assert window is not None and "2021-01-20" <= window["start"] and window["end"] <= "2025-01-19"


# ---- fixtures ------------------------------------------------------------------------------

EXPECTED = {
    # name: ([(code, line)], window or None)
    "ok_washington_2023.txt": ([], ("2023-05-11", "2023-05-13")),
    "ok_g20_bali.txt": ([], ("2022-11-13", "2022-11-20")),
    "ok_no_cues.txt": ([], None),
    "ok_history_2024.txt": ([], ("2024-02-13", "2024-02-15")),
    "ok_second_trump_term.txt": ([], ("2025-03-14", TODAY)),
    "bad_stale_title_abe.txt": ([("C103", 1)], None),
    "bad_incompatible_merkel.txt": ([("C102", 7)], None),
    "bad_impossible_age_amlo.txt": ([("C104", 1)], None),
    "bad_date_clash_elections.txt": ([("C101", 5)], None),
    "bad_lowercase_obama.txt": ([("C102", 7)], None),
    "ok_trip_february.txt": ([], ("2021-02-09", "2021-02-11")),
    "ok_obituary_bush.txt": ([], ("2018-12-02", "2018-12-04")),
    "bad_trip_month.txt": ([("C101", 9)], ("2023-06-19", "2023-06-21")),
    "bad_g20_rome.txt": ([("C101", 5)], None),
    "bad_past_date.txt": ([("C101", 5)], None),
    "ok_g7_2025.txt": ([], ("2025-06-08", "2025-06-22")),
    "ok_g8_2008.txt": ([], ("2008-07-06", "2008-07-13")),
}


def test_every_fixture_has_an_expectation():
    assert {p.name for p in FIXTURES.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    doc, findings, window = run(text)
    want, want_window = EXPECTED[name]
    assert [(f.rule, doc.linecol(f.start)[0]) for f in findings] == want
    if want_window is None:
        assert window is None
    else:
        assert (window["start"], window["end"]) == want_window
    for f in findings:
        assert f.message.endswith(".") and "line" in f.message
        assert 0 <= f.start <= f.end <= len(text)


def test_stale_title_message_names_both_lines():
    text = (FIXTURES / "bad_stale_title_abe.txt").read_text(encoding="utf-8")
    _, findings, _ = run(text)
    (f,) = findings
    assert "2023-03-03" in f.message and "Prime Minister Shinzo Abe" in f.message
    assert "2012-12-26–2020-09-16" in f.message


# ---- metadata, options, titles -------------------------------------------------------------

def test_metadata_date_makes_a_stale_title():
    text = "Prime Minister Boris Johnson said on Tuesday that the talks would continue.\n"
    doc, findings, _ = run(text, meta={"published": "2023-05-02"})
    assert [(f.rule, doc.linecol(f.start)[0]) for f in findings] == [("C103", 1)]
    assert "metadata" in findings[0].message
    _, findings, window = run(text, meta={"published": dt.date(2020, 5, 2)})
    assert findings == [] and (window["start"], window["end"]) == ("2020-05-02", "2020-05-02")


def test_options_config_none_and_no_settings():
    doc = Document.from_text("Former President Barack Obama spoke.\nPresident Obama smiled.\n")
    findings = list(contradiction.check(doc, Options(config=None)))
    assert [f.rule for f in findings] == ["C102"]


def test_extra_knowledge_paths(tmp_path):
    (tmp_path / "fr.yaml").write_text(
        "sources:\n  X: {title: Test, url: https://example.org/}\n"
        "countries:\n  - {id: xf, name: Freedonia, aliases: [Freedonian], source: [X]}\n"
        "offices:\n  - {id: xf-pres, name: President of Freedonia, country: xf, titles: [president], source: [X]}\n"
        "people:\n  - {id: firefly, name: Rufus T. Firefly, aliases: [Firefly], born: 1890-03-01, source: [X]}\n"
        "terms:\n  - {office: xf-pres, holder: firefly, start: 1933-11-17, end: 1934-01-01, source: [X]}\n",
        encoding="utf-8",
    )
    text = "Former President Rufus T. Firefly left.\nFreedonian President Firefly stayed.\n"
    assert run(text)[1] == []  # unknown person: nothing
    doc, findings, _ = run(text, knowledge_paths=[str(tmp_path)])
    assert [(f.rule, doc.linecol(f.start)[0]) for f in findings] == [("C102", 2)]
    assert [f.rule for f in run(text, **{"knowledge-paths": str(tmp_path)})[1]] == ["C102"]


def test_broken_extra_knowledge_is_a_config_error_naming_the_file(tmp_path, capsys):
    from doclint.cli import main

    (tmp_path / "bad.yaml").write_text("people:\n  - {id: p, name: Somebody}\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Former President Barack Obama spoke.\n", encoding="utf-8")
    (tmp_path / "doclint.toml").write_text(
        f'[options.contradiction]\nknowledge_paths = ["{tmp_path.as_posix()}"]\n', encoding="utf-8")
    assert main(["check", str(tmp_path / "doc.txt"), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "missing source" in err


@pytest.mark.parametrize(
    "text",
    [
        "Former President Donald Trump spoke in 2022. President Trump had met Bukele in 2019.\n",
        "In 2003, President George W. Bush went to war. Today former President Bush paints.\n",
        "President Biden said in 2022 that he would run.\nFormer President Joe Biden now lives in Delaware.\n",
        "Then-President Obama signed the law. Former President Obama praised it.\n",
        "Irish Prime Minister Martin met former Prime Minister Paul Martin of Canada.\n",
        "Acting President Harris briefly held power. Former Vice President Kamala Harris spoke.\n",
        "President Johnson signed the act. Prime Minister Boris Johnson resigned.\n",
        "Published: 2010-05-03\n\nPresident Fernández spoke in Buenos Aires on Monday.\n",
        "the prime minister may decide. Former Prime Minister Theresa May spoke.\n",
        "King Charles II was restored. Queen Elizabeth I ruled.\n",
    ],
)
def test_historical_and_ambiguous_mentions_are_not_flagged(text):
    assert run(text)[1] == []


@pytest.mark.parametrize(
    "text, code",
    [
        ("Former President Barack Obama spoke.\nPRESIDENT OBAMA SMILED.\n", "C102"),
        # Lula's open term is only known to run to 2025-10-31 (g20.yaml compiled:): after
        # that "ex-President Lula" may be right, so no contradiction is claimed
        ("ex-President Lula spoke. President Lula da Silva signed.\n", None),
        ("ex-Chancellor Schröder spoke. Chancellor Gerhard Schroeder signed.\n", "C102"),
        ("Published: 2015-06-01\n\nGerman Chancellor Olaf Scholz spoke on Monday.\n", "C103"),
        ("Published: 2022-06-01\n\nThe 35-year-old French President Emmanuel Macron spoke.\n", "C104"),
        ("Published: 2022-06-01\n\nPresident-elect Joe Biden named his cabinet.\n", "C103"),
        ("Published: 2010-06-01\n\nThe late President George H. W. Bush was remembered.\n", "C101"),
    ],
)
def test_defects(text, code):
    findings = run(text)[1]
    assert [f.rule for f in findings] == ([code] if code else [])


def test_incompatible_titles_only_when_same_person():
    _, findings, _ = run("Former President Barack Obama spoke.\nPresident Donald Trump answered.\n")
    assert findings == []  # 2017-2021: Obama former, Trump president


# ---- rule examples -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "rule, example",
    [(r, e) for r in contradiction.RULES for e in r.examples],
    ids=lambda x: getattr(x, "code", None) or ("fail" if getattr(x, "fails", False) else "pass"),
)
def test_rule_examples(rule, example):
    doc = Document.from_text(example.text)
    hits = [f for f in contradiction.check(doc, Options()) if f.rule == rule.code]
    assert bool(hits) == example.fails


def test_rules_are_well_formed():
    codes = [r.code for r in contradiction.RULES]
    assert codes == ["C101", "C102", "C103", "C104"]
    assert all(r.category == "contradiction" and r.examples for r in contradiction.RULES)


# ---- solver --------------------------------------------------------------------------------

def test_solver_window_and_cues_json():
    kb = load_knowledge()
    cues = extract_cues("Guatemala's President Alejandro Giammattei met Vice President Kamala Harris.", kb,
                        today=dt.date(2026, 11, 24))
    sol = solve(cues, dt.date(2026, 11, 24))
    w = sol.window_json()
    assert (w["start"], w["end"]) == ("2021-01-20", "2024-01-14")
    assert {c["kind"] for c in w["cues"]} == {"title"}
    assert all(set(c) == {"text", "line", "kind", "start", "end"} for c in w["cues"])


# ---- robustness and speed ------------------------------------------------------------------

WORDS = st.sampled_from([
    "President", "president", "former", "Former", "ex-", "then-", "the late", "Prime Minister", "Trump",
    "Biden", "Bukele", "Obama", "Merkel,", "66,", "39-year-old", "last month's", "this week's",
    "Summit of the Americas", "G20 summit", "elections", "in", "2019", "2021", "March 3, 2021",
    "Published:", "\n", "\n\n", ".", ",", "’s", "years later", "two", "ago", "El Salvador's", "(", ")",
    "Chancellor", "Vice", "-elect", "Xi", "Lee", "King", "é", "—",
])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join)))
def test_random_text_never_raises(text):
    doc, findings, window = run(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.rule in {"C101", "C102", "C103", "C104"}
    if window is not None:
        assert window["start"] <= window["end"]
        for c in window["cues"]:
            assert 0 <= c["start"] <= c["end"] <= len(text)


def test_fast_enough():
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.txt")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")]
    run("warm up the knowledge cache: President Biden")
    t0 = time.perf_counter()
    for _ in range(5):
        for t in texts:
            run(t)
    per_doc = (time.perf_counter() - t0) / (5 * len(texts))
    assert per_doc < 0.05, per_doc


def test_apposition_titles():
    text = ("Angela Merkel, the former Chancellor of Germany, spoke in Berlin.\n\n"
            "The Chancellor of Germany, Angela Merkel, announced new measures.\n")
    doc, findings, _ = run(text)
    assert [(f.rule, doc.linecol(f.start)[0]) for f in findings] == [("C102", 3)]
    _, findings, window = run("Nayib Bukele, the President of El Salvador, met Vice President Kamala Harris.\n")
    assert findings == [] and (window["start"], window["end"]) == ("2021-01-20", "2025-01-19")


_AGE_ALTERNATION = re.compile(r"(?:,\s*(?:aged\s+)?(\d{1,3})\s*[,;]|\s\((?:aged\s+)?(\d{1,3})\))")


@given(st.lists(st.sampled_from([",", " ", "(", ")", "1", "23", "456", "aged ", ";", "\n", "x", "\u00a0"]),
                max_size=30).map("".join))
def test_comma_ages_equals_the_alternation_it_replaces(text: str) -> None:
    from doclint.temporal.cues import comma_ages

    expected = [(m.start(), m.end(), int(m.group(1) or m.group(2))) for m in _AGE_ALTERNATION.finditer(text)]
    assert comma_ages(text) == expected


# ---- speed-ups that must not change a match ------------------------------------------------
# The extractor looks for lower-case ASCII words with str.find in text.lower() and tries its
# case-insensitive regexes only there; these tests check that it finds what the regexes find.

_FOLD_WORDS = st.sampled_from([
    "this", "last", "next", "past", "week", "month", "year", "years", "'s", "summit", "elections",
    "election", "polls", "vote", "midterms", "held", "in", "Rome", "the", "of", "President", "prime",
    "Minister", "vice", "PRESIDENT", "elect", "-", "service", "will", "would", "plans", "due", "by",
    "end", "set", "to", "was", "said", "signed", "walked", "ed", "red", "Baked", "1ed", "born", "if",
    "no", "later", "than", "not", "until", "then", "at", "time", "when", "he", "was", "history",
    "ago", "took", "office", "aged", "king", "making", "may", "March", "2021", "1999", "12", ",", "(",
    ")", ".", "?", "\n", "\n\n", "  ", "\u00a0", "é", "K", "ı", "İ", "ſ", "laſt", "thıs", "_",
])
_FOLD_TEXTS = st.lists(st.tuples(_FOLD_WORDS, st.sampled_from([" ", "", " ", "\n", ", ", "  "])),
                       max_size=40).map(lambda parts: "".join(w + sep for w, sep in parts))


def test_case_folding_of_ascii_letters() -> None:
    """``(?i)`` matches a lower-case ASCII letter p with c iff c.lower() == p, except 'ı', 'İ'
    (for i) and 'ſ' (for s); only 'İ' lower-cases to more than one character."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folded = set(re.findall(r"(?i)[a-z]", every))
    assert folded - {c for c in folded if len(c.lower()) == 1 and "a" <= c.lower() <= "z"} == {"ı", "İ", "ſ"}
    for c in folded - {"ı", "İ", "ſ"}:
        assert re.fullmatch(f"(?i){c.lower()}", c) and not re.fullmatch(f"(?i)[^{c.lower()}]", c)
    assert [c for c in every if len(c.lower()) != 1] == ["İ"]


@given(_FOLD_TEXTS)
def test_word_searches_equal_their_regexes(text: str) -> None:
    from doclint.temporal import cues

    for search in (cues.has_future, cues.has_past, cues.has_shift, cues.has_hist_marker):
        assert search(text) == (search.regex.search(text) is not None)
    assert cues.prefilter(text) == (cues.PREFILTER.search(text) is not None)


_OLD_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•|#])")


@given(st.lists(st.sampled_from([".", "!", "?", "\"", "”", ")", "]", " ", "\n", "\t", "-", "*", "•", "#",
                                 "a", "U.S", "Mr", "\u00a0", "\u2028"]), max_size=40).map("".join))
def test_sentence_boundary_equals_the_pattern_it_replaces(text: str) -> None:
    from doclint.temporal.cues import _BOUNDARY

    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in _OLD_BOUNDARY.finditer(text)]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_FOLD_TEXTS)
def test_anchored_matching_equals_window_scans(text: str) -> None:
    from doclint.knowledge import get_knowledge
    from doclint.temporal import cues

    ex = cues._Extractor(text, get_knowledge(), {}, dt.date(2026, 1, 1))

    def spans(it):
        return [m.span() for m in it]

    assert spans(ex.anchored_finditer(ex._LAST_MONTH, ("last",))) == spans(ex._LAST_MONTH.finditer(text))
    for regex in (ex.title_re, ex.title_of_re):
        assert (spans(ex.keyword_matches(regex, ex.title_keywords, 0, 30, ex.title_starts))
                == spans(ex.keyword_matches(regex, ex.title_keywords, 0, 30)))
    starts = ("this", "last", "next", "past")
    assert (spans(ex.keyword_matches(ex._EVENT_RE, ex._EVENT_KEYWORDS, 20, 60, starts))
            == spans(ex.keyword_matches(ex._EVENT_RE, ex._EVENT_KEYWORDS, 20, 60)))
    assert (spans(ex.keyword_matches(ex._EVENT_RE2, ex._EVENT_KEYWORDS, 20, 60, skip=ex._no_relative))
            == spans(ex.keyword_matches(ex._EVENT_RE2, ex._EVENT_KEYWORDS, 20, 60)))


@given(_FOLD_TEXTS)
def test_short_texts_without_a_year_have_no_dates(text: str) -> None:
    from doclint.temporal import dates

    for regex in (dates.FULL_MDY, dates.FULL_DMY, dates.ISO, dates.MONTH_YEAR, dates.PREP_YEAR):
        assert [m.span() for m in dates.finditer_dates(regex, text)] == [m.span() for m in regex.finditer(text)]


_FOLD_CHARS = st.sampled_from(["a", "A", "k", "K", "\u212a", "i", "ı", "İ", "s", "ſ", "é", "É", "?", " ",
                               "\U0001f600", "year", "YEAR", "last", "Last", "vice", "sep", "\u00a0"])


@given(st.lists(_FOLD_CHARS, max_size=30).map("".join))
def test_ascii_folded_shows_ascii_words_where_lower_does(text: str) -> None:
    from doclint.temporal.cues import ascii_folded

    folded = ascii_folded(text)
    assert (folded is None) == ("İ" in text)
    if folded is None:
        return
    low = text.lower()
    assert len(folded) == len(low) == len(text)
    for word in ("a", "k", "i", "s", "year", "last", "vice", "sep", "ka"):
        assert ([i for i in range(len(text)) if low.startswith(word, i)]
                == [i for i in range(len(text)) if folded.startswith(word.encode(), i)])


_YEARS = st.lists(st.sampled_from(["1", "2", "8", "9", "0", "18", "19", "20", "21", "2019", "1899", " ", "-", "x",
                                   "\u0661", "March", "mar", "Sept.", "of", "in", "3", ",", "jan", "nov", "\n",
                                   "March 3, 2019", "3 of Sept. 2019 ", "2019-01-02", "in 2019 ", "DEC 1999",
                                   "throughout the year 2019", "mid-", "Since\u00a0", "1st of", "3rd Dec. ",
                                   "20\u0661\u0661", "By", "through", "out", "\u2009"]),
                  max_size=60).map("".join)


def _old_year_windows(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"(?:18|19|20|21)\d\d", text):
        a, b = max(0, m.start() - 48), min(len(text), m.end() + 16)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


@given(_YEARS)
def test_year_scans_equal_the_year_pattern(text: str) -> None:
    from doclint.temporal import dates

    assert dates.has_year(text) == (re.search(r"(?:18|19|20|21)\d\d", text) is not None)
    assert dates.year_windows(text) == _old_year_windows(text)
    every = [i for i in range(len(text)) if re.match(r"(?:18|19|20|21)\d\d", text[i:])]
    assert dates.year_offsets(text) == every
    low = text.lower().encode("latin-1", "replace")
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    assert ([m.start() for m in dates._MONTH_HEADS.finditer(low)]
            == [i for i in range(len(low)) if low.startswith(tuple(m.encode() for m in months), i)])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_YEARS, min_size=1, max_size=8), st.integers(0, 200))
def test_long_text_date_scans_equal_window_scans(parts: list[str], pad: int) -> None:
    """Texts of 4096 characters or more: the anchored scans find what scanning every year
    window finds (the windows of the old year scan)."""
    from doclint.temporal import cues, dates

    filler = "x " * 40 + "." * (pad % 7) + " " * (pad % 5)
    text = filler.join(parts)
    text += "y" * max(0, 4096 - len(text))
    for low in (cues.ascii_folded(text), None):
        windows = dates.YearWindows(text, low)
        for regex in (dates.FULL_MDY, dates.FULL_DMY, dates.ISO, dates.MONTH_YEAR, dates.PREP_YEAR):
            expected, last_end = [], -1
            for a, b in _old_year_windows(text):
                for m in regex.finditer(text, a, b):
                    if m.start() >= last_end:
                        last_end = m.end()
                        expected.append(m.span())
            assert [m.span() for m in dates.finditer_dates(regex, text, windows)] == expected


_SENTENCE_PARTS = st.sampled_from([".", "!", "?", "\"", "”", ")", "]", " ", "\n", "\t", "-", "*", "•", "#", "a", "U.S",
                                   "Mr", "\u00a0", "\u2028", "...", "(“Dr", "wordwordwordword", "x.y.", "Hello",
                                   "approx", "APPROX", "xapprox", "'approx", "İİ", "abcde"])


@given(st.lists(_SENTENCE_PARTS, max_size=40).map("".join))
def test_sentence_spans_equal_the_boundary_loop(text: str) -> None:
    from doclint.temporal import cues

    assert cues.boundary_spans(text) == [m.span() for m in cues._BOUNDARY.finditer(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    for m in cues._BOUNDARY.finditer(text):
        k, end = m.span()
        if text[k] == ".":
            j = k
            while j > start and not text[j - 1].isspace():
                j -= 1
            word = text[j:k].lower().strip("(\"“‘'")
            if word in cues._ABBREV or len(word) == 1 or (len(word) <= 4 and "." in word):
                continue
            if text[end : end + 1].islower():
                continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    assert cues.sentence_spans(text) == spans
    for k in range(len(text) + 1):
        for floor in (0, k // 2, k):
            j = k
            while j > floor and not text[j - 1].isspace():
                j -= 1
            assert cues._word_before(text, k, floor) == text[j:k]


@given(st.lists(st.sampled_from(["a", "ab", "aba", "abc", "b", "ba", "year", "vice", "prime", "premier", "president",
                                 "polls", "pp", "ppp", "chancellor", "y"]), min_size=1, max_size=6, unique=True),
       st.lists(st.sampled_from(["a", "b", "c", "ab", "aba", "year", "vice", "PRIME", "premier", "president",
                                 "polls", "p", " ", "chancellor", "yy", "\u212a"]), max_size=30).map("".join))
def test_keyword_hits_equal_find_loops(words: list[str], text: str) -> None:
    """Every offset ``str.find`` finds for each word in ``text.lower()``, from the end of each
    hit on (a word's overlapping hits skipped; an offset twice when two words are there)."""
    from doclint.knowledge import get_knowledge
    from doclint.temporal import cues

    low = text.lower()
    expected = []
    for w in words:
        i = low.find(w)
        while i != -1:
            expected.append(i)
            i = low.find(w, i + len(w))
    ex = cues._Extractor(text, get_knowledge(), {}, dt.date(2026, 1, 1))
    assert ex.keyword_hits(words) == sorted(expected)


def test_cue_with_intervals_is_replace() -> None:
    from dataclasses import replace

    from doclint.temporal.cues import Cue

    cue = Cue(kind="title", text="President Obama", start=3, end=18, line=1, intervals=((1, 5), (7, 9)), why="w",
              person="obama", offices=("us-president",), modifier="current", extra={"title": "president"})
    new = cue.with_intervals(((2, 4),))
    assert new == replace(cue, intervals=((2, 4),))
    assert new.__dict__ == replace(cue, intervals=((2, 4),)).__dict__ and cue.intervals == ((1, 5), (7, 9))


@given(st.one_of(st.none(), st.integers(-800000, 900000)), st.one_of(st.none(), st.integers(-800000, 900000)))
def test_span_is_a_normalized_interval(a, b) -> None:
    from doclint.temporal import intervals as iv

    start = iv.MIN_DAY if a is None else a
    end = iv.MAX_DAY if b is None else b
    assert iv.span(a, b) == iv.normalize([(start, end)])


_CASE_FOLDS = {"i": "iIıİ", "s": "sSſ"}


@given(st.sampled_from(sorted(MONTHS)), st.data())
def test_month_names_in_any_case_python_folds_are_read(name: str, data: st.DataObject) -> None:
    """Python's (?i) matching takes 'ı'/'İ' for 'i' and 'ſ' for 's' ("Aprıl 3, 2021"): such a
    month name used to raise KeyError and drop the whole contradiction check for the page."""

    spelled = "".join(data.draw(st.sampled_from(_CASE_FOLDS.get(ch, ch + ch.upper()))) for ch in name)
    assert month_number(spelled) == MONTHS[name]
    found = find_full_dates(f"On {spelled} 3, 2021 and 4 {spelled} 2021.")
    assert sorted((d.year, d.month, d.day) for _, _, d in found) == [(2021, MONTHS[name], 3), (2021, MONTHS[name], 4)]
    doc = Document.from_text(f"Published {spelled} 3, 2021.\n\nIn {spelled} 2020 former President Trump spoke; "
                             f"President Trump said on {spelled} 5, 2021 that it was fine.\n")
    list(contradiction.check(doc, Options(settings={})))  # no KeyError
