"""R111/R112 spacing around punctuation left by careless conversion or text spinning.

- R111 missing-space-after-punctuation: ``security,former``, ``alliance.What``,
  ``Collaborations:Create``. Not decimals or thousands (3.5, 1,000), times (10:30), URLs,
  e-mail addresses, file and domain names (index.html, BBC.com), abbreviations (U.S., e.g.,
  Ph.D.), ellipses, code (``obj.Method(``), CSV-like runs (``a,b,c``).
- R112 space-before-punctuation: ``prospects .``, ``roads ,``. Not `` ...``, not ``.NET`` /
  `` .com``, not emoticons, and not `` :`` `` ;`` `` ?`` `` !`` in French text (where the space is
  the convention).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import re2

from doclint._residue_common import CharOffsets, is_french, utf8_bytes
from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Fix, Rule

OPTIONS: dict[str, str] = {}  # no [options.residue_spacing] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R111",
        name="missing-space-after-punctuation",
        category="residue",
        severity="warning",
        message="No space after {punct!r}",
        summary="Missing space after a comma, period, colon, semicolon, ? or !",
        rationale=(
            "Words joined by punctuation without a space ('security,former', "
            "'alliance.What') come from stripped markup or spun text; tokenisers treat them "
            "as one token, and sentence splitters miss the boundary."
        ),
        examples=(
            Example("In the debate on border security,former officials spoke.", True),
            Example("They discussed the alliance.What comes next is unclear.", True),
            Example("- Public Collaborations:Create partnerships with firms.", True),
            Example("Prices rose 3.5% to $1,000 at 10:30 in the U.S., e.g. at BBC.com and index.html.", False),
            Example("Write to info@example.com or see https://example.com/a,b?x=1 now.", False),
            Example("Wait... what? He holds a Ph.D. from MIT.", False),
        ),
    ),
    Rule(
        code="R112",
        name="space-before-punctuation",
        category="residue",
        severity="warning",
        message="Space before {punct!r}",
        summary="Space before a comma, period, colon, semicolon, ? or !",
        rationale=(
            "A space before punctuation ('prospects .', 'roads ,') is a sign of text "
            "reassembled from tokens or markup; it reads badly and splits tokens wrongly."
        ),
        examples=(
            Example("Equipping citizens with skills for improved job prospects .", True),
            Example("Funding projects related to roads , schools and clinics.", True),
            Example("He paused ... then went on. Microsoft .NET and the .com era :)", False),
            Example("Il a dit : « Pourquoi pas ? » et la réunion a duré deux heures dans la salle.", False),
        ),
    ),
)

# R111 candidates: a word of 2+ letters, the mark, then a word (per mark below).
# (security,former  roads;schools  alliance.What  done!Next  Collaborations:Create); the two
# letters before the mark are checked in Python (a leading look-behind makes ``re`` slow).
_AFTER_RE = re2.compile(rb"[,;]\pL\pL|[.!?:][A-Z][a-z]")  # RE2 on UTF-8: faster scan than re
_AFTER_RE_PY = re.compile(r"[,;](?=[^\W\d_]{2})|[.!?:](?=[A-Z][a-z])")  # for non-UTF-8 text
# R112 candidates: a space then a mark; the rest of the space run is found in Python.
_BEFORE_RE = re2.compile(rb"[ \t][,.;:!?]")
_BEFORE_RE_PY = re.compile(r"[ \t][,.;:!?]")

# Latin, Greek, Cyrillic, Armenian: scripts that put spaces after punctuation.
_SPACED_SCRIPTS_END = "\u058f"
_CHUNK_TAIL_RE = re.compile(r"\S{0,200}")
_LEFT_WORD_RE = re.compile(r"[^\W\d_]+$")
_RIGHT_WORD_RE = re.compile(r"[^\W\d_]+")
_CODE_CHARS = frozenset("/\\@=_{}<>`|#&$%[]*^~")
_WIKI_NS = frozenset(
    "category file image user talk template special wikipedia help portal media mediawiki module draft".split()
)


def _code_like(chunk: str) -> bool:
    return any(c in _CODE_CHARS for c in chunk) or "://" in chunk or "www." in chunk.lower()


def _line_window(doc: Document, pos: int, radius: int = 200) -> str:
    """The text of ``pos``'s line, clipped to ``radius`` characters each side (O(log n))."""
    ln = doc.lines[doc.line_of(pos) - 1]
    return doc.text[max(ln.start, pos - radius) : min(ln.end, pos + radius)]


