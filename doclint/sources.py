"""Inputs: walk paths, filter by include/exclude, read and decode documents.

Folders are walked recursively without following symlinked folders (no loops);
files named explicitly are always read. Order is deterministic (sorted).
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from doclint.config import Config
from doclint.decode import BinaryFile, decode
from doclint.document import Document

# a byte that was not UTF-8, as ``errors="surrogateescape"`` keeps it
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".parquet")


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: ``display`` is what users see; ``relative`` mirrors it under
    ``--out``. Records of a corpus shard carry their ``record`` id and ``text``."""

    path: Path
    display: str
    relative: str
    record: str | None = None
    text: str | None = None
    data: bytes | None = None  # standard input, read once
    sidecar: bool | None = None  # False: the walk saw no sidecar file next to it (None: look)

    def document(self, max_bytes: int = 0) -> Document:
        """A shard record's document, treated as a file with the record's bytes would be:
        bytes that were not UTF-8 in the shard (kept by the reader as surrogate escapes) make
        the record decoded as a file is (cp1252 fallback, reported as R001), and a record over
        ``max_bytes`` (> 0) is cut there (R005); the hash always covers the whole record."""
        assert self.text is not None
        text = self.text
        escaped = not text.isascii() and _ESCAPED_BYTE.search(text) is not None
        if escaped or 0 < max_bytes < (len(text) if text.isascii() else 4 * len(text)):
            doc = self._from_bytes(text, escaped, max_bytes)
        else:
            doc = Document(path=self.display, text=text)
        doc.cache["shard"] = {"shard": str(self.path).replace(os.sep, "/"), "record": self.record}
        return doc

    def _from_bytes(self, text: str, escaped: bool, max_bytes: int) -> Document:
        try:
            data = text.encode("utf-8", "surrogateescape")  # the record's bytes as in the shard
        except UnicodeEncodeError:  # also a \u escape of a lone surrogate: no bytes stand behind
            data = text.encode("utf-8", "surrogatepass")  # it, so the text is kept as it is
            escaped = False
        raw = cap(data, max_bytes)  # the hash covers the whole record, cut or not
        decoded = None
        if escaped:
            try:
                decoded = decode(raw.data)
            except BinaryFile:  # NUL in a record: linted as the text it is, as before
                pass
        if decoded is not None:
            text = decoded.text
        elif raw.total is not None:
            text = raw.data.decode("utf-8", "surrogateescape" if escaped else "surrogatepass")
        doc = Document(path=self.display, text=text, sha256=raw.sha256,
                       encoding=decoded.encoding if decoded is not None else "utf-8")
        if decoded is not None:
            doc.cache["decode"] = decoded
        if raw.total is not None:
            doc.cache["truncated"] = {"bytes": raw.total, "linted_bytes": len(raw.data)}
        return doc


def is_shard(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(suffix) for suffix in SHARD_SUFFIXES)


class InputError(Exception):
    """An input path does not exist or cannot be read; the run goes on without it."""


@lru_cache(maxsize=64)
def _glob_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of globs (``fnmatch`` semantics, case as the OS compares names)."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in patterns))


def _excluded(name: str, rel: str, patterns: Sequence[str]) -> bool:
    rx = _glob_regex(tuple(patterns))
    return rx.match(os.path.normcase(name)) is not None or rx.match(os.path.normcase(rel)) is not None


def _included(name: str, patterns: Sequence[str]) -> bool:
    return _glob_regex(tuple(patterns)).match(os.path.normcase(name)) is not None


