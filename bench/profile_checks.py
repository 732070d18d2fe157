"""Per-check cost on a corpus: CPU seconds and MB/s of every check module and the pack scan.

Usage: python bench/profile_checks.py [FOLDER ...]  (default: seeds/ and the development set)
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from doclint.checks import Options
from doclint.engine import Engine
from doclint.runner import document_from_bytes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "seeds", ROOT.parent / "shared/dev/readability/docs"]
    files = [p for f in folders for p in sorted(f.rglob("*.txt"))]
    datas = [p.read_bytes() for p in files]
    size = sum(len(d) for d in datas)
    engine = Engine()
    for rnd in range(2):  # round 0 pays one-off costs (langdetect profiles, knowledge base, word lists)
        cost = _round(engine, files, datas)
        total = sum(cost.values())
        label = "cold (one-off costs included)" if rnd == 0 else "warm (steady state)"
        print(f"{label}: {len(files)} documents, {size / 1e6:.2f} MB; {total:.2f} CPU s = "
              f"{size / 1e6 / total:.1f} MB/s")
    for name, secs in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"  {name:45s} {secs:7.3f} s  {size / 1e6 / max(secs, 1e-9):8.1f} MB/s  {100 * secs / total:5.1f}%")


def _round(engine: Engine, files: list[Path], datas: list[bytes]) -> dict[str, float]:
    cost: dict[str, float] = defaultdict(float)
    for data, path in zip(datas, files, strict=True):
        doc = document_from_bytes(data, str(path))
        t0 = time.process_time()
        doc.lines, doc.paragraphs  # noqa: B018 - shared index, built once per document
        cost["(document index)"] += time.process_time() - t0
        t0 = time.process_time()
        list(engine.matcher.scan(doc))
        cost["(rule packs: RE2 set + confirm + shapes)"] += time.process_time() - t0
        for name, module in engine.active_modules:
            opts = Options(settings=engine.config.options.get(name, {}), config=engine.config)
            t0 = time.process_time()
            try:
                list(module.check(doc, opts))
            except Exception:
                pass
            cost[name] += time.process_time() - t0
    return cost


if __name__ == "__main__":
    main()
