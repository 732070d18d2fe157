"""The rule engine: loads rules, selects them, and lints one document at a time.

``Engine(config).lint(doc)`` returns the document object of the JSON contract
(see README, "JSON contract"). Checks never see each other's findings; the engine
sorts, de-duplicates, applies selection, severity overrides and per-path ignores,
and computes the score.
"""

from __future__ import annotations

import fnmatch
import math
import signal
import threading
import time
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

from doclint import checks as checks_pkg
from doclint import rxcache
from doclint.checks import Options
from doclint.config import Config, ConfigError
from doclint.document import Document
from doclint.identity import LazyEngine, builtin_rules_dir, fingerprint  # re-exported
from doclint.model import CATEGORIES, SCHEMA_VERSION, Finding, Rule, at_or_above
from doclint.packs import Matcher, PackError, load_packs
from doclint.shapes import SHAPES

# Score: 100 minus a penalty per finding, at most MAX_PER_RULE findings of one rule counted.
WEIGHTS = {"error": 20, "warning": 6, "info": 1}
MAX_PER_RULE = 3
EXCERPT_MAX = 200
_NO_SETTINGS: Mapping[str, Any] = MappingProxyType({})


class Engine:
    def __init__(self, config: Config | None = None, fp: str | None = None) -> None:
        """``fp``: the configuration's :func:`fingerprint` when the caller already has it
        (otherwise computed on first use: a run without a cache never needs it)."""
        rxcache.load()  # before the check modules compile their patterns (see doclint.rxcache)
        self.config = config or Config()
        if fp is not None:
            self.fingerprint = fp
        pack_rules = load_packs([builtin_rules_dir(), *self.config.packs], SHAPES)
        self.modules: list[tuple[str, ModuleType]] = sorted(
            checks_pkg.discover().items(), key=lambda item: (getattr(item[1], "ORDER", 50), item[0])
        )
        self.rules: dict[str, Rule] = {}
        self.rule_module: dict[str, str] = {}
        for rule in pack_rules:
            self.rules[rule.code] = rule
            self.rule_module[rule.code] = "pack"
        for name, module in self.modules:
            for rule in module.RULES:
                if rule.code in self.rules:
                    raise PackError(
                        f"doclint/checks/{name}.py: rule {rule.code} is already defined in "
                        f"{self.rules[rule.code].source or self.rule_module[rule.code]}"
                    )
                self.rules[rule.code] = _with_source(rule, f"doclint.checks.{name}")
                self.rule_module[rule.code] = name
        self.rules = dict(sorted(self.rules.items()))
        self.enabled: set[str] = self._select(self.config.select, self.config.ignore)
        for code in self.config.severity:
            if code not in self.rules:
                raise ConfigError(f"severity: unknown rule {code!r}")
        for glob, entries in self.config.per_path_ignores.items():
            self.expand(entries, f"per-path-ignores.{glob}")
        self.matcher = Matcher(
            [r for c, r in self.rules.items() if c in self.enabled and self.rule_module[c] == "pack"],
            SHAPES,
        )
        # a module runs when one of its rules is enabled; ALWAYS modules (the provenance block)
        # run in every report, their findings dropped when their rules are not selected
        self.active_modules = [
            (name, module)
            for name, module in self.modules
            if getattr(module, "ALWAYS", False) or any(rule.code in self.enabled for rule in module.RULES)
        ]
        from doclint.config import options_where, validate_options

        # every options table is checked against its module's OPTIONS, selected or not: a
        # misspelt key is a typo either way (setup() only runs for the modules that run)
        validate_options(self.config, {name: getattr(module, "OPTIONS", {}) for name, module in self.modules})
        for name, module in self.active_modules:
            setup = getattr(module, "setup", None)
            if setup is not None:
                try:
                    setup(Options(settings=self.config.options.get(name, {}), config=self.config))
                except (ValueError, OSError) as exc:
                    raise ConfigError(f"{options_where(self.config, name)}: {exc}") from None

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.config)

    # ------------------------------------------------------------ selection

    def expand(self, entries: Iterable[str], where: str = "select") -> set[str]:
        """Codes named by ``entries``: codes, code prefixes, rule names, categories or ALL."""
        out: set[str] = set()
        for entry in entries:
            entry = entry.strip()
            if entry.upper() == "ALL":
                out |= set(self.rules)
                continue
            if entry in CATEGORIES:
                out |= {c for c, r in self.rules.items() if r.category == entry}
                continue
            hits = {c for c, r in self.rules.items() if c.startswith(entry.upper()) or r.name == entry}
            if not hits:
                raise ConfigError(f"{where}: unknown rule, prefix or category {entry!r}")
            out |= hits
        return out

    def _select(self, select: Iterable[str], ignore: Iterable[str]) -> set[str]:
        select = tuple(select)
        chosen = self.expand(select, "select") if select else set(self.rules)
        return chosen - self.expand(ignore, "ignore")

    def severity_of(self, code: str) -> str:
        return self.config.severity.get(code, self.rules[code].severity)

    def _path_ignored(self, path: str) -> set[str]:
        ignored: set[str] = set()
        posix = path.replace("\\", "/")
        for glob, entries in self.config.per_path_ignores.items():
            if fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(Path(posix).name, glob):
                ignored |= self.expand(entries, f"per-path-ignores.{glob}")
        return ignored

    # ------------------------------------------------------------ linting

    @cached_property
    def _rule_view(self) -> dict[str, tuple[str, str, str, str]]:
        """(code, name, category, severity) of every rule, as a report shows it."""
        return {code: (code, r.name, r.category, self.severity_of(code)) for code, r in self.rules.items()}

    def lint(self, doc: Document) -> dict[str, Any]:
        stats: dict[str, Any] = {}
        provenance: dict[str, Any] = {"sha256": doc.sha256}
        errors: list[dict[str, str]] = []
        found: list[Finding] = list(self.matcher.scan(doc))
        config = self.config
        options = config.options
        with _TimeBudget(config.timeout) as budget:  # the alarm handler: once per document
            for name, module in self.active_modules:
                opts = Options(options.get(name, _NO_SETTINGS), config, stats, provenance)
                try:
                    budget.start()
                    found.extend(module.check(doc, opts))
                    budget.stop()
                except CheckTimeout:
                    budget.stop()
                    errors.append(
                        {
                            "check": name,
                            "error": f"CheckTimeout: stopped after {config.timeout:g} s "
                            "(check-timeout); its findings for this document are incomplete",
                        }
                    )
                except Exception as exc:  # a crashing check must not stop the run
                    budget.stop()
                    import traceback  # only for a crash (~1.5 ms of imports otherwise paid at start-up)

                    errors.append(
                        {
                            "check": name,
                            "error": f"{type(exc).__name__}: {exc}",
                            "trace": traceback.format_exc(limit=-3),
                        }
                    )
        allowed = self.enabled - self._path_ignored(doc.path) if config.per_path_ignores else self.enabled
        findings = self._finalise(doc, found, allowed)
        stats = {**_basic_stats(doc), **stats}
        report: dict[str, Any] = {
            "path": doc.path,
            "sha256": doc.sha256,
            "score": score(findings),
            "findings": findings,
            "stats": stats,
            "provenance": provenance,
        }
        if errors:
            report["errors"] = errors
        return report

    def _finalise(
        self, doc: Document, found: Iterable[Finding], allowed: set[str]
    ) -> list[dict[str, Any]]:
        text = doc.text
        n = len(text)
        starts = doc.line_starts
        view = self._rule_view
        seen: set[tuple[str, int, int]] = set()
        keyed: list[tuple[tuple[int, int, str], dict[str, Any]]] = []
        for f in found:
            rule = f.rule
            if rule not in allowed:
                continue
            start = f.start
            if not 0 <= start <= n:
                start = max(0, min(start, n))
            end = f.end
            if not start <= end <= n:
                end = max(start, min(end, n))
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            key = (rule, start, end)
            if key in seen:
                continue
            seen.add(key)
            code, name, category, severity = view[rule]
            line = bisect_right(starts, start)
            end_line = bisect_right(starts, end)
            excerpt = text[start:end]
            if len(excerpt) > EXCERPT_MAX:
                excerpt = excerpt[: EXCERPT_MAX - 1] + "…"
            item: dict[str, Any] = {
                "rule": code,
                "name": name,
                "category": category,
                "severity": severity,
                "line": line,
                "column": start - starts[line - 1] + 1,
                "end_line": end_line,
                "end_column": end - starts[end_line - 1] + 1,
                "message": f.message,
                "excerpt": excerpt,
                "offset": start,
                "end_offset": end,
            }
            if f.fix is not None:
                fl, fc = doc.linecol(f.fix.start)
                fel, fec = doc.linecol(f.fix.end)
                item["fix"] = {
                    "offset": f.fix.start,
                    "end_offset": f.fix.end,
                    "line": fl,
                    "column": fc,
                    "end_line": fel,
                    "end_column": fec,
                    "replacement": f.fix.replacement,
                }
            if f.data:
                item["data"] = dict(f.data)
            keyed.append(((start, end, code), item))
        keyed.sort(key=_first)
        return [item for _, item in keyed]


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


