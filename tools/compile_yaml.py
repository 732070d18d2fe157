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
from tools._generated import write_or_check  # noqa: E402

FOLDERS = (ROOT / "rules", ROOT / "rules" / "knowledge")


def main() -> int:
    return write_or_check({folder / PARSED_NAME: compile_parsed(folder) for folder in FOLDERS}, "compile_yaml.py")


if __name__ == "__main__":
    sys.exit(main())
