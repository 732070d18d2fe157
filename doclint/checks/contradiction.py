"""Contradictory dates and leader titles.

Every temporal cue constrains when a document was written (see :mod:`doclint.temporal`):
"former President Donald Trump" needs a date outside Trump's terms, "the 39-year-old
president" a date his age fits, "last month's legislative elections" the month after a
known election, a date line or the ``published`` metadata the day itself. The cues are
intersected; when no date satisfies two of them the check reports both, otherwise the
window lands in the report's provenance as ``date_window``.

Options (``[tool.doclint.options.contradiction]``): ``knowledge_paths`` (extra knowledge
folders or files, relative to the config file; ``knowledge-paths`` works too), ``today`` (ISO date; default: the current date; documents are not
written after it).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from pathlib import Path

from doclint.checks import Options
from doclint.config import knowledge_paths
from doclint.document import Document
from doclint.knowledge import get_knowledge
from doclint.model import DAY_KEY, Example, Finding, Rule
from doclint.temporal import intervals as iv
from doclint.temporal.cues import Cue, extract_cues, prefilter
from doclint.temporal.solver import Clash, solve

_CODES = {
    "date-contradiction": "C101",
    "incompatible-titles": "C102",
    "stale-title": "C103",
    "impossible-age": "C104",
}

# [options.contradiction] keys -> kind (doclint.config.OPTION_KINDS), checked when the engine is built
OPTIONS: dict[str, str] = {"knowledge_paths": "paths", "knowledge-paths": "paths", "today": "date"}

RULES = (
    Rule(
        code="C101", name="date-contradiction", category="contradiction", severity="warning",
        message="No writing date satisfies these temporal cues",
        summary="Temporal cues that no single writing date satisfies",
        rationale=(
            "Titles, ages, event references and date lines each bound when a text was written; "
            "when two bounds cannot both hold, the text was stitched from pieces of different dates "
            "or one of its facts is wrong."
        ),
        examples=(
            Example("Published: March 3, 2023\n\nLeaders gathered in the city for this week's G20 summit.\n", fails=True),
            Example("Published: September 10, 2023\n\nLeaders gathered in New Delhi for this week's G20 summit.\n", fails=False),
        ),
    ),
    Rule(
        code="C102", name="incompatible-titles", category="contradiction", severity="warning",
        message="One person is given titles that no single date allows",
        summary="A person called both current and former holder of one office",
        rationale=(
            "Calling someone both 'former President' and 'President' in one text fits no single "
            "writing date (even with non-consecutive terms nobody is current and former holder at "
            "once): one of the two lines is stale, or the text mixes documents of different dates."
        ),
        examples=(
            Example("Former President Barack Obama visited Chicago.\nPresident Obama said the plan works.\n", fails=True),
            Example("Former President Barack Obama visited Chicago.\nThen-President Obama had signed the law in 2010.\n", fails=False),
        ),
    ),
    Rule(
        code="C103", name="stale-title", category="contradiction", severity="warning",
        message="A title its holder did not hold at the document's date",
        summary="A current title that does not fit the document's own date",
        rationale=(
            "A piece dated by its metadata or date line that calls someone by a title they did not "
            "hold then is stale (recycled text) or misdated."
        ),
        examples=(
            Example("Published: March 3, 2023\n\nPrime Minister Shinzo Abe said on Tuesday that talks would go on.\n", fails=True),
            Example("Published: March 3, 2023\n\nFormer Prime Minister Shinzo Abe was killed in July 2022.\n", fails=False),
        ),
    ),
    Rule(
        code="C104", name="impossible-age", category="contradiction", severity="warning",
        message="An age that does not fit the document's date",
        summary="A stated age that contradicts the person's birth date and the other cues",
        rationale="An age pins the writing date to one year of the person's life; outside it the age is wrong or stale.",
        examples=(
            Example("Published: June 1, 2023\n\nThe 39-year-old President Nayib Bukele spoke.\n", fails=True),
            Example("Published: June 1, 2021\n\nThe 39-year-old President Nayib Bukele spoke.\n", fails=False),
        ),
    ),
)


def _today(options: Options) -> _dt.date:
    value = options.get("today")
    if isinstance(value, _dt.datetime):  # TOML `today = 2021-01-01T00:00:00`: compared with dates
        return value.date()
    if value:
        try:
            return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value))
        except ValueError:
            pass
    return _dt.date.today()


def _knowledge_paths(options: Options) -> list[Path]:
    """``knowledge_paths`` (or ``knowledge-paths``) from the options, relative to the config file."""
    return knowledge_paths(options.settings, getattr(options.config, "source", None))


def _quote(c: Cue) -> str:
    if not c.line:
        return f"the metadata field {c.text.split(':', 1)[0]!r}"
    return f"'{c.text}' ({c.where})"


def _message(clash: Clash) -> str:
    cues = clash.cues
    if clash.window is not None:
        (c,) = cues
        lines = ", ".join(dict.fromkeys(str(x.line) if x.line else "metadata" for x in clash.support))
        first, last = iv.fmt_day(clash.window[0][0]), iv.fmt_day(clash.window[-1][1] - 1)
        return (f"{_quote(c)} {c.why}, but the document's other cues (lines {lines}) date it to "
                f"{first} to {last}: no date satisfies both.")
    if clash.kind == "incompatible-titles":
        a, b = cues
        former, current = (a, b) if a.modifier in ("former", "late") else (b, a)
        if former.modifier in ("former",) and current.modifier == "current":
            office = current.why.split(" as ", 1)[1].split(" (", 1)[0]
            who = current.why.split("inside ", 1)[1].split("'s term", 1)[0]
            terms = current.why.rsplit("(", 1)[1].rstrip(")")
            return (f"{_quote(former)} needs a date outside {who}'s terms as {office} ({terms}), "
                    f"but {_quote(current)} needs a date inside one: no date satisfies both.")
    if len(cues) == 2:
        a, b = cues
        return f"{_quote(a)} {a.why}, but {_quote(b)} {b.why}: no date satisfies both."
    head = "; ".join(f"{_quote(c)} {c.why}" for c in cues)
    return f"No date satisfies all of: {head}."


def setup(options: Options) -> None:
    """Validate user knowledge files when the engine starts: a broken one is a configuration
    error (exit 2) naming the file and the entry. The built-in knowledge base is validated by
    the test suite, so without user files it loads lazily, on the first document that needs
    it (a fully cached run never pays for it)."""
    paths = _knowledge_paths(options)
    if paths:
        get_knowledge(paths)


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    meta = doc.meta or {}
    if not text or (not meta and not prefilter(text)):
        return
    kb = get_knowledge(_knowledge_paths(options))  # validated in setup(); cached per process
    today = _today(options)
    if not options.get("today"):  # read against the clock: the cache serves this report today only
        doc.cache[DAY_KEY] = today.isoformat()
    cues = extract_cues(text, kb, meta, today, prefiltered=True)
    if not cues:
        return
    sol = solve(cues, today)
    options.stats["temporal_cues"] = len(cues)
    reported: set[tuple[str, int, int]] = set()
    for clash in sol.clashes:
        anchor = clash.anchor
        key = (clash.kind, anchor.start, anchor.end)
        if key in reported:
            continue
        reported.add(key)
        start, end = (anchor.start, anchor.end) if anchor.line else (0, 0)
        yield Finding(
            _CODES[clash.kind], start, end, _message(clash),
            data={"kind": clash.kind,
                  "cues": [{**c.as_json(), "allows": iv.describe(c.intervals)} for c in clash.cues]},
        )
    window = sol.window_json()
    if window is not None:
        options.provenance["date_window"] = window
