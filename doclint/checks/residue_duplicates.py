"""R141 duplicated-text: a line or paragraph repeated verbatim (or nearly) in one document.

Scrapes often repeat the title (page title + article heading), a pull quote, or a whole
paragraph (teaser + body). Lines and paragraphs are compared after normalising case,
whitespace and punctuation; only units of 4+ words or 25+ characters count, so short
repeated labels ("Advertisement", "Share") are left to the boilerplate family. The later
copy is reported, naming the line of the first; the fix deletes the repeat.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import compress

from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Fix, Rule

OPTIONS: dict[str, str] = {}  # no [options.residue_duplicates] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R141",
        name="duplicated-text",
        category="residue",
        severity="warning",
        message="Repeats line {first_line}",
        summary="Heading, line or paragraph repeated in the same document",
        rationale=(
            "A repeated title or paragraph is an artefact of scraping (page title plus "
            "heading, teaser plus body); it skews statistics and deduplication, and readers "
            "see the same text twice."
        ),
        examples=(
            Example("A Diplomatic Gesture on Trade Policy\n\nA diplomatic gesture on trade policy.\n\nBody text.\n", True),
            Example("First paragraph with enough words in it.\nSecond.\nFirst paragraph with enough words in it.\n", True),
            Example("Advertisement\nSome text here.\nAdvertisement\n", False),
            Example("One line of text here.\nAnother different line.\n", False),
        ),
    ),
)

_CODE_RE = re.compile(r"[{};]\s*$|</?[a-z]+[\s>]|//|\(\)|\w\.\w+\(|^\s*[})\]]|\s=\s|=[\"']")
# Every match of _CODE_RE holds one of these characters: a cheap first test (one char class)
_CODE_CHARS_RE = re.compile(r"[{};<=/()\]]")
_QUOTES = "\"“‘'«„"
_PUNCT = string.punctuation + "\r\t\x0b\x0c"
# ASCII punctuation -> space and A-Z -> a-z in one pass (what ``.lower().translate()`` did)
_TABLE = bytes.maketrans(_PUNCT.encode() + string.ascii_uppercase.encode(),
                         b" " * len(_PUNCT) + string.ascii_lowercase.encode())
# ‘ ’ ‚ “ ” „ – — • … and « » · NBSP as UTF-8: b"\xe2\x80" or b"\xc2" followed by one of these
_E2_80_PUNCT = frozenset(b"\x93\x94\x98\x99\x9a\x9b\x9c\x9d\x9e\xa2\xa6")
_C2_PUNCT = frozenset(b"\xa0\xab\xb7\xbb")


def _blank_after(data: bytes, lead: bytes, follow: frozenset[int]) -> bytes:
    """``data`` with every ``lead`` + one byte of ``follow`` replaced by one space.

    Splitting at ``lead`` (C speed) and looking only at the byte after each occurrence is
    the same as a left-to-right regex substitution of ``lead[follow]``: ``lead``'s
    occurrences cannot overlap (its first byte does not recur in it), and the space put in
    place of a match cannot start or complete another one.
    """
    pieces = data.split(lead)
    if len(pieces) == 1:
        return data
    out = [pieces[0]]
    append = out.append
    for piece in pieces[1:]:
        if piece and piece[0] in follow:
            append(b" ")
            append(piece[1:])
        else:
            append(lead)
            append(piece)
    return b"".join(out)


def _blank_unicode_punct(data: bytes) -> bytes:
    """``data`` with the UTF-8 forms of the punctuation above turned into spaces.

    Equivalent to substituting ``rb"\xe2\x80[\x93\x94\x98-\x9e\xa2\xa6]|\xc2[\xa0\xab\xb7\xbb]"``
    (read byte-wise) with a space over any bytes: the two alternatives can never overlap
    (neither's bytes can start or continue the other), so they can be replaced one after
    the other. A split per lead sequence costs a fraction of a regex pass (the regex
    scanned every byte; RE2's ``sub`` also paid a Python call per match).
    """
    if data.isascii():
        return data
    return _blank_after(_blank_after(data, b"\xe2\x80", _E2_80_PUNCT), b"\xc2", _C2_PUNCT)


def _normalised_lines(text: str) -> tuple[list[bytes], list[bytes]]:
    """Per line: (squashed keys, spaced keys), as UTF-8 bytes.

    Both are lower-cased (ASCII) with punctuation turned into spaces; the squashed form also
    drops every space, so it can be counted at C speed (``Counter``) to find candidate
    repeats; the spaced form is normalised further (``split``/``join``) only for those.
    Item i of each list is line i+1 of the document.
    """
    b = _blank_unicode_punct(text.encode("utf-8", "surrogatepass").translate(_TABLE))
    return b.translate(None, b" ").split(b"\n"), b.split(b"\n")


def _spaced_keys(spaced_lines: Iterable[bytes]) -> list[bytes]:
    """Each line's comparison key: its spaced form with runs of white space squeezed and
    stripped (``b" ".join(line.split())``, mapped in C)."""
    return list(map(b" ".join, map(bytes.split, spaced_lines)))


def _qualifies(norm: bytes) -> bool:
    return len(norm) >= 25 or norm.count(b" ") >= 3


def _repeated_lines(squashed: list[bytes], spaced: list[bytes],
                    candidates: set[bytes]) -> tuple[dict[int, int], dict[int, bytes]]:
    """(repeat's line number -> first copy's line number, in line order; line index -> key
    for every candidate line), for the lines whose squashed key is in ``candidates``.

    The straightforward form loops over the candidate lines, keying each and recording the
    first line of each qualifying key; here the loops run in C (``compress``/``map``/
    ``dict(zip())``), and only the distinct keys are tested with ``_qualifies``.
    """
    idx = list(compress(range(len(squashed)), map(candidates.__contains__, squashed)))
    keys = _spaced_keys(map(spaced.__getitem__, idx))
    # first line index of each key: later pairs overwrite earlier ones, so feed them reversed
    first_of = dict(zip(reversed(keys), reversed(idx), strict=True))
    qualified = set(filter(_qualifies, first_of))
    dup_of = {i + 1: first_of[k] + 1 for i, k in zip(idx, keys, strict=True)
              if k in qualified and first_of[k] != i}
    return dup_of, dict(zip(idx, keys, strict=True))


def _delete_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The span to delete to remove ``[start, end)`` with its line break."""
    text = doc.text
    if end < len(text) and text[end] == "\r":
        end += 1
    if end < len(text) and text[end] == "\n":
        return start, end + 1
    # last line of the document: take the preceding newline instead
    if start > 0 and text[start - 1] == "\n":
        s = start - 1
        if s > 0 and text[s - 1] == "\r":
            s -= 1
        return s, end
    return start, end


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    squashed, spaced = _normalised_lines(text)
    counts = Counter(squashed)  # counted in C; only repeated lines are looked at in Python
    candidates = {k for k, c in counts.items() if c > 1 and len(k) >= 6}
    if not candidates:
        return
    dup_of, key_of = _repeated_lines(squashed, spaced, candidates)
    repeated = {key_of[n - 1] for n in dup_of}
    covered: set[int] = set()
    seen_para: dict[bytes, int] = {}
    for para in doc.paragraphs:
        if para.first_line == para.last_line or key_of.get(para.first_line - 1) not in repeated:
            continue  # a repeated paragraph starts with a repeated line
        key = b"\n".join(_spaced_keys(spaced[para.first_line - 1 : para.last_line]))
        first = seen_para.get(key)
        if first is None:
            seen_para[key] = para.first_line
            continue
        covered.update(range(para.first_line, para.last_line + 1))
        s, e = _delete_span(doc, para.start, para.end)
        yield Finding(
            "R141", para.start, para.end,
            f"Paragraph (lines {para.first_line}-{para.last_line}) repeats the paragraph at line {first}",
            fix=Fix(s, e, ""), data={"first_line": first},
        )
    lines = doc.lines
    paras = doc.paragraphs
    para_starts = [p.first_line for p in paras]

    verse_cache: dict[int, bool] = {}

    def in_verse(number: int) -> bool:
        """Whether line ``number`` sits in a stanza: 4+ short lines (a refrain is not residue)."""
        i = bisect_right(para_starts, number) - 1
        if i < 0:
            return False
        p = paras[i]
        if not (p.first_line <= number <= p.last_line) or p.last_line - p.first_line < 3:
            return False
        if i not in verse_cache:
            n_lines = p.last_line - p.first_line + 1
            verse_cache[i] = len(p.text) <= 61 * n_lines and max(map(len, p.text.split("\n"))) <= 60
        return verse_cache[i]

    for number, first in dup_of.items():
        if number in covered:
            continue
        if in_verse(number) and in_verse(first):
            continue
        ln = lines[number - 1]
        t = ln.text
        if _CODE_CHARS_RE.search(t) and _CODE_RE.search(t):
            continue  # repeated code lines are normal in code samples
        if t.lstrip()[:1] in _QUOTES and t.count(" ") < 7:
            continue  # short quoted speech: a refrain ("I would prefer not to.")
        s, e = _delete_span(doc, ln.start, ln.end)
        lead = len(t) - len(t.lstrip())
        trail = len(t.rstrip())
        yield Finding(
            "R141", ln.start + lead, ln.start + max(trail, lead),
            f"Line repeats line {first}: {t.strip()[:60]!r}",
            fix=Fix(s, e, ""), data={"first_line": first},
        )
