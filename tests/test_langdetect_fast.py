"""doclint._langdetect_fast gives langdetect's own answers: the same languages with the same
probabilities, to the last bit, as a stock ``DetectorFactory`` loaded from langdetect's
profiles (seed 0, as doclint seeds it) -- on real text in many languages and scripts, on
made-up edge cases and on random text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint._langdetect_fast import _LATIN_ORDER, build, build_parts
from doclint._langdetect_profiles import _factory
from doclint.checks import language

DEV_DOCS = ROOT.parent / "shared/dev/readability/docs"


@pytest.fixture(scope="module")
def stock():
    from langdetect import DetectorFactory
    from langdetect import detector_factory as df

    factory = df.DetectorFactory()
    factory.load_profile(df.PROFILES_DIRECTORY)
    DetectorFactory.seed = 0
    return factory


@pytest.fixture(scope="module")
def fast():
    from langdetect import detector_factory as df

    detect = build(_factory(df))  # the lazily built profile table, as doclint installs it
    assert detect is not None
    return detect


def stock_langs(factory, text: str) -> list[tuple[str, float]]:
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    detector = factory.create()
    detector.append(text)
    try:
        return [(x.lang, x.prob) for x in detector.get_probabilities()]
    except LangDetectException:
        return []


def same(stock_factory, detect, text: str) -> None:
    expected = stock_langs(stock_factory, text)
    got = detect(text)
    assert got == expected, text[:200]
    assert [type(p) for _, p in got] == [float] * len(got)


# ------------------------------------------------------------------------- real text


def _samples(path: Path) -> list[str]:
    """The first 3,000 characters (doclint's document sample is of that order) and up to
    two paragraphs spread over the file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    paras = [p for p in re.split(r"\n\s*\n", text) if len(p.strip()) >= 40]
    picked = [paras[i * len(paras) // 3] for i in (1, 2)] if len(paras) >= 3 else paras[:2]
    return [text[:3000]] + [p[:1500] for p in picked]


def _real_texts() -> list[Any]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((FIXTURES / "language").glob("*.txt"))
    files += sorted((FIXTURES / "boilerplate").glob("*.txt"))
    if DEV_DOCS.is_dir():
        files += sorted(DEV_DOCS.glob("*.txt"))
    return [pytest.param(path, id=path.name) for path in files]


@pytest.mark.parametrize("path", _real_texts())
def test_real_documents_match_stock_langdetect(path: Path, stock, fast, fast_ngrams) -> None:
    for text in _samples(path):
        assert fast_ngrams(text) == stock_ngrams(stock, text)
        same(stock, fast, text)


def test_text_longer_than_langdetects_limit_matches(stock, fast) -> None:
    text = (FIXTURES / "language" / "en_news.txt").read_text(encoding="utf-8")
    text = (text + " " + (FIXTURES / "language" / "fr_news.txt").read_text(encoding="utf-8")) * 6
    assert len(text) > 10_000  # Detector.max_text_length: the rest is cut off
    same(stock, fast, text)
    same(stock, fast, "  " * 6000 + text)  # the cut comes before spaces are collapsed


# ------------------------------------------------------------------------- made-up text

MADE_UP = [
    "",
    " ",
    "a",
    "A",
    "é",
    "12345 !!! ### 3.14",
    "Hello",
    "HELLO WORLD THIS IS ALL CAPS TEXT WITH NO LOWER CASE",
    "The NASA and ESA missions, the EU's GDPR and the UN's WHO: acronyms AMID ordinary words.",
    "mIxEd CaSe TeXt wItH aLtErNaTiNg LeTtErS, McDonald's and iPhone and eBay",
    "Visit https://example.com/path?q=1&x=y#frag or http://foo.bar/baz for more, then write "
    "to john.doe@example.org or a_b-c@mail.example.co.uk today.",
    "https://only.a.url/here",
    "contact: someone@somewhere.com",
    "Tiếng Việt là ngôn ngữ của người Việt và là ngôn ngữ chính thức tại Việt Nam.",
    # Vietnamese written with combining marks (normalize_vi folds them)
    "Tie\u0302\u0301ng Vie\u0323\u0302t la\u0300 ngo\u0302n ngu\u031b\u0303 cu\u0309a ngu\u031bo\u031b\u0300i Vie\u0323\u0302t.",
    "日本語のテキストです。東京で会議が開かれました。カタカナも使います。",
    "中华人民共和国是位于东亚的社会主义国家，首都北京。",
    "中華民國是位於東亞的國家，首都臺北。",
    "한국어는 대한민국과 조선민주주의인민공화국의 공용어이다.",
    "اللغة العربية هي أكثر اللغات السامية تحدثا، وإحدى أكثر اللغات انتشارا في العالم.",
    "زبان فارسی یکی از زبان‌های هندواروپایی است که در ایران، افغانستان و تاجیکستان رایج است.",
    "עברית היא שפה שמית מקבוצת השפות הכנעניות.",
    "Русский язык является одним из восточнославянских языков, национальный язык русского народа.",
    "Η ελληνική γλώσσα ανήκει στην ινδοευρωπαϊκή οικογένεια γλωσσών.",
    "हिन्दी विश्व की एक प्रमुख भाषा है एवं भारत की राजभाषा है।",
    "ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอนหรือวรรณยุกต์เช่นเดียวกับภาษาจีน",
    "Limba română este o limbă indo-europeană: școală, țară, şcoală, ţară.",
    "Der schnelle braune Fuchs springt über den faulen Hund. Größe, Straße, Übung.",
    "«Citation» en français, avec des espaces insécables\u00a0: voilà\u00a0! 20\u00b0C.",
    "English text with a few 日本語 words and some Русский words mixed in between.",
    "短い English テキスト mixed 中文 with ASCII letters ABC and xyz",
    "Ελληνικά and English and Русский и العربية and 한국어 together",
    "Numbers 1 2 3 4 5 6 7 8 9 0 and symbols @ # $ % ^ & * ( ) [ ] { } \\ | ` ~",
    "tabs\tand\nnewlines\r\nand\u2028line separators\u2003em spaces",
    "dashes — and – quotes “like” ‘these’ … and ellipses",
    "ẠẢẤ ầẩẫ ỆỈỊ ọỏố Latin Extended Additional ḀḁḂḃ",
    "ひらがなだけのぶんしょうです",
    "カタカナダケノブンショウデス",
    "ㄅㄆㄇㄈ ㄉㄊㄋㄌ bopomofo",
    "lone surrogate \ud800 in text, and \udfff too",
    "emoji 😀🎉 text with astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters",
    "a" * 500,
    "AbCdEfGhIj " * 50,
    "x",
    "   leading and trailing spaces   ",
]


@pytest.mark.parametrize("text", MADE_UP)
def test_made_up_samples_match_stock_langdetect(text: str, stock, fast) -> None:
    same(stock, fast, text)


def test_stock_profile_table_gives_the_same_answers(stock) -> None:
    """The fast detector also works on langdetect's own (fully built) table."""
    detect = build(stock)
    assert detect is not None
    for text in MADE_UP[::3]:
        same(stock, detect, text)


def test_latin_order_covers_exactly_langdetects_latin_range() -> None:
    assert sorted(_LATIN_ORDER) == [chr(c) for c in range(ord("A"), ord("z") + 1)]


def test_doclint_detects_with_the_fast_detector(stock) -> None:
    _, detect = language._langdetect()
    assert detect.__module__ == "doclint._langdetect_fast"
    for text in MADE_UP[10:20]:
        assert language._detect_langs(text) == stock_langs(stock, text)


def test_unexpected_langdetect_defaults_fall_back_to_stock(monkeypatch: pytest.MonkeyPatch) -> None:
    from langdetect import detector_factory as df
    from langdetect.detector import Detector

    monkeypatch.setattr(Detector, "ALPHA_WIDTH", 0.1)
    assert build(_factory(df)) is None


# ------------------------------------------------------------------------- random text

_SCRIPT_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "éèêëàâäçñöüßÉÀÇÑÖÜ" "ăâîșțşţĂÂÎȘȚ" "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" "čďěňřšťůžČĎĚŇŘŠŤŮŽ"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗ" "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔ"
    "אבגדהוזחטיכלמנסעפצקרשת" "ابتثجحخدذرسشصضطظعغفقكلمنهوي" "یکگچپژ"
    "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह" "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮ"
    "あいうえおかきくけこアイウエオカキクケコ" "日本語中文漢字国語東京北京" "한국어대한민국" "ㄅㄆㄇㄈ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ" "ḀḁḂḃ"
    "\u0300\u0301\u0303\u0309\u0323"  # the combining marks normalize_vi folds
    "      ..,,;:!?'\"-()[]0123456789@/_\n\t\u00a0«»°\u2013\u2014\u2019\u201c\u201d\u2026\u3002\u3001"
)
_PIECES = st.sampled_from(
    [
        "http://", "https://", "www.", ".com", "@", "mail", "example", " ", "  ", "THE ", "The ",
        "the ", "and ", "und ", "der ", "le ", "la ", "de ", "el ", "что ", "это ", "的", "は",
        "です", "이다 ", "في ", "של ", "và ", "của ", "ngu\u031b\u0303 ", "Vie\u0323\u0302t ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_SCRIPT_CHARS, max_size=400))
def test_random_text_in_many_scripts_matches_stock(stock, fast, text: str) -> None:
    same(stock, fast, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | st.text(alphabet=_SCRIPT_CHARS, min_size=1, max_size=12), max_size=80))
def test_random_word_salad_matches_stock(stock, fast, pieces: list[str]) -> None:
    same(stock, fast, "".join(pieces))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_unicode_matches_stock(stock, fast, text: str) -> None:
    same(stock, fast, text)


# ------------------------------------------------------------------------- the n-gram list itself


@pytest.fixture(scope="module")
def fast_ngrams():
    from langdetect import detector_factory as df

    parts = build_parts(_factory(df))
    assert parts is not None
    return parts[0]


def stock_ngrams(factory, text: str) -> list[str]:
    detector = factory.create()
    detector.append(text)
    detector.cleaning_text()
    return list(detector._extract_ngrams())


@pytest.mark.parametrize("text", MADE_UP)
def test_ngram_list_is_langdetects(text: str, stock, fast_ngrams) -> None:
    assert fast_ngrams(text) == stock_ngrams(stock, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_SCRIPT_CHARS, max_size=400) | st.text(max_size=200))
def test_random_ngram_list_is_langdetects(stock, fast_ngrams, text: str) -> None:
    """The list random.choice draws from: the same n-grams in the same order."""
    assert fast_ngrams(text) == stock_ngrams(stock, text)


# ------------------------------------------------------------------------- the shipped profile file


def test_shipped_profile_file_is_fresh() -> None:
    """rules/data/langdetect-profiles.txt is what tools/build_langdetect_profiles.py writes
    from the installed (pinned) langdetect."""
    import importlib.util

    from doclint._langdetect_profiles import DATA_NAME
    from doclint.lexicon import data_dir

    spec = importlib.util.spec_from_file_location("build_langdetect_profiles",
                                                  ROOT / "tools" / "build_langdetect_profiles.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert (data_dir() / DATA_NAME).read_text(encoding="utf-8") == tool.expected(), (
        f"rules/data/{DATA_NAME} is stale: run python tools/build_langdetect_profiles.py --write")


def test_shipped_profile_file_is_used_for_the_installed_langdetect() -> None:
    from langdetect import detector_factory as df

    from doclint._langdetect_profiles import _shipped, profile_files

    directory = df.PROFILES_DIRECTORY
    assert _shipped(directory, profile_files(directory)) is not None


def _table_equals_stock(lazy: Any, stock: Any) -> None:
    assert lazy.langlist == stock.langlist
    table = lazy.word_lang_prob_map
    assert len(table) == len(stock.word_lang_prob_map)
    for word, row in stock.word_lang_prob_map.items():
        assert word in table
        assert table[word] == row
    for word in ("zzzzqq", "", "日本語x", "\U0001f600"):
        assert word not in table
        with pytest.raises(KeyError):
            table[word]


def test_profiles_that_differ_from_the_shipped_file_are_read_from_langdetect(
        stock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another langdetect (here: a profile file whose bytes differ) is not answered from the
    shipped file: langdetect loads its own profiles."""
    import zlib

    from langdetect import detector_factory as df

    from doclint import _langdetect_profiles

    real_crc32 = zlib.crc32
    monkeypatch.setattr(_langdetect_profiles.zlib, "crc32", lambda data, *a: real_crc32(data, *a) ^ 1)
    assert _langdetect_profiles._shipped(df.PROFILES_DIRECTORY,
                                         _langdetect_profiles.profile_files(df.PROFILES_DIRECTORY)) is None
    monkeypatch.undo()
    monkeypatch.setattr(_langdetect_profiles, "_shipped", lambda directory, names: None)
    _table_equals_stock(_factory(df), stock)


def test_blocks_are_loaded_as_texts_need_them(stock) -> None:
    """A fresh table holds block 0 (ASCII and Latin-1) only; each text loads the blocks of its
    characters before its n-grams are looked up, so answers equal stock langdetect's whatever
    order scripts come in."""
    from langdetect import detector_factory as df

    factory = _factory(df)
    table = factory.word_lang_prob_map
    assert table.known and all(ord(max(word)) < 256 for word in table.known)
    detect = build(factory)
    assert detect is not None
    texts = ["Der schnelle braune Fuchs springt über den faulen Hund.",
             "日本語のテキストです。東京で会議が開かれました。",
             "Limba română este o limbă indo-europeană: școală, țară.",
             "Русский язык является одним из восточнославянских языков.",
             "English text with a few 日本語 words and some Русский words mixed in between."]
    for text in texts:
        same(stock, detect, text)
    assert any(ord(max(word)) >= 0x3000 for word in table.known)


def test_shipped_table_equals_langdetects_own(stock) -> None:
    from langdetect import detector_factory as df

    _table_equals_stock(_factory(df), stock)
