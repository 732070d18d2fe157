"""Python checks: one small module per check kind.

A check module is discovered automatically (every module in this package) and must define:

- ``RULES: tuple[Rule, ...]`` -- the rules it can emit, each with pass/fail examples;
- ``check(doc: Document, options: Options) -> Iterator[Finding]``.

The engine calls ``check`` once per document when at least one of the module's rules
is enabled, and drops findings of disabled rules afterwards, so a module need not
look at the selection. A module may write to ``options.stats`` and
``options.provenance``; those dictionaries end up in the document's report.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Protocol

from doclint.document import Document
from doclint.model import Finding, Rule


@dataclass
class Options:
    """What a check gets besides the document.

    ``settings`` is the check's own table from the config (``[tool.doclint.options.<module>]``);
    ``config`` is the whole run configuration (read-only); ``stats`` and ``provenance``
    are the report blocks a check may add keys to.
    """

    settings: Mapping[str, Any] = field(default_factory=dict)
    config: Any = None
    stats: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)


class CheckModule(Protocol):
    RULES: tuple[Rule, ...]

    def check(self, doc: Document, options: Options) -> Iterator[Finding]: ...


def discover() -> dict[str, ModuleType]:
    """Import every check module of this package, keyed by its short name."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "RULES") and hasattr(module, "check"):
            found[info.name] = module
    return found
