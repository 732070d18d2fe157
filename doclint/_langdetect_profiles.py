"""langdetect's language profiles from one shipped file, loaded by block: same table, same answers.

``langdetect`` builds, at its first call, a table of every n-gram of its 55 language profiles
(55 JSON files) with one probability per language (~88,000 rows of 55 floats): about 0.25 s
of pure Python, paid by every process that identifies a language. A detection only ever
reads the rows of the n-grams in its text, and asks whether a candidate n-gram is in the
table.

``rules/data/langdetect-profiles.txt`` (written by ``tools/build_langdetect_profiles.py``
from the installed langdetect, pinned in the test extra; ``tests/test_langdetect_fast.py``
checks it is fresh) holds the 55 profiles merged: for every n-gram, the languages that have
it with their counts, and per language its ``n_words``. The n-grams are grouped in *blocks*
by their highest character (its code point // 256), so a process loads only the blocks of
the characters its texts hold -- for Latin-script text one or two of 145 blocks. An n-gram of
a text consists of characters of that (normalised) text and spaces, so its highest
character is one of the text's: once the blocks of a text's characters are loaded (see
:meth:`LazyProbMap.cover`), membership answers for that text are langdetect's. A row is
computed on first use with langdetect's own arithmetic (``DetectorFactory.add_profile``),
so the probabilities, and every result, are identical (``tests/test_language.py`` and
``tests/test_langdetect_fast.py`` compare them with the stock factory).

The file is used only when the installed profile files are the ones it was built from (same
file names and the CRC-32 of each file's bytes, ~1 ms to check); otherwise langdetect loads
its profiles itself. The language order is langdetect's own (``os.listdir`` of its profile
folder) either way.

Relies on langdetect 1.0.x internals (``detector_factory._factory``, ``Detector`` reading
``word_lang_prob_map`` with ``in`` and ``[]`` only); :func:`install` leaves langdetect
alone when they are not as expected.
"""

from __future__ import annotations

import json
import mmap
import os
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

DATA_NAME = "langdetect-profiles.txt"
_FORMAT = 1
_BLOCK_SHIFT = 8  # an n-gram's block: the code point of its highest character >> 8
_INDEX_WIDTH = 6  # hexadecimal digits of an entry's offset in its block


def block_of(ngram: str) -> int:
    """The block an n-gram is stored in: its highest character's code point // 256."""
    return ord(max(ngram)) >> _BLOCK_SHIFT


class LazyProbMap:
    """langdetect's ``word_lang_prob_map``: n-gram -> probability per language, loaded a block
    at a time and each row built on first use exactly as ``DetectorFactory.add_profile``
    builds it. ``in`` and ``[]`` load the block they need; :mod:`doclint._langdetect_fast`
    reads ``known`` (the n-grams of the loaded blocks, a C-speed ``in``) after calling
    :meth:`cover` for every character of its normalised text, and ``built_row`` (a row if
    already built, else None)."""

    def __init__(self, data: Any, header: dict[str, Any], body: int, positions: Sequence[int],
                 langsize: int) -> None:
        """``data``: the file's bytes or memory map (:func:`profiles_text`), its blocks from
        offset ``body``; ``positions[i]``: the index in langdetect's language list of the
        file's language ``i``; ``langsize``: the length of a row (langdetect's: the number of
        entries in its profile folder)."""
        self._data = data
        self._blocks: dict[int, list[int]] = {
            block: [body + offset for offset in offsets] for block, *offsets in header["blocks"]}
        self._loaded: dict[int, tuple[list[str], int, int]] = {}  # block -> keys, index, entries
        self._n_words: list[list[int]] = header["n_words"]
        self._positions = positions
        self._size = langsize
        self._len: int = header["size"]
        self.known: set[str] = set()  # the n-grams of the loaded blocks
        self._rows: dict[str, list[float]] = {}
        self.built_row = self._rows.get  # the row if already built, else None
        self.cover(" ")  # block 0: ASCII and Latin-1 (and the space every n-gram may hold)

    def cover(self, ch: str) -> None:
        """Load the block of character ``ch`` (the n-grams whose highest character is in it),
        unless it is loaded or empty: its n-grams only; an n-gram's entry is read when its
        row is first built."""
        block = ord(ch) >> _BLOCK_SHIFT
        offsets = self._blocks.pop(block, None)
        if offsets is not None:
            keys_at, index_at, entries_at, _ = offsets
            keys = self._data[keys_at:index_at - 1].decode("utf-8").split("\n")
            self.known.update(keys)
            self._loaded[block] = (keys, index_at, entries_at)

    def __contains__(self, word: object) -> bool:
        if word in self.known:
            return True
        if not isinstance(word, str) or not word or not self._blocks:
            return False
        self.cover(max(word))
        return word in self.known

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            if word not in self:
                raise KeyError(word)
            row = [0.0] * self._size
            length = len(word)
            if 1 <= length <= 3:
                n_words, positions = self._n_words, self._positions
                parts = self._entry(word).split()
                for i in range(0, len(parts), 2):
                    lang = int(parts[i])
                    row[positions[lang]] = 1.0 * int(parts[i + 1]) / n_words[lang][length - 1]
            self._rows[word] = row
        return row

    def _entry(self, word: str) -> bytes:
        """The ``language count ...`` entry of a known n-gram: the keys are sorted, and the
        block's index gives each entry's start (fixed-width hexadecimal offsets)."""
        keys, index_at, entries_at = self._loaded[block_of(word)]
        at = index_at + _INDEX_WIDTH * bisect_left(keys, word)
        data = self._data
        start = entries_at + int(data[at:at + _INDEX_WIDTH], 16)
        end = entries_at + int(data[at + _INDEX_WIDTH:at + 2 * _INDEX_WIDTH], 16)
        return data[start:end]


