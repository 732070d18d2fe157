"""Explicit date expressions: patterns and parsing (plain regexes, no dependency)."""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from doclint.casefold import fold_case
from doclint.lazyre import lazy_compile

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
def month_number(name: str) -> int:
    """``MONTHS[name.lower()]`` for a month name one of the ``(?i)`` patterns below matched
    (:func:`doclint.casefold.fold_case`: "Aprıl", "AUGUſT")."""
    return MONTHS[fold_case(name)]


_MON = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
_YEAR = r"((?:18|19|20|21)\d\d)"

FULL_MDY = re.compile(rf"(?i)\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b")
FULL_DMY = re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})\.?,?\s+{_YEAR}\b")
ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
MONTH_YEAR = re.compile(rf"(?i)\b({_MON})\.?,?\s+(?:of\s+)?{_YEAR}\b")
PREP_YEAR = re.compile(
    r"(?i)\b(in|since|during|by|until|through|throughout|early|late|mid-?|of|from)\s+(?:the\s+year\s+)?"
    r"((?:19|20)\d\d)\b(?![-–/]\d)(?!\s*(?:%|percent|per\b))"
)
ANY_YEAR = re.compile(r"(?<![\d,.$])\b(?:19|20)\d\d\b(?!\d|[,.]\d|\s*%|\s*percent)")


_YEAR_DIGITS = lazy_compile(r"(?:18|19|20|21)\d\d")  # the definition (has_year, year_offsets run)
# ``_YEAR_DIGITS`` split by its first character: a pattern that starts with a literal is
# searched at C speed (one that starts with a set of characters is tried at every offset);
# with the rest in a look-ahead each match is one character long, so finditer yields every
# offset where a year starts, overlapping ones too
_YEAR_1 = re.compile(r"1(?=[89]\d\d)")
_YEAR_2 = re.compile(r"2(?=[01]\d\d)")
_BEFORE, _AFTER = 48, 16  # a window around each year holds any date phrase ending/starting there


def has_year(text: str) -> bool:
    """``_YEAR_DIGITS.search(text) is not None``, faster."""
    return _YEAR_1.search(text) is not None or _YEAR_2.search(text) is not None


def year_offsets(text: str) -> list[int]:
    """Sorted offsets of every ``_YEAR_DIGITS`` match, overlapping ones included ("20191" has
    two): every offset where a match of a date pattern's year can begin."""
    ones = [m.start() for m in _YEAR_1.finditer(text)]
    twos = [m.start() for m in _YEAR_2.finditer(text)]
    if ones and twos:
        ones += twos
        ones.sort()
        return ones
    return ones or twos


