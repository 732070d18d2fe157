"""Runs datatrove's Gopher + C4 quality filters over a folder, one process, one worker.

Executed by bench/run.py inside the benchmark's own environment (bench/.venv-datatrove),
which has datatrove[processing], orjson and spacy. Prints one JSON line with the timing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    folder = Path(sys.argv[1])
    which = sys.argv[2] if len(sys.argv) > 2 else "gopher+c4"
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    filters = []
    if "gopher" in which:
        filters.append(GopherQualityFilter())
    if "c4" in which:
        filters.append(C4QualityFilter(filter_no_terminal_punct=False))
    # warm up (imports, tokenizer loading) outside the timed loop
    for f in filters:
        f.filter(Document(text=texts[0], id="warm"))
    t0 = time.perf_counter()
    kept = 0
    for i, text in enumerate(texts):
        doc = Document(text=text, id=str(i))
        ok = True
        for f in filters:
            res = f.filter(doc)
            if (res[0] if isinstance(res, tuple) else res) is False:
                ok = False
                break
        kept += ok
    dt = time.perf_counter() - t0
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(json.dumps({"seconds": dt, "bytes": size, "docs": len(texts), "kept": kept}))


if __name__ == "__main__":
    main()
