"""langdetect's language profiles, loaded lazily: same detector, same answers, ~5x faster start.

``langdetect`` builds, at its first call, a table of every n-gram of its 55 language
profiles with one probability per language (~88,000 rows of 55 floats): about 0.25 s of
pure Python, paid by every process that identifies a language. A detection only ever
reads the rows of the n-grams in its text. :func:`install` loads the profiles (the JSON
files, in langdetect's own order) and gives langdetect a table whose rows are computed on
first use with langdetect's own arithmetic -- the probabilities, and so every result, are
identical (``tests/test_language.py`` compares them with the stock factory).

Relies on langdetect 1.0.x internals (``detector_factory._factory``, ``Detector`` reading
``word_lang_prob_map`` with ``in`` and ``[]`` only); :func:`install` leaves langdetect
alone when they are not as expected.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any


class LazyProbMap:
    """langdetect's ``word_lang_prob_map``: n-gram -> probability per language, each row
    built on first use exactly as ``DetectorFactory.add_profile`` builds it. ``ngrams`` (the
    keys) and ``built_row`` (a row if already built, else None) are C-speed lookups for
    :mod:`doclint._langdetect_fast`."""

    def __init__(self, profiles: Sequence[tuple[dict[str, int], Sequence[int]]], langsize: int) -> None:
        self._profiles = profiles
        self._size = langsize
        self.ngrams: set[str] = set().union(*(freq.keys() for freq, _ in profiles))  # the rows' keys
        self._rows: dict[str, list[float]] = {}
        self.built_row = self._rows.get  # the row if already built, else None

    def __contains__(self, word: object) -> bool:
        return word in self.ngrams

    def __len__(self) -> int:
        return len(self.ngrams)

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            if word not in self.ngrams:
                raise KeyError(word)
            row = [0.0] * self._size
            length = len(word)
            if 1 <= length <= 3:
                for index, (freq, n_words) in enumerate(self._profiles):
                    count = freq.get(word)
                    if count is not None:
                        row[index] = 1.0 * count / n_words[length - 1]
            self._rows[word] = row
        return row


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
    """A ``DetectorFactory`` loaded like ``DetectorFactory.load_profile`` loads one."""
    directory = df.PROFILES_DIRECTORY
    names = os.listdir(directory)
    langsize = len(names)
    langlist: list[str] = []
    profiles: list[tuple[dict[str, int], Sequence[int]]] = []
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        lang = data["name"]
        if lang in langlist:
            raise ValueError(f"duplicate langdetect profile {lang!r}")
        langlist.append(lang)
        profiles.append((data["freq"], data["n_words"]))  # fresh objects from json: no copy
    if len(langlist) < 2:
        raise ValueError("langdetect profiles not found")
    factory = df.DetectorFactory()
    factory.langlist = langlist
    factory.word_lang_prob_map = LazyProbMap(profiles, langsize)
    return factory
