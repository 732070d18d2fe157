"""Explicit date expressions: patterns and parsing (plain regexes, no dependency)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
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


_YEAR_DIGITS = re.compile(r"(?:18|19|20|21)\d\d")
_BEFORE, _AFTER = 48, 16  # a window around each year holds any date phrase ending/starting there


def year_windows(text: str) -> list[tuple[int, int]]:
    """Merged windows around every possible year: every date pattern here contains a year, so
    the costly case-insensitive month alternations only run near one."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in _YEAR_DIGITS.finditer(text):
        a, b = max(0, m.start() - _BEFORE), min(n, m.end() + _AFTER)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def finditer_dates(regex: re.Pattern[str], text: str,
                   windows: list[tuple[int, int]] | None = None) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern that always contains a year, searching only the
    year windows (same matches, in order, for texts of any length). ``windows`` may pass
    ``year_windows(text)`` when the caller scans one text with several patterns."""
    if len(text) < 4096:
        # every match holds a ``_YEAR_DIGITS`` match (its year): a text without one has none
        # (one fast scan, where a date pattern tries its month alternations at every offset)
        if _YEAR_DIGITS.search(text) is not None:
            yield from regex.finditer(text)
        return
    last_end = -1
    for a, b in year_windows(text) if windows is None else windows:
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


def find_full_dates(text: str, windows: list[tuple[int, int]] | None = None) -> list[tuple[int, int, _dt.date]]:
    """Every full date (month-day-year, day-month-year, ISO) as (start, end, date)."""
    out: list[tuple[int, int, _dt.date]] = []
    if len(text) < 4096:
        if _YEAR_DIGITS.search(text) is None:  # no year, no date (see finditer_dates)
            return out
    elif windows is None:
        windows = year_windows(text)  # shared by the three scans
    for m in finditer_dates(FULL_MDY, text, windows):
        d = make_date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            out.append((m.start(), m.end(), d))
    for m in finditer_dates(FULL_DMY, text, windows):
        d = make_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            out.append((m.start(), m.end(), d))
    for m in finditer_dates(ISO, text, windows):
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
