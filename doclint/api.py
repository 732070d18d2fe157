"""A small programmatic API: lint a string or bytes without touching the file system."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from doclint.config import Config
from doclint.document import Document
from doclint.engine import Engine
from doclint.runner import document_from_bytes


@lru_cache(maxsize=16)
def _engine(select: tuple[str, ...], ignore: tuple[str, ...]) -> Engine:
    return Engine(Config(select=select, ignore=ignore))


def engine_for(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Engine:
    return _engine(tuple(select), tuple(ignore))


def lint_document(doc: Document, select: Sequence[str] = (), engine: Engine | None = None) -> dict[str, Any]:
    return (engine or engine_for(select)).lint(doc)


def lint_text(text: str, path: str = "<text>", select: Sequence[str] = (),
              engine: Engine | None = None) -> dict[str, Any]:
    """The document report for ``text`` (see the JSON contract in README)."""
    return lint_document(Document.from_text(text, path=path), select, engine)


def lint_bytes(data: bytes, path: str = "<bytes>", select: Sequence[str] = (),
               engine: Engine | None = None) -> dict[str, Any]:
    """Like :func:`lint_text` but decodes ``data`` the way files are decoded."""
    return lint_document(document_from_bytes(data, path), select, engine)
