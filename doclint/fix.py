"""``doclint fix PATH... --out DIR``: write repaired copies of documents.

For each document: lint it, collect safe edits, apply them to a copy of the text, normalise
whitespace, and lint again -- up to :data:`MAX_PASSES` passes, until nothing changes.

Edits, in priority order (an edit overlapping one already chosen in the same pass is left for
the next pass):

1. removal (blanking) of whole lines flagged by ``boilerplate`` findings of severity warning or
   error (info-level ones such as ``B117`` menu-run are heuristics and left alone), and only
   lines of at most :data:`MAX_BOILERPLATE_WORDS` words holding one sentence or mostly covered
   by boilerplate findings -- a prompt inside a paragraph of real text is left alone;
2. removal of lines that are nothing but stray markup (a markup finding of
   :data:`LINE_MARKUP_RULES` covering the whole stripped line, e.g. ``M102`` lone ``<``);
3. every finding's own ``fix`` (offset, end_offset, replacement), e.g. the residue checks';
4. markup repairs computed here: ``M105`` HTML entities decoded (``html.unescape``; a
   non-breaking space becomes a space), ``M101`` stray tag fragments (``p >``) removed;
5. whitespace: trailing spaces/tabs removed, runs of blank lines collapsed to one, leading
   blank lines dropped, exactly one final newline (the document's line ending is kept).

Inputs are never written unless ``--in-place``; ``--diff`` prints a unified diff and writes
nothing. Output is UTF-8.
"""

from __future__ import annotations

import argparse
import difflib
import html
import os
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from doclint.decode import _BOMS as _DECODE_BOMS
from doclint.document import Document

MAX_PASSES = 3
MAX_BOILERPLATE_WORDS = 40
REMOVE_SEVERITIES = frozenset({"warning", "error"})  # boilerplate findings that remove lines
LINE_MARKUP_RULES = frozenset({"M101", "M102", "M103", "M104", "M106", "M107", "M108"})
WHITESPACE = "whitespace"

EXIT_OK = 0
EXIT_ERROR = 2

_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+[\"'“‘(\[]?[A-Z0-9]")


# ------------------------------------------------------------------ pure text repair


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str
    priority: int = 2


@dataclass
class FixResult:
    text: str
    applied: Counter[str] = field(default_factory=Counter)
    passes: int = 0
    findings_before: int = 0
    findings_after: int = 0
    errors: list[str] = field(default_factory=list)


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line holding ``offset``; end excludes the newline."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


def _line_removal(text: str, start: int, end: int, rule: str, priority: int) -> Edit:
    """Blank out lines start..end (a line span); their newlines stay, so a removed line between
    two paragraphs still separates them. Whitespace normalisation then drops the blank run."""
    return Edit(start, end, "", rule, priority)


def _is_prompt_line(line: str) -> bool:
    """A line short enough to be site chrome: few words and at most one sentence."""
    words = line.split()
    return 0 < len(words) <= MAX_BOILERPLATE_WORDS and not _SENTENCE_BREAK.search(line.strip())


