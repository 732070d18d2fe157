"""The names every part of doclint shares: categories, severities, the JSON contract's
version, the ``--fail-on`` rule. Kept apart from :mod:`doclint.model` (the dataclasses) so
that a run served from the cache, which needs only these, does not import ``dataclasses``.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "boilerplate",
    "markup",
    "disclosure",
    "residue",
    "contradiction",
    "language",
)
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

SCHEMA_VERSION = 1  # of the JSON contract (doclint/schema/)

# A check whose findings for a document depend on the clock (the contradiction check, with no
# ``today`` configured, judges dates against the day of the run) sets ``doc.cache[DAY_KEY]`` to
# that day (ISO ``YYYY-MM-DD``); the content cache then serves the report on that day only.
DAY_KEY = "day"


def at_or_above(severity: str, fail_on: str) -> bool:
    """Does a finding of ``severity`` fail a run gated at ``fail_on`` ("never": nothing does)?"""
    if fail_on == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


class PackError(ValueError):
    """A rule pack is malformed; the message names the file and the rule."""
