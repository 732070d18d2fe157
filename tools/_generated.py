"""The shared main of the generators in tools/: write their files, or say which are stale."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_or_check(files: Mapping[Path, str], tool: str) -> int:
    """With ``--write``: write each file (path -> text). Without: 0 when every file holds its
    text, else 1 and a line naming the stale ones and the command that refreshes them."""
    if "--write" in sys.argv[1:]:
        for target, text in files.items():
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)} ({len(text.encode()) / 1e6:.2f} MB)")
        return 0
    stale = [str(t.relative_to(ROOT)) for t, text in files.items()
             if not t.exists() or t.read_text(encoding="utf-8") != text]
    if stale:
        print(f"stale: {', '.join(stale)}: run python tools/{tool} --write")
        return 1
    return 0
