"""Disclosure detection shared by the ``disclosure`` and ``provenance`` checks.

Not a check module (no ``RULES``): :func:`scan` finds every disclosure statement of a
document once and caches the result in ``doc.cache`` so both checks use the same list.

Pipeline: one RE2 pre-filter over the whole text (trigger words, ~100 MB/s) -> for each
detector, windows of a few hundred characters around its hits -> a normalised copy of the
window (joined hard wraps, straight quotes) split into sentences -> detailed Python regexes
on the sentences that hold a hit, plus line-level label checks on the hit's line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import re2

from doclint.checks.disclosure_text import (
    RUN_CHARS,
    NormWindow,
    Words,
    fold,
    line_end_after,
    line_start_before,
    merge_windows,
    norm,
    window_bounds,
)
from doclint.document import Document
from doclint.lazyre import lazy_compile
from doclint.utf8text import Utf8Text, utf8_of

CACHE_KEY = "disclosure.scan"

RULE_OF_TYPE = {
    "fara": "D101",
    "sponsored": "D102",
    "affiliate": "D103",
    "conflict": "D104",
    "press-release": "D105",
    "ai": "D106",
}


@dataclass(frozen=True, slots=True)
class Disclosure:
    """One disclosure statement: ``[start, end)`` in the original text."""

    type: str
    start: int
    end: int
    message: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return RULE_OF_TYPE[self.type]


# --------------------------------------------------------------------------------------------
# Pre-filter: one RE2 scan, a named group per detector.

_PREFILTER_GROUPS: dict[str, str] = {
    "fara": r"on\s+behalf\s+of|department\s+of\s+justice|justice\s+department|foreign\s+agents?|\bfara\b"
    r"|registration\s+act",
    "sponsored": r"sponsor|paid\s+(?:post|content|partnership|promotion|advertis|article|feature|for\s+by)"
    r"|presented\s+by|partner(?:ed)?\s+content|advertorial|in\s+partnership\s+with|brought\s+to\s+you\s+by"
    r"|branded\s+content|promoted\s+content|(?:in\s+)?collaboration\s+with|#ad\b|#spon",
    "affiliate": r"affiliate|commission|amazon\s+associate|associates\s+program|qualifying\s+purchases|paid\s+link"
    r"|earn\s+(?:money|compensation|a\s+(?:small\s+)?(?:fee|share|cut))|receive\s+compensation",
    "conflict": r"disclos|conflicts?\s+of\s+interest|competing\s+interests?|declaration\s+of\s+interest"
    r"|owns?\s+(?:\w+\s+)?(?:shares|stock)|hold(?:s|ing)?\s+(?:\w+\s+)?(?:shares|stock|positions?)"
    r"|(?:long|short)\s+positions?|positions?\s+in\b|paid\s+(?:consultant|adviser|advisor|speaker|by)"
    r"|consult(?:s|ed|ant)\s+(?:to|for)|(?:receive[sd]?|accept(?:s|ed)?)\s+(?:\w+\s+){0,3}?(?:funding|grants?"
    r"|payments?|compensation|fees|honoraria|support)|funding\s+from|financial\s+(?:interest|relationship|ties|stake)"
    r"|\b(?:i|we)\s+(?:am|are)\s+(?:\w+\s+)?(?:long|short)\b|\bi'm\s+(?:long|short)\b|stake\s+in"
    r"|(?:shareholder|stockholder|investor)\s+(?:in|of)\b",
    "press": r"newswire|business\s+wire|accesswire|presswire|marketwired|\(prweb\)|/cnw/|newsfile\s+corp"
    r"|(?:media|press|investor|public\s+relations|pr)\s+(?:contacts?|inquiries|enquiries|relations)"
    r"|(?m:^[ \t]*(?:#[ \t]*#[ \t]*#|-30-)[ \t]*$)|(?m:^[ \t]*(?-i:About)[ \t]+(?-i:[A-Z]))"
    r"|(?m:^[ \t]*(?-i:SOURCE)[ \t]+(?-i:[A-Z]))",
    "ai": r"\bai\b|\ba\.i\.|artificial\s+intelligence|language\s+models?|\bllms?\b|chatgpt|\bgpt-?\d"
    r"|openai|generative|copilot|\bgemini\b|\bclaude\b",
}
_PREFILTER = re2.compile("(?i)" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PREFILTER_GROUPS.items()))


_GROUP_BY_INDEX = {idx: name for name, idx in _PREFILTER.groupindex.items()}
MAX_SENTENCE = 1500  # longer "sentences" (run-on text, lists without full stops) are never notices


MAX_HITS = 100_000  # trigger words per document; beyond this the text is keyword spam



def _code(kind: tuple[str, dict[str, Any]] | None) -> str | None:
    """The sentence-kind code ("A", "B", "C", "N") of a classified sentence, None when unclassified."""
    return kind[0] if kind is not None else None

def prefilter(text: str, max_hits: int = MAX_HITS, u: Utf8Text | None = None) -> dict[str, list[int]]:
    """Offsets of trigger words, by detector (at most ``max_hits`` in all); ``u``: ``Utf8Text(text)``."""
    hits: dict[str, list[int]] = {name: [] for name in _PREFILTER_GROUPS}
    lists = [hits[_GROUP_BY_INDEX[i]] if i in _GROUP_BY_INDEX else None for i in range(_PREFILTER.groups + 1)]
    n = 0
    if u is None:
        u = Utf8Text(text)
    char = u.char
    for m in _PREFILTER.finditer(u.data):  # on the UTF-8 bytes: offsets converted only here
        target = lists[m.lastindex]
        if target is not None:
            target.append(char(m.start()))
        n += 1
        if n >= max_hits:
            break
    return hits


# --------------------------------------------------------------------------------------------
# Shared vocabulary

# A sentence that reports on something (news prose) rather than stating a disclosure.
_REPORTING = lazy_compile(
    r"\b(?:said|says|saying|told|according\s+to|reported(?:ly)?|reports\s+that|records?\s+show|filings?"
    r"|documents?\s+show|spokes(?:man|woman|person)|declined\s+to|alleg(?:ed|edly|es|ation)|accused"
    r"|indict(?:ed|ment)|charged|investigat\w*|sued|lawsuit|court|judge|prosecutors?|unit\s+(?:said|found)"
    r"|revealed|disclosed\s+(?:in|that|to)|announced|has\s+been\s+criticized)\b",
    re.I,
)
# One of these words is in every _REPORTING match (a cheap test first; see Words)
_REPORTING_WORDS = Words(
    "said", "says", "saying", "told", "according", "report", "record", "filing", "document", "spokes",
    "declined", "alleg", "accused", "indict", "charged", "investigat", "sued", "lawsuit", "court", "judge",
    "prosecutor", "unit", "revealed", "disclosed", "announced", "criticized",
)


def _reporting(s: str, folded: bytes | None = None) -> bool:
    """``_REPORTING.search(s)``: does the sentence report on something (``folded``: ``fold(s)``)?"""
    return _REPORTING_WORDS(fold(s) if folded is None else folded) and _REPORTING.search(s) is not None


_NEGATION = lazy_compile(
    r"\b(?:no|not|none|nor|neither|never|without|don't|doesn't|didn't|isn't|aren't|hasn't|haven't|nothing)\b",
    re.I,
)

_SELF = (
    r"(?:this|the\s+following|the\s+above|the\s+enclosed|the\s+attached|the\s+accompanying"
    r"|parts?\s+of\s+this|portions?\s+of\s+this|sections?\s+of\s+this|some\s+of\s+this)"
)


_PARTY_STOP_PATTERNS = [
    r"\s*\((?!the\b)",
    r"\s*;",
    r",?\s+which\b",
    r",?\s+who\b",
    r",?\s+(?:and\s+)?(?:additional|further|more)\s+information\b",
    r",?\s+under\s+(?:the\s+)?(?:foreign\s+agents|fara\b|22\s+u)",
    r",?\s+as\s+(?:required|amended|defined)\b",
    r",\s+(?:a|an|its|acting|the\s+registered|registered)\b",
    r",?\s+(?:and\s+)?(?:is|are|was|were)\s+(?:registered|filed|on\s+file|available)\b",
    r",?\s+and\s+(?:has|have|its|their|additional|further|more)\b",
    r",?\s+in\s+(?:connection|accordance|compliance)\s+with\b",
    r"\s+-\s+",
    r'"\s',
    r",\s+(?:\d|suite\b|p\.?\s?o\.?\s+box\b)",
]
_PRINCIPAL_PREFIX = lazy_compile(r"^(?:its|their|the|a)\s+foreign\s+principals?\s*[,:]?\s*(?=\S)", re.I)
_PARTY_STOPS = tuple(re.compile(p, re.I) for p in _PARTY_STOP_PATTERNS)
_AGENT_STOPS = _PARTY_STOPS + (re.compile(r",?\s+on\s+behalf\s+of\b", re.I),)


def _clean_party(s: str | None, *, principal: bool = False) -> str | None:
    """Trim an extracted agent / principal / sponsor name."""
    if not s:
        return None
    s = norm(s)
    cut = len(s)
    for pat in _PARTY_STOPS if principal else _AGENT_STOPS:
        m = pat.search(s, 1)
        if m and m.start() < cut:
            cut = m.start()
    s = s[:cut]
    s = _PRINCIPAL_PREFIX.sub("", s)
    s = s.strip(" \t\"'`*_,;:.")
    # (a full stop of "Inc." / "Corp." stripped here is put back by _restore_abbrev)
    if len(s) > 160:
        s = s[:160].rsplit(" ", 1)[0]
    return s or None


def _restore_abbrev(raw: str, cleaned: str | None) -> str | None:
    if cleaned and raw.strip().startswith(cleaned):
        rest = raw.strip()[len(cleaned) :]
        if rest.startswith(".") and re.search(
            r"(?:\b(?:Inc|Corp|Ltd|Co|Jr|Sr|Bros)|\b[A-Z]\.[A-Z])$", cleaned
        ):
            return cleaned + "."
    return cleaned


# --------------------------------------------------------------------------------------------
# FARA (22 U.S.C. 614(b), 28 CFR 5.402) conspicuous statements

_FA_VERB = (
    r"(?:prepared|produced|edited|issued|distributed|disseminated|circulated|published|placed|sponsored"
    r"|paid\s+for|financed|provided|transmitted|created|presented|made\s+available|furnished|sent|operated"
    r"|maintained|managed|hosted)"
)
_FA_VERBS = (
    rf"{_FA_VERB}(?:\s*(?:,|/)\s*(?:and/or\s+|and\s+|or\s+)?{_FA_VERB}|\s+(?:and/or|and|or)\s+{_FA_VERB})*"
)
_FA_A = lazy_compile(
    rf"(?:\b(?P<aux>is|are|was|were|has\s+been|have\s+been|is\s+being|are\s+being|being)\s+)?"
    rf"(?:(?:here|hereby|herein|also)\s+)?\b{_FA_VERBS}\s+by\s+(?P<agent>.{{1,200}}?)\s*,?\s+"
    rf"(?:acting\s+)?(?:for\s+and\s+)?on\s+behalf\s+of\s+(?P<principal>.{{1,300}})",
    re.I,
)
_FA_A_REV = lazy_compile(
    rf"(?:\b(?P<aux>is|are|was|were|has\s+been|have\s+been|is\s+being|are\s+being|being)\s+)?"
    rf"\b{_FA_VERBS}\s+on\s+behalf\s+of\s+(?P<principal>.{{1,200}}?)\s*,?\s+by\s+(?P<agent>.{{1,200}})",
    re.I,
)
_FA_A_ACTIVE = lazy_compile(
    r"^[\"'(*_\s]*(?P<agent>[A-Z][^,;:.]{1,120}?(?:,\s*(?:LLC|Inc\.?|Ltd\.?|LLP|L\.L\.C\.|PLLC))?)\s+(?:is\s+)?"
    r"(?:distribut(?:es|ing|ed)|disseminat(?:es|ing|ed)|circulat(?:es|ing|ed)|prepar(?:es|ing|ed)|publish(?:es|ing|ed)"
    r"|provid(?:es|ing|ed)|produc(?:es|ing|ed)|operat(?:es|ing|ed)|maintain(?:s|ing|ed))\s+(?:this|these)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:materials?|information|content|video|communications?|publications?|advertisements?"
    r"|mailings?|documents?|web\s*site|site|page)\s+on\s+behalf\s+of\s+(?P<principal>.{1,300})",
)
# "Distributed by X, a registered foreign agent." / "Paid for by the Government of Y." (parts of a notice)
_FA_AGENT_ONLY = lazy_compile(
    rf"^[\"'(*_\s]*(?:(?:this|these)\s+[\w\s]{{0,30}}?(?:is|are)\s+)?{_FA_VERBS}\s+by\s+(?P<agent>[^,;]{{1,150}}?)\s*,\s*"
    r"(?:a|an|which\s+is\s+a)\s+registered\s+(?:foreign\s+)?agent\b",
    re.I,
)
_FA_PAID_BY = lazy_compile(
    r"^[\"'(*_\s]*(?:(?:this|these)\s+[\w\s]{0,30}?(?:is|are|was|were)\s+)?(?:paid\s+for|sponsored|funded|financed)"
    r"\s+by\s+(?P<principal>(?:the\s+)?(?:(?:royal\s+)?embassy|government|ministry|consulate|kingdom|republic"
    r"|state|office|people's|federal|royal)\b.{1,200})",
    re.I,
)
_FA_SELF_SUBJ = lazy_compile(
    rf"^[\"'(\s]*{_SELF}\b|^[\"'(\s]*(?:these|such|all)\s+(?:informational\s+)?materials?\b"
    rf"|^[\"'(\s]*(?:informational\s+)?materials?\b",
    re.I,
)
_FA_ANCHOR = lazy_compile(
    r"foreign\s+agents?\s+registration|\bFARA\b|22\s+U\.?\s?S\.?\s?C\.?\s+(?:\u00a7\s*)?61[1-9]"
    r"|(?:on\s+file|registered|filed|available)\s+(?:with|at|from)\s+the\s+(?:U\.?\s?S\.?\s+)?"
    r"(?:department\s+of\s+justice|justice\s+department)"
    r"|(?:department\s+of\s+justice|justice\s+department|\bDOJ\b),?\s+(?:in\s+)?washington",
    re.I,
)
_FA_C = lazy_compile(
    r"(?:(?:additional|further|more)\s+information\b.{0,120}?\b(?:is|are|can\s+be|may\s+be)\s+"
    r"(?:on\s+file|available|filed|found|obtained|kept)\b"
    r"|\b(?:is|are)\s+(?:on\s+file|filed|registered)\s+with\b)"
    r".{0,160}?(?:department\s+of\s+justice|justice\s+department|\bDOJ\b|foreign\s+agents?\s+registration)",
    re.I,
)
# "More information about the case is available at the Justice Department's website" is a DOJ press
# release, not a FARA notice: without Washington / FARA wording such sentences do not count
_FA_C_FORMAL = lazy_compile(
    r"washington|foreign\s+agents?\s+registration|\bFARA\b|registration\s+(?:unit|section)", re.I
)
_FA_C_PROSE = lazy_compile(
    r"web\s*site|www\.|\.gov\b|online|press\s+release|\bcase\b|investigation|indictment|settlement|complaint"
    r"|program|grant|'s\b",
    re.I,
)
_FA_B = lazy_compile(
    r"(?:\b(?:is|are)(?:\s+an?)?|,\s*(?:which|who)\s+(?:is|are)(?:\s+an?)?|,\s*(?:a|an))\s+"
    r"(?:(?:currently|duly)\s+)?registered\b"
    r"(?P<mid>.{0,200}?)\b(?:(?:as\s+(?:an?\s+)?)?(?:foreign\s+)?agents?\s+(?:of|for)|on\s+behalf\s+of)\s+"
    r"(?P<principal>.{2,300})",
    re.I,
)
_FA_B_ANCHOR = lazy_compile(
    r"foreign\s+agents?\s+registration|\bFARA\b|department\s+of\s+justice|justice\s+department|\bDOJ\b", re.I
)
_FA_B_BY = lazy_compile(r"\bby\s+(?P<agent>[^;]{1,150}?)\s*$", re.I)


_FA_WORDS = (
    "behalf",
    "justice",
    "fara",
    "regist",
    "doj",
    "u.s.c",
    "usc",
    "paid for",
    "sponsored by",
    "funded by",
)


# words that every match of the patterns holds
_FA_BEHALF = Words("behalf")  # _FA_A, _FA_A_REV, _FA_A_ACTIVE
_FA_AGENT = Words("agent")  # _FA_AGENT_ONLY
_FA_PAID = Words("paid", "sponsored", "funded", "financed")  # _FA_PAID_BY
_FA_REGISTERED = Words("registered")  # _FA_B
_FA_C_WORDS = Words("justice", "doj", "registration")


def _fara_sentence(s: str) -> tuple[str, dict[str, Any]] | None:
    """Classify one normalised sentence: ('A'|'B'|'C'|'N', data) or None."""
    low = s.lower()
    if not any(w in low for w in _FA_WORDS):
        return None
    folded = fold(s)
    if _reporting(s, folded):
        return None
    has_anchor = bool(_FA_ANCHOR.search(s))
    behalf = _FA_BEHALF(folded)
    for pat in (_FA_A, _FA_A_REV) if behalf else ():
        m = pat.search(s)
        if not m:
            continue
        subject = s[: m.start()].strip(" \"'(*_")
        aux = (m.group("aux") or "").lower()
        if not aux:
            ok = subject == "" or subject.endswith(":")
        elif aux.startswith(("was", "were", "has", "have")):
            ok = bool(_FA_SELF_SUBJ.search(s[: m.start()] + " "))
        else:
            ok = len(subject.split()) <= 14
        if ok:
            agent = _restore_abbrev(
                m.group("agent"), _clean_party(m.group("agent"), principal=pat is _FA_A_REV)
            )
            principal = _restore_abbrev(
                m.group("principal"), _clean_party(m.group("principal"), principal=True)
            )
            return "A", {"agent": agent, "principal": principal, "anchor": has_anchor}
    m = _FA_A_ACTIVE.search(s) if behalf else None
    if m:
        agent = _restore_abbrev(m.group("agent"), _clean_party(m.group("agent")))
        principal = _restore_abbrev(m.group("principal"), _clean_party(m.group("principal"), principal=True))
        return "A", {"agent": agent, "principal": principal, "anchor": has_anchor}
    m = _FA_AGENT_ONLY.search(s) if _FA_AGENT(folded) else None
    if m:
        agent = _restore_abbrev(m.group("agent"), _clean_party(m.group("agent")))
        return "A", {"agent": agent, "principal": None, "anchor": has_anchor}
    m = _FA_PAID_BY.search(s) if _FA_PAID(folded) else None
    if m:
        principal = _restore_abbrev(m.group("principal"), _clean_party(m.group("principal"), principal=True))
        return "P", {"agent": None, "principal": principal, "anchor": has_anchor}
    m = _FA_B.search(s) if _FA_REGISTERED(folded) else None
    if m:
        b_anchor = bool(_FA_B_ANCHOR.search(m.group("mid") or "") or _FA_B_ANCHOR.search(s[m.end("mid") :]))
        principal = _restore_abbrev(m.group("principal"), _clean_party(m.group("principal"), principal=True))
        before = s[: m.start()]
        agent = None
        bm = _FA_B_BY.search(before)
        if bm:
            agent = _restore_abbrev(bm.group("agent"), _clean_party(bm.group("agent")))
        else:
            subj = before.strip(" \"',")
            if subj and len(subj.split()) <= 12:
                agent = _clean_party(subj)
        if b_anchor:
            return "B", {"agent": agent, "principal": principal, "anchor": True}
        # "X is a registered foreign agent of Y." without FARA / DOJ: needs a DOJ sentence next to it
        return "A", {"agent": agent, "principal": principal, "anchor": has_anchor}
    if _FA_C_WORDS(folded) and _FA_C.search(s) and (_FA_C_FORMAL.search(s) or not _FA_C_PROSE.search(s)):
        return "C", {}
    if has_anchor:
        return "N", {}
    return None


def _detect_fara(doc: Document, hits: list[int]) -> list[Disclosure]:
    text = doc.text
    out: list[Disclosure] = []
    windows = merge_windows([window_bounds(text, h, 700) for h in hits])
    for a, b in windows:
        w = NormWindow(text, a, b)
        sents = w.sentences()
        kinds: list[tuple[str, dict[str, Any]] | None] = []
        for i, (s, e) in enumerate(sents):
            partial = (i == 0 and a > 0 and text[a - 1] != "\n") or (
                i == len(sents) - 1 and b < len(text) and text[b] != "\n"
            )
            kinds.append(None if partial or e - s > MAX_SENTENCE else _fara_sentence(w.text[s:e]))
        i = 0
        while i < len(sents):
            if kinds[i] is None:
                i += 1
                continue
            j = i
            while j + 1 < len(sents) and kinds[j + 1] is not None:
                j += 1
            run = [k for k in kinds[i : j + 1] if k is not None]
            codes = {k[0] for k in run}
            valid = bool(codes & {"B", "C"}) or (
                "A" in codes and ("N" in codes or any(k[0] == "A" and k[1].get("anchor") for k in run))
            )
            if valid:
                # drop bare FARA mentions in a neighbouring paragraph (prose about the law)
                while _code(kinds[i]) == "N" and "\n" in w.text[sents[i][1] : sents[i + 1][0] + 1]:
                    i += 1
                k2 = j
                while _code(kinds[k2]) == "N" and "\n" in w.text[sents[k2 - 1][1] : sents[k2][0] + 1]:
                    k2 -= 1
                agent = principal = None
                for k in run:  # the first statement that names both wins; else the first of each
                    if k[0] in ("A", "B") and k[1].get("agent") and k[1].get("principal"):
                        agent, principal = k[1]["agent"], k[1]["principal"]
                        break
                else:
                    agent = next((k[1]["agent"] for k in run if k[1].get("agent")), None)
                    principal = next((k[1]["principal"] for k in run if k[1].get("principal")), None)
                ns, ne = sents[i][0], sents[k2][1]
                start, end = w.span(ns, ne)
                start, end = _widen_quotes(text, start, end)
                if agent and principal:
                    msg = f"Foreign-agent (FARA) notice: distributed by {agent!r} on behalf of {principal!r}"
                elif principal:
                    msg = f"Foreign-agent (FARA) notice on behalf of {principal!r}"
                else:
                    msg = "Foreign-agent (FARA) notice (Department of Justice statement)"
                out.append(
                    Disclosure(
                        "fara", start, end, msg, {"type": "fara", "agent": agent, "principal": principal}
                    )
                )
            i = j + 1
    return out


_OPEN_Q = "\"'\u201c\u2018\u00ab\u201e"
_CLOSE_Q = "\"'\u201d\u2019\u00bb"


def _widen_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Include an opening quote right before and a closing quote right after the span."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i > 0 and text[i - 1] in _OPEN_Q:
        start = i - 1
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    if j < len(text) and text[j] in _CLOSE_Q:
        end = j + 1
    return start, end


# --------------------------------------------------------------------------------------------
# Sponsored / paid content

_LABEL_STRIP = lazy_compile(r"^[\s*_#>|\[\](){}=~-]+|[\s*_#>|\[\](){}=~.:!-]+$")
_SPONSOR_LABEL = lazy_compile(
    r"^(?P<label>sponsored(?:\s+(?:content|post|article|story|feature|message|editorial|report|section))?"
    r"|paid\s+(?:post|content|partnership|promotion|advertisement|advertising|article|feature|placement|for)"
    r"|partner(?:ed)?\s+content|advertorial|advertiser\s+content|branded\s+content|promoted\s+content"
    r"|presented|in\s+partnership|produced\s+in\s+partnership|brought\s+to\s+you|in\s+association)"
    r"(?:\s*(?::|\bby\b|\bfrom\b|\bwith\b|\bfor\b)\s*(?P<sponsor>.+))?$",
    re.I,
)
_NEEDS_SPONSOR = lazy_compile(
    r"^(?:presented|in\s+partnership|produced\s+in\s+partnership|brought\s+to\s+you|in\s+association|paid\s+for)$",
    re.I,
)
_SPONSOR_SENT = lazy_compile(
    rf"(?:{_SELF}|today's|this\s+week's|this\s+month's)\s+(?:[\w'-]+\s+){{0,2}}?(?:article|post|content|story"
    rf"|video|series|newsletter|podcast|episode|show|guide|review|page|feature|piece|report|segment|list|roundup"
    rf"|webinar|section|advertisement|promotion|message|email|issue|coverage|site|website|blog|trip|travel|stay"
    rf"|tour|visit)s?\s+(?:is|are|was|were|has\s+been|have\s+been|is\s+being)\s+"
    rf"(?:(?:made\s+possible|sponsored|paid\s+for|underwritten|brought\s+to\s+you|presented|produced|created"
    rf"|written|published|developed)\s+(?:(?:in\s+(?:partnership|collaboration|association)\s+with"
    rf"|on\s+behalf\s+of|for\s+and\s+paid\s+for\s+by)|by)\s+(?P<sponsor>.+)"
    rf"|(?P<bare>sponsored|paid\s+for|an?\s+(?:paid|sponsored)\s+\w+|an?\s+advertorial|(?:a\s+)?paid"
    rf"\s+(?:post|content|advertisement|promotion|partnership)|advertising|an\s+advertisement))",
    re.I,
)
_SPONSOR_SENT2 = lazy_compile(
    r"^[\"'(\s]*(?:this\s+is|the\s+following\s+is|what\s+follows\s+is)\s+(?:an?\s+)?(?:paid|sponsored)\s+"
    r"(?:post|article|content|story|feature|advertisement|message|promotion|placement)"
    r"(?:\s+(?:by|from|for|on\s+behalf\s+of)\s+(?P<sponsor>.+))?"
    r"|^[\"'(\s]*(?:this\s+is|the\s+following\s+is)\s+(?:an?\s+)?advertorial",
    re.I,
)
_WRITTEN_BY_ONLY = lazy_compile(r"^(?:written|published|developed|produced|created)\b", re.I)


def _sponsor_name(raw: str | None) -> str | None:
    name = _clean_party(raw)
    if name:
        name = re.split(
            r"\s+(?:and\s+(?:is|does|was|the\s+views)|to\s+(?:help|promote|highlight)|,\s+and)\b", name
        )[0]
        name = _restore_abbrev(raw or "", name.strip(" ,."))
    return name or None


def _sponsored_line(line: str) -> tuple[str, str | None] | None:
    s = _LABEL_STRIP.sub("", norm(line))
    if not s or len(s.split()) > 10:
        return None
    m = _SPONSOR_LABEL.match(s)
    if not m:
        return None
    label = m.group("label")
    sponsor = m.group("sponsor")
    if _NEEDS_SPONSOR.match(label) and not sponsor:
        return None
    if sponsor:
        sponsor = sponsor.strip(" :")
        # the sponsor of a label is a name: capitalised, short
        if not sponsor or not (sponsor[0].isupper() or sponsor[0].isdigit()) or len(sponsor.split()) > 7:
            return None
        if re.match(
            r"(?:sen|senator|rep|representative|del|delegate|assemblymember|assemblyman|assemblywoman|councilmember"
            r"|council\s+member|councilman|councilwoman|congressman|congresswoman|gov|governor|alderman|mp)\b\.?",
            sponsor,
            re.I,
        ):
            return None  # a bill's sponsor, not a paying advertiser
        if re.match(
            r"(?:the\s+)?(?:city|mayor|government|state|county|department|ministry)\b", sponsor, re.I
        ) and (label.lower().startswith(("presented", "in partnership", "in association"))):
            return None
    return label, _sponsor_name(sponsor)


_SPONSOR_TAG = lazy_compile(r"(?:^|\s)#(?:ad|sponsored|spon|paidpartnership|paidpost|advertisement)\b", re.I)


# Every _SPONSOR_SENT / _SPONSOR_SENT2 match holds one of these words (_SELF, today's, ..., follows)
_SPONSOR_SENT_WORDS = Words(
    "this", "following", "follows", "above", "enclosed", "attached", "accompanying", "today's", "week's", "month's"
)
# ... and every _SPONSOR_SENT match one of its nouns
_SPONSOR_SENT_NOUNS = Words(
    "article", "post", "content", "story", "video", "series", "newsletter", "podcast", "episode", "show", "guide",
    "review", "page", "feature", "piece", "report", "segment", "list", "roundup", "webinar", "section",
    "advertisement", "promotion", "message", "email", "issue", "coverage", "site", "blog", "trip", "travel",
    "stay", "tour", "visit",
)


def _sponsored_sentence(s: str) -> tuple[str, str | None] | None:
    if "#" in s and _SPONSOR_TAG.search(s):
        return "hashtag", None
    folded = fold(s)
    if _reporting(s, folded) or not _SPONSOR_SENT_WORDS(folded):
        return None
    m = _SPONSOR_SENT2.search(s)
    if m:
        return "sponsored", _sponsor_name(m.group("sponsor"))
    m = _SPONSOR_SENT.search(s) if _SPONSOR_SENT_NOUNS(folded) else None
    if not m:
        return None
    if m.group("sponsor") is not None:
        verb_part = m.group(0)[: m.start("sponsor") - m.start()]
        vm = re.search(
            r"(?:made\s+possible|sponsored|paid\s+for|underwritten|brought\s+to\s+you|presented|produced|created"
            r"|written|published|developed)\s+(.*)$",
            verb_part,
            re.I,
        )
        verb = vm.group(0) if vm else verb_part
        if _WRITTEN_BY_ONLY.match(verb) and re.search(r"\bby\s*$", verb, re.I):
            return None  # "This article was written by Jane Doe" is a byline, not sponsorship
        return "sponsored", _sponsor_name(m.group("sponsor"))
    return "sponsored", None


# --------------------------------------------------------------------------------------------
# Affiliate links

_AFF_AMAZON = lazy_compile(
    r"\bas\s+an?\s+amazon\s+associates?\b|\bamazon\s+services\s+llc\s+associates\s+program\b"
    r"|\b(?:earns?|earning)\s+(?:us|me|the\s+site|this\s+site)\s+(?:an?\s+)?(?:small\s+)?(?:affiliate\s+)?"
    r"(?:commission|fee)",
    re.I,
)
_AFF_EARN = lazy_compile(
    r"\b(?:we|i|us|our\s+(?:site|team|editors?|company)|this\s+(?:site|website|blog|page|publication|channel"
    r"|newsletter))\b(?:\s+[\w']+){0,4}?\s+(?:earns?|receives?|gets?|makes?|collects?|be\s+paid|is\s+paid|are\s+paid)"
    r"\s+(?:an?\s+)?(?:small\s+|tiny\s+|modest\s+)?(?:affiliate\s+)?(?P<what>commissions?|compensation|fees?|referral"
    r"\s+fees?|(?:a\s+)?(?:share|portion|cut|percentage)\s+of|money|revenue)",
    re.I,
)
_AFF_COMMERCE = lazy_compile(
    r"\b(?:links?|purchases?|buy|bought|click|retailers?|products?|sales|orders?|amazon|no\s+(?:additional|extra)"
    r"\s+cost|affiliate|partners?|merchants?)\b",
    re.I,
)
_AFF_LINKS = lazy_compile(
    r"\b(?:this|the|our)\s+(?:[\w-]+\s+){0,2}?(?:post|article|page|site|website|blog|review|guide|video|content"
    r"|newsletter|list|story|email|description|roundup)s?\b.{0,80}?\b(?:contains?|includes?|uses?|features?|has"
    r"|may\s+(?:contain|include|use|have)|might\s+contain)\s+(?:[\w-]+\s+){0,2}?affiliate\s+links?"
    r"|\b(?:some|certain|all|many|most)\s+(?:of\s+)?(?:the\s+|our\s+|these\s+)?(?:links?|products?)\b.{0,60}?\b"
    r"(?:are|is|may\s+be|might\s+be|could\s+be)\s+(?:an?\s+)?affiliate\s+links?"
    r"|\b(?:links?\s+(?:below|above|on\s+this\s+\w+|in\s+this\s+\w+)|these\s+links|the\s+links\s+(?:below|above))"
    r"\s+(?:are|may\s+be|might\s+be)\s+affiliate\b"
    r"|\baffiliate\s+links?\s+(?:are|is|may\s+be)\s+(?:used|included)\s+(?:in|on|throughout)\s+this\b"
    r"|(?:\(|\[)\s*(?:affiliate|paid)\s+link\s*(?:\)|\])"
    r"|\b(?:we|i)\s+(?:use|include|may\s+use)\s+affiliate\s+links\b",
    re.I,
)
_AFF_LABEL = lazy_compile(
    r"^(?:affiliate\s+(?:disclosure|disclaimer|notice|links?)|ftc\s+disclosure|\*?\s*affiliate\s+link)$", re.I
)


# words that every match of the pattern holds
_AFF_AMAZON_WORDS = Words("amazon", "earn")
_AFF_LINKS_WORDS = Words("affiliate", "paid")
_AFF_LINKS_LINK = Words("link")
_AFF_EARN_WORDS = Words(
    "commission", "compensation", "fee", "share", "portion", "cut", "percentage", "money", "revenue"
)


def _affiliate_sentence(s: str) -> str | None:
    folded = fold(s)
    m = _AFF_AMAZON.search(s) if _AFF_AMAZON_WORDS(folded) else None
    if m:
        return "amazon-associate" if "amazon" in m.group(0).lower() else "commission"
    if _reporting(s, folded):
        return None
    if _AFF_LINKS_WORDS(folded) and _AFF_LINKS_LINK(folded) and _AFF_LINKS.search(s):
        return "affiliate-links"
    m = _AFF_EARN.search(s) if _AFF_EARN_WORDS(folded) else None
    if m:
        what = m.group("what").lower()
        if _NEGATION.search(s[: m.start("what")]) and not re.search(
            r"\bat\s+no\s+(?:additional|extra)", s, re.I
        ):
            return None
        if what.startswith("commission") or _AFF_COMMERCE.search(s):
            return "commission"
    return None


# --------------------------------------------------------------------------------------------
# Author conflicts of interest

_COI_LABEL = lazy_compile(
    r"^[\"'(\s*_]*(?:(?:author(?:'s)?\s+|financial\s+|editor's\s+)?disclosures?(?:\s+statement)?|conflicts?\s+of\s+interests?"
    r"|competing\s+interests?|declarations?\s+of\s+(?:competing\s+)?interests?|disclaimer|full\s+disclosure"
    r"|editor's\s+note)\s*[:.-]\s*",
    re.I,
)
_COI_LABEL_LINE = lazy_compile(
    r"^(?:(?:author(?:'s)?\s+|financial\s+)?disclosures?(?:\s+statement)?|conflicts?\s+of\s+interests?"
    r"|competing\s+interests?|declarations?\s+of\s+(?:competing\s+)?interests?|full\s+disclosure)$",
    re.I,
)
_COI_SUBJ = (
    r"(?:the\s+(?:authors?|writers?|columnists?|reporters?|contributors?|analysts?)(?:\s+of\s+this\s+\w+)?"
    r"|this\s+(?:author|writer|columnist|reporter|contributor|analyst)|i|we|my\s+(?:firm|fund|family|spouse|wife|husband)"
    r"|our\s+(?:firm|fund|company))"
)
_COI_CUE = lazy_compile(
    r"\b(?:own|owns|hold|holds|have|has|had|held|maintain|maintains)\s+(?:[\w-]+\s+){0,3}?(?:shares?|stock|stocks"
    r"|equity|options|units|stake|interest|investments?|positions?)\s+(?:in|of)\b(?P<cp1>.*)"
    r"|\b(?:am|is|are|'m)\s+(?:currently\s+|also\s+)?(?:long|short)\b(?P<cp2>.*)"
    r"|\b(?:hold|holds|have|has|maintain|maintains|had)\s+(?:an?\s+)?(?:beneficial\s+|net\s+)?(?:long|short)\s+"
    r"positions?\b(?:\s+in\b)?(?P<cp3>.*)"
    r"|\b(?:is|are|am|was|were|has\s+been|have\s+been|serves?\s+as)\s+(?:an?\s+)?paid\s+(?:[\w-]+\s+){0,2}?"
    r"(?:consultant|adviser|advisor|speaker|contributor|spokes\w+|lobbyist|member|expert|witness|employee)"
    r"(?:\s+(?:to|for|of|by|at)\b)?(?P<cp4>.*)"
    r"|\b(?:has|have|had)\s+(?:previously\s+|also\s+|in\s+the\s+past\s+)?(?:received|accepted|been\s+paid)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:funding|grants?|payments?|compensation|fees|honorari(?:a|um)|money|research\s+support"
    r"|support|donations?|contributions?)?\s*(?:from|by)\b(?P<cp5>.*)"
    r"|\b(?:receives?|received|accepts?|accepted)\s+(?:[\w-]+\s+){0,3}?(?:funding|grants?|payments?|compensation|fees"
    r"|honorari(?:a|um)|research\s+support)\s+from\b(?P<cp6>.*)"
    r"|\b(?:consults?|consulted|has\s+consulted|have\s+consulted|works?|worked|has\s+worked)\s+(?:as\s+a\s+consultant\s+)?"
    r"for\b(?P<cp7>.*)"
    r"|\b(?:is|am|are|was)\s+(?:an?\s+)?(?:shareholder|stockholder|investor)\s+(?:in|of)\b(?P<cp11>.*)"
    r"|\b(?:is|am|are|was)\s+(?:an?\s+)?(?:employee|partner|director|board\s+member|adviser|advisor|consultant)"
    r"\s+(?:in|of|at|to|for)\b(?P<cp8>.*)"
    r"|\bhas\s+an?\s+(?:financial|business|commercial)\s+(?:interest|relationship|stake)\s+(?:in|with)\b(?P<cp9>.*)"
    r"|\b(?:is|am|are)\s+(?:compensated|paid)\s+by\b(?P<cp10>.*)",
    re.I,
)
# every _COI_CUE match holds one of these words
_COI_CUE_WORDS = Words(
    "share", "stock", "equity", "option", "unit", "stake", "interest", "investment", "position", "long", "short",
    "paid", "receive", "accept", "consult", "work", "investor", "employee", "partner", "director", "board",
    "advis", "relationship", "compensated",
)
# cues that show a financial tie on their own (vs. "works for", "is a director of", which are affiliations)
_COI_STRONG = frozenset({"cp1", "cp2", "cp3", "cp4", "cp5", "cp6", "cp9", "cp10", "cp11"})
_NAME = r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w'.-]+(?:\s+(?:[A-Z][\w'.-]*|de|van|von|der|bin|al|da|di|la|le)){1,3}"
_NAME_SUBJ = lazy_compile(rf"^[\"'(\s*_-]*(?P<name>{_NAME})(?:,\s*[^,]{{2,80}},)?\s+", re.U)


def _counterparty(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()
    raw = re.sub(
        r"^(?:the\s+)?(?:common\s+)?(?:shares|stock|stocks|equity|securities)\s+(?:of|in)\s+",
        "",
        raw,
        flags=re.I,
    )
    raw = re.split(r"\s+(?:either|through|via|directly|indirectly|and\s+(?=[a-z]))\b", raw)[0]
    raw = re.split(
        r"[.;(]\s|\s+(?:but|and\s+(?:has|is|does|have|am|are|was|hold|holds|own|owns|receive[sd]?|may|will)|which|who"
        r"|since|through|as\s+well|via)\b|,\s+",
        raw,
    )[0]
    return _clean_party(raw)


_I_WE = lazy_compile(r"\bI\s+am\s*/\s*we\s+are\b|\bI\s*/\s*we\b|\bI\s*/\s*us\b")


def _conflict_sentence(
    s: str, *, labeled: bool, names: Iterable[str], line_start: bool, edge: bool
) -> tuple[str, str | None] | None:
    """(party, counterparty) when ``s`` states a financial interest of the author."""
    body = _I_WE.sub(lambda m: "I am" if m.group(0).lower().startswith("i am") else "I", s) if "/" in s else s
    lm = _COI_LABEL.match(body)
    if lm:
        labeled = True
        body = body[lm.end() :]
    folded = fold(body)
    if _reporting(body, folded) or not _COI_CUE_WORDS(folded):
        return None
    m = _COI_CUE.search(body)
    if not m:
        return None
    group = next((g for g, v in m.groupdict().items() if v is not None), "")
    cp_raw = m.group(group) if group else None
    # negation before the cue, in the same clause ("has no position in", "does not own shares")
    clause_start = max(body.rfind(", but", 0, m.start()), body.rfind(";", 0, m.start()), 0)
    if _NEGATION.search(body[clause_start : m.start() + len(m.group(0)) - len(cp_raw or "")]):
        return None
    subject = body[: m.start()].strip(" \"'(,")
    # "long"/"short" cues need a first-person or author subject (not "the market is long ...")
    subj_author = re.fullmatch(
        rf"(?:{_COI_SUBJ})(?:\s+(?:also|currently|personally|may|might|will))?", subject, re.I
    )
    party: str | None = None
    if subj_author:
        party = subject
    else:
        nm = _NAME_SUBJ.match(body)
        nm_name = nm.group("name") if nm else ""
        name_known = bool(nm) and any(n and nm_name.endswith(n.split()[-1]) for n in names)
        if nm and (name_known or labeled or (line_start and edge)) and len(subject.split()) <= 12:
            party = nm.group("name")
        elif labeled and len(subject.split()) <= 12 and subject[:1].isupper():
            party = subject
    if party is None:
        return None
    if group not in _COI_STRONG and not labeled:
        return None
    if group == "cp2":
        tail = (cp_raw or "").strip()
        if not re.match(r"(?:[A-Z$]|shares\b|the\s+(?:stock|shares)\b|positions?\b)", tail):
            return None
    return party, _counterparty(cp_raw)


# --------------------------------------------------------------------------------------------
# AI-generated content

_AI_TERM = (
    r"(?:(?-i:AI|A\.I\.)(?:\s+(?:tools?|systems?|models?|assistants?|software|chatbots?))?"
    r"|artificial\s+intelligence(?:\s+tools?)?|(?:an?\s+)?(?:large\s+)?language\s+models?|(?-i:LLMs?)|ChatGPT"
    r"|GPT-?\d[\w.]*|OpenAI(?:'s)?(?:\s+\w+)?|(?-i:(?:Claude|Gemini|Bard)(?!\s+[A-Z]))|(?:Microsoft\s+)?Copilot"
    r"|generative\s+(?:AI|tools?|models?)|machine\s+learning"
    r"|an?\s+(?:(?-i:AI)|automated|generative)\s+(?:tool|system|model|chatbot|bot|assistant)|an?\s+chatbot"
    r"|automated\s+(?:tools?|systems?))"
)
_AI_SENT = lazy_compile(
    rf"{_SELF}\s+(?:[\w'-]+\s+){{0,2}}?(?:article|story|post|content|text|summary|summaries|piece|report|page"
    rf"|newsletter|translation|essay|review|description|answer|response|transcript|image|blog|recap|briefing|copy"
    rf"|material|section|paragraph)s?\s+(?:(?:was|were|is|are|has\s+been|have\s+been|may\s+have\s+been|may\s+be)\s+)"
    rf"(?:[\w-]+\s+){{0,2}}?(?:generated|written|created|produced|drafted|composed|translated|summari[sz]ed|assisted"
    rf"|prepared|edited|compiled|enhanced|augmented|co-written|authored|made)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:with|by|using|via|through|from|in\s+collaboration\s+with)\s+(?:[\w'-]+\s+){{0,5}}?{_AI_TERM}(?![\w-])"
    rf"|{_SELF}\s+(?:[\w'-]+\s+){{0,2}}?(?:article|story|post|content|text|summary|piece|report|page|newsletter"
    rf"|translation|essay|review)\s+(?:is|was|has\s+been)\s+(?:an?\s+)?(?:partially\s+|partly\s+|fully\s+)?"
    rf"(?:AI|A\.I\.)[-\s](?:generated|assisted|written|created|produced|augmented)"
    rf"|{_SELF}\s+is\s+an?\s+(?:AI|A\.I\.)[-\s](?:generated|assisted|written|created|produced)\s+"
    rf"(?:article|story|post|content|text|summary|piece|report)"
    rf"|\b(?:we|I)\s+(?:\w+\s+){{0,2}}?used?\s+(?:[\w'-]+\s+){{0,3}}?{_AI_TERM}\s+(?:[\w-]+\s+){{0,3}}?to\s+"
    rf"(?:help\s+(?:us\s+|me\s+)?)?(?:write|generate|create|produce|draft|translate|summari[sz]e|research|edit|compose)"
    rf"\s+(?:[\w-]+\s+){{0,2}}?(?:this|the)\s+(?:article|story|post|piece|content|summary|report|text|newsletter)",
    re.I,
)
_AI_SENT2 = lazy_compile(
    rf"\b{_AI_TERM}\s+(?:was|were|has\s+been|have\s+been|is)\s+used\s+(?:to|in|for)\s+(?:help\s+)?"
    rf"(?:write|writing|generate|generating|create|creating|produce|producing|draft|drafting|prepare|preparing"
    rf"|translate|translating|summari[sz]e|summari[sz]ing)\s+(?:[\w-]+\s+){{0,2}}?(?:this|the)\s+"
    rf"(?:article|story|post|piece|content|summary|report|text|newsletter)",
    re.I,
)
_AI_LABEL = lazy_compile(
    rf"^(?:(?:this\s+(?:article|story|post|content)\s+is\s+)?(?:AI|A\.I\.)[-\s](?:generated|assisted|written|created"
    rf"|produced|powered)(?:\s+(?:content|article|story|post|summary|text|news|report|with\s+human\s+review))?"
    rf"|(?:generated|written|created|produced|drafted|assisted)\s+(?:with|by|using)\s+(?:the\s+(?:help|assistance|aid)"
    rf"\s+of\s+)?{_AI_TERM}(?:\s+and\s+(?:reviewed|edited|checked|verified)\s+by\s+.+)?"
    rf"|(?:AI|A\.I\.)\s+(?:disclosure|disclaimer|notice))$",
    re.I,
)


# Every _AI_SENT / _AI_SENT2 match holds a word of each (_SELF or "use"; the verbs; the nouns); every
# _AI_LABEL match starts with one of _AI_LABEL_START
_AI_SENT_SUBJECT = Words("this", "following", "above", "enclosed", "attached", "accompanying", "use")
_AI_SENT_VERB = Words(
    "generat", "writ", "creat", "produc", "draft", "compos", "translat", "summari", "assist", "prepar", "edit",
    "compil", "enhanc", "augment", "author", "made", "research",
)
_AI_SENT_NOUN = Words(
    "article", "story", "post", "content", "text", "summar", "piece", "report", "page", "newsletter", "translation",
    "essay", "review", "description", "answer", "response", "transcript", "image", "blog", "recap", "briefing",
    "copy", "material", "section", "paragraph",
)
# ... and holds one of _AI_LABEL_WORDS
_AI_LABEL_WORDS = Words(
    "generated", "assisted", "written", "created", "produced", "powered", "drafted", "disclosure", "disclaimer",
    "notice",
)
_AI_LABEL_START = (
    b"this", b"ai", b"a.i", b"generated", b"written", b"created", b"produced", b"drafted", b"assisted"
)


# --------------------------------------------------------------------------------------------
# Press releases

_WIRE = lazy_compile(
    r"(?P<prn>/\s*PR\s?Newswire(?:-[A-Za-z]+)?\s*/|\(\s*PR\s?Newswire\s*\))"
    r"|(?P<bw>\(\s*BUSINESS\s+WIRE\s*\)|(?-i:BUSINESS\s+WIRE)\s*(?:--|-|\u2014)|(?:--|\u2014|\u2013|-)\s*Business\s+Wire\b)"
    r"|(?P<gnw>(?-i:GLOBE\s+NEWSWIRE)|\(\s*GlobeNewswire\s*\))"
    r"|(?P<acc>\(\s*ACCESSWIRE\s*\)|/\s*ACCESSWIRE\s*/|(?-i:ACCESSWIRE)\s*(?:--|-|\u2014|/))"
    r"|(?P<ein>/\s*EIN\s?Presswire(?:\.com)?\s*/|\(\s*EIN\s?Presswire\s*\))"
    r"|(?P<mw>\(\s*Marketwired\s*\)|/\s*Marketwire\s*/)"
    r"|(?P<cnw>/\s*CNW\s*/)"
    r"|(?P<prweb>\(\s*PRWEB\s*\))"
    r"|(?P<nf>\(\s*Newsfile\s+Corp\.)"
    r"|(?P<nmw>\(\s*NEWMEDIAWIRE\s*\))",
    re.I,
)
_WIRE_WORDS = Words("wire", "cnw", "prweb", "newsfile")  # one is in every _WIRE match
_WIRE_NAMES = {
    "prn": "PR Newswire",
    "bw": "Business Wire",
    "gnw": "GlobeNewswire",
    "acc": "ACCESSWIRE",
    "ein": "EIN Presswire",
    "mw": "Marketwired",
    "cnw": "Canada Newswire",
    "prweb": "PRWeb",
    "nf": "Newsfile",
    "nmw": "NewMediaWire",
}
_CONTACT_LINE = lazy_compile(
    r"^(?:for\s+)?(?:media|press|investor|public\s+relations|pr|news\s+media)\s+(?:and\s+investor\s+)?"
    r"(?:contacts?|inquiries|enquiries|relations\s+contacts?)(?:\s*:.*|\s*$)",
    re.I,
)
_SOURCE_LINE = lazy_compile(r"^SOURCE\s+(?P<co>[A-Z0-9][\w&.,'\u2019 -]{1,70})$")
_END_MARK = lazy_compile(r"^\s*(?:#\s*#\s*#|-30-)\s*$")
_ABOUT_HEAD = lazy_compile(r"^About\s+(?P<co>[A-Z0-9][\w&.,'\u2019 -]{1,70}?)\s*:?$")
_ABOUT_NOT = lazy_compile(
    r"^(?:the\s+(?:author|authors|writer|editor|book|series|report|study|project|survey|data|program|show|film|podcast)"
    r"|us|me|this|our|these|that|it|him|her|them|face|time|town)\b",
    re.I,
)
_ABOUT_CUE = lazy_compile(
    r"\b(?:is\s+a\s+(?:leading|global|premier|world|fast-growing|publicly|privately|nasdaq|nyse|provider|developer"
    r"|technology|company|firm|platform)|headquartered|founded\s+in|for\s+more\s+information|visit\s+(?:www|http)"
    r"|www\.|\.com\b|NYSE|NASDAQ|TSX|LSE|OTC|ASX)",
)


# --------------------------------------------------------------------------------------------
# Driver


def _sentences_with_hits(
    doc: Document, hits: list[int], radius: int, context: bool = False
) -> Iterable[tuple[NormWindow, int, int, bool]]:
    """Yield (window, sent_start, sent_end, line_start) for each sentence holding a hit.

    The sentences are those of :class:`NormWindow` over the hit windows, but only the normalised
    lines (text between two ``"\\n"`` of the window) that hold hits are built: sentences never
    cross those lines, and finding a line's ends decides only the line breaks on the way (see
    :meth:`NormWindow.lines_of`). The window yielded covers that line (``context``: also the line
    before it, for callers that look at it), with the window's offsets and text there."""
    text = doc.text
    for a, b in merge_windows([window_bounds(text, h, radius) for h in hits]):
        in_window = hits[bisect_left(hits, a) : bisect_right(hits, b)]
        found = _line_sentences(text, a, b, in_window, context)
        if found is None:
            found = _window_sentences(text, a, b, in_window)
        for w, s, e in found:
            os_ = w.orig(s)
            ls = text.rfind("\n", 0, os_) + 1
            line_start = not text[ls:os_].strip(" \t\"'\u201c*_-([>")
            yield w, s, e, line_start