def year_windows(text: str, years: list[int] | None = None) -> list[tuple[int, int]]:
    """Merged windows around every possible year: every date pattern here contains a year, so
    the costly case-insensitive month alternations only run near one. The years are those of
    ``_YEAR_DIGITS.finditer(text)``: from ``year_offsets`` (or ``years``), leftmost first, each
    one skipping the offsets its match covers (finditer's non-overlapping matches)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    last_end = -1
    for y in year_offsets(text) if years is None else years:
        if y < last_end:
            continue
        last_end = y + 4
        a, b = y - _BEFORE if y > _BEFORE else 0, min(n, last_end + _AFTER)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


# Where a date pattern can begin, found in ``cues.ascii_folded`` bytes (lower-case ASCII, every
# other character '?'; see YearWindows): each pattern here matches every offset where one of
# the patterns begins (more offsets, never fewer). Led by one byte and looking ahead, so every
# offset is found, overlapping ones too. _SP: what a ``\s`` becomes in those bytes; _DIG: a ``\d``.
_SP = rb"[\t\n\x0b\x0c\r\x1c-\x1f ?]"
_DIG = rb"[0-9?]"
# a month's first three letters (jan ... dec; "sept" and the full names begin with them)
_MONTH_HEADS = re.compile(rb"j(?=an|u[nl])|f(?=eb)|m(?=a[ry])|a(?=pr|ug)|s(?=ep)|o(?=ct)|n(?=ov)|d(?=ec)")
# PREP_YEAR: a preposition, a year
_PREP_TAIL = _SP + rb"+(?:the" + _SP + rb"+year" + _SP + rb"+)?(?:19|20)" + _DIG + _DIG
_PREP_HEADS = re.compile(b"|".join(
    w[:1] + b"(?=" + w[1:] + _PREP_TAIL + b")"
    for w in (b"in", b"since", b"during", b"by", b"until", b"through(?:out)?", b"early", b"late", b"mid-?", b"of", b"from")))


class YearWindows:
    """The year windows of a long text, shared by the date scans of one text, with where in
    them each pattern can begin: ``years`` (every offset where a year can begin, in the text)
    and, found in ``low`` (the text's ``cues.ascii_folded`` bytes, where a ``(?i)`` pattern's
    ASCII letters are lower-case), ``months`` and ``prep``. Without ``low`` (or for a
    text with 'ı', 'İ' or 'ſ', which ``(?i)`` takes for ASCII letters: the caller passes none)
    those are None."""

    def __init__(self, text: str, low: bytes | None = None) -> None:
        self.years = year_offsets(text)
        self.spans = year_windows(text, self.years)
        self.low = low if low is not None and len(low) == len(text) else None

    def _heads(self, regex: re.Pattern[bytes]) -> list[int] | None:
        if self.low is None:
            return None
        finditer, low = regex.finditer, self.low
        return [m.start() for a, b in self.spans for m in finditer(low, a, b)]

    @cached_property
    def months(self) -> list[int] | None:
        return self._heads(_MONTH_HEADS)

    @cached_property
    def prep(self) -> list[int] | None:
        return self._heads(_PREP_HEADS)


def finditer_dates(regex: re.Pattern[str], text: str, windows: YearWindows | None = None) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern that always contains a year, searching only the
    year windows (same matches, in order, for texts of any length). ``windows`` may pass
    ``YearWindows(text)`` when the caller scans one text with several patterns.

    In a window, a pattern is only tried where its match can begin, when that is known
    (``YearWindows``): ISO begins with a year, FULL_MDY and MONTH_YEAR with a month name,
    PREP_YEAR with a preposition before a year. ``regex.match`` at each such offset, in order,
    from the window's start or the end of the last match, finds what ``regex.finditer`` over
    the window finds (the leftmost offset where the regex matches, which is one of them;
    ``match`` there tries what the scan tries there). FULL_DMY holds a month name: a window
    without one is skipped."""
    if len(text) < 4096:
        # every match holds a ``_YEAR_DIGITS`` match (its year): a text without one has none
        # (one fast scan, where a date pattern tries its month alternations at every offset)
        if has_year(text):
            yield from regex.finditer(text)
        return
    if windows is None:
        windows = YearWindows(text)
    starts: list[int] | None = None
    need: list[int] | None = None
    if regex is FULL_MDY or regex is MONTH_YEAR:
        starts = windows.months
    elif regex is FULL_DMY:
        need = windows.months
    elif regex is PREP_YEAR:
        starts = windows.prep
    elif regex is ISO:
        starts = windows.years
    anchors = starts if starts is not None else need
    last_end = -1
    k = 0
    for a, b in windows.spans:
        if anchors is not None:
            i = bisect_left(anchors, a, k)
            k = bisect_left(anchors, b, i)
            if i == k:  # neither a place to start nor a month: no match in the window
                continue
        if starts is not None:
            pos = a  # where finditer would search on from
            for h in starts[i:k]:
                if h < pos:
                    continue
                m = regex.match(text, h, b)
                if m is not None:
                    pos = m.end()
                    if h >= last_end:
                        last_end = pos
                        yield m
            continue
        for m in regex.finditer(text, a, b):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def make_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def month_start(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, 1)


def add_months(d: _dt.date, n: int) -> _dt.date:
    """First day of the month ``n`` months after ``d``'s month."""
    k = d.year * 12 + (d.month - 1) + n
    return _dt.date(k // 12, k % 12 + 1, 1)


def add_years(d: _dt.date, n: int) -> _dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, month=3, day=1)


def find_full_dates(text: str, windows: YearWindows | None = None) -> list[tuple[int, int, _dt.date]]:
    """Every full date (month-day-year, day-month-year, ISO) as (start, end, date)."""
    out: list[tuple[int, int, _dt.date]] = []
    scans: tuple[Iterator[re.Match[str]], ...]
    if len(text) < 4096:
        if not has_year(text):  # no year, no date (see finditer_dates)
            return out
        # what finditer_dates does for a short text with a year, without looking again
        scans = (FULL_MDY.finditer(text), FULL_DMY.finditer(text), ISO.finditer(text))
    else:
        if windows is None:
            windows = YearWindows(text)  # shared by the three scans
        scans = (finditer_dates(FULL_MDY, text, windows), finditer_dates(FULL_DMY, text, windows),
                 finditer_dates(ISO, text, windows))
    mdy, dmy, iso = scans
    for m in mdy:
        d = make_date(int(m.group(3)), month_number(m.group(1)), int(m.group(2)))
        if d:
            out.append((m.start(), m.end(), d))
    for m in dmy:
        d = make_date(int(m.group(3)), month_number(m.group(2)), int(m.group(1)))
        if d:
            out.append((m.start(), m.end(), d))
    for m in iso:
        d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((m.start(), m.end(), d))
    out.sort()
    return out


def parse_meta_date(value: Any) -> _dt.date | None:
    """A metadata value (date, datetime, ISO string or 'March 3, 2021') as a date."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"^((?:18|19|20|21)\d\d)-(\d\d)-(\d\d)", s)
    if m:
        return make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    found = find_full_dates(s)
    return found[0][2] if found else None
