"""Document metadata from a YAML sidecar file or YAML front matter.

For a document ``a/b.txt`` the sidecar is ``a/b.txt.meta.yaml`` or ``a/b.meta.yaml`` (the
more specific name wins when both exist; ``.meta.yml`` is accepted too). Without a sidecar,
YAML front matter -- ``---`` on the very first line, a mapping, a closing ``---`` (or
``...``) line -- is used. When both exist the sidecar wins key by key and front-matter
keys it lacks are kept.

Known keys: url, publisher, published, retrieved, language, license, title, authors.
Unknown keys are kept. Values are made JSON-safe (dates become ISO strings). A sidecar
that cannot be read or parsed is reported in ``error`` (naming the file and the YAML
problem); :func:`read_sidecar` never raises for bad input.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import pathlib
import re
from functools import lru_cache
from typing import Any, NamedTuple

KNOWN_KEYS: tuple[str, ...] = (
    "url",
    "publisher",
    "published",
    "retrieved",
    "language",
    "license",
    "title",
    "authors",
)
MAX_SIDECAR_BYTES = 1_000_000
MAX_FRONT_MATTER_CHARS = 200_000



@lru_cache(maxsize=1)
def _yaml() -> tuple[Any, Any]:
    """(yaml module, loader), imported on the first document with metadata: the C loader is
    much faster when libyaml is available."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FRONT_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_KEY_LINE = re.compile(r"^[ \t]*['\"]?[A-Za-z_][\w .-]*['\"]?[ \t]*:(?:[ \t]|$)")


class SidecarResult(NamedTuple):
    """``meta``: the metadata (``{}`` when none); ``error``: why it could not be read, or None;
    ``source``: ``"sidecar"``, ``"front-matter"`` or None."""

    meta: dict[str, Any]
    error: str | None
    source: str | None


def sidecar_candidates(path: pathlib.Path) -> list[pathlib.Path]:
    """Possible sidecar files for ``path``, most specific first."""
    out: list[pathlib.Path] = []
    for ext in (".meta.yaml", ".meta.yml"):
        out.append(path.with_name(path.name + ext))
    if path.suffix:
        for ext in (".meta.yaml", ".meta.yml"):
            out.append(path.with_name(path.stem + ext))
    return out


def find_sidecar(path: pathlib.Path) -> pathlib.Path | None:
    for cand in sidecar_candidates(path):
        try:
            if cand.is_file():
                return cand
        except OSError:
            continue
    return None


def sidecar_digest(path: pathlib.Path) -> str:
    """Identifies the sidecar of ``path`` and its bytes ("" when there is none): a cache key
    part, so a report is reused only with the same sidecar."""
    try:
        sidecar = find_sidecar(path)
        if sidecar is None:
            return ""
        size = sidecar.stat().st_size
        if size > MAX_SIDECAR_BYTES:
            return f"{sidecar.name}:too-large:{size}"
        return f"{sidecar.name}:{hashlib.sha256(sidecar.read_bytes()).hexdigest()}"
    except (OSError, ValueError) as exc:
        return f"unreadable:{exc}"


def front_matter(text: str) -> tuple[str, int] | None:
    """(yaml_text, body_offset) of the front matter of ``text``, or None.

    Only a block whose first meaningful line looks like ``key:`` counts, so a document
    that merely starts with a ``---`` rule is not mistaken for front matter.
    """
    m = _FRONT_OPEN.match(text)
    if not m:
        return None
    close = _FRONT_CLOSE.search(text, m.end(), min(len(text), MAX_FRONT_MATTER_CHARS))
    if not close:
        return None
    block = text[m.end() : close.start()]
    first = next((ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), None)
    if first is None or not _KEY_LINE.match(first):
        return None
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    return block, end


class _TooComplex(ValueError):
    pass


MAX_NODES = 100_000  # values in one metadata mapping (guards against YAML alias bombs)


def _json_safe(value: Any, budget: list[int], depth: int = 0) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooComplex(f"more than {MAX_NODES} values (YAML aliases?)")
    if depth > 50:
        raise _TooComplex("nested more than 50 levels deep")
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {
            str(_json_safe(k, budget, depth + 1)): _json_safe(v, budget, depth + 1) for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(v, budget, depth + 1) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _yaml_error(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None)
    if mark is not None and problem:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return " ".join(str(exc).split()) or type(exc).__name__


def _parse(yaml_text: str, label: str) -> tuple[dict[str, Any], str | None]:
    yaml, loader = _yaml()
    try:
        data = yaml.load(yaml_text, Loader=loader)
    except yaml.YAMLError as exc:
        return {}, f"{label}: invalid YAML: {_yaml_error(exc)}"
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:  # bad timestamps, deep nesting
        return {}, f"{label}: invalid YAML: {type(exc).__name__}: {exc}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"{label}: expected a mapping of keys to values, got {type(data).__name__}"
    try:
        return _json_safe(data, [MAX_NODES]), None
    except _TooComplex as exc:
        return {}, f"{label}: metadata too complex: {exc}"


def read_sidecar(path: pathlib.Path | str | None, text: str) -> SidecarResult:
    """Metadata for the document at ``path`` whose decoded text is ``text``."""
    fm_meta: dict[str, Any] = {}
    fm_error: str | None = None
    fm = front_matter(text) if text else None
    if fm is not None:
        fm_meta, fm_error = _parse(fm[0], "front matter")

    sidecar: pathlib.Path | None = None
    if path is not None and str(path) not in ("", "-", "<stdin>", "<text>"):
        try:
            sidecar = find_sidecar(pathlib.Path(path))
        except (OSError, ValueError):
            sidecar = None
    if sidecar is not None:
        label = sidecar.name
        error: str | None = None
        meta: dict[str, Any] = {}
        try:
            size = sidecar.stat().st_size
            if size > MAX_SIDECAR_BYTES:
                error = f"{label}: sidecar too large ({size} bytes, limit {MAX_SIDECAR_BYTES})"
            else:
                raw = sidecar.read_bytes()
                try:
                    yaml_text = raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    error = f"{label}: not valid UTF-8 ({exc.reason} at byte {exc.start})"
                else:
                    meta, error = _parse(yaml_text, label)
        except OSError as exc:
            error = f"{label}: cannot read sidecar: {exc.strerror or exc}"
        if error is not None:
            if fm_meta:
                return SidecarResult(fm_meta, error, "front-matter")
            return SidecarResult({}, error, None)
        merged = {**fm_meta, **meta}
        return SidecarResult(merged, fm_error, "sidecar")
    if fm is not None:
        return SidecarResult(fm_meta, fm_error, "front-matter" if fm_error is None or fm_meta else None)
    return SidecarResult({}, None, None)
