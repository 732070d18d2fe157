"""The engine and the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.api import lint_text
from doclint.config import Config, ConfigError
from doclint.document import Document
from doclint.engine import Engine, score
from doclint.outputs import envelope

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "doclint" / "schema" / "report-v1.schema.json").read_text()
)
ENGINE = Engine()


def test_document_linecol_roundtrip() -> None:
    doc = Document.from_text("ab\ncd\r\n\nxyz")
    assert doc.linecol(0) == (1, 1)
    assert doc.linecol(3) == (2, 1)
    assert doc.linecol(8) == (4, 1)
    assert [ln.text for ln in doc.lines] == ["ab", "cd", "", "xyz"]
    assert [(p.first_line, p.last_line) for p in doc.paragraphs] == [(1, 2), (4, 4)]


def test_finding_fields_and_positions() -> None:
    text = "Intro line.\n\nThe plan works . p >\nLeave a Comment\n"
    rep = lint_text(text, engine=ENGINE)
    by_rule = {f["rule"]: f for f in rep["findings"]}
    m101 = by_rule["M101"]
    assert (m101["line"], m101["column"], m101["end_line"], m101["end_column"]) == (3, 18, 3, 21)
    assert m101["excerpt"] == "p >"
    assert text[m101["offset"]:m101["end_offset"]] == "p >"
    b101 = by_rule["B101"]
    assert (b101["line"], b101["column"]) == (4, 1)
    assert b101["category"] == "boilerplate" and b101["severity"] == "warning"
    jsonschema.validate(envelope([rep]), SCHEMA)


def test_findings_sorted_and_deduplicated() -> None:
    rep = lint_text("Share\nx &amp; y &amp; z\nShare\n", engine=ENGINE)
    keys = [(f["offset"], f["end_offset"], f["rule"]) for f in rep["findings"]]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_select_ignore_by_code_prefix_name_and_category() -> None:
    eng = Engine(Config(select=("markup",), ignore=("M105", "html-tag")))
    assert all(eng.rules[c].category == "markup" for c in eng.enabled)
    assert "M105" not in eng.enabled and "M103" not in eng.enabled and "M101" in eng.enabled
    assert Engine(Config(select=("B1",))).enabled == {c for c in ENGINE.rules if c.startswith("B1")}


def test_unknown_selection_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'Z999'"):
        Engine(Config(select=("Z999",)))


def test_severity_override_and_per_path_ignores() -> None:
    eng = Engine(Config(severity={"B101": "error"}, per_path_ignores={"legacy/*": ("boilerplate",)}))
    text = "Body.\nLeave a comment\n"
    rep = eng.lint(Document.from_text(text, path="new/a.txt"))
    assert [f["severity"] for f in rep["findings"] if f["rule"] == "B101"] == ["error"]
    rep = eng.lint(Document.from_text(text, path="legacy/a.txt"))
    assert not [f for f in rep["findings"] if f["category"] == "boilerplate"]


def test_score_weights() -> None:
    assert score([]) == 100
    fs = [{"rule": "X", "severity": "warning"}] * 5
    assert score(fs) == 100 - 3 * 6  # at most three findings of one rule count
    assert score([{"rule": f"E{i}", "severity": "error"} for i in range(9)]) == 0


def test_crashing_check_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    eng = Engine()
    name, module = eng.active_modules[0]

    class Boom:
        RULES = module.RULES

        @staticmethod
        def check(doc, options):
            raise RuntimeError("boom")

    eng.active_modules[0] = (name, Boom)
    rep = eng.lint(Document.from_text("Some text.\n"))
    assert rep["errors"][0]["check"] == name
    assert "boom" in rep["errors"][0]["error"]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text_never_crashes_and_spans_are_consistent(text: str) -> None:
    doc = Document.from_text(text)
    rep = ENGINE.lint(doc)
    assert "errors" not in rep, rep.get("errors")
    prev = (-1, -1, "")
    for f in rep["findings"]:
        assert 0 <= f["offset"] <= f["end_offset"] <= len(text)
        assert (f["line"], f["column"]) == doc.linecol(f["offset"])
        assert (f["end_line"], f["end_column"]) == doc.linecol(f["end_offset"])
        key = (f["offset"], f["end_offset"], f["rule"])
        assert key >= prev
        prev = key
    assert ENGINE.lint(Document.from_text(text)) == rep  # deterministic


# ---------------------------------------------------------------- the prebuilt knowledge base

ROOT = Path(__file__).resolve().parent.parent


def _same_knowledge(a, b) -> None:
    """Equal field by field, dictionaries in the same insertion order."""
    assert a == b
    for name in ("sources", "countries", "offices", "people", "series", "events", "alias_index",
                 "qualifier_index", "country_index"):
        assert list(getattr(a, name).items()) == list(getattr(b, name).items()), name
    assert a.terms == b.terms and a.title_words == b.title_words and a.files == b.files


def test_prebuilt_knowledge_file_is_fresh() -> None:
    """rules/data/knowledge-prebuilt.json is what tools/build_knowledge.py writes from
    rules/knowledge/*.yaml."""
    import importlib.util

    from doclint.knowledge import PREBUILT_NAME
    from doclint.lexicon import data_dir

    spec = importlib.util.spec_from_file_location("build_knowledge", ROOT / "tools" / "build_knowledge.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert (data_dir() / PREBUILT_NAME).read_text(encoding="utf-8") == tool.expected(), (
        f"rules/data/{PREBUILT_NAME} is stale: run python tools/build_knowledge.py --write")


def test_default_knowledge_comes_prebuilt_and_equals_a_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from doclint import knowledge

    files = knowledge._files(knowledge.default_knowledge_paths())
    full = knowledge._load(files)
    monkeypatch.setattr(knowledge, "_load", lambda files: pytest.fail("parsed the YAML files"))
    _same_knowledge(knowledge.load_knowledge(), full)


def test_edited_knowledge_files_are_loaded_from_their_yaml(tmp_path: Path) -> None:
    """Files that are not byte for byte the shipped ones (here one more office title) are
    parsed and validated; the same files under other names still come prebuilt."""
    import shutil

    from doclint import knowledge

    copy = tmp_path / "kb"
    shutil.copytree(ROOT / "rules" / "knowledge", copy)
    files = knowledge._files([copy])
    assert knowledge._from_prebuilt(files) is not None
    _same_knowledge(knowledge.load_knowledge([copy]), knowledge._load(files))
    edited = copy / "us.yaml"
    text = edited.read_text(encoding="utf-8")
    assert "titles: [president" in text
    edited.write_text(text.replace("titles: [president", "titles: [chief executive, president", 1), encoding="utf-8")
    assert knowledge._from_prebuilt(files) is None
    kb = knowledge.load_knowledge([copy])
    assert "chief executive" in kb.title_words
    _same_knowledge(kb, knowledge._load(files))


def _lines_reference(text: str) -> list[tuple[int, int, int, str]]:
    """Document.lines as first written: one Python step per line."""
    out, start = [], 0
    for number, raw in enumerate(text.split("\n"), 1):
        length = len(raw)
        if raw.endswith("\r"):
            raw = raw[:-1]
        out.append((number, start, start + len(raw), raw))
        start += length + 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \r\n\u2028é"), max_size=60))
def test_document_lines_match_the_reference(text: str) -> None:
    lines = Document(path="x", text=text).lines
    assert [tuple(ln) for ln in lines] == _lines_reference(text)
    assert all(text[ln.start:ln.end] == ln.text for ln in lines)
