"""Throughput and accuracy of the language + readability check (doclint/checks/language.py).

Usage: python bench/eval_language.py [DEV_DIR] [--seeds DIR] [--repeat N] [--show-misses]

- Throughput (MB/s of decoded text) of ``language.check`` alone on the seeds and on the dev
  page set (DEV_DIR/docs/*.txt, default ../shared/dev/readability), warm: one untimed call
  first pays the one-off costs (langdetect profiles, the CMU dictionary), reported apart.
  Each timed call gets a fresh Document, so paragraph splitting is included.
- Scaling: time of one call on a ~10 KB and a ~1 MB document built from the dev pages.
- Accuracy: fraction of labelled dev documents (labels.jsonl ``meta.lang`` set) whose
  detected language matches the label's first two letters.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from doclint.checks import Options, language
from doclint.runner import document_from_bytes

ROOT = Path(__file__).resolve().parent.parent


def _run(data: bytes, path: str) -> tuple[dict, list, float, int]:
    doc = document_from_bytes(data, path)
    opts = Options()
    t0 = time.perf_counter()
    findings = list(language.check(doc, opts))
    dt = time.perf_counter() - t0
    return opts.stats, findings, dt, len(doc.text.encode("utf-8"))


def throughput(files: list[Path], repeat: int) -> tuple[float, float, int]:
    """(MB/s, seconds, documents) over ``files``, best of ``repeat`` rounds."""
    blobs = [(f.read_bytes(), str(f)) for f in files]
    best = float("inf")
    size = 0
    for _ in range(repeat):
        total = 0.0
        size = 0
        for data, path in blobs:
            _, _, dt, n = _run(data, path)
            total += dt
            size += n
        best = min(best, total)
    return size / 1e6 / best, best, len(blobs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", nargs="?", default=str(ROOT.parent / "shared" / "dev" / "readability"))
    ap.add_argument("--seeds", default=str(ROOT / "seeds"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    dev = Path(args.dev)
    dev_files = sorted((dev / "docs").glob("*.txt"))
    seed_files = sorted(Path(args.seeds).glob("*.txt"))

    t0 = time.perf_counter()
    _run(seed_files[0].read_bytes() if seed_files else b"Warm up text. " * 50, "warmup.txt")
    print(f"one-off warm-up (langdetect profiles, CMU dictionary): {time.perf_counter() - t0:.2f} s")

    for label, files in (("seeds", seed_files), ("dev pages", dev_files)):
        if not files:
            print(f"{label}: no files")
            continue
        mbs, secs, n = throughput(files, args.repeat)
        print(f"{label}: {n} docs in {secs:.3f} s -> {mbs:.2f} MB/s, {n / secs:.0f} docs/s")

    body = "\n\n".join(f.read_text(encoding="utf-8", errors="replace") for f in dev_files[:60])
    body = body or "word " * 2000
    for size in (10_000, 1_000_000):
        text = (body * (size // max(1, len(body)) + 1))[:size]
        best = min(_run(text.encode("utf-8"), f"synthetic-{size}.txt")[2] for _ in range(args.repeat))
        indexed = float("inf")
        for _ in range(args.repeat):  # lines/paragraphs already built, as in a full run
            doc = document_from_bytes(text.encode("utf-8"), "x.txt")
            _ = doc.paragraphs
            t0 = time.perf_counter()
            list(language.check(doc, Options()))
            indexed = min(indexed, time.perf_counter() - t0)
        print(f"one document of {size / 1000:.0f} KB: {best * 1000:.1f} ms "
              f"({indexed * 1000:.1f} ms when the document's line index is already built)")

    lines = (dev / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    labels = [json.loads(x) for x in lines if x.strip()]
    hit = total = skipped = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for rec in labels:
        want = (rec.get("meta") or {}).get("lang")
        if not want:
            continue
        path = dev / "docs" / f"{rec['id']}.txt"
        if not path.exists():
            continue
        stats, _, _, _ = _run(path.read_bytes(), str(path))
        got = (stats["language"].get("code") or "")[:2]
        total += 1
        if not got:
            skipped += 1
        if got == want[:2].lower():
            hit += 1
        else:
            confusion[(want[:2].lower(), got or "-")] += 1
            if args.show_misses:
                print(f"  miss {rec['id']}: label {want}, detected {stats['language']}")
    if total:
        print(f"language accuracy: {hit}/{total} = {hit / total:.1%} of labelled dev documents "
              f"({skipped} not identified); misses (label, detected): {dict(confusion)}")


if __name__ == "__main__":
    main()
