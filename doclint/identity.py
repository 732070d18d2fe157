"""The engine's identity and a lazily built engine: cheap to import (no checks, no packs).

A run whose reports all come from the cache needs only :func:`fingerprint`; the engine
itself (check modules imported, rule packs compiled) is built on the first cache miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import doclint
from doclint.config import Config, configured_knowledge_paths

if TYPE_CHECKING:
    from doclint.document import Document
    from doclint.engine import Engine


def builtin_rules_dir() -> Path:
    """``rules/`` of a source checkout, or the copy shipped inside the wheel."""
    pkg = Path(doclint.__file__).resolve().parent
    shipped = pkg / "_rules"
    return shipped if shipped.is_dir() else pkg.parent / "rules"


def fingerprint(config: Config) -> str:
    """Changes whenever anything that could change a report changes (a cache key part).

    Computed from inputs only -- the doclint version, the bytes of every source file of the
    package, of every file in the built-in and configured rule packs (patterns, word lists,
    knowledge base), of the user's knowledge files, and every configuration setting that can
    change a report -- never from the built engine, so a run whose reports are all cached
    does not need to build one (see :class:`LazyEngine`)."""
    h = hashlib.sha256()
    h.update(doclint.__version__.encode())
    pkg = Path(doclint.__file__).resolve().parent
    files = sorted(pkg.rglob("*.py"))
    for folder in (builtin_rules_dir(), *config.packs):
        files.extend(sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else [folder])
    for path in configured_knowledge_paths(config):
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    for path in files:
        h.update(str(path.name).encode())
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"<unreadable>")
    settings = {
        "select": list(config.select),
        "ignore": list(config.ignore),
        "severity": dict(sorted(config.severity.items())),
        "per_path_ignores": {k: list(v) for k, v in sorted(config.per_path_ignores.items())},
        "packs": [str(p) for p in config.packs],
        "options": config.options,
        "timeout": config.timeout,
        "max_bytes": config.max_bytes,
        "text_field": config.text_field,
        "id_field": config.id_field,
        "config_dir": str(config.source.parent) if config.source else None,  # relative option paths
    }
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return h.hexdigest()


class LazyEngine:
    """An engine that is built on first use: a run whose reports all come from the cache
    only needs the fingerprint, and never imports the checks or compiles the rule packs.

    Only used when an engine with the same fingerprint was built before without error (the
    cache keeps a marker), so configuration errors are still reported at start-up."""

    def __init__(self, config: Config, fp: str | None = None) -> None:
        self.config = config
        self.fingerprint = fp or fingerprint(config)
        self._engine: Engine | None = None

    def get(self) -> Engine:
        if self._engine is None:
            from doclint.engine import Engine

            self._engine = Engine(self.config, self.fingerprint)
        return self._engine

    def lint(self, doc: Document) -> dict[str, Any]:
        return self.get().lint(doc)

    def __getattr__(self, name: str) -> Any:  # rules, enabled, severity_of ... build the engine
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.get(), name)
