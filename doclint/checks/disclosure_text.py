"""Text helpers shared by the disclosure and provenance checks (not a check module).

A :class:`NormWindow` is a slice of the document with whitespace runs collapsed (hard
line wraps joined, blank lines and heading breaks kept as ``"\\n"``), typographic quotes
and dashes straightened and invisible characters dropped, plus a map back to offsets in
the original text. Detection regexes run on that normalised text; findings are reported
at the original offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import re2

from doclint.casefold import fold_case

# Whitespace plus invisible characters (soft hyphen, zero-width space/joiners, word joiner, BOM).
_WS = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_REAL_SPACE = re.compile(r"\s")
# Only runs that are not a single plain space need rewriting (single spaces map 1:1).
_WS_SPECIAL_REF = re.compile(
    r"[ ]*(?:[^\S ]|[\u00ad\u200b\u200c\u200d\u2060\ufeff])[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]*|[ ]{2,}"
    r"|^[ ]|[ ]$"
)
# The same matches, faster (property-tested against _WS_SPECIAL_REF): every match starts with one
# character of [\s invisible], so the pattern opens with that class and ``re`` skips ahead with a
# charset scan instead of trying four alternatives at every position; lookbehinds on that first
# character pick the alternatives (space: the old ``[ ]*...`` / ``[ ]{2,}`` / ``^[ ]`` / ``[ ]$``;
# other: the old ``[^\S ]...``). ``\s`` is spelled out (str.isspace) so the class is a bitmap.
_SPACE_CHARS = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_WS_SPECIAL = re.compile(
    f"[{_SPACE_CHARS}{_INVISIBLE}]"
    f"(?:(?<=[ ])(?:[ ]*[{_SPACE_CHARS.replace(' ', '')}{_INVISIBLE}][{_SPACE_CHARS}{_INVISIBLE}]*|[ ]+|(?<=^[ ])|$)"
    f"|(?<![ ])[{_SPACE_CHARS}{_INVISIBLE}]*)"
)

TRANS = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)

# TRANS as (char, replacement) pairs. Every key is non-ASCII and every replacement ASCII, so
# replacing the keys one by one gives what ``translate(TRANS)`` gives; ``str.translate`` with a
# dict looks up every character of a non-ASCII text, ~30x slower than a few ``in`` scans.
_TRANS_PAIRS = tuple((chr(k), str(v)) for k, v in TRANS.items())


def straighten(s: str) -> str:
    """``s.translate(TRANS)``, faster: straight quotes and dashes."""
    if s.isascii():
        return s
    for ch, rep in _TRANS_PAIRS:
        if ch in s:
            s = s.replace(ch, rep)
    return s


def fold(s: str) -> bytes:
    """``s`` lowered, as UTF-8, for :class:`Words` tests that stand in for ``re.IGNORECASE``
    matches of ASCII words. ``re.I`` matches a letter to its other case and also ``\u0130`` and
    ``\u0131`` to ``i``, ``\u017f`` to ``s`` and ``\u212a`` to ``k``: ``lower()`` gives ``i`` + U+0307,
    ``\u0131``, ``\u017f`` and ``k`` for those, so U+0307 is dropped and ``\u0131``/``\u017f`` replaced (a
    test checks the list). Dropping characters may make a word appear, never disappear."""
    return fold_case(s).encode("utf-8", "surrogatepass")


class Words:
    """Does a :func:`fold`-ed text hold one of ``words`` (ASCII, lower case)?

    Used before a case-insensitive regex that cannot match without one of the words: the regex
    (often long, compiled on first use) runs only on the texts that pass. A few words are looked
    up with ``in``; more with one RE2 scan (cheaper than many ``in`` from about six words)."""

    __slots__ = ("_words", "_re")

    def __init__(self, *words: str) -> None:
        self._words = tuple(w.encode() for w in words) if len(words) <= 5 else ()
        self._re = None if self._words else re2.compile("|".join(map(re2.escape, words)))

    def __call__(self, folded: bytes) -> bool:
        if self._re is None:
            for w in self._words:
                if w in folded:
                    return True
            return False
        return self._re.search(folded) is not None


_LINE_END_PUNCT = re.compile(r"""[.!?:]['"\u2019\u201d)\]]*\s*$""")


def _breaks_after(prev_line: str) -> bool:
    """Does a single newline after ``prev_line`` end a sentence (heading, label, full stop)?"""
    s = prev_line.strip()
    if not s:
        return True
    if _LINE_END_PUNCT.search(s):
        return True
    if len(s.split()) <= 8 and s[-1] not in ",;-(&" and not s[-1].islower():
        return True
    return False




# Characters of whitespace runs: ``\\s`` (str.isspace) plus the invisible ones (a test checks the set).
RUN_CHARS = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + _INVISIBLE
)


