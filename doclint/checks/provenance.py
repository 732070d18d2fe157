"""The ``provenance`` block of every report, and sidecar-metadata findings.

Writes ``options.provenance``:

- ``byline``: ``{"text", "line"}`` of the "By ..." line near the top, or None;
- ``authors``: ``[{"name", "role", "affiliations", "organizations", "line", "source"}]`` from the
  byline (``source: "byline"``) and end-of-article bios (``source: "bio"``);
- ``disclosures``: ``[{"type", "rule", "agent", "principal", "line", "end_line", ...}]`` -- the
  same statements the ``disclosure`` check reports (computed once, shared via ``doc.cache``);
- ``publisher_claims``: ``[{"name", "kind", "line", "text"}]`` -- publishers the text names
  (copyright lines, "See more X", "Originally published in X", "(Reuters) -" datelines, ...);
- ``metadata``: the sidecar / front-matter metadata (``{}`` when none) and ``metadata_source``.

Findings: D201 when the sidecar (or front matter) cannot be parsed; D202 when the metadata
contradicts the text (publisher, language).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from doclint.checks import Options
from doclint.checks.disclosure_core import as_provenance, scan
from doclint.checks.provenance_extract import author_names, extract
from doclint.document import Document
from doclint.model import Example, Finding, Rule
from doclint.sidecar import read_sidecar

# Runs for every report: the provenance block is part of the contract.
ALWAYS = True

# [options.provenance] keys -> kind (doclint.config.OPTION_KINDS), checked when the engine is built
OPTIONS: dict[str, str] = {"min_language_confidence": "number"}

RULES = (
    Rule(
        code="D201",
        name="sidecar-invalid",
        category="disclosure",
        severity="error",
        summary="Sidecar metadata (or front matter) cannot be parsed",
        message="Sidecar metadata cannot be parsed",
        rationale=(
            "The document's metadata file (<name>.meta.yaml) or its YAML front matter is not valid YAML "
            "or not a mapping, so its URL, publisher, dates, language and licence are lost for this "
            "document. The input is broken and must be fixed; linting goes on without the metadata."
        ),
        examples=(
            Example("---\ntitle: A title: with a colon\nurl: [unclosed\n---\nBody text.\n", fails=True),
            Example(
                "---\ntitle: Harbour report\npublisher: The Example Times\n---\nBody text.\n", fails=False
            ),
            Example("---\n\nA horizontal rule, then text.\n", fails=False),
        ),
    ),
    Rule(
        code="D202",
        name="metadata-mismatch",
        category="disclosure",
        severity="warning",
        summary="Sidecar metadata contradicts the text (publisher or language)",
        message="Sidecar metadata contradicts the text",
        rationale=(
            "The metadata says one publisher but the text credits another (a copyright line, a 'See "
            "more X' footer, an 'originally published in' note, a wire dateline), or the metadata's "
            "language is not the language detected in the text. Either the metadata is wrong, the page "
            "was scraped from a copy (syndication, a content farm re-posting an outlet's text), or the "
            "wrong text is attached to the metadata."
        ),
        examples=(
            Example(
                "---\npublisher: Northwind Gazette\n---\nThe harbour reopened.\n\n\u00a9 2024 The Contoso Herald. "
                "All rights reserved.\n",
                fails=True,
            ),
            Example(
                "---\npublisher: The Contoso Herald\n---\nThe harbour reopened.\n\n\u00a9 2024 The Contoso Herald\n",
                fails=False,
            ),
            Example("The harbour reopened.\n\nSee more Contoso Herald\n", fails=False),
        ),
    ),
)

_LANG_NAMES = {
    "english": "en",
    "spanish": "es",
    "espanol": "es",
    "español": "es",
    "french": "fr",
    "francais": "fr",
    "français": "fr",
    "german": "de",
    "deutsch": "de",
    "italian": "it",
    "portuguese": "pt",
    "dutch": "nl",
    "russian": "ru",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "arabic": "ar",
    "hindi": "hi",
    "turkish": "tr",
    "polish": "pl",
    "swedish": "sv",
    "norwegian": "no",
    "danish": "da",
    "finnish": "fi",
    "greek": "el",
    "hebrew": "he",
    "persian": "fa",
    "farsi": "fa",
    "ukrainian": "uk",
    "czech": "cs",
    "romanian": "ro",
    "hungarian": "hu",
    "indonesian": "id",
    "vietnamese": "vi",
    "thai": "th",
    "catalan": "ca",
}
_LANG_3 = {
    "eng": "en",
    "spa": "es",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "dut": "nl",
    "rus": "ru",
    "zho": "zh",
    "chi": "zh",
    "jpn": "ja",
    "kor": "ko",
    "ara": "ar",
    "hin": "hi",
    "tur": "tr",
    "pol": "pl",
    "swe": "sv",
    "nor": "no",
    "nob": "no",
    "dan": "da",
    "fin": "fi",
    "ell": "el",
    "gre": "el",
    "heb": "he",
    "fas": "fa",
    "per": "fa",
    "ukr": "uk",
    "ces": "cs",
    "cze": "cs",
    "ron": "ro",
    "rum": "ro",
    "hun": "hu",
    "ind": "id",
    "vie": "vi",
    "tha": "th",
    "cat": "ca",
}
_ALIASES = {"iw": "he", "in": "id", "nb": "no", "nn": "no", "ji": "yi"}


def language_code(value: Any) -> str | None:
    """Primary ISO 639-1 code of a language tag or name ('en-US', 'eng', 'English' -> 'en')."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("_", "-")
    if not v:
        return None
    if v in _LANG_NAMES:
        return _LANG_NAMES[v]
    primary = v.split("-")[0]
    if len(primary) == 2 and primary.isalpha():
        return _ALIASES.get(primary, primary)
    if len(primary) == 3 and primary in _LANG_3:
        return _LANG_3[primary]
    return None


