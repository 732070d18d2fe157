"""Regexes compiled on first use.

Python compiles a pattern when ``re.compile`` runs, at import: for the long phrase lists of
the disclosure and provenance checks that is ~30 ms per process, mostly for patterns that
only run after a keyword pre-filter has hit -- which most documents never do. A
:class:`LazyPattern` compiles on first use and then binds the compiled pattern's methods to
itself, so later calls cost what calls on the compiled pattern cost.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)`` until a method or attribute is used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            setattr(self, method, getattr(compiled, method))  # instance attributes: no lookup cost
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)


def lazy_compile(pattern: str, flags: int = 0) -> Any:
    """``re.compile``, deferred to the first use (typed as ``Any``: use it as a Pattern)."""
    return LazyPattern(pattern, flags)
