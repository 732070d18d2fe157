"""Content cache: a re-run on an unchanged corpus only reads and hashes.

Key = sha256 of (document bytes hash, display path, sidecar bytes hash, engine
fingerprint). The engine fingerprint covers the doclint version, the source of every
check module and rule pack, and every config setting that changes findings, so a
changed rule or setting never serves a stale report. Entries are files written
atomically under ``.doclint_cache/v4/<2 hex>/<key>.json``: a digest line (see
:func:`digest`: score, finding counts per rule, internal errors; then the report's length
and a CRC-32 of the digest's own fields and the report), then the report as one line of
UTF-8 JSON, served as bytes. An entry whose digest line is not a digest, or whose digest
and report do not have the recorded length and CRC, is a miss (damaged or truncated),
never an error and never served.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doclint.outputs import atomic_write, digest, json_utf8
from doclint.sources import _open_regular_fd, read_head

__all__ = ["Cache", "default_dir", "digest", "key", "to_json_utf8", "clean"]

CACHE_DIR_NAME = ".doclint_cache"
# v3: digest line with per-rule counts and the report's length and CRC-32; v4: the CRC-32
# also covers the digest's fields (a damaged score or severity was served by v3)
_LAYOUT = "v4"
_BODY_FIELD = b',"body":['  # the digest line's last field: [length, CRC-32]
_SEVERITIES = frozenset(("error", "warning", "info"))
_DIGEST_KEYS = frozenset(("score", "counts", "errors", "body"))
_DAY_DIGEST_KEYS = _DIGEST_KEYS | {"day"}


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
        day = value.pop("day", None)
        if day is not None and day != self.today:
            return None  # a report that depends on the day it was made (see put_raw)
        size, crc = value.pop("body")
        fields = head.rfind(_BODY_FIELD)
        if len(body) != size or fields < 0 or zlib.crc32(body, zlib.crc32(head[:fields])) != crc:
            return None
        return value, body

    @property
    def today(self) -> str:
        """Today (ISO), which an entry made on a given day must match (read at each lookup: a
        run that passes midnight does not serve yesterday's entries after it; imported here:
        only entries that carry a day need it)."""
        import datetime

        return datetime.date.today().isoformat()

    def put_raw(self, k: str, summary: dict[str, Any], body: bytes, day: str | None = None) -> None:
        """Store a report given as its digest and its JSON text (:func:`to_json_utf8`).
        ``day``: the report was made with that day as "today" (a check read the clock: see
        :data:`doclint.model.DAY_KEY`); it is served only on that day."""
        if day is not None:
            summary = {**summary, "day": day}
        # the CRC covers the digest's fields as written (the line up to its "body" field) and
        # the report: a damaged score or count is a miss, as a damaged report is
        fields = to_json_utf8(summary)  # an object: it ends with "}"
        crc = zlib.crc32(body, zlib.crc32(fields[:-1]))
        head = b"%s%s%d,%d]}" % (fields[:-1], _BODY_FIELD, len(body), crc)
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
            (self.root / "CACHEDIR.TAG").write_text(_TAG)
            (self.root / ".gitignore").write_text(_IGNORE)


def _sound_digest(value: Any) -> bool:
    """Is ``value`` a digest line as :meth:`Cache.put_raw` writes it? The run totals index every
    field, so a damaged line that is still JSON (``{}``, a count without a rule) is a miss."""
    if type(value) is not dict:
        return False
    keys = value.keys()
    if keys != _DIGEST_KEYS and (keys != _DAY_DIGEST_KEYS or type(value["day"]) is not str):
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


_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# doclint cache; safe to delete\n"
_IGNORE = "*\n"
_LAYOUT_NAME = re.compile(r"v[0-9]+")  # v1, v2, v3: every layout doclint has written
_BUCKET_NAME = re.compile(r"[0-9a-f]{2}")
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
_MARKER_NAME = re.compile(r"[0-9a-f]{64}")
_PARTIAL_NAME = re.compile(r"\.[0-9a-f]{64}(?:\.json)?\.[0-9a-f]{12}\.tmp")  # an interrupted write


@dataclass
class Cleaned:
    """What :func:`clean` did: files removed, and what it left because it is not doclint's."""

    removed: int = 0
    left: list[str] = field(default_factory=list)