def _keep(sents: list[tuple[int, int]], k: int, first: bool, last: bool) -> bool:
    """Is sentence ``k`` whole (not cut by the window edge) and not too long to be a notice?"""
    if (k == 0 and first) or (k == len(sents) - 1 and last):
        return False
    s, e = sents[k]
    return e - s <= MAX_SENTENCE


def _window_sentences(text: str, a: int, b: int, hits: list[int]) -> list[tuple[NormWindow, int, int]]:
    """The sentences holding ``hits`` by normalising and splitting the whole window."""
    w = NormWindow(text, a, b)
    sents = w.sentences()
    if not sents:
        return []
    starts = [w.orig(s) for s, _ in sents]
    wanted: set[int] = set()
    for h in hits:
        k = bisect_right(starts, h) - 1
        if k >= 0:
            wanted.add(k)
    cut_first = a > 0 and text[a - 1] != "\n"
    cut_last = b < len(text) and text[b] != "\n"
    return [(w, *sents[k]) for k in sorted(wanted) if _keep(sents, k, cut_first, cut_last)]


def _line_sentences(
    text: str, a: int, b: int, hits: list[int], context: bool
) -> list[tuple[NormWindow, int, int]] | None:
    """:func:`_window_sentences`, building only the normalised lines that hold hits (None when a
    hit is not on a visible character of the window: the caller then builds the whole window).

    A hit's sentence is the last one that starts at or before it: on the hit's line, since the
    line starts at a visible character at or before the hit. The window's first sentence is the
    first one of the first line with text (the line at the window start, or the one after a run
    at the window start); likewise the last."""
    raw = text[a:b]
    n = len(raw)
    cut_first = a > 0 and text[a - 1] != "\n"
    cut_last = b < len(text) and text[b] != "\n"
    out: list[tuple[NormWindow, int, int]] = []
    j = 0
    while j < len(hits):
        i = hits[j] - a
        if i >= n or raw[i] in RUN_CHARS:
            return None
        lo, run = line_start_before(raw, i)
        hi, end_run = line_end_after(raw, i)
        group = [hits[j]]
        j += 1
        while j < len(hits) and hits[j] - a < hi:
            group.append(hits[j])
            j += 1
        v_lo, v_run = lo, run
        breaks: tuple[int, ...] = ()
        if context and run > 0:  # the line before (a run that does not start the window follows text)
            v_lo, v_run = line_start_before(raw, run - 1)
            breaks = (run,)
        w = NormWindow.lines_of(raw, a, b, v_lo, hi, breaks)
        sents = w.sentences()
        starts = [w.orig(s) for s, _ in sents]
        k_line = bisect_left(starts, a + lo)
        wanted: set[int] = set()
        for h in group:
            k = bisect_right(starts, h) - 1
            if raw[h - a] in RUN_CHARS or k < k_line:
                return None
            wanted.add(k)
        first = cut_first and (v_lo == 0 or v_run == 0)
        last = cut_last and (hi == n or end_run == n)
        out += [(w, *sents[k]) for k in sorted(wanted) if _keep(sents, k, first, last)]
    return out


