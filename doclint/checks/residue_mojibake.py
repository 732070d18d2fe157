"""R131-R133: encoding damage and stray control characters.

- R131 mojibake: text decoded with the wrong codec (``cafÃ©``, ``Itâ€™s``, ``Ð¿Ñ€Ð¸``).
  A cheap regex marks lines holding characters typical of mis-decoding; only those lines
  go through ftfy (configured so that it never touches clean text: no quote uncurling,
  no normalisation, no HTML unescaping, no control-character removal). Each changed
  stretch is reported with ftfy's repair as the fix.
- R132 replacement-character: U+FFFD, the mark of bytes lost at decoding. No fix: the
  original characters are gone.
- R133 control-character: C0 controls other than tab/newline/carriage return, DEL, and C1
  controls (U+0080-U+009F) not already part of a mojibake stretch. Fix: delete.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

import re2

from doclint._residue_common import utf8_bytes
from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Fix, Rule

OPTIONS: dict[str, str] = {}  # no [options.residue_mojibake] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R131",
        name="mojibake",
        category="residue",
        severity="error",
        message="Mojibake (text decoded with the wrong encoding): {bad!r} -> {good!r}",
        summary="Mojibake: UTF-8 text decoded as Latin-1/cp1252 (or similar)",
        rationale=(
            "Text that went through the wrong codec ('cafÃ©', 'itâ€™s') is garbled for "
            "readers, search and models alike. ftfy can usually reverse it exactly."
        ),
        examples=(
            Example("The cafÃ© was closed, and itâ€™s not reopening.", True),
            Example("Prices start at Â£100 per night.", True),
            Example("The café was closed; it’s “fine”. São Paulo, pâte, naïve, Ærøskøbing.", False),
            Example("SÃO PAULO — DÉCLARATION FINALE", False),
        ),
    ),
    Rule(
        code="R132",
        name="replacement-character",
        category="residue",
        severity="warning",
        message="Replacement character U+FFFD: bytes lost at decoding",
        summary="U+FFFD replacement characters (undecodable bytes)",
        rationale=(
            "U+FFFD marks bytes that could not be decoded; the original characters are lost, "
            "so words are damaged beyond automatic repair."
        ),
        examples=(
            Example("The caf\ufffd was closed.", True),
            Example("The café was closed.", False),
        ),
    ),
    Rule(
        code="R133",
        name="control-character",
        category="residue",
        severity="warning",
        message="Control character {char} in text",
        summary="Control characters other than tab, newline and carriage return",
        rationale=(
            "Control characters (NUL, form feed, escape, C1 controls...) are invisible "
            "leftovers of binary formats or terminals; they break parsers and display."
        ),
        examples=(
            Example("Page one\x0cPage two", True),
            Example("Bell\x07 and escape\x1b[0m here", True),
            Example("Tabs\tand\nnewlines\r\nare fine.", False),
        ),
    ),
)

# Characters typical of mis-decoded UTF-8 (lead bytes read as Latin-1/cp1252) and C1 controls.
_SUSPECT_RE = re.compile(
    # a UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation byte read
    # the same way (U+0080-U+00BF or a cp1252 punctuation/letter in 0x80-0x9F) ...
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    # ... or a C1 control character
    "|[\u0080-\u009f]"
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f]+")
# RE2 pre-filters: one fast DFA scan says whether the (slower) ``re`` passes are needed.
# Compiled from UTF-8 and run on the UTF-8 text (what re2 does with a str, minus one
# encoding of the whole text per call).
_SUSPECT_ANY = re2.compile(re.sub(r"\\u([0-9a-fA-F]{4})", r"\\x{\1}", _SUSPECT_RE.pattern).encode("utf-8"))
_CONTROL_ANY = re2.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x{80}-\x{9f}]")
_FFFD_RE = re.compile(r"\ufffd+")
_WORD_TAIL_RE = re.compile(r"[^ \n\t\r]{0,200}")

_ftfy_config = None


def _fixer():
    global _ftfy_config
    import ftfy

    if _ftfy_config is None:
        _ftfy_config = ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            remove_control_chars=False,
            restore_byte_a0=False,  # "â€ " + space is ambiguous: never guess a dagger
            normalization=None,
            explain=False,
        )
    return ftfy.fix_text, _ftfy_config


def _diff(bad: str, good: str) -> list[tuple[int, int, str]]:
    """The changed stretches of ``bad`` -> ``good``: (start, end, replacement) in ``bad``."""
    p = 0
    limit = min(len(bad), len(good))
    while p < limit and bad[p] == good[p]:
        p += 1
    q = 0
    while q < limit - p and bad[len(bad) - 1 - q] == good[len(good) - 1 - q]:
        q += 1
    bad_mid, good_mid = bad[p : len(bad) - q], good[p : len(good) - q]
    if len(bad_mid) > 80:
        return [(p, len(bad) - q, good_mid)]
    sm = difflib.SequenceMatcher(None, bad_mid, good_mid, autojunk=False)
    merged: list[list[int]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if merged and i1 - merged[-1][1] <= 2:  # changes 2 or fewer characters apart: one
            merged[-1][1] = i2
            merged[-1][3] = j2
        else:
            merged.append([i1, i2, j1, j2])
    return [(p + i1, p + i2, good_mid[j1:j2]) for i1, i2, j1, j2 in merged]


def _mojibake(doc: Document) -> Iterator[Finding]:
    """Run ftfy on each white-space-delimited word holding a suspect sequence.

    Words are short, so ftfy and the diff stay cheap; results are cached per distinct word,
    so a document full of the same damage (``itâ€™s`` again and again) costs one repair.
    """
    text = doc.text
    fix_text, cfg = _fixer()
    cache: dict[str, list[tuple[int, int, str]]] = {}
    done_until = -1  # end of the last word looked at
    for m in _SUSPECT_RE.finditer(text):
        pos = m.start()
        if pos < done_until:
            continue
        lo = max(0, pos - 200)
        ws = max(lo, max(text.rfind(c, lo, pos) for c in " \n\t\r") + 1)
        tail = _WORD_TAIL_RE.match(text, pos)
        we = tail.end() if tail else pos + 1
        done_until = we
        word = text[ws:we]
        changes = cache.get(word)
        if changes is None:
            try:
                fixed = fix_text(word, cfg)
            except Exception:  # pragma: no cover - ftfy must not take the check down
                fixed = word
            changes = [] if fixed == word else _diff(word, fixed)
            cache[word] = changes
        for i1, i2, good in changes:
            bad = word[i1:i2]
            yield Finding(
                "R131",
                ws + i1,
                ws + i2,
                f"Mojibake (wrong decoding): {bad!r} -> {good!r}",
                fix=Fix(ws + i1, ws + i2, good),
                data={"bad": bad, "good": good},
            )


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    moji: list[Finding] = []
    ascii_text = text.isascii()
    # None for lone surrogates: RE2 cannot take the text, Python ``re`` pre-filters instead
    data = text.encode("ascii") if ascii_text else utf8_bytes(text)
    if data is None:
        suspect = not ascii_text and _SUSPECT_RE.search(text) is not None
        control = _CONTROL_RE.search(text) is not None
    else:
        suspect = not ascii_text and _SUSPECT_ANY.search(data) is not None
        control = _CONTROL_ANY.search(data) is not None
        del data
    if suspect:
        moji = list(_mojibake(doc))
        yield from moji
    if not ascii_text and "\ufffd" in text:
        for m in _FFFD_RE.finditer(text):
            yield Finding("R132", m.start(), m.end(),
                          f"Replacement character U+FFFD x{m.end() - m.start()}: bytes lost at decoding")
    if not control:
        return
    # a control character inside a mojibake repair is not reported again. "Some repair (a, b)
    # has a <= s and e <= b" is "e <= the largest b among the repairs starting at or before s":
    # a bisect and a running maximum, not a pass over every repair per control character (a
    # page of '\x85. ' -- both -- was quadratic: 200 KB took 100 s)
    spans = sorted((f.start, f.end) for f in moji)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    for m in _CONTROL_RE.finditer(text):
        s, e = m.span()
        i = bisect_right(starts, s)
        if i and e <= reach[i - 1]:
            continue
        chars = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(m.group()))
        yield Finding("R133", s, e, f"Control character {chars} in text",
                      fix=Fix(s, e, ""), data={"char": chars})
