"""Bytes -> text, saying what it had to do.

UTF-8 (with or without BOM) is the norm. UTF-16/32 are recognised by their BOM. Anything
else that is not valid UTF-8 is decoded as cp1252 (or latin-1 where cp1252 has no
character), and the result says so, so the engine can report it as a finding.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class BinaryFile(ValueError):
    """The bytes are not text (NUL bytes without a UTF-16/32 byte-order mark)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False
    fallback: bool = False


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes in its first 8 KiB (and no UTF-16/32 BOM)."""
    return b"\x00" in data[:8192]


def decode(data: bytes) -> Decoded:
    """Decode ``data``; raise :class:`BinaryFile` when it is not text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name, bom=True)
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise BinaryFile("binary file (NUL bytes and no UTF-16/32 byte-order mark)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252", fallback=True)
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1", fallback=True)
