"""Temporal cues: what a piece of text says about when it was written.

Each :class:`Cue` carries the union of intervals of writing dates it allows, in day
ordinals (see :mod:`doclint.temporal.intervals`), and one clause (``why``) a curator can
check: "needs a date inside Trump's terms as President of the United States (...)".

Cue kinds: ``title`` (a title with a known person), ``age`` (an age of a known person or
office holder), ``event`` (this week's / last month's known event), ``meta`` (the
document's metadata date), ``dateline`` (a date line in the head of the text), ``date``
(a past explicit date in the body: a weak lower bound), ``relative`` ("two years later").

Weak cues (``strength == "weak"``) only narrow the window; the solver drops one that
clashes instead of reporting it.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from doclint.casefold import fold_case
from doclint.knowledge import KnowledgeBase, norm_name
from doclint.lazyre import lazy_compile
from doclint.temporal import intervals as iv
from doclint.temporal.dates import (
    ANY_YEAR,
    MONTH_YEAR,
    MONTHS,
    PREP_YEAR,
    YearWindows,
    add_months,
    add_years,
    find_full_dates,
    finditer_dates,
    has_year,
    month_number,
    month_start,
    parse_meta_date,
)

STRONG, WEAK, CHECK = "strong", "weak", "check"  # CHECK: tested against the window, never narrows it


@dataclass(frozen=True)
class Cue:
    kind: str
    text: str
    start: int
    end: int
    line: int
    intervals: iv.Intervals
    why: str
    strength: str = STRONG
    person: str | None = None
    offices: tuple[str, ...] = ()
    modifier: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return "metadata" if self.line == 0 else f"line {self.line}"

    def signature(self) -> tuple[Any, ...]:
        if self.kind == "title":
            return ("title", self.person, self.modifier, self.offices)
        if self.kind == "age":
            return ("age", self.person or self.offices, self.extra.get("age"))
        return (self.kind, self.text.lower(), self.intervals)

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "kind": self.kind, "start": self.start, "end": self.end}

    def with_intervals(self, intervals: iv.Intervals) -> Cue:
        """``dataclasses.replace(self, intervals=intervals)``, without its per-field checks: a
        copy of the instance dictionary (every field is an ``__init__`` field and there is no
        ``__post_init__``, so replace would build the same object)."""
        new = object.__new__(Cue)
        new.__dict__.update(self.__dict__, intervals=intervals)
        return new


# ---- text helpers ------------------------------------------------------------------------

_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "sen", "gov", "rep", "gen", "lt", "col", "sgt",
    "prof", "rev", "hon", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c",
    "a.m", "p.m", "pres", "amb", "maj", "capt", "cmdr", "adm", "fr", "mt", "ft", "approx", "est",
}
# ``[.!?]+["”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•|#])`` with the first character factored out: a
# pattern that starts with a character class lets ``re`` skip to the next candidate in C
# (the same matches: each branch now checks that first character by a look-behind)
# (the definition: what boundary_spans computes; compiled only if used, as by the tests)
_BOUNDARY = lazy_compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’)\]]*\s+|(?<=\n)\s*\n|(?<=\n)(?=\s*[-*•|#]))")


# ``_BOUNDARY``'s branches, one pattern per first character, each led by that literal ('.', '!',
# '?', newline): ``re`` skips to a literal at C speed, where a pattern led by a character
# class is tried at every offset.
_PUNCT_TAIL = r"[.!?]*[\"”’)\]]*\s+"
_BOUNDARY_HEADS = (re.compile(r"\." + _PUNCT_TAIL), re.compile("!" + _PUNCT_TAIL), re.compile(r"\?" + _PUNCT_TAIL),
                   re.compile(r"\n(?:\s*\n|(?=\s*[-*•|#]))"))


def boundary_spans(text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _BOUNDARY.finditer(text)]``, faster: the matches of the four
    ``_BOUNDARY_HEADS``, in order, less those that begin inside an earlier one.

    finditer takes the leftmost offset at or after where it stands where a match begins, then
    stands at its end. The merged matches hold every match it takes: a head's own scan skips
    an offset s only inside its own match at s' < s; where finditer did not take s' either,
    a match it took holds s', and that one holds s too, for a match's characters are all
    punctuation and whitespace: one that holds the '.' at s' holds the punctuation after it
    and the whitespace up to the next other character, where the match at s' ends too; one
    that holds the newline at s' holds the run of whitespace around it up to its last newline
    or further, and the match at s' ends there or sooner."""
    cands = [m.span() for rx in _BOUNDARY_HEADS for m in rx.finditer(text)]
    cands.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for k, end in cands:
        if k >= pos:
            out.append((k, end))
            pos = end
    return out


def _word_before(text: str, k: int, floor: int) -> str:
    """``text[j:k]`` for the smallest ``j >= floor`` with no whitespace in between: the last
    whitespace-separated piece of a short slice (``str.split`` and ``str.isspace`` agree on
    what is whitespace), else a walk back character by character."""
    lo = k - 16 if k - 16 > floor else floor
    seg = text[lo:k]
    if not seg or seg[-1].isspace():
        return ""
    parts = seg.rsplit(None, 1)
    if len(parts) == 2 or lo == floor or seg[0].isspace():
        return parts[-1]
    j = lo
    while j > floor and not text[j - 1].isspace():
        j -= 1
    return text[j:k]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Approximate sentence spans; abbreviations ("U.S.", "Mr.", "W.") do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for k, end in boundary_spans(text):
        if text[k] == ".":
            # five letters before the period: the word is no shorter and, unless it ends in
            # "approx" (the only longer abbreviation), no abbreviation
            if not (k >= 6 and text[k - 5 : k].isalpha() and text[k - 6 : k].lower() != "approx"):
                word = _word_before(text, k, start).lower().strip("(\"“‘'")
                if word in _ABBREV or len(word) == 1 or (len(word) <= 4 and "." in word):
                    continue
            if text[end : end + 1].islower():
                continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w.’'‘-]*")
_POSS = re.compile(r"(?:['’‘]s|['’‘])$", re.I)
FUNCTION_WORDS = {
    "the", "a", "an", "when", "as", "but", "and", "or", "after", "before", "while", "since",
    "said", "says", "told", "by", "with", "for", "under", "of", "to", "from", "in", "on", "at",
    "that", "if", "because", "meanwhile", "also", "new", "current", "sitting", "then", "former",
    "ex", "late", "this", "his", "her", "their", "its", "our", "both", "once", "now", "even",
    "outgoing", "incoming", "so", "yet", "than", "dear", "mr", "madam", "thank", "thanks",
    "today", "yesterday", "only", "later", "earlier", "where", "how", "why", "what", "who",
    "whom", "whose", "which", "although", "though", "however", "indeed", "instead", "like",
    "unlike", "against", "between", "about", "without", "within", "during", "until", "into",
    "over", "onetime", "one-time", "elected", "reelected", "re-elected", "embattled", "popular",
    "controversial", "enter", "meet", "ask", "asked", "here", "there", "it", "is", "was",
    "us-backed", "democratic", "republican", "conservative", "liberal", "leftist", "populist",
    "democrat", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "mrs", "ms", "sir", "madame", "dr", "newly", "then-",
}
SKIP_WORDS = {"acting", "interim", "deputy", "vice", "provisional", "future", "would-be", "designate",
              "co", "co-", "lieutenant", "assistant", "associate", "student", "club", "company",
              "university", "association", "league", "union", "board", "council", "bank", "party",
              "senate", "chamber", "federation", "committee", "foundation", "institute", "executive"}
COMMON_WORDS = {"may", "brown", "major", "howard", "fox", "moon", "key", "young", "rose", "king", "park",
                "lee", "borne", "hu"}  # aliases that are also English words: not trusted in lower case
