"""Provenance facts asserted by the text itself: byline, author bios, publisher claims.

Not a check module (no ``RULES``); used by the ``provenance`` and ``disclosure`` checks.
Results are cached in ``doc.cache`` so they are computed once per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import re2

from doclint.casefold import fold_case
from doclint.checks.disclosure_text import Words, fold, norm, straighten
from doclint.document import Document
from doclint.lazyre import lazy_compile
from doclint.sidecar import front_matter
from doclint.utf8text import Utf8Text, utf8_of

CACHE_KEY = "provenance.extract"

_HEAD_LINES = 15  # non-blank lines searched for a byline
_TAIL_LINES = 8  # non-blank lines searched for an author bio
_HEAD_SCAN_MAX = 400  # lines searched for a byline at most


# ---- bylines ---------------------------------------------------------------------------------

_BYLINE = lazy_compile(
    r"^[\s*_>#|-]*(?:by|written\s+by|words\s+by|author|authors|posted\s+by|reporting\s+by|story\s+by)\s*[:\-]?\s+"
    r"(?P<rest>.+?)[\s*_|]*$",
    re.I,
)
_BYLINE_CAND = re2.compile(r"(?im)^[ \t*_>#|-]*(?:by|written|words|author|authors|posted|reporting|story)\b")
# wire credit lines: "(Reporting by David Morgan; Additional reporting by X; Editing by Y)"
_WIRE_CREDIT = lazy_compile(
    r"(?i)\b((?:additional\s+)?reporting|writing|editing)\s+by\s+([^;)\n]{3,120})"
)
_WIRE_ROLES = {"reporting": "reporter", "writing": "writer", "editing": "editor"}
_BYLINE_ALONE = lazy_compile(r"^[\s*_>#|-]*by\s*:?[\s*_|]*$", re.I)
_PARTICLE = {
    "de",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "del",
    "la",
    "le",
    "bin",
    "ibn",
    "al",
    "el",
    "du",
    "dos",
    "y",
}
_ROLES = (
    "director editor editor-in-chief correspondent reporter writer columnist contributor professor fellow ceo cfo "
    "coo cto founder co-founder president chair chairman chairwoman chairperson analyst lawyer attorney economist "
    "journalist researcher scholar consultant adviser advisor strategist manager partner lecturer student "
    "ambassador minister secretary officer head chief author staff producer commentator expert associate "
    "executive specialist historian scientist physician doctor nurse engineer teacher candidate member host "
    "blogger novelist poet critic photographer designer activist organizer volunteer pastor rabbi priest senator "
    "representative congressman congresswoman governor mayor diplomat envoy entrepreneur investor trustee "
    "principal deputy vice senior junior former retired emeritus visiting assistant intern coordinator advocate "
    "practitioner instructor dean provost reader surgeon pharmacist veteran lead owner"
).split()
# role words that are also common surnames ("Brian Dean", "Sam Reader"): not evidence against a name
_AMBIGUOUS_ROLE = frozenset(
    "dean reader head lead partner host member principal owner critic poet doctor associate chief junior senior "
    "deputy officer chair".split()
)


def _word_alternation(words: Iterable[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I)


_ROLE_WORDS = _word_alternation(_ROLES)
_ROLE_STRICT = _word_alternation(w for w in _ROLES if w not in _AMBIGUOUS_ROLE)
_NON_NAME_WORDS = lazy_compile(
    r"\b(?:staff|writer|writers|editor|editors|editorial|reporter|reporters|correspondent|desk|team|contributor"
    r"|news|service|press|wire|agency|board|department|office|university|institute|center|centre|foundation"
    r"|ministry|government|embassy|inc|llc|ltd|corp|company|group|media|times|post|journal|daily)\b",
    re.I,
)
_NAME_TOKEN = lazy_compile(r"^(?:[A-Z][\w'\u2019.-]*|[A-Z]\.|Mc[A-Z][\w'-]*|O'[A-Z][\w'-]*)$")
_NOT_NAME = lazy_compile(
    r"^(?:the|a|an|this|that|these|those|our|my|his|her|their|its|using|staff|admin|guest|unknown|anonymous)$",
    re.I,
)


def _is_person_name(s: str) -> bool:
    toks = s.split()
    if not 2 <= len(toks) <= 5:
        return False
    if _NOT_NAME.match(toks[0]):
        return False
    caps = 0
    for t in toks:
        if t.lower() in _PARTICLE:
            continue
        if any(ch.isdigit() for ch in t):
            return False
        if not _NAME_TOKEN.match(t) and not t.isupper():
            return False
        caps += 1
    if caps < 2:
        return False
    if _NON_NAME_WORDS.search(s):
        return False
    return True


def _titlecase_if_upper(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


_SPLIT_NAMES = lazy_compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|\s+und\s+|\s+y\s+)\s*", re.I)


def _parse_byline(rest: str, line_no: int) -> list[dict[str, Any]]:
    """'Brian Dean, Executive Director, IES' -> [{name, role, affiliations, ...}]."""
    rest = norm(rest).strip(" .")
    if not rest or len(rest.split()) > 20:
        return []
    segs = [p.strip() for p in re.split(r"\s*[,|\u2022\u00b7/]\s*|\s+-\s+", rest) if p.strip()]
    if not segs:
        return []
    people: list[dict[str, Any]] = []
    descriptors: list[str] = []
    for seg in segs:
        parts = _SPLIT_NAMES.split(seg)
        if (
            all(_is_person_name(p) and not (people and _ROLE_STRICT.search(p)) for p in parts)
            and not descriptors
        ):
            for p in parts:
                people.append({"name": _titlecase_if_upper(p)})
        elif people:
            descriptors.append(seg)
        else:
            return []
    if not people:
        return []
    role = next((d for d in descriptors if _ROLE_WORDS.search(d)), None)
    if role is not None:
        # "Senior Technologist, ACLU Speech, Privacy, and Technology Project": what follows the role
        # is one organisation name that happens to contain commas
        k = descriptors.index(role)
        if len(descriptors) - k > 2:
            descriptors = descriptors[: k + 1] + [", ".join(descriptors[k + 1 :])]
    orgs = [d for d in descriptors if not _ROLE_WORDS.search(d)]
    out = []
    for p in people:
        out.append(
            {
                "name": p["name"],
                "role": role,
                "affiliations": list(descriptors),
                "organizations": orgs + _orgs_of(descriptors),
                "line": line_no,
                "source": "byline",
            }
        )
    return out


# ---- bios --------------------------------------------------------------------------------------

_BIO = lazy_compile(
    rf"^[\s*_>\-\u2014\u2013]*(?P<name>(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w'.-]+(?:\s+(?:[A-Z][\w'.-]*|{'|'.join(sorted(_PARTICLE))})){{1,3}})"
    r"(?:\s*\([^)]{1,60}\))?\s*,?\s+(?:is|was|serves\s+as|works\s+as)\s+(?P<pred>(?:a|an|the)\b.+)$"
)
_APPOSITIVE_ORG = lazy_compile(
    r"^(?:a|an)\s+(?:[\w-]+\s+){0,5}?(?:consultancy|company|firm|think\s+tank|organi[sz]ation|group|agency|nonprofit"
    r"|non-profit|publication|magazine|newspaper|outlet|institute|foundation|startup|network|website|platform|newsletter"
    r"|journal|university|college|school|charity|association|council|fund|network|partnership|venture|practice)\b",
    re.I,
)


def _orgs_of(descriptors: list[str]) -> list[str]:
    orgs = []
    for d in descriptors:
        m = re.search(
            r"\b(?:of|at|for|with|to)\s+(?P<org>(?:the\s+)?[A-Z][\w&'.-]*(?:\s+(?:[A-Z0-9][\w&'.-]*|of|for|and|on|the|&))*)",
            d,
        )
        if m:
            org = re.sub(r"\s+(?:of|for|and|on|the|&)$", "", m.group("org"))
            orgs.append(org)
    return orgs


def _split_predicate(pred: str) -> list[str]:
    pred = pred.strip().rstrip(".")
    pred = re.split(r"\.\s+(?=[A-Z])", pred)[0]  # first sentence only
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the)\s)", pred)
    out: list[str] = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if (
            _APPOSITIVE_ORG.match(p)
            and not _ROLE_STRICT.search(p)
            and out
            and re.search(r"\b(?:of|at|for|with)\s+[A-Z]", out[-1])
        ):
            continue  # "the CEO of X, a media consultancy," -- describes X, not the author
        p = re.sub(r"^(?:a|an|the)\s+", "", p)
        p = re.sub(r"^(?:also|currently|now)\s+", "", p)
        if p and (p[0].isalpha()):
            out.append(p)
    return out


_BIO_QUICK = lazy_compile(
    r"^[^\w]{0,6}(?:[A-Z][\w'.\u2019-]*[ \t\u00a0]+){1,4}(?:\([^)]{1,60}\)\s*)?,?\s*(?:[^\n]{0,90}?,\s+)?"
    r"(?:is|was|serves|works)\s"
)


def _parse_bio(line: str, line_no: int) -> dict[str, Any] | None:
    if not _BIO_QUICK.match(line) or line.count(" ") > 120:
        return None
    s = norm(line).strip()
    if len(s.split()) > 90:
        return None
    m = _BIO.match(s)
    if not m:
        return None
    name = m.group("name")
    if not _is_person_name(name.replace("Dr. ", "").replace("Prof. ", "")) and not re.match(
        r"(?:Dr|Prof)\.?\s", name
    ):
        return None
    pred = m.group("pred")
    first_sentence = re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", pred)[0]
    if not _ROLE_WORDS.search(first_sentence):
        return None
    affs = _split_predicate(first_sentence)
    if not affs:
        return None
    return {
        "name": name,
        "role": affs[0],
        "affiliations": affs,
        "organizations": _orgs_of(affs),
        "line": line_no,
        "source": "bio",
    }


# ---- publisher claims ------------------------------------------------------------------------------

_PUB_PREFILTER = re2.compile(
    r"(?i)\x{00a9}|\(c\)|copyright|originally|first\s+(?:published|appeared|ran|posted)|republished|see\s+more"
    r"|read\s+more|\((?:reuters|ap|afp|bloomberg|upi|dpa|efe|ansa|xinhua|tass|kyodo|yonhap|pti|ians|ani|bernama"
    r"|anadolu|interfax|cnn|bbc|the\s+associated\s+press|associated\s+press)\)|appeared\s+(?:in|on|at)|^source\s*:"
    r"|(?m:^[ \t]*source[ \t]*:)|courtesy\s+of|reprinted"
)
_PUBNAME = (
    r"(?P<name>(?-i:(?:[Tt]he\s+|THE\s+)?[A-Z0-9][\w&'.@-]*"
    r"(?:\s+(?:[A-Z0-9][\w&'.@-]*|of|for|and|on|the|&|de|del|la|le|du|des|am|im))*))"
)
# (kind, pattern, words one of which every match holds -- tested on the fold()-ed line first)
_PUB_PATTERNS: tuple[tuple[str, re.Pattern[str], Words], ...] = (
    (
        "copyright",
        re.compile(
            r"(?:\u00a9|\(c\)|copyright)(?:\s*(?:\u00a9|\(c\)|copyright))*\s*"
            r"(?:\d{4}(?:\s*[-/\u2013]\s*\d{2,4})?\s*,?\s*)?(?:(?:provided\s+)?by\s+)?" + _PUBNAME,
            re.I,
        ),
        Words("\u00a9", "(c)", "copyright"),
    ),
    (
        "originally-published",
        re.compile(
            r"(?:^|\b(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:article|story|post|piece|essay|column|interview|op-ed|report"
            r"|version|commentary|analysis|review)\s+(?:was\s+|is\s+)?(?:\w+\s+)?|\ba\s+version\s+of\s+this\s+\w+\s+"
            r"(?:was\s+)?(?:\w+\s+)?)(?:originally|first)\s+(?:published|appeared|ran|posted)\s+(?:\w+\s+){0,2}?"
            r"(?:in|on|at|by|with)\s+" + _PUBNAME,
            re.I | re.M,
        ),
        Words("originally", "first"),
    ),
    (
        "originally-published",
        re.compile(
            r"(?:^|\b(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:article|story|post|piece|essay|column|interview|op-ed|report"
            r"|commentary|analysis)\s+(?:is|was|has\s+been)\s+)(?:republished|reprinted|reproduced)\s+(?:\w+\s+){0,2}?"
            r"(?:from|with\s+(?:the\s+)?permission\s+(?:of|from)|courtesy\s+of|by\s+arrangement\s+with)\s+"
            + _PUBNAME,
            re.I | re.M,
        ),
        Words("republished", "reprinted", "reproduced"),
    ),
    (
        "see-more",
        re.compile(
            r"^(?:see|read)\s+more\s+(?:(?:news|stories|articles)\s+)?(?:(?:from|at|on)\s+)?"
            + _PUBNAME
            + r"$",
            re.I,
        ),
        Words("more"),
    ),
    (
        "source",
        re.compile(r"^(?:source|courtesy\s+of|credit)\s*[:\-]\s*" + _PUBNAME + r"$", re.I),
        Words("source", "courtesy", "credit"),
    ),
    (
        "dateline",
        re.compile(
            r"^(?:[A-Z][A-Z .,'\u2019/-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?"
            r"\((?P<name>Reuters|AP|AFP|Bloomberg|UPI|dpa|EFE|ANSA|Xinhua|TASS|Kyodo|Yonhap|PTI|IANS|ANI|Bernama"
            r"|Anadolu|Interfax|CNN|BBC|The\s+Associated\s+Press|Associated\s+Press)\)\s*[-\u2013\u2014]",
        ),
        Words("("),
    ),
)
_PUB_TRAIL = lazy_compile(
    r"(?:\s+(?:all\s+rights\s+reserved|all|todos|tous|alle|tutti|and|of|for|on|the|&|de|la|le|under|with|via|in|at"
    r"|is|was|it|this))+$",
    re.I,
)
_PUB_BAD = lazy_compile(
    r"^(?:the\s+)?(?:\d+|[A-Z]|I|We|You|It|This|That|They|He|She|All|Rights|Notice|Policy|Law|Laws|Act|Office"
    r"|Holder|Holders|Infringement|Protection|Reserved|Terms|Image|Images|Photo|Photos|Getty)$",
    re.I,
)
_AGENCY = {"ap": "AP", "the associated press": "The Associated Press"}


_RIGHTS = lazy_compile(
    r"\s*(?:\.\s*)?(?:all\s+rights\s+reserved|todos\s+los\s+derechos|tous\s+droits|alle\s+rechte"
    r"|tutti\s+i\s+diritti|todos\s+os\s+direitos|alle\s+rechten|wszelkie\s+prawa).*$",
    re.I,
)


def _clean_pub(name: str) -> str | None:
    name = norm(name)
    name = re.split(r"(?<!\bInc)(?<!\bCo)(?<!\bLtd)(?<!\bCorp)(?<!\bSt)(?<!\b[A-Z])\.\s+", name)[0]
    raw = name
    name = name.strip(" .,;:|-")
    name = _RIGHTS.sub("", name)
    name = re.sub(r"[\s,]+\d{4}(?:\s*[-/\u2013]\s*\d{2,4})?$", "", name)
    name = _PUB_TRAIL.sub("", name).strip(" .,;:|-")
    # keep the full stop of "Inc." / "S.L." when the text has it
    if (name + ".") in raw and re.search(r"(?:\b[A-Z]|\bInc|\bLtd|\bCo|\bCorp|\bJr)$", name):
        name += "."
    if not name or _PUB_BAD.match(name) or len(name) > 80:
        return None
    if not (name[0].isupper() or name[0].isdigit() or name.lower().startswith("the ")):
        return None
    if name.lower().startswith("the ") and len(name.split()) == 1:
        return None
    return name


def _publisher_claims(doc: Document, body_start: int, u: Utf8Text) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    lines_done: set[int] = set()
    for m in _PUB_PREFILTER.finditer(u.data, u.byte(body_start)):
        n = doc.line_of(u.char(m.start()))
        if n in lines_done:
            continue
        lines_done.add(n)
        ln = doc.lines[n - 1]
        if len(ln.text) > 400:
            continue
        s = norm(straighten(ln.text)).strip(" \t*_>|")
        folded = fold(s)
        for kind, pat, words in _PUB_PATTERNS:
            if not words(folded):
                continue
            if kind in ("see-more", "source") and len(s.split()) > 10:
                continue
            if kind == "copyright" and len(s.split()) > 30:
                continue
            for pm in pat.finditer(s):
                name = _clean_pub(pm.group("name"))
                if not name:
                    continue
                if kind == "dateline":
                    name = _AGENCY.get(name.lower(), name)
                key = (name.lower(), kind)
                if key in seen:
                    continue
                seen.add(key)
                out.append({"name": name, "kind": kind, "line": n, "text": s[:200]})
                if kind != "copyright":
                    break
    return out


# ---- driver ------------------------------------------------------------------------------------


def body_start(text: str) -> int:
    """Offset after YAML front matter (0 when there is none)."""
    if not text.startswith(("---", "\ufeff---")):
        return 0
    fm = front_matter(text)
    return fm[1] if fm else 0


_ABOUT_AUTHOR = re2.compile(r"(?im)^[ \t*_#>]*about[ \t]+the[ \t]+authors?[ \t]*:?[ \t*_]*$")
_ABOUT_AUTHOR_WORDS = re2.compile(r"(?i)about[ \t]+the[ \t]+author")


def _about_author_lines(data: bytes, pos: int) -> list[int]:
    """Starts of the ``_ABOUT_AUTHOR`` matches from ``pos`` (what ``finditer`` gives).

    Each match is one whole line holding ``_ABOUT_AUTHOR_WORDS``; RE2 finds those words fast
    (a literal prefix), so only their lines are tried (an anchored match at the line start,
    where ``^`` holds)."""
    out: list[int] = []
    for m in _ABOUT_AUTHOR_WORDS.finditer(data, pos):
        ls = data.rfind(b"\n", 0, m.start()) + 1
        if ls >= pos and (not out or out[-1] != ls) and _ABOUT_AUTHOR.match(data, ls):
            out.append(ls)
    return out


def _paragraph_at(lines: list, number: int, limit: int = 1500) -> tuple[str, int] | None:
    """(text, last line number) of the short paragraph that line ``number`` opens, else None."""
    i = number - 1
    if i > 0 and lines[i - 1].text.strip():
        return None
    parts: list[str] = []
    total = 0
    while i < len(lines) and lines[i].text.strip():
        total += len(lines[i].text) + 1
        if total > limit:
            return None
        parts.append(lines[i].text)
        i += 1
    return ("\n".join(parts), i) if parts else None


def extract(doc: Document) -> dict[str, Any]:
    """{'byline', 'authors', 'publisher_claims'} for ``doc`` (cached)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    text = doc.text
    start = body_start(text)
    u = utf8_of(doc)  # the RE2 scans below run on the UTF-8 bytes, encoded once (shared with disclosure)
    first_line = doc.line_of(start) if start else 1
    lines = doc.lines
    byline: dict[str, Any] | None = None
    authors: list[dict[str, Any]] = []
    # byline: the first "By ..." line in the head of the document (scraped pages put navigation
    # first, so the head is the first 15 non-blank lines or 75 % of the lines, whichever is more)
    body_lines = lines[first_line - 1 :]
    head_bound = body_lines[-1].number if body_lines else first_line
    nonblank = 0
    for ln in body_lines:
        if ln.text.strip():
            nonblank += 1
            if nonblank == _HEAD_LINES:
                head_bound = ln.number
                break
    limit_line = max(head_bound, first_line - 1 + min(int(len(body_lines) * 0.75), _HEAD_SCAN_MAX))
    limit_line = min(limit_line, len(lines))
    end_off = lines[limit_line - 1].end if lines else 0
    for cm in _BYLINE_CAND.finditer(u.data, u.byte(start), u.byte(end_off)) if end_off > start else ():
        ln = lines[doc.line_of(u.char(cm.start())) - 1]
        idx = ln.number - first_line
        t = ln.text.strip()
        if len(t) > 200:
            continue
        rest = None
        m = _BYLINE.match(t)
        if m:
            rest = m.group("rest")
        elif _BYLINE_ALONE.match(t):
            # "By" on its own line, the name (and maybe a role) on the next ones
            nxt = [x.text.strip() for x in body_lines[idx + 1 : idx + 4] if x.text.strip()][:2]
            if nxt and len(nxt[0].split()) <= 6:
                rest = nxt[0]
                if len(nxt) > 1 and len(nxt[1].split()) <= 6 and _ROLE_STRICT.search(nxt[1]):
                    rest += ", " + nxt[1]
        if rest:
            people = _parse_byline(rest, ln.number)
            if people:
                shown = norm(t) if m else f"By {norm(rest)}"
                byline = {"text": shown, "line": ln.number}
                authors.extend(people)
                break
    # bios: the last non-blank lines, and the paragraph after an "About the author" heading
    tail: list = []
    for ln in reversed(lines):
        if ln.number < first_line:
            break
        if ln.text.strip():
            tail.append(ln)
            if len(tail) >= _TAIL_LINES:
                break
    cand = list(reversed(tail))
    for ls in _about_author_lines(u.data, u.byte(start)):
        n = doc.line_of(u.char(ls))
        cand.extend(x for x in lines[n : n + 4] if x.text.strip())
    seen_bio: set[int] = set()
    for ln in cand:
        if ln.number in seen_bio or len(ln.text) > 1500:
            continue
        seen_bio.add(ln.number)
        # a hard-wrapped bio continues on the next lines of its paragraph: parse the paragraph
        # when the line opens a short one
        bio = None
        para = _paragraph_at(lines, ln.number)
        if para is not None:
            bio = _parse_bio(para[0], ln.number)
            if bio:
                seen_bio.update(range(ln.number, para[1] + 1))
        if bio is None:
            bio = _parse_bio(ln.text, ln.number)
        if bio:
            _add_author(authors, bio)
    # newswire credit lines at the end: "(Reporting by A and B; Editing by C)"
    for ln in cand:
        low = ln.text.lower()  # every _WIRE_CREDIT match holds "by" and "ng" (no other letters fold to them)
        for m in _WIRE_CREDIT.finditer(ln.text) if "by" in low and "ng" in low else ():
            role = _WIRE_ROLES[fold_case(m.group(1)).split()[-1]]
            for name in _SPLIT_NAMES.split(m.group(2).strip(" .")):
                name = name.strip(" .")
                if _is_person_name(name):
                    _add_author(authors, {"name": name, "role": role, "affiliations": [], "organizations": [],
                                          "line": ln.number, "source": "credit"})
    claims = _publisher_claims(doc, start, u)
    result = {"byline": byline, "authors": authors, "publisher_claims": claims}
    doc.cache[CACHE_KEY] = result
    return result


def _add_author(authors: list[dict[str, Any]], new: dict[str, Any]) -> None:
    """Add ``new``, merging it into an entry for the same person (byline + bio)."""
    for a in authors:
        if a["name"].lower() == new["name"].lower():
            for key in ("affiliations", "organizations"):
                for v in new[key]:
                    if v not in a[key]:
                        a[key].append(v)
            if not a.get("role"):
                a["role"] = new.get("role")
            if new["source"] not in a["source"].split("+"):
                a["source"] = f"{a['source']}+{new['source']}"
            a.setdefault("lines", [a["line"]])
            if new["line"] not in a["lines"]:
                a["lines"].append(new["line"])
            return
    authors.append(new)


def author_names(doc: Document) -> list[str]:
    return [a["name"] for a in extract(doc)["authors"]]
