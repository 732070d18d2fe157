"""Shared helpers for the residue checks (``doclint/checks/residue_*.py``).

Everything here is cheap to import; the word list is loaded lazily, once per process,
and only when a check actually has a candidate to judge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from doclint.lexicon import cmudict_syllables
from doclint.lexicon import data_dir as _data_dir


def english_words() -> Mapping[str, int]:
    """A large lower-case English word list: the CMUdict headwords (~126k words, with their
    syllable counts as values; :func:`doclint.lexicon.cmudict_syllables`), for ``in`` tests.

    When the dictionary is missing the list is empty (false) and callers must fall back to
    their other evidence."""
    return cmudict_syllables()


@cache
def data_list(name: str) -> frozenset[str]:
    """A lower-cased word list from ``rules/data/<name>`` (one entry per line, ``#`` comments)."""
    path = _data_dir() / name
    out: set[str] = set()
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if line:
                    out.add(line.lower())
    except OSError:
        pass
    return frozenset(out)


# Function words per language (small, closed-class lists). Used to tell stripped English
# from ordinary English and from other languages.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the a an of to and in is for that on with as by at from it this be are was were
        or not but have has had he she they we you i his her their its our your them him
        which who whom whose what when where why how there than then so if no can could
        will would should may might must do does did been being into about over after before
        under between through during out up down off all any some such these those other more
        most very also just only own same too both each few my me us one while because
        until against again further once here nor am s t""".split()
    ),
    "es": frozenset(
        """el la los las un una unos unas de del al y e o u en que por para con sin sobre es
        son fue era ser está están se lo le les su sus como más pero ni ya muy también este
        esta estos estas ese esa esos esas hay ha han había mi tu nos entre cuando donde
        porque si no sí yo él ella ellos ellas nosotros hasta desde""".split()
    ),
    "fr": frozenset(
        """le la les un une des du de d l et ou en à au aux que qui dans par pour avec sans sur
        est sont était être a ont avait se sa son ses ce cette ces il elle ils elles nous
        vous je ne pas plus mais ni donc car si comme leur leurs y on lui entre""".split()
    ),
    "de": frozenset(
        """der die das den dem des ein eine einen einem einer eines und oder in im zu zum zur
        von vom mit auf für an am ist sind war waren wird werden hat haben nicht auch als
        wie es sie er wir ich ihr sich dass daß aber bei nach aus noch nur so um über""".split()
    ),
    "pt": frozenset(
        """o a os as um uma uns umas de do da dos das no na nos nas em e ou que por para com sem
        sobre é são foi era ser está se seu sua seus suas como mais mas muito também este
        esta isso esse essa ao aos pelo pela entre quando onde porque não já eu ele ela
        eles elas""".split()
    ),
}

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ASCII_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")  # what WORD_RE finds in ASCII text


def function_ratios(words: list[str]) -> dict[str, float]:
    """Share of ``words`` (lower-cased) in each language's function-word list."""
    n = len(words) or 1
    return {lang: sum(map(fw.__contains__, words)) / n for lang, fw in FUNCTION_WORDS.items()}


def is_french(doc_text: str, cache: dict) -> bool:
    """Whether the document reads as French (for French spacing conventions)."""
    key = "residue.is_french"
    if key in cache:
        return cache[key]
    sample = doc_text[:20000].lower()
    words = (_ASCII_WORD_RE if sample.isascii() else WORD_RE).findall(sample)
    r = function_ratios(words) if words else {}
    result = bool(words) and r.get("fr", 0) > max(r.get("en", 0), 0.12)
    cache[key] = result
    return result


def utf8_bytes(text: str) -> bytes | None:
    """``text`` as UTF-8 for RE2, or None when it holds lone surrogates (from ``surrogateescape``
    decoding): RE2 cannot take it, and the checks fall back to Python ``re``."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


class CharOffsets:
    """Byte offset (UTF-8) -> character offset, for increasing offsets: linear overall.

    (Scanning UTF-8 bytes with RE2 directly and converting only the offsets needed is
    cheaper than handing RE2 a ``str``: its wrapper re-encodes the text on every call and
    converts every offset of every match.)"""

    __slots__ = ("data", "ascii", "byte", "char")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self.byte = 0
        self.char = 0

    def __call__(self, pos: int) -> int:
        if self.ascii:
            return pos
        if pos < self.byte:  # not increasing: start again
            self.byte = self.char = 0
        self.char += len(self.data[self.byte : pos].decode("utf-8", "surrogatepass"))
        self.byte = pos
        return self.char
