"""pyphen's English hyphenation, started faster: same patterns, same points, same syllables.

textstat 0.7.8 counts the syllables of a word missing from the CMU dictionary as
``len(Pyphen(lang="en_US").positions(word)) + 1``. ``import pyphen`` lists every dictionary it
ships (~20 ms) and building that ``Pyphen`` parses ~11,000 TeX patterns with two regexes each
(~50 ms): paid by every process. A run loads the patterns already parsed, from
``rules/data`` (:mod:`doclint.lexicon`, ~3 ms), in the form :func:`hyphenation_points` walks
(:func:`doclint.lexicon.hyphenation_table`); that file is written from pyphen's own
dictionary by ``tools/build_lexicon.py``, which parses it with one pass per line over its
few characters (lines outside the common form -- hex escapes, alternative hyphenations, two
digits in a row -- go through pyphen's own line parser), and :func:`hyphenation_points` is
pyphen's ``positions`` algorithm, counted, with the lookups that cannot find a key left out. ``tests/test_language.py`` checks the patterns
against pyphen's parse and the counts against ``Pyphen.positions``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from doclint.lexicon import hyphenation_nodes

_DIGITS = frozenset("0123456789")
_ODD = frozenset("13579")
# pyphen.ignored: comment and header lines of a hyph_*.dic
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


def parse_patterns(lines: list[str], slow: Any) -> dict[str, tuple[int, tuple[int, ...]]]:
    """``HyphDict.patterns`` for the pattern lines of a ``hyph_*.dic`` (its first line, the
    encoding, left out). ``slow(line)`` parses a line the way pyphen does, returning
    ``(key, value)`` or None; it is used for every line outside the common form."""
    ignored = _IGNORED
    out: dict[str, tuple[int, tuple[int, ...]]] = {}
    for raw in lines:
        pattern = raw.strip()
        if not pattern or pattern.startswith(ignored):
            continue
        if "^^" in pattern or "/" in pattern or not _simple(pattern):
            item = slow(pattern)
            if item is not None:
                out[item[0]] = item[1]
            continue
        tags: list[str] = []
        values = [0]
        for ch in pattern:
            if ch in _DIGITS:
                values[-1] = int(ch)
            else:
                tags.append(ch)
                values.append(0)
        # pyphen pairs each digit with the character after it: values[k] is the digit in front
        # of character k (the last one: after the last character); zeros chopped at both ends
        if not any(values):
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        out["".join(tags)] = (start, tuple(values[start:end]))
    return out


def _simple(pattern: str) -> bool:
    """No two digits in a row (pyphen would pair the second one with an empty character)."""
    prev_digit = False
    for ch in pattern:
        digit = ch in _DIGITS
        if digit and prev_digit:
            return False
        prev_digit = digit
    return True


def _slow_line(pattern: str) -> tuple[str, tuple[int, tuple[int, ...]]] | None:
    """One pattern line exactly as ``pyphen.HyphDict.__init__`` reads it."""
    import pyphen

    pattern = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), pattern)
    factory: Any = int
    if "/" in pattern and "=" in pattern:
        pattern, alternative = pattern.split("/", 1)
        factory = pyphen.AlternativeParser(pattern, alternative)
    tags, values = zip(*[(string, factory(i or "0")) for i, string in pyphen.parse(pattern)], strict=True)
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return "".join(tags), (start, values[start:end])


def patterns_from_pyphen() -> tuple[dict[str, tuple[int, tuple[int, ...]]], int]:
    """(patterns, longest key) of the installed pyphen's ``hyph_en_US.dic``, found without
    importing pyphen (its import lists every dictionary it ships: ~20 ms). Runs read the
    parse shipped in ``rules/data`` (:func:`doclint.lexicon.hyphenation_patterns`);
    ``tools/build_lexicon.py`` writes it from this."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise ImportError("pyphen is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"
    with path.open("rb") as fd:
        encoding = fd.readline().decode().strip() or "utf-8"
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    patterns = parse_patterns(path.read_text(encoding).split("\n")[1:], _slow_line)
    return patterns, max(len(key) for key in patterns)


def hyphenation_points(word: str, left: int = 2, right: int = 2) -> int:
    """``len(pyphen.Pyphen(lang="en_US").positions(word))`` (pyphen 0.x's algorithm, without
    its per-word cache, which never forgets: callers memoise within bounds).

    pyphen looks up every substring of ``.word.`` up to the longest key (28 characters) and
    applies each key it finds. Here each start position looks up growing substrings only
    while they are prefixes of some key (:func:`doclint.lexicon.hyphenation_table`'s nodes;
    any longer substring starting there has a non-key prefix, so it is no key either), and
    applies once the entry of the longest one, which holds the maximum of the values of all
    the keys pyphen finds there. ``references`` holds digit characters: ``max`` of digits
    compares like the numbers, and a point is an odd reference."""
    get = hyphenation_nodes().get
    # the NUL after the last dot is in no node: the walk stops there at the latest
    pointed = f".{word.lower()}.\x00"
    n = len(pointed) - 1
    references = ["0"] * (n + 1)
    for i in range(n - 1):
        digits = get(pointed[i : i + 2])
        if digits is None:  # no node of two characters: the one-character node, if any
            digits = get(pointed[i])
        else:
            j = i + 3
            while (longer := get(pointed[i:j])) is not None:
                digits = longer
                j += 1
        if digits:
            end = i + len(digits)
            references[i:end] = map(max, digits, references[i:end])
    # pyphen: the positions i - 1 with left <= i - 1 <= len(word) - right and an odd reference
    return sum(map(_ODD.__contains__, references[max(left + 1, 0) : max(len(word) - right + 2, 0)]))
