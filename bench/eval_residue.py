"""Measure the residue checks (R1xx) on real, clean web text.

Runs every ``doclint/checks/residue_*.py`` module over the development pages
(``shared/dev/readability``: each page's text with a per-line label, ``C`` = main
content) and prints, per rule, the number of findings that start on ``C`` lines and
that number per 100,000 characters of ``C``-line text -- on clean article text nearly
every such finding is a false positive -- followed by sample findings to read.

Also times the full residue rule set (MB/s on one core) over the whole corpus.

    python bench/eval_residue.py [--dev DIR] [--samples N] [--rule R101] [--all-lines]
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doclint import checks as checks_pkg  # noqa: E402
from doclint.checks import Options  # noqa: E402
from doclint.document import Document  # noqa: E402


def _default_dev() -> Path:
    for cand in (ROOT.parent / "shared" / "dev" / "readability", Path("/work/shared/dev/readability")):
        if cand.is_dir():
            return cand
    return Path("shared/dev/readability")


def residue_modules() -> list:
    mods = []
    for info in sorted(pkgutil.iter_modules(checks_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("residue_"):
            mods.append(importlib.import_module(f"doclint.checks.{info.name}"))
    return mods


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=_default_dev())
    ap.add_argument("--samples", type=int, default=15, help="samples listed per rule")
    ap.add_argument("--rule", action="append", help="only list samples of these rules")
    ap.add_argument("--all-lines", action="store_true", help="also count findings on B lines")
    args = ap.parse_args()

    labels = {}
    with open(args.dev / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            labels[rec["id"]] = rec["line_labels"]

    mods = residue_modules()
    docs = sorted((args.dev / "docs").glob("*.txt"))
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in docs}
    # warm up (word list, ftfy import), then time the rule set alone: CPU time, best of 3
    for text in texts.values():
        for mod in mods:
            list(mod.check(Document.from_text(text), Options()))
    elapsed = float("inf")
    for _ in range(3):
        prepared = [Document.from_text(t) for t in texts.values()]
        for d in prepared:
            d.lines, d.paragraphs  # noqa: B018 - the line index is shared with other checks
        t0 = time.process_time()
        for d in prepared:
            for mod in mods:
                list(mod.check(d, Options()))
        elapsed = min(elapsed, time.process_time() - t0)
    c_chars = 0
    total_chars = 0
    on_c: Counter[str] = Counter()
    on_b: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    for path in docs:
        text = texts[path]
        lab = labels.get(path.stem, "")
        doc = Document.from_text(text, path=path.name)
        total_chars += len(text)
        for ln in doc.lines:
            if ln.number - 1 < len(lab) and lab[ln.number - 1] == "C":
                c_chars += len(ln.text) + 1
        findings = []
        for mod in mods:
            findings.extend(mod.check(doc, Options()))
        for f in findings:
            line, col = doc.linecol(f.start)
            label = lab[line - 1] if line - 1 < len(lab) else "?"
            if label == "C":
                on_c[f.rule] += 1
            else:
                on_b[f.rule] += 1
                if not args.all_lines:
                    continue
            snippet = doc.text[max(0, f.start - 30) : min(len(doc.text), f.end + 30)]
            snippet = snippet.replace("\n", "\u23ce")[:160]
            samples[f.rule].append(f"{path.name}:{line}:{col} [{label}] {f.message[:110]} | {snippet}")

    rules = sorted({r.code: r for m in mods for r in m.RULES}.values(), key=lambda r: r.code)
    print(f"dev set: {len(docs)} pages, {total_chars:,} chars, {c_chars:,} chars on C lines")
    print(f"residue rule set: {total_chars / max(elapsed, 1e-9) / 1e6:.1f} M chars/s on one core "
          f"({elapsed:.3f} s CPU; line index built beforehand, as the engine shares it)")
    print(f"{'rule':6} {'name':32} {'on C':>6} {'per 100k C chars':>17} {'on B/other':>10}")
    for r in rules:
        n = on_c[r.code]
        print(f"{r.code:6} {r.name:32} {n:6d} {n / max(c_chars, 1) * 1e5:17.2f} {on_b[r.code]:10d}")
    print()
    for r in rules:
        if args.rule and r.code not in args.rule:
            continue
        if not samples[r.code]:
            continue
        print(f"--- {r.code} {r.name}: {len(samples[r.code])} findings listed")
        for s in samples[r.code][: args.samples]:
            print("   ", s)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # output piped into head
        raise SystemExit(0) from None
