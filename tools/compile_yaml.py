"""Write the _parsed.json files: the parse of the shipped YAML (rule packs, knowledge base).

Usage: python tools/compile_yaml.py [--write]   (without --write: exit 1 when one is stale)

doclint loads a YAML file from its folder's _parsed.json when the file's SHA-256 matches
(doclint/parsed_yaml.py): JSON loads ~15x faster than libyaml. An edited YAML file without a
fresh _parsed.json is simply parsed as YAML, and tests/test_packs.py fails until this runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doclint.parsed_yaml import PARSED_NAME, compile_parsed  # noqa: E402

FOLDERS = (ROOT / "rules", ROOT / "rules" / "knowledge")


def main() -> int:
    stale = []
    for folder in FOLDERS:
        text = compile_parsed(folder)
        target = folder / PARSED_NAME
        if "--write" in sys.argv[1:]:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(str(target.relative_to(ROOT)))
    if stale:
        print(f"stale: {', '.join(stale)}: run python tools/compile_yaml.py --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