def run_rep(raw: str, s: int, e: int) -> str:
    """What the whitespace run ``raw[s:e]`` of a window becomes: ``"\\n"`` (blank line, or a line
    break that ends a sentence or a heading), ``" "`` (a joined hard wrap, spaces) or ``""``
    (invisible characters only)."""
    run = raw[s:e]
    nl = run.count("\n")
    if nl >= 2:
        rep = "\n"
    elif nl == 1:
        ls = raw.rfind("\n", 0, s) + 1
        prev = raw[ls:s]
        short_head = len(prev.split()) <= 4 and raw[e : e + 1].isupper()
        rep = "\n" if short_head or _breaks_after(prev) else " "
    elif _REAL_SPACE.search(run):
        rep = " "
    else:
        rep = ""
    if s == 0 or e == len(raw):
        rep = "\n" if "\n" in run else (" " if rep else "")
    return rep


def _newline_run(raw: str, k: int) -> tuple[int, int]:
    """``[s, e)`` of the whitespace run holding the newline ``raw[k]`` (a maximal run of
    :data:`RUN_CHARS`, so it is one :data:`_WS_SPECIAL` match; runs are short)."""
    s = k
    while s and raw[s - 1] in RUN_CHARS:
        s -= 1
    e = k + 1
    n = len(raw)
    while e < n and raw[e] in RUN_CHARS:
        e += 1
    return s, e


def line_start_before(raw: str, i: int) -> tuple[int, int]:
    """Start of the normalised line (the text between two ``"\\n"`` of :class:`NormWindow`) that
    holds ``raw[i]``, and the start of the run that ends the line before it (-1 when the line
    starts the window). Only the newline runs between the two are decided."""
    j = i
    while True:
        k = raw.rfind("\n", 0, j)
        if k < 0:
            return 0, -1
        s, e = _newline_run(raw, k)
        if run_rep(raw, s, e) == "\n":
            return e, s
        j = s


def line_end_after(raw: str, i: int) -> tuple[int, int]:
    """End of the normalised line that holds ``raw[i]``, and the end of the run after it
    (``len(raw)`` and -1 when the line ends the window)."""
    j = i
    while True:
        k = raw.find("\n", j)
        if k < 0:
            return len(raw), -1
        s, e = _newline_run(raw, k)
        if run_rep(raw, s, e) == "\n":
            return s, e
        j = e


class NormWindow:
    """Normalised view of ``src[a:b]`` with a map back to original offsets."""

    __slots__ = ("a", "b", "text", "_bn", "_bo")

    def __init__(self, src: str, a: int, b: int) -> None:
        raw = src[a:b]
        n = len(raw)
        parts: list[str] = []
        bn: list[int] = []
        bo: list[int] = []
        pos = 0
        nn = 0
        for m in _WS_SPECIAL.finditer(raw):
            s, e = m.span()
            if s > pos:
                parts.append(raw[pos:s])
                nn += s - pos
            rep = run_rep(raw, s, e)
            parts.append(rep)
            nn += len(rep)
            bn.append(nn)
            bo.append(a + e)
            pos = e
        if pos < n:
            parts.append(raw[pos:])
        self.a = a
        self.b = b
        self.text = straighten("".join(parts))
        self._bn = bn
        self._bo = bo

    @classmethod
    def lines_of(cls, raw: str, a: int, b: int, lo: int, hi: int, breaks: tuple[int, ...] = ()) -> NormWindow:
        """The part ``[lo, hi)`` of the window ``raw = src[a:b]`` as :class:`NormWindow` would
        normalise it, when ``lo`` and ``hi`` are window edges or edges of runs that become
        ``"\\n"`` and the runs inside that become ``"\\n"`` start at the offsets ``breaks``.

        The same text and offsets as the whole window's, cheaper: every other run inside is a
        newline run that :func:`run_rep` made ``" "`` (the caller found them so) or a run without
        newline, which becomes ``" "`` when it holds whitespace and ``""`` when it holds only
        invisible characters -- also at a window edge. ``raw[lo]`` and ``raw[hi - 1]`` are not
        run characters (runs are maximal), so the runs of ``raw[lo:hi]`` are the window's runs."""
        w = object.__new__(cls)
        part = raw[lo:hi]
        parts: list[str] = []
        bn: list[int] = []
        bo: list[int] = []
        pos = 0
        nn = 0
        for m in _WS_SPECIAL.finditer(part):
            s, e = m.span()
            if s > pos:
                parts.append(part[pos:s])
                nn += s - pos
            if lo + s in breaks:
                rep = "\n"
            else:
                rep = " " if part[s:e].strip(_INVISIBLE) else ""
            parts.append(rep)
            nn += len(rep)
            bn.append(nn)
            bo.append(a + lo + e)
            pos = e
        if pos < len(part):
            parts.append(part[pos:])
        w.a = a + lo
        w.b = b
        w.text = straighten("".join(parts))
        w._bn = bn
        w._bo = bo
        return w

    def orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (a collapsed run maps to its start)."""
        k = bisect_right(self._bn, i) - 1
        if k < 0:
            return self.a + i
        return min(self._bo[k] + (i - self._bn[k]), self.b)

    def span(self, s: int, e: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised span ``[s, e)``."""
        if e <= s:
            o = self.orig(s)
            return o, o
        return self.orig(s), self.orig(e - 1) + 1

    def sentences(self) -> list[tuple[int, int]]:
        return split_sentences(self.text)