_HIST_MARKERS = re.compile(
    r"(?i)\b(?:then|at\s+the\s+time|back\s+when|when\s+(?:he|she)\s+was|while\s+(?:he|she)\s+was"
    r"|during\s+(?:his|her)\s+(?:first\s+|second\s+|previous\s+|earlier\s+)?(?:term|presidency|tenure|administration|premiership)"
    r"|in\s+(?:his|her)\s+(?:first|second|previous|earlier)\s+term|years?\s+ago|decades?\s+ago|history|historic(?:al)?|once"
    r"|took\s+office|inherited|at\s+that\s+time|back\s+then|in\s+those\s+days|(?:years|decades)\s+earlier|at\s+the\s+height\s+of)\b"
)
_PAST = re.compile(
    r"(?i)\b(?:was|were|had|did|said|told|took|won|lost|came|went|became|began|held|made|left|met|ran|"
    r"fled|fell|rose|grew|gave|saw|sent|signed|spent|paid|led|brought|bought|sought|fought|kept|"
    r"[a-z]{3,}ed)\b"
)
_FUTURE = re.compile(
    r"(?i)\b(?:will|would|shall|could|might|plans?|planned|planning|expected|expects|expect|scheduled|"
    r"upcoming|forthcoming|next|targets?|goals?|aims?|aimed|projected|projections?|forecasts?|forecasted|"
    r"until|deadline|due|by\s+the\s+end|set\s+to|going\s+to|hopes?|intends?|proposed|envisions?|vision|"
    r"predicts?|predicted|estimates?|estimated|anticipated?)\b"
)
_SHIFTED = lazy_compile(  # rarely reached (has_shift): compiled on first use
    r"(?i)\b(?:postponed|delayed|moved|rescheduled|pushed|deferred|originally|initially|supposed|slated|"
    r"if|unless|whether|before|ahead\s+of|no\s+later\s+than|not\s+until|born)\b"
)
_PRESENT = re.compile(r"(?i)\b(?:is|are|remains?|has|have|continues?|now|still|today|says|enjoys?|holds?)\b")


class WordSearch:
    """``regex.search(s) is not None``, faster, for a ``(?i)`` regex every match of which begins
    with one of ``starts`` (lower-case ASCII words). Scanned along a text, a case-insensitive
    alternation of words costs ~70 ns a character; here ``str.find`` looks for each start in the
    lower-case text and the regex is only tried where one is (``regex.match``: same ``\\b`` and
    look-behind as in a search). ``ed_words``: the regex also has a branch ``[a-z]{3,}ed``,
    tried at the start of the letters before each "ed".

    The lower-case text shows a start where ``(?i)`` sees one, except for three characters:
    'ı' (dotless i) and 'İ' match 'i', 'ſ' (long s) matches 's'; a text with one of them is
    searched by the regex itself."""

    def __init__(self, regex: re.Pattern[str], starts: Sequence[str], ed_words: bool = False) -> None:
        assert all(w.isascii() and w.islower() for w in starts)
        self.regex = regex
        self.starts = tuple(starts)
        self.ed_words = ed_words

    def __call__(self, s: str, low: str | None = None) -> bool:
        """``low``: ``s.lower()`` when the caller has it."""
        if low is None:
            low = s.lower()
        if len(low) != len(s) or "ı" in s or "ſ" in s:  # 'İ' lower-cases to two characters
            return self.regex.search(s) is not None
        match = self.regex.match
        for w in self.starts:
            i = low.find(w)
            while i != -1:
                if match(s, i):
                    return True
                i = low.find(w, i + 1)
        if self.ed_words:
            # a match of [a-z]{3,}ed begins after a non-word character: where the run of letters
            # that ends at its "ed" begins (the letters are [a-z] in the lower-case text)
            i = low.find("ed")
            while i != -1:
                j = i
                while j > 0 and "a" <= low[j - 1] <= "z":
                    j -= 1
                if i - j >= 3 and match(s, j):
                    return True
                i = low.find("ed", i + 1)
        return False


has_hist_marker = WordSearch(_HIST_MARKERS, (
    "then", "at", "back", "when", "while", "during", "in", "year", "decade", "histor", "once", "took", "inherited"))
has_past = WordSearch(_PAST, (
    "was", "were", "had", "did", "said", "told", "took", "won", "lost", "came", "went", "became", "began", "held",
    "made", "left", "met", "ran", "fled", "fell", "rose", "grew", "gave", "saw", "sent", "signed", "spent", "paid",
    "led", "brought", "bought", "sought", "fought", "kept"), ed_words=True)
has_future = WordSearch(_FUTURE, (
    "will", "would", "shall", "could", "might", "plan", "expect", "scheduled", "upcoming", "forthcoming", "next",
    "target", "goal", "aim", "projected", "projection", "forecast", "until", "deadline", "due", "by", "set",
    "going", "hope", "intend", "proposed", "envision", "vision", "predict", "estimate", "anticipate"))
has_shift = WordSearch(_SHIFTED, (
    "postponed", "delayed", "moved", "rescheduled", "pushed", "deferred", "originally", "initially", "supposed",
    "slated", "if", "unless", "whether", "before", "ahead", "no", "not", "born"))

_NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "Sr", "Jr"}
_NAME_FOLLOWERS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "on", "in", "and", "but", "said", "says", "told", "the", "to", "for", "of", "at", "as", "is", "was",
}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a": 1, "a few": 3, "several": 5}


def _tokens_before(text: str, pos: int, n: int, floor: int) -> list[re.Match[str]]:
    """Up to ``n`` word tokens right before ``pos``, separated only by spaces or hyphens."""
    toks = list(_WORD.finditer(text, max(floor, pos - 80), pos))
    out: list[re.Match[str]] = []
    cur = pos
    for m in reversed(toks):
        if text[m.end() : cur].strip(" \t\r\n-–"):
            break
        out.append(m)
        cur = m.start()
        if len(out) >= n:
            break
    return out[::-1]


@lru_cache(maxsize=256)
def _self_overlapping(word: str) -> bool:
    """'aba': an occurrence can start inside another one."""
    return any(word.startswith(word[k:]) for k in range(1, len(word)))


def _strip_poss(word: str) -> str:
    return _POSS.sub("", word)


@lru_cache(maxsize=4096)
def _heads(word: str, bare: str) -> tuple[str, ...]:
    """First words of the normal forms of ``word`` and of ``bare`` (``word`` without trailing
    periods) with and without a possessive: where the names ``lookup_name`` tries begin ('' for
    one that normalises to nothing: then nothing is ruled out)."""
    out = []
    for w in (word, _strip_poss(bare), bare):
        pieces = norm_name(w).split()
        out.append(pieces[0] if pieces else "")
    return tuple(out)


def byte_word(word: str) -> bool:
    """Whether :func:`ascii_folded` shows ``word`` where ``text.lower()`` does: ASCII, no '?'."""
    return word.isascii() and "?" not in word


@lru_cache(maxsize=64)
def _byte_words(words: tuple[str, ...]) -> bool:
    return all(map(byte_word, words))


@lru_cache(maxsize=64)
def _anchor_words(words: tuple[str, ...]) -> bool:
    """The words' part of ``_Extractor.anchorable``."""
    return all(w.isascii() and w.islower() and "?" not in w and not _self_overlapping(w) for w in words)


