"""Rule-pack loading and validation: a bad pack names the file and the rule."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from doclint.config import Config
from doclint.document import Document
from doclint.engine import Engine
from doclint.packs import PackError, load_pack
from doclint.shapes import SHAPES

GOOD = """
rules:
  - code: X101
    name: demo-rule
    category: boilerplate
    severity: info
    kind: pattern
    pattern: '{pattern}'
    message: "demo {{match}}"
    rationale: "demo"
    examples:
      fail: ["{fail}"]
      pass: ["nothing here"]
"""


def write(tmp: Path, body: str, name: str = "pack.yaml") -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / name
    path.write_text(body, encoding="utf-8")
    return path


def test_user_pack_is_loaded_and_scanned(tmp_path: Path) -> None:
    write(tmp_path / "packs", GOOD.format(pattern="(?i)lorem ipsum", fail="Lorem ipsum dolor"))
    eng = Engine(Config(packs=(tmp_path / "packs",), select=("X101",)))
    rep = eng.lint(Document.from_text("A\nlorem IPSUM dolor\n"))
    assert [(f["rule"], f["line"], f["column"]) for f in rep["findings"]] == [("X101", 2, 1)]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("rules: [ {code: X1", "YAML error"),
        ("rules:\n  - {code: X101, name: a, kind: pattern, bogus: 1}", "unknown key 'bogus'"),
        (GOOD.format(pattern="(a)\\1", fail="aa"), "back-references"),
        (GOOD.format(pattern="(?<=a)b", fail="ab"), "look-around"),
        (GOOD.format(pattern="(unclosed", fail="x"), "invalid regex"),
        (GOOD.replace("severity: info", "severity: fatal").format(pattern="a", fail="a"), "severity"),
        (GOOD.replace("category: boilerplate", "category: nope").format(pattern="a", fail="a"), "category"),
        (GOOD.replace('      pass: ["nothing here"]\n', "").format(pattern="a", fail="a"), "example"),
    ],
)
def test_bad_pack_errors_name_file_and_rule(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack(path, SHAPES)
    assert str(path) in str(err.value)
    assert needle in str(err.value)


def test_duplicate_code_across_packs_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "p", GOOD.format(pattern="B101", fail="B101").replace("X101", "B101"))
    with pytest.raises(PackError, match="B101"):
        Engine(Config(packs=(tmp_path / "p",)))


def test_catastrophic_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    write(tmp_path / "packs", GOOD.format(pattern="(a+)+$", fail="aaa"))
    eng = Engine(Config(packs=(tmp_path / "packs",), select=("X101",)))
    text = "a" * 50_000 + "b"
    t0 = time.perf_counter()
    eng.lint(Document.from_text(text))
    # Python's re needs ~2^n steps here; RE2 is linear. Generous bound, not a benchmark.
    assert time.perf_counter() - t0 < 5


def test_shape_params_are_validated(tmp_path: Path) -> None:
    body = """
rules:
  - code: X102
    name: shape-demo
    category: boilerplate
    severity: info
    kind: line-shape
    shape: short-line-run
    params: {min_run: 0}
    message: m
    rationale: r
    examples: {fail: ["a"], pass: ["b"]}
"""
    with pytest.raises(PackError, match="min_run"):
        load_pack(write(tmp_path, body), SHAPES)
