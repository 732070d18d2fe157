"""Intersect the cues of a document: its writing-date window, or the cues that clash."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from doclint.temporal import intervals as iv
from doclint.temporal.cues import CHECK, STRONG, WEAK, Cue

SLACK_DAYS = 1  # handover ceremonies near midnight, time zones
MAX_DISTINCT = 300  # distinct strong constraints compared pairwise


@dataclass(frozen=True)
class Clash:
    """Cues that no single writing date satisfies (usually two)."""

    cues: tuple[Cue, ...]
    window: iv.Intervals | None = None  # set when a CHECK cue misses the window of the others
    support: tuple[Cue, ...] = ()

    @property
    def kind(self) -> str:
        a, b = self.cues[0], self.cues[-1]
        if len(self.cues) == 2 and a.kind == b.kind == "title" and a.person and a.person == b.person:
            return "incompatible-titles"
        if any(c.kind == "age" for c in self.cues):
            return "impossible-age"
        if len(self.cues) == 2 and {a.kind, b.kind} & {"meta", "dateline"}:
            title = a if a.kind == "title" else b
            if title.kind == "title" and title.modifier in ("current", "elect", "former"):
                return "stale-title"
        return "date-contradiction"

    @property
    def anchor(self) -> Cue:
        """The cue the finding points at: the age of an impossible age, the title of a stale
        title, otherwise the last cue in the text that has a span."""
        kind = self.kind
        for c in self.cues:
            if (kind == "impossible-age" and c.kind == "age") or (kind == "stale-title" and c.kind == "title"):
                return c
        spanned = [c for c in self.cues if c.line > 0]
        return max(spanned, key=lambda c: c.start) if spanned else self.cues[-1]


@dataclass
class Solution:
    cues: list[Cue]
    clashes: list[Clash] = field(default_factory=list)
    window: iv.Intervals | None = None
    used: list[Cue] = field(default_factory=list)
    dropped: list[Cue] = field(default_factory=list)

    def window_json(self) -> dict[str, Any] | None:
        if not self.window or not self.used:
            return None
        out: dict[str, Any] = {
            "start": iv.fmt_day(self.window[0][0]),
            "end": iv.fmt_day(self.window[-1][1] - 1),
            "cues": [c.as_json() for c in self.used],
        }
        if len(self.window) > 1:
            out["intervals"] = [[iv.fmt_day(a), iv.fmt_day(b - 1)] for a, b in self.window]
        return out


def _same_title_person(a: Cue, b: Cue) -> bool:
    return a.kind == b.kind == "title" and a.person is not None and a.person == b.person and a.offices == b.offices


def _clip(c: Cue, limit: int) -> Cue:
    """Documents are not written in the future: drop the part of a cue after today."""
    clipped = iv.intersect(c.intervals, ((iv.MIN_DAY, limit),))
    if not clipped or clipped == c.intervals:
        return c
    return c.with_intervals(clipped)


def solve(cues: Sequence[Cue], today: _dt.date | None = None, max_clashes: int = 5) -> Solution:
    cues = [_clip(c, (today or _dt.date.today()).toordinal() + 1) for c in cues]
    sol = Solution(cues=cues)
    strong = [c for c in cues if c.strength == STRONG and c.intervals != iv.EVERYTHING]
    weak = [c for c in cues if c.strength == WEAK]
    checks = [c for c in cues if c.strength == CHECK]
    # one representative per distinct constraint: repeated mentions add nothing
    unique: dict[tuple[Any, Any], Cue] = {}
    for c in strong:
        unique.setdefault((c.signature(), c.intervals), c)
    reps = list(unique.values())[:MAX_DISTINCT]
    dilated = {id(c): iv.dilate(c.intervals, SLACK_DAYS) for c in reps}
    seen: set[tuple[Any, Any]] = set()
    for j, b in enumerate(reps):
        for a in reps[:j]:
            if _same_title_person(a, b):
                if iv.intersect(a.intervals, b.intervals):
                    continue
            elif iv.intersect(dilated[id(a)], dilated[id(b)]):
                continue
            key = (a.signature(), b.signature())
            if key in seen or (key[1], key[0]) in seen:
                continue
            seen.add(key)
            if len(sol.clashes) < max_clashes:
                sol.clashes.append(Clash((a, b)))
    if not sol.clashes:
        running = iv.EVERYTHING
        contributors: list[Cue] = []
        for c in reps:
            nxt = iv.intersect(running, dilated[id(c)])
            if not nxt:
                sol.clashes.append(Clash((*contributors, c)))
                break
            if nxt != running:
                contributors.append(c)
            running = nxt
    if sol.clashes:
        return sol
    window = iv.EVERYTHING
    for c in strong:
        window = iv.intersect(window, c.intervals)
    if not window:
        window = iv.EVERYTHING
        for c in strong:
            window = iv.intersect(window, iv.dilate(c.intervals, SLACK_DAYS))
    used = list(strong)
    for c in weak:
        nxt = iv.intersect(window, c.intervals)
        if nxt:
            if nxt != window:
                used.append(c)
            window = nxt
        else:
            sol.dropped.append(c)
    limit = (today or _dt.date.today()).toordinal() + 1
    clamped = iv.intersect(window, ((iv.MIN_DAY, limit),))
    sol.window = clamped or window
    sol.used = sorted(used, key=lambda c: (c.start, c.end))
    if strong:
        for c in checks:
            if not iv.intersect(c.intervals, sol.window):
                support = tuple(x for x in sol.used if x.strength == STRONG)
                sol.clashes.append(Clash((c,), window=sol.window, support=support))
    return sol