# --- sentence splitting -------------------------------------------------------------------

_SENT_END = re.compile(r"""[.!?]+['")\]]*(?=[ \n]|$)""")
_NEVER_END = frozenset(
    "mr mrs ms dr prof st no nos gen sen rep gov lt col capt sgt cmdr adm vs v e.g i.e cf fig "
    "ft mt approx dept est op vol pp p hon rev pres amb".split()
)
_MAYBE_END = frozenset("inc corp ltd co llc plc jr sr bros assn intl ave blvd etc al".split())
STARTERS = frozenset(
    "the this these that those it its additional further more information a an in for we i our "
    "he she they his her their many some as but and however if when disclosure copyright all see "
    "read learn visit contact media about on at by to with from there here what why how please "
    "materials material distributed note editor's editor".split()
)
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){1,}[A-Za-z]?$")


def _is_sentence_end(t: str, dot: int, stop: int) -> bool:
    ws = max(t.rfind(" ", 0, dot), t.rfind("\n", 0, dot))
    token = t[ws + 1 : dot + 1].lstrip("\"'([")
    j = dot + 1
    while j < stop and t[j] in "!?.\"')]":
        j += 1
    while j < stop and t[j] == " ":
        j += 1
    if j >= stop:
        return True
    nxt_end = j
    while nxt_end < stop and t[nxt_end] not in " \n":
        nxt_end += 1
    nxt = t[j:nxt_end].lstrip("\"'([").lower().rstrip(",:;")
    first = t[j]
    bare = token[:-1].lower()
    if bare in _NEVER_END:
        return False
    if _INITIALISM.match(token) or bare in _MAYBE_END:
        # "Acme Corp. on behalf of" / "D.C. MANY" stay joined; "D.C. Additional information" splits
        word = t[j:nxt_end].lstrip("\"'([")
        return nxt in STARTERS and word[:1].isupper() and (len(word) == 1 or not word.isupper())
    if first.islower():
        return False
    return True


def split_sentences(t: str) -> list[tuple[int, int]]:
    """Sentence spans of normalised text ``t`` (``"\\n"`` is always a boundary)."""
    out: list[tuple[int, int]] = []
    n = len(t)
    pstart = 0
    while pstart <= n:
        pend = t.find("\n", pstart)
        if pend == -1:
            pend = n
        start = pstart
        for m in _SENT_END.finditer(t, pstart, pend):
            if m.group()[0] == "." and not _is_sentence_end(t, m.start(), pend):
                continue
            e = m.end()
            while start < e and t[start] == " ":
                start += 1
            if e > start:
                out.append((start, e))
            start = e
        while start < pend and t[start] == " ":
            start += 1
        end = pend
        while end > start and t[end - 1] == " ":
            end -= 1
        if end > start:
            out.append((start, end))
        pstart = pend + 1
    return out


def window_bounds(text: str, hit: int, radius: int, slack: int = 300) -> tuple[int, int]:
    """``[a, b)`` around ``hit``: ``radius`` chars each side, snapped to line boundaries
    when one is within ``slack`` chars."""
    n = len(text)
    a = max(0, hit - radius)
    if a > 0:
        ls = text.rfind("\n", max(0, a - slack), a)
        if ls != -1:
            a = ls + 1
    b = min(n, hit + radius)
    if b < n:
        le = text.find("\n", b, min(n, b + slack))
        if le != -1:
            b = le
    return a, b


def merge_windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def norm(s: str) -> str:
    """Collapse whitespace and straighten quotes (for extracted names and labels). Invisible
    characters separate words too; without them ``str.split`` alone splits at the same places
    (it splits at ``\\s``)."""
    if s.isascii() or not any(c in s for c in _INVISIBLE):
        return straighten(" ".join(s.split()))
    return straighten(" ".join(_WS.sub(" ", s).split()))