def _hit_lines(doc: Document, hits: list[int]) -> list[int]:
    seen: list[int] = []
    last = -1
    for h in hits:
        n = doc.line_of(h)
        if n != last:
            seen.append(n)
            last = n
    return sorted(set(seen))


def _line_span(doc: Document, line_no: int) -> tuple[int, int]:
    ln = doc.lines[line_no - 1]
    t = ln.text
    s = len(t) - len(t.lstrip())
    e = len(t.rstrip())
    return ln.start + s, ln.start + max(e, s)


def _neighbours(doc: Document, line_no: int, k: int = 2) -> tuple[list[str], list[str]]:
    """Up to ``k`` non-blank lines before and after ``line_no`` (within 4 lines each way)."""
    lines = doc.lines
    before: list[str] = []
    for n in range(line_no - 1, max(0, line_no - 5), -1):
        t = lines[n - 1].text.strip()
        if t:
            before.append(t)
            if len(before) == k:
                break
    after: list[str] = []
    for n in range(line_no + 1, min(len(lines), line_no + 4) + 1):
        t = lines[n - 1].text.strip()
        if t:
            after.append(t)
            if len(after) == k:
                break
    return before, after


def _in_menu(doc: Document, line_no: int) -> bool:
    """Is the line one item of a run of short lines (site navigation, ad-widget chrome)?"""
    before, after = _neighbours(doc, line_no)

    def short(t: str) -> bool:
        return len(t.split()) <= 3

    if before and after and short(before[0]) and short(after[0]):
        return True
    return sum(map(short, before + after)) >= 3


