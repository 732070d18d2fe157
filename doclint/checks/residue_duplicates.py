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
from collections.abc import Iterator
from itertools import compress

import re2

from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Fix, Rule

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
_TABLE = bytes.maketrans(_PUNCT.encode(), b" " * len(_PUNCT))
# ‘ ’ ‚ “ ” „ – — • … and « » · NBSP as UTF-8 byte sequences (RE2: one linear pass). The
# pattern is read as Latin-1 so that each \xNN is one byte (as UTF-8, RE2 would read U+00NN
# and match only mojibake such as "â€™", never the punctuation itself).
_LATIN1 = re2.Options()
_LATIN1.encoding = re2.Options.Encoding.LATIN1
_UNI_PUNCT_RE = re2.compile(rb"\xe2\x80[\x93\x94\x98-\x9e\xa2\xa6]|\xc2[\xa0\xab\xb7\xbb]", _LATIN1)


def _normalised_lines(text: str) -> tuple[list[bytes], list[bytes]]:
    """Per line: (squashed keys, spaced keys), as UTF-8 bytes.

    Both are lower-cased (ASCII) with punctuation turned into spaces; the squashed form also
    drops every space, so it can be counted at C speed (``Counter``) to find candidate
    repeats; the spaced form is normalised further (``split``/``join``) only for those.
    Item i of each list is line i+1 of the document.
    """
    b = text.encode("utf-8", "surrogatepass").lower().translate(_TABLE)
    # every match starts with byte e2 or c2: a one-byte test (memchr) skips the regex pass
    if not b.isascii() and (b"\xe2" in b or b"\xc2" in b):
        b = _UNI_PUNCT_RE.sub(b" ", b)
    return b.translate(None, b" ").split(b"\n"), b.split(b"\n")


def _qualifies(norm: bytes) -> bool:
    return len(norm) >= 25 or norm.count(b" ") >= 3


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
    nlines: list[bytes | None] = [None] * len(squashed)
    first_seen: dict[bytes, int] = {}
    dup_of: dict[int, int] = {}
    # indices of the candidate lines, found without a Python-level loop over every line
    for i in compress(range(len(squashed)), map(candidates.__contains__, squashed)):
        key = b" ".join(spaced[i].split())
        nlines[i] = key
        if not _qualifies(key):
            continue
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = i + 1
        else:
            dup_of[i + 1] = first
    repeated = {nlines[n - 1] for n in dup_of}
    covered: set[int] = set()
    seen_para: dict[bytes, int] = {}
    for para in doc.paragraphs:
        if para.first_line == para.last_line or nlines[para.first_line - 1] not in repeated:
            continue  # a repeated paragraph starts with a repeated line
        key = b"\n".join(k or b" ".join(spaced[i].split())
                          for i, k in enumerate(nlines[para.first_line - 1 : para.last_line],
                                                para.first_line - 1))
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
