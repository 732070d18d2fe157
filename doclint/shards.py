"""Corpus shards: JSONL (optionally gzipped) and Parquet files, one document per record.

Each record gives its text in ``text_field`` and its id in ``id_field`` (the record's
1-based line/row number when the field is missing). A record that is not valid JSON, or
lacks a string text field, is reported as an input error naming the shard and line,
and the rest of the shard is still read.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class ShardError(ValueError):
    pass


class RecordError(ShardError):
    pass


def _record_id(record: dict[str, Any], id_field: str, number: int) -> str:
    value = record.get(id_field)
    if value is None or isinstance(value, (dict, list)):
        return str(number)
    return str(value)


def read_jsonl(path: Path, text_field: str, id_field: str, problems: list[str]) -> Iterator[tuple[str, str]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="surrogateescape") as fh:  # type: ignore[operator]
            for number, line in enumerate(fh, 1):
                if number == 1 and line.startswith("\ufeff"):
                    line = line[1:]  # a UTF-8 byte-order mark, as editors on Windows write one
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    if exc.msg.startswith("Unexpected UTF-8 BOM"):  # json's hint names a codec
                        problems.append(f"line {number}: not valid JSON (a UTF-8 byte-order mark "
                                        "before the record; one is skipped before the first line only)")
                        continue
                    # json's messages end with "at" ("Invalid control character at": a raw
                    # newline or tab in a string, most often one left open) or name no place
                    where = "" if exc.msg.endswith(" at") else " at"
                    problems.append(f"line {number}: not valid JSON ({exc.msg}{where} column {exc.colno})")
                    continue
                except ValueError as exc:
                    problems.append(f"line {number}: not valid JSON ({exc})")
                    continue
                except RecursionError:  # json's decoder recurses once per nested [ or {
                    problems.append(f"line {number}: not valid JSON (nested too deeply)")
                    continue
                if not isinstance(record, dict):
                    problems.append(f"line {number}: a record must be a JSON object")
                    continue
                text = record.get(text_field)
                if not isinstance(text, str):
                    problems.append(f"line {number}: no string field {text_field!r}")
                    continue
                yield _record_id(record, id_field, number), text
    except (OSError, EOFError, zlib.error) as exc:  # gzip: BadGzipFile is an OSError; a damaged
        # deflate stream raises zlib.error, a truncated one EOFError
        raise ShardError(f"cannot read shard: {exc}") from None


def read_parquet(path: Path, text_field: str, id_field: str, problems: list[str]) -> Iterator[tuple[str, str]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ShardError("reading Parquet needs the optional extra: pip install 'doclint[parquet]'") from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for bad files
        raise ShardError(f"cannot read Parquet shard: {exc}") from None
    names = pf.schema_arrow.names
    if text_field not in names:
        raise ShardError(f"no column {text_field!r} (columns: {', '.join(names)})")
    columns = [text_field] + ([id_field] if id_field in names and id_field != text_field else [])
    number = 0
    batches = pf.iter_batches(columns=columns, batch_size=1024)
    while True:
        try:  # a damaged page (bad checksum, corrupt compressed data) fails only when read
            batch = next(batches, None)
            if batch is None:
                break
            data = batch.to_pydict()
        except Exception as exc:  # pyarrow raises OSError, ArrowInvalid, ... for bad data
            raise ShardError(f"cannot read Parquet shard after row {number}: {exc}") from None
        texts = data[text_field]
        ids = data.get(id_field, [None] * len(texts))
        for text, rid in zip(texts, ids, strict=True):
            number += 1
            if not isinstance(text, str):
                problems.append(f"row {number}: {text_field!r} is not a string")
                continue
            yield (str(rid) if rid is not None else str(number)), text


def read_records(path: Path, text_field: str = "text", id_field: str = "id") -> Iterator[tuple[str, str]]:
    """(record id, text) for every record; bad records raise RecordError after the good ones."""
    try:  # a FIFO would block the run until some writer appears, a device never ends
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ShardError("cannot read shard: not a regular file (a FIFO, socket or device)")
    except FileNotFoundError:
        if os.path.islink(path):
            raise ShardError("broken symbolic link (its target does not exist)") from None
        raise ShardError("cannot read shard: no such file") from None
    except OSError as exc:
        raise ShardError(f"cannot read shard: {exc.strerror or exc}") from None
    problems: list[str] = []
    reader = read_parquet if path.name.lower().endswith(".parquet") else read_jsonl
    seen: dict[str, int] = {}
    for rid, text in reader(path, text_field, id_field, problems):
        # duplicate ids would collide in report paths and the cache: make them unique
        if rid in seen:
            seen[rid] += 1
            rid = f"{rid}~{seen[rid]}"
        else:
            seen[rid] = 1
        yield rid, text
    if problems:
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        raise RecordError("; ".join(problems[:5]) + more)
