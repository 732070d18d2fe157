"""The in-memory document: text plus an offset <-> line:column index."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, count
from typing import Any, NamedTuple


class Line(NamedTuple):
    """One line of a document: ``number`` is 1-based; ``start``/``end`` exclude the newline.
    (A NamedTuple: documents have many lines and tuples are cheap to build.)"""

    number: int
    start: int
    end: int
    text: str


class Paragraph(NamedTuple):
    """A run of non-blank lines separated from its neighbours by blank lines."""

    start: int
    end: int
    first_line: int
    last_line: int
    text: str


@dataclass(eq=False)
class Document:
    """A decoded document.

    ``path`` is the display path (what users see in messages); ``text`` the decoded
    text; ``encoding`` how the bytes were decoded; ``meta`` the sidecar / front-matter
    metadata (empty when there is none); ``notes`` what decoding had to do.
    """

    path: str
    text: str
    sha256: str = ""
    encoding: str = "utf-8"
    meta: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", **kw: Any) -> Document:
        return cls(path=path, text=text, **kw)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    @cached_property
    def lines(self) -> list[Line]:
        """Every line; a trailing ``\\r`` is not part of the line's text."""
        raw = self.text.split("\n")
        lengths = list(map(len, raw))
        starts = [0, *accumulate(n + 1 for n in lengths)]
        if "\r" not in self.text:  # built in C: no Python step per line
            return list(map(Line._make, zip(count(1), starts, map(int.__add__, starts, lengths), raw)))
        out: list[Line] = []
        for number, (start, line) in enumerate(zip(starts, raw, strict=False), 1):  # starts: one more
            if line.endswith("\r"):
                line = line[:-1]
            out.append(Line(number, start, start + len(line), line))
        return out

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        block: list[Line] = []
        for line in [*self.lines, None]:
            if line is not None and line.text.strip():
                block.append(line)
                continue
            if block:
                start, end = block[0].start, block[-1].end
                out.append(Paragraph(start, end, block[0].number, block[-1].number, self.text[start:end]))
                block = []
        return out

    def line_of(self, offset: int) -> int:
        """1-based line number containing character ``offset``."""
        return bisect_right(self.line_starts, offset)

    def linecol(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of character ``offset``; column counts code points."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def end_linecol(self, start: int, end: int) -> tuple[int, int]:
        """(line, column) of the last character of a non-empty span, inclusive."""
        if end <= start:
            return self.linecol(start)
        return self.linecol(end - 1)

    def iter_lines(self, first: int = 1, last: int | None = None) -> Iterator[Line]:
        lines = self.lines
        yield from lines[first - 1 : last]