def _chunk(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the run of non-space characters around ``pos`` (at most 200 each way)."""
    lo = max(0, pos - 200)
    start = max(lo, max(text.rfind(c, lo, pos) for c in " \n\t\r\u00a0") + 1)
    t = _CHUNK_TAIL_RE.match(text, pos)
    return start, (t.end() if t else pos)


def _match_starts(text: str, data: bytes | None, rx: re2._Regexp, rx_py: re.Pattern[str]) -> Iterator[int]:
    """Character offsets where the matches of ``rx`` (RE2, run on ``data``: ``text`` as UTF-8)
    start; ``rx_py`` on ``text`` when ``data`` is None."""
    if data is None:
        for m in rx_py.finditer(text):
            yield m.start()
    else:
        to_char = CharOffsets(data)
        for m in rx.finditer(data):
            yield to_char(m.start())


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    n = len(text)
    data = utf8_bytes(text)  # None for lone surrogates: RE2 cannot take the text
    # ---- R111
    skip_until = -1  # end of the last chunk rejected as a whole (code, URL, CSV run)
    for pos in _match_starts(text, data, _AFTER_RE, _AFTER_RE_PY):
        if pos < 2 or pos < skip_until:
            continue
        mark = text[pos]
        p1, p2 = text[pos - 1], text[pos - 2]
        if p1 > _SPACED_SCRIPTS_END or text[pos + 1] > _SPACED_SCRIPTS_END:
            continue  # CJK, Thai...: scripts written without spaces between words
        if mark in ".!?":
            if not (p1.islower() and p2.islower()):
                continue
        elif not (p1.isalpha() and p2.isalpha()):
            continue
        cs, ce = _chunk(text, pos)
        chunk = text[cs:ce]
        if _code_like(chunk) or (chunk.count(mark) >= 2 and mark in ",;."):
            skip_until = ce
            continue  # URLs, code, a,b,c lists, java.lang.String, CSV
        if "(" in chunk[pos - cs :]:
            continue  # obj.Method( code
        left_word = _LEFT_WORD_RE.search(chunk, 0, pos - cs)
        right_word = _RIGHT_WORD_RE.match(chunk, pos - cs + 1)
        if left_word and right_word and left_word.group().isupper() and right_word.group().isupper():
            continue  # "GET,PUT"
        line = _line_window(doc, pos).rstrip()
        if line.endswith((";", "{", "}")) or " = " in line or "==" in line:
            continue  # a line of code
        if mark == ":":
            left = chunk[: pos - cs].strip("\"'“‘([").lower()
            if left in _WIKI_NS:
                continue
        if mark == "!" and chunk[: pos - cs].lower().endswith("yahoo"):
            continue  # Yahoo!News
        yield Finding(
            "R111",
            pos,
            pos + 1,
            f"No space after {mark!r}: {chunk[:40]!r}",
            fix=Fix(pos + 1, pos + 1, " "),
            data={"punct": mark},
        )
    # ---- R112
    french: bool | None = None
    for sp_start in _match_starts(text, data, _BEFORE_RE, _BEFORE_RE_PY):
        mpos = sp_start + 1
        mark = text[mpos]
        while sp_start > 0 and text[sp_start - 1] in " \t":
            sp_start -= 1
        if sp_start == 0:
            continue
        prev = text[sp_start - 1]
        if not prev.isalnum():
            continue  # also: a mark at the start of a line (bullets, table cells)
        nxt = text[mpos + 1] if mpos + 1 < n and text[mpos + 1] != "\n" else ""
        if mark == "." and (nxt == "." or (nxt and (nxt.isalnum() and not nxt.isupper()))):
            continue  # " ..." ellipsis, " .com", " .5"
        if mark == "." and nxt and nxt.isupper():
            after2 = text[mpos + 2] if mpos + 2 < n else ""
            if not after2.islower():
                continue  # " .NET"
        if nxt and (nxt == mark or nxt in ")(-DPp/|\\'\"*3@#_"):
            continue  # " ?!", " :)", " ;-)", " :P"
        if mark in "!?" and not (nxt == " " and text[mpos + 2 : mpos + 3].isalpha()):
            continue  # "Menu structure ?" (a table cell), "Quoi ?" at line end
        if mark in ":;!?" and nxt and not nxt.isspace():
            continue  # " :foo" (code, emoji shortcodes)
        if mark in ":;!?":
            if french is None:
                french = is_french(text, doc.cache)
            if french:
                continue
        if mark in ",." and nxt and nxt.isdigit():
            continue  # " ,5" / " .5" numbers
        if mark == "." and (text[mpos + 1 : mpos + 3] == " ." or text[sp_start - 1 : sp_start] == "."):
            continue  # spaced ellipsis ". . ."
        window = _line_window(doc, mpos)
        if "\\" in window or "{" in window or "}" in window:
            continue  # LaTeX / code
        replacement = mark + (" " if nxt and nxt.isalpha() else "")
        yield Finding(
            "R112",
            sp_start,
            mpos + 1,
            f"Space before {mark!r}",
            fix=Fix(sp_start, mpos + 1, replacement),
            data={"punct": mark},
        )
