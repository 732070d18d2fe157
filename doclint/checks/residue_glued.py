"""R101 glued-words: words run together when link text or markup was stripped.

``HBOFlight`` (acronym + word), ``Log inRegister`` (word + capitalised word),
``ShareTweet`` (two widget labels). Real camel-case words (iPhone, PowerPoint, McDonald,
DeSantis, LinkedIn, WiFi...) are left alone: a token is flagged only with evidence:

- an acronym of 2-6 capitals directly followed by a capitalised dictionary word of 3+ letters
  (``HBOFlight``, ``NYTHome``), or
- a lower-case word of 2+ letters glued to a capitalised dictionary word (``inRegister``,
  ``meetingPresident``), or
- two capitalised dictionary words where one is a typical widget / navigation label or a
  function word (``ShareTweet``, ``WashingtonThe``), or three or more glued dictionary words.

Tokens listed in ``rules/data/residue-camelcase-allow.txt`` are never flagged; tokens in code
context (``foo.barBaz(``, identifiers with digits/underscores, URLs, hashtags) are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterator, Mapping

import re2

from doclint._residue_common import CharOffsets, data_list, english_words
from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Fix, Rule

OPTIONS: dict[str, str] = {}  # no [options.residue_glued] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R101",
        name="glued-words",
        category="residue",
        severity="warning",
        message="Words glued together (missing space): {token!r}",
        summary="Words glued together by markup or link-text removal",
        rationale=(
            "When HTML is stripped without inserting spaces, adjacent link texts, menu labels "
            "and headings run together ('HBOFlight', 'ShareTweet', 'Log inRegister'). The glued "
            "token is not a word: it breaks tokenisation, search and any model trained on the "
            "text. Real camel-case names (iPhone, PowerPoint, McDonald) are not flagged."
        ),
        examples=(
            Example("In a 2009 episode of HBOFlight of the Conchords, the prime minister travels.", True),
            Example("Log inRegister for free to read the rest of this story.", True),
            Example("ShareTweet this article with your friends.", True),
            Example("The talks took place in WashingtonThe president said little.", True),
            Example("She bought an iPhone and watched YouTube on it with PowerPoint open.", False),
            Example("McDonald and MacArthur met DeSantis at LaGuardia; O'Neill used eBay.", False),
            Example("He has a PhD, uses LinkedIn, GitHub, JavaScript, iOS, macOS and WiFi.", False),
            Example("PlayStation sales and WordPress sites rose after COVID-19 in the U.S.", False),
        ),
    ),
)

# Candidate tokens: a whole run of ASCII letters holding a lower->Upper transition or
# CAPS(3+)+lower. RE2 on bytes: one linear pass that returns each run once (Python ``re``
# would retry the leading [A-Za-z]* at every position).
_RUN_RE = re2.compile(rb"[A-Za-z]*(?:[a-z][A-Z]|[A-Z]{3}[a-z])[A-Za-z]*")
_DIGIT_UNDERSCORE = frozenset(b"0123456789_")
# Segments of a token: ACRONYM (before a Capitalised word) | Capitalised/lower word | CAPS.
_SEG_RE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")

_NAME_PREFIXES = frozenset(
    "mc mac de la le di da du van von vander al el ben bin abu fitz st dos das del della des ter ten o d".split()
)
_SHORT_LOWER_OK = frozenset("in up of at by or us we my no so me an as if".split())
# sentence starters: "...in WashingtonThe president" (text nodes run together)
_JOINERS = frozenset("the this that these those but however he she they we there".split())
# Widget / navigation labels. A "strong" label glued to any dictionary word is evidence
# (ShareTweet, CreditKevin, WashingtonRead); a "weak" one (also common in brand names:
# HomeGoods, SkyNews, NextEra) only when the other part is a label too (HomeNews).
_UI_STRONG = frozenset(
    """share tweet email login logout register subscribe menu comments comment reply
    advertisement sponsored permalink newsletter credit read continue facebook twitter
    instagram pinterest whatsapp reddit linkedin tumblr flipboard youtube""".split()
)
_UI_WEAK = frozenset(
    """home print sign search news more next previous prev follow like save pin close skip top
    back contact about privacy terms advertise related video videos photos photo gallery sports
    weather opinion account cart shop download view watch listen podcast trending popular
    latest recent tags archive archives feedback help jobs careers support settings profile
    submit send post posts copy embed recommended sections topics subscribers signup""".split()
)
_UI_WORDS = _UI_STRONG | _UI_WEAK


# Typical code-identifier parts: a token ending in one of these is most likely code.
_CODE_TAILS = frozenset(
    """error exception request response element event handler listener manager factory
    builder provider service controller model view context state props component module
    interface impl buffer stream reader writer parser config options client server node
    list map set array string object type id by script edit file diff kit lab net soft works
    base hub box book pad sync code data doc server cloud link mail maker office point stream
    space ware web runner test tests name names value values key keys""".split()
)
_CODE_BEFORE = frozenset(b"./\\#@$_<`:'-")
_CODE_AFTER = frozenset(b"(./\\@_`<>=[{-")


def _allow() -> frozenset[str]:
    return data_list("residue-camelcase-allow.txt")


def _is_word(w: str, words: Container[str]) -> bool:
    return w.lower() in words


def _judge(token: str, words: Container[str], allow: frozenset[str], repeated: bool) -> list[int] | None:
    """Offsets (within ``token``) where a space is missing, or None when not glued.

    ``repeated``: the token occurs more than once in the document -- names and identifiers
    repeat, glue rarely does, so only two widget labels glued together are flagged then.
    """
    segs = [(m.start(), m.group()) for m in _SEG_RE.finditer(token)]
    if len(segs) < 2:
        return None
    k = len(segs)
    if token[0].islower() and k >= 3:
        return None  # lowerCamelCase identifier (sendCommandFeedback)

    lows = [s.lower() for _, s in segs]  # ASCII: lower-casing the parts = lower-casing the join

    def protected(i: int) -> bool:
        # the boundary between segs[i] and segs[i+1] lies inside an allow-listed sub-token
        for j in range(max(0, i - 2), i + 1):
            for e in range(i + 2, min(k, j + 4) + 1):
                if "".join(lows[j:e]) in allow:
                    return True
        return False

    breaks: list[int] = []
    for i in range(k - 1):
        a = segs[i][1]
        b_off, b = segs[i + 1]
        if not (b[0].isupper() and len(b) >= 2 and b[1:].islower()):
            continue  # b must be a Capitalised word (not OS / D / s)
        al = a.lower()
        bl = b.lower()
        if a.isupper():
            # acronym + Word: HBOFlight, NYTHome
            if (2 <= len(a) <= 6 and len(b) >= 3 and _is_word(b, words) and not repeated
                    and i + 2 == k and bl not in _CODE_TAILS and not protected(i)):
                breaks.append(b_off)
            continue
        if len(a) < 2 or al in _NAME_PREFIXES:
            continue
        if len(a) == 2 and (a[0].isupper() or al not in _SHORT_LOWER_OK):
            continue
        if not (_is_word(a, words) and _is_word(b, words)):
            continue
        if protected(i):
            continue
        both_ui = al in _UI_WORDS and bl in _UI_WORDS
        if repeated:
            evidence = both_ui
        elif a.islower():
            # "inRegister", "moreRelated"; but not code identifiers (statusText, onClick)
            evidence = (al in _SHORT_LOWER_OK and i == 0) or both_ui or al in _UI_STRONG or bl in _UI_STRONG
        else:
            evidence = both_ui or al in _UI_STRONG or bl in _UI_STRONG or bl in _JOINERS
        if evidence:
            breaks.append(b_off)
    if breaks and k > 2:
        # the token is glued: split its other word boundaries too (AboutHelpLegal)
        for i in range(k - 1):
            a = segs[i][1]
            b_off, b = segs[i + 1]
            if b_off in breaks or not (b[0].isupper() and len(b) >= 2 and b[1:].islower()):
                continue
            if len(a) >= 2 and a.lower() not in _NAME_PREFIXES and _is_word(b, words) and not protected(i):
                breaks.append(b_off)
        breaks.sort()
    return breaks or None


# Verdicts of _judge by (token, repeated): a pure function of those two (the word lists are
# fixed for the process), and the same tokens (iPhone, YouTube, ShareTweet) recur within
# and across documents
_VERDICTS: dict[tuple[bytes, bool], tuple[int, ...] | None] = {}
_VERDICTS_MAX = 50_000


def check(doc: Document, options: Options) -> Iterator[Finding]:
    text = doc.text
    # Scan UTF-8 bytes: RE2 on bytes avoids a byte->char conversion per match, and tokens
    # are ASCII letters only, so byte slices are the tokens themselves.
    data = text.encode("utf-8", "surrogatepass")
    allow = _allow()
    words: Mapping[str, int] | None = None
    n = len(data)
    spans: list[tuple[int, int]] = []
    for m in _RUN_RE.finditer(data):
        start, end = m.span()
        if end - start > 40 or (start > 0 and data[start - 1] in _DIGIT_UNDERSCORE):
            continue
        spans.append((start, end))
    if not spans:
        return
    counts = Counter(data[s:e] for s, e in spans)
    to_char = CharOffsets(data)
    for start, end in spans:
        raw = data[start:end]
        before = data[start - 1] if start > 0 else 32
        after = data[end] if end < n else 32
        # URLs, e-mail, hashtags, code (foo.barBaz(), file names), identifiers with digits
        if before in _CODE_BEFORE or after in _CODE_AFTER or 48 <= after <= 57:
            continue
        token = raw.decode("ascii")
        key = (raw, counts[raw] > 1)
        if key in _VERDICTS:
            breaks = _VERDICTS[key]
        else:
            breaks = None
            if token.lower() not in allow:
                if words is None:
                    words = english_words()
                found = _judge(token, words, allow, key[1])
                breaks = tuple(found) if found else None
            if len(_VERDICTS) >= _VERDICTS_MAX:
                _VERDICTS.clear()  # bounded: memory must not grow with the corpus
            _VERDICTS[key] = breaks
        if not breaks:
            continue
        fixed = token
        for off in reversed(breaks):
            fixed = fixed[:off] + " " + fixed[off:]
        cstart = to_char(start)
        cend = cstart + (end - start)
        yield Finding(
            "R101",
            cstart,
            cend,
            f"Words glued together (missing space): {token!r} -> {fixed!r}",
            fix=Fix(cstart, cend, fixed),
            data={"token": token, "split": fixed},
        )
