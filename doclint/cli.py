"""Command line: ``doclint check|report|rule|fix``. ``main(argv) -> int``.

Exit codes (defined once, here): 0 nothing at or above ``--fail-on``; 1 findings at or
above it; 2 usage, configuration, rule-pack, input or internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import doclint
from doclint.cache import Cache, default_dir, to_json_utf8
from doclint.config import FAIL_ON, Config, ConfigError, resolve
from doclint.contract import CATEGORIES, SCHEMA_VERSION, PackError, at_or_above
from doclint.identity import LazyEngine, fingerprint
from doclint.outputs import Summary, atomic_open, bytes_writer, json_text, sanitize, text_lines
from doclint.runner import Result, Runner, WorkerCrash, default_jobs
from doclint.sources import Source, is_shard, iter_sources

if TYPE_CHECKING:
    from doclint.engine import Engine

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _csv(value: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:  # `--select "$UNSET"` selected every rule
        raise argparse.ArgumentTypeError("takes rule codes, prefixes, names or categories (got an empty value)")
    return items


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_csv, action="extend", metavar="CODES",
                   help="only these rules: codes, code prefixes, rule names or categories (comma-separated)")
    p.add_argument("--ignore", type=_csv, action="extend", metavar="CODES",
                   help="skip these rules (same forms as --select)")
    p.add_argument("--config", metavar="FILE", help="use this doclint.toml / pyproject.toml")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--include", type=_csv, action="extend", metavar="GLOBS",
                   help="file name globs to read in folders (default *.txt,*.md)")
    p.add_argument("--exclude", type=_csv, action="extend", metavar="GLOBS",
                   help="extra names/paths to skip in folders")


def _add_run(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                   help="worker processes (default: all cores; 1 = no pool)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the content cache")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="cache folder (default: .doclint_cache, or $DOCLINT_CACHE_DIR)")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local process pool (default) or Ray Data (extra doclint[ray])")
    p.add_argument("--ray-address", metavar="ADDR",
                   help="with --engine ray: join this cluster ('auto' = the running one); default: start a local Ray")
    p.add_argument("--text-field", metavar="NAME", help="JSONL/Parquet shards: field holding the text (default text)")
    p.add_argument("--id-field", metavar="NAME", help="JSONL/Parquet shards: field holding the record id (default id)")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number (got {value!r})") from None
    if n < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (all cores) or more")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="doclint", description="Document-quality and provenance linter for ingested text.")
    parser.add_argument("--version", action="version", version=f"doclint {doclint.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="lint files or folders and print findings")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json", "sarif", "github", "jsonl", "junit"],
                       default="text")
    check.add_argument("--fail-on", choices=FAIL_ON, default=None,
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("--pre-commit", action="store_true",
                       help="the pre-commit hook's mode: the trailing arguments that name existing files "
                            "are paths, even one named like an option (-o.txt)")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary line")
    check.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE (atomically)")
    check.add_argument("--baseline", metavar="FILE",
                       help="only findings not recorded in FILE count (see 'doclint baseline'); fixed ones are listed")
    check.add_argument("--waivers", metavar="FILE",
                       help="waivers file (default: doclint-waivers.yaml next to the config, if present)")
    _add_selection(check)
    _add_run(check)

    base = sub.add_parser("baseline", help="record today's findings so that a gate fails only on new ones")
    base.add_argument("paths", nargs="+", metavar="PATH")
    base.add_argument("-o", "--output", required=True, metavar="FILE", help="baseline file to write (JSON)")
    _add_selection(base)
    _add_run(base)

    report = sub.add_parser("report", help="write a YAML report and an HTML page per document, summary.json and index.html")
    report.add_argument("paths", nargs="+", metavar="PATH")
    report.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    report.add_argument("--fail-on", choices=FAIL_ON, default="never",
                        help="exit 1 when findings at or above this severity exist (default: never)")
    _add_selection(report)
    _add_run(report)

    clean = sub.add_parser("clean", help="remove the content cache")
    clean.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: .doclint_cache)")

    rule = sub.add_parser("rule", help="list rules, or explain one")
    rule.add_argument("code", nargs="?", help="rule code or name")
    rule.add_argument("--format", choices=["text", "json"], default="text")
    _add_selection(rule)

    fix = sub.add_parser("fix", help="write repaired copies of documents (never the inputs unless --in-place)")
    configure_fix_parser(fix)  # doclint.fix itself is imported only when `fix` runs
    _add_selection(fix)
    return parser


def configure_fix_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", metavar="DIR", help="write repaired copies here, mirroring the input tree")
    p.add_argument("--in-place", action="store_true",
                   help="replace the input files (atomically; only files that change)")
    p.add_argument("--diff", action="store_true",
                   help="print a unified diff of the repairs and write nothing")


WAIVERS_NAME = "doclint-waivers.yaml"  # doclint.waivers.DEFAULT_NAME (checked by a test)


def _gate_wanted(args: argparse.Namespace, config: Config) -> bool:
    """A baseline or waivers file is given, or the default waivers file exists (without one
    the gate modules are not even imported)."""
    if getattr(args, "waivers", None) or getattr(args, "baseline", None):
        return True
    folder = config.source.parent if config.source else Path.cwd()
    return (folder / WAIVERS_NAME).is_file()


def make_engine(args: argparse.Namespace) -> tuple[Config, Engine]:
    from doclint.engine import Engine

    config = resolve(getattr(args, "paths", None) or [], args.config, args.isolated)
    config = _with_args(config, args)
    return config, Engine(config)


def _with_args(config: Config, args: argparse.Namespace) -> Config:
    return config.with_overrides(
        select=tuple(args.select) if args.select else None,
        ignore=tuple(config.ignore) + tuple(args.ignore) if args.ignore else None,
        include=tuple(args.include) if args.include else None,
        exclude=tuple(config.exclude) + tuple(args.exclude) if args.exclude else None,
        fail_on=getattr(args, "fail_on", None) if getattr(args, "command", "") == "check" else None,
        text_field=getattr(args, "text_field", None),
        id_field=getattr(args, "id_field", None),
    )


def _cache(args: argparse.Namespace) -> Cache | None:
    if args.no_cache:
        return None
    root = Path(args.cache_dir) if args.cache_dir else default_dir()
    problem = _unusable_cache(root)
    if problem:
        if not getattr(args, "_cache_warned", False):  # make_lazy_engine and make_runner both ask
            print(f"doclint: warning: cannot use the cache at {root} ({problem}); running without it",
                  file=sys.stderr)
            args._cache_warned = True
        return None
    return Cache(root)


def _unusable_cache(root: Path) -> str | None:
    """Why the cache folder cannot be used, if it plainly cannot (two system calls: a run
    served from the cache pays them once)."""
    probe = root
    while not os.path.lexists(probe):  # the nearest folder that exists must let us create it
        if probe.parent == probe:
            return None
        probe = probe.parent
    if not os.path.isdir(probe):
        return "a file is in the way" if probe == root else f"{probe} is not a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return "no permission to write there"
    return None


def make_lazy_engine(args: argparse.Namespace) -> tuple[Config, Engine | LazyEngine]:
    """Like :func:`make_engine`, but when the cache knows this engine (same fingerprint, built
    before without error) the engine is only built on the first cache miss: a run over an
    unchanged corpus neither imports the checks nor compiles the rule packs."""
    cache = _cache(args)
    if cache is None or getattr(args, "engine", "local") == "ray":
        return make_engine(args)
    config = resolve(getattr(args, "paths", None) or [], args.config, args.isolated)
    config = _with_args(config, args)
    fp = fingerprint(config)
    if cache.engine_known(fp):
        return config, LazyEngine(config, fp)
    from doclint.engine import Engine

    engine = Engine(config, fp)  # validates the configuration and the rule packs: exit 2 on errors
    cache.mark_engine(fp)
    return config, engine


def make_runner(args: argparse.Namespace, engine: Engine | LazyEngine, keep_text: bool = False,
                serialize: bool = False) -> Runner:
    jobs = args.jobs or default_jobs()
    if getattr(args, "engine", "local") != "ray":  # Ray's actors run on the cluster's cores
        if getattr(args, "ray_address", None) is not None:
            raise UsageError("doclint: --ray-address is for --engine ray (add --engine ray)")
        cores = default_jobs()
        if jobs > cores:  # linting is CPU-bound: more processes than cores only cost memory
            print(f"doclint: note: --jobs {jobs} is more than the {cores} core{'s' * (cores != 1)} this "
                  f"run may use; running {cores} worker process{'es' * (cores != 1)}", file=sys.stderr)
            jobs = cores
    return Runner(engine, jobs=jobs, cache=_cache(args), keep_text=keep_text, serialize=serialize)


def _use_color(mode: str, stream: TextIO) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _exit_code(failed: bool, errors: Sequence[str], internal: int) -> int:
    if errors or internal:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


class _ErrorLog(list[str]):
    """The run's input errors, each with its place in the input: the walk's errors are found
    ahead of the pool's results (it runs up to a window of documents ahead), so in the order
    they arrive they would depend on --jobs. :meth:`in_input_order` puts them back: an error of
    the walk before the document it was found before, a document's own error at its place."""

    def __init__(self) -> None:
        super().__init__()
        self.position = 0  # documents handed to the runner so far (see _counted)
        self._keys: list[tuple[int, int, int]] = []

    def append(self, message: str) -> None:  # the walk's errors (iter_sources appends them)
        self._keys.append((self.position, 0, len(self._keys)))
        super().append(message)

    def add_for(self, index: int, message: str) -> None:  # the error of the index-th document
        self._keys.append((index, 1, len(self._keys)))
        super().append(message)

    def in_input_order(self) -> None:
        order = sorted(range(len(self)), key=self._keys.__getitem__)
        self[:] = [self[i] for i in order]
        self._keys = [self._keys[i] for i in order]