_ORG_NOISE = frozenset(
    "the inc ltd llc corp co plc group media news newspaper newspapers com www online digital daily net org "
    "limited company holdings network".split()
)


def _tokens(name: str) -> set[str]:
    toks = re.findall(r"[a-z0-9]+", name.lower())
    return {t for t in toks if t not in _ORG_NOISE}


def _compact(name: str) -> str:
    return "".join(sorted(_tokens(name), key=name.lower().find))


def publisher_matches(a: str, b: str) -> bool:
    """Loose equality of publisher names ('The Washington Post' ~ 'washingtonpost.com' ~ 'Washington Post')."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if ta <= tb or tb <= ta:
        return True
    ca = "".join(re.findall(r"[a-z0-9]+", a.lower()))
    cb = "".join(re.findall(r"[a-z0-9]+", b.lower()))
    for t in ta:
        if len(t) >= 4 and t in cb:
            return True
    for t in tb:
        if len(t) >= 4 and t in ca:
            return True
    return False


def _host_alias(url: Any) -> str | None:
    if not isinstance(url, str) or "://" not in url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    parts = [p for p in host.split(".") if p and p not in ("www", "m", "amp", "news", "edition")]
    if len(parts) >= 2:
        # drop the public suffix (crudely: the last part, and a 2-letter second-level like co.uk)
        parts = parts[:-1]
        if len(parts) >= 2 and parts[-1] in ("co", "com", "org", "net", "ac", "gov"):
            parts = parts[:-1]
    return parts[-1] if parts else None


def _first_line_span(doc: Document) -> tuple[int, int]:
    if not doc.text:
        return 0, 0
    ln = doc.lines[0]
    if ln.end > ln.start:
        return ln.start, ln.end
    return 0, min(1, len(doc.text))


def _sidecar_state(doc: Document) -> tuple[Mapping[str, Any], str | None, str | None]:
    if "sidecar_error" in doc.cache or "sidecar_source" in doc.cache:
        return doc.meta or {}, doc.cache.get("sidecar_error"), doc.cache.get("sidecar_source")
    if doc.meta:
        return doc.meta, None, None
    # the engine did not load metadata (checks called directly): read it here, once
    path = doc.path if doc.path not in ("", "-", "<text>", "<stdin>") else None
    res = read_sidecar(path, doc.text)
    doc.cache["sidecar_error"] = res.error
    doc.cache["sidecar_source"] = res.source
    return res.meta, res.error, res.source


def _detected_language(doc: Document) -> tuple[str | None, float]:
    lang = doc.cache.get("language")
    if isinstance(lang, Mapping):
        code = language_code(lang.get("code"))
        try:
            conf = float(lang.get("confidence", 1.0))
        except (TypeError, ValueError):
            conf = 0.0
        return code, conf
    if isinstance(lang, str):
        return language_code(lang), 1.0
    return None, 0.0


def _min_confidence(options: Options) -> float:
    value = options.get("min_language_confidence", 0.8)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"options: min_language_confidence must be a number (got {value!r})") from None


def setup(options: Options) -> None:
    """A bad option is a configuration error when the engine starts (exit 2), not a crash of
    the check on every document."""
    _min_confidence(options)


def check(doc: Document, options: Options) -> Iterator[Finding]:
    meta, error, source = _sidecar_state(doc)
    facts = extract(doc)
    items = scan(doc, lambda: author_names(doc))
    prov = options.provenance
    prov["byline"] = facts["byline"]
    prov["authors"] = facts["authors"]
    prov["disclosures"] = as_provenance(doc, items)
    prov["publisher_claims"] = facts["publisher_claims"]
    prov["metadata"] = dict(meta) if meta else {}
    prov["metadata_source"] = source

    if error:
        s, e = _first_line_span(doc)
        yield Finding("D201", s, e, f"Sidecar metadata cannot be parsed: {error}", data={"error": error})

    if not meta:
        return
    # publisher in the metadata vs publishers named in the text
    publisher = meta.get("publisher")
    claims = facts["publisher_claims"]
    if isinstance(publisher, str) and publisher.strip() and claims:
        aliases = [publisher]
        host = _host_alias(meta.get("url"))
        if host:
            aliases.append(host)
        if not any(publisher_matches(a, c["name"]) for a in aliases for c in claims):
            first = claims[0]
            ln = doc.lines[first["line"] - 1]
            names = ", ".join(sorted({repr(c["name"]) for c in claims}))
            yield Finding(
                "D202",
                ln.start + (len(ln.text) - len(ln.text.lstrip())),
                ln.start + len(ln.text.rstrip()),
                f"Metadata publisher {publisher!r} but the text names {names}",
                data={"field": "publisher", "metadata": publisher, "text": [c["name"] for c in claims]},
            )
    # language in the metadata vs the detected language (set by the language check, when it ran)
    meta_lang = language_code(meta.get("language"))
    detected, confidence = _detected_language(doc)
    min_conf = _min_confidence(options)
    if meta_lang and detected and detected != meta_lang and confidence >= min_conf:
        s, e = _first_line_span(doc)
        yield Finding(
            "D202",
            s,
            e,
            f"Metadata language {meta.get('language')!r} but the text is detected as {detected!r} "
            f"(confidence {confidence:.2f})",
            data={
                "field": "language",
                "metadata": meta.get("language"),
                "detected": detected,
                "confidence": confidence,
            },
        )
