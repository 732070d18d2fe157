"""R121/R122: text hard-wrapped by PDF or e-mail extraction.

- R121 hard-wrapped-paragraph: a run of 3+ consecutive lines of similar width that break
  mid-sentence (most lines end without sentence punctuation, and many continuation lines
  start in lower case). Reported once per block; the fix rejoins the block with spaces.
  Short lines (poems, lists, addresses), bullet lists, tables and code are not flagged.
- R122 split-hyphenation: a word hyphenated across a line break (``failed-`` / ``state``,
  ``inter-`` / ``national``). The fix joins the halves: without the hyphen when the joined
  word is a dictionary word (``international``), keeping it otherwise (``failed-state``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter, sub

from doclint._residue_common import english_words
from doclint.checks import Options
from doclint.document import Document, Line
from doclint.model import Example, Finding, Fix, Rule

_WRAPPED = (
    "Many media outlets have recently drawn attention to the series of events in the\n"
    "region that risk overwhelming a not yet fully staffed administration and its foreign\n"
    "policy team. The sheer number of events in the region combined with the understaffed\n"
    "team means that some policies adopted by the previous government have carried over\n"
    "into its successor.\n"
)
_POEM = (
    "Because I could not stop for Death\n"
    "He kindly stopped for me\n"
    "The Carriage held but just Ourselves\n"
    "And Immortality.\n"
)

OPTIONS: dict[str, str] = {}  # no [options.residue_wrap] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R121",
        name="hard-wrapped-paragraph",
        category="residue",
        severity="warning",
        message="Paragraph hard-wrapped at a fixed width (lines {first}-{last})",
        summary="Paragraph broken into fixed-width lines (PDF / e-mail extraction)",
        rationale=(
            "Text extracted from PDFs or e-mail keeps the layout's line breaks: sentences are "
            "cut into lines of similar width. Line-based tools (deduplication, boilerplate "
            "filters, sentence splitters) then see fragments instead of sentences."
        ),
        examples=(
            Example(_WRAPPED, True),
            Example(_POEM, False),
            Example("Short line one\nshort line two\nshort line three\n", False),
            Example("- first item in the list of things to buy at the store\n"
                    "- second item in the list of things to buy at the store\n"
                    "- third item in the list of things to buy at the store\n", False),
        ),
    ),
    Rule(
        code="R122",
        name="split-hyphenation",
        category="residue",
        severity="warning",
        message="Word hyphenated across a line break: {left!r} + {right!r}",
        summary="Word split by a hyphen at the end of a line",
        rationale=(
            "Layout hyphenation ('inter-' / 'national') survives PDF extraction; the halves "
            "are not words, so search, spell-checking and tokenisation break on them."
        ),
        examples=(
            Example("countries like Honduras approach failed- \nstate status in the region.", True),
            Example("an inter-\nnational agreement was signed", True),
            Example("The list:\n- apples\n- pears\n", False),
            Example("A well-known fact.\nAnother line here.", False),
        ),
    ),
)

# "-" at a line end followed by a lower-case word; the left half is found with _LEFT_RE.
_HYPH_RE = re.compile(r"-[ \t]*\r?\n[ \t]*([a-z][^\W\d_]*)")
_LEFT_RE = re.compile(r"(?<![\w-])[^\W\d_]{2,}$")
_RIGHT_RE = re.compile(r"[^\W\d_]+")
_WIDE_FLAGS_RE = re.compile(rb"\x01{2,}")  # see _wide_runs
_TERMINAL = tuple(".!?:;\"”’)]»…")
_BULLET_RE = re.compile(r"\s*(?:[-*•·–—>|#]|\d{1,3}[.)]\s|[a-zA-Z][.)]\s)")
_CODE_RE = re.compile(r"</?[a-zA-Z][\w-]*[\s>]|[{};]\s*$|^\s*(?://|#include|def |class |import |return\b|if\s*\()|\s=\s|==|=>|\(\)")
# _CODE_RE split in two: the branches anchored at the start of the line (matched after
# stripping leading white space, which is what their \s* consumes) and the others, with
# "\s=\s" written "=" + look-behind so that every branch starts with one of "{};<=(" and
# re scans for those characters in C instead of trying every branch at every position
_CODE_START_RE = re.compile(r"//|#include|def |class |import |return\b|if\s*\(")
_CODE_ANY_RE = re.compile(r"[{};]\s*$|</?[a-zA-Z][\w-]*[\s>]|=(?:(?<=\s=)\s|[=>])|\(\)")
_CODE_START_CHARS = frozenset("/#dcir")  # first characters of _CODE_START_RE's matches
_MIN_WIDTH = 40


def _code_line(t: str) -> bool:
    """Whether ``_CODE_RE`` finds code in ``t`` (same answer from two cheaper regexes)."""
    s = t.lstrip()
    if s[:1] in _CODE_START_CHARS and _CODE_START_RE.match(s):
        return True
    return _CODE_ANY_RE.search(t) is not None


def _code_lines_at_most(texts: list[str]) -> int:
    """An upper bound of ``sum(map(_code_line, texts))`` from string tests only.

    A code line either starts with one of ``_CODE_START_CHARS`` or holds one of "{};<=(" (every
    _CODE_ANY_RE match does); lines are counted once per such character they hold, which
    can only over-count. Prose usually holds none of them, and then the regexes need not
    run at all when the bound is low enough."""
    bound = sum(1 for t in texts if t.lstrip()[:1] in _CODE_START_CHARS)
    joined = "\n".join(texts)
    for ch in "{};<=(":
        if ch in joined:
            bound += sum(map(str.__contains__, texts, repeat(ch)))
    return bound


def _hyphen_join(left: str, right: str) -> str:
    """What goes between the halves of a word split at a line end: "" or "-"."""
    words = english_words()
    joined = (left + right).lower()
    if joined in words and (left + "-" + right).lower() not in words:
        return ""
    return "-"


def _run_findings(doc: Document, run: list[Line]) -> Finding | None:
    n = len(run)
    if n < 3:
        return None
    texts = [ln.text.rstrip() for ln in run]
    body = texts[:-1]
    # cheap tests first: most lines break mid-sentence, many continuations start lower-case
    open_ends = sum(1 for t in body if not t.endswith(_TERMINAL))
    if open_ends * 10 < len(body) * 6:
        return None
    lower_starts = sum(1 for t in texts[1:] if t.lstrip()[:1].islower())
    if lower_starts * 3 < (n - 1):
        return None
    if sum(1 for t in texts if _BULLET_RE.match(t)) * 2 >= n:
        return None
    if _code_lines_at_most(texts) * 4 >= n and sum(map(_code_line, texts)) * 4 >= n:
        return None
    first, last = run[0], run[-1]
    if any(map(str.endswith, body, repeat("-"))):
        fixed = _join_hyphenated(texts)
    else:  # no line ends with a hyphen: nothing to rejoin (the lines are not blank)
        fixed = " ".join(map(str.strip, texts))
    return Finding(
        "R121",
        first.start,
        last.end,
        f"Paragraph hard-wrapped at a fixed width (lines {first.number}-{last.number}, "
        f"{n} lines of ~{sorted(map(len, body))[len(body) // 2]} chars)",
        fix=Fix(first.start, last.end, fixed),
        data={"first_line": first.number, "last_line": last.number, "lines": n},
    )


def _join_hyphenated(texts: list[str]) -> str:
    """The lines of a run joined with spaces, words hyphenated at a line end rejoined."""
    parts: list[str] = []
    for i, t in enumerate(texts):
        t = t.strip()
        if i and parts and parts[-1].endswith("-") and parts[-1][-2:-1].isalpha() and t[:1].islower():
            left = _LEFT_RE.search(parts[-1], 0, len(parts[-1]) - 1)
            right = _RIGHT_RE.match(t)
            keep = "-"
            if left and right:
                keep = _hyphen_join(left.group(), right.group())
            parts[-1] = parts[-1][:-1] + keep + t
        else:
            parts.append(t)
    return " ".join(parts)


def _wide_runs(doc: Document) -> Iterator[tuple[int, int]]:
    """(first, last) line numbers of each run of 2+ consecutive "wide" lines: 28+ characters
    (counting a trailing "\\r") and ended by a newline -- the only places a wrapped block can
    be. Same runs as ``(?m)^(?:[^\\n]{28,}\\n){2,}`` over the text, found from the shared
    line index without a Python loop per line: one byte per line (1 = wide), then a regex."""
    starts = list(map(itemgetter(1), doc.lines))
    # line i is wide when line i+1 starts 29+ characters after it (its text and newline)
    flags = bytes(map((29).__le__, map(sub, starts[1:], starts)))
    for m in _WIDE_FLAGS_RE.finditer(flags):
        yield m.start() + 1, m.end()


def _candidate_blocks(doc: Document) -> Iterator[list[Line]]:
    lines = doc.lines
    for first, last in _wide_runs(doc):
        if last < len(lines) and lines[last].text.strip():
            last += 1  # the paragraph's (short) closing line
        block = [ln for ln in lines[first - 1 : last] if ln.text.strip()]
        if len(block) == last - first + 1:
            yield block
        else:  # blank-looking lines (spaces only) split the run
            cur: list[Line] = []
            for ln in lines[first - 1 : last]:
                if ln.text.strip():
                    cur.append(ln)
                elif cur:
                    yield cur
                    cur = []
            if cur:
                yield cur


def _wrap_findings(doc: Document) -> Iterator[Finding]:
    for block in _candidate_blocks(doc):
        if len(block) >= 3:
            lens = [len(b.text.rstrip()) for b in block]
            widths = sorted(lens)
            width = widths[-2] if len(widths) > 3 else widths[-1]
            if width >= _MIN_WIDTH:
                wide = 0.7 * width
                start = 0  # the current run is block[start : i + 1]
                for i, w in enumerate(lens):
                    if w < wide or w > 1.25 * width:
                        # a short line closes the run (it may be the paragraph's last line);
                        # runs of under 3 lines never make a finding: not even looked at
                        if i + 1 - start >= 3:
                            f = _run_findings(doc, block[start : i + 1])
                            if f:
                                yield f
                        start = i + 1
                if len(block) - start >= 3:
                    f = _run_findings(doc, block[start:])
                    if f:
                        yield f


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    if text.count("\n") >= 2:
        yield from _wrap_findings(doc)
    for m in _HYPH_RE.finditer(text):
        lm = _LEFT_RE.search(text, max(0, m.start() - 60), m.start())
        if not lm:
            continue
        left, right = lm.group(), m.group(1)
        start = lm.start()
        repl = left + _hyphen_join(left, right) + right
        yield Finding(
            "R122",
            start,
            m.end(),
            f"Word hyphenated across a line break: {left + '-'!r} + {right!r} -> {repl!r}",
            fix=Fix(start, m.end(), repl),
            data={"left": left, "right": right, "joined": repl},
        )