def _own_file(path: Path, text: str) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text
    except (OSError, ValueError):
        return False


def clean(root: Path) -> Cleaned | None:
    """Remove doclint's cache entries under ``root``; None when there is no such folder.

    Only what doclint writes is removed, judged by name and by content: entry files
    (``vN/<2 hex>/<64 hex>.json`` starting as doclint writes them), engine markers (empty
    ``vN/engines/<64 hex>``), interrupted writes of either, and the folder's ``CACHEDIR.TAG``
    and ``.gitignore`` when their text is doclint's. Folders are removed once empty, ``root``
    last (a symbolic link to the cache stays). Anything else (a folder given by mistake, a
    project's own ``v4/``, another tool's cache) is left where it is and listed in the result; a
    folder holding nothing of doclint's is refused with ValueError."""
    if not root.exists():
        return None
    if not root.is_dir():
        raise ValueError(f"{root} is not a folder (a doclint cache is one); not removing it")
    done = Cleaned()
    own_tag = _own_file(root / "CACHEDIR.TAG", _TAG)
    found = own_tag

    def unlink(path: Path) -> None:
        try:
            path.unlink()
            done.removed += 1
        except FileNotFoundError:
            pass  # a concurrent run or clean removed it first

    def rmdir(path: Path) -> None:
        try:
            path.rmdir()
        except OSError:
            pass  # not empty (something that is not doclint's, or a run writing now)

    for top in sorted(root.iterdir()):
        if not _LAYOUT_NAME.fullmatch(top.name) or top.is_symlink() or not top.is_dir():
            if top.name not in ("CACHEDIR.TAG", ".gitignore"):
                done.left.append(str(top))
            continue
        for sub in sorted(top.iterdir()):
            names = None
            if sub.is_dir() and not sub.is_symlink():
                names = _ENTRY_NAME if _BUCKET_NAME.fullmatch(sub.name) else (
                    _MARKER_NAME if sub.name == "engines" else None)
            if names is None:
                done.left.append(str(sub))
                continue
            for item in sorted(sub.iterdir()):
                ours = names.fullmatch(item.name) or _PARTIAL_NAME.fullmatch(item.name)
                if ours and _written_by_doclint(item, entry=names is _ENTRY_NAME):
                    unlink(item)
                    found = True
                else:
                    done.left.append(str(item))
            rmdir(sub)
        rmdir(top)
    if not found:
        raise ValueError(f"{root} does not look like a doclint cache (no doclint entries and no "
                         "CACHEDIR.TAG of doclint's in it); not removing anything")
    if not done.left:  # only the tag and .gitignore may be left: doclint's when their text is
        if own_tag:
            unlink(root / "CACHEDIR.TAG")
        if _own_file(root / ".gitignore", _IGNORE):
            unlink(root / ".gitignore")
        if not root.is_symlink():
            rmdir(root)
        # a tag or .gitignore whose text was changed is the user's now: left, and said so
        done.left.extend(str(root / name) for name in ("CACHEDIR.TAG", ".gitignore")
                         if os.path.lexists(root / name))
    return done


# how doclint's entries begin: a digest line (layouts v2 on), or the report itself (v1)
_ENTRY_HEADS = (b'{"score":', b'{"path":')


def _written_by_doclint(path: Path, entry: bool) -> bool:
    """Does the file at ``path``, named as doclint names its entries (``entry``) or engine
    markers, hold what doclint writes there? A link is doclint's only as a link: it is removed,
    never followed. An interrupted write may hold any prefix of an entry, or nothing."""
    if path.is_symlink():
        return False
    try:
        head = read_head(path, 16)  # a FIFO or device is refused, never waited on
    except OSError:
        return False
    partial = path.name.endswith(".tmp")
    if not entry:
        return head == b""
    return any(h.startswith(head) if partial else head.startswith(h) for h in _ENTRY_HEADS)
