"""Core value types shared by every check: rules, findings and fixes.

A check yields :class:`Finding` records that hold character offsets into the
document text; line and column numbers are computed once, at output time, by
:class:`doclint.document.Document`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from doclint.contract import (  # re-exported: model is where checks look for them
    CATEGORIES,
    DAY_KEY,
    SCHEMA_VERSION,
    SEVERITIES,
    SEVERITY_RANK,
    PackError,
    at_or_above,
)

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe replacement: characters ``start:end`` of the document become ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect found by one rule, as a half-open character span ``[start, end)``.

    ``data`` carries structured extras a check wants in the report (for example the
    agent and principal of a disclosure); it must be JSON-serialisable.
    """

    rule: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    data: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A rule example: ``text`` must (``fails=True``) or must not trigger the rule."""

    text: str
    fails: bool


@dataclass(frozen=True, slots=True)
class Rule:
    """Everything a user sees about a rule; shared by YAML packs and Python checks."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    rationale: str
    examples: tuple[Example, ...] = ()
    summary: str = ""
    kind: str = "python"
    source: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    # config (doclint.toml keys) under which the examples run, e.g. {"max-bytes": 16}
    example_config: Mapping[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.summary or self.message.replace("{match}", "…")


__all__ = [
    "CATEGORIES", "DAY_KEY", "SCHEMA_VERSION", "SEVERITIES", "SEVERITY_RANK", "Example", "Finding", "Fix",
    "PackError", "Rule", "Severity", "at_or_above",
]