def _boilerplate_coverage(text: str, findings: Iterable[Mapping[str, Any]]) -> dict[int, int]:
    """Line start -> characters of that line covered by boilerplate findings (one-line spans)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    n = len(text)
    for f in findings:
        s, e = _as_int(f.get("offset")), _as_int(f.get("end_offset"))
        if f.get("category") != "boilerplate" or s is None or e is None or not 0 <= s < e <= n:
            continue
        ls, le = _line_bounds(text, s)
        if e <= le:
            spans.setdefault(ls, []).append((s, e))
    out: dict[int, int] = {}
    for ls, items in spans.items():
        total, reach = 0, -1
        for s, e in sorted(items):
            s = max(s, reach)
            if e > s:
                total += e - s
                reach = e
        out[ls] = total
    return out


def _mostly_covered(line: str, covered: int) -> bool:
    """Boilerplate findings cover most of a short line (e.g. two form messages in a row)."""
    body = len(line.strip())
    return body > 0 and covered >= 0.6 * body and len(line.split()) <= MAX_BOILERPLATE_WORDS


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def edits_for(text: str, findings: Iterable[Mapping[str, Any]]) -> list[Edit]:
    """The edits the findings of one lint of ``text`` call for (possibly overlapping)."""
    n = len(text)
    edits: list[Edit] = []
    findings = [f for f in findings if isinstance(f, Mapping)]
    covered = _boilerplate_coverage(text, findings)
    for f in findings:
        rule = str(f.get("rule", "?"))
        category = f.get("category")
        s, e = _as_int(f.get("offset")), _as_int(f.get("end_offset"))
        if s is None or e is None or not 0 <= s <= e <= n:
            s = e = None
        if category == "boilerplate":
            if s is None or e is None or f.get("severity") not in REMOVE_SEVERITIES:
                continue  # info-level boilerplate rules are heuristics (menu runs...): left alone
            first_start, _ = _line_bounds(text, s)
            _, last_end = _line_bounds(text, max(s, e - 1) if e > s else s)
            lines = text[first_start:last_end].split("\n")
            pos, ok = first_start, any(ln.strip() for ln in lines)
            for ln in lines:
                if ln.strip() and not (_is_prompt_line(ln) or _mostly_covered(ln, covered.get(pos, 0))):
                    ok = False
                pos += len(ln) + 1
            if ok:
                edits.append(_line_removal(text, first_start, last_end, rule, 0))
            continue
        if s is not None and e is not None and category == "markup" and e > s:
            ls, le = _line_bounds(text, s)
            line = text[ls:le]
            lead = len(line) - len(line.lstrip())
            trail = len(line.rstrip())
            if rule in LINE_MARKUP_RULES and s <= ls + lead and e >= ls + trail and e <= le:
                edits.append(_line_removal(text, ls, le, rule, 1))
                continue
            if rule == "M105":
                span = text[s:e]
                decoded = html.unescape(span).replace("\u00a0", " ")
                if decoded != span:
                    edits.append(Edit(s, e, decoded, rule, 3))
                continue
            if rule == "M101":
                s2, e2 = s, e
                while s2 > ls and text[s2 - 1] in " \t":
                    s2 -= 1
                after = text[e2] if e2 < n else "\n"
                if after in "\r\n" or s2 == ls:
                    edits.append(Edit(s2, e2, "", rule, 3))  # fragment at a line edge
                elif after in " \t":
                    edits.append(Edit(s, e2 + 1, "", rule, 3))
                else:
                    edits.append(Edit(s, e2, "", rule, 3))
                continue
        fix = f.get("fix")
        if isinstance(fix, Mapping):
            fs, fe, rep = _as_int(fix.get("offset")), _as_int(fix.get("end_offset")), fix.get("replacement")
            if fs is not None and fe is not None and isinstance(rep, str) and 0 <= fs <= fe <= n:
                if text[fs:fe] != rep:
                    edits.append(Edit(fs, fe, rep, rule, 2))
    return edits


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


class _Chosen:
    """Pairwise non-overlapping edits in (start, end) order. Sorted that way their ends never
    decrease either (two non-empty edits: the first ends before the second starts; an
    insertion sits at or outside a replacement's ends), so the only edits that can overlap
    ``ed`` lie between the first one ending at or after ``ed.start`` and the last one starting
    at or before ``ed.end``: a bisect each way, then a few :func:`_overlaps` tests (edits
    there either overlap ``ed`` or touch one of its ends), instead of a test per edit."""

    def __init__(self, edits: list[Edit]) -> None:  # ``edits``: already in (start, end) order
        self.edits = edits
        self.starts = [e.start for e in edits]
        self.ends = [e.end for e in edits]

    def overlaps(self, ed: Edit) -> bool:
        lo = bisect_left(self.ends, ed.start)
        hi = bisect_right(self.starts, ed.end)
        return any(_overlaps(ed, c) for c in self.edits[lo:hi])

    def append(self, ed: Edit) -> None:  # ``ed`` sorts after every edit held
        self.edits.append(ed)
        self.starts.append(ed.start)
        self.ends.append(ed.end)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, Counter[str]]:
    """Apply non-overlapping edits (higher priority first, then by position); an edit
    overlapping one already chosen is skipped. Returns (text, counts).

    Edits are taken one priority at a time, each in position order: one checked against the
    earlier priorities' choice and this priority's choice so far (:class:`_Chosen`), the text
    rebuilt in one join -- the same edits and text as testing each edit against every chosen
    one and splicing them in from the end, without the quadratic cost (a page of 200,000
    entity repairs took half an hour per pass)."""
    n = len(text)
    chosen: list[Edit] = []
    for _, group in groupby(sorted(edits, key=lambda x: (x.priority, x.start, x.end, x.rule, x.replacement)),
                            key=lambda x: x.priority):
        before = _Chosen(chosen)
        now = _Chosen([])
        for ed in group:
            if not 0 <= ed.start <= ed.end <= n:
                continue
            if before.overlaps(ed) or now.overlaps(ed):
                continue
            now.append(ed)
        chosen = sorted(chosen + now.edits, key=lambda x: (x.start, x.end))
    counts: Counter[str] = Counter()
    parts: list[str] = []
    pos = 0
    for ed in chosen:  # no two overlap: the text between them is the original's
        parts.append(text[pos : ed.start])
        parts.append(ed.replacement)
        pos = ed.end
        counts[ed.rule] += 1
    parts.append(text[pos:])
    return "".join(parts), counts


def normalise_whitespace(text: str) -> str:
    """Trailing blanks removed, blank-line runs collapsed to one, leading blank lines dropped,
    one final newline. CRLF documents stay CRLF."""
    if not text.strip():
        return ""
    crlf = text.count("\r\n") * 2 > text.count("\n")
    newline = "\r\n" if crlf else "\n"
    lines = [ln.rstrip(" \t\r\f\v") for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return newline.join(out) + newline


def repair_text(text: str, findings: Iterable[Mapping[str, Any]]) -> tuple[str, Counter[str]]:
    """One pass: the findings' edits applied, then whitespace normalised."""
    fixed, counts = apply_edits(text, edits_for(text, findings))
    normal = normalise_whitespace(fixed)
    if normal != fixed:
        counts[WHITESPACE] += 1
    return normal, counts


def fix_document(doc: Document, engine: Any, passes: int = MAX_PASSES) -> FixResult:
    """Lint ``doc``, repair, re-lint, up to ``passes`` times or until stable."""
    text = doc.text
    result = FixResult(text)
    report = engine.lint(doc)
    result.findings_before = len(report["findings"])
    for _ in range(max(1, passes)):
        result.errors.extend(f"{e['check']}: {e['error']}" for e in report.get("errors", ()))
        new, counts = repair_text(text, report["findings"])
        if new == text:
            break
        result.passes += 1
        result.applied.update(counts)
        text = new
        report = engine.lint(Document(path=doc.path, text=text, meta=doc.meta))
    result.text = text
    result.findings_after = len(report["findings"])
    return result


# ------------------------------------------------------------------ command line


def _encode(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from undecodable input
        return text.encode("utf-8", "replace")


_BOMS = {name: bom for bom, name in _DECODE_BOMS}  # encoding -> its byte-order mark, as decode reads them


def _encode_like(text: str, doc: Document) -> tuple[bytes, str | None]:
    """The repaired text in the Unicode encoding the document came in (UTF-8, UTF-16/32), with
    its byte-order mark; a legacy code page (the cp1252/latin-1 fallback, R001) becomes UTF-8,
    which is itself a repair. A note when the encoding cannot be kept."""
    decoded = doc.cache.get("decode")
    if decoded is None or decoded.fallback or (decoded.encoding == "utf-8" and not decoded.bom):
        return _encode(text), None
    try:
        data = text.encode(decoded.encoding)
    except UnicodeEncodeError:
        return _encode(text), f"written as UTF-8 (the repair is not representable in {decoded.encoding})"
    return (_BOMS.get(decoded.encoding, b"") if decoded.bom else b"") + data, None


def _write(target: Path, data: bytes, mode: int | None) -> None:
    from doclint.outputs import atomic_write

    atomic_write(target, data)
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(target, mode)
    except OSError:
        pass


def _summary(applied: Counter[str]) -> str:
    if not applied:
        return "no repairs"
    total = sum(v for k, v in applied.items() if k != WHITESPACE)
    parts = [f"{k}×{v}" for k, v in sorted(applied.items()) if k != WHITESPACE]
    if WHITESPACE in applied:
        parts.append("whitespace")
    return f"{total} repair{'s' * (total != 1)} ({', '.join(parts)})"


def run(args: argparse.Namespace, config: Any, engine: Any) -> int:
    from doclint.cli import _mirror, _unique
    from doclint.decode import BinaryFile
    from doclint.outputs import bytes_writer, safe_join, sanitize
    from doclint.sources import cap, document_from_raw, iter_sources, read_raw

    if args.in_place and args.out:
        print("doclint fix: --in-place and --out cannot be used together", file=sys.stderr)
        return EXIT_ERROR
    stdin = "-" in args.paths
    if stdin and (len(args.paths) > 1 or args.in_place or args.out):
        print("doclint fix: '-' (standard input) is repaired to standard output: give it alone, "
              "without --out or --in-place", file=sys.stderr)
        return EXIT_ERROR
    if not (stdin or args.in_place or args.out or args.diff):
        print("doclint fix: say where repaired copies go: --out DIR, --in-place or --diff",
              file=sys.stderr)
        return EXIT_ERROR
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        print(f"doclint fix: --out {sanitize(args.out)} exists and is not a folder", file=sys.stderr)
        return EXIT_ERROR
    log = sys.stderr if args.diff or stdin else sys.stdout
    errors: list[str] = []
    if out is not None:
        base = os.path.realpath(out)
        for raw in args.paths:
            real = os.path.realpath(raw)
            if real == base or real.startswith(base + os.sep):
                print(f"doclint fix: --out {sanitize(args.out)} holds the input {sanitize(raw)}; "
                      "choose another folder (or --in-place)", file=sys.stderr)
                return EXIT_ERROR
    sources = list(_iter_files(iter_sources, args.paths, config, errors))  # walk before writing
    if out is not None:  # never re-fix our own output (--out inside an input folder)
        sources = [s for s in sources
                   if not os.path.realpath(s.path).startswith(base + os.sep)]
    totals: Counter[str] = Counter()
    written: set[str] = set()  # names given under --out this run
    changed = 0
    for source in sources:
        shown = sanitize(source.display)
        if _is_shard(source):
            print(f"{shown}: corpus shard (JSONL/Parquet), not repaired", file=log)
            continue
        limit = int(getattr(config, "max_bytes", 0) or 0)
        if source.data is not None:  # standard input: the repaired text goes to standard output
            echo = None if args.diff else bytes_writer(sys.stdout)
            if limit > 0 and len(source.data) > limit:
                print(f"{shown}: larger than max-bytes ({limit}), not repaired", file=log)
                if echo is not None:
                    echo(source.data)
                continue
            try:
                doc = document_from_raw(cap(source.data), source.display)
            except BinaryFile:
                print(f"{shown}: binary input, not repaired", file=log)
                if echo is not None:
                    echo(source.data)
                continue
            original = source.data
        else:
            echo = None
            try:
                if limit > 0 and source.path.stat().st_size > limit:
                    print(f"{shown}: larger than max-bytes ({limit}), not repaired", file=log)
                    continue
                raw = read_raw(source.path)  # a regular file only: a FIFO or device would never end
                original = raw.data
                doc = document_from_raw(raw, source.display, source.path)
            except BinaryFile:
                print(f"{shown}: binary file, not repaired", file=log)
                continue
            except OSError as exc:
                errors.append(f"{source.display}: cannot read: {exc.strerror or exc}")
                continue
        res = fix_document(doc, engine)
        errors.extend(f"{source.display}: internal error in check {e}" for e in res.errors)
        decoded = doc.cache.get("decode")
        if decoded is not None and decoded.fallback and res.text and echo is None:
            res.applied["R001"] += 1  # a file re-encoded from a legacy code page to UTF-8 (a
            # filter's output keeps the input's bytes when nothing else is repaired)
        if not res.applied:
            data, recoded = original, None  # nothing repaired: the bytes as they came
        else:
            data, recoded = _encode_like(res.text, doc) if res.text else (b"", None)
        differs = data != original
        note_recoded = f"; {recoded}" if recoded else ""
        if args.diff or echo is not None:
            changed += differs
        totals.update(res.applied)
        note = f"findings {res.findings_before} → {res.findings_after}{note_recoded}"
        if args.diff:
            if differs:
                _print_diff(doc.text, res.text, source.display,
                            bom=decoded is not None and decoded.bom and decoded.encoding == "utf-8")
            print(f"{shown}: {_summary(res.applied)}; {note}", file=log)
            continue
        if echo is not None:
            echo(data)
            print(f"{shown}: {_summary(res.applied)}; {note}", file=log)
            continue
        if args.in_place:
            if differs:
                real = Path(os.path.realpath(source.path))
                try:
                    st = os.stat(real)
                    if not st.st_mode & 0o222:
                        raise PermissionError(0, "read-only file, not rewritten (make it writable first)")
                    if st.st_nlink > 1:  # a rename would split the links: the others keep the old text
                        raise PermissionError(0, f"has {st.st_nlink} hard links, not rewritten (use --out)")
                    _write(real, data, st.st_mode & 0o7777)
                    if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                        try:  # the replacement keeps the owner (possible when running as root)
                            os.chown(real, st.st_uid, st.st_gid)
                        except OSError:
                            pass
                except OSError as exc:
                    errors.append(f"{source.display}: cannot write: {exc.strerror or exc}")
                    continue
                changed += 1
                print(f"{shown}: {_summary(res.applied)}; {note}; rewritten", file=log)
            else:
                print(f"{shown}: unchanged", file=log)
            continue
        assert out is not None
        try:  # two inputs of the same name (a/x.txt, b/x.txt given as files) get x.txt and x.txt~2
            target = safe_join(out, _unique(_mirror(source, args.paths), written))
        except ValueError as exc:
            errors.append(f"{source.display}: {exc}")
            continue
        if os.path.realpath(target) == os.path.realpath(source.path):
            errors.append(f"{source.display}: output would overwrite the input (use --in-place)")
            continue
        try:
            _write(target, data, None)
        except OSError as exc:
            errors.append(f"{target}: cannot write: {exc.strerror or exc}")
            continue
        changed += differs
        print(f"{shown}: {_summary(res.applied)}; {note} → {sanitize(str(target))}", file=log)
    sys.stdout.flush()
    for err in errors:
        print(f"doclint: error: {sanitize(err)}", file=sys.stderr)
    verb = "would change" if args.diff else ("rewrote" if args.in_place else "changed")
    if stdin:
        sys.stdout.flush()
    print(f"{len(sources)} document{'s' * (len(sources) != 1)}, {verb} {changed}; "
          f"{_summary(totals)}.", file=log)
    return EXIT_ERROR if errors else EXIT_OK


def _iter_files(iter_sources: Any, paths: Any, config: Any, errors: list[str]) -> Any:
    """Input files; corpus shards stay whole files (one Source each), when sources supports it."""
    import inspect

    try:
        shards_param = "expand_shards" in inspect.signature(iter_sources).parameters
    except (TypeError, ValueError):  # pragma: no cover
        shards_param = False
    if shards_param:
        return iter_sources(paths, config, errors, expand_shards=False)
    return iter_sources(paths, config, errors)


def _is_shard(source: Any) -> bool:
    if getattr(source, "record", None) is not None or getattr(source, "text", None) is not None:
        return True
    try:
        from doclint.sources import is_shard
    except ImportError:  # pragma: no cover
        return False
    return bool(is_shard(source.path))


def _lines(text: str) -> list[str]:
    """Lines as ``patch`` sees them: split after "\n" only (``str.splitlines`` also splits at
    VT, FF, NEL, U+2028 ..., which made hunks no patch tool applies); a "\r" stays in its line."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _print_diff(before: str, after: str, path: str, bom: bool = False) -> None:
    """A unified diff that ``git apply`` / ``patch -p1`` take: lines as they are in the file (a
    UTF-8 byte-order mark in the first line, CR kept) -- shown escaped only on a terminal,
    where control characters from a document must never reach it. The name is always escaped."""
    from doclint.outputs import bytes_writer, sanitize

    shown = sanitize(path)
    raw = not sys.stdout.isatty()
    write = bytes_writer(sys.stdout)
    if bom:
        before, after = "\ufeff" + before, "\ufeff" + after
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{shown}", tofile=f"b/{shown}"):
        body = line[:-1] if line.endswith("\n") else line
        text = body if raw else sanitize(body)
        try:  # a byte that was not UTF-8 goes out as it was
            data = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            data = text.encode("utf-8", "surrogatepass")
        write(data + b"\n")
        if not line.endswith("\n"):
            write(b"\\ No newline at end of file\n")
    sys.stdout.flush()  # the per-file summary goes to stderr: keep the order on a terminal


__all__ = [
    "Edit", "FixResult", "apply_edits", "edits_for", "fix_document",
    "normalise_whitespace", "repair_text", "run",
]
