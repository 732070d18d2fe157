"""``--engine ray``: the same engine, run by Ray Data across a cluster (extra ``doclint[ray]``).

Corpus shards (JSONL, JSONL.gz, Parquet) are read with Ray Data's own readers and linted
in ``map_batches`` by actors that each build the engine once; plain text files are listed
on the driver and read by the actors (on a cluster they must be on storage every node
can read). Results come back in input order (``preserve_order``) and are the same
reports the local engine writes. Where to run: ``--ray-address auto`` joins a running
cluster (``ray start --head`` on one node, ``ray start --address HEAD:6379`` on the
others); without it a local Ray instance is started for the run.

Differences from the local engine, by design: no content cache; shard records must carry
their id field (Ray's readers do not expose line numbers) and ids must be unique.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from doclint.config import Config
from doclint.document import Document
from doclint.sources import Source, _display, is_shard, iter_sources


class RayUnavailable(RuntimeError):
    pass


class _LintBatch:
    """A Ray actor: builds the engine once, lints a batch of rows."""

    def __init__(self, config: Config) -> None:
        from doclint.engine import Engine

        self.engine = Engine(config)

    def _lint_file(self, display: str, path: str, relative: str) -> dict[str, Any]:
        from doclint.runner import lint_source

        res = lint_source(self.engine, Source(Path(path), display, relative))
        return {"report": res.report, "error": res.error}

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        out: list[str] = []
        if "__doclint_path" in batch:
            for display, path, rel in zip(batch["__doclint_display"], batch["__doclint_path"],
                                          batch["__doclint_relative"], strict=True):
                out.append(json.dumps(self._lint_file(str(display), str(path), str(rel))))
            return {"result": out}
        shard = batch["__doclint_shard"]
        for display, text, record, shard_path in zip(batch["__doclint_display"], batch["__doclint_text"],
                                                     batch["__doclint_record"], shard, strict=True):
            if not isinstance(text, str):
                out.append(json.dumps({"report": None, "error": f"{display}: text is not a string"}))
                continue
            doc = Document(path=str(display), text=text)
            report = self.engine.lint(doc)
            report["shard"] = str(shard_path)
            report["record"] = str(record)
            out.append(json.dumps({"report": report, "error": None}))
        return {"result": out}


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
            # one CPU more than lint actors, so Ray Data's read tasks are never starved by them
            ray.init(num_cpus=jobs + 1, **kwargs)
    import logging

    for name in ("ray", "ray.data", "ray.data._internal"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    return ray


def _shard_dataset(ray: Any, path: Path, config: Config) -> Any:
    name = path.name.lower()
    if name.endswith(".parquet"):
        ds = ray.data.read_parquet(str(path))
    else:
        ds = ray.data.read_json(str(path), lines=True)
    display = _display(path)
    text_field, id_field = config.text_field, config.id_field
    shard_posix = path.as_posix()

    def prepare(batch: dict[str, Any]) -> dict[str, list[Any]]:
        if text_field not in batch:
            raise ValueError(f"{display}: no field {text_field!r}")
        if id_field not in batch:
            raise ValueError(f"{display}: --engine ray needs the id field {id_field!r} in every record")
        ids = [str(v) for v in batch[id_field]]
        return {
            "__doclint_display": [f"{display}#{rid}" for rid in ids],
            "__doclint_text": list(batch[text_field]),
            "__doclint_record": ids,
            "__doclint_shard": [shard_posix] * len(ids),
        }

    return ds.map_batches(prepare, batch_format="numpy")


Item = tuple[Source, dict[str, Any] | None, str | None]


def run(config: Config, paths: Sequence[str], jobs: int, errors: list[str],
        address: str | None = None, batch_size: int = 64) -> Iterator[Item]:
    """Yield (source, report, error) per document, in input order."""
    ray = _init(address, jobs)
    concurrency = max(1, jobs)
    files: list[Source] = []

    def flush_files() -> Iterator[Item]:
        if not files:
            return
        batch = list(files)
        files.clear()
        rows = [{"__doclint_display": s.display, "__doclint_path": os.fspath(s.path),
                 "__doclint_relative": s.relative} for s in batch]
        for source, (report, error) in zip(batch, _collect(ray.data.from_items(rows)), strict=True):
            yield source, report, error

    def _collect(ds: Any) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
        linted = ds.map_batches(_LintBatch, fn_constructor_args=(config,), concurrency=(1, concurrency),
                                batch_size=batch_size, batch_format="numpy")
        for row in linted.iter_rows():
            item = json.loads(row["result"])
            yield item["report"], item["error"]

    for source in iter_sources(paths, config, errors, expand_shards=False):
        if not is_shard(source.path):
            files.append(source)
            continue
        yield from flush_files()
        try:
            for report, error in _collect(_shard_dataset(ray, source.path, config)):
                record = report["record"] if report else "?"
                rec_source = Source(source.path, f"{source.display}#{record}", f"{source.relative}/{record}",
                                    record)
                yield rec_source, report, error
        except Exception as exc:  # Ray wraps reader/UDF errors; report them as input errors
            errors.append(f"{source.display}: {_ray_error_message(exc)}")
    yield from flush_files()


def _ray_error_message(exc: BaseException) -> str:
    text = str(exc)
    for line in text.splitlines():
        if "ValueError:" in line:
            return line.split("ValueError:", 1)[1].strip()
    return text.splitlines()[0] if text else type(exc).__name__