# Content-recommendation / native-ad widgets: their "Sponsored" / "Promoted by" labels are page chrome
_AD_NETWORKS = lazy_compile(
    r"^(?:outbrain|taboola|zergnet|revcontent|mgid|nativo|dianomi|plista|ligatus|content\.ad|sharethrough"
    r"|triplelift|adblade|yahoo\s+gemini|google|adchoices|powerinbox|lockerdome|engageya|adsense)\b",
    re.I,
)


def _detect_sponsored(doc: Document, hits: list[int]) -> list[Disclosure]:
    out: list[Disclosure] = []
    labels: list[tuple[int, str, str | None, str]] = []
    for n in _hit_lines(doc, hits):
        line = doc.lines[n - 1].text
        if len(line) > 200:
            continue
        r = _sponsored_line(line)
        if r:
            label, sponsor = r
            if sponsor and _AD_NETWORKS.match(sponsor):
                continue
            labels.append((n, label, sponsor, norm(line).strip()))
    bare_counts: dict[str, int] = {}
    for _, label, sponsor, _t in labels:
        if not sponsor:
            bare_counts[label.lower()] = bare_counts.get(label.lower(), 0) + 1
    for n, label, sponsor, shown in labels:
        if not sponsor and (bare_counts[label.lower()] >= 3 or _in_menu(doc, n)):
            continue  # repeated ad-slot labels, or an item of a navigation menu
        start, end = _line_span(doc, n)
        out.append(
            Disclosure(
                "sponsored",
                start,
                end,
                f"Sponsored-content label {shown!r}",
                {"type": "sponsored", "label": label, "sponsor": sponsor},
            )
        )
    for w, s, e, _ls in _sentences_with_hits(doc, hits, 500):
        sent = w.text[s:e]
        r = _sponsored_sentence(sent)
        if r:
            start, end = w.span(s, e)
            sponsor = r[1]
            msg = f"Sponsored-content statement{f' (sponsor {sponsor!r})' if sponsor else ''}"
            label = "hashtag" if r[0] == "hashtag" else "statement"
            out.append(
                Disclosure(
                    "sponsored", start, end, msg, {"type": "sponsored", "label": label, "sponsor": sponsor}
                )
            )
    return out


