"""The temporal knowledge base: shipped content and validation errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from doclint.knowledge import (
    KnowledgeError,
    default_knowledge_paths,
    get_knowledge,
    load_knowledge,
)

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_default_path_is_the_repo_rules_folder():
    (path,) = default_knowledge_paths()
    assert path.name == "knowledge" and path.parent.name in ("rules", "_rules")
    assert path.is_dir()


def test_shipped_knowledge_loads_with_sources(kb):
    assert len(kb.people) >= 150 and len(kb.terms) >= 180 and len(kb.events) >= 100
    for key, src in kb.sources.items():
        assert src["title"] and src["url"].startswith("https://"), key


def test_us_terms_converted_from_executive_yaml(kb):
    trump = [(t.start, t.end) for t in kb.terms_of("trump", "us-president")]
    assert trump == [(D("2017-01-20"), D("2021-01-20")), (D("2025-01-20"), None)]
    assert [(t.start, t.end) for t in kb.terms_of("harris")] == [(D("2021-01-20"), D("2025-01-20"))]
    assert kb.people["biden"].born == D("1942-11-20")
    assert kb.people["bukele"].born == D("1981-07-24")
    # every office of the US from 1989 is covered without gaps
    terms = kb.office_terms("us-president")
    assert terms[0].start == D("1989-01-20")
    assert all(a.end == b.start for a, b in zip(terms, terms[1:], strict=False))


def test_incumbents_are_open_ended_not_invented(kb):
    open_terms = [t for t in kb.terms if t.end is None]
    assert open_terms and all(t.end_status == "incumbent-as-of-compile" for t in open_terms)


def test_central_america_and_g20_coverage(kb):
    countries = {kb.offices[t.office].country for t in kb.terms}
    for c in ("us", "mx", "gt", "sv", "hn", "ni", "cr", "pa", "bz", "ar", "au", "br", "ca", "cn", "fr",
              "de", "in", "id", "it", "jp", "ru", "sa", "za", "kr", "tr", "uk", "eu"):
        assert c in countries, c
    assert [t.holder for t in kb.office_terms("gt-president")][-3:] == ["jimmy-morales", "giammattei", "arevalo"]
    assert kb.events["sv-legislative-election-2021"].start == D("2021-02-28")
    soa = kb.events["soa-2022"]
    assert (soa.start, soa.end) == (D("2022-06-06"), D("2022-06-10"))


@pytest.mark.parametrize(
    "alias, person",
    [("Lula", "lula"), ("AMLO", "amlo"), ("Bolsonaro", "bolsonaro"), ("Xi", "xi-jinping"),
     ("Modi", "modi"), ("Shinzo Abe", "abe"), ("Shinzō Abe", "abe"), ("López Obrador", "amlo"),
     ("Lopez Obrador", "amlo"), ("George W. Bush", "bush-gw"), ("J.D. Vance", "vance")],
)
def test_aliases(kb, alias, person):
    assert person in kb.people_named(alias)


def test_ambiguous_surname_names_everyone(kb):
    assert set(kb.people_named("Bush")) == {"bush-ghw", "bush-gw"}
    assert set(kb.people_named("Lee")) == {"lee-myung-bak", "lee-jae-myung"}


def _write(tmp_path: Path, body: str) -> Path:
    head = "sources:\n  S: {title: Test source, url: https://example.org/}\n"
    path = tmp_path / "kb.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


_BASE = """
countries:
  - {id: xx, name: Freedonia, source: [S]}
offices:
  - {id: xx-president, name: President of Freedonia, country: xx, titles: [president], source: [S]}
people:
  - {id: firefly, name: Rufus Firefly, aliases: [Firefly], born: 1890-01-01, source: [S]}
  - {id: trentino, name: Ambassador Trentino, aliases: [Trentino], source: [S]}
