"""Machine formats for CI: SARIF 2.1.0, GitHub workflow commands, JSON Lines, JUnit XML.

``FORMATTERS[name](reports, errors) -> str``: ``reports`` are document reports of the JSON
contract (README, "JSON contract"), ``errors`` the input errors of the run (strings).
Every formatter is deterministic: the same run gives byte-identical output.

- ``sarif``: one run, ``tool.driver.rules`` built from the findings present (or from a full
  rule table with :func:`make_sarif`), one result per finding; ``columnKind`` is
  ``unicodeCodePoints`` (our columns count code points) and ``endColumn`` is exclusive, as in
  SARIF. ``partialFingerprints["doclint/v1"]`` is the baseline fingerprint
  (:func:`doclint.baseline.fingerprint`), so code scanning tracks a finding across line
  shifts. Input errors and check crashes become ``toolExecutionNotifications``. A shard
  record's result names the shard file, with the record as a logical location and the
  record's own line and column in ``properties`` (``record``, ``recordRegion``).
- ``github``: ``::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE
  name::message`` per finding (info -> notice), escaped per GitHub's rules; input errors and
  check crashes are ``::error`` lines. A shard record's annotation is on the shard file, its
  message starting ``record ID, line L, column C:``.
- ``jsonl``: one JSON object per finding, ``{"path": …, <finding fields>}`` in report order;
  then one ``{"path": …, "error": …}`` object per check crash and ``{"path": null, "error":
  …}`` per input error. Lines with ``"rule"`` are findings; lines with ``"error"`` are errors.
  U+2028/U+2029/U+0085 are escaped so no line splitter breaks a record.
- ``junit``: one ``<testsuite name="doclint">``, one ``<testcase>`` per document
  (``classname`` = the document's folder, ``name`` = its path). Each finding of severity
  warning or error is a ``<failure>`` element (type = rule code); info findings are listed in
  the test case's ``<system-out>`` and do not fail it. A check crash is an ``<error>``; an
  input error is a test case of its own with an ``<error>``. ``failures``/``errors`` on the
  suite count test cases, as JUnit does. Characters XML 1.0 forbids are written as ``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import doclint
from doclint.baseline import fingerprint
from doclint.outputs import json_text, quote_path, sanitize

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
FINGERPRINT_KEY = "doclint/v1"

Formatter = Callable[[Sequence[Mapping[str, Any]], Sequence[str]], str]


# ------------------------------------------------------------------ SARIF


def _uri(path: str) -> str:
    """A document path as a SARIF relative URI reference: forward slashes, percent-encoded
    (':' too, so no first segment reads as a scheme)."""
    posix = path.replace("\\", "/")
    return quote_path(posix, safe="/-._~!$&'()*+,;=@")


def _rule_descriptor(code: str, rule: Any | None, finding: Mapping[str, Any] | None) -> dict[str, Any]:
    if rule is not None:
        name = getattr(rule, "name", code)
        category = getattr(rule, "category", "")
        severity = getattr(rule, "severity", "warning")
        short = (
            getattr(rule, "title", "") or getattr(rule, "summary", "") or getattr(rule, "message", "") or name
        )
        rationale = getattr(rule, "rationale", "")
    else:
        assert finding is not None
        name = str(finding.get("name", code))
        category = str(finding.get("category", ""))
        severity = str(finding.get("severity", "warning"))
        short = f"{name.replace('-', ' ')} ({category})" if category else name.replace("-", " ")
        rationale = ""
    desc: dict[str, Any] = {
        "id": code,
        "name": name,
        "shortDescription": {"text": sanitize(short) or code},
    }
    if rationale:
        desc["fullDescription"] = {"text": sanitize(rationale)}
        desc["help"] = {"text": sanitize(rationale)}
    desc["defaultConfiguration"] = {"level": SARIF_LEVEL.get(severity, "warning")}
    desc["properties"] = {"category": category, "tags": [category] if category else []}
    return desc


def make_sarif(
    reports: Sequence[Mapping[str, Any]],
    errors: Sequence[str] = (),
    rules: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a run as a dict. ``rules`` (code -> :class:`doclint.model.Rule`,
    e.g. ``Engine.rules``) gives full rule metadata (rationale as ``fullDescription``);
    without it the rules are described from the findings present."""
    first: dict[str, Mapping[str, Any]] = {}
    for rep in reports:
        for f in rep["findings"]:
            first.setdefault(f["rule"], f)
    codes = sorted(set(rules or {}) | set(first)) if rules else sorted(first)
    descriptors = [_rule_descriptor(c, (rules or {}).get(c), first.get(c)) for c in codes]
    index = {c: i for i, c in enumerate(codes)}

    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for rep in reports:
        path = rep["path"]
        # a shard record's lines are the record's, not the shard file's: its results name the
        # shard file and the record (a logical location), with the region in the properties
        record = rep.get("record") if isinstance(rep.get("shard"), str) else None
        uri = _uri(rep["shard"] if record is not None else path)
        for f in rep["findings"]:
            region: dict[str, Any] = {
                "startLine": int(f["line"]),
                "startColumn": int(f["column"]),
                "endLine": int(f["end_line"]),
                "endColumn": int(f["end_column"]),
            }
            excerpt = f.get("excerpt")
            if (
                isinstance(excerpt, str)
                and excerpt
                and "offset" in f
                and len(excerpt) == int(f["end_offset"]) - int(f["offset"])
            ):
                region["snippet"] = {"text": excerpt}
            result: dict[str, Any] = {
                "ruleId": f["rule"],
                "ruleIndex": index[f["rule"]],
                "level": SARIF_LEVEL.get(f["severity"], "warning"),
                "message": {"text": sanitize(str(f["message"])) or f["rule"]},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(path, f)},
                "properties": {"category": f.get("category", ""), "name": f.get("name", "")},
            }
            if record is not None:
                result["locations"] = [{
                    "physicalLocation": {"artifactLocation": {"uri": uri}},
                    "logicalLocations": [{"name": str(record), "kind": "object"}],
                }]
                result["properties"].update(record=str(record), recordRegion=region)
            elif isinstance(f.get("fix"), Mapping) and {"line", "column", "end_line", "end_column"} <= set(
                f["fix"]
            ):
                fx = f["fix"]
                result["fixes"] = [
                    {
                        "description": {"text": "doclint safe repair"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "startLine": int(fx["line"]),
                                            "startColumn": int(fx["column"]),
                                            "endLine": int(fx["end_line"]),
                                            "endColumn": int(fx["end_column"]),
                                        },
                                        "insertedContent": {"text": str(fx.get("replacement", ""))},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
        for err in rep.get("errors", ()):
            notifications.append(
                {
                    "level": "error",
                    "message": {
                        "text": sanitize(f"internal error in check {err.get('check')}: {err.get('error')}")
                    },
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
    for err in errors:
        notifications.append({"level": "error", "message": {"text": sanitize(str(err)) or "input error"}})

    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "doclint",
                        "version": doclint.__version__,
                        "semanticVersion": doclint.__version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def to_sarif(
    reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = (), rules: Mapping[str, Any] | None = None
) -> str:
    return json_text(make_sarif(reports, errors, rules), indent=2) + "\n"


# ------------------------------------------------------------------ GitHub workflow commands


def gh_escape_data(text: str) -> str:
    """Escape a workflow-command message (GitHub's ``escapeData``): % CR LF; other control
    characters are shown as ``\\xNN`` so they cannot reach the log."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return sanitize(text)


def gh_escape_property(text: str) -> str:
    """Escape a workflow-command property value (GitHub's ``escapeProperty``): % CR LF : ,"""
    return gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> str:
    lines: list[str] = []
    for rep in reports:
        # a shard record's lines are the record's, not the shard file's: the annotation goes on
        # the shard file, and its message says which record and where in it
        record = rep.get("record") if isinstance(rep.get("shard"), str) else None
        file = gh_escape_property((rep["shard"] if record is not None else rep["path"]).replace("\\", "/"))
        for f in rep["findings"]:
            title = f"{f['rule']} {f.get('name', '')}".strip()
            message = str(f["message"])
            props = [f"file={file}"]
            if record is None:
                props += [
                    f"line={int(f['line'])}",
                    f"col={int(f['column'])}",
                    f"endLine={int(f['end_line'])}",
                    f"endColumn={int(f['end_column'])}",
                ]
            else:
                message = f"record {record}, line {int(f['line'])}, column {int(f['column'])}: {message}"
            props.append(f"title={gh_escape_property(title)}")
            level = GITHUB_LEVEL.get(f["severity"], "warning")
            lines.append(f"::{level} {','.join(props)}::{gh_escape_data(message)}")
        for err in rep.get("errors", ()):
            msg = f"internal error in check {err.get('check')}: {err.get('error')}"
            lines.append(f"::error file={file},title=doclint internal error::{gh_escape_data(msg)}")
    for err in errors:
        lines.append(f"::error title=doclint input error::{gh_escape_data(str(err))}")
    return "".join(line + "\n" for line in lines)


# ------------------------------------------------------------------ JSON Lines

_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def _jsonl(obj: Any) -> str:
    text = json_text(obj, sort_keys=False)
    for ch, esc in _LINE_BREAKERS.items():
        text = text.replace(ch, esc)  # these only ever occur inside JSON strings
    return text


def to_jsonl(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> str:
    out: list[str] = []
    for rep in reports:
        for f in rep["findings"]:
            out.append(_jsonl({"path": rep["path"], **f}))
    for rep in reports:
        for err in rep.get("errors", ()):
            out.append(
                _jsonl(
                    {
                        "path": rep["path"],
                        "error": f"internal error in check {err.get('check')}: {err.get('error')}",
                    }
                )
            )
    for err in errors:
        out.append(_jsonl({"path": None, "error": str(err)}))
    return "".join(line + "\n" for line in out)


# ------------------------------------------------------------------ JUnit XML

_XML_BAD = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids written as ``\\xNN`` / ``\\uNNNN``."""

    def esc(m: re.Match[str]) -> str:
        cp = ord(m.group())
        return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"

    return _XML_BAD.sub(esc, text)


def _failing(severity: str) -> bool:
    return severity in ("warning", "error")


def to_junit(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> str:
    suite = ET.Element("testsuite", {"name": "doclint"})
    n_tests = n_failures = n_errors = 0
    for rep in reports:
        path = rep["path"].replace("\\", "/")
        folder = path.rsplit("/", 1)[0] if "/" in path else "."
        case = ET.SubElement(
            suite, "testcase", {"classname": xml_text(folder), "name": xml_text(path), "time": "0"}
        )
        n_tests += 1
        failed = False
        infos: list[str] = []
        for f in rep["findings"]:
            where = f"{path}:{f['line']}:{f['column']}"
            detail = f"{where}: {f['rule']} {f.get('name', '')} [{f.get('category', '')}] {f['message']}"
            excerpt = str(f.get("excerpt", ""))
            if excerpt:
                detail += f"\n  text: {excerpt}"
            if _failing(f["severity"]):
                failed = True
                el = ET.SubElement(
                    case,
                    "failure",
                    {
                        "message": xml_text(f"{f['rule']} line {f['line']}: {f['message']}"),
                        "type": xml_text(f"{f['rule']} {f['severity']}"),
                    },
                )
                el.text = xml_text(detail)
            else:
                infos.append(detail)
        crashed = False
        for err in rep.get("errors", ()):
            crashed = True
            el = ET.SubElement(
                case,
                "error",
                {
                    "message": xml_text(f"internal error in check {err.get('check')}"),
                    "type": "internal-error",
                },
            )
            el.text = xml_text(f"{err.get('error')}\n{err.get('trace', '')}".rstrip())
        if infos:
            out = ET.SubElement(case, "system-out")
            out.text = xml_text("info findings (not failures):\n" + "\n".join(infos))
        n_failures += failed
        n_errors += crashed
    for err in errors:
        case = ET.SubElement(
            suite, "testcase", {"classname": "doclint", "name": xml_text(str(err)), "time": "0"}
        )
        el = ET.SubElement(case, "error", {"message": xml_text(str(err)), "type": "input-error"})
        el.text = xml_text(str(err))
        n_tests += 1
        n_errors += 1
    suite.set("tests", str(n_tests))
    suite.set("failures", str(n_failures))
    suite.set("errors", str(n_errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    root = ET.Element(
        "testsuites",
        {
            "name": "doclint",
            "tests": str(n_tests),
            "failures": str(n_failures),
            "errors": str(n_errors),
            "time": "0",
        },
    )
    root.append(suite)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATTERS: dict[str, Formatter] = {
    "sarif": lambda reports, errors: to_sarif(reports, errors),
    "github": to_github,
    "jsonl": to_jsonl,
    "junit": to_junit,
}
