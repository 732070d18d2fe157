"""The CI gate, applied one report at a time: waivers, then a baseline.

Streaming-friendly: waivers that matched nothing and expired waivers are reported at the
end of the run; a baseline splits each report into new findings (kept) and fixed ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from doclint import baseline as baseline_mod
from doclint import waivers as waivers_mod


class Gate:
    def __init__(self, waivers: waivers_mod.Waivers | None, baseline: Mapping[str, Any] | None,
                 today: date | None = None) -> None:
        self.waivers = waivers
        self.baseline = baseline
        self.today = today or date.today()
        self.active = [w for w in waivers.entries if not w.expired(self.today)] if waivers else []
        self.used: set[int] = set()
        self.fixed: list[dict[str, Any]] = []
        self.waived = 0
        self.baselined = 0

    @classmethod
    def from_args(cls, waivers_path: str | None, baseline_path: str | None,
                  config_source: Path | None, cwd: Path | None = None) -> Gate | None:
        path = Path(waivers_path) if waivers_path else waivers_mod.find_default(
            config_source.parent if config_source else (cwd or Path.cwd()))
        waivers = waivers_mod.load(path) if path else None
        base = baseline_mod.load(Path(baseline_path)) if baseline_path else None
        return cls(waivers, base) if (waivers or base) else None

    def filter(self, report: dict[str, Any]) -> dict[str, Any]:
        findings = report["findings"]
        if self.active:
            kept = []
            for f in findings:
                hit = next((w for w in self.active if w.matches(report["path"], f)), None)
                if hit is None:
                    kept.append(f)
                else:
                    self.used.add(hit.index)
                    self.waived += 1
            findings = kept
        report = {**report, "findings": findings}
        if self.baseline is not None:
            (new,), fixed = baseline_mod.apply([report], self.baseline)
            self.baselined += len(findings) - len(new["findings"])
            self.fixed.extend(fixed)
            report = new
        return report

    def messages(self) -> list[str]:
        out: list[str] = []
        if self.waivers is not None:
            for w in self.waivers.entries:
                if w.expired(self.today):
                    out.append(f"{self.waivers.source}: {w.describe()} expired on {w.expires} and no longer "
                               f"waives anything (reason was: {w.reason})")
                elif w.index not in self.used:
                    out.append(f"{self.waivers.source}: {w.describe()} matched no finding; remove it if stale")
        for fx in self.fixed:
            out.append(f"fixed since baseline: {fx['path']}: {fx['rule']} ×{fx['count']} ({fx['fingerprint']})")
        return out