def iter_sources(paths: Sequence[str], config: Config, errors: list[str],
                 expand_shards: bool = True) -> Iterator[Source]:
    """Every input file under ``paths``; problems are appended to ``errors`` as messages.
    Shards yield one Source per record, or (``expand_shards=False``) one for the shard file."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            if "-" not in seen:
                seen.add("-")
                data = sys.stdin.buffer.read() if sys.stdin is not None else b""
                yield Source(Path("-"), "<stdin>", "stdin", data=data)
            continue
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            errors.append(f"{raw}: no such file or directory")
            continue
        if not path.is_dir():  # a file, a broken symlink, or a FIFO/device (refused when read)
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                if is_shard(path) and expand_shards:
                    yield from _shard_sources(path, path.name, config, errors)
                else:
                    yield Source(path, _display(path), path.name)
            continue
        found: list[Source] = []
        for folder, dirs, files in os.walk(path, onerror=lambda e: errors.append(f"{e.filename}: {e.strerror}")):
            rel_folder = os.path.relpath(folder, path)
            rel_folder = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
            dirs[:] = sorted(
                d for d in dirs if not _excluded(d, rel_folder + d, config.exclude)
            )
            # per folder, not per file: the resolved folder, the display prefix, sidecar presence
            folder_path = Path(folder)
            real_folder = os.path.realpath(folder)
            prefix = _display(folder_path)
            sidecars = None if any(".meta.y" in n for n in files) else False
            for name in files:
                rel = rel_folder + name
                if _excluded(name, rel, config.exclude) or not _included(name, config.include):
                    continue
                full = folder_path / name
                key = os.path.realpath(full) if os.path.islink(full) else os.path.join(real_folder, name)
                if key in seen:
                    continue
                seen.add(key)
                display = name if prefix == "." else f"{prefix}/{name}"
                found.append(Source(full, display, rel, sidecar=sidecars))
        found.sort(key=lambda s: s.relative)
        for src in found:
            if is_shard(src.path) and expand_shards:
                yield from _shard_sources(src.path, src.relative, config, errors)
            else:
                yield src


def _shard_sources(path: Path, relative: str, config: Config, errors: list[str],
                   read_path: Path | None = None, display: str | None = None) -> Iterator[Source]:
    """One Source per record of the shard at ``path`` (read at ``read_path`` when given: a Ray
    actor opens it by absolute path, named as the driver named it, ``display``)."""
    from doclint import shards

    display = _display(path) if display is None else display
    try:
        for record_id, text in shards.read_records(read_path or path, config.text_field, config.id_field):
            yield Source(path, f"{display}#{record_id}", f"{relative}/{record_id}", record_id, text)
    except shards.ShardError as exc:
        errors.append(f"{display}: {exc}")


def _display(path: Path) -> str:
    text = str(path)
    if os.path.isabs(text):
        try:
            rel = os.path.relpath(text)
            if not rel.startswith(".."):
                text = rel
        except ValueError:
            pass
    return text.replace(os.sep, "/")


def _cut(data: bytes) -> bytes:
    """Drop a character cut in half at the end of ``data`` (a capped read): a UTF-32 or UTF-16
    text (known by its byte-order mark) ends on a whole code unit, never on the first half of
    a surrogate pair -- cut anywhere else it would not decode, and was linted as a binary
    file -- and anything else on a whole UTF-8 sequence."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data[: len(data) - len(data) % 4]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data[: len(data) - len(data) % 2]
        high = data[-1:] if data.startswith(codecs.BOM_UTF16_LE) else data[-2:-1]
        return data[:-2] if len(data) > 2 and 0xD8 <= high[0] <= 0xDB else data
    return _utf8_cut(data)


def _utf8_cut(data: bytes) -> bytes:
    """Drop a UTF-8 sequence cut in half at the end of ``data``."""
    end = len(data)
    i = end - 1
    while i >= 0 and end - i <= 4 and (data[i] & 0xC0) == 0x80:
        i -= 1
    if i >= 0 and data[i] >= 0xC0:
        need = 2 if data[i] < 0xE0 else 3 if data[i] < 0xF0 else 4
        if end - i < need:
            return data[:i]
    return data


class RawInput(NamedTuple):
    """A document's bytes as linted (at most ``max_bytes``), the hash of the whole input, and
    its full size when it was cut (else None)."""

    data: bytes
    sha256: str
    total: int | None


