"""Content cache: a re-run on an unchanged corpus only reads and hashes.

Key = sha256 of (document bytes hash, display path, sidecar bytes hash, engine
fingerprint). The engine fingerprint covers the doclint version, the source of every
check module and rule pack, and every config setting that changes findings, so a
changed rule or setting never serves a stale report. Entries are files written
atomically under ``.doclint_cache/v3/<2 hex>/<key>.json``: a digest line (see
:func:`digest`: score, finding counts per rule, internal errors, and the report's length
and CRC-32), then the report as one line of UTF-8 JSON, served as bytes. An entry whose
digest line is not a digest, or whose report does not have the recorded length and CRC,
is a miss (damaged or truncated), never an error and never served.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

from doclint.outputs import atomic_write, digest, json_utf8
from doclint.sources import _open_regular_fd

__all__ = ["Cache", "default_dir", "digest", "key", "to_json_utf8", "clean"]

CACHE_DIR_NAME = ".doclint_cache"
_LAYOUT = "v3"  # v3: digest line with per-rule counts and the report's length and CRC-32
_SEVERITIES = frozenset(("error", "warning", "info"))


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

    def get_raw(self, k: str) -> tuple[dict[str, Any], bytes] | None:
        """The cached report's digest (see :func:`digest`) and the report's JSON text as UTF-8
        bytes (written as is by ``--format json``); the report itself is not parsed."""
        try:
            fd, size = _open_regular_fd(self._path(k))
        except OSError:
            return None
        try:  # one read: an entry cut short here fails its length check below, a miss
            data = os.read(fd, size + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        head, sep, body = data.partition(b"\n")
        if not sep:
            return None
        try:
            value = json.loads(head)
        except ValueError:  # also UnicodeDecodeError
            return None
        if not _sound_digest(value):
            return None  # a damaged or truncated entry is a miss, never an error
        size, crc = value.pop("body")
        if len(body) != size or zlib.crc32(body) != crc:
            return None
        return value, body

    def put(self, k: str, report: dict[str, Any]) -> None:
        self.put_raw(k, digest(report), to_json_utf8(report))

    def put_raw(self, k: str, summary: dict[str, Any], body: bytes) -> None:
        """Store a report given as its digest and its JSON text (:func:`to_json_utf8`)."""
        head = to_json_utf8({**summary, "body": [len(body), zlib.crc32(body)]})
        try:
            self._ensure_root()
            atomic_write(Path(self._path(k)), b"%s\n%s" % (head, body), durable=False)
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


def _sound_digest(value: Any) -> bool:
    """Is ``value`` a digest line as :meth:`Cache.put_raw` writes it? The run totals index every
    field, so a damaged line that is still JSON (``{}``, a count without a rule) is a miss."""
    if type(value) is not dict or value.keys() != {"score", "counts", "errors", "body"}:
        return False
    counts, errors, body = value["counts"], value["errors"], value["body"]
    return (
        type(value["score"]) in (int, float)
        and type(errors) is int and errors >= 0
        and type(body) is list and len(body) == 2
        and type(body[0]) is int and type(body[1]) is int
        and type(counts) is list
        and all(
            type(c) is list and len(c) == 4
            and type(c[0]) is str and type(c[1]) is str and c[1] in _SEVERITIES and type(c[2]) is str
            and type(c[3]) is int and c[3] > 0
            for c in counts
        )
    )


def to_json_utf8(value: Any) -> bytes:
    """Compact one-line JSON in UTF-8, as the cache stores reports and ``--format json`` writes
    them (see :func:`doclint.outputs.json_text` for lone surrogates)."""
    return json_utf8(value, separators=(",", ":"))


def clean(root: Path) -> bool:
    """Remove the cache folder; True when something was removed."""
    if not root.exists():
        return False
    if not (root / "CACHEDIR.TAG").exists() and not (root / _LAYOUT).exists():
        raise ValueError(f"{root} does not look like a doclint cache; not removing it")
    import shutil

    shutil.rmtree(root)
    return True
