"""langdetect's ``detect_langs``, computed with fewer Python steps: same answers to the last bit.

langdetect 1.0.x spends a call in two Python loops: n-gram extraction (``NGram.add_char``
and ``NGram.normalize`` for every character) and the trials (``_update_lang_prob``
multiplies 55 floats one by one, about a thousand times). :func:`build` returns a
``detect_langs(text) -> [(code, probability), ...]`` that does the same computation with
C-speed primitives and memos on small units, each step equal to langdetect's:

- ``Detector.append``: the same URL and mail regexes (the mail one only where there is an
  '@', which it needs) and ``NGram.normalize_vi`` (only on non-ASCII text: it needs a
  combining mark), then the cut at ``max_text_length``. langdetect then collapses runs of
  spaces; that is skipped, as nothing later sees the difference: spaces are neither
  counted by ``cleaning_text`` nor do they yield n-grams, and a space after a space leaves
  the n-gram buffer as it was.
- ``Detector.cleaning_text``: counts ``ch >= '\u0300'`` with ``re.subn`` (langdetect compares
  a block number with a block *name* there, so every character from U+0300 up counts as
  non-Latin: reproduced, and checked by :func:`build`) and ``'A' <= ch <= 'z'`` with
  ``str.count`` as far as the comparison needs; drops those Latin characters with ``re.sub``
  when langdetect would. ASCII text has nothing to count.
- ``Detector._extract_ngrams``: ``NGram.normalize`` depends on the character alone, so the
  text is normalised at once by ``str.translate`` with a table memoising it per character.
  A space (it stays a space once normalised) resets the n-gram buffer, so the n-grams of
  the text are the concatenation of those of its space-separated words, each followed by
  its space and starting from a fresh buffer: those are the 1-, 2- and 3-grams of
  ``' ' + word + ' '`` ending at each character in turn that are in the profile table,
  less ``' '`` and less those ending at an upper-case character that follows another
  (langdetect's ``capitalword``). They are computed per word and memoised per word. The
  list, and so what ``random.choice`` picks from it, is identical.
- ``Detector._detect_block``: the same ``random.Random`` seeded the same way and called in
  the same order (``gauss`` per trial, ``choice`` per step). A step multiplies each
  language's probability by ``weight + q``: computed as ``map(add, row, repeat(weight))``
  (IEEE addition is commutative: the same bits). Between two convergence checks (every
  fifth step) the five factors of a language are applied by ``math.prod`` over
  ``(p, f1, ..., f5)``, which multiplies left to right in C doubles, rounding after each
  multiplication exactly as five ``prob[i] *= f`` do. The check normalises with the builtin
  ``sum`` and ``/`` and takes the maximum (all probabilities are positive: ``max`` equals
  langdetect's running maximum from 0.0); the trials are averaged with the same
  ``+= p / n_trial``; the result is sorted by probability, best first, stably, like
  ``Language.__lt__`` with ``sort(reverse=True)``.

Relies on langdetect 1.0.x internals; :func:`build` returns None (the caller then uses stock
langdetect) when its constants, defaults or the ``cleaning_text`` quirk are not the expected
ones. ``tests/test_langdetect_fast.py`` compares the results with a stock ``DetectorFactory``
on real and random text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from itertools import chain, repeat
from math import prod
from operator import add, itemgetter, mul, truediv
from sys import intern
from typing import Any

Detect = Callable[[str], list[tuple[str, float]]]

_LATIN = re.compile("[A-z]")  # 'A' <= ch <= 'z', as in Detector.cleaning_text
_NON_LATIN = re.compile("[^\x00-\u02ff]")  # ch >= '\u0300' (as a negated class: compiles ~50x faster)
_TOKENS = re.compile("[^ ]+ ?")  # a word of normalised text with its following space, if any
_FREQUENT = "eaoitnsrhl"
_LATIN_ORDER = _FREQUENT + "".join(ch for ch in map(chr, range(ord("A"), ord("z") + 1)) if ch not in _FREQUENT)
_TOKEN_MEMO = 20_000  # words remembered with their n-grams (~0.35 kB each); cleared when full

_EXPECTED = {
    "ALPHA_DEFAULT": 0.5,
    "ALPHA_WIDTH": 0.05,
    "ITERATION_LIMIT": 1000,
    "PROB_THRESHOLD": 0.1,
    "CONV_THRESHOLD": 0.99999,
    "BASE_FREQ": 10000,
}


class _NormTable(dict[int, str]):
    """``str.translate`` table: code point -> ``NGram.normalize(chr(code point))``, filled on
    use (one entry per distinct character seen). ``cover`` (if given) is called with every
    character a normalised text can hold, before it is first returned: the profile table
    then has the n-grams of that character's block (see :class:`LazyProbMap`)."""

    def __init__(self, normalize: Callable[[str], str], cover: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._normalize = normalize
        self._cover = cover

    def __missing__(self, code: int) -> str:
        value = self._normalize(chr(code))
        if self._cover is not None:
            for ch in value:
                self._cover(ch)
        self[code] = value
        return value


def _few_latin(text: str, non_latin: int) -> bool:
    """``latin_count * 2 < non_latin`` of ``Detector.cleaning_text``, where ``latin_count``
    counts ``'A' <= ch <= 'z'``: the sum of ``text.count`` over those 58 characters, frequent
    letters first, stopped as soon as the answer is known."""
    count = 0
    for ch in _LATIN_ORDER:
        count += text.count(ch)
        if count * 2 >= non_latin:
            return False
    return True


def build(factory: Any) -> Detect | None:
    """A fast ``detect_langs`` for a loaded langdetect ``factory`` (``detector_factory._factory``),
    or None when langdetect is not the 1.0.x this reproduces."""
    parts = build_parts(factory)
    return None if parts is None else parts[1]


def build_parts(factory: Any) -> tuple[Callable[[str], list[str]], Detect] | None:
    """``(ngrams, detect_langs)``: the n-gram list langdetect draws from for a text (after
    ``append``, ``cleaning_text`` and ``_extract_ngrams``), and the detection; None as in
    :func:`build`."""
    try:
        from langdetect.detector import Detector
        from langdetect.utils.ngram import NGram

        if any(getattr(Detector, name, None) != value for name, value in _EXPECTED.items()):
            return None
        if NGram.N_GRAM != 3:
            return None
        probe = factory.create()
        if (probe.alpha, probe.n_trial, probe.prior_map, probe.verbose) != (0.5, 7, None, False):
            return None
        probe.text = "ab" + "\u1ea0" * 5  # 1.0.9 counts U+1EA0 as not Latin, so drops "ab"
        probe.cleaning_text()
        if probe.text != "\u1ea0" * 5:
            return None
        max_text_length = probe.max_text_length
        url_sub, mail_sub = Detector.URL_RE.sub, Detector.MAIL_RE.sub
        normalize_vi, normalize = NGram.normalize_vi, NGram.normalize
        langlist = list(factory.langlist)
        table = factory.word_lang_prob_map
    except Exception:  # pragma: no cover - another langdetect: the caller uses it as it is
        return None

    from doclint._langdetect_profiles import LazyProbMap

    lazy = isinstance(table, LazyProbMap)
    # every character of a normalised text comes out of norm_table, which first loads its block
    known: Any = table.known if lazy else table
    norm_table = _NormTable(normalize, table.cover if lazy else None)
    nlang = len(langlist)

    def word_ngrams(token: str) -> tuple[str, ...]:
        """``Detector._extract_ngrams`` on one word of normalised text (no space in it) and
        its following space if any, from a fresh n-gram buffer. After adding the character at
        ``end`` of ``' ' + token``, langdetect's buffer holds the (up to) three characters
        ending there, and it keeps the 1-, 2- and 3-grams ending there that are in the
        profile table (less ``' '``), unless that character and the one before are both
        upper case (``capitalword``)."""
        padded = " " + token
        out = []
        upper = False
        for end in range(1, len(padded)):
            ch = padded[end]
            if ch.isupper():
                if upper:
                    continue
                upper = True
            else:
                upper = False
            if ch != " " and ch in known:
                out.append(intern(ch))
            gram = padded[end - 1 : end + 1]
            if gram in known:
                out.append(intern(gram))  # one string object per n-gram across the memo
            if end >= 2:
                gram = padded[end - 2 : end + 1]
                if gram in known:
                    out.append(intern(gram))
        return tuple(out)

    class _WordMemo(dict[str, tuple[str, ...]]):
        def __missing__(self, token: str) -> tuple[str, ...]:
            if len(self) >= _TOKEN_MEMO:
                self.clear()
            value = self[token] = word_ngrams(token)
            return value

    memo = _WordMemo()

    def ngrams_of(text: str) -> list[str]:
        """``Detector.append``, ``cleaning_text`` and ``_extract_ngrams``."""
        # append (MAIL_RE needs an '@'; normalize_vi a combining mark, which is not ASCII)
        text = url_sub(" ", text)
        if "@" in text:
            text = mail_sub(" ", text)
        plain = text.isascii()
        if not plain:
            text = normalize_vi(text)
        text = text[:max_text_length]
        # (append then collapses runs of spaces: nothing below sees the difference)
        # cleaning_text (nothing to count in ASCII text: no character from U+0300 up)
        if not plain:
            non_latin = _NON_LATIN.subn("", text)[1]
            if non_latin and _few_latin(text, non_latin):
                text = _LATIN.sub("", text)
        # _extract_ngrams: a space (normalised, it stays one) resets the n-gram buffer, so the
        # text's n-grams are those of its space-separated words, each with its space, in order
        words = _TOKENS.findall(text.translate(norm_table))
        return list(chain.from_iterable(map(memo.__getitem__, words)))

    rows_get = table.built_row if lazy else table.get

    def detect_langs(text: str) -> list[tuple[str, float]]:
        """``[(code, probability), ...]`` best first, as ``langdetect.detect_langs``; ``[]``
        where langdetect raises "No features in text"."""
        ngrams = ngrams_of(text)
        if not ngrams:
            return []
        rnd = random.Random(factory.seed)  # == Random() then .seed(seed), as Detector does
        choice, gauss = rnd.choice, rnd.gauss
        langprob = [0.0] * nlang
        for _ in range(7):  # n_trial
            weight = repeat((0.5 + gauss(0.0, 1.0) * 0.05) / 10000)  # alpha / BASE_FREQ
            word = choice(ngrams)
            row = rows_get(word) or table[word]
            prob = list(map(mul, [1.0 / nlang] * nlang, map(add, row, weight)))
            step = 0
            while True:  # convergence checked at steps 0, 5, 10, ... as in _detect_block
                sump = sum(prob)
                prob = list(map(truediv, prob, repeat(sump)))
                if max(prob) > 0.99999 or step >= 1000:
                    break
                picks = [choice(ngrams) for _ in range(5)]  # the next five steps' n-grams
                factors = [map(add, rows_get(word) or table[word], weight) for word in picks]
                # p * f1 * f2 * f3 * f4 * f5 per language (a row may be longer than langlist)
                prob = list(map(prod, zip(prob, *factors, strict=False)))
                step += 5
            langprob = list(map(add, langprob, map(truediv, prob, repeat(7))))
        found = [(lang, p) for lang, p in zip(langlist, langprob, strict=True) if p > 0.1]
        found.sort(key=itemgetter(1), reverse=True)
        return found

    return ngrams_of, detect_langs