# ---------------------------------------------------------------- the shipped file


def profile_files(directory: str, listing: Sequence[str] | None = None) -> list[str]:
    """The profile files ``DetectorFactory.load_profile`` reads, in its order (``listing``:
    ``os.listdir(directory)`` if already read)."""
    return [name for name in (os.listdir(directory) if listing is None else listing)
            if not name.startswith(".") and os.path.isfile(os.path.join(directory, name))]


def profiles_text(directory: str, source: str) -> str:
    """The text of the shipped file for the profiles in ``directory``.

    Line 1 is a JSON header: ``files`` (file name, language, CRC-32 of the bytes; sorted by
    name: language ``i`` of the file is the ``i``-th), ``n_words`` per language, ``size``
    (n-grams in all) and ``blocks``: ``[block, keys, index, entries, end]``, byte offsets
    after line 1. A block is its n-grams, sorted, one a line; then its index, one line of
    fixed-width hexadecimal offsets (from the start of the entries) of each n-gram's entry
    and of the end; then the entries, ``language count language count ...`` (languages by
    index, ascending; empty for n-grams longer than 3, whose rows are all zeros), one a line
    (an entry's offsets include its line end)."""
    files: list[list[Any]] = []
    n_words: list[list[int]] = []
    entries: dict[str, list[str]] = {}
    for index, name in enumerate(sorted(profile_files(directory))):
        with open(os.path.join(directory, name), "rb") as fh:
            raw = fh.read()
        data = json.loads(raw.decode("utf-8"))
        if [type(n) for n in data["n_words"]] != [int] * 3:
            raise ValueError(f"{name}: unexpected n_words {data['n_words']!r}")
        files.append([name, data["name"], zlib.crc32(raw)])
        n_words.append(data["n_words"])
        for word, count in data["freq"].items():
            if "\n" in word or not word or type(count) is not int:
                raise ValueError(f"{name}: unexpected n-gram {word!r}: {count!r}")
            if 1 <= len(word) <= 3:
                entries.setdefault(word, []).extend((str(index), str(count)))
            else:
                entries.setdefault(word, [])
    by_block: dict[int, list[str]] = {}
    for word in sorted(entries):
        by_block.setdefault(block_of(word), []).append(word)
    blocks: list[list[int]] = []
    body: list[str] = []
    offset = 0
    for block, words in sorted(by_block.items()):
        keys = "\n".join(words) + "\n"
        lines = [" ".join(entries[w]) + "\n" for w in words]
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line))
        if starts[-1] >= 16 ** _INDEX_WIDTH:
            raise ValueError(f"block {block}: entries too long for the index")
        index_line = "".join(f"{start:0{_INDEX_WIDTH}x}" for start in starts) + "\n"
        keys_at = offset
        index_at = keys_at + len(keys.encode("utf-8"))
        entries_at = index_at + len(index_line)
        offset = entries_at + starts[-1]
        blocks.append([block, keys_at, index_at, entries_at, offset])
        body += [keys, index_line, *lines]
    header = {"format": _FORMAT, "source": source, "size": len(entries), "files": files,
              "n_words": n_words, "blocks": blocks}
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n" + "".join(body)


def _shipped(directory: str, names: Sequence[str]) -> tuple[Any, dict[str, Any], int] | None:
    """The shipped file ``(contents, header, body offset)`` when it was built from exactly
    these profile files (names and bytes), else None. The contents are memory-mapped: a
    process reads only the blocks and entries it uses."""
    from doclint.lexicon import data_dir

    try:
        with open(data_dir() / DATA_NAME, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        body = data.find(b"\n") + 1
        header = json.loads(data[:body])
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("format") != _FORMAT:
        return None
    crcs = {name: crc for name, _, crc in header["files"]}
    if sorted(crcs) != sorted(names):
        return None
    for name in names:
        with open(os.path.join(directory, name), "rb") as fh:
            if zlib.crc32(fh.read()) != crcs[name]:
                return None
    return data, header, body


def install() -> bool:
    """Give langdetect a lazily built profile table (once per process). False when langdetect
    already has its factory or its layout is not the expected one (it then loads as usual)."""
    try:
        from langdetect import detector_factory as df
    except ImportError:  # pragma: no cover - a project dependency
        return False
    if getattr(df, "_factory", object()) is not None or not hasattr(df, "PROFILES_DIRECTORY"):
        return False
    try:
        factory = _factory(df)
    except Exception:  # pragma: no cover - unexpected profile layout: langdetect's own loader
        return False
    df._factory = factory
    return True


def _factory(df: Any) -> Any:
    """A ``DetectorFactory`` loaded like ``DetectorFactory.load_profile`` loads one: from the
    shipped file when it matches the installed profiles, else by ``load_profile`` itself."""
    directory = df.PROFILES_DIRECTORY
    listing = os.listdir(directory)
    names = profile_files(directory, listing)
    shipped = _shipped(directory, names)
    if shipped is None:  # another langdetect: its own loader
        factory = df.DetectorFactory()
        factory.load_profile(directory)
        return factory
    data, header, body = shipped
    file_index = {name: i for i, (name, _, _) in enumerate(header["files"])}
    order = [file_index[name] for name in names]  # langdetect's order -> the file's languages
    langlist = [header["files"][i][1] for i in order]
    if len(set(langlist)) != len(langlist):
        raise ValueError("duplicate langdetect profile")
    if len(langlist) < 2:
        raise ValueError("langdetect profiles not found")
    positions = [0] * len(order)
    for position, i in enumerate(order):
        positions[i] = position
    factory = df.DetectorFactory()
    factory.langlist = langlist
    factory.word_lang_prob_map = LazyProbMap(data, header, body, positions, len(listing))
    return factory