def _counted(sources: Iterator[Source], log: _ErrorLog) -> Iterator[Source]:
    """``sources``, counting in ``log.position`` those handed on (before the walk goes on)."""
    for source in sources:
        yield source
        log.position += 1


class _Run:
    """Streams results and keeps only what the end of the run needs: totals and errors."""

    def __init__(self, args: argparse.Namespace, keep_text: bool = False, gate: bool = False) -> None:
        self.args = args
        self.config, self.engine = make_lazy_engine(args)
        # --format json writes each report's JSON text as is: workers encode it
        serialize = getattr(args, "command", "") == "check" and getattr(args, "format", "") == "json"
        self.runner = make_runner(args, self.engine, keep_text, serialize)
        self.errors = _ErrorLog()
        self.skip_under: Path | None = None  # the report folder: its reports are never linted
        self.summary = Summary()
        self.failed = False
        self.gate = None
        if gate and _gate_wanted(args, self.config):
            from doclint.baseline import BaselineError
            from doclint.gate import Gate
            from doclint.waivers import WaiverError

            try:
                self.gate = Gate.from_args(args.waivers, args.baseline, self.config.source)
            except (BaselineError, WaiverError) as exc:
                raise ConfigError(str(exc)) from None

    def _results(self, paths: Sequence[str]) -> Iterator[Result]:
        if getattr(self.args, "engine", "local") == "ray":
            from doclint import ray_engine

            try:
                for source, report, error in ray_engine.run(
                    self.config, paths, self.runner.jobs, self.errors, self.args.ray_address
                ):
                    yield Result(source, report, error)
            except ray_engine.RayUnavailable as exc:
                raise UsageError(f"doclint: {exc}") from None
            return
        sources = iter_sources(paths, self.config, self.errors)
        if self.skip_under is not None:
            sources = _not_reports(sources, self.skip_under)
        yield from self.runner.run(_counted(sources, self.errors))

    def _sources_with_progress(self, paths: Sequence[str]) -> Iterator[Result]:
        from doclint.progress import progress, should_draw

        if not should_draw(2, sys.stderr, None):
            yield from self._results(paths)
            return
        # the bar needs the number of documents: the walk is listed first (files and shard
        # files, not their records: a shard's records are not held in memory to be counted)
        walk_errors = _ErrorLog()
        walk = iter_sources(paths, self.config, walk_errors, expand_shards=False)
        if self.skip_under is not None:
            walk = _not_reports(walk, self.skip_under)
        sources = list(_counted(walk, walk_errors))
        if getattr(self.args, "engine", "local") == "ray" or any(is_shard(s.path) for s in sources):
            # records are counted only as they are read: no bar (the walk's errors come again)
            yield from self._results(paths)
            return
        self.errors = walk_errors
        with progress(len(sources)) as bar:
            for res in self.runner.run(iter(sources)):
                bar.advance()
                yield res

    def results(self, paths: Sequence[str], fail_on: str) -> Iterator[Result]:
        local = getattr(self.args, "engine", "local") != "ray"  # Ray's errors come in input order
        for index, res in enumerate(self._sources_with_progress(paths)):
            if res.error:
                if local:
                    self.errors.add_for(index, res.error)
                else:
                    self.errors.append(res.error)
                continue
            if self.gate is not None:
                assert res.report is not None
                report = self.gate.filter(res.report)
                if report is not res.report:
                    res = Result(res.source, report, None, res.cached, res.text)  # raw JSON no longer matches
            totals = res.totals  # a cached report is not parsed just for the totals
            assert totals is not None
            self.summary.add(totals)
            if not self.failed and any(at_or_above(c[1], fail_on) for c in totals["counts"]):
                self.failed = True
            yield res
        if local:
            self.errors.in_input_order()  # the same for any --jobs (before the summary is written)

    def reports(self, paths: Sequence[str], fail_on: str) -> Iterator[dict[str, Any]]:
        for res in self.results(paths, fail_on):
            assert res.report is not None
            yield res.report

    def print_errors(self) -> None:
        for err in self.errors:
            print(f"doclint: error: {sanitize(err)}", file=sys.stderr)
        if self.summary.documents == 0 and not self.errors:  # like ruff: say so, exit 0
            paths = getattr(self.args, "paths", None) or []
            if paths and all(p == "-" or os.path.isfile(p) for p in paths):
                why = "the shards given hold no records"
            else:
                why = f"a folder is searched for {', '.join(self.config.include)}; set include to change that"
            print(f"doclint: warning: no documents found to lint ({why})", file=sys.stderr)
        if self.gate is not None:
            for msg in self.gate.messages(lambda: set(self.engine.enabled)):
                print(f"doclint: {sanitize(msg)}", file=sys.stderr)

    def exit_code(self) -> int:
        return _exit_code(self.failed, self.errors, self.summary.internal_errors)


