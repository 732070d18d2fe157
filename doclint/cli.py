"""Command line: ``doclint check|report|rule|fix``. ``main(argv) -> int``.

Exit codes (defined once, here): 0 nothing at or above ``--fail-on``; 1 findings at or
above it; 2 usage, configuration, rule-pack, input or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import doclint
from doclint.config import FAIL_ON, Config, ConfigError, resolve
from doclint.engine import Engine, at_or_above
from doclint.outputs import sanitize, text_lines, to_json
from doclint.packs import PackError
from doclint.runner import Result, lint_sources
from doclint.sources import iter_sources

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="doclint", description="Document-quality and provenance linter for ingested text.")
    parser.add_argument("--version", action="version", version=f"doclint {doclint.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="lint files or folders and print findings")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--fail-on", choices=FAIL_ON, default=None,
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary line")
    check.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE (atomically)")
    _add_selection(check)

    report = sub.add_parser("report", help="write one YAML report per document and summary.json")
    report.add_argument("paths", nargs="+", metavar="PATH")
    report.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    report.add_argument("--fail-on", choices=FAIL_ON, default="never",
                        help="exit 1 when findings at or above this severity exist (default: never)")
    _add_selection(report)

    rule = sub.add_parser("rule", help="list rules, or explain one")
    rule.add_argument("code", nargs="?", help="rule code or name")
    rule.add_argument("--format", choices=["text", "json"], default="text")
    _add_selection(rule)

    try:
        from doclint import fix as fix_mod
    except ImportError:
        fix_mod = None
    if fix_mod is not None and hasattr(fix_mod, "configure_parser"):
        fix = sub.add_parser("fix", help="write repaired copies of documents (never the inputs unless --in-place)")
        fix_mod.configure_parser(fix)
        _add_selection(fix)
    return parser


def make_engine(args: argparse.Namespace) -> tuple[Config, Engine]:
    config = resolve(getattr(args, "paths", None) or [], args.config, args.isolated)
    config = config.with_overrides(
        select=tuple(args.select) if args.select else None,
        ignore=tuple(config.ignore) + tuple(args.ignore) if args.ignore else None,
        include=tuple(args.include) if args.include else None,
        exclude=tuple(config.exclude) + tuple(args.exclude) if args.exclude else None,
        fail_on=getattr(args, "fail_on", None) if getattr(args, "command", "") == "check" else None,
    )
    return config, Engine(config)


def _use_color(mode: str, stream: TextIO) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _collect(engine: Engine, config: Config, paths: Sequence[str]) -> tuple[list[Result], list[str]]:
    errors: list[str] = []
    results = list(lint_sources(engine, iter_sources(paths, config, errors)))
    errors.extend(r.error for r in results if r.error)
    return results, errors


def _exit_code(reports: Sequence[dict[str, Any]], fail_on: str, errors: Sequence[str]) -> int:
    if errors or any(r.get("errors") for r in reports):
        return EXIT_ERROR
    if any(at_or_above(f["severity"], fail_on) for r in reports for f in r["findings"]):
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    config, engine = make_engine(args)
    results, errors = _collect(engine, config, args.paths)
    reports = [r.report for r in results if r.report is not None]
    for err in errors:
        print(f"doclint: error: {sanitize(err)}", file=sys.stderr)
    if args.format == "json":
        output = to_json(reports, errors)
    else:
        stream = sys.stdout
        lines = list(text_lines(reports, color=args.output is None and _use_color(args.color, stream)))
        if not args.quiet:
            total = sum(len(r["findings"]) for r in reports)
            docs = sum(1 for r in reports if r["findings"])
            lines.append(
                f"Found {total} finding{'s' * (total != 1)} in {docs} of {len(reports)} "
                f"document{'s' * (len(reports) != 1)}."
            )
        output = "\n".join(lines) + ("\n" if lines else "")
    if args.output:
        from doclint.outputs import atomic_write

        atomic_write(Path(args.output), output)
    else:
        sys.stdout.write(output)
    return _exit_code(reports, config.fail_on, errors)


def cmd_report(args: argparse.Namespace) -> int:
    from doclint.outputs.yaml_report import write_report, write_summary

    config, engine = make_engine(args)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"doclint report: --out {args.out} exists and is not a folder")
    results, errors = _collect(engine, config, args.paths)
    reports: list[dict[str, Any]] = []
    files: list[str] = []
    for res in results:
        if res.report is None:
            continue
        target = write_report(out, _mirror(res.source, args.paths), res.report)
        reports.append(res.report)
        files.append(target.relative_to(out).as_posix())
    write_summary(out, reports, files, errors)
    for err in errors:
        print(f"doclint: error: {sanitize(err)}", file=sys.stderr)
    _print_summary(reports, out)
    return _exit_code(reports, args.fail_on, errors)


def _mirror(source: Any, inputs: Sequence[str]) -> str:
    """Where a document's report goes under --out: its path relative to the input folder
    it was found in (with that folder's name when several inputs are given)."""
    if len(inputs) == 1:
        return source.relative
    for raw in inputs:
        base = Path(raw)
        try:
            rel = source.path.relative_to(base)
        except ValueError:
            continue
        name = base.resolve().name if base.is_dir() else ""
        return f"{name}/{rel.as_posix()}" if name else rel.as_posix()
    return source.relative


def _print_summary(reports: Sequence[dict[str, Any]], out: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    from doclint.outputs import summarize

    summary = summarize(reports)
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=160)
    table = Table(title=f"doclint report: {summary['documents']} documents → {out}/")
    table.add_column("document", no_wrap=True, overflow="fold")
    table.add_column("score", justify="right")
    for header in ("boilerpl.", "markup", "disclos.", "residue", "contrad.", "language"):
        table.add_column(header, justify="right")
    for rep in reports:
        counts = {c: 0 for c in ("boilerplate", "markup", "disclosure", "residue", "contradiction", "language")}
        for f in rep["findings"]:
            counts[f["category"]] += 1
        table.add_row(sanitize(rep["path"]), str(rep["score"]), *(str(v) for v in counts.values()))
    console.print(table)
    console.print(
        f"{summary['findings']} findings in {summary['documents_with_findings']} of "
        f"{summary['documents']} documents; mean score {summary['mean_score']}. "
        f"Summary: {out}/summary.json"
    )


def cmd_rule(args: argparse.Namespace) -> int:
    _, engine = make_engine(args)
    if not args.code:
        if args.format == "json":
            import json

            print(json.dumps([_rule_json(engine, c) for c in engine.rules], indent=2, ensure_ascii=False))
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
        import json

        print(json.dumps(info, indent=2, ensure_ascii=False))
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        if args.command == "check":
            return cmd_check(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "fix":
            from doclint import fix as fix_mod

            config, engine = make_engine(args)
            return int(fix_mod.run(args, config, engine))
        raise UsageError(f"doclint: unknown command {args.command!r}")
    except UsageError as exc:
        print(f"{exc}\nTry 'doclint --help'.", file=sys.stderr)
        return EXIT_ERROR
    except (ConfigError, PackError) as exc:
        print(f"doclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("doclint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
