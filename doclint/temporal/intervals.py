"""Unions of half-open day intervals ``[start, end)`` as sorted tuples of ordinals."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

MIN_DAY = _dt.date(1800, 1, 1).toordinal()
MAX_DAY = _dt.date(2200, 1, 1).toordinal()

Span = tuple[int, int]
Intervals = tuple[Span, ...]

EVERYTHING: Intervals = ((MIN_DAY, MAX_DAY),)
NOTHING: Intervals = ()


def day(d: _dt.date) -> int:
    return d.toordinal()


def normalize(spans: Iterable[Span]) -> Intervals:
    items = sorted((max(a, MIN_DAY), min(b, MAX_DAY)) for a, b in spans)
    out: list[list[int]] = []
    for a, b in items:
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def span(start: _dt.date | int | None, end: _dt.date | int | None) -> Intervals:
    """``normalize([(start, end)])``: the one interval, clamped, or none when it is empty."""
    a = MIN_DAY if start is None else (start if isinstance(start, int) else start.toordinal())
    b = MAX_DAY if end is None else (end if isinstance(end, int) else end.toordinal())
    a, b = max(a, MIN_DAY), min(b, MAX_DAY)
    return ((a, b),) if a < b else NOTHING


def union(*parts: Intervals) -> Intervals:
    return normalize(s for p in parts for s in p)


def intersect(x: Intervals, y: Intervals) -> Intervals:
    out: list[Span] = []
    i = j = 0
    while i < len(x) and j < len(y):
        a = max(x[i][0], y[j][0])
        b = min(x[i][1], y[j][1])
        if a < b:
            out.append((a, b))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def complement(x: Intervals) -> Intervals:
    out: list[Span] = []
    prev = MIN_DAY
    for a, b in x:
        if a > prev:
            out.append((prev, a))
        prev = b
    if prev < MAX_DAY:
        out.append((prev, MAX_DAY))
    return tuple(out)


def dilate(x: Intervals, days: int) -> Intervals:
    return normalize((a - days, b + days) for a, b in x)


def is_empty(x: Intervals) -> bool:
    return not x


def fmt_day(n: int) -> str:
    return _dt.date.fromordinal(n).isoformat()


def describe(x: Intervals) -> str:
    """'2017-01-20–2021-01-20, 2025-01-20–' (end exclusive, open ends left blank)."""
    if len(x) > 6:
        head, tail = describe(x[:2]), describe(x[-2:])
        return f"{head}, … ({len(x) - 4} more), {tail}"
    parts = []
    for a, b in x:
        left = "" if a <= MIN_DAY else fmt_day(a)
        right = "" if b >= MAX_DAY else fmt_day(b)
        parts.append(f"{left}–{right}")
    return ", ".join(parts) if parts else "no date"
