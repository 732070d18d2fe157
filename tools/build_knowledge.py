"""Write rules/data/knowledge-prebuilt.json: the shipped knowledge base, validated and indexed.

Usage: python tools/build_knowledge.py [--write]   (without --write: exit 1 when stale)

doclint rebuilds the knowledge base from this file instead of parsing, validating and
indexing rules/knowledge/*.yaml, when those files are the ones it was built from (see
doclint.knowledge.prebuilt_json). tests/test_engine.py fails when it differs from what this
writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doclint.knowledge import PREBUILT_NAME, _files, prebuilt_json  # noqa: E402
from tools._generated import write_or_check  # noqa: E402


def expected() -> str:
    """The text this tool writes, from the knowledge files of this checkout."""
    return prebuilt_json(_files([ROOT / "rules" / "knowledge"]))


def main() -> int:
    return write_or_check({ROOT / "rules" / "data" / PREBUILT_NAME: expected()}, "build_knowledge.py")


if __name__ == "__main__":
    sys.exit(main())