def _detect_affiliate(doc: Document, hits: list[int]) -> list[Disclosure]:
    out: list[Disclosure] = []
    for n in _hit_lines(doc, hits):
        line = doc.lines[n - 1].text
        if len(line) > 120:
            continue
        s = _LABEL_STRIP.sub("", norm(line))
        if _AFF_LABEL.match(s):
            start, end = _line_span(doc, n)
            out.append(
                Disclosure(
                    "affiliate",
                    start,
                    end,
                    f"Affiliate-link label {s!r}",
                    {"type": "affiliate", "kind": "label"},
                )
            )
    for w, a, b, _ls in _sentences_with_hits(doc, hits, 500):
        kind = _affiliate_sentence(w.text[a:b])
        if kind:
            start, end = w.span(a, b)
            out.append(
                Disclosure(
                    "affiliate",
                    start,
                    end,
                    "Affiliate-link / commission notice",
                    {"type": "affiliate", "kind": kind},
                )
            )
    return out


def _detect_conflict(doc: Document, hits: list[int], names: list[str]) -> list[Disclosure]:
    out: list[Disclosure] = []
    nlines = len(doc.lines)
    for w, s, e, line_start in _sentences_with_hits(doc, hits, 600, context=True):
        sent = w.text[s:e]
        start, end = w.span(s, e)
        line_no = doc.line_of(start)
        labeled = False
        # a "Disclosure:" heading on its own line / segment just before, or earlier in the same paragraph
        prev = w.text.rfind("\n", 0, s)
        seg = w.text[w.text.rfind("\n", 0, prev) + 1 : prev] if prev > 0 else ""
        if seg and _COI_LABEL_LINE.match(_LABEL_STRIP.sub("", seg)):
            labeled = True
        para_start = w.text.rfind("\n", 0, s) + 1
        if not labeled and _COI_LABEL.match(w.text[para_start:s] or ""):
            labeled = True
        edge = line_no <= 15 or line_no >= nlines * 0.7 or nlines - line_no <= 12
        r = _conflict_sentence(sent, labeled=labeled, names=names, line_start=line_start, edge=edge)
        if r:
            party, cp = r
            msg = f"Conflict-of-interest disclosure: {party!r}" + (
                f" has a financial tie to {cp!r}" if cp else ""
            )
            out.append(
                Disclosure(
                    "conflict", start, end, msg, {"type": "conflict", "party": party, "counterparty": cp}
                )
            )
    return out


