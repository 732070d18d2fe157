"""R161-R165: whitespace and typography residue (info).

- R161 tab-character: tabs in running text; one finding per run of consecutive lines with tabs.
- R162 trailing-whitespace: one finding per run of consecutive lines ending in spaces/tabs;
  the fix strips them.
- R163 blank-line-run: 3+ consecutive blank lines, once per run; the fix keeps one blank line.
- R164 nbsp-cluster: two or more non-breaking spaces in one run of white space (layout
  padding from HTML ``&nbsp;&nbsp;``); the fix makes it one space.
- R165 left-quote-apostrophe: U+2018 (left single quote) used as an apostrophe between
  letters (``Biden‘s``); the fix puts U+2019.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Fix, Rule

OPTIONS: dict[str, str] = {}  # no [options.residue_whitespace] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R161",
        name="tab-character",
        category="residue",
        severity="info",
        message="Tab characters in text (lines {first}-{last})",
        summary="Tab characters in running text",
        rationale=(
            "Tabs in prose are left over from table or layout extraction; they render "
            "inconsistently and hide column structure that no longer exists."
        ),
        examples=(
            Example("\t\tThanks for contacting us.\t\nMore text.", True),
            Example("No tabs here.\nNone at all.", False),
        ),
    ),
    Rule(
        code="R162",
        name="trailing-whitespace",
        category="residue",
        severity="info",
        message="Trailing whitespace (lines {first}-{last})",
        summary="Lines ending in spaces or tabs",
        rationale=(
            "Trailing spaces are invisible layout residue (PDF lines, HTML indentation); they "
            "defeat exact-match deduplication and line-based comparisons."
        ),
        examples=(
            Example("First line   \nsecond line \nthird line\n", True),
            Example("Clean line\nanother clean line\n", False),
        ),
    ),
    Rule(
        code="R163",
        name="blank-line-run",
        category="residue",
        severity="info",
        message="{count} consecutive blank lines",
        summary="Runs of three or more blank lines",
        rationale=(
            "Runs of empty lines come from removed markup (scripts, images, ads); one blank "
            "line separates paragraphs, more carries no information."
        ),
        examples=(
            Example("Paragraph one.\n\n\n\n\nParagraph two.\n", True),
            Example("Paragraph one.\n\nParagraph two.\n", False),
        ),
    ),
    Rule(
        code="R164",
        name="nbsp-cluster",
        category="residue",
        severity="info",
        message="Cluster of non-breaking spaces",
        summary="Several non-breaking spaces in a row (HTML &nbsp; padding)",
        rationale=(
            "Strings of non-breaking spaces are HTML layout padding; they look like one gap but "
            "are not ordinary spaces, so tokenisers and dedup see different text."
        ),
        examples=(
            Example("Price:\u00a0\u00a0\u00a0 10 dollars", True),
            Example("It is 10\u00a0km away, à 10\u00a0h.", False),
        ),
    ),
    Rule(
        code="R165",
        name="left-quote-apostrophe",
        category="residue",
        severity="info",
        message="Left single quote used as an apostrophe",
        summary="U+2018 used as an apostrophe (Biden‘s)",
        rationale=(
            "Smart-quote software or careless editing turns apostrophes into opening quotes "
            "(‘); the word no longer matches its normal spelling."
        ),
        examples=(
            Example("President Joe Biden\u2018s predecessor", True),
            Example("President Joe Biden\u2019s predecessor said \u2018no\u2019.", False),
        ),
    ),
)

_TRAIL_RE = re.compile(r"[ \t\u00a0]+(?=\r?\n|\Z)")
_BLANKS_RE = re.compile(r"(?:^|(?<=\n))(?:[ \t]*\r?\n){3,}")
# Cheap gates, one pass each. Same answers as substring tests (R162: " \n", "\t\n", "\u00a0\n",
# " \r\n", "\t\r\n", "\u00a0\r\n"), but each pattern
# starts with a literal newline, which ``re`` scans for quickly, and looks around it only there.
_TRAIL_GATE_RE = re.compile(r"\n(?<=[ \t\u00a0]\n)|\n(?<=[ \t\u00a0]\r\n)")
_BLANKS_GATE_RE = re.compile(r"\n[ \t]*\r?\n")  # some blank line: R163 runs need three
# A cluster is [ \t]*\u00a0[ \t\u00a0]*\u00a0[ \t\u00a0]*; the regex starts at its first NBSP (a
# literal start, which ``re`` scans for quickly; a leading [ \t]* would make it try every
# position) and the spaces / tabs before it are added in Python.
_NBSP_RE = re.compile(r"\u00a0[ \t\u00a0]*\u00a0[ \t\u00a0]*")
# the look-behind comes after the quote so ``re`` scans for the literal quote first
_LQ_RE = re.compile(r"\u2018(?<=[A-Za-z\u00c0-\u024f]\u2018)(?=[A-Za-z\u00c0-\u024f])")


def _line_runs(doc: Document, offsets: list[int]) -> list[tuple[int, int]]:
    """Group character offsets into runs of consecutive line numbers: (first, last) lines."""
    runs: list[tuple[int, int]] = []
    for off in offsets:
        ln = doc.line_of(off)
        if runs and ln <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], ln)
        else:
            runs.append((ln, ln))
    return runs


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    lines = doc.lines
    # R161 tabs
    if "\t" in text:
        offs = []
        i = text.find("\t")
        while i != -1:
            offs.append(i)
            nl = text.find("\n", i)
            if nl == -1:
                break
            i = text.find("\t", nl)
        for first, last in _line_runs(doc, offs):
            a, b = lines[first - 1], lines[last - 1]
            count = text.count("\t", a.start, b.end)
            yield Finding("R161", a.start, b.end,
                          f"{count} tab character(s) in text (lines {first}-{last})",
                          data={"first": first, "last": last, "count": count})
    # R162 trailing whitespace (cheap substring tests first: the regex is slow on clean text)
    trail = []
    if _TRAIL_GATE_RE.search(text) or text.endswith((" ", "\t", "\u00a0")):
        trail = list(_TRAIL_RE.finditer(text))
    if trail:
        spans: dict[int, list[tuple[int, int]]] = {}
        offs = [m.start() for m in trail]
        by_line = {doc.line_of(m.start()): m.span() for m in trail}
        for first, last in _line_runs(doc, offs):
            a, b = lines[first - 1], lines[last - 1]
            start = by_line[first][0]
            end = by_line[last][1]
            block = text[start:end]
            fixed = _TRAIL_RE.sub("", block)
            yield Finding("R162", start, end,
                          f"Trailing whitespace on {last - first + 1} line(s) (lines {first}-{last})",
                          fix=Fix(start, end, fixed), data={"first": first, "last": last})
        del spans
    # R163 blank-line runs
    if _BLANKS_GATE_RE.search(text):
        for m in _BLANKS_RE.finditer(text):
            count = m.group().count("\n")
            s, e = m.span()
            # keep one blank line when the run separates text, none at the very start
            keep = "" if s == 0 or e == len(text) else "\n"
            if s > 0:
                # the run starts after the newline that ended the previous line
                keep = "\n" if e < len(text) else ""
            yield Finding("R163", s, e, f"{count} consecutive blank lines",
                          fix=Fix(s, e, keep), data={"count": count})
    # R164 nbsp clusters
    if "\u00a0" in text:
        for m in _NBSP_RE.finditer(text):
            start, end = m.span()
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            yield Finding("R164", start, end,
                          f"Cluster of {m.group().count(chr(0xA0))} non-breaking spaces",
                          fix=Fix(start, end, " "))
    # R165 left quote as apostrophe
    if "\u2018" in text:
        for m in _LQ_RE.finditer(text):
            yield Finding("R165", m.start(), m.end(),
                          "Left single quote (U+2018) used as an apostrophe",
                          fix=Fix(m.start(), m.end(), "\u2019"))