class CheckTimeout(Exception):
    """A check ran past its per-document time budget."""


class _TimeBudget:
    """Interrupt a check after ``seconds`` with :class:`CheckTimeout` (SIGALRM, main thread on
    POSIX only; elsewhere the budget is not enforced). The handler is installed for the whole
    document (``with``). ``start`` gives the next check its budget: it re-arms the timer unless
    the timer was armed less than 1 % of the budget ago (a system call around every check cost
    ~2 % of a run; a check still gets at least 99 % of its seconds). ``stop`` only notes that no
    check is running: an alarm between checks is ignored. ``__exit__`` disarms the timer."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = (
            seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )
        self.slack = seconds / 100
        self.armed_at = -math.inf
        self.running = False

    def _fire(self, signum: int, frame: Any) -> None:
        if self.running:
            raise CheckTimeout()

    def __enter__(self) -> _TimeBudget:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
        return self

    def start(self) -> None:
        if self.armed:
            now = time.monotonic()
            if now - self.armed_at > self.slack:
                signal.setitimer(signal.ITIMER_REAL, self.seconds)
                self.armed_at = now
            self.running = True

    def stop(self) -> None:
        self.running = False

    def __exit__(self, *exc: Any) -> None:
        self.running = False
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def _with_source(rule: Rule, source: str) -> Rule:
    if rule.source:
        return rule
    from dataclasses import replace

    return replace(rule, source=source)


def _basic_stats(doc: Document) -> dict[str, Any]:
    return {
        "characters": len(doc.text),
        "words": len(doc.text.split()),
        "lines": len(doc.lines) if doc.text else 0,
        "paragraphs": len(doc.paragraphs),
        "encoding": doc.encoding,
    }


def score(findings: Iterable[Mapping[str, Any]]) -> int:
    """100 minus weighted findings (error 20, warning 6, info 1), each rule counted at most 3 times."""
    per_rule: dict[str, int] = {}
    penalty = 0
    for f in findings:
        count = per_rule.get(f["rule"], 0)
        if count < MAX_PER_RULE:
            penalty += WEIGHTS[f["severity"]]
        per_rule[f["rule"]] = count + 1
    return max(0, 100 - penalty)


__all__ = ["SCHEMA_VERSION", "Engine", "LazyEngine", "at_or_above", "builtin_rules_dir", "fingerprint"]