def _detect_ai(doc: Document, hits: list[int]) -> list[Disclosure]:
    out: list[Disclosure] = []
    for n in _hit_lines(doc, hits):
        line = doc.lines[n - 1].text
        if len(line) > 160:
            continue
        s = _LABEL_STRIP.sub("", norm(line))
        folded = fold(s)
        if (
            len(s.split()) <= 14
            and folded.startswith(_AI_LABEL_START)
            and _AI_LABEL_WORDS(folded)
            and _AI_LABEL.match(s)
        ):
            start, end = _line_span(doc, n)
            out.append(
                Disclosure(
                    "ai", start, end, f"AI-generated content label {s!r}", {"type": "ai", "kind": "label"}
                )
            )
    for w, a, b, _ls in _sentences_with_hits(doc, hits, 500):
        sent = w.text[a:b]
        folded = fold(sent)
        if _reporting(sent, folded) or not (
            _AI_SENT_SUBJECT(folded) and _AI_SENT_VERB(folded) and _AI_SENT_NOUN(folded)
        ):
            continue
        if _AI_SENT.search(sent) or _AI_SENT2.search(sent):
            start, end = w.span(a, b)
            out.append(
                Disclosure(
                    "ai", start, end, "AI-generated content notice", {"type": "ai", "kind": "statement"}
                )
            )
    return out


