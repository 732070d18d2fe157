"""A document's text encoded once as UTF-8 for RE2, with byte <-> character offsets.

Shared (through ``doc.cache``) by the rule packs' RE2 Set scan and the disclosure and
provenance checks.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from doclint.document import Document


class Utf8Text:
    """``text`` encoded once as UTF-8 for RE2, with byte -> character offset conversion.

    (RE2's wrapper re-encodes a ``str`` on every call and converts every offset of every
    match; scanning the bytes and converting only the offsets used is cheaper.) The encoding
    is of the text with each lone surrogate (an undecodable byte kept by a shard reader's
    ``surrogateescape``, or a ``"\\ud800"`` escape in JSON) read as U+FFFD: one character and
    three bytes, like the surrogate, so every offset is the same and the bytes are valid UTF-8."""

    __slots__ = ("text", "data", "ascii", "_src", "_pb", "_pc")

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            self.data = text.encode("utf-8")
            self._src = text
        except UnicodeEncodeError:
            self._src = _LONE_SURROGATE.sub("\ufffd", text)
            self.data = self._src.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._pb = [0]  # known (byte, char) offset pairs, increasing
        self._pc = [0]

    def char(self, b: int) -> int:
        """Character offset of byte offset ``b`` (a character boundary); decodes only from the
        nearest known point before it, so increasing queries cost one pass over the bytes in
        all -- also after a query further on (one check's far offset, then another check's
        scan from the top): every point is kept, in order, not only those past the last."""
        if self.ascii:
            return b
        pb = self._pb
        i = bisect_right(pb, b) - 1
        base = pb[i]
        c = self._pc[i] + len(self.data[base:b].decode("utf-8"))
        if b > base:
            pb.insert(i + 1, b)
            self._pc.insert(i + 1, c)
        return c

    def byte(self, c: int) -> int:
        """Byte offset of character offset ``c`` (clamped to the text, as RE2's ``pos`` is);
        encodes only from the nearest known point, like :meth:`char`."""
        c = max(0, min(c, len(self.text)))
        if self.ascii:
            return c
        pc = self._pc
        i = bisect_right(pc, c) - 1
        base = pc[i]
        b = self._pb[i] + len(self._src[base:c].encode("utf-8"))
        if c > base:
            pc.insert(i + 1, c)
            self._pb.insert(i + 1, b)
        return b


def utf8_of(doc: Document) -> Utf8Text:
    """The :class:`Utf8Text` of ``doc``, built once (``doc.cache``) for the RE2 scans of the
    rule packs and of the disclosure and provenance checks."""
    u = doc.cache.get(_UTF8_KEY)
    if u is None:
        u = doc.cache[_UTF8_KEY] = Utf8Text(doc.text)
    return u


_UTF8_KEY = "utf8text"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
