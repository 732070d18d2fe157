"""Every example of every rule (YAML packs and Python checks) is a test case."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from doclint.api import engine_for
from doclint.config import parse
from doclint.engine import Engine
from doclint.runner import document_from_bytes

ENGINE = Engine()
CASES = [
    pytest.param(code, i, ex, id=f"{code}-{'fail' if ex.fails else 'pass'}-{i}")
    for code, rule in ENGINE.rules.items()
    for i, ex in enumerate(rule.examples)
]


def test_every_rule_has_fail_and_pass_examples() -> None:
    missing = [
        code
        for code, rule in ENGINE.rules.items()
        if not any(e.fails for e in rule.examples) or not any(not e.fails for e in rule.examples)
    ]
    assert missing == []


def test_rule_codes_and_names_are_unique_and_well_formed() -> None:
    names = [r.name for r in ENGINE.rules.values()]
    assert len(names) == len(set(names))
    prefix = {"boilerplate": "B", "markup": "M", "disclosure": "D", "residue": "R",
              "contradiction": "C", "language": "L"}
    for code, rule in ENGINE.rules.items():
        assert code[0] == prefix[rule.category], code
        assert rule.rationale and rule.message


@pytest.mark.parametrize(("code", "index", "example"), CASES)
def test_rule_example(code: str, index: int, example) -> None:
    rule = ENGINE.rules[code]
    if rule.example_config:
        base = parse(dict(rule.example_config), f"examples of {code}", Path("."))
        engine = Engine(replace(base, select=(code,)))
    else:
        engine = engine_for(select=[code])
    data = example.text.encode("utf-8", "surrogateescape")
    doc = document_from_bytes(data, f"example-{code}-{index}.txt", engine.config.max_bytes)
    report = engine.lint(doc)
    hits = [f for f in report["findings"] if f["rule"] == code]
    if example.fails:
        assert hits, f"{code} should flag: {example.text!r}"
    else:
        assert not hits, f"{code} should not flag {example.text!r}: {hits}"


def test_readme_lists_every_rule() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [code for code in ENGINE.rules if f"| {code} |" not in readme]
    assert missing == [], "run: python tools/rules_table.py --write"
