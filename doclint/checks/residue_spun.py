"""R151 stripped-text / R152 normalised-text: English with its function words, casing or
punctuation removed.

Stripped or keyword-stuffed text keeps content words and drops most of "the, a, of, to,
and...": in normal English 35-55 % of tokens are function words, in stripped text under
20 %. Each paragraph (or each long line, in documents with one paragraph per line) of
30+ words is measured; it is flagged when its function-word ratio is far below normal,
with supporting evidence counted in the message: proper nouns in lower case
("united states", "el salvador") and long runs without sentence punctuation.

R152 catches normalised text, which keeps its function words but was lower-cased and
stripped of punctuation: a run of 60+ words without sentence punctuation together with
lower-case proper nouns or almost no capitalised words.

Only English is judged: a paragraph whose best-matching function-word list is another
language (es/fr/de/pt), or whose words are mostly not English dictionary words, is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping

import re2

from doclint._residue_common import FUNCTION_WORDS, english_words
from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Rule

_STRIPPED = (
    "The evolving relationship between united states and el salvador under president "
    "carries significant strategic implications particularly concerning policies regarding "
    "migrations The alliance centers around developing joint strategies aimed curbing influx "
    "migrants originating central america government advocates increased financial assistance "
    "investments domestic security efforts coupled economic development deter further outflows"
)
_NORMAL = (
    "The evolving relationship between the United States and El Salvador carries significant "
    "implications for migration policy. The two governments have said that they want to develop "
    "joint strategies to reduce the number of people who leave the country, and they are expected "
    "to discuss aid, security and investment when the presidents meet next month."
)
_NORMALISED = (
    "the evolving relationship between the united states and el salvador carries significant "
    "implications for migration policy the two governments have said that they want to develop "
    "joint strategies to reduce the number of people who leave the country and they are expected "
    "to discuss aid security and investment when the presidents meet in washington next month "
    "according to officials who spoke on condition of anonymity"
)
_LONG_SENTENCE = (
    "The committee, which met in Geneva on Tuesday after weeks of delay, said that the new "
    "rules, which were drafted by experts from the United Nations, the World Bank and several "
    "regional development banks, and which have been criticised by campaigners in Europe, Asia "
    "and Africa, would come into force next year, once a majority of members had ratified them "
    "and once national parliaments in at least twenty countries had approved the changes"
)
_SPANISH = (
    "La relación entre los Estados Unidos y El Salvador tiene implicaciones importantes para la "
    "política migratoria de la región. Los dos gobiernos han dicho que quieren desarrollar "
    "estrategias conjuntas para reducir el número de personas que salen del país cada año."
)

# [options.residue_spun] keys -> kind (doclint.config.OPTION_KINDS), checked when the engine is built
OPTIONS: dict[str, str] = {"min_words": "integer", "max_ratio": "number"}

RULES = (
    Rule(
        code="R151",
        name="stripped-text",
        category="residue",
        severity="warning",
        message="Stripped / spun English: function-word ratio {ratio:.2f}",
        summary="English paragraph with its function words stripped (spun or keyword text)",
        rationale=(
            "Text whose articles, prepositions and casing were stripped (by a spinner, a "
            "keyword extractor or a broken pipeline) is no longer fluent language; it "
            "should not be trained on or indexed as prose."
        ),
        examples=(
            Example(_STRIPPED, True),
            Example(_NORMAL, False),
            Example(_SPANISH, False),
        ),
    ),
    Rule(
        code="R152",
        name="normalised-text",
        category="residue",
        severity="warning",
        message="Normalised English: {longest} words without sentence punctuation",
        summary="English lower-cased and stripped of punctuation (normalised text)",
        rationale=(
            "Text run through a normaliser (lower-cased, punctuation removed) keeps its words "
            "but loses sentence boundaries and proper-noun casing ('united states'); it is "
            "a processing artefact, not the document as written."
        ),
        examples=(
            Example(_NORMALISED, True),
            Example(_NORMAL, False),
            Example(_LONG_SENTENCE, False),
        ),
    ),
)

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENT_END_RE = re.compile(r"[.!?;:](?:\s|$)|[.!?][\"”’)]")
_PROPER_NAMES = (
    r"united states|united kingdom|el salvador|central america|latin america|"
    r"south america|north america|new york|los angeles|san francisco|hong kong|new zealand|"
    r"south africa|saudi arabia|costa rica|puerto rico|"
    r"america|american|mexico|canada|china|chinese|russia|india|japan|germany|france|britain|"
    r"england|europe|european|africa|australia|brazil|guatemala|honduras|nicaragua|venezuela|"
    r"cuba|washington|london|paris|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|april|june|july|august|september|october|november|december|"
    r"english|spanish|french|german|trump|biden|obama"
)
_PROPER_RE = re.compile(rf"(?<=[a-z,] )(?:{_PROPER_NAMES})\b")
# Every match of _PROPER_RE follows a space and starts with one of the names: when RE2 (one
# linear pass over UTF-8, where Python's re tries the names at every position) finds no
# space + name, _PROPER_RE finds nothing.
_PROPER_HINT_RE = re2.compile(f" (?:{_PROPER_NAMES})".encode())
_BULLET_RE = re.compile(r"\s*(?:[-*•·–—>|#+]|\d{1,3}[.)])\s")
_MIN_WORDS = 30
_COMMON = (" the ", " of ", " and ", " to ")
_FOREIGN = (" de ", " la ", " que ", " el ", " der ", " die ", " und ", " le ", " les ", " et ",
            " das ", " em ", " os ", " du ")
_MARKS = ("! ", ".”", ".\"", "?”", "!”", ": ")  # after ". ", ".\n", "? ", "; "
_ALL_MARKS = (". ", ".\n", "? ", "; ", *_MARKS)
_EN = FUNCTION_WORDS["en"]
_OTHERS = {k: v for k, v in FUNCTION_WORDS.items() if k != "en"}


_ASCII_TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")  # what _TOKEN_RE finds in ASCII text
_COMMON_B = tuple(w.encode() for w in _COMMON)
_FOREIGN_B = tuple(w.encode() for w in _FOREIGN)


def _has_long_line(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether a line of 150+ characters (``starts``/``ends``, sorted) lies in ``[start, end)``,
    clipped at ``end`` (a paragraph's text leaves out its last line's "\\r")."""
    i = bisect_left(starts, start)
    while i < len(starts) and starts[i] < end:
        if min(ends[i], end) - starts[i] >= 150:
            return True
        i += 1
    return False


