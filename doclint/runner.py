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
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint.cache import Cache, digest, to_json_utf8
from doclint.cache import key as cache_key
from doclint.config import Config
from doclint.contract import DAY_KEY
from doclint.decode import BinaryFile, decode
from doclint.document import Document
from doclint.sidecar import sidecar_digest
from doclint.sources import RawInput, Source, cap, document_from_raw, read_raw

if TYPE_CHECKING:
    from concurrent.futures import Future

    from doclint.engine import Engine
    from doclint.identity import LazyEngine


@dataclass(frozen=True, slots=True)
class Result:
    """One input's outcome. A report served by the cache arrives as its JSON text in UTF-8
    (``raw``, written as is by ``--format json``) and a ``digest`` (see
    :func:`doclint.outputs.digest`): enough for the run totals and ``--fail-on``. The full
    ``report`` is parsed from ``raw`` only when something reads it."""

    source: Source
    parsed: dict[str, Any] | None
    error: str | None = None
    cached: bool = False
    text: str | None = None
    raw: bytes | None = None
    digest: dict[str, Any] | None = None

    @property
    def report(self) -> dict[str, Any] | None:
        if self.parsed is None and self.raw is not None:
            object.__setattr__(self, "parsed", json.loads(self.raw))
        return self.parsed

    @property
    def totals(self) -> dict[str, Any] | None:
        """The report's digest (score, finding counts per rule, internal errors)."""
        if self.digest is None and self.report is not None:
            object.__setattr__(self, "digest", digest(self.report))
        return self.digest


def binary_document(path: str, sha256: str) -> Document:
    doc = Document(path=path, text="", sha256=sha256, encoding="binary")
    doc.cache["binary"] = True
    return doc


def document_from_bytes(data: bytes, path: str, max_bytes: int = 0) -> Document:
    """A document from raw bytes, decoded (and capped at ``max_bytes``) as files are."""
    raw = cap(data, max_bytes)
    try:
        return document_from_raw(raw, path)
    except BinaryFile:
        return binary_document(path, raw.sha256)


def _meta_hash(doc: Document) -> str:
    meta = {"meta": doc.meta, "error": doc.cache.get("sidecar_error")}
    return hashlib.sha256(json.dumps(meta, sort_keys=True, default=str).encode()).hexdigest()


def _text_of(raw: RawInput) -> str:
    try:
        return decode(raw.data).text
    except BinaryFile:
        return ""


_READ_ERRORS = (
    (FileNotFoundError, "file vanished before it could be read"),
    (IsADirectoryError, "is a directory"),
    (PermissionError, "cannot read: permission denied"),
)


def lint_source(engine: Engine | LazyEngine, source: Source, cache: Cache | None = None,
                keep_text: bool = False, serialize: bool = False) -> Result:
    """Lint one source, or serve its report from the cache. A cache hit costs a read and a
    hash: the key is made of the input's bytes, its sidecar's bytes, its display path and
    the engine fingerprint, so nothing is decoded or parsed. ``serialize``: return a fresh
    report as its JSON text and digest, like a cache hit (what ``--format json`` writes;
    in a worker process this also keeps the parent from re-encoding it)."""
    k = None
    if source.record is not None:  # a shard record: text already decoded
        doc = source.document(engine.config.max_bytes)
        if cache is not None:
            k = cache_key(doc.sha256, doc.path, _meta_hash(doc), engine.fingerprint)
            hit = cache.get_raw(k)
            if hit is not None:
                return Result(source, None, cached=True, text=doc.text if keep_text else None,
                              raw=hit[1], digest=hit[0])
    else:
        try:
            if source.data is not None:
                raw = cap(source.data, engine.config.max_bytes)
            else:
                raw = read_raw(source.path, engine.config.max_bytes)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) and os.path.islink(source.path):
                return Result(source, None, f"{source.display}: broken symbolic link (its target does not exist)")
            for kind, message in _READ_ERRORS:
                if isinstance(exc, kind):
                    return Result(source, None, f"{source.display}: {message}")
            return Result(source, None, f"{source.display}: cannot read: {exc.strerror or exc}")
        sidecar_for = None if source.data is not None or source.sidecar is False else source.path
        if cache is not None:
            side = sidecar_digest(sidecar_for) if sidecar_for is not None else ""
            k = cache_key(raw.sha256, source.display, side, engine.fingerprint)
            hit = cache.get_raw(k)
            if hit is not None:
                return Result(source, None, cached=True, text=_text_of(raw) if keep_text else None,
                              raw=hit[1], digest=hit[0])
        try:
            doc = document_from_raw(raw, source.display, sidecar_for)
        except BinaryFile:
            doc = binary_document(source.display, raw.sha256)
    text = doc.text if keep_text else None
    report = engine.lint(doc)
    if source.record is not None:
        report["shard"] = source.path.as_posix()
        report["record"] = source.record
    if not serialize and (cache is None or k is None or "errors" in report):
        return Result(source, report, text=text)
    body = to_json_utf8(report)
    summary = digest(report)
    if cache is not None and k is not None and "errors" not in report:
        cache.put_raw(k, summary, body, doc.cache.get(DAY_KEY))
    if serialize:
        return Result(source, None, text=text, raw=body, digest=summary)
    return Result(source, report, text=text)


