"""Write rules/knowledge/_parsed.json: the parse of the shipped knowledge YAML, as JSON.

Usage: python tools/compile_knowledge.py [--write]   (without --write: exit 1 when stale)

The knowledge base loads it instead of parsing the YAML when a file's SHA-256 matches (JSON
loads ~15x faster than libyaml); an edited YAML file without a fresh _parsed.json is simply
parsed as YAML, and tests/test_knowledge.py fails until this tool is run.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doclint.knowledge import PARSED_NAME, compile_parsed  # noqa: E402


def main() -> int:
    folder = ROOT / "rules" / "knowledge"
    text = compile_parsed(folder)
    target = folder / PARSED_NAME
    if "--write" in sys.argv[1:]:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
        return 0
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if current != text:
        print(f"{target.relative_to(ROOT)} is stale: run python tools/compile_knowledge.py --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