def _refuse_output_over_input(args: argparse.Namespace) -> None:
    """``-o`` naming an input document (or a file a folder given as input would have linted)
    would replace that document with findings: refused before anything is read or written."""
    output, paths = args.output, args.paths
    if not output:
        return
    out = os.path.realpath(output)
    if not os.path.isfile(out):
        return  # new, a device or a pipe: nothing of the corpus is lost
    from doclint.sources import _included  # the walk's own include test

    config = _with_args(resolve(paths, args.config, args.isolated), args)
    for raw in paths:
        if raw == "-":
            continue
        given = os.path.realpath(raw)
        inside = os.path.isdir(given) and out.startswith(given.rstrip(os.sep) + os.sep)
        if out == given or (inside and _included(os.path.basename(out), config.include)):
            raise UsageError(f"doclint: -o {output} is an input document ({raw}); it would be "
                             "written over with the results: choose another file")


def cmd_check(args: argparse.Namespace) -> int:
    _refuse_output_over_input(args)
    run = _Run(args, gate=True)
    fail_on = run.config.fail_on
    if args.output == "-":  # "-o -": standard output, as for inputs
        args.output = None
    sink = atomic_open(Path(args.output)) if args.output else contextlib.nullcontext(sys.stdout)
    with sink as out:
        if args.format in ("sarif", "github", "jsonl", "junit"):
            from doclint.outputs.formats import FORMATTERS, to_sarif

            reports = list(run.reports(args.paths, fail_on))
            if args.format == "sarif":
                out.write(to_sarif(reports, run.errors, rules=run.engine.rules))
            else:
                out.write(FORMATTERS[args.format](reports, run.errors))
        elif args.format == "json":
            _stream_json(out, run.results(args.paths, fail_on), run)
        else:
            color = args.output is None and _use_color(args.color, sys.stdout)
            for report in run.reports(args.paths, fail_on):
                for line in text_lines([report], color=color):
                    out.write(line + "\n")
            if not args.quiet:
                total = run.summary.as_dict()["findings"]
                docs, n = run.summary.with_findings, run.summary.documents
                out.write(
                    f"Found {total} finding{'s' * (total != 1)} in {docs} of {n} "
                    f"document{'s' * (n != 1)}.\n"
                )
    run.print_errors()
    return run.exit_code()


