"""Waivers: accepted findings with a reason, optional fingerprint and expiry date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from doclint import waivers
from doclint.baseline import fingerprint
from doclint.waivers import WaiverError

TODAY = date(2026, 6, 1)


def _f(rule: str, excerpt: str, category: str = "markup", name: str = "stray-tag-fragment") -> dict[str, Any]:
    return {
        "rule": rule,
        "name": name,
        "category": category,
        "severity": "warning",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 1 + len(excerpt),
        "message": f"{rule}: {excerpt}",
        "excerpt": excerpt,
    }


def _reports() -> list[dict[str, Any]]:
    return [
        {
            "path": "corpus/legacy/old.txt",
            "score": 70,
            "findings": [
                _f("M101", "p >"),
                _f("M101", "h2 >"),
                _f("B101", "Leave a Comment", "boilerplate", "comment-prompt"),
            ],
        },
        {
            "path": "corpus/new.txt",
            "score": 88,
            "findings": [_f("M101", "p >"), _f("R111", ",", "residue", "missing-space")],
        },
    ]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doclint-waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _rules(reports: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {r["path"]: [f["rule"] + " " + f["excerpt"] for f in r["findings"]] for r in reports}


def test_waive_by_glob_rule_name_category_and_fingerprint(tmp_path: Path) -> None:
    fp = fingerprint("corpus/new.txt", _f("R111", ","))
    path = _write(
        tmp_path,
        f"""
- path: "corpus/legacy/*"
  rule: M101
  reason: quoted HTML is part of the archived page
- path: "*.txt"
  rule: comment-prompt
  reason: kept on purpose
- path: new.txt          # a bare file name matches in any folder
  rule: R111
  fingerprint: "{fp}"
  reason: this comma is in a quoted product name
  expires: 2026-12-31
""",
    )
    loaded = waivers.load(path)
    assert len(loaded) == 3
    out, messages = loaded.apply(_reports(), TODAY)
    assert _rules(out) == {"corpus/legacy/old.txt": [], "corpus/new.txt": ["M101 p >"]}
    assert messages == []
    # the input reports are untouched
    assert len(_reports()[0]["findings"]) == 3
    # a category waives every rule of it
    out, _ = waivers.parse([{"path": "*", "rule": "markup", "reason": "r"}]).apply(_reports(), TODAY)
    assert _rules(out)["corpus/new.txt"] == ["R111 ,"]


def test_fingerprint_waives_only_that_finding(tmp_path: Path) -> None:
    fp = fingerprint("corpus/legacy/old.txt", _f("M101", "h2 >"))
    loaded = waivers.parse(
        [{"path": "corpus/legacy/old.txt", "rule": "M101", "fingerprint": fp, "reason": "ok"}]
    )
    out, messages = loaded.apply(_reports(), TODAY)
    assert _rules(out)["corpus/legacy/old.txt"] == ["M101 p >", "B101 Leave a Comment"]
    assert messages == []


def test_expired_and_unused_waivers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
- {path: "corpus/legacy/*", rule: M101, reason: until the migration, expires: 2026-05-31}
- {path: "corpus/legacy/*", rule: B101, reason: still valid today, expires: "2026-06-01"}
- {path: "nothing/*", rule: M101, reason: stale}
""",
    )
    out, messages = waivers.load(path).apply(_reports(), TODAY)
    # the expired waiver no longer waives; the one expiring today still does
    assert _rules(out)["corpus/legacy/old.txt"] == ["M101 p >", "M101 h2 >"]
    assert len(messages) == 2
    assert "waiver 1" in messages[0] and "expired on 2026-05-31" in messages[0] and str(path) in messages[0]
    assert "waiver 3" in messages[1] and "matched no finding" in messages[1]
    _, later = waivers.load(path).apply(_reports(), date(2026, 6, 2))
    assert [m.split(" ", 3)[1:3] for m in later] == [["waiver", "1"], ["waiver", "2"], ["waiver", "3"]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {path: a, rule: M101}\n", "entry 1: 'reason' is mandatory"),
        (
            "- {path: a, rule: M101, reason: ok}\n- {path: a, rule: M101, reason: '  '}\n",
            "entry 2: 'reason' is mandatory",
        ),
        (
            "- {path: a, rule: M101, reason: ok, expires: 2026-13-01}\n",
            "entry 1: 'expires' must be an ISO date",
        ),
        ("- {path: a, rule: M101, reason: ok, expires: soon}\n", "entry 1: 'expires' must be an ISO date"),
        ("- {path: a, rule: M101, reason: ok, until: 2026-01-01}\n", "entry 1: unknown key(s) until"),
        ("- {path: a, reason: ok}\n", "entry 1: 'rule' is required"),
        ("- {rule: M101, reason: ok}\n", "entry 1: 'path' is required"),
        ("- {path: a, rule: M101, reason: ok, fingerprint: abc}\n", "entry 1: 'fingerprint' must look like"),
        ("- just a string\n", "entry 1: an entry is a mapping"),
        ("path: a\nrule: M101\n", "a waivers file is a YAML list"),
        ("- {path: a, rule: M101, reason: [unclosed\n", "not valid YAML (line"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),  # RecursionError: a traceback
    ],
)
def test_invalid_waivers_name_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(WaiverError) as info:
        waivers.load(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    assert len(waivers.load(_write(tmp_path, "# no waivers yet\n"))) == 0
    with pytest.raises(WaiverError, match="not found"):
        waivers.load(tmp_path / "absent.yaml")
    assert waivers.find_default(tmp_path) == tmp_path / "doclint-waivers.yaml"
    assert waivers.find_default(tmp_path / "elsewhere") is None


def test_cli_knows_the_default_waivers_file_name() -> None:
    from doclint import cli

    assert cli.WAIVERS_NAME == waivers.DEFAULT_NAME
