"""Line-level precision/recall of the boilerplate family on a labelled page set.

Usage: python bench/eval_boilerplate.py [DEV_DIR] [--show-fp N] [--select CODES]

DEV_DIR defaults to ../shared/dev/readability (docs/<id>.txt + labels.jsonl with one
letter per line: C = content, B = boilerplate). A line counts as flagged when a
boilerplate finding covers it. Precision = flagged lines labelled B / flagged lines;
recall = B lines flagged / B lines.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from doclint.config import Config
from doclint.engine import Engine
from doclint.runner import document_from_bytes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", nargs="?", default=str(ROOT.parent / "shared" / "dev" / "readability"))
    ap.add_argument("--show-fp", type=int, default=0, help="print up to N false-positive lines")
    ap.add_argument("--select", default="boilerplate")
    args = ap.parse_args()
    dev = Path(args.dev)
    engine = Engine(Config(select=tuple(args.select.split(","))))
    tp = fp = fn = 0
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    fps: list[str] = []
    docs = 0
    for raw in (dev / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(raw)
        labels = rec["line_labels"]
        data = (dev / "docs" / f"{rec['id']}.txt").read_bytes()
        doc = document_from_bytes(data, rec["id"])
        report = engine.lint(doc)
        docs += 1
        flagged: dict[int, str] = {}
        for f in report["findings"]:
            for line in range(f["line"], f["end_line"] + 1):
                flagged.setdefault(line - 1, f["rule"])
        for idx, rule in flagged.items():
            if idx >= len(labels):
                continue
            ok = labels[idx] == "B"
            per_rule[rule]["tp" if ok else "fp"] += 1
            if ok:
                tp += 1
            else:
                fp += 1
                if len(fps) < args.show_fp:
                    fps.append(f"{rec['id']}:{idx + 1}: {rule}: {doc.lines[idx].text[:100]!r}")
        fn += sum(1 for i, lab in enumerate(labels) if lab == "B" and i not in flagged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"documents: {docs}  B lines: {tp + fn}  flagged lines: {tp + fp}")
    print(f"precision: {precision:.3f}  recall: {recall:.3f}")
    print("per rule (flagged lines, precision):")
    for rule, c in sorted(per_rule.items()):
        n = c["tp"] + c["fp"]
        print(f"  {rule}: {n:5d}  {c['tp'] / n:.3f}")
    for line in fps:
        print("FP", line)


if __name__ == "__main__":
    main()
