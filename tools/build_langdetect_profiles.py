"""Write rules/data/langdetect-profiles.txt from the installed langdetect's 55 profiles.

Usage: python tools/build_langdetect_profiles.py [--write]   (without --write: exit 1 when stale)

One file, the profiles merged and grouped by block, that doclint loads instead of the 55
JSON files (see :mod:`doclint._langdetect_profiles`). The langdetect version is pinned in
the test extra of pyproject.toml; tests/test_langdetect_fast.py fails when the file differs
from what this writes.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doclint._langdetect_profiles import DATA_NAME, profiles_text  # noqa: E402
from tools._generated import write_or_check  # noqa: E402


def expected() -> str:
    """The text this tool writes, from the installed langdetect."""
    from langdetect import detector_factory

    return profiles_text(detector_factory.PROFILES_DIRECTORY, f"langdetect {version('langdetect')}")


def main() -> int:
    return write_or_check({ROOT / "rules" / "data" / DATA_NAME: expected()}, "build_langdetect_profiles.py")


if __name__ == "__main__":
    sys.exit(main())
