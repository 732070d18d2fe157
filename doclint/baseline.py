"""Baselines: accept the findings a corpus has today, fail only on new ones.

A baseline file records, per document path, how many findings of each *fingerprint* the
document had. A fingerprint is ``RULE:HASH`` where HASH covers the document path, the rule
and the matched text (the finding's ``excerpt``, casefolded, whitespace collapsed, digits
kept). Line and column numbers are deliberately left out, so a finding keeps its
fingerprint when lines are inserted or removed above it.

Matching is count-aware: if the baseline holds 2 findings of a fingerprint and the document
now has 3, the first 2 (in report order) are accepted and the third is new.

File format (JSON, sorted keys, deterministic)::

    {"version": 1, "doclint_version": "0.1.0",
     "findings": {"corpus/a.txt": {"M101:3f2a9c0d1b7e6a55": 2, ...}, ...}}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from doclint.outputs import json_text

BASELINE_VERSION = 1
_WS = re.compile(r"\s+")
_FP = re.compile(r"^[A-Za-z][A-Za-z0-9]*:[0-9a-f]{16}$")


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a doclint baseline."""


def _norm_path(path: str) -> str:
    return path.replace("\\", "/")


def normalise(text: str) -> str:
    """The matched text as fingerprinted: casefolded, runs of whitespace collapsed to one
    space, stripped. Digits and punctuation are kept."""
    return _WS.sub(" ", text.casefold()).strip()


def fingerprint(path: str, finding: Mapping[str, Any]) -> str:
    """``RULE:HASH`` for one finding of the document at ``path`` (see module doc)."""
    rule = str(finding["rule"])
    key = "\x00".join((_norm_path(path), rule, normalise(str(finding.get("excerpt", "")))))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{rule}:{digest}"


def build(reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The baseline of a run: ``{"version", "doclint_version", "findings": {path: {fp: n}}}``.
    Documents without findings are left out."""
    import doclint

    findings: dict[str, dict[str, int]] = {}
    for rep in reports:
        path = _norm_path(rep["path"])
        counts = findings.setdefault(path, {})
        for f in rep["findings"]:
            fp = fingerprint(path, f)
            counts[fp] = counts.get(fp, 0) + 1
    return {
        "version": BASELINE_VERSION,
        "doclint_version": doclint.__version__,
        "findings": {p: dict(sorted(c.items())) for p, c in sorted(findings.items()) if c},
    }


def dumps(baseline: Mapping[str, Any]) -> str:
    return json_text(baseline, indent=2, sort_keys=True) + "\n"


def write(path: Path, reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Build the baseline of ``reports`` and write it to ``path`` atomically; returns it."""
    from doclint.outputs import atomic_open

    baseline = build(reports)
    with atomic_open(Path(path)) as fh:  # a link written through, a device never replaced
        fh.write(dumps(baseline))
    return baseline


def load(path: Path) -> dict[str, Any]:
    """Read and validate a baseline file. Raises :class:`BaselineError` naming the file."""
    from doclint.sources import read_small_text

    path = Path(path)
    try:
        raw = read_small_text(path, 1 << 30)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with 'doclint baseline')") from None
    except (OSError, ValueError) as exc:  # also UnicodeDecodeError; a FIFO or device is refused
        raise BaselineError(f"{path}: cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from None
    except RecursionError:  # json's decoder recurses once per nested [ or {
        raise BaselineError(f"{path}: not valid JSON: nested too deeply") from None
    return validate(data, str(path))


def validate(data: Any, where: str = "baseline") -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BaselineError(f"{where}: a baseline is a JSON object, got {type(data).__name__}")
    version = data.get("version")
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"{where}: unsupported baseline version {version!r} (this doclint reads version {BASELINE_VERSION})"
        )
    findings = data.get("findings")
    if not isinstance(findings, dict):
        raise BaselineError(f"{where}: 'findings' must be an object of path -> {{fingerprint: count}}")
    for doc_path, counts in findings.items():
        if not isinstance(counts, dict):
            raise BaselineError(
                f"{where}: findings for {doc_path!r} must be an object of fingerprint -> count"
            )
        for fp, n in counts.items():
            if not isinstance(fp, str) or not _FP.match(fp):
                raise BaselineError(
                    f"{where}: {doc_path!r}: malformed fingerprint {fp!r} (expected CODE:16 hex digits)"
                )
            if isinstance(n, bool) or not isinstance(n, int) or n < 1:
                raise BaselineError(
                    f"{where}: {doc_path!r}: count of {fp} must be a positive integer, got {n!r}"
                )
    return data


def apply(
    reports: Sequence[Mapping[str, Any]],
    baseline: Mapping[str, Any],
    *,
    include_unseen: bool = False,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split a run against a baseline.

    Returns ``(new_reports, fixed)``: copies of the reports holding only findings that the
    baseline does not account for (count-aware; score, stats and provenance untouched), and
    ``{"path", "rule", "fingerprint", "count"}`` for every baselined finding no longer found.

    Documents of the baseline that are not in ``reports`` at all (not linted in this run, or
    deleted) are only reported as fixed when ``include_unseen`` is true: a run over part of
    a corpus must not claim the rest was fixed.
    """
    base: Mapping[str, Mapping[str, int]] = baseline.get("findings", {})
    new_reports: list[dict[str, Any]] = []
    fixed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for rep in reports:
        path = _norm_path(rep["path"])
        seen.add(path)
        remaining = dict(base.get(path, {}))
        kept = []
        for f in rep["findings"]:
            fp = fingerprint(path, f)
            if remaining.get(fp, 0) > 0:
                remaining[fp] -= 1
            else:
                kept.append(f)
        copy = dict(rep)
        copy["findings"] = kept
        new_reports.append(copy)
        fixed.extend(_fixed(path, remaining))
    if include_unseen:
        for path in sorted(set(base) - seen):
            fixed.extend(_fixed(path, base[path]))
    return new_reports, fixed


def _fixed(path: str, remaining: Mapping[str, int]) -> list[dict[str, Any]]:
    return [
        {"path": path, "rule": fp.split(":", 1)[0], "fingerprint": fp, "count": n}
        for fp, n in sorted(remaining.items())
        if n > 0
    ]