def cap(data: bytes, max_bytes: int = 0) -> RawInput:
    """``data`` (already in memory: standard input) capped like a file read by :func:`read_raw`."""
    sha = hashlib.sha256(data).hexdigest()
    if 0 < max_bytes < len(data):
        return RawInput(_cut(data[:max_bytes]), sha, len(data))
    return RawInput(data, sha, None)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _open_regular_fd(path: Path | str) -> tuple[int, int]:
    """A file descriptor of ``path`` and its size, for a regular file only. A FIFO in a corpus
    folder would block the run until some writer appears, and a device (a symlink to
    ``/dev/zero``) never ends: both are refused with an OSError before a byte is read (opened
    non-blocking, so that even a FIFO's open returns; reading a regular file is the same
    either way)."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, socket or device)", str(path))
        return fd, st.st_size
    except BaseException:
        os.close(fd)
        raise


def read_head(path: Path | str, size: int) -> bytes:
    """The first ``size`` bytes of a regular file; OSError for anything else (see
    :func:`_open_regular_fd`: a FIFO is refused, never waited on)."""
    fd, _ = _open_regular_fd(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def read_small_text(path: Path | str, limit: int) -> str:
    """A regular file of at most ``limit`` bytes, as UTF-8 text (a baseline, a waivers file):
    OSError for a FIFO or device (never waited on, ``/dev/zero`` never read to exhaustion),
    ValueError when it is larger, UnicodeDecodeError when it is not UTF-8."""
    fd, size = _open_regular_fd(path)
    try:
        if size > limit:
            raise ValueError(f"larger than {limit >> 20} MiB ({size} bytes)")
        data = _read_upto(fd, limit + 1, size)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ValueError(f"larger than {limit >> 20} MiB")
    return data.decode("utf-8")


def open_regular(path: Path | str) -> BinaryIO:
    """``open(path, "rb")`` for a regular file only (see :func:`_open_regular_fd`)."""
    fd, _ = _open_regular_fd(path)
    return os.fdopen(fd, "rb")


def _read_upto(fd: int, limit: int, hint: int) -> bytes:
    """Bytes from ``fd`` until end of file or ``limit`` bytes (``limit`` < 0: no limit). The
    first read asks for ``hint`` + 1 bytes (the size seen by fstat): one read and one
    end-of-file check for a file that does not change, and no buffer sized by ``limit``."""
    want = hint + 1 if limit < 0 else min(hint + 1, limit)
    data = os.read(fd, want)
    if not data or 0 <= limit <= len(data):
        return data
    parts = [data]
    got = len(data)
    while limit < 0 or got < limit:  # the file grew since fstat, or a short read
        chunk = os.read(fd, 1 << 20 if limit < 0 else min(1 << 20, limit - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_raw(path: Path, max_bytes: int = 0) -> RawInput:
    """Read a file (at most ``max_bytes`` of it when > 0; the hash always covers the whole
    file). Raises OSError when it cannot be read or is not a regular file."""
    fd, size = _open_regular_fd(path)
    try:
        total = None
        if max_bytes > 0:
            data = _read_upto(fd, max_bytes + 1, size)
            digest = hashlib.sha256(data)
            if len(data) > max_bytes:
                total = len(data)
                while chunk := os.read(fd, 1 << 20):
                    digest.update(chunk)
                    total += len(chunk)
                data = _cut(data[:max_bytes])
        else:
            data = _read_upto(fd, -1, size)
            digest = hashlib.sha256(data)
    finally:
        os.close(fd)
    return RawInput(data, digest.hexdigest(), total)


def document_from_raw(raw: RawInput, display: str, sidecar_for: Path | None = None) -> Document:
    """Decode ``raw`` into a Document (raises BinaryFile); metadata from the front matter and,
    for a file, from its sidecar."""
    decoded = decode(raw.data)  # may raise BinaryFile
    doc = Document(path=display, text=decoded.text, sha256=raw.sha256, encoding=decoded.encoding)
    doc.cache["decode"] = decoded
    if raw.total is not None:
        doc.cache["truncated"] = {"bytes": raw.total, "linted_bytes": len(raw.data)}
    _attach_sidecar(doc, sidecar_for)
    return doc


def load(source: Source, max_bytes: int = 0) -> Document:
    """Read and decode one source (at most ``max_bytes`` of it when > 0; the hash always
    covers the whole file). Raises OSError (unreadable) or BinaryFile."""
    return document_from_raw(read_raw(source.path, max_bytes), source.display, source.path)


def _attach_sidecar(doc: Document, path: Path | None) -> None:
    try:
        from doclint import sidecar
    except ImportError:  # pragma: no cover - sidecar support is optional during development
        return
    result = sidecar.read_sidecar(path, doc.text)
    doc.meta = result.meta
    doc.cache["sidecar_error"] = result.error
    doc.cache["sidecar_source"] = result.source


__all__ = ["BinaryFile", "InputError", "RawInput", "Source", "cap", "document_from_raw", "iter_sources", "load",
           "open_regular", "read_raw"]
