"""Content cache: a re-run on an unchanged corpus only reads and hashes.

Key = sha256 of (document bytes hash, display path, sidecar bytes hash, engine
fingerprint). The engine fingerprint covers the doclint version, the source of every
check module and rule pack, and every config setting that changes findings, so a
changed rule or setting never serves a stale report. Entries are JSON files written
atomically under ``.doclint_cache/v2/<2 hex>/<key>.json``: a digest line (score, each
finding's severity, category and rule) then the report as one line of JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from doclint.outputs import atomic_write, json_text

CACHE_DIR_NAME = ".doclint_cache"
_LAYOUT = "v2"  # v2: a digest line, then the report


def default_dir() -> Path:
    return Path(os.environ.get("DOCLINT_CACHE_DIR", CACHE_DIR_NAME))


def key(content_sha: str, path: str, sidecar_sha: str, engine_fp: str) -> str:
    raw = "\0".join((content_sha, path, sidecar_sha, engine_fp))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root / _LAYOUT
        self._base_str = str(self.base)

    def _path(self, k: str) -> str:  # a string: no pathlib on the hot (read) path
        return os.path.join(self._base_str, k[:2], k + ".json")

    def get(self, k: str) -> dict[str, Any] | None:
        hit = self.get_raw(k)
        if hit is None:
            return None
        try:
            value = json.loads(hit[1])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def get_raw(self, k: str) -> tuple[dict[str, Any], str] | None:
        """The cached report's digest (see :func:`digest`) and the report's JSON text (written
        as is by ``--format json``); the report itself is not parsed."""
        try:
            with open(self._path(k), encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            return None
        head, sep, raw = text.partition("\n")
        if not sep or not raw.startswith("{") or not raw.endswith("}"):
            return None  # a damaged or truncated entry is a miss, never an error
        try:
            value = json.loads(head)
        except ValueError:
            return None
        return (value, raw) if _sound_digest(value) else None

    def put(self, k: str, report: dict[str, Any]) -> None:
        self.put_raw(k, digest(report), to_json(report))

    def put_raw(self, k: str, summary: dict[str, Any], body: str) -> None:
        """Store a report given as its digest and its JSON text (see :func:`to_json`)."""
        try:
            self._ensure_root()
            atomic_write(Path(self._path(k)), f"{to_json(summary)}\n{body}", durable=False)
        except OSError:
            pass  # a read-only or full disk only costs speed

    # An engine marker says an engine with this fingerprint was built without error (its
    # configuration and rule packs are valid), so a later run may build one only on a miss.
    def _marker(self, fingerprint: str) -> Path:
        return self.base / "engines" / fingerprint

    def engine_known(self, fingerprint: str) -> bool:
        return self._marker(fingerprint).is_file()

    def mark_engine(self, fingerprint: str) -> None:
        marker = self._marker(fingerprint)
        if marker.is_file():
            return
        try:
            self._ensure_root()
            atomic_write(marker, "", durable=False)
        except OSError:
            pass

    def _ensure_root(self) -> None:
        if not self.root.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# doclint cache; safe to delete\n"
            )
            (self.root / ".gitignore").write_text("*\n")


_SEVERITIES = frozenset(("error", "warning", "info"))


def _sound_digest(value: Any) -> bool:
    """Is ``value`` a digest as :func:`digest` writes it? The run totals index every field, so
    a damaged digest line that is still JSON (``{}``, a finding without a rule) is a miss."""
    if not isinstance(value, dict):
        return False
    findings, errors = value.get("findings"), value.get("errors")
    return (
        type(value.get("score")) in (int, float)
        and type(findings) is list
        and type(errors) is list
        and all(
            type(f) is dict and f.get("severity") in _SEVERITIES
            and type(f.get("category")) is str and type(f.get("rule")) is str
            for f in findings
        )
    )


def to_json(value: Any) -> str:
    """Compact one-line JSON, as the cache stores reports and ``--format json`` writes them."""
    return json_text(value, separators=(",", ":"))


def digest(report: dict[str, Any]) -> dict[str, Any]:
    """What the run totals and ``--fail-on`` read from a report, without the rest of it."""
    return {
        "score": report["score"],
        "findings": [{"severity": f["severity"], "category": f["category"], "rule": f["rule"]}
                     for f in report["findings"]],
        "errors": [{} for _ in report.get("errors", ())],
    }


def clean(root: Path) -> bool:
    """Remove the cache folder; True when something was removed."""
    if not root.exists():
        return False
    if not (root / "CACHEDIR.TAG").exists() and not (root / _LAYOUT).exists():
        raise ValueError(f"{root} does not look like a doclint cache; not removing it")
    shutil.rmtree(root)
    return True
