"""YAML rule packs: loading, validation, and the one-pass multi-pattern matcher.

Every phrase and pattern rule of every enabled pack is compiled into one RE2 ``Set``.
A document is scanned once by the set; only the rules that hit are run again (one
RE2 ``finditer`` each) to find positions and apply position/length constraints.
RE2 is linear-time, so no user pattern can hang a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import re2

from doclint.document import Document
from doclint.model import CATEGORIES, SEVERITIES, Example, Finding, PackError, Rule
from doclint.parsed_yaml import YamlError, load_yaml
from doclint.utf8text import Utf8Text, utf8_of

KINDS = ("phrase", "pattern", "line-shape")
_COMMON_KEYS = {
    "code", "name", "category", "severity", "kind", "message", "rationale", "summary",
    "examples", "where", "max_words", "min_words", "span",
}
_KIND_KEYS = {
    "phrase": {"phrases", "match"},
    "pattern": {"pattern", "patterns", "flags", "group"},
    "line-shape": {"shape", "params"},
}
_CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SPACE_RE = re.compile(r"\s+")


def _options() -> re2.Options:
    opts = re2.Options()
    opts.log_errors = False
    opts.max_mem = 256 << 20
    return opts


_RE2_OPTIONS = _options()


def compile_re2(pattern: str | bytes) -> Any:
    return re2.compile(pattern, _RE2_OPTIONS)


def _word_edge(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


# ``re2.escape`` (RE2's QuoteMeta on the UTF-8 bytes) as one ``str.translate``: every ASCII
# character other than a letter, a digit or '_' gets a backslash (NUL becomes ``\x00``);
# every other character is left as it is (QuoteMeta leaves UTF-8 bytes >= 0x80 alone).
# Tested against re2.escape on every code point; saves ~1 ms of start-up.
_QUOTE_META = {c: "\\x00" if c == 0 else "\\" + chr(c) for c in range(128) if not _word_edge(chr(c))}


def quote_meta(text: str) -> str:
    """``re2.escape(text)`` for a text that UTF-8 can encode."""
    return text.translate(_QUOTE_META)


@lru_cache(maxsize=4096)  # each phrase is turned into a regex when its pack is loaded and again by the Matcher
def phrase_regex(phrase: str) -> str:
    """A case-insensitive RE2 fragment for a literal phrase, with word edges where they make sense."""
    phrase = phrase.strip()
    body = r"[^\S\n]+".join(quote_meta(part) for part in _SPACE_RE.split(phrase))
    if _word_edge(phrase[0]):
        body = r"\b" + body
    if _word_edge(phrase[-1]):
        body += r"\b"
    return body


def rule_regexes(rule: Rule) -> list[str]:
    """The RE2 patterns a phrase/pattern rule is scanned with (one per listed pattern)."""
    p = rule.params
    if rule.kind == "phrase":
        alts = "|".join(phrase_regex(ph) for ph in p["phrases"])
        if p.get("match", "substring") == "line":
            return [r"(?mi)^[^\S\n]*((?:" + alts + r")[^\S\n]*[.!:…»›>]*)[^\S\n]*\r?$"]
        return [r"(?i)(" + alts + ")"]
    flags = p.get("flags", "")
    prefix = f"(?{flags})" if flags else ""
    return [prefix + pat for pat in p["patterns"]]


# ---------------------------------------------------------------- loading


def _err(path: Path, rule: str | None, msg: str) -> PackError:
    where = f"{path}" + (f": rule {rule}" if rule else "")
    return PackError(f"{where}: {msg}")


def _examples(path: Path, code: str, raw: Any) -> tuple[Example, ...]:
    if not isinstance(raw, Mapping) or not set(raw) <= {"fail", "pass"}:
        raise _err(path, code, "'examples' must be a mapping with 'fail' and 'pass' lists")
    out: list[Example] = []
    for key in ("fail", "pass"):
        items = raw.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise _err(path, code, f"'examples.{key}' must be a list of strings")
        out.extend(Example(text, fails=(key == "fail")) for text in items)
    if not any(e.fails for e in out) or not any(not e.fails for e in out):
        raise _err(path, code, "needs at least one 'fail' and one 'pass' example")
    return tuple(out)


def _where(path: Path, code: str, raw: Any) -> dict[str, int]:
    if raw is None:
        return {}
    if (
        not isinstance(raw, Mapping)
        or not raw
        or not set(raw) <= {"head", "tail"}
        or not all(isinstance(v, int) and v > 0 for v in raw.values())
    ):
        raise _err(path, code, "'where' must be {head: N} and/or {tail: N} with N > 0")
    return dict(raw)


def parse_rule(path: Path, raw: Any, shapes: Mapping[str, Any]) -> Rule:
    if not isinstance(raw, Mapping):
        raise _err(path, None, "each entry of 'rules' must be a mapping")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise _err(path, str(code), "'code' must look like B101 (a capital letter and three digits)")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _err(path, code, f"'kind' must be one of {', '.join(KINDS)} (got {kind!r})")
    unknown = set(raw) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        raise _err(path, code, f"unknown key {sorted(unknown)[0]!r} for a {kind} rule")
    for key in ("name", "category", "severity", "message", "rationale"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _err(path, code, f"missing or empty '{key}'")
    if not _NAME_RE.match(raw["name"]):
        raise _err(path, code, f"'name' must be kebab-case (got {raw['name']!r})")
    if raw["category"] not in CATEGORIES:
        raise _err(path, code, f"'category' must be one of {', '.join(CATEGORIES)}")
    if raw["severity"] not in SEVERITIES:
        raise _err(path, code, f"'severity' must be one of {', '.join(SEVERITIES)}")
    params: dict[str, Any] = {"where": _where(path, code, raw.get("where"))}
    span = raw.get("span", "match")
    if span not in ("match", "line"):
        raise _err(path, code, "'span' must be 'match' or 'line'")
    params["span"] = span
    for key in ("max_words", "min_words"):
        if key in raw:
            if not isinstance(raw[key], int) or raw[key] < 0:
                raise _err(path, code, f"'{key}' must be a non-negative integer")
            params[key] = raw[key]
    if kind == "phrase":
        phrases = raw.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise _err(path, code, "'phrases' must be a non-empty list of non-empty strings")
        match = raw.get("match", "substring")
        if match not in ("line", "substring"):
            raise _err(path, code, "'match' must be 'line' or 'substring'")
        params.update(phrases=list(phrases), match=match)
    elif kind == "pattern":
        if ("pattern" in raw) == ("patterns" in raw):
            raise _err(path, code, "give exactly one of 'pattern' or 'patterns'")
        pats = [raw["pattern"]] if "pattern" in raw else raw["patterns"]
        if not isinstance(pats, list) or not pats or not all(isinstance(p, str) and p for p in pats):
            raise _err(path, code, "'pattern(s)' must be a non-empty string or list of strings")
        flags = raw.get("flags", "")
        if not isinstance(flags, str) or not set(flags) <= set("imsU"):
            raise _err(path, code, "'flags' may only contain i, m, s, U")
        group = raw.get("group", 0)
        if not isinstance(group, int) or group < 0:
            raise _err(path, code, "'group' must be a non-negative integer")
        params.update(patterns=list(pats), flags=flags, group=group)
    else:
        shape = raw.get("shape")
        if not isinstance(shape, str) or shape not in shapes:
            raise _err(path, code, f"unknown 'shape' {shape!r} (known: {', '.join(sorted(shapes))})")
        shape_params = raw.get("params") or {}
        if not isinstance(shape_params, Mapping):
            raise _err(path, code, "'params' must be a mapping")
        try:
            shapes[shape].validate(shape_params)
        except (TypeError, ValueError) as exc:
            raise _err(path, code, f"bad params for shape {shape!r}: {exc}") from None
        params.update(shape=shape, shape_params=dict(shape_params))
    rule = Rule(
        code=code,
        name=raw["name"],
        category=raw["category"],
        severity=raw["severity"],
        message=raw["message"].strip(),
        rationale=" ".join(raw["rationale"].split()),
        summary=str(raw.get("summary", "")).strip(),
        examples=_examples(path, code, raw.get("examples")),
        kind=kind,
        source=str(path),
        params=params,
    )
    for regex in rule_regexes(rule) if kind in ("phrase", "pattern") else ():
        try:
            # compiled as the Matcher compiles it (UTF-8 bytes, re2's cache): one compile per
            # pattern, and the same errors (re2 encodes a str pattern to UTF-8 itself)
            compiled = compile_re2(regex.encode("utf-8"))
        except re2.error as exc:
            detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            hint = ""
            if "\\1" in regex or "(?<" in regex or "(?=" in regex or "(?!" in regex:
                hint = " (back-references and look-around are not supported: patterns run on RE2)"
            raise _err(path, code, f"invalid regex {regex!r}: {detail}{hint}") from None
        if kind == "pattern" and params["group"] > compiled.groups:
            raise _err(path, code, f"'group' {params['group']} but the pattern {regex!r} has {compiled.groups}")
    return rule


def load_pack(path: Path, shapes: Mapping[str, Any]) -> list[Rule]:
    try:
        data = load_yaml(path)  # the shipped packs: their JSON parse (doclint.parsed_yaml)
    except YamlError as exc:
        raise PackError(f"{path}: YAML error: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}: a rule pack is a mapping with a 'rules' list")
    unknown = set(data) - {"pack", "description", "rules"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key {sorted(unknown)[0]!r}")
    return [parse_rule(path, raw, shapes) for raw in data["rules"]]


def load_packs(folders: Iterable[Path], shapes: Mapping[str, Any]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            raise PackError(f"{folder}: rule pack folder does not exist")
        for path in sorted(folder.glob("*.yaml")):
            for rule in load_pack(path, shapes):
                for key in (rule.code, rule.name):
                    if key in seen:
                        raise _err(path, rule.code, f"{key!r} is already defined in {seen[key]}")
                    seen[key] = str(path)
                rules.append(rule)
    return rules


# ---------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A rule's pattern, compiled for the confirm pass, and the group that gives the span."""

    rule: Rule
    regex: Any  # compiled for UTF-8 bytes: one encode per document, no per-match conversion
    group: int


