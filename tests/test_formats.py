"""CI formats: SARIF 2.1.0 (validated against the official schema), GitHub workflow
commands, JSON Lines and JUnit XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.baseline import fingerprint
from doclint.engine import Engine
from doclint.outputs import sanitize
from doclint.outputs.formats import FORMATTERS, gh_escape_data, gh_escape_property, make_sarif
from doclint.runner import document_from_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))

NASTY_MESSAGE = "first line\nsecond, with: colons % and\r\ncarriage return \x1b[31m"


def _finding(**kw: Any) -> dict[str, Any]:
    base = {
        "rule": "M101",
        "name": "stray-tag-fragment",
        "category": "markup",
        "severity": "warning",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 9,
        "message": "Stray tag fragment h2 >",
        "excerpt": "h2 >",
        "offset": 40,
        "end_offset": 44,
    }
    base.update(kw)
    return base


def _report(path: str, findings: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    rep = {"path": path, "sha256": "0" * 64, "score": 90, "findings": findings, "stats": {}, "provenance": {}}
    rep.update(kw)
    return rep


@pytest.fixture(scope="module")
def seed_reports() -> list[dict[str, Any]]:
    engine = Engine()
    return [
        engine.lint(document_from_bytes(p.read_bytes(), f"seeds/{p.name}"))
        for p in sorted(SEEDS.glob("*.txt"))
    ]


@pytest.fixture
def odd_reports() -> list[dict[str, Any]]:
    return [
        _report(
            "corpus/odd, name: 50%.txt",
            [
                _finding(),
                _finding(
                    rule="B101",
                    name="comment-prompt",
                    category="boilerplate",
                    severity="info",
                    message=NASTY_MESSAGE,
                    excerpt="Leave a \x00comment",
                    offset=50,
                    end_offset=66,
                ),
                _finding(
                    rule="R163",
                    name="blank-lines",
                    category="residue",
                    severity="error",
                    line=9,
                    column=1,
                    end_line=9,
                    end_column=1,
                    excerpt="",
                    offset=90,
                    end_offset=90,
                    fix={
                        "offset": 90,
                        "end_offset": 90,
                        "line": 9,
                        "column": 1,
                        "end_line": 9,
                        "end_column": 1,
                        "replacement": "\n",
                    },
                ),
            ],
        ),
        _report(
            "corpus\\windows\\style.txt",
            [],
            errors=[{"check": "residue", "error": "ValueError: <boom> & \x07"}],
        ),
    ]


# ------------------------------------------------------------------ SARIF


def test_sarif_validates_against_official_schema(
    seed_reports: list[dict[str, Any]], odd_reports: list[dict[str, Any]]
) -> None:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    for reports, errors in (
        (seed_reports, []),
        (odd_reports, ["corpus/missing.txt: file vanished"]),
        ([], []),
    ):
        log = json.loads(FORMATTERS["sarif"](reports, errors))
        problems = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not problems, "\n".join(f"{list(e.path)}: {e.message}" for e in problems[:10])
    # the schema is really enforced: a SARIF level that does not exist is refused
    bad = json.loads(FORMATTERS["sarif"](odd_reports, []))
    bad["runs"][0]["results"][0]["level"] = "info"
    assert list(validator.iter_errors(bad))
    bad = json.loads(FORMATTERS["sarif"](odd_reports, []))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(bad))


def test_sarif_content(odd_reports: list[dict[str, Any]]) -> None:
    log = json.loads(FORMATTERS["sarif"](odd_reports, ["corpus/missing.txt: cannot read"]))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"M101", "B101", "R163"}
    assert rules["B101"]["defaultConfiguration"]["level"] == "note"
    assert rules["M101"]["properties"]["category"] == "markup"
    results = run["results"]
    assert [r["level"] for r in results] == ["warning", "note", "error"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpus/odd,%20name%3A%2050%25.txt"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 9,
        "snippet": {"text": "h2 >"},
    }
    assert results[0]["partialFingerprints"]["doclint/v1"] == fingerprint(
        "corpus/odd, name: 50%.txt", odd_reports[0]["findings"][0]
    )
    assert all(run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert "\x1b" not in json.dumps(log, ensure_ascii=False)
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in inv["toolExecutionNotifications"]]
    assert any("cannot read" in t for t in texts) and any("<boom>" in t for t in texts)
    assert (
        inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "corpus/windows/style.txt"
    )


def test_sarif_with_rule_table(seed_reports: list[dict[str, Any]]) -> None:
    engine = Engine()
    log = make_sarif(seed_reports, [], rules=engine.rules)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == set(engine.rules)
    assert rules["M101"]["fullDescription"]["text"] == sanitize(engine.rules["M101"].rationale)
    assert rules["M101"]["shortDescription"]["text"]


def test_sarif_is_deterministic(seed_reports: list[dict[str, Any]]) -> None:
    assert FORMATTERS["sarif"](seed_reports, []) == FORMATTERS["sarif"](seed_reports, [])


# ------------------------------------------------------------------ GitHub

_GH_LINE = re.compile(
    r"^::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),"
    r"title=([^,:\r\n]*)::([^\r\n]*)$"
)


def _gh_unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_escaping_rules() -> None:
    assert gh_escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert gh_escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert gh_escape_data("x\x1by") == "x\\x1by"  # escape sequences never reach the log


def test_github_lines_well_formed(
    seed_reports: list[dict[str, Any]], odd_reports: list[dict[str, Any]]
) -> None:
    out = FORMATTERS["github"](odd_reports + seed_reports, ["corpus/gone.txt: file vanished"])
    lines = out.splitlines()
    n_findings = sum(len(r["findings"]) for r in odd_reports + seed_reports)
    finding_lines = [ln for ln in lines if _GH_LINE.match(ln)]
    assert len(finding_lines) == n_findings
    first = _GH_LINE.match(finding_lines[0])
    assert first.group(1) == "warning"
    assert _gh_unescape(first.group(2)) == "corpus/odd, name: 50%.txt"
    assert first.group(7) == "M101 stray-tag-fragment"
    nasty = _GH_LINE.match(finding_lines[1])
    assert nasty.group(1) == "notice"
    assert _gh_unescape(nasty.group(8)) == NASTY_MESSAGE.replace("\x1b", "\\x1b")
    assert _GH_LINE.match(finding_lines[2]).group(1) == "error"
    others = [ln for ln in lines if not _GH_LINE.match(ln)]
    assert others == [
        (
            "::error file=corpus/windows/style.txt,title=doclint internal error::"
            "internal error in check residue: ValueError: <boom> & \\x07"
        ),
        "::error title=doclint input error::corpus/gone.txt: file vanished",
    ]
    assert all(ln.startswith("::") for ln in lines)


# ------------------------------------------------------------------ JSON Lines


def test_jsonl_parses_line_by_line(
    seed_reports: list[dict[str, Any]], odd_reports: list[dict[str, Any]]
) -> None:
    reports = odd_reports + seed_reports
    reports[0]["findings"][0]["message"] = "line\u2028separator\u2029and\x85next"
    out = FORMATTERS["jsonl"](reports, ["corpus/gone.txt: file vanished"])
    assert out.endswith("\n")
    records = [json.loads(line) for line in out.splitlines()]  # str.splitlines splits on U+2028 too
    findings = [r for r in records if "rule" in r]
    expected = [(rep["path"], f) for rep in reports for f in rep["findings"]]
    assert len(findings) == len(expected)
    for rec, (path, f) in zip(findings, expected, strict=True):
        assert rec["path"] == path
        assert {k: v for k, v in rec.items() if k != "path"} == f
    errors = [r for r in records if "error" in r]
    assert errors == [
        {
            "path": "corpus\\windows\\style.txt",
            "error": "internal error in check residue: ValueError: <boom> & \x07",
        },
        {"path": None, "error": "corpus/gone.txt: file vanished"},
    ]


# ------------------------------------------------------------------ JUnit


def test_junit_parses_and_counts(
    seed_reports: list[dict[str, Any]], odd_reports: list[dict[str, Any]]
) -> None:
    reports = odd_reports + seed_reports
    out = FORMATTERS["junit"](reports, ["corpus/gone.txt: file vanished"])
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len(reports) + 1
    failing = [f for rep in reports for f in rep["findings"] if f["severity"] in ("warning", "error")]
    assert len(suite.findall("testcase/failure")) == len(failing)
    failed_cases = sum(
        1 for rep in reports if any(f["severity"] in ("warning", "error") for f in rep["findings"])
    )
    assert int(suite.get("failures")) == failed_cases
    assert int(suite.get("tests")) == len(cases)
    assert int(suite.get("errors")) == 2  # one crashed check, one input error
    odd = cases[0]
    assert odd.get("name") == "corpus/odd, name: 50%.txt"
    assert [f.get("type") for f in odd.findall("failure")] == ["M101 warning", "R163 error"]
    info = odd.find("system-out").text
    assert "B101" in info and "\\x00" in info and "\\x1b" in info  # forbidden XML characters escaped
    assert odd.find("failure").get("message").startswith("M101 line 3:")
    crashed = cases[1]
    assert crashed.find("error").get("type") == "internal-error"
    assert "<boom>" in crashed.find("error").text


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_formatters_handle_empty_runs(name: str) -> None:
    out = FORMATTERS[name]([], [])
    assert isinstance(out, str)
    if name == "junit":
        assert ET.fromstring(out.encode()).find("testsuite").get("tests") == "0"
    elif name == "sarif":
        assert json.loads(out)["runs"][0]["results"] == []
    else:
        assert out == ""


_YAML_CHARS = ["\ud800", "\udcff", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x7f", "\t", "\r", "\n", " ",
               "'", '"', ":", "#", "|", "-", "?", "&", "*", "!", "%", "@", "`", "{", "[", ",", "a", "Z", "…", "😀"]
_YAML_WORDS = ["yes", "No", "null", "~", "true", "1e5", "0x1F", "1:20", "2021-01-01", ".inf", "- a", "a: b",
               "a #b", "On", "y", "=", "<<", "Leave a comment"]
_YAML_TEXT = st.one_of(
    st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_YAML_CHARS)), max_size=40),
    st.sampled_from(_YAML_WORDS),
    st.lists(st.sampled_from(_YAML_WORDS + _YAML_CHARS), max_size=8).map("".join),
)
# keys past YAML's 1024-character limit for simple keys are written as explicit "? key" entries
_YAML_KEY = st.one_of(_YAML_TEXT, st.builds(lambda s, n: (s or "k") * n, _YAML_TEXT, st.integers(30, 150)))
_YAML_SCALAR = st.one_of(_YAML_TEXT, st.integers(), st.floats(), st.booleans(), st.none())
_YAML_DATA = st.recursive(
    _YAML_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_YAML_KEY, inner, max_size=4)),
    max_leaves=20,
)


def _same(a: Any, b: Any) -> bool:  # NaN reads back as NaN
    if isinstance(a, float) and isinstance(b, float) and a != a:
        return b != b
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return a == b and type(a) is type(b)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_YAML_KEY, _YAML_DATA, max_size=5))
def test_yaml_report_reads_back_as_written(report: dict) -> None:
    """A per-document YAML report loads back to the same data, whatever its text holds."""
    from doclint.outputs.yaml_report import dump_yaml

    text = dump_yaml(report)
    assert _same(yaml.safe_load(text), report), text
    if not re.search("[\ud800-\udfff]", json.dumps(report, ensure_ascii=False)):  # libyaml: no lone surrogates
        assert _same(yaml.load(text, Loader=yaml.CSafeLoader), report), text


def test_yaml_reports_of_the_seeds_read_back_as_written() -> None:
    from doclint.outputs.yaml_report import dump_yaml

    engine = Engine()
    for path in sorted(SEEDS.glob("*.txt")):
        report = engine.lint(document_from_bytes(path.read_bytes(), str(path)))
        assert yaml.safe_load(dump_yaml(report)) == report


def test_shard_records_are_annotated_on_the_shard_file(seed_reports: list[dict[str, Any]]) -> None:
    """A record's line numbers are the record's: GitHub and SARIF name the shard file (which
    exists in the repository), never ``shard.jsonl#rec0`` (which does not)."""
    rep = next(r for r in seed_reports if r["findings"])
    record = {**rep, "path": "corpus/shard.jsonl#rec0", "shard": "corpus/shard.jsonl", "record": "rec0"}
    gh = FORMATTERS["github"]([record], []).splitlines()
    assert gh and all(line.startswith("::") and "file=corpus/shard.jsonl,title=" in line for line in gh)
    assert all("#rec0" not in line.split("::")[1] and "line=" not in line.split("::")[1] for line in gh)
    f = record["findings"][0]
    assert gh[0].split("::", 2)[2].startswith(f"record rec0, line {f['line']}, column {f['column']}: ")
    log = json.loads(FORMATTERS["sarif"]([record], []))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(record["findings"])
    for res, finding in zip(results, record["findings"], strict=True):
        loc = res["locations"][0]
        assert loc["physicalLocation"] == {"artifactLocation": {"uri": "corpus/shard.jsonl"}}
        assert loc["logicalLocations"] == [{"name": "rec0", "kind": "object"}]
        assert res["properties"]["recordRegion"]["startLine"] == finding["line"]
        assert "fixes" not in res
