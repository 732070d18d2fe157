"""The shipped YAML (rule packs, knowledge base), loaded from its JSON parse when unchanged.

libyaml needs ~40 ms (plus ~10 ms to import PyYAML) for the packs and the knowledge base that
every process loads; JSON needs a few. Each folder of shipped YAML holds ``_parsed.json``
(written by ``python tools/compile_yaml.py --write``, checked by the tests): for each file, the
SHA-256 of its bytes and its parse as JSON, dates tagged so that they come back as dates.
:func:`load_yaml` returns that parse when the file's hash matches -- the same Python values
libyaml gives -- and otherwise parses the YAML (an edited file, a user's pack).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

PARSED_NAME = "_parsed.json"


class YamlError(ValueError):
    """A file is not valid YAML; the message says where."""


def load_yaml(path: Path) -> Any:
    """The parsed YAML of ``path``. Raises OSError / UnicodeDecodeError when it cannot be
    read and :class:`YamlError` when it is not YAML."""
    raw = path.read_bytes()
    entry = _index(str(path.parent)).get(path.name)
    if isinstance(entry, dict) and entry.get("sha256") == hashlib.sha256(raw).hexdigest():
        return json.loads(entry["json"], object_hook=_untag)  # fresh objects for every caller
    return _parse_yaml(raw.decode("utf-8"))


def _parse_yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise YamlError(" ".join(str(exc).split())) from None


@lru_cache(maxsize=16)
def _index(folder: str) -> dict[str, Any]:
    try:
        with open(Path(folder) / PARSED_NAME, encoding="utf-8") as fh:
            value = json.load(fh)
    except (OSError, ValueError):
        return {}
    if not isinstance(value, dict) or value.get("version") != 2 or not isinstance(value.get("files"), dict):
        return {}
    return value["files"]


def _untag(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "__date__" in obj:
            return _dt.date.fromisoformat(obj["__date__"])
        if "__datetime__" in obj:
            return _dt.datetime.fromisoformat(obj["__datetime__"])
    return obj


def tag_dates(value: Any) -> Any:
    """``value`` (parsed YAML) with dates as ``{"__date__": ...}``, for JSON."""
    if isinstance(value, _dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, dict):
        return {k: tag_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tag_dates(v) for v in value]
    return value


def compile_parsed(folder: Path) -> str:
    """The ``_parsed.json`` text for the ``*.yaml`` files of ``folder`` (key order kept)."""
    files = {}
    for f in sorted(folder.glob("*.yaml")):
        raw = f.read_bytes()
        data = _parse_yaml(raw.decode("utf-8"))
        files[f.name] = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "json": json.dumps(tag_dates(data), ensure_ascii=False, separators=(",", ":")),
        }
    return json.dumps({"version": 2, "files": files}, ensure_ascii=False, indent=1) + "\n"