_CONTACT_DETAIL = lazy_compile(r"@|\+?\d[\d\s().-]{6,}\d|\bphone\b|\btel\b|\bemail\b", re.I)


def _contact_follows(doc: Document, line_no: int) -> bool:
    _, after = _neighbours(doc, line_no, 2)
    return any(_CONTACT_DETAIL.search(t) for t in after)


def _detect_press(doc: Document, hits: list[int]) -> list[Disclosure]:
    out: list[Disclosure] = []
    lines = doc.lines
    nlines = len(lines)
    strong = False
    pending: list[tuple[str, int, int, dict[str, Any]]] = []
    for n in _hit_lines(doc, hits):
        ln = lines[n - 1]
        t = ln.text
        for m in _WIRE.finditer(t) if _WIRE_WORDS(fold(t)) else ():
            g = m.lastgroup or ""
            name = _WIRE_NAMES.get(g, g)
            out.append(
                Disclosure(
                    "press-release",
                    ln.start + m.start(),
                    ln.start + m.end(),
                    f"Press-release wire marker ({name})",
                    {"type": "press-release", "marker": "wire", "wire": name},
                )
            )
            strong = True
        if len(t) > 160:
            continue
        s = norm(t).strip()
        if (
            _CONTACT_LINE.match(_LABEL_STRIP.sub("", s) or s)
            and len(s.split()) <= 14
            and (":" in s or _contact_follows(doc, n))
            and not _in_menu(doc, n)
        ):
            start, end = _line_span(doc, n)
            pending.append(
                (
                    "Press-release media-contact block",
                    start,
                    end,
                    {"type": "press-release", "marker": "media-contact"},
                )
            )
            strong = True
            continue
        sm = _SOURCE_LINE.match(s)
        if sm and len(s.split()) <= 10:
            start, end = _line_span(doc, n)
            co = sm.group("co").strip(" .,")
            pending.append(
                (
                    f"Press-release source line 'SOURCE {co}'",
                    start,
                    end,
                    {"type": "press-release", "marker": "source", "company": co, "_weak": True},
                )
            )
            continue
        if _END_MARK.match(t):
            start, end = _line_span(doc, n)
            pending.append(
                (
                    "Press-release end marker '###'",
                    start,
                    end,
                    {"type": "press-release", "marker": "end-marker", "_weak": True},
                )
            )
            continue
        am = _ABOUT_HEAD.match(s)
        if am and not _ABOUT_NOT.match(am.group("co")):
            co = am.group("co").strip(" .,:")
            nxt = ""
            for k in range(n, min(nlines, n + 3)):
                nt = lines[k].text.strip()
                if nt:
                    nxt = norm(nt)
                    break
            first = co.split()[0].lower()
            if nxt and nxt.lower().startswith(first) and _ABOUT_CUE.search(nxt):
                start, end = _line_span(doc, n)
                pending.append(
                    (
                        f"Press-release 'About {co}' boilerplate",
                        start,
                        end,
                        {"type": "press-release", "marker": "about", "company": co},
                    )
                )
                strong = True
            elif nxt and nxt.lower().startswith(first):
                start, end = _line_span(doc, n)
                pending.append(
                    (
                        f"Press-release 'About {co}' boilerplate",
                        start,
                        end,
                        {"type": "press-release", "marker": "about", "company": co, "_weak": True},
                    )
                )
    for msg, start, end, data in pending:
        weak = data.pop("_weak", False)
        if weak and not strong:
            if data["marker"] != "end-marker":
                continue
            if nlines - doc.line_of(start) > 25:
                continue
        out.append(Disclosure("press-release", start, end, msg, data))
    return out


