"""Waivers: findings a curator has looked at and accepted, with a reason.

``doclint-waivers.yaml`` is a YAML list; each entry::

    - path: "legacy/*.txt"          # glob (fnmatch) on the document path, or on its file name
      rule: M101                    # rule code, rule name, category, or "*" for every rule
      fingerprint: "M101:3f2a9c0d1b7e6a55"   # optional: waive only this finding (see doclint.baseline)
      reason: "HTML fragments are part of the quoted source"   # mandatory, non-empty
      expires: 2026-12-31           # optional ISO date; the waiver holds through that day

An expired waiver no longer waives anything and is reported. A waiver that matched no
finding in the run is reported as unused. An empty file means no waivers.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from doclint.baseline import _FP
from doclint.baseline import fingerprint as _fingerprint

DEFAULT_NAME = "doclint-waivers.yaml"
_KEYS = {"path", "rule", "fingerprint", "reason", "expires"}


@lru_cache(maxsize=1)
def _loader() -> Any:
    """SafeLoader that leaves dates as strings, so a bad date is reported with its entry
    (built on first use: most runs have no waivers file and never import yaml)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


class WaiverError(Exception):
    """A waivers file that cannot be read, or an invalid entry (the message names both)."""


@dataclass(frozen=True, slots=True)
class Waiver:
    index: int  # 1-based position in the file, as shown in messages
    path: str
    rule: str
    reason: str
    fingerprint: str | None = None
    expires: date | None = None

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def fits_path(self, doc_path: str) -> bool:
        posix = doc_path.replace("\\", "/")
        return fnmatch.fnmatchcase(posix, self.path) or fnmatch.fnmatchcase(posix.rsplit("/", 1)[-1], self.path)

    def matches(self, doc_path: str, finding: Mapping[str, Any]) -> bool:
        posix = doc_path.replace("\\", "/")
        if not self.fits_path(posix):
            return False
        if self.rule != "*" and self.rule not in (
            finding.get("rule"),
            finding.get("name"),
            finding.get("category"),
        ):
            return False
        return self.fingerprint is None or _fingerprint(posix, finding) == self.fingerprint

    def describe(self) -> str:
        bits = [f"path={self.path}", f"rule={self.rule}"]
        if self.fingerprint:
            bits.append(f"fingerprint={self.fingerprint}")
        return f"waiver {self.index} ({', '.join(bits)})"


@dataclass(frozen=True, slots=True)
class Waivers:
    source: str
    entries: tuple[Waiver, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def apply(
        self, reports: Sequence[Mapping[str, Any]], today: date
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Reports without the waived findings (copies; score, stats, provenance untouched)
        and messages for expired and unused waivers, in file order."""
        active = [w for w in self.entries if not w.expired(today)]
        used: set[int] = set()
        out: list[dict[str, Any]] = []
        for rep in reports:
            kept = []
            for f in rep["findings"]:
                hit = next((w for w in active if w.matches(rep["path"], f)), None)
                if hit is None:
                    kept.append(f)
                else:
                    used.add(hit.index)
            copy = dict(rep)
            copy["findings"] = kept
            out.append(copy)
        messages: list[str] = []
        for w in self.entries:
            if w.expired(today):
                messages.append(
                    f"{self.source}: {w.describe()} expired on {w.expires.isoformat()} and no longer "  # type: ignore[union-attr]
                    f"waives anything (reason was: {w.reason})"
                )
            elif w.index not in used:
                messages.append(f"{self.source}: {w.describe()} matched no finding; remove it if it is stale")
        return out, messages


def _parse_date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise WaiverError(f"{where}: 'expires' must be an ISO date (YYYY-MM-DD), got {value!r}")


def parse(data: Any, source: str = DEFAULT_NAME) -> Waivers:
    """Validate already-parsed YAML data (a list of mappings, or None for no waivers)."""
    if data is None:
        return Waivers(source)
    if not isinstance(data, list):
        raise WaiverError(f"{source}: a waivers file is a YAML list of entries, got {type(data).__name__}")
    entries: list[Waiver] = []
    for i, item in enumerate(data, start=1):
        where = f"{source}: entry {i}"
        if not isinstance(item, dict):
            raise WaiverError(
                f"{where}: an entry is a mapping with path, rule and reason, got {type(item).__name__}"
            )
        unknown = sorted(str(k) for k in item if k not in _KEYS)
        if unknown:
            raise WaiverError(
                f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_KEYS))})"
            )
        for key in ("path", "rule"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise WaiverError(f"{where}: '{key}' is required and must be a non-empty string")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise WaiverError(f"{where}: 'reason' is mandatory: say why this finding is acceptable")
        fp = item.get("fingerprint")
        if fp is not None and (not isinstance(fp, str) or not _FP.match(fp.strip())):
            raise WaiverError(
                f"{where}: 'fingerprint' must look like 'M101:3f2a9c0d1b7e6a55' (see 'doclint baseline'), got {fp!r}"
            )
        expires = _parse_date(item["expires"], where) if item.get("expires") is not None else None
        entries.append(
            Waiver(
                index=i,
                path=item["path"].strip(),
                rule=item["rule"].strip(),
                reason=reason.strip(),
                fingerprint=fp.strip() if fp else None,
                expires=expires,
            )
        )
    return Waivers(source, tuple(entries))


def load(path: Path) -> Waivers:
    """Read a waivers file. Raises :class:`WaiverError` naming the file (and entry)."""
    from doclint.sources import read_small_text

    path = Path(path)
    try:
        raw = read_small_text(path, 64 << 20)
    except FileNotFoundError:
        raise WaiverError(f"{path}: waivers file not found") from None
    except (OSError, ValueError) as exc:  # also UnicodeDecodeError; a FIFO or device is refused
        raise WaiverError(f"{path}: cannot read waivers file: {getattr(exc, 'strerror', None) or exc}") from None
    import yaml

    try:
        data = yaml.load(raw, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise WaiverError(f"{path}: not valid YAML{at}: {problem}") from None
    except RecursionError:  # the pure-Python loader recurses once per nesting level
        raise WaiverError(f"{path}: not valid YAML: nested too deeply") from None
    return parse(data, str(path))


def find_default(config_dir: Path | None) -> Path | None:
    """``doclint-waivers.yaml`` in ``config_dir`` if it exists (the CLI's default)."""
    if config_dir is None:
        return None
    candidate = Path(config_dir) / DEFAULT_NAME
    return candidate if candidate.is_file() else None
