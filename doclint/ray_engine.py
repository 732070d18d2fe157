"""``--engine ray``: the same engine, run by Ray Data across a cluster (extra ``doclint[ray]``).

The driver walks the inputs as the local engine does, then hands Ray Data a dataset of
work units in input order: each corpus shard (JSONL, JSONL.gz, Parquet) is one unit, and
plain text files go in groups of up to ``batch_size``. ``map_batches`` runs them on actors
that each build the engine once. An actor reads a shard with doclint's own reader
(:func:`doclint.shards.read_records`), builds the same per-record sources as the local
engine and lints each with :func:`doclint.runner.lint_source`, streaming results back as
it goes; so display names, ``shard``/``record`` fields, ids defaulting to the line or row
number, duplicate ids renamed ``~2``, and bad records reported as input errors naming the
shard and line after the shard's good records are the local engine's, by construction.
Results come back in input order (``preserve_order``), and input errors in the order a
local run with ``--jobs 1`` gives them.

Parallelism is across units: a shard is read and linted by one actor, so one huge shard
is linted by one core; split a corpus into several shards to use a cluster. Inputs are
opened by absolute path on the actors: on a cluster they must be on storage every node
can read at the same path. Where to run: ``--ray-address auto`` joins a running cluster
(``ray start --head`` on one node, ``ray start --address HEAD:6379`` on the others);
without it a local Ray instance is started for the run.

Difference from the local engine, by design: no content cache.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from doclint.config import Config
from doclint.runner import WorkerCrash
from doclint.sources import Source, _display, _shard_sources, is_shard, iter_sources


class RayUnavailable(RuntimeError):
    pass


Item = tuple[Source, dict[str, Any] | None, str | None]

# one unit of work, as the actors receive it (pickled)
_FILES = "files"  # payload: the files' Sources, paths made absolute (standard input: its bytes)
_SHARD = "shard"  # payload: (absolute path, path as given, display name, relative name)
# one result row, as the driver receives it (pickled, with the unit's index)
_RESULT = "result"  # (record id or None, report, error): one document
_INPUT_ERROR = "input-error"  # the message of a shard's RecordError/ShardError, after its records


class _Linter:
    """A Ray actor: builds the engine once, then lints units (a shard, or a group of files),
    yielding result rows in batches of at most ``chunk`` documents."""

    def __init__(self, config: Config, chunk: int) -> None:
        from doclint.engine import Engine

        self.engine = Engine(config)
        self.config = config
        self.chunk = max(1, chunk)

    def _results(self, kind: str, payload: Any) -> Iterator[tuple[str, Any]]:
        from doclint.runner import lint_source

        if kind == _FILES:
            for source in payload:
                res = lint_source(self.engine, source)
                yield _RESULT, (None, res.report, res.error)
            return
        read_path, path, display, relative = payload
        errors: list[str] = []
        for source in _shard_sources(Path(path), relative, self.config, errors, Path(read_path), display):
            res = lint_source(self.engine, source)
            yield _RESULT, (source.record, res.report, res.error)
        for message in errors:
            yield _INPUT_ERROR, message

    def __call__(self, batch: Any) -> Iterator[Any]:
        import pyarrow as pa

        def table(unit: int, rows: list[bytes]) -> Any:
            return pa.table({"unit": pa.array([unit] * len(rows), pa.int64()),
                             "out": pa.array(rows, pa.large_binary())})

        for unit, task in zip(batch["unit"].to_pylist(), batch["task"].to_pylist(), strict=True):
            rows: list[bytes] = []
            for row in self._results(*pickle.loads(task)):
                rows.append(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL))
                if len(rows) >= self.chunk:
                    yield table(unit, rows)
                    rows = []
            if rows:
                yield table(unit, rows)


def _init(address: str | None, jobs: int) -> Any:
    try:
        import ray
    except ImportError:
        raise RayUnavailable("--engine ray needs the optional extra: pip install 'doclint[ray]'") from None
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                  "ignore_reinit_error": True, "logging_level": "ERROR"}
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=jobs + 1, **kwargs)  # one CPU to spare for Ray Data's own tasks
    import logging

    for name in ("ray", "ray.data", "ray.data._internal"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    return ray


class _Unit(NamedTuple):
    sources: list[Source]  # text files, or the one shard file
    shard: bool
    errors_before: list[str]  # input errors the walk found before this unit's first source


def _units(paths: Sequence[str], config: Config, batch_size: int) -> tuple[list[_Unit], list[str]]:
    """The work units in input order, and the input errors found after the last one. A group
    of files is closed when the walk reports an error, so that errors keep their place."""
    walk_errors: list[str] = []
    units: list[_Unit] = []
    files: list[Source] = []
    before: list[str] = []

    def close() -> None:
        nonlocal files, before
        if files:
            units.append(_Unit(files, False, before))
            files, before = [], []

    for source in iter_sources(paths, config, walk_errors, expand_shards=False):
        if walk_errors:
            close()
            before = before + walk_errors
            walk_errors.clear()
        if is_shard(source.path):
            close()
            units.append(_Unit([source], True, before))
            before = []
            continue
        files.append(source)
        if len(files) >= batch_size:
            close()
    close()
    return units, before + walk_errors


def _task(unit: _Unit) -> bytes:
    if unit.shard:
        (source,) = unit.sources
        payload: Any = (os.path.abspath(source.path), os.fspath(source.path), _display(source.path),
                        source.relative)
        return pickle.dumps((_SHARD, payload), protocol=pickle.HIGHEST_PROTOCOL)
    payload = [s if s.data is not None else dataclasses.replace(s, path=Path(os.path.abspath(s.path)))
               for s in unit.sources]
    return pickle.dumps((_FILES, payload), protocol=pickle.HIGHEST_PROTOCOL)


def run(config: Config, paths: Sequence[str], jobs: int, errors: list[str],
        address: str | None = None, batch_size: int = 64) -> Iterator[Item]:
    """Yield (source, report, error) per document, in input order; input errors (missing
    paths, bad shard records) are appended to ``errors`` where the local engine puts them."""
    ray = _init(address, jobs)
    units, trailing = _units(paths, config, batch_size)
    if units:
        items = [{"unit": i, "task": _task(unit)} for i, unit in enumerate(units)]
        ds = ray.data.from_items(items, override_num_blocks=len(items))
        linted = _map(ds, config, batch_size, max(1, min(jobs, len(units))))
        given = 0  # units whose preceding input errors are in ``errors``
        current, position, display = -1, 0, ""
        for index, (kind, value) in _rows(linted):
            while given <= index:
                errors.extend(units[given].errors_before)
                given += 1
            unit = units[index]
            if index != current:
                current, position = index, 0
                display = _display(unit.sources[0].path)
            if kind == _INPUT_ERROR:
                errors.append(value)
                continue
            record, report, error = value
            if unit.shard:
                shard = unit.sources[0]
                source = Source(shard.path, f"{display}#{record}", f"{shard.relative}/{record}", record)
            else:
                source = unit.sources[position]
                position += 1
            yield source, report, error
        for unit in units[given:]:
            errors.extend(unit.errors_before)
    errors.extend(trailing)


def _map(ds: Any, config: Config, batch_size: int, actors: int) -> Any:
    """``ds`` linted by up to ``actors`` actors, one unit per call. An actor that dies is not
    restarted (``max_restarts=0``): the run ends as the local engine's does when a worker
    dies, and Ray does not log a warning about restarting actors on every run. Ray 2.60
    deprecates passing it as a keyword (no named parameter replaces it yet): where that is
    gone, Ray's default applies."""
    import warnings

    kwargs: dict[str, Any] = {"fn_constructor_args": (config, batch_size), "concurrency": (1, actors),
                              "batch_size": 1, "batch_format": "pyarrow"}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*ray_remote_args.* is deprecated")
        try:
            return ds.map_batches(_Linter, max_restarts=0, **kwargs)
        except (TypeError, ValueError):  # a Ray without free-form remote arguments
            return ds.map_batches(_Linter, **kwargs)


def _rows(ds: Any) -> Iterator[tuple[int, tuple[str, Any]]]:
    """(unit index, result row) from the Ray dataset; a failure inside Ray (an actor killed,
    a crash in a check) ends the run like a dead worker of the local engine."""
    it = iter(ds.iter_rows())
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except Exception as exc:  # Ray wraps whatever failed on a node
            raise WorkerCrash(f"a Ray task failed while linting: {_ray_error_message(exc)}") from None
        yield int(row["unit"]), pickle.loads(row["out"])


def _ray_error_message(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__