def _stream_json(out: TextIO, results: Iterator[Result], run: _Run) -> None:
    import json

    # reports arrive as UTF-8 JSON (from the cache or a worker): written as bytes, not re-encoded
    write = bytes_writer(out)
    write(f'{{\n  "schema": {SCHEMA_VERSION},\n  "doclint_version": '
          f'{json.dumps(doclint.__version__)},\n  "documents": ['.encode())
    sep = b"\n    "
    for res in results:  # one compact line per document: easy to grep or split
        write(sep + (res.raw or to_json_utf8(res.report)))
        sep = b",\n    "
    summary = json_text(run.summary.as_dict(run.errors), indent=2)
    write((("\n  " if sep != b"\n    " else "") + '],\n  "summary": ' + summary.replace("\n", "\n  ")
           + "\n}\n").encode("utf-8"))


def cmd_baseline(args: argparse.Namespace) -> int:
    from doclint import baseline

    _refuse_output_over_input(args)
    run = _Run(args)
    data = baseline.write(Path(args.output), list(run.reports(args.paths, "never")))
    run.print_errors()
    total = sum(sum(v.values()) for v in data["findings"].values())
    print(f"Baseline: {total} findings in {len(data['findings'])} documents -> {args.output}")
    return EXIT_ERROR if run.errors else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from doclint.outputs.html import page_path, write_document_page, write_index
    from doclint.outputs.yaml_report import write_report, write_summary

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"doclint report: --out {args.out} exists and is not a folder")
    for name in ("index.html", "summary.json"):
        if _foreign_file(out / name):
            raise UsageError(f"doclint report: --out {args.out} holds a file {name} that doclint did not write; "
                             "choose another folder (nothing was written)")
    run = _Run(args, keep_text=True)
    run.skip_under = out  # the reports of an earlier run in this folder are not documents
    rows: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    placement = _Placement(out, page_path)
    for res in run.results(args.paths, args.fail_on):
        assert res.report is not None
        relative = placement.place(_mirror(res.source, args.paths))
        target = write_report(out, relative, res.report)
        page = write_document_page(out, relative, res.report, res.text or "")
        rows.append(_row(res.report, target.relative_to(out).as_posix()))
        entries.append({"report": _index_view(res.report), "page": page.relative_to(out).as_posix()})
    write_summary(out, run.summary.as_dict(run.errors), rows)
    write_index(out, entries, run.errors)
    run.print_errors()
    _print_summary(rows, run.summary.as_dict(run.errors), out)
    return run.exit_code()