# ---------------------------------------------------------------- parallel

_WORKER: dict[str, Any] = {}


def _init_worker(config: Config | None, cache_root: str | None, keep_text: bool, serialize: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if config is not None:  # spawn: build the engine here; fork: it was inherited
        from doclint.engine import Engine

        _WORKER["engine"] = Engine(config)
    _WORKER["cache"] = Cache(Path(cache_root)) if cache_root else None
    _WORKER["keep_text"] = keep_text
    _WORKER["serialize"] = serialize


def _work(source: Source) -> Result:
    return lint_source(_WORKER["engine"], source, _WORKER["cache"], _WORKER["keep_text"], _WORKER["serialize"])


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class Runner:
    WINDOW = 256  # sources in flight at once per worker
    CHUNK = 8  # sources sent to a worker at a time

    def __init__(self, engine: Engine | LazyEngine, jobs: int = 1, cache: Cache | None = None,
                 keep_text: bool = False, serialize: bool = False) -> None:
        self.engine = engine
        self.jobs = max(1, jobs)
        self.cache = cache
        self.keep_text = keep_text
        self.serialize = serialize

    def run(self, sources: Iterable[Source]) -> Iterator[Result]:
        it = iter(sources)
        jobs, chunk = self.jobs, self.CHUNK
        if jobs > 1:
            # A run that fits in the first batches (a pre-commit hook's few files) gets only the
            # workers it can use, with the documents spread over them; one document is linted
            # here, without forking a pool at all.
            head = list(itertools.islice(it, chunk * jobs + 1))
            if len(head) <= chunk * jobs:
                chunk = max(1, -(-len(head) // jobs))
                jobs = -(-len(head) // chunk) if head else 1
            it = itertools.chain(head, it)
        if jobs == 1:
            for source in it:
                yield lint_source(self.engine, source, self.cache, self.keep_text, self.serialize)
            return
        yield from self._pool(it, jobs, chunk)

    def _pool(self, it: Iterator[Source], jobs: int, chunk: int) -> Iterator[Result]:
        # the pool's modules are imported here: a run on one core (or from the cache) never needs them
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

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
        initargs = (config, cache_root, self.keep_text, self.serialize)
        # A process pool that notices a dead worker (crash, out-of-memory kill) and says so,
        # instead of waiting for it forever. Sources are submitted in small batches with a
        # bounded number in flight, so memory stays flat and results come back in order.
        pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=initargs)
        pending: deque[Future[list[Result]]] = deque()
        limit = max(2, self.WINDOW * jobs // chunk)

        def submit() -> bool:
            batch = list(itertools.islice(it, chunk))
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
