"""Line-shape detectors for ``kind: line-shape`` rules.

A shape looks at the form of lines rather than their words: runs of short lines
without sentence punctuation are menus, tag lists and share bars in any language.
Each shape has ``validate(params)`` (raise ValueError on bad params) and
``detect(doc, params, rule) -> Iterator[Finding]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint.document import Document, Line
from doclint.lazyre import lazy_compile
from doclint.model import Finding, Rule

# The line tests, as regexes. Only _HAS_LETTER, _REJECT_CHAR and _REJECT_START(_WITH_LISTS) run;
# the others define what the faster forms below compute (and the tests check that they do),
# so they are compiled only if used (doclint.lazyre).
_SENTENCE_END_RE = r"[.!?。！？:;]['\"”’)\]]*\s*$"
_SENTENCE_END = lazy_compile(_SENTENCE_END_RE)
# Scripts written without spaces: count about one word per two characters (see _wide_count).
_WIDE = lazy_compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_LIST_MARK_RE = r"^\s*(?:[-*•·▪●◦‣–]|\d{1,3}[.)]|[a-z][.)])\s+"
_LIST_MARK = lazy_compile(_LIST_MARK_RE)
# Code, data and sentence fragments split by inline links are not menu items.
_NOT_MENU_RE = r"[{}\[\];=<>│\\\"`]|[,(\-–—/&+]\s*$|^\s*[a-z]\S*\)"
_NOT_MENU = lazy_compile(_NOT_MENU_RE)
# One search instead of three: _NOT_MENU or a sentence end, with or without a list marker
# (the anchored alternatives keep their meaning in an unanchored search).
_REJECT = lazy_compile(f"{_NOT_MENU_RE}|{_SENTENCE_END_RE}")
_REJECT_WITH_LISTS = lazy_compile(f"{_LIST_MARK_RE}|{_NOT_MENU_RE}|{_SENTENCE_END_RE}")
# _REJECT(_WITH_LISTS).search on a stripped line, split into cheap parts (property-tested against
# the combined regexes; only whether it matches matters). On a stripped text ``\s*$`` can only
# match at the very end, so the two end-anchored alternatives are tests of the last characters;
# the ``^``-anchored ones are one ``match`` at the start; the rest is one character class, which
# ``re`` scans for without trying every alternative at every position.
_REJECT_CHAR = re.compile(r"[{}\[\];=<>│\\\"`]")
_FRAGMENT_TAIL = ",(-–—/&+"  # [,(\-–—/&+]\s*$
_SENTENCE_PUNCT = ".!?。！？:;"  # [.!?。！？:;]['"”’)\]]*\s*$
_CLOSERS = "'\"”’)]"
_REJECT_START = re.compile(r"\s*[a-z]\S*\)")
_REJECT_START_WITH_LISTS = re.compile(f"{_LIST_MARK_RE}|\\s*[a-z]\\S*\\)")


class _WideChars(dict[int, int | None]):
    """``str.translate`` table that keeps the characters ``_WIDE`` matches (kana, CJK, Hangul,
    Thai) and deletes all others: ``len(text.translate(table))`` is
    ``len(_WIDE.findall(text))``. Filled on use, one entry per distinct character (at most
    65,536 kept): ``re`` would spend ~3 ms per process compiling the 39,000-character class,
    where a short line costs about the same either way."""

    def __missing__(self, code: int) -> int | None:
        keep = (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF
                or 0x0E00 <= code <= 0x0E7F)
        value = code if keep else None
        if len(self) < 65536:
            self[code] = value
        return value


_WIDE_CHARS = _WideChars()


def _wide_count(text: str) -> int:
    """``len(_WIDE.findall(text))``: characters of scripts written without spaces."""
    return len(text.translate(_WIDE_CHARS))


def _rejected(text: str, skip_lists: bool) -> bool:
    """``(_REJECT_WITH_LISTS if skip_lists else _REJECT).search(text)`` for a non-empty stripped text."""
    if text[-1] in _FRAGMENT_TAIL or _REJECT_CHAR.search(text):
        return True
    body = text.rstrip(_CLOSERS)
    if body and body[-1] in _SENTENCE_PUNCT:
        return True
    return (_REJECT_START_WITH_LISTS if skip_lists else _REJECT_START).match(text) is not None


def _check_int(params: Mapping[str, Any], key: str, lo: int, hi: int) -> None:
    if key in params:
        value = params[key]
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise ValueError(f"'{key}' must be an integer from {lo} to {hi}")


class ShortLineRun:
    """Runs of consecutive short lines with no sentence punctuation: menus, tag lists, share bars.

    params: ``min_run`` (lines in a run, default 5), ``max_words`` (per line, default 4),
    ``max_chars`` (per line, default 40; bounds scripts written without spaces),
    ``max_blank`` (blank lines allowed between run members, default 1),
    ``skip_lists`` (ignore lines with list markers, default true: real lists are content).
    """

    KEYS = {"min_run", "max_words", "max_chars", "max_blank", "skip_lists"}

    def validate(self, params: Mapping[str, Any]) -> None:
        unknown = set(params) - self.KEYS
        if unknown:
            raise ValueError(f"unknown param {sorted(unknown)[0]!r}")
        _check_int(params, "min_run", 2, 1000)
        _check_int(params, "max_words", 1, 50)
        _check_int(params, "max_blank", 0, 10)
        _check_int(params, "max_chars", 1, 500)
        if "skip_lists" in params and not isinstance(params["skip_lists"], bool):
            raise ValueError("'skip_lists' must be true or false")

    @staticmethod
    def _is_short(line: Line, max_words: int, max_chars: int, skip_lists: bool) -> bool:
        text = line.text.strip()
        if not text or len(text) > max_chars or not _HAS_LETTER.search(text):
            return False
        # a list marker (when lists are skipped), code/data/fragment signs, sentence punctuation
        if _rejected(text, skip_lists):
            return False
        words = len(text.split())
        if not text.isascii():
            words += _wide_count(text) // 2
        return words <= max_words

    @staticmethod
    def _candidates(doc: Document, min_run: int, max_chars: int, max_blank: int) -> list[tuple[int, int]]:
        """Line ranges (first, last; 1-based) that may hold a run: ``min_run`` non-blank lines of
        at most ``max_chars`` characters with at most ``max_blank`` blank lines between them.
        A cheap length-only pass, so the per-line logic only runs where a menu could be."""
        key = (min_run, max_chars, max_blank)
        cached = doc.cache.setdefault("_short_runs", {})
        if key in cached:
            return cached[key]
        found: list[tuple[int, int]] = []
        first = last = 0
        count = blanks = 0
        for number, start, end, text in doc.lines:
            length = end - start
            if length <= max_chars:
                if not text or text.isspace():
                    blanks += 1
                    if blanks <= max_blank:
                        continue
                else:
                    if count == 0:
                        first = number
                    last = number
                    count += 1
                    blanks = 0
                    continue
            if count >= min_run:
                found.append((first, last))
            count = blanks = 0
        if count >= min_run:
            found.append((first, last))
        cached[key] = found
        return found

    def detect(self, doc: Document, params: Mapping[str, Any], rule: Rule) -> Iterator[Finding]:
        min_run = params.get("min_run", 5)
        max_words = params.get("max_words", 4)
        max_blank = params.get("max_blank", 1)
        max_chars = params.get("max_chars", 40)
        skip_lists = params.get("skip_lists", True)
        for first, last in self._candidates(doc, min_run, max_chars, max_blank):
            yield from self._runs(doc, doc.lines[first - 1 : last], rule, min_run, max_words,
                                  max_chars, max_blank, skip_lists)

    def _runs(self, doc: Document, lines: list[Line], rule: Rule, min_run: int, max_words: int,
              max_chars: int, max_blank: int, skip_lists: bool) -> Iterator[Finding]:
        run: list[Line] = []
        blanks = 0
        # _is_short inlined (one call less per line; this loop sees every line of a candidate range)
        has_letter = _HAS_LETTER.search
        reject_char = _REJECT_CHAR.search
        reject_start = (_REJECT_START_WITH_LISTS if skip_lists else _REJECT_START).match
        for line in [*lines, None]:
            if line is not None:
                text = line.text.strip()
                if not text:
                    blanks += 1
                    if blanks <= max_blank:
                        continue
                elif (
                    len(text) <= max_chars
                    and has_letter(text)
                    and text[-1] not in _FRAGMENT_TAIL
                    and not reject_char(text)
                    and not ((body := text.rstrip(_CLOSERS)) and body[-1] in _SENTENCE_PUNCT)
                    and not reject_start(text)
                    and len(text.split()) + (0 if text.isascii() else _wide_count(text) // 2) <= max_words
                ):
                    run.append(line)
                    blanks = 0
                    continue
            if len(run) >= min_run:
                first, last = run[0], run[-1]
                preview = " | ".join(ln.text.strip() for ln in run[:4])
                yield Finding(
                    rule.code,
                    first.start + (len(first.text) - len(first.text.lstrip())),
                    last.end,
                    rule.message.replace("{count}", str(len(run))).replace("{match}", preview),
                )
            run = []
            blanks = 0


SHAPES: dict[str, Any] = {"short-line-run": ShortLineRun()}
