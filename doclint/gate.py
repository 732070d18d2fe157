"""The CI gate, applied one report at a time: waivers, then a baseline.

Streaming-friendly: waivers that matched nothing and expired waivers are reported at the
end of the run; a baseline splits each report into new findings (kept) and fixed ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
        self.fits: set[int] = set()  # waivers whose path fits a document of this run
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
        """The report without its waived and baselined findings. A finding both waived and
        in the baseline is neither new nor fixed: the baseline is matched against all the
        findings, the waivers mark theirs."""
        findings = report["findings"]
        for w in self.active:
            if w.index not in self.fits and w.fits_path(report["path"]):
                self.fits.add(w.index)
        waived: set[int] = set()
        for i, f in enumerate(findings) if self.active else ():
            hit = next((w for w in self.active if w.matches(report["path"], f)), None)
            if hit is not None:
                self.used.add(hit.index)
                waived.add(i)
        new_ids = None
        if self.baseline is not None:
            (new,), fixed = baseline_mod.apply([report], self.baseline)
            self.fixed.extend(fixed)
            new_ids = {id(f) for f in new["findings"]}  # apply keeps the finding objects
        kept = [f for i, f in enumerate(findings)
                if i not in waived and (new_ids is None or id(f) in new_ids)]
        self.waived += len(waived)
        self.baselined += len(findings) - len(waived) - len(kept)
        return {**report, "findings": kept}

    def messages(self, selected: Callable[[], set[str]] | None = None) -> list[str]:
        """End-of-run messages. ``selected``: the rule codes this run checked (asked only when
        needed: it may build the engine); a waiver or baseline entry for another rule, or a
        waiver for no document of this run (a pre-commit hook lints a few files), says nothing
        about whether it is stale or fixed."""
        out: list[str] = []
        sel: set[str] | None = None

        def checked(rule: str) -> bool:
            nonlocal sel
            if selected is None:
                return True
            if sel is None:
                sel = selected()
            return rule in sel

        if self.waivers is not None:
            for w in self.waivers.entries:
                if w.expired(self.today):
                    out.append(f"{self.waivers.source}: {w.describe()} expired on {w.expires} and no longer "
                               f"waives anything (reason was: {w.reason})")
                elif w.index not in self.used and self._in_run(w, checked):
                    out.append(f"{self.waivers.source}: {w.describe()} matched no finding; remove it if stale")
        for fx in self.fixed:
            if checked(fx["rule"]):
                out.append(f"fixed since baseline: {fx['path']}: {fx['rule']} ×{fx['count']} ({fx['fingerprint']})")
        return out

    def _in_run(self, w: waivers_mod.Waiver, checked: Callable[[str], bool]) -> bool:
        """Could this run have matched the waiver: a document of the run fits its path, and
        (for a rule code) that rule was checked?"""
        if w.index not in self.fits:
            return False
        return w.rule == "*" or not w.rule[:1].isupper() or checked(w.rule)