def _index_view(report: dict[str, Any]) -> dict[str, Any]:
    """What the HTML index needs of a report (kept for every document, so kept small)."""
    view = {k: v for k, v in report.items() if k != "findings"}
    view["findings"] = [{"rule": f["rule"], "name": f["name"], "category": f["category"],
                         "severity": f["severity"]} for f in report["findings"]]
    prov = report.get("provenance", {})
    view["provenance"] = {k: prov[k] for k in ("date_window", "disclosures") if k in prov}
    view["stats"] = {k: v for k, v in report.get("stats", {}).items() if k in ("language", "words")}
    return view


def _row(report: dict[str, Any], report_file: str) -> dict[str, Any]:
    counts = dict.fromkeys(CATEGORIES, 0)
    for f in report["findings"]:
        counts[f["category"]] += 1
    return {"path": report["path"], "report": report_file, "score": report["score"],
            "findings": len(report["findings"]), "by_category": counts}


def _mirror(source: Any, inputs: Sequence[str]) -> str:
    """Where a document's report goes under --out: its path relative to the input folder
    it was found in (with that folder's name when several inputs are given), a file given
    as an input by its name; a shard record under its shard's path, by record id."""
    if len(inputs) == 1:
        return source.relative
    for raw in inputs:
        base = Path(raw)
        try:
            rel = source.path.relative_to(base)
        except ValueError:
            continue
        name = base.resolve().name if base.is_dir() else ""
        path = rel.as_posix() if rel.parts else source.path.name
        path = f"{name}/{path}" if name else path
        return f"{path}/{source.record}" if source.record is not None else path
    return source.relative