def _nonblank_index(doc: Document) -> list[int]:
    """Line numbers of the non-blank lines, cached per document."""
    cached = doc.cache.get("_nonblank")
    if cached is None:
        cached = [ln.number for ln in doc.lines if ln.text.strip()]
        doc.cache["_nonblank"] = cached
    return cached


def _position_ok(doc: Document, line_no: int, where: Mapping[str, int]) -> bool:
    if not where:
        return True
    nonblank = _nonblank_index(doc)
    if not nonblank:
        return False
    head, tail = where.get("head"), where.get("tail")
    ok = False
    if head is not None:
        ok = ok or line_no <= nonblank[min(head, len(nonblank)) - 1]
    if tail is not None:
        ok = ok or line_no >= nonblank[max(len(nonblank) - tail, 0)]
    return ok


def _words(text: str) -> int:
    return len(text.split())


class Matcher:
    """All phrase/pattern rules compiled into one RE2 Set, plus the line-shape rules."""

    def __init__(self, rules: Sequence[Rule], shapes: Mapping[str, Any]) -> None:
        self._compiled: list[_Compiled] = []
        self._shape_rules = [r for r in rules if r.kind == "line-shape"]
        self._shapes = shapes
        regex_rules = [r for r in rules if r.kind in ("phrase", "pattern")]
        regex_set = re2.Set.SearchSet(_RE2_OPTIONS) if regex_rules else None
        self._set = regex_set
        for rule in regex_rules:
            assert regex_set is not None
            group = 1 if rule.kind == "phrase" else int(rule.params.get("group", 0))
            for regex in rule_regexes(rule):
                index = regex_set.Add(regex)
                assert index == len(self._compiled)
                self._compiled.append(_Compiled(rule, compile_re2(regex.encode("utf-8")), group))
        if self._set is not None:
            self._set.Compile()

    def scan(self, doc: Document) -> Iterator[Finding]:
        if self._set is not None and doc.text:
            u = utf8_of(doc)  # encoded once, shared with the disclosure and provenance checks
            hits = self._set.Match(u.data)
            if hits:
                for i in sorted(hits):
                    yield from self._confirm(doc, self._compiled[i], u)
        for rule in self._shape_rules:
            shape = self._shapes[rule.params["shape"]]
            for finding in shape.detect(doc, rule.params["shape_params"], rule):
                if self._line_ok(doc, rule, finding.start):
                    yield finding

    def _line_ok(self, doc: Document, rule: Rule, start: int) -> bool:
        p = rule.params
        line_no = doc.line_of(start)
        if not _position_ok(doc, line_no, p.get("where") or {}):
            return False
        if "max_words" in p or "min_words" in p:
            words = _words(doc.lines[line_no - 1].text)
            if words > p.get("max_words", words) or words < p.get("min_words", 0):
                return False
        return True

    def _confirm(self, doc: Document, c: _Compiled, u: Utf8Text) -> Iterator[Finding]:
        rule = c.rule
        p = rule.params
        # _line_ok is always true without position/length constraints: skip its line lookup
        constrained = bool(p.get("where")) or "max_words" in p or "min_words" in p
        span_line = p.get("span") == "line"
        group = c.group
        char = u.char
        for m in c.regex.finditer(u.data):
            bstart, bend = m.span(group)
            if bstart < 0 or (bend <= bstart and m.end() <= m.start()):
                continue
            start, end = char(bstart), char(bend)
            if constrained and not self._line_ok(doc, rule, start):
                continue
            if span_line:
                line = doc.lines[doc.line_of(start) - 1]
                start = line.start + (len(line.text) - len(line.text.lstrip()))
                end = max(start, line.start + len(line.text.rstrip()))
            matched = doc.text[start:end]
            yield Finding(rule.code, start, end, format_message(rule.message, matched))


def format_message(template: str, matched: str) -> str:
    shown = " ".join(matched.split())
    if len(shown) > 80:
        shown = shown[:77] + "…"
    return template.replace("{match}", shown)