"""


def test_valid_extra_file_loads(tmp_path):
    path = _write(tmp_path, _BASE + "terms:\n  - {office: xx-president, holder: firefly, start: 1933-01-01, end: 1934-01-01, source: [S]}\n")
    kb = load_knowledge([path])
    assert kb.people_named("firefly") == ("firefly",)


@pytest.mark.parametrize(
    "body, problem",
    [
        ("terms:\n  - {office: xx-president, holder: firefly, start: 1933-01-01, end: 1935-01-01, source: [S]}\n"
         "  - {office: xx-president, holder: trentino, start: 1934-06-01, end: 1936-01-01, source: [S]}\n", "overlaps"),
        ("terms:\n  - {office: xx-president, holder: firefly, start: 1935-01-01, end: 1933-01-01, source: [S]}\n", "is not after start"),
        ("terms:\n  - {office: xx-president, holder: groucho, start: 1933-01-01, end: 1934-01-01, source: [S]}\n", "unknown person 'groucho'"),
        ("terms:\n  - {office: xx-president, holder: firefly, start: 1933-01-01, end: 1934-01-01}\n", "missing source"),
        ("terms:\n  - {office: xx-president, holder: firefly, start: 1933-01-01, end: 1934-01-01, source: [NOPE]}\n", "source 'NOPE' is not defined"),
        ("terms:\n  - {office: xx-president, holder: firefly, start: 1933-01-01, end: null, source: [S]}\n"
         "  - {office: xx-president, holder: trentino, start: 1934-01-01, end: 1935-01-01, source: [S]}\n", "overlaps"),
        ("terms:\n  - {office: xx-president, holder: firefly, start: 1933-01-01, end: null, end_status: served, source: [S]}\n", "end: null needs"),
        ("terms:\n  - {office: xx-king, holder: firefly, start: 1933-01-01, end: 1934-01-01, source: [S]}\n", "unknown office"),
        ("events:\n  - {id: e1, start: 1933-02-01, end: 1933-01-01, source: [S]}\n", "is before start"),
    ],
)
def test_validation_errors_name_file_and_entry(tmp_path, body, problem):
    path = _write(tmp_path, _BASE + body)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge([path])
    assert problem in str(err.value)
    assert str(path) in str(err.value)
    assert "[" in err.value.entry  # e.g. "terms[1] (xx-president/trentino@1934-06-01)"


def test_missing_source_on_a_person(tmp_path):
    path = _write(tmp_path, "people:\n  - {id: p, name: Somebody}\n")
    with pytest.raises(KnowledgeError, match=r"people\[0\] \(p\): missing source"):
        load_knowledge([path])


def test_source_needs_title_and_url(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("sources:\n  S: {title: only a title}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="needs a title and a url"):
        load_knowledge([path])


def test_get_knowledge_is_cached_per_paths(tmp_path):
    path = _write(tmp_path, _BASE)
    a = get_knowledge([path])
    assert get_knowledge([path]) is a
    assert "firefly" in a.people and "trump" in a.people
    assert get_knowledge() is get_knowledge() and "firefly" not in get_knowledge().people


# ---------------------------------------------------------------- the shipped parse (_parsed.json)


def test_shipped_parses_are_in_sync_with_the_yaml() -> None:
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.run([sys.executable, "tools/compile_yaml.py"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _yaml_only(monkeypatch) -> None:
    import doclint.parsed_yaml as P

    monkeypatch.setattr(P, "_index", lambda folder: {})


def test_shipped_parse_gives_the_same_knowledge_base_as_yaml(monkeypatch) -> None:
    import dataclasses

    import doclint.knowledge as K

    fast = K.load_knowledge()
    _yaml_only(monkeypatch)
    slow = K.load_knowledge()
    for f in dataclasses.fields(fast):
        assert repr(getattr(fast, f.name)) == repr(getattr(slow, f.name)), f.name


def test_shipped_parse_gives_the_same_rules_as_yaml(monkeypatch) -> None:
    from doclint.engine import Engine

    fast = Engine()
    _yaml_only(monkeypatch)
    slow = Engine()
    assert list(fast.rules) == list(slow.rules)
    assert [repr(r) for r in fast.rules.values()] == [repr(r) for r in slow.rules.values()]


def test_an_edited_yaml_file_is_parsed_as_yaml(tmp_path) -> None:
    import hashlib
    import shutil

    import doclint.knowledge as K
    import doclint.parsed_yaml as P

    folder = tmp_path / "kb"
    shutil.copytree(K.default_knowledge_paths()[0], folder)
    target = sorted(folder.glob("*.yaml"))[0]
    original = P.load_yaml(target)
    target.write_text(target.read_text(encoding="utf-8") + "\nextra_key: 1\n", encoding="utf-8")
    entry = P._index(str(folder))[target.name]
    assert entry["sha256"] != hashlib.sha256(target.read_bytes()).hexdigest()  # the stale entry ...
    edited = P.load_yaml(target)  # ... is not used: the file is read as YAML
    assert edited["extra_key"] == 1 and "extra_key" not in original


def test_each_load_returns_fresh_objects() -> None:
    import doclint.knowledge as K
    import doclint.parsed_yaml as P

    target = sorted(K.default_knowledge_paths()[0].glob("*.yaml"))[0]
    first = P.load_yaml(target)
    first.clear()
    assert P.load_yaml(target)


def test_dates_survive_the_json_round_trip() -> None:
    import datetime as dt
    import json

    from doclint.parsed_yaml import _untag, tag_dates

    value = {"a": dt.date(2020, 2, 29), "b": [dt.datetime(2021, 1, 2, 3, 4, 5)], "c": "2020-01-01", "d": 3}
    back = json.loads(json.dumps(tag_dates(value)), object_hook=_untag)
    assert back == value and type(back["a"]) is dt.date and type(back["c"]) is str
