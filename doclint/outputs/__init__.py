"""Output formats. Each formatter takes the list of document reports of a run."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import doclint
from doclint.engine import SCHEMA_VERSION

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def sanitize(text: str) -> str:
    """Make untrusted text safe for a terminal: escape sequences and control characters
    (including bidi overrides) are shown as ``\\xNN`` / ``\\uNNNN``, never emitted."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def summarize(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> dict[str, Any]:
    by_sev: Counter[str] = Counter()
    by_cat: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for rep in reports:
        for f in rep["findings"]:
            by_sev[f["severity"]] += 1
            by_cat[f["category"]] += 1
            by_rule[f["rule"]] += 1
    scores = [rep["score"] for rep in reports]
    return {
        "documents": len(reports),
        "findings": sum(by_sev.values()),
        "documents_with_findings": sum(1 for rep in reports if rep["findings"]),
        "by_severity": dict(sorted(by_sev.items())),
        "by_category": dict(sorted(by_cat.items())),
        "by_rule": dict(sorted(by_rule.items())),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "internal_errors": sum(len(rep.get("errors", ())) for rep in reports),
        "input_errors": list(errors),
    }


def envelope(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "doclint_version": doclint.__version__,
        "documents": list(reports),
        "summary": summarize(reports, errors),
    }


def to_json(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> str:
    return json.dumps(envelope(reports, errors), ensure_ascii=False, indent=2) + "\n"


_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def text_lines(reports: Iterable[Mapping[str, Any]], color: bool = False) -> Iterable[str]:
    """``path:line:col: CODE [category] message`` per finding."""
    for rep in reports:
        path = sanitize(rep["path"])
        for f in rep["findings"]:
            msg = sanitize(f["message"])
            if color:
                sev = _COLORS.get(f["severity"], "")
                yield (
                    f"{_BOLD}{path}{_RESET}:{f['line']}:{f['column']}: "
                    f"{sev}{f['rule']}{_RESET} {_DIM}[{f['category']}]{_RESET} {msg}"
                )
            else:
                yield f"{path}:{f['line']}:{f['column']}: {f['rule']} [{f['category']}] {msg}"
        for err in rep.get("errors", ()):
            yield f"{path}: internal error in check {err['check']}: {sanitize(err['error'])}"


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename,
    so a reader (or an interrupted run) never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def safe_join(out: Path, relative: str) -> Path:
    """``out/relative``, refusing anything that would land outside ``out``."""
    parts = [p for p in Path(relative.replace("\\", "/")).parts if p not in ("", ".", "/")]
    if any(p == ".." for p in parts) or Path(relative).is_absolute():
        parts = [p for p in parts if p not in ("..",) and not Path(p).is_absolute()]
    target = (out / Path(*parts)) if parts else out / "_"
    base = out.resolve()
    resolved = target.resolve()
    if resolved != base and base not in resolved.parents:
        raise ValueError(f"report path {relative!r} escapes the output folder")
    return target