@lru_cache(maxsize=8)
def _always_searched(title_keywords: tuple[str, ...], event_keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The words looked for in every text that gets as far as the titles (``run`` goes on to
    the ages and events unconditionally): found together, so that words with one first letter
    share a scan (:func:`find_words`)."""
    return tuple(w for w in dict.fromkeys((*title_keywords, *event_keywords, "year")) if byte_word(w))


@lru_cache(maxsize=64)
def _encoded(words: tuple[str, ...]) -> tuple[bytes, ...]:
    return tuple(w.encode("ascii") for w in words)


@lru_cache(maxsize=64)
def _byte_searches(words: tuple[str, ...]) -> tuple[tuple[bytes | re.Pattern[bytes], tuple[str, ...]], ...]:
    """How to find each of ``words`` (:func:`byte_word` ones) in ``ascii_folded`` bytes, as
    (search, words): a word to look for with ``bytes.find`` (from the end of each hit on), or a
    regex ``x(?=rest1|rest2|...)`` for the words that begin with the byte x. ``re`` looks for a
    leading literal byte by a tight loop, faster than ``bytes.find`` for a short word and once
    for the whole group; a match is that one byte, so every offset where a word of the group
    begins is found, and one word is there. That is the offsets ``bytes.find`` finds for each
    word when no word
    overlaps itself (find steps over an overlapping hit) and none begins another of the group
    (two words at one offset); a word that does, or a long word alone (``bytes.find`` skips
    along it), is searched by ``bytes.find``."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w)
    out: list[tuple[bytes | re.Pattern[bytes], tuple[str, ...]]] = []
    for group in groups.values():
        plain = [w for w in group if len(w) < 2 or _self_overlapping(w) or any(w != v and v.startswith(w) for v in group)]
        rest = [w for w in group if w not in plain]
        if len(rest) == 1 and len(rest[0]) >= 6:
            plain += rest
            rest = []
        out += [(w.encode("ascii"), (w,)) for w in plain]
        if rest:
            tails = b"|".join(re.escape(w[1:].encode("ascii")) for w in rest)
            out.append((re.compile(re.escape(rest[0][:1].encode("ascii")) + b"(?=" + tails + b")"), tuple(rest)))
    return tuple(out)


def find_words(low: bytes, words: tuple[str, ...]) -> dict[str, list[int]]:
    """Offsets of each of ``words`` (:func:`byte_word` ones) in ``low``, the ``ascii_folded``
    bytes of a text: where ``bytes.find`` finds the word, from the end of each hit on."""
    found: dict[str, list[int]] = {w: [] for w in words}
    for search, group in _byte_searches(words):
        if isinstance(search, bytes):
            hits = found[group[0]]
            i = low.find(search)
            while i != -1:
                hits.append(i)
                i = low.find(search, i + len(search))
        elif len(group) == 1:
            found[group[0]] += [m.start() for m in search.finditer(low)]
        else:
            encoded = [(w.encode("ascii"), found[w]) for w in group]
            for m in search.finditer(low):
                i = m.start()
                for word, hits in encoded:  # the one word of the group at i
                    if low.startswith(word, i):
                        hits.append(i)
                        break
    return found


_LAST_FOLD: tuple[str, bytes | None] = ("", b"")


def ascii_folded(text: str) -> bytes | None:
    """``text.lower()`` as one byte per character, for finding lower-case ASCII words: an ASCII
    character is its lower-case byte, any other '?'. None when the text has 'İ' (it lower-cases
    to two characters: offsets would shift).

    A word for which :func:`byte_word` holds is at offset i of the result iff it is at offset i
    of ``text.lower()``: there a character lower-cases to an ASCII letter only if it is ASCII or
    '\u212a' (Kelvin sign, lower-cased by ``str.lower`` first when present) and '?' stands for
    nothing the word holds. ``str.lower`` costs ~3 ns a character on the (mostly UCS-2) texts;
    the ASCII encoding (errors replaced one for one) and ``bytes.lower`` ~1 ns.

    Remembered for the last text: the prefilter and the extractor of one document both need it."""
    global _LAST_FOLD
    last = _LAST_FOLD
    if last[0] is text:
        return last[1]
    folded: bytes | None
    if "İ" in text:
        folded = None
    elif "\u212a" in text:
        folded = text.lower().encode("ascii", "replace")
    else:
        folded = text.encode("ascii", "replace").lower()
    _LAST_FOLD = (text, folded)
    return folded


# ---- the extractor -----------------------------------------------------------------------

class _Extractor:
    def __init__(self, text: str, kb: KnowledgeBase, meta: Mapping[str, Any], today: _dt.date) -> None:
        self.text = text
        self.kb = kb
        self.meta = meta
        self.today = today
        self.cues: list[Cue] = []
        self.title_re, self.title_of_re, self.title_keywords = _title_patterns(kb.title_words)
        # every title match begins with the first word of a title (a keyword) unless a title is blank
        self.title_starts = self.title_keywords if all(t.strip() for t in kb.title_words) else None
        self.masked: list[tuple[int, int]] = []
        self._windows: dict[tuple[tuple[str, ...], int, int], list[tuple[int, int]]] = {}
        self._hits: dict[tuple[str, ...], list[int]] = {}
        self._word_hits: dict[str, list[int]] = {}
        self._always = _always_searched(self.title_keywords, self._EVENT_KEYWORDS)

    # Sentence and line indexes are built on first use: most documents never need them.
    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text)

    @cached_property
    def sent_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def low(self) -> bytes | None:
        """``text.lower()`` as :func:`ascii_folded` bytes, or None when lower-casing changes the
        text's length (offsets would shift)."""
        return ascii_folded(self.text)

    @cached_property
    def folded(self) -> bool:
        """True when a lower-case ASCII word is at offset i of ``text.lower()`` exactly where a
        ``(?i)`` regex finds it in the text. Python's ``(?i)`` also takes 'ı' (dotless i) and
        'İ' for 'i' and 'ſ' (long s) for 's'; 'İ' lower-cases to two characters (no ``low``)."""
        return self.low is not None and "ı" not in self.text and "ſ" not in self.text

    def anchorable(self, words: Sequence[str]) -> bool:
        """True when ``keyword_hits(words)`` are exactly the offsets where a ``(?i)`` regex
        finds one of ``words``: lower-case ASCII words (which no other character folds to;
        no '?', see :func:`byte_word`), a text whose lower-case copy lines up with it, and
        words that cannot overlap themselves (the hits of one word do not overlap)."""
        return self.folded and _anchor_words(tuple(words))

    def anchored_finditer(self, regex: re.Pattern[str], starts: Sequence[str]) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)`` for a ``(?i)`` regex every match of which begins with one
        of the lower-case ``starts``: the regex is only tried at them (see ``keyword_matches``)."""
        if not self.anchorable(starts):
            yield from regex.finditer(self.text)
            return
        pos = 0
        for h in self.keyword_hits(starts):
            if h >= pos:
                m = regex.match(self.text, h)
                if m is not None:
                    pos = m.end()
                    yield m

    def has_match(self, regex: re.Pattern[str], words: Sequence[str], a: int, b: int) -> bool:
        """Whether ``regex`` (every match of which begins with one of the lower-case ``words``)
        matches anywhere in ``[a, b)`` (True when the hits cannot tell)."""
        if not self.anchorable(words):
            return True
        text = self.text
        return any(regex.match(text, h, b) is not None for h in self.hits_in(words, a, b))

    def hits_in(self, words: Sequence[str], a: int, b: int, windows_of: Sequence[str] = ()) -> list[int]:
        """Sorted offsets in ``[a, b)`` of the lower-case ``words`` (all of them: a regex match
        in ``[a, b)`` that begins with one of the words begins at one of these offsets).
        ``windows_of``: the keywords of the window ``[a, b)``; when they are ``words``, their
        hits (already found for the windows) are reused instead of searching again."""
        if tuple(windows_of) == tuple(words):
            hits = self.keyword_hits(words)
            return hits[bisect_left(hits, a) : bisect_left(hits, b)]
        low = self.low
        assert low is not None
        out: list[int] = []
        for w in _encoded(tuple(words)):
            i = low.find(w, a, b)
            while i != -1:
                out.append(i)
                i = low.find(w, i + len(w), b)
        out.sort()
        return out

    def keyword_hits(self, keywords: Sequence[str]) -> list[int]:
        """Sorted offsets of the (lower-case) ``keywords`` in the text."""
        key = tuple(keywords)
        cached = self._hits.get(key)
        if cached is not None:
            return cached
        low = self.low
        hits: list[int] = []
        if low is not None and _byte_words(key):
            word_hits = self._word_hits
            missing = [w for w in key if w not in word_hits]
            if missing:
                if any(w in self._always for w in missing):
                    missing += [w for w in self._always if w not in word_hits and w not in missing]
                word_hits.update(find_words(low, tuple(dict.fromkeys(missing))))
            for w in key:
                hits += word_hits[w]
        elif low is not None:  # a non-ASCII keyword (a user's knowledge base): the str copy
            text_low = self.text.lower()
            for word in keywords:
                i = text_low.find(word)
                while i != -1:
                    hits.append(i)
                    i = text_low.find(word, i + len(word))
        else:  # e.g. 'İ' lower-cases to two characters: search the text itself
            hits = [m.start() for m in re.finditer("(?i)" + "|".join(map(re.escape, keywords)), self.text)]
        hits.sort()
        self._hits[key] = hits
        return hits

    def keyword_windows(self, keywords: Sequence[str], before: int, after: int) -> list[tuple[int, int]]:
        """Merged text windows around the (lower-case) ``keywords``: costly regexes run only
        there. A window reaches ``before`` characters before a keyword and ``after`` after it."""
        key = (tuple(keywords), before, after)
        cached = self._windows.get(key)
        if cached is not None:
            return cached
        spans: list[tuple[int, int]] = []
        n = len(self.text)
        for i in self.keyword_hits(keywords):
            a, b = max(0, i - before), min(n, i + after)
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        self._windows[key] = spans
        return spans

    def keyword_matches(self, regex: re.Pattern[str], keywords: Sequence[str], before: int,
                        after: int, starts: Sequence[str] | None = None,
                        skip: Callable[[int, int], bool] | None = None) -> Iterator[re.Match[str]]:
        """``regex.finditer`` restricted to the keyword windows (each match once). The regex
        still sees the text around a window (``\\b`` and look-behind work as on the whole text).

        ``starts``: lower-case ASCII words one of which begins every match of ``regex``
        (``(?i)``). The regex is then only tried where one of them is, by ``regex.match``, not
        scanned along the windows (same matches: a scan from a window's start, or from the end
        of the last match, finds the leftmost offset where the regex matches, and that offset
        holds one of ``starts``).

        ``skip(a, b)``: True for a window ``[a, b)`` known to hold no match."""
        seen: set[int] = set()
        text = self.text
        if starts is not None and self.anchorable(starts):
            for a, b in self.keyword_windows(keywords, before, after):
                if skip is not None and skip(a, b):
                    continue
                pos = a  # where finditer would search on from
                for h in self.hits_in(starts, a, b, keywords):
                    if h < pos:
                        continue
                    m = regex.match(text, h, b)
                    if m is not None:
                        pos = m.end()
                        if h not in seen:
                            seen.add(h)
                            yield m
            return
        for a, b in self.keyword_windows(keywords, before, after):
            if skip is not None and skip(a, b):
                continue
            for m in regex.finditer(text, a, b):
                if m.start() not in seen:
                    seen.add(m.start())
                    yield m

    # -- utilities --
    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, offset) - 1
        return self.sentences[max(i, 0)] if self.sentences else (0, len(self.text))

    def prev_sentences(self, offset: int, n: int = 2) -> list[tuple[int, int]]:
        """Up to ``n`` sentences before the one holding ``offset`` (narrative context)."""
        i = bisect_right(self.sent_starts, offset) - 1
        return self.sentences[max(0, i - n) : max(i, 0)]

    def clean(self, s: int, e: int) -> str:
        """``text[s:e]`` with the date line blanked out (it dates the document, not a sentence)."""
        out = self.text[s:e]
        for a, b in self.masked:
            if a < e and s < b:
                lo, hi = max(a, s) - s, min(b, e) - s
                out = out[:lo] + " " * (hi - lo) + out[hi:]
        return out

    def add(self, **kw: Any) -> None:
        start, end = kw["start"], kw["end"]
        kw.setdefault("line", self.line_of(start))
        kw.setdefault("text", " ".join(self.text[start:end].split()))
        self.cues.append(Cue(**kw))

    def lookup_name(self, pos: int, limit: int) -> tuple[tuple[str, ...], int, bool]:
        """Longest KB alias starting at ``pos`` (after spaces): (people, end, lowercase?)."""
        first = _WORD.search(self.text, pos, min(len(self.text), pos + 120))
        if first is None or self.text[pos : first.start()].strip():
            return (), pos, False
        # every name tried below begins with the first word (the last one, when it is the only
        # one, also without a trailing period or possessive): when no alias begins with it,
        # the loops find nothing (names are normalised one character at a time, so the first
        # word of a name's normal form is that of the first word's)
        heads = self.kb.alias_heads()
        w0 = first.group(0)
        last0 = w0.rstrip(".")
        first_words = _heads(w0, last0)
        if "" not in first_words and not any(h in heads for h in first_words):
            return (), pos, False
        toks: list[re.Match[str]] = []
        cur = pos
        for m in _WORD.finditer(self.text, pos, min(len(self.text), pos + 120)):
            if self.text[cur : m.start()].strip() or (toks and "\n\n" in self.text[cur : m.start()]):
                break
            toks.append(m)
            cur = m.end()
            if len(toks) >= limit:
                break
        for k in range(len(toks), 0, -1):
            words = [t.group(0) for t in toks[:k]]
            last = words[-1].rstrip(".")
            for cand_last in dict.fromkeys((_strip_poss(last), last)):
                words_k = [*words[:-1], cand_last]
                key = norm_name(" ".join(words_k))
                people = self.kb.alias_index.get(key)
                if people:
                    lower = all(w[:1].islower() for w in words_k)
                    if lower and key in COMMON_WORDS:
                        return (), pos, True
                    if k < len(toks) and not last.endswith("."):
                        nxt = toks[k].group(0).rstrip(".,")
                        gap = self.text[toks[k - 1].end() : toks[k].start()]
                        if nxt in _NUMERALS:
                            return (), pos, False
                        # "Prime Minister Philippe Couillard": the name goes on, it is someone else
                        if (k == 1 and gap == " " and nxt[:1].isupper() and not lower and not nxt.isupper()
                                and _strip_poss(nxt).lower() not in _NAME_FOLLOWERS):
                            return (), pos, False
                    end = toks[k - 1].start() + len(toks[k - 1].group(0).rstrip("."))
                    if cand_last != last.rstrip("."):
                        end = toks[k - 1].end()
                    return people, end, lower
        return (), pos, False

    def qualifier_before(self, pos: int, floor: int) -> tuple[tuple[str, ...] | None, int, bool]:
        """(offices allowed by a qualifier, new pos, unknown-qualifier?) for words before ``pos``."""
        toks = _tokens_before(self.text, pos, 4, floor)
        for k in range(len(toks), 0, -1):
            words = [t.group(0) for t in toks[-k:]]
            words[-1] = _strip_poss(words[-1])
            key = norm_name(" ".join(words))
            if key.startswith("the "):
                key = key[4:]
            offs = self.kb.qualifier_index.get(key)
            if offs:
                return offs, toks[-k].start(), False
        if toks:
            w = toks[-1].group(0)
            low = _strip_poss(w).lower().strip(".")
            if low in SKIP_WORDS:
                return None, pos, True
            if w[:1].isupper() and low not in FUNCTION_WORDS and not w.isupper():
                # a capitalised word that is not a known qualifier: "Irish", "Senate", a name
                s = self.sentence_at(toks[-1].start())[0]
                if toks[-1].start() > s + 1 or _POSS.search(w) or low.endswith(("an", "ish", "ese", "ian", "i")):
                    return None, pos, True
        return None, pos, False

    def modifier_before(self, pos: int, floor: int) -> tuple[str | None, int]:
        before = self.text[max(floor, pos - 30) : pos]
        m = re.search(r"(?i)(?:\b(the\s+late|late|former|onetime|one-time|ex|then|outgoing|incoming|sitting|current)\s*[-–]?\s*)$", before)
        if not m:
            return None, pos
        word = norm_name(m.group(1))
        mod = {"the late": "late", "late": "late", "former": "former", "onetime": "former", "one time": "former",
               "ex": "former", "then": "then", "outgoing": "current", "incoming": "elect", "sitting": "current",
               "current": "current"}[word]
        if word == "late" and not re.search(r"(?i)\bthe\s+$", before[: m.start(1)]):
            return None, pos
        return mod, pos - (len(before) - m.start())

    def historical(self, start: int, end: int, person: str, offices: Sequence[str]) -> bool:
        s, e = self.sentence_at(start)
        sent = self.clean(s, e)
        if ANY_YEAR.search(sent) or has_hist_marker(sent) or find_full_dates(sent):
            return True
        terms = [t for t in self.kb.terms_of(person) if t.office in offices]
        for prev in self.prev_sentences(start):
            for m in ANY_YEAR.finditer(self.clean(prev[0], prev[1])):
                y = int(m.group(0))
                if any(t.start.year <= y <= (t.end.year if t.end else 9999) for t in terms):
                    return True
        return False

    # -- titles --
    def titles(self) -> None:
        kb = self.kb
        for m in self.keyword_matches(self.title_re, self.title_keywords, 0, _TITLE_WINDOW, self.title_starts):
            title = norm_name(m.group(1))
            elect = bool(m.group(2))
            people, name_end, lower = self.lookup_name(m.end(), kb.max_alias_tokens)
            if not people:
                continue
            name_key = norm_name(_strip_poss(self.text[m.end() : name_end]))
            if name_key in COMMON_WORDS and (m.group(1).islower() or re.match(r"\s*\d", self.text[name_end : name_end + 4])):
                continue  # "the prime minister May 5 said", "the president may decide"
            sent_start = self.sentence_at(m.start())[0]
            floor = max(sent_start, m.start() - 80)
            mod, pos = self.modifier_before(m.start(), floor)
            quals, pos2, unknown = self.qualifier_before(pos, floor)
            if unknown:
                continue
            if quals is not None and mod is None:
                mod, pos3 = self.modifier_before(pos2, floor)
                pos2 = min(pos2, pos3)
            if elect:
                mod = "elect"
            cand: list[tuple[str, list[str]]] = []
            for pid in people:
                offs = kb.offices_for(pid, title, quals)
                if offs:
                    cand.append((pid, offs))
            if not cand:
                continue
            start = min(pos, pos2) if (mod or quals) else m.start()
            mod = mod or "current"
            self._title_cue(cand, mod, start, name_end, title, m.start())

    def titles_of(self) -> None:
        """"Nayib Bukele, the President of El Salvador," / "the President of Mexico, AMLO"."""
        kb = self.kb
        text = self.text
        for m in self.keyword_matches(self.title_of_re, self.title_keywords, 0, _TITLE_WINDOW, self.title_starts):
            if m.group(2):  # "President-elect of ..." is rare; skip
                continue
            title = norm_name(m.group(1))
            toks = list(_WORD.finditer(text, m.end(), min(len(text), m.end() + 60)))[:4]
            quals = None
            qend = m.end()
            for k in range(len(toks), 0, -1):
                if text[m.end() : toks[k - 1].start()].strip(" ,") and k > 1 and "\n" in text[m.end() : toks[k - 1].start()]:
                    continue
                words = [t.group(0) for t in toks[:k]]
                words[-1] = _strip_poss(words[-1]).rstrip(".,")
                found = kb.qualifier_index.get(norm_name(" ".join(words)))
                if found:
                    quals, qend = found, toks[k - 1].end()
                    break
            if quals is None:
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            mod = "former" if re.search(r"(?i)\b(?:former|ex-?)\s*$", before) else "current"
            if re.search(r"(?i)\b(?:then|late|acting|interim|deputy|vice|future)[-\s]*$", before):
                continue
            # the name after (", NAME" / " NAME") or before ("NAME, the ...")
            after = re.match(r"[,\s]+", text[qend : qend + 4])
            people, name_end, _ = self.lookup_name(qend + (after.end() if after else 0), kb.max_alias_tokens)
            start, end = m.start(), name_end
            if not people:
                lead = re.search(r"(?i),\s*(?:the\s+)?(?:former\s+|ex-)?$", before)
                if not lead:
                    continue
                people, start = self.person_before(m.start() - len(before) + lead.start())
                end = qend
                if not people:
                    continue
            cand = [(pid, offs) for pid in people if (offs := kb.offices_for(pid, title, quals))]
            if not cand or any(c.kind == "title" and c.start <= m.start() < c.end for c in self.cues):
                continue
            self._title_cue(cand, mod, start, end, title, m.start())

    def _terms(self, pid: str, offs: Sequence[str]) -> list[tuple[int, int]]:
        return [(iv.day(t.start), iv.day(t.end) if t.end else iv.MAX_DAY)
                for t in self.kb.terms_of(pid) if t.office in offs]

    def _title_cue(self, cand: list[tuple[str, list[str]]], mod: str, start: int, end: int, title: str, tpos: int) -> None:
        kb = self.kb
        spans: list[iv.Intervals] = []
        whys: list[str] = []
        for pid, offs in cand:
            terms = iv.normalize(self._terms(pid, offs))
            person = kb.people[pid]
            office_name = " / ".join(kb.offices[o].name for o in offs)
            who = person.short if len(cand) == 1 else person.name
            if mod == "current":
                if self.historical(start, end, pid, offs):
                    return
                spans.append(terms)
                whys.append(f"needs a date inside {who}'s term{'s' if len(terms) > 1 else ''} as {office_name} ({iv.describe(terms)})")
            elif mod == "former":
                ended = [b for _, b in terms if b < iv.MAX_DAY]
                allowed = iv.NOTHING
                if ended:
                    allowed = iv.intersect(iv.complement(terms), iv.span(min(ended), None))
                open_terms = [t for t in kb.terms_of(pid) if t.office in offs and t.end is None]
                if open_terms:
                    # the KB does not know when an open term ends: after the day it was last
                    # known to run, "former" may be right
                    known = max(t.known_until or t.start for t in open_terms)
                    allowed = iv.union(allowed, iv.span(known + _dt.timedelta(days=1), None))
                spans.append(allowed)
                whys.append(f"needs a date after {who} had left office as {office_name}, outside {who}'s terms ({iv.describe(terms)})")
            elif mod == "then":
                spans.append(iv.span(terms[0][0], None))
                whys.append(f"needs a date after {who} became {office_name} ({iv.fmt_day(terms[0][0])})")
            elif mod == "elect":
                if self.historical(start, end, pid, offs):
                    return
                s = iv.normalize((a - 120, a + 1) for a, _ in terms)
                spans.append(s)
                whys.append(f"needs a date in the weeks before {who} took office as {office_name} ({iv.describe(s)})")
            elif mod == "late":
                if person.died is None:
                    return
                spans.append(iv.span(person.died, None))
                whys.append(f"needs a date after {who}'s death ({person.died.isoformat()})")
        if not spans:
            return
        allowed = iv.union(*spans)
        only = cand[0][0] if len(cand) == 1 else None
        self.add(kind="title", start=start, end=end, intervals=allowed, why="; or ".join(whys),
                 person=only, offices=tuple(cand[0][1]) if only else (), modifier=mod,
                 extra={"title": title, "people": [p for p, _ in cand]})

    # -- ages --
    def _age_interval(self, born: _dt.date, age: int) -> iv.Intervals:
        return iv.span(add_years(born, age), add_years(born, age + 1))

    def ages(self) -> None:
        kb = self.kb
        text = self.text
        # "the 39-year-old president", "El Salvador's 39-year-old, counter-establishment president"
        for m in self.keyword_matches(_AGED, ("year",), 8, 12):
            age = int(m.group(1))
            if not 18 <= age <= 110:
                continue
            s, e = self.sentence_at(m.start())
            sent_before = self.clean(s, m.start())
            if ANY_YEAR.search(sent_before) or re.search(r"(?i)\b(?:then|at\s+the\s+time|when\s+(?:he|she)\s+was)\b", text[s:e]):
                continue
            tail = text[m.end() : min(e, m.end() + 80)]
            tm = self.title_re.search(tail)
            if not tm or len(_WORD.findall(tail[: tm.start()])) > 3 or re.search(r"[.;:!?]", tail[: tm.start()]):
                continue
            title = norm_name(tm.group(1))
            tabs = m.end() + tm.start()
            people, name_end, _ = self.lookup_name(m.end() + tm.end(), kb.max_alias_tokens)
            end = name_end if people else m.end() + tm.end()
            # qualifiers: before the age, or among the adjectives between age and title
            quals, qpos, _unk = self.qualifier_before(m.start(), s)
            between = [w.group(0) for w in _WORD.finditer(tail[: tm.start()])]
            for w in between:
                q = kb.qualifier_index.get(norm_name(_strip_poss(w)))
                if q:
                    quals = q
            start = qpos if quals else m.start()
            if people:
                self._age_people([(p, None) for p in people], age, start, end, title, quals)
            elif quals:
                self._age_office(quals, title, age, start, end)
            else:
                # "Angela Merkel, the 66-year-old chancellor,"
                lead = re.search(r",\s*(?:the|a|an)\s+$", text[max(s, m.start() - 12) : m.start()])
                named, nstart = self.person_before(m.start() - len(lead.group(0))) if lead else ((), 0)
                if named:
                    self._age_people([(p, None) for p in named], age, nstart, end, title, None)
                    continue
                prior = [c for c in self.cues[-50:] if c.kind == "title" and c.person and c.modifier == "current"
                         and c.extra.get("title") == title and 0 < tabs - c.end < 600]
                last = prior[-1] if prior else None
                if last is not None and last.person:
                    self._age_people([(last.person, last.offices)], age, m.start(), end, title, None)
        # "Merkel, 66," / "Angela Merkel (66)" / "Angela Merkel, aged 66,"
        for a, b, age in comma_ages(text):
            if not 18 <= age <= 110:
                continue
            found, start = self.person_before(a)
            if not found:
                continue
            s, _ = self.sentence_at(a)
            if ANY_YEAR.search(self.clean(s, a)):
                continue
            self._age_people([(p, None) for p in found], age, start, b, "", None)

    def person_before(self, pos: int) -> tuple[tuple[str, ...], int]:
        """KB people named right before ``pos``: a full name, or a surname that ends a title cue
        ("Prime Minister Sunak"); a bare surname ("Harris, 34,") is too ambiguous."""
        toks = _tokens_before(self.text, pos, 4, max(0, pos - 80))
        for k in range(len(toks), 0, -1):
            words = [t.group(0) for t in toks[-k:]]
            if not words[-1][:1].isupper():
                break
            words[-1] = _strip_poss(words[-1])
            key = norm_name(" ".join(words))
            people = self.kb.alias_index.get(key)
            if not people:
                continue
            if k == 1 and not any(c.kind == "title" and c.end == toks[-1].end() for c in self.cues[-20:]):
                return (), pos
            return people, toks[-k].start()
        return (), pos

    def _age_people(self, people: Sequence[tuple[str, Sequence[str] | None]], age: int, start: int, end: int,
                    title: str, quals: Sequence[str] | None) -> None:
        kb = self.kb
        spans, whys = [], []
        for pid, _ in people:
            p = kb.people[pid]
            if title and not kb.offices_for(pid, title, quals):
                continue
            if p.born is None:
                return  # an unknown birth date allows any date
            s = self._age_interval(p.born, age)
            spans.append(s)
            whys.append(f"needs a date when {p.name} (born {p.born.isoformat()}) was {age} ({iv.describe(s)})")
        if not spans:
            return
        only = people[0][0] if len(spans) == 1 and len(people) == 1 else None
        self.add(kind="age", start=start, end=end, intervals=iv.union(*spans), why="; or ".join(whys),
                 person=only, extra={"age": age})

    def _age_office(self, quals: Sequence[str], title: str, age: int, start: int, end: int) -> None:
        kb = self.kb
        offices = [o for o in quals if title in kb.offices[o].titles]
        if not offices:
            return
        covered: list[tuple[int, int]] = []
        allowed: list[iv.Intervals] = []
        names = []
        for o in offices:
            for t in kb.office_terms(o):
                p = kb.people[t.holder]
                if p.born is None:
                    continue
                term = iv.span(t.start, t.end)
                covered.extend(term)
                hit = iv.intersect(term, self._age_interval(p.born, age))
                if hit:
                    allowed.append(hit)
                    names.append(p.name)
        total = iv.union(iv.complement(iv.normalize(covered)), *allowed)
        office_name = " / ".join(kb.offices[o].name for o in offices)
        fit = ", ".join(dict.fromkeys(names)) or "no known holder"
        self.add(kind="age", start=start, end=end, intervals=total,
                 why=f"needs a date when the {office_name} was {age} ({fit}: {iv.describe(iv.union(*allowed))})",
                 offices=tuple(offices), extra={"age": age})

    # -- events --
    def _countries_near(self, s: int, e: int) -> set[str]:
        kb = self.kb
        found: set[str] = set()
        toks = list(_WORD.finditer(self.text, s, e))
        words = [_strip_poss(t.group(0)) for t in toks]
        n = len(words)
        # a name of two or more words begins with the first word of words[i] (names are
        # normalised one character at a time): when that is neither "the" (stripped below) nor
        # the first word of a country or an alias, only the one-word name can be found
        heads = kb.country_or_alias_heads()
        for i in range(n):
            first = norm_name(words[i]).split()
            longest = min(4, n - i) if not first or first[0] == "the" or first[0] in heads else 1
            for k in range(longest, 0, -1):
                key = norm_name(" ".join(words[i : i + k]))
                if key.startswith("the "):
                    key = key[4:]
                cid = kb.country_index.get(key) or (kb.country_index.get(key[:-1]) if key.endswith("s") and k == 1 else None)
                if cid:
                    found.add(cid)
                    break
                people = kb.alias_index.get(key)
                if people and len(people) == 1 and not (k == 1 and key in COMMON_WORDS) and words[i][:1].isupper():
                    for t in kb.terms_of(people[0]):
                        c = kb.offices[t.office].country
                        if c:
                            found.add(c)
                    break
        return found

    _EVENT_RE = re.compile(
        r"(?i)\b(this|last|next|past)\s+(week|weekend|month|year)['’‘]s\s+((?:[\w.’'-]+\s+){0,6}?)"
        r"(summit(?:\s+of\s+the\s+americas)?|elections?|polls|vote|midterms)\b"
    )
    _EVENT_RE2 = re.compile(
        r"(?i)\b(?:the\s+)?((?:[\w.’'-]+\s+){0,4}?)(summit(?:\s+of\s+the\s+americas)?|elections?|polls|midterms)\s+"
        r"(?:(?:held|that\s+took\s+place|which\s+took\s+place|taking\s+place|being\s+held)\s+)?"
        r"(?:(?:in|at)\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,2}?\s+)?(?:earlier\s+|later\s+)?(this|last|next)\s+(week|weekend|month|year)\b"
    )

    _EVENT_KEYWORDS = ("summit", "election", "polls", "midterms")

    _RELS = ("this", "last", "next")
    _REL_UNIT = re.compile(r"(?i)(?:this|last|next)\s+(?:week|weekend|month|year)\b")

    def _event_matches(self, regex: re.Pattern[str], starts: Sequence[str] | None = None,
                       skip: Callable[[int, int], bool] | None = None) -> Iterator[re.Match[str]]:
        # a window is wide enough for the longest phrase either event regex can match
        return self.keyword_matches(regex, self._EVENT_KEYWORDS, 200, 220, starts, skip)

    def _no_relative(self, a: int, b: int) -> bool:
        """No "this/last/next week/month/year" in ``[a, b)``: ``_EVENT_RE2`` cannot match there."""
        return not self.has_match(self._REL_UNIT, self._RELS, a, b)

    def events(self) -> None:
        seen: set[int] = set()
        for m in self._event_matches(self._EVENT_RE, starts=("this", "last", "next", "past")):
            self._event(m.group(1), m.group(2), (m.group(3) or "") + m.group(4), m.start(), m.end())
            seen.add(m.start())
        for m in self._event_matches(self._EVENT_RE2, skip=self._no_relative):
            if any(abs(m.start() - x) < 40 for x in seen):
                continue
            lead = m.group(1) or ""
            start = m.start(1) if lead else m.start(2)
            # "met at the G20 summit ...": the phrase starts at the first name-like word
            cut = 0
            for w in _WORD.finditer(lead):
                if w.group(0)[:1].isupper() or w.group(0)[:1].isdigit() or fold_case(w.group(0)) in _ELECTION_ADJ:
                    break
                cut = w.end()
            lead = lead[cut:].lstrip()
            start = m.start(2) - len(lead)
            self._event(m.group(3), m.group(4), lead + m.group(2), start, m.end())

    def _event(self, rel: str, unit: str, phrase: str, start: int, end: int) -> None:
        kb = self.kb
        rel, unit = fold_case(rel), fold_case(unit)
        if rel == "past":
            rel = "last"
        if unit == "weekend":
            unit = "week"
        p = " " + norm_name(phrase) + " "
        matched: list[str] = []
        if "summit" in p:
            for sid, ser in kb.series.items():
                if ser.kind == "summit" and any(f" {n} " in p or p.strip().endswith(n) for n in ser.names):
                    matched.append(sid)
            if len(matched) != 1:
                return
        else:
            if re.search(r"\b(municipal|local|regional|state|primary|primaries|gubernatorial|mayoral|party|union|leadership|internal|student|board|club|runoff|run off|second round|recall|referendum)\b", p):
                return
            if re.search(r"\b(legislative|congressional|parliamentary|assembly|midterm|midterms|senate|house|national assembly)\b", p):
                want = {"legislative", "general"}
            elif "presidential" in p:
                want = {"presidential", "general"}
            else:
                want = {"legislative", "presidential", "general"}
            s, e = self.sentence_at(start)
            countries = self._countries_near(start, end) or self._countries_near(s, e)
            if len(countries) != 1:
                return
            (country,) = countries
            matched = [sid for sid, ser in kb.series.items()
                       if ser.kind == "election" and ser.country == country and ser.type in want]
            if not matched:
                return
        spans: list[iv.Intervals] = []
        names: list[str] = []
        s, e = self.sentence_at(start)
        sentence = self.text[s:e]
        for sid in matched:
            ser = kb.series[sid]
            spans.append(iv.span(None, ser.complete_from + _dt.timedelta(days=400)))
            spans.append(iv.span(ser.complete_to, None))
            events = kb.series_events(sid)
            if ser.kind == "summit":
                # "last year's G20 summit in Rome": keep the summits held where the sentence says
                placed = [ev for ev in events if any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in _places(ev.name))]
                if placed:
                    events = placed
            for ev in events:
                spans.append(self._relative(ev.start, ev.end, rel, unit))
                when = ev.start.isoformat() if ev.start == ev.end else f"{ev.start.isoformat()}–{ev.end.isoformat()}"
                names.append(f"{ev.name} ({when})" if ev.name != ev.id else when)
        allowed = iv.union(*spans)
        rel_word = {"this": f"the same {unit} as", "last": f"the {unit} after", "next": f"the {unit} before"}[rel]
        if len(names) <= 2:
            why = f"needs a date in {rel_word} {' or '.join(names)}"
        else:
            series_names = ", ".join(sid for sid in matched)
            why = f"needs a date in {rel_word} one of the {len(names)} known {series_names} events (latest: {'; '.join(names[-3:])})"
        self.add(kind="event", start=start, end=end, intervals=allowed, why=why, extra={"series": matched})

    @staticmethod
    def _relative(s: _dt.date, e: _dt.date, rel: str, unit: str) -> iv.Intervals:
        if unit == "week":
            monday = s - _dt.timedelta(s.weekday())
            sunday = e + _dt.timedelta(6 - e.weekday())
            a, b = {"this": (monday - _dt.timedelta(1), sunday + _dt.timedelta(1)),
                    "last": (s + _dt.timedelta(1), e + _dt.timedelta(14)),
                    "next": (s - _dt.timedelta(14), s)}[rel]
        elif unit == "month":
            a, b = {"this": (month_start(s.year, s.month), add_months(e, 1)),
                    "last": (add_months(s, 1), add_months(e, 2)),
                    "next": (add_months(s, -1), month_start(s.year, s.month))}[rel]
        else:
            a, b = {"this": (_dt.date(s.year, 1, 1), _dt.date(e.year + 1, 1, 1)),
                    "last": (_dt.date(s.year + 1, 1, 1), _dt.date(e.year + 2, 1, 1)),
                    "next": (_dt.date(s.year - 1, 1, 1), _dt.date(s.year, 1, 1))}[rel]
        return iv.span(a, b)

    # -- dates --
    def metadata(self) -> None:
        for key in ("published", "date", "published_at", "publication_date"):
            d = parse_meta_date(self.meta.get(key)) if self.meta else None
            if d is not None:
                self.cues.append(Cue(kind="meta", text=f"{key}: {d.isoformat()}", start=0, end=0, line=0,
                                     intervals=iv.span(d, d + _dt.timedelta(1)),
                                     why=f"dates the document {d.isoformat()}",
                                     extra={"date": d.isoformat()}))
                return

    _LABEL = re.compile(r"(?i)^\W*(published|posted|updated|last\s+updated|first\s+published|date|dateline|filed)\b\s*(?:on|at)?\s*[:|-]?")

    def datelines(self) -> set[int]:
        used: set[int] = set()
        text = self.text
        head: list[tuple[str, int]] = []  # the first 8 lines that are not blank, with their offsets
        ls = 0
        while ls <= len(text):  # the head of the text only: no full line index needed
            nl = text.find("\n", ls)
            if nl == -1:
                nl = len(text)
            line, line_start, ls = text[ls:nl], ls, nl + 1
            if not line.strip():
                continue
            if len(head) == 8:
                break
            head.append((line, line_start))
        # a date holds a year: a head without one has no date line (one scan, not one a line)
        if not head or not has_year(text[head[0][1] : head[-1][1] + len(head[-1][0])]):
            return used
        for line, line_start in head:
            found = find_full_dates(line[:200])
            if not found:
                continue
            a, b, d = found[0]
            label = self._LABEL.match(line)
            if label and (len(line) > 200 or a > label.end() + 40):
                label = None
            rest = (line[:a] + line[b:])
            words = _WORD.findall(rest)
            city = re.match(r"^\s*(?:[A-Z][A-Z .'’-]{2,},?\s*(?:[A-Z][A-Za-z.]+\s*)?,?\s*)?$", line[:a])
            after = line[b:].lstrip()
            short = len(line) <= 160 and len(words) <= 6 and not line.rstrip().endswith(".")
            if not (label or short or (city and (not after or after[:1] in "-—–(|"))):
                continue
            if label and label.group(1).lower().startswith(("updated", "last")):
                allowed, why = iv.span(None, d + _dt.timedelta(2)), f"needs a date on or before {d.isoformat()} (update line)"
            else:
                allowed, why = iv.span(d - _dt.timedelta(1), d + _dt.timedelta(2)), f"pins the document to {d.isoformat()} (date line)"
            self.add(kind="dateline", start=line_start + (label.start(1) if label else a), end=line_start + b, intervals=allowed, why=why,
                     extra={"date": d.isoformat()})
            used.add(line_start + a)
            self.masked.append((line_start + (label.start(1) if label else 0), line_start + b))
            break
        return used

    def body_dates(self, skip: set[int]) -> None:
        text = self.text
        today = self.today
        taken: list[tuple[int, int]] = []  # kept sorted; spans never overlap each other

        def overlaps(a: int, b: int) -> bool:
            i = bisect_right(taken, (a, 1 << 62))
            return (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b)

        past_sentence: dict[tuple[int, int], bool] = {}
        shifted: dict[tuple[int, int], bool] = {}
        items: list[tuple[int, int, _dt.date, str]] = []
        # shared by the five scans
        windows = YearWindows(text, self.low if self.folded else None) if len(text) >= 4096 else None
        for a, b, d in find_full_dates(text, windows):
            items.append((a, b, d, "day"))
        for m in finditer_dates(MONTH_YEAR, text, windows):
            items.append((m.start(), m.end(), month_start(int(m.group(2)), month_number(m.group(1))), "month"))
        for m in finditer_dates(PREP_YEAR, text, windows):
            items.append((m.start(2), m.end(2), _dt.date(int(m.group(2)), 1, 1), "year"))
        for a, b, d, grain in items:
            if a in skip or overlaps(a, b) or d > today:
                continue
            insort(taken, (a, b))
            s, e = self.sentence_at(a)
            if (s, e) not in past_sentence:  # a sentence with several dates is read once
                sent = self.clean(s, e)
                low = sent.lower()
                past_sentence[(s, e)] = not ("?" in sent or has_future(sent, low) or not has_past(sent, low))
            if not past_sentence[(s, e)]:
                continue
            if grain == "month" and text[max(0, a - 1) : a].isdigit():
                continue
            # "On March 3, 2021, the president signed ...": a dated past event is a firm bound
            strong = (grain == "day" and re.search(r"(?i)\bon\s+(?:\w+day,?\s+)?$", text[max(0, a - 20) : a]) is not None
                      and not self._shifted(s, e, shifted))
            self.add(kind="date", start=a, end=b, intervals=iv.span(d, None), strength=STRONG if strong else WEAK,
                     why=f"needs a date on or after {d.isoformat()} (a past {grain})")

    def _shifted(self, s: int, e: int, memo: dict[tuple[int, int], bool]) -> bool:
        if (s, e) not in memo:
            memo[(s, e)] = has_shift(self.clean(s, e))
        return memo[(s, e)]

    def relatives(self) -> None:
        text = self.text
        for m in self.keyword_matches(_RELATIVE_YEARS, ("year",), 16, 24):
            n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[fold_case(m.group(1))]
            s, e = self.sentence_at(m.start())
            kind = fold_case(m.group(2))
            if kind == "ago":
                years = [int(y.group(0)) for y in ANY_YEAR.finditer(self.clean(s, e))]
                if len(set(years)) != 1:
                    continue
                y = years[0] + n
                allowed = iv.span(_dt.date(y - 1, 7, 1), _dt.date(y + 1, 7, 1))
            else:
                if not _PRESENT.search(text[m.end() : e]) or _FUTURE.search(text[s:e]):
                    continue
                para_start = text.rfind("\n\n", 0, s)
                lo = max(para_start, m.start() - 400, 0)
                years = [int(y.group(0)) for y in ANY_YEAR.finditer(self.clean(lo, m.start()))]
                if not years:
                    continue
                y = years[-1] + n
                allowed = iv.span(_dt.date(y, 1, 1), _dt.date(y + 1, 1, 1))
            if y > self.today.year:
                continue
            self.add(kind="relative", start=m.start(), end=m.end(), intervals=allowed, strength=WEAK,
                     why=f"needs a date in {iv.describe(allowed)} ({y - n} + {n} years)")

    # -- one trip dated twice: "in January" ... "last month" ------------------------------
    _IN_MONTH = re.compile(
        r"(?i)\bin\s+(?:early\s+|mid-?|late\s+)?(january|february|march|april|may|june|july|august|september|"
        r"october|november|december)\b(?![\s,]*\d)"
    )
    _TRAVEL = re.compile(r"(?i)\b(?:trip|travel(?:l?ed|s|ing)?|visit(?:ed|s|ing)?|flew|went|journey|tour)\b")
    _DEST = re.compile(r"\b(?:to|in)\s+([A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?)")
    _REPEAT = re.compile(r"(?i)\b(?:again|another|second|third|previous|earlier|first|return(?:ed)?|latest|both|each|every)\b")

    def _trip_context(self, offset: int) -> tuple[str, frozenset[str], frozenset[str]] | None:
        """(context text, KB people, destinations) of a travel sentence and the one before it."""
        s, e = self.sentence_at(offset)
        prevs = self.prev_sentences(offset, 1)
        ctx_start = prevs[0][0] if prevs else s
        ctx = self.text[ctx_start:e]
        if not self._TRAVEL.search(ctx) or self._REPEAT.search(ctx):
            return None
        dests = frozenset(m.group(1) for m in self._DEST.finditer(ctx)) - {n.title() for n in MONTHS}
        people: list[str] = []  # in order: the first one is the sentence's subject, usually
        # the words of the sentence, found once: the first k of them from token i on, within 60
        # characters (the last one cut there), are what _WORD finds from token i to that limit
        toks = list(_WORD.finditer(self.text, s, e))
        for i, m in enumerate(toks):
            limit = min(e, m.start() + 60)
            for k in (3, 2, 1):
                run = toks[i : i + k]
                if len(run) < k or run[-1].start() >= limit:
                    continue
                words = [w.group(0) for w in run]
                if run[-1].end() > limit:
                    words[-1] = self.text[run[-1].start() : limit]
                words[-1] = _strip_poss(words[-1])
                found = self.kb.alias_index.get(norm_name(" ".join(words)))
                if found and len(found) == 1 and words[0][:1].isupper() and not (k == 1 and words[0].lower() in COMMON_WORDS):
                    people.append(found[0])
                    break
        if not dests or not people:
            return None
        return ctx, frozenset(people[:1]), dests

    _LAST_MONTH = re.compile(r"(?i)\blast\s+month\b(?!['’]s)")

    def month_coreference(self) -> None:
        text = self.text
        lasts = list(self.anchored_finditer(self._LAST_MONTH, ("last",)))
        if not lasts:  # most texts: no need to look for the months
            return
        months = list(self._IN_MONTH.finditer(text))
        if not months or len({fold_case(m.group(1)) for m in months}) != 1:
            return
        for lm in lasts:
            b = self._trip_context(lm.start())
            if b is None:
                continue
            for mm in months:
                if self.sentence_at(mm.start()) == self.sentence_at(lm.start()):
                    continue
                a = self._trip_context(mm.start())
                if a is None or a[1] != b[1] or not (a[2] & b[2]):
                    continue
                month = month_number(mm.group(1))
                nxt = month % 12 + 1
                person = self.kb.people[next(iter(a[1]))].short
                dest = sorted(a[2] & b[2])[0]
                s, e = self.sentence_at(lm.start())
                phrase = re.search(r"(?i)\b(?:trip|travel\w*|visit\w*|flew|went|journey|tour)\b[^.;]{0,60}?\blast\s+month", text[s:e])
                start = s + phrase.start() if phrase else lm.start()
                self.add(kind="relative", start=start, end=lm.end(), intervals=_every_month(nxt), strength=CHECK,
                         why=(f"dates {person}'s trip to {dest} to the month before the writing date, and line "
                              f"{self.line_of(mm.start())} puts it '{mm.group(0)}', so it needs a date in "
                              f"{_dt.date(2000, nxt, 1):%B}"),
                         person=next(iter(a[1])), extra={"month": month, "line_month": self.line_of(mm.start())})
                return

    def run(self) -> list[Cue]:
        self.metadata()
        skip = self.datelines()
        self.titles()
        self.titles_of()
        self.ages()
        self.events()
        if not self.cues:
            # Dates in the body and relative dates only bound the writing date from below (or
            # relative to an anchor); without an anchored cue (metadata, dateline, title, age,
            # event) they can neither clash nor give a useful window: skip the costly passes.
            return []
        self.body_dates(skip)
        self.relatives()
        self.month_coreference()
        self.cues.sort(key=lambda c: (c.start, c.end, c.kind))
        return self.cues


@lru_cache(maxsize=12)
def _every_month(month: int) -> iv.Intervals:
    """That month of every year from 1900 to 2100 (the same for every text: built once)."""
    return iv.normalize((_dt.date(y, month, 1).toordinal(), add_months(_dt.date(y, month, 1), 1).toordinal())
                        for y in range(1900, 2101))


_ELECTION_ADJ = {"legislative", "congressional", "parliamentary", "presidential", "general", "midterm",
                 "national", "federal", "assembly", "municipal", "local", "regional", "state", "snap", "g20", "g7", "g8"}
_NOT_PLACES = {"G20", "G7", "G8", "Summit", "Americas", "Special", "I", "II", "III", "IV", "V", "VI", "VII",
               "VIII", "IX", "X", "of", "the", "summit", "City", "(virtual)", "Leaders"}


_COMMA_AGE = re.compile(r",\s*(?:aged\s+)?(\d{1,3})\s*[,;]")
_PAREN_AGE = re.compile(r"\((?:aged\s+)?(\d{1,3})\)")


def comma_ages(text: str) -> list[tuple[int, int, int]]:
    r"""(start, end, age) of ", 66," / ", aged 66;" / " (66)" in text order: the matches of
    ``(?:,\s*(?:aged\s+)?(\d{1,3})\s*[,;]|\s\((?:aged\s+)?(\d{1,3})\))``, found by two
    scans that start at a literal character (much faster than the alternation, which tries
    every whitespace; the two kinds cannot overlap, so the union is the same match list)."""
    out = [(m.start(), m.end(), int(m.group(1))) for m in _COMMA_AGE.finditer(text)]
    paren = [(m.start() - 1, m.end(), int(m.group(1))) for m in _PAREN_AGE.finditer(text)
             if m.start() > 0 and text[m.start() - 1].isspace()]
    if paren:
        out = sorted(out + paren)
    return out


_TITLE_WINDOW = 120  # longest title phrase: "prime minister - elect of the" with generous spacing
_RELATIVE_YEARS = re.compile(r"(?i)\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\s+(later|ago|on)\b")
_AGED = re.compile(r"(?i)\b(\d{1,3})[-\s]year[-\s]old\b")


@lru_cache(maxsize=8)
def _title_patterns(title_words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """(title regex, "title of" regex, lower-case first words): compiled once per knowledge base."""
    titles = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in title_words) or "(?!x)x"
    title_re = re.compile(rf"(?i)\b({titles})\b((?:\s*[-–]\s*|\s+)elect\b)?")
    title_of_re = re.compile(rf"(?i)\b({titles})((?:\s*[-–]\s*|\s+)elect)?\s+of\s+(?:the\s+)?")
    keywords = tuple(sorted({t.split()[0].lower() for t in title_words if t.strip()}))
    return title_re, title_of_re, keywords


def _places(name: str) -> list[str]:
    """The place words of an event name: 'G20 Rome summit' -> ['Rome']."""
    return [w.strip(",") for w in name.split() if w[:1].isupper() and w.strip(",") not in _NOT_PLACES]


PREFILTER = re.compile(
    r"(?i)\b(?:president|prime|minister|premier|chancellor|king|queen|emperor|year-old|years?\s+old|"
    r"summit|elections?|ago|last|this|next|january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b|\d{4}|,\s*\d{1,3}\s*,|\(\d{1,3}\)|\baged\s+\d"
)


# ``prefilter``: PREFILTER's alternatives searched one by one (a text matches an alternation
# iff it matches one of its branches). The numeric branches start with a character class or a
# literal, which ``re`` skips to quickly; the words are looked for with ``str.find`` in the
# lower-case text and PREFILTER itself is tried at each (the case-insensitive alternation of
# words, scanned along the text, is what makes PREFILTER.search slow).
_PREFILTER_NUMBERS = (re.compile(r"\d\d\d\d"), re.compile(r",\s*\d{1,3}\s*,"), re.compile(r"\(\d{1,3}\)"))
_PREFILTER_WORDS = (  # every word branch of PREFILTER begins with one of these (common ones first)
    "this", "last", "year", "next", "ago", "president", "prime", "minister", "premier", "chancellor",
    "king", "queen", "emperor", "summit", "election", "aged", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
)


def prefilter(text: str) -> bool:
    """``PREFILTER.search(text) is not None``, faster."""
    # a year is four digits: two scans led by a literal (see dates.has_year) settle most texts
    # before ``\d\d\d\d``, led by a character class, is tried at every offset
    if has_year(text) or any(rx.search(text) for rx in _PREFILTER_NUMBERS):
        return True
    low = ascii_folded(text)
    if low is None or "ı" in text or "ſ" in text:  # see _Extractor.folded
        return PREFILTER.search(text) is not None
    for word in _encoded(_PREFILTER_WORDS):
        i = low.find(word)
        while i != -1:
            if PREFILTER.match(text, i):
                return True
            i = low.find(word, i + 1)
    return False


def extract_cues(text: str, kb: KnowledgeBase, meta: Mapping[str, Any] | None = None,
                 today: _dt.date | None = None, *, prefiltered: bool = False) -> list[Cue]:
    """Every temporal cue of ``text`` (plus the metadata date), in text order.
    ``prefiltered``: the caller found ``prefilter(text)`` true (or has metadata) already."""
    meta = meta or {}
    if not prefiltered and not meta and not prefilter(text):
        return []
    return _Extractor(text, kb, meta, today or _dt.date.today()).run()