class _Placement:
    """Where each document's report files go under ``--out`` (names compared without case, as
    some file systems do). A document never gets the name of an earlier document of the run
    (numbered ``~2``, ``~3`` ...: see :func:`_unique`), nor a file name that is a folder --
    of this run, or already on disk; a folder of the input tree whose name is a file -- a
    folder ``x.html/`` beside a document ``x``, whose page is ``x.html`` -- is numbered the same
    way, once for every document in it. Nothing on disk is removed or written over by a folder,
    and a file is written over only when doclint wrote it (a user's own ``x.html`` in a folder
    given as --out makes the page ``x~2.html``)."""

    def __init__(self, out: Path, page_path: Any) -> None:
        from doclint.outputs.yaml_report import report_path

        self.out = out
        self.targets = (report_path, page_path)
        self.used: set[str] = set()  # document names given (see _unique)
        self.files: set[str] = set()  # files of this run, relative to out
        self.dirs: set[str] = set()  # folders holding them
        self.folders: dict[str, str] = {}  # a numbered input folder -> its new name

    def _key(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix().casefold()

    def _is_file(self, path: Path) -> bool:
        return self._key(path) in self.files or (path.exists() and not path.is_dir())

    def _is_dir(self, path: Path) -> bool:
        return self._key(path) in self.dirs or path.is_dir()

    def place(self, relative: str) -> str:
        from doclint.outputs import safe_join

        parts = relative.split("/")
        for i in range(len(parts) - 1):  # the folders, outermost first
            prefix = "/".join(parts[: i + 1])
            new = self.folders.get(prefix.casefold())
            if new is None:
                if not self._is_file(safe_join(self.out, prefix)):
                    continue
                n = 2
                while self._is_file(safe_join(self.out, f"{prefix}~{n}")) or f"{prefix}~{n}".casefold() in self.folders:
                    n += 1
                new = self.folders[prefix.casefold()] = f"{prefix}~{n}"
            parts[: i + 1] = new.split("/")
        relative = _unique("/".join(parts), self.used)
        # a document named "index" has its page at index.page.html: so would "index.page"
        while any(self._is_dir(t) or self._key(t) in self.files or _foreign_file(t)
                  for t in (target(self.out, relative) for target in self.targets)):
            relative = _unique(relative, self.used)
        for target in self.targets:
            path = target(self.out, relative)
            self.files.add(self._key(path))
            for parent in path.parents:
                if parent == self.out or self.out not in parent.parents:
                    break
                self.dirs.add(self._key(parent))
        return relative


def _not_reports(sources: Iterator[Any], folder: Path) -> Iterator[Any]:
    """The sources that are not report files `doclint report` wrote into ``folder`` (its
    --out, inside an input folder or the same folder, with an include that takes ``*.html``)."""
    inside = os.path.realpath(folder) + os.sep
    last, keep = None, True
    for source in sources:
        if source.path != last:  # a shard's records share one path
            last = source.path
            keep = (not (os.path.realpath(source.path) + os.sep).startswith(inside)
                    or not _REPORT_NAME.search(source.path.name) or _foreign_file(source.path))
        if keep:
            yield source


# The names `doclint report` gives its files, and their first bytes: its pages (and those of
# versions before the generator tag: the same head with a hashed Content-Security-Policy), its
# YAML reports (and earlier ones: the report's path, its hash and its score first) and
# summary.json.
_REPORT_NAME = re.compile(r"\.(?:html|doclint\.yaml)\Z|\Asummary\.json\Z")
_OWN_HEADS = (
    re.compile(rb'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
               rb'(?:<meta name="generator" content="doclint">\n|<meta http-equiv="Content-Security-Policy" '
               rb"content=\"default-src 'none'; style-src 'sha256-)"),
    re.compile(rb'# doclint report\n|path: [^\n]*\nsha256: "[0-9a-f]{64}"\nscore: [0-9]+\n'),
    re.compile(rb'\{\n  "schema": \d+,\n  "doclint_version": '),
)


def _foreign_file(path: Path) -> bool:
    """Is there something at ``path`` that `doclint report` did not write (a user's own page
    in a folder given as --out, a FIFO)? Then it must not be written over."""
    from doclint.sources import read_head

    try:
        head = read_head(path, 512)  # never waits on a FIFO
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False  # nothing there (a folder is _Placement's own business)
    except OSError:
        return True  # not a regular file, or unreadable: not known to be doclint's
    return not any(rx.match(head) for rx in _OWN_HEADS)


def _unique(relative: str, used: set[str]) -> str:
    """``relative``, or ``relative~2``, ``~3`` ... when an earlier document of the run already
    has it (inputs with the same name, a record id repeated in a shard; compared without
    case, as some file systems do): no report overwrites another."""
    candidate, n = relative, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{relative}~{n}"
    used.add(candidate.casefold())
    return candidate


def _print_summary(rows: Sequence[dict[str, Any]], summary: dict[str, Any], out: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=160)
    table = Table(title=f"doclint report: {summary['documents']} documents → {out}/")
    table.add_column("document", no_wrap=True, overflow="fold")
    table.add_column("score", justify="right")
    for header in ("boilerpl.", "markup", "disclos.", "residue", "contrad.", "language"):
        table.add_column(header, justify="right")
    for row in rows[:200]:
        table.add_row(sanitize(row["path"]), str(row["score"]), *(str(v) for v in row["by_category"].values()))
    console.print(table)
    if len(rows) > 200:
        console.print(f"… and {len(rows) - 200} more documents (see summary.json)")
    console.print(
        f"{summary['findings']} findings in {summary['documents_with_findings']} of "
        f"{summary['documents']} documents; mean score "
        f"{'-' if summary['mean_score'] is None else summary['mean_score']}. "
        f"Summary: {out}/summary.json; open {out}/index.html in a browser"
    )


def cmd_clean(args: argparse.Namespace) -> int:
    from doclint.cache import clean, default_dir

    root = Path(args.cache_dir) if args.cache_dir else default_dir()
    try:
        done = clean(root)
    except ValueError as exc:
        print(f"doclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"doclint: error: cannot clean {exc.filename or root}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    if done is None:
        print(f"No cache at {root}")
        return EXIT_OK
    if not done.left:
        print(f"Removed {root} ({done.removed} cache files)" if not os.path.lexists(root)
              else f"Removed {done.removed} cache files from {root}")
        return EXIT_OK
    shown = ", ".join(done.left[:5]) + (f" (+{len(done.left) - 5} more)" if len(done.left) > 5 else "")
    print(f"Removed {done.removed} cache files from {root}; left {len(done.left)} "
          f"that are not doclint's: {shown}")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    _, engine = make_engine(args)
    if not args.code:
        if args.format == "json":

            print(json_text([_rule_json(engine, c) for c in engine.rules], indent=2))
            return EXIT_OK
        for code, rule in engine.rules.items():
            flag = " " if code in engine.enabled else "-"
            print(f"{flag}{code}  {rule.name:<28} {rule.category:<13} {engine.severity_of(code):<8} {rule.title}")
        return EXIT_OK
    wanted = args.code.strip()
    matches = [c for c, r in engine.rules.items() if c == wanted.upper() or r.name == wanted]
    if not matches:
        print(f"doclint: error: unknown rule {wanted!r} (see 'doclint rule')", file=sys.stderr)
        return EXIT_ERROR
    info = _rule_json(engine, matches[0])
    if args.format == "json":

        print(json_text(info, indent=2))
        return EXIT_OK
    print(f"{info['code']} {info['name']}")
    print(f"  category: {info['category']}    severity: {info['severity']}    kind: {info['kind']}")
    print(f"  defined in: {info['source']}")
    print(f"\n  {info['message']}\n")
    print("  Why: " + info["rationale"])
    for key, label in (("fail", "Flagged"), ("pass", "Not flagged")):
        if info["examples"][key]:
            print(f"\n  {label}:")
            for ex in info["examples"][key]:
                shown = sanitize(ex if len(ex) < 300 else ex[:297] + "…").replace("\n", "\n      ")
                print(f"    - {shown}")
    return EXIT_OK


def _rule_json(engine: Engine, code: str) -> dict[str, Any]:
    rule = engine.rules[code]
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": engine.severity_of(code),
        "kind": rule.kind,
        "message": rule.message,
        "rationale": rule.rationale,
        "source": rule.source,
        "enabled": code in engine.enabled,
        "examples": {
            "fail": [e.text for e in rule.examples if e.fails],
            "pass": [e.text for e in rule.examples if not e.fails],
        },
    }


def _hook_paths(argv: list[str]) -> list[str]:
    """pre-commit appends the staged file names after the hook's own arguments: a file named
    ``-oclean.txt`` would be read as ``-o clean.txt`` and write over ``clean.txt``. With
    ``--pre-commit``, the trailing arguments that name existing files are paths: those starting
    with '-' are given as ``./-name``."""
    i = len(argv)
    while i > 0 and argv[i - 1] not in ("--", "--pre-commit") and os.path.isfile(argv[i - 1]):
        i -= 1
    return argv[:i] + [f"./{a}" if a.startswith("-") else a for a in argv[i:]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--pre-commit" in argv:
        argv = _hook_paths(argv)
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        if "" in (getattr(args, "paths", None) or ()):  # Path("") is the current folder: a slip
            raise UsageError("doclint: an empty path was given (an unset shell variable?); use . for this folder")
        if args.command == "check":
            return cmd_check(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "clean":
            return cmd_clean(args)
        if args.command == "baseline":
            return cmd_baseline(args)
        if args.command == "fix":
            from doclint import fix as fix_mod

            config, engine = make_engine(args)
            return int(fix_mod.run(args, config, engine))
        raise UsageError(f"doclint: unknown command {args.command!r}")
    except UsageError as exc:
        print(f"{exc}\nTry 'doclint --help'.", file=sys.stderr)
        return EXIT_ERROR
    except (ConfigError, PackError, WorkerCrash) as exc:
        print(f"doclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        from doclint.outputs import remove_pending

        remove_pending()  # a temporary file whose write was cut off (never a finished file)
        print("doclint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an output that cannot be written (-o, --out): inputs fail one by one
        name = exc.filename2 or exc.filename  # os.replace(temporary, target): the target
        where = f"{name}: " if name else ""
        print(f"doclint: error: {sanitize(where + (exc.strerror or str(exc)))}", file=sys.stderr)
        return EXIT_ERROR


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