def _dedupe(items: list[Disclosure]) -> list[Disclosure]:
    items.sort(key=lambda d: (d.start, -(d.end - d.start), d.type))
    out: list[Disclosure] = []
    for d in items:
        if any(o.type == d.type and o.start <= d.start and d.end <= o.end for o in out[-8:]):
            continue
        out.append(d)
    return out


def scan(doc: Document, author_names: Callable[[], list[str]] | None = None) -> list[Disclosure]:
    """Every disclosure statement of ``doc`` (cached in ``doc.cache``)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    text = doc.text
    items: list[Disclosure] = []
    if text:
        hits = prefilter(text, u=utf8_of(doc))
        if hits["fara"]:
            items += _detect_fara(doc, hits["fara"])
        if hits["sponsored"]:
            items += _detect_sponsored(doc, hits["sponsored"])
        if hits["affiliate"]:
            items += _detect_affiliate(doc, hits["affiliate"])
        if hits["conflict"]:
            names = author_names() if author_names else []
            items += _detect_conflict(doc, hits["conflict"], names)
        if hits["press"]:
            items += _detect_press(doc, hits["press"])
        if hits["ai"]:
            items += _detect_ai(doc, hits["ai"])
    # a FARA notice is also "sponsored by" in form; keep only the FARA reading
    fara = sorted((d.start, d.end) for d in items if d.type == "fara")
    if fara:
        fstarts = [f[0] for f in fara]

        def inside_fara(d: Disclosure) -> bool:
            k = bisect_right(fstarts, d.start) - 1
            return k >= 0 and fara[k][0] <= d.start and d.end <= fara[k][1]

        items = [d for d in items if d.type == "fara" or not inside_fara(d)]
    result = _dedupe(items)
    doc.cache[CACHE_KEY] = result
    return result


def as_provenance(doc: Document, items: list[Disclosure]) -> list[dict[str, Any]]:
    """The ``provenance.disclosures`` list: one dict per disclosure finding."""
    out = []
    for d in items:
        entry: dict[str, Any] = {
            "type": d.type,
            "rule": d.rule,
            "agent": d.data.get("agent"),
            "principal": d.data.get("principal"),
            "line": doc.line_of(d.start),
            "end_line": doc.line_of(max(d.start, d.end - 1)),
        }
        for k, v in d.data.items():
            if k not in entry and k != "type":
                entry[k] = v
        out.append(entry)
    return out
