"""Run the engine over sources; one result per input file, always in input order.

``Runner(engine, jobs=N, cache=...)`` lints with a process pool when N > 1 (the engine
is built once in the parent and inherited by forked workers, or rebuilt once per worker
where fork is unavailable), consults the content cache first, and streams results:
sources are consumed in bounded windows, so memory does not grow with corpus size.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doclint.cache import Cache
from doclint.cache import key as cache_key
from doclint.config import Config
from doclint.decode import BinaryFile, decode
from doclint.document import Document
from doclint.engine import Engine, LazyEngine
from doclint.sources import Source, load


@dataclass(frozen=True, slots=True)
class Result:
    source: Source
    report: dict[str, Any] | None
    error: str | None = None
    cached: bool = False
    text: str | None = None
    raw: str | None = None  # the report as compact JSON, when it came from the cache


def binary_document(path: str, data: bytes | None = None) -> Document:
    doc = Document(
        path=path,
        text="",
        sha256=hashlib.sha256(data).hexdigest() if data is not None else "",
        encoding="binary",
    )
    doc.cache["binary"] = True
    return doc


def document_from_bytes(data: bytes, path: str, max_bytes: int = 0) -> Document:
    """A document from raw bytes, decoded (and capped at ``max_bytes``) as files are."""
    from doclint.sources import _utf8_cut

    sha = hashlib.sha256(data).hexdigest()
    truncated = None
    if 0 < max_bytes < len(data):
        truncated = {"bytes": len(data), "linted_bytes": 0}
        data = _utf8_cut(data[:max_bytes])
        truncated["linted_bytes"] = len(data)
    try:
        decoded = decode(data)
    except BinaryFile:
        return binary_document(path, data)
    doc = Document(path=path, text=decoded.text, sha256=sha, encoding=decoded.encoding)
    doc.cache["decode"] = decoded
    if truncated:
        doc.cache["truncated"] = truncated
    return doc


def _meta_hash(doc: Document) -> str:
    meta = {"meta": doc.meta, "error": doc.cache.get("sidecar_error")}
    return hashlib.sha256(json.dumps(meta, sort_keys=True, default=str).encode()).hexdigest()


def lint_source(engine: Engine | LazyEngine, source: Source, cache: Cache | None = None,
                keep_text: bool = False) -> Result:
    try:
        if source.data is not None:
            doc = document_from_bytes(source.data, source.display, engine.config.max_bytes)
        elif source.record is not None:
            doc = source.document()
        else:
            doc = load(source, engine.config.max_bytes)
    except BinaryFile:
        try:
            data = source.path.read_bytes()
        except OSError:
            data = None
        doc = binary_document(source.display, data)
    except FileNotFoundError:
        return Result(source, None, f"{source.display}: file vanished before it could be read")
    except IsADirectoryError:
        return Result(source, None, f"{source.display}: is a directory")
    except PermissionError:
        return Result(source, None, f"{source.display}: cannot read: permission denied")
    except OSError as exc:
        return Result(source, None, f"{source.display}: cannot read: {exc.strerror or exc}")
    text = doc.text if keep_text else None
    k = None
    if cache is not None:
        k = cache_key(doc.sha256, doc.path, _meta_hash(doc), engine.fingerprint)
        hit = cache.get_raw(k)
        if hit is not None:
            return Result(source, hit[0], cached=True, text=text, raw=hit[1])
    report = engine.lint(doc)
    if source.record is not None:
        report["shard"] = source.path.as_posix()
        report["record"] = source.record
    if cache is not None and k is not None and "errors" not in report:
        cache.put(k, report)
    return Result(source, report, text=text)


# ---------------------------------------------------------------- parallel

_WORKER: dict[str, Any] = {}


def _init_worker(config: Config | None, cache_root: str | None, keep_text: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if config is not None:  # spawn: build the engine here; fork: it was inherited
        _WORKER["engine"] = Engine(config)
    _WORKER["cache"] = Cache(Path(cache_root)) if cache_root else None
    _WORKER["keep_text"] = keep_text


def _work(source: Source) -> Result:
    return lint_source(_WORKER["engine"], source, _WORKER["cache"], _WORKER["keep_text"])


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class Runner:
    WINDOW = 256  # sources in flight at once per worker
    CHUNK = 8  # sources sent to a worker at a time

    def __init__(self, engine: Engine | LazyEngine, jobs: int = 1, cache: Cache | None = None,
                 keep_text: bool = False) -> None:
        self.engine = engine
        self.jobs = max(1, jobs)
        self.cache = cache
        self.keep_text = keep_text

    def run(self, sources: Iterable[Source]) -> Iterator[Result]:
        if self.jobs == 1:
            for source in sources:
                yield lint_source(self.engine, source, self.cache, self.keep_text)
            return
        methods = mp.get_all_start_methods()
        ctx: Any
        config: Config | None = None
        if "fork" in methods:
            ctx = mp.get_context("fork")
            _WORKER["engine"] = self.engine  # inherited by the forked workers
        else:  # pragma: no cover - spawn platforms
            ctx = mp.get_context("spawn")
            config = self.engine.config
        cache_root = str(self.cache.root) if self.cache is not None else None
        initargs = (config, cache_root, self.keep_text)
        # A process pool that notices a dead worker (crash, out-of-memory kill) and says so,
        # instead of waiting for it forever. Sources are submitted in small batches with a
        # bounded number in flight, so memory stays flat and results come back in order.
        pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker, initargs=initargs)
        pending: deque[Future[list[Result]]] = deque()
        it = iter(sources)
        limit = max(2, self.WINDOW * self.jobs // self.CHUNK)

        def submit() -> bool:
            batch = list(itertools.islice(it, self.CHUNK))
            if batch:
                pending.append(pool.submit(_work_batch, batch))
            return bool(batch)

        try:
            while len(pending) < limit and submit():
                pass
            while pending:
                try:
                    results = pending.popleft().result()
                except BrokenProcessPool:
                    raise WorkerCrash(
                        "a worker process died while linting (killed for memory, or a crash in a "
                        "check); rerun with --jobs 1 to see which document"
                    ) from None
                submit()
                yield from results
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)


class WorkerCrash(RuntimeError):
    """A worker process of the pool died; the run cannot be completed as started."""


def _work_batch(batch: list[Source]) -> list[Result]:
    return [_work(source) for source in batch]