def _units(doc: Document) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, first_line, last_line) per long line and per wrapped prose paragraph.

    Long lines (150+ characters, counting a trailing "\\r": one paragraph per line, or a
    one-line paragraph) come from the shared line index; multi-line paragraphs count as one
    unit when their lines are prose fragments (10+ words per line on average, none long
    enough to be a unit of its own).
    """
    text = doc.text
    long_starts: list[int] = []
    long_ends: list[int] = []
    for ln in doc.lines:
        if len(ln.text) >= 149:  # cheap filter; the exact test counts the stripped "\r"
            end = ln.end + 1 if text[ln.end : ln.end + 1] == "\r" else ln.end
            if end - ln.start >= 150:
                long_starts.append(ln.start)
                long_ends.append(end)
    for start, end in zip(long_starts, long_ends, strict=True):
        yield start, end, 0, 0  # line numbers are looked up only for findings
    for para in doc.paragraphs:
        if para.first_line == para.last_line or para.end - para.start < 150:
            continue
        if _has_long_line(long_starts, long_ends, para.start, para.end):
            continue  # its long lines are units already
        ptext = para.text
        n_lines = para.last_line - para.first_line + 1
        if ptext.count(" ") < n_lines * 10:
            continue  # a list / menu of short lines
        if sum(1 for ln in ptext.split("\n") if _BULLET_RE.match(ln)) * 2 >= n_lines:
            continue
        yield para.start, para.end, para.first_line, para.last_line


def _lower_proper_nouns(text: str) -> int:
    """``len(_PROPER_RE.findall(text))``, with _PROPER_HINT_RE as a cheap first test."""
    if _PROPER_HINT_RE.search(text.encode("utf-8", "surrogatepass")) is None:
        return 0
    return len(_PROPER_RE.findall(text))


def _capitalised(tokens: list[str]) -> int:
    """How many of ``tokens`` (non-empty) start with a capital letter."""
    return sum(1 for t in tokens if t[0].isupper())


def _longest_run(text: str) -> int:
    """Words in the longest stretch of ``text`` without sentence punctuation."""
    return max(map(len, map(str.split, _SENT_END_RE.split(text))), default=0)


def _known_words(words: list[str], vocab: Mapping[str, int]) -> int:
    """How many of ``words`` (with repeats) are in ``vocab``: one C-level dict lookup each."""
    return sum(map(vocab.__contains__, words))


def _plenty_as_written(full: str, start: int, end: int, need: float) -> bool:
    """Whether ``_COMMON``'s words, counted in ``full[start:end]`` as written, number ``need``
    or more; then so do their counts in the lower-cased text, which the check uses.

    Lower-casing (without an "İ", which shifts offsets) keeps every occurrence of a
    lower-case word and may add more; a non-overlapping count of one pattern is the largest
    set of non-overlapping occurrences, so it never drops when occurrences are added. Each
    word's count as written is thus at most its lower-cased count, and so is the sum. The
    counts stop at the first partial sum that is enough."""
    found = 0
    for word in _COMMON:
        found += full.count(word, start, end)
        if found >= need:
            return True
    return False


def _punctuated(full: str, start: int, end: int, words: int) -> bool:
    """Whether ``full[start:end]`` (``words`` = its spaces + 1) has at least one sentence
    mark per 40 words, counting ". ", ".\\n", "? ", "; " and then ``_MARKS``.

    The counts are added one at a time and the test stops at the first partial sum that
    passes: the sum only grows, so that is the same answer as testing the full sum (the
    check used to test after the first four counts and again after all ten). Most prose
    passes on ". " alone."""
    marks = 0
    for mark in _ALL_MARKS:
        marks += full.count(mark, start, end)
        if words < 40 * (marks + 1):
            return True
    return False


def _settings(options: Options) -> tuple[int, float]:
    """(min_words, max_ratio); a value of the wrong type is a ValueError naming the option."""
    try:
        return int(options.get("min_words", _MIN_WORDS)), float(options.get("max_ratio", 0.22))
    except (TypeError, ValueError, OverflowError):
        raise ValueError(
            "options: min_words must be a whole number and max_ratio a number (got "
            f"{options.get('min_words', _MIN_WORDS)!r}, {options.get('max_ratio', 0.22)!r})"
        ) from None


def setup(options: Options) -> None:
    """A bad option is a configuration error when the engine starts (exit 2), not a crash of
    the check on every document."""
    _settings(options)


def check(doc: Document, options: Options) -> Iterator[Finding]:
    min_words, threshold = _settings(options)
    vocab = None
    full = doc.text
    # "İ" is the one character that lower-cases to two: then offsets into full.lower() shift,
    # and the counts below must keep reading that shifted text
    low_full = full.lower() if "\u0130" in full else None
    for start, end, first, last in _units(doc):
        spaces = full.count(" ", start, end)
        if spaces < min_words - 1:
            continue
        # fast path: plenty of the commonest function words and of sentence punctuation
        # -> ordinary English prose (or not English at all): skip without tokenising.
        # The words are first counted as written (see _plenty_as_written); only when that is
        # not enough are they counted exactly, in the lower-cased text.
        if low_full is None and _plenty_as_written(full, start, end, 0.06 * (spaces + 1)):
            text = ""
            plenty_common = True
        else:
            text = full[start:end]
            raw = text.encode("utf-8", "surrogatepass")
            # Lower-cased UTF-8 for counting the ASCII function words: bytes.lower() is much
            # cheaper than str.lower(), and counts of ASCII words (none with a "k": the Kelvin
            # sign lower-cases to one) are the same in both.
            low_raw = raw.lower() if low_full is None else low_full[start:end].encode("utf-8", "surrogatepass")
            common = sum(low_raw.count(w) for w in _COMMON_B)
            plenty_common = common >= 0.06 * (spaces + 1)
        longest = -1
        if plenty_common:
            if _punctuated(full, start, end, spaces + 1):
                continue
            text = text or full[start:end]
            longest = _longest_run(text)
            if longest < 60:
                continue
        else:
            if (len(raw) - len(text)) * 10 > len(text):
                continue  # many non-ASCII characters: not English
            foreign = sum(low_raw.count(w) for w in _FOREIGN_B)
            if foreign > common and foreign >= 0.05 * (spaces + 1):
                continue  # commonest es/fr/de/pt function words outnumber English ones
        # The tests below only ever skip a unit, so they are ordered cheapest first (the
        # outcome is the same in any order). A finding needs 20+ words without sentence
        # punctuation, and either 60+ of them (R152) or a ratio under threshold + 0.06 (R151).
        if longest < 0:
            longest = _longest_run(text)
        if longest < 20:
            continue  # well punctuated (citations, lists of names): not stripped prose
        ascii_text = text.isascii()  # (= its UTF-8 is as long as the text)
        tokens = (_ASCII_TOKEN_RE if ascii_text else _TOKEN_RE).findall(text)
        n = len(tokens)
        if n < min_words:
            continue
        if not ascii_text and sum(map(str.isascii, tokens)) * 10 < n * 8:
            continue  # mostly non-ASCII words: not English
        low = list(map(str.lower, tokens))
        en = sum(map(_EN.__contains__, low)) / n
        if longest < 60 and (en >= 0.3 or not en < threshold + 0.06):
            continue  # normal English; or too many function words for R151, too short for R152
        lower_proper = -1
        if not en < threshold + 0.06:
            # R151 is out of reach, so only R152 is left (60+ words, from the test above); it
            # needs 2+ lower-case proper nouns or under 2 % capitalised words
            lower_proper = _lower_proper_nouns(text)
            if lower_proper < 2 and _capitalised(tokens) / n >= 0.02:
                continue
        best_other = max(sum(map(fw.__contains__, low)) / n for fw in _OTHERS.values())
        if best_other > en:
            continue  # another language
        if vocab is None:
            vocab = english_words()
        if vocab:
            known = _known_words(low, vocab) / n
            if known < 0.8:
                continue  # not (mostly) English words: names list, code, another language
        if lower_proper < 0:
            lower_proper = _lower_proper_nouns(text)
        if not first:
            first = last = doc.line_of(start)
        data = {"ratio": round(en, 3), "lower_case_proper_nouns": lower_proper,
                "longest_unpunctuated_run": longest, "words": n}
        if en < threshold or (en < threshold + 0.06 and (lower_proper >= 2 or longest >= 60)):
            yield Finding(
                "R151", start, end,
                f"Stripped / spun English (lines {first}-{last}): function-word ratio {en:.2f} "
                f"(normal 0.35-0.55), {lower_proper} lower-case proper noun(s), "
                f"longest run without sentence punctuation {longest} words",
                data=data,
            )
            continue
        if longest >= 60:
            capitals = _capitalised(tokens) / n
            data["capitalised_share"] = round(capitals, 3)
            if lower_proper >= 2 or capitals < 0.02:
                yield Finding(
                    "R152", start, end,
                    f"Normalised English (lines {first}-{last}): {longest} words without "
                    f"sentence punctuation, {capitals:.0%} capitalised words, "
                    f"{lower_proper} lower-case proper noun(s)",
                    data=data,
                )
