"""Block-style YAML for report data (dicts, lists, str, int, float, bool, None), written in one
pass: PyYAML's representer builds and resolves a node per value in Python and made writing
the per-document reports cost more than linting the documents (~1,000 values a report).

The output reads back with any YAML 1.1 loader (``yaml.safe_load``) to the same data -- the
property test in tests/test_formats.py checks that on adversarial text. A string is written
plain only when it cannot be read as anything else (starts with a letter, a conservative set
of characters, not a YAML 1.1 boolean or null); short multi-line text that is safe for it as
a literal block (``|-``), so excerpts stay readable; anything else double-quoted, escaping what
YAML does not allow raw (controls, line separators, surrogates).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

# plain: a letter first, then letters, digits, spaces and a few marks; never ": " or " #"
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,/()'+\-]*\Z")
_NOT_STR = frozenset(  # PyYAML's implicit booleans and nulls
    "yes no true false on off null y n ~".split()
)
# in a literal block, every character must be printable and no line break but \n may appear
_LITERAL_OK = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# what json.dumps leaves raw that YAML reads as a line break or does not accept at all
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_NAMED = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return _NAMED.get(ch) or f"\\u{ord(ch):04X}"


def _quoted(s: str) -> str:
    text = json.dumps(s, ensure_ascii=False)  # JSON's escapes are a subset of YAML's
    return _ESCAPE.sub(_escape, text) if _ESCAPE.search(text) else text


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        if _PLAIN.match(value) and not value.endswith(" ") and value.lower() not in _NOT_STR:
            return value
        return _quoted(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        if "." not in text and "e" in text:  # 1e+20 -> 1.0e+20: YAML 1.1 floats have a dot
            text = text.replace("e", ".0e", 1)
        return text
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _literal(s: str, indent: str) -> str | None:
    """``|-`` block for short multi-line text that reads back unchanged, else None."""
    if "\n" not in s or len(s) >= 2000 or s.strip() != s or _LITERAL_OK.search(s):
        return None
    lines = s.split("\n")
    return "|-\n" + "\n".join(indent + line if line else "" for line in lines)


def _value(value: Any, indent: str, out: list[str]) -> None:
    """Append ``value`` as it follows ``key:`` (or ``- ``) at ``indent``."""
    if isinstance(value, Mapping):
        if not value:
            out.append(" {}\n")
            return
        out.append("\n")
        _mapping(value, indent, out)
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append(" []\n")
            return
        out.append("\n")
        _sequence(value, indent, out)
    else:
        if isinstance(value, str):
            block = _literal(value, indent + "  ")
            if block is not None:
                out.append(" " + block + "\n")
                return
        out.append(" " + _scalar(value) + "\n")


_SIMPLE_KEY_MAX = 1000  # YAML readers take an implicit key of at most 1024 characters


def _mapping(value: Mapping[str, Any], indent: str, out: list[str], first_prefix: str | None = None) -> None:
    for i, (key, item) in enumerate(value.items()):
        if not isinstance(key, str):
            raise TypeError(f"cannot write a {type(key).__name__} mapping key as YAML (reports have text keys)")
        lead = first_prefix if i == 0 and first_prefix is not None else indent
        written = _scalar(key)
        if len(written) > _SIMPLE_KEY_MAX:  # an explicit key: "? key" then ": value"
            out.append(f"{lead}? {written}\n{indent}:")
            nested = indent + "  "
            if isinstance(item, (list, tuple)) and item:
                out.append("\n")
                _sequence(item, nested, out)
            else:
                _value(item, nested, out)
            continue
        out.append(lead + written + ":")
        if isinstance(item, (list, tuple)) and item:
            out.append("\n")
            _sequence(item, indent, out)  # a list under a key is not indented (as PyYAML writes it)
        else:
            _value(item, indent + "  ", out)


def _sequence(value: list[Any] | tuple[Any, ...], indent: str, out: list[str]) -> None:
    for item in value:
        if isinstance(item, Mapping) and item:
            _mapping(item, indent + "  ", out, first_prefix=indent + "- ")
        elif isinstance(item, (list, tuple)) and item:
            out.append(indent + "-\n")
            _sequence(item, indent + "  ", out)
        else:
            out.append(indent + "-")
            _value(item, indent + "  ", out)


def dump(data: Mapping[str, Any]) -> str:
    """``data`` (a mapping with text keys) as a block-style YAML document."""
    if not data:
        return "{}\n"
    out: list[str] = []
    _mapping(data, "", out)
    return "".join(out)
