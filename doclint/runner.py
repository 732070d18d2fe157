"""Run the engine over sources; one result per input file, in input order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from doclint.decode import BinaryFile, decode
from doclint.document import Document
from doclint.engine import Engine
from doclint.sources import Source, load


@dataclass(frozen=True, slots=True)
class Result:
    source: Source
    report: dict[str, Any] | None
    error: str | None = None


def binary_document(path: str, data: bytes | None = None) -> Document:
    doc = Document(
        path=path,
        text="",
        sha256=hashlib.sha256(data).hexdigest() if data is not None else "",
        encoding="binary",
    )
    doc.cache["binary"] = True
    return doc


def document_from_bytes(data: bytes, path: str) -> Document:
    try:
        decoded = decode(data)
    except BinaryFile:
        return binary_document(path, data)
    doc = Document(path=path, text=decoded.text, sha256=hashlib.sha256(data).hexdigest(),
                   encoding=decoded.encoding)
    doc.cache["decode"] = decoded
    return doc


def lint_source(engine: Engine, source: Source) -> Result:
    try:
        doc = load(source)
    except BinaryFile:
        try:
            data = source.path.read_bytes()
        except OSError:
            data = None
        doc = binary_document(source.display, data)
    except FileNotFoundError:
        return Result(source, None, f"{source.display}: file vanished before it could be read")
    except OSError as exc:
        return Result(source, None, f"{source.display}: cannot read: {exc.strerror or exc}")
    return Result(source, engine.lint(doc))


def lint_sources(engine: Engine, sources: Iterable[Source]) -> Iterator[Result]:
    for source in sources:
        yield lint_source(engine, source)
