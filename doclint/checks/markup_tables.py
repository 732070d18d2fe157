"""Markdown tables whose rows disagree in cell count or that lack a valid separator row."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint.checks import Options
from doclint.document import Document, Line
from doclint.model import Example, Finding, Rule

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")
_SPLIT = re.compile(r"(?<!\\)\|")

_TABLE = """| Name | Score |
|---|---|
| Ana | 3 |
| Ben | 4 |
"""

OPTIONS: dict[str, str] = {}  # no [options.markup_tables] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="M109",
        name="table-row-mismatch",
        category="markup",
        severity="warning",
        message="Table row has {got} cells; the header has {want}",
        rationale=(
            "A markdown table row with more or fewer cells than its header renders wrongly and "
            "usually means cells were lost or split during conversion."
        ),
        examples=(
            Example("| A | B |\n|---|---|\n| 1 | 2 |\n| 3 |\n", fails=True),
            Example(_TABLE, fails=False),
        ),
    ),
    Rule(
        code="M110",
        name="table-missing-separator",
        category="markup",
        severity="warning",
        message="Table has no valid separator row (|---|---|) under its header",
        rationale="Without a separator row a markdown table is not a table; the rows render as text with pipes.",
        examples=(
            Example("| A | B |\n| 1 | 2 |\n| 3 | 4 |\n", fails=True),
            Example(_TABLE, fails=False),
            Example("Politics | World | Sport\nBreaking news today.\n", fails=False),
        ),
    ),
)


def cells(row: str) -> int:
    parts = _SPLIT.split(row.strip())
    if parts and parts[0].strip() == "":
        parts = parts[1:]
    if parts and parts[-1].strip() == "" and row.rstrip().endswith("|"):
        parts = parts[:-1]
    return len(parts)


def _tables(doc: Document) -> Iterator[list[Line]]:
    block: list[Line] = []
    for line in [*doc.lines, None]:
        if line is not None and "|" in line.text and line.text.strip():
            block.append(line)
            continue
        if len(block) >= 2:
            piped = sum(1 for ln in block if ln.text.lstrip().startswith("|"))
            has_sep = any(_SEPARATOR.match(ln.text) for ln in block)
            if piped == len(block) or has_sep:
                yield block
        block = []


def check(doc: Document, options: Options) -> Iterator[Finding]:
    if "|" not in doc.text:
        return
    for block in _tables(doc):
        header, rest = block[0], block[1:]
        want = cells(header.text)
        if _SEPARATOR.match(rest[0].text):
            rest = rest[1:]
        else:
            yield Finding("M110", header.start, header.end, RULES[1].message)
        for row in rest:
            if _SEPARATOR.match(row.text):
                continue
            got = cells(row.text)
            if got != want:
                yield Finding(
                    "M109", row.start, row.end, RULES[0].message.format(got=got, want=want),
                    data={"cells": got, "header_cells": want},
                )
