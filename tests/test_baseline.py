"""Baselines: fingerprints that survive line shifts, count-aware matching, fixed findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doclint import baseline
from doclint.baseline import BaselineError, fingerprint
from doclint.engine import Engine
from doclint.runner import document_from_bytes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEFECTIVE = (
    "Breaking: Council approves budget\n"
    "The council approved the budget on Monday , after a long debate.p >\n"
    "Leave a Comment\n"
    "Subscribe to our newsletter\n"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def lint(engine: Engine, text: str, path: str) -> dict[str, Any]:
    return engine.lint(document_from_bytes(text.encode("utf-8"), path))


@pytest.fixture(scope="module")
def corpus(engine: Engine) -> dict[str, str]:
    return {f"corpus/{p.name}": p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def run(engine: Engine, corpus: dict[str, str]) -> list[dict[str, Any]]:
    return [lint(engine, text, path) for path, text in corpus.items()]


def test_fingerprint_normalises_matched_text() -> None:
    f = {"rule": "B101", "excerpt": "Leave a   Comment\n"}
    assert fingerprint("a.txt", f) == fingerprint("a.txt", {"rule": "B101", "excerpt": "leave a comment"})
    assert fingerprint("a.txt", f) != fingerprint("b.txt", f)
    assert fingerprint("a.txt", f) != fingerprint("a.txt", {"rule": "B102", "excerpt": "Leave a Comment"})
    # digits are kept: a different number is a different finding
    assert fingerprint("a.txt", {"rule": "R1", "excerpt": "page 1"}) != fingerprint(
        "a.txt", {"rule": "R1", "excerpt": "page 2"}
    )
    # positions play no part
    moved = dict(f, line=40, column=3, offset=900, end_offset=915, message="Comment prompt (line 40)")
    assert fingerprint("a.txt", moved) == fingerprint("a.txt", f)
    assert fingerprint("dir\\a.txt", f) == fingerprint("dir/a.txt", f)
    assert fingerprint("a.txt", f).startswith("B101:")


def test_fingerprints_survive_inserted_lines(engine: Engine, corpus: dict[str, str]) -> None:
    reports = run(engine, corpus)
    base = baseline.build(reports)
    shifted = {}
    for path, text in corpus.items():
        lines = text.split("\n")
        shifted[path] = "\n".join(
            lines[:1] + ["Editor's note: this article was updated.", "It was reviewed twice."] + lines[1:]
        )
    moved = run(engine, shifted)
    # the findings really moved down ...
    assert [f["line"] for f in moved[4]["findings"]][-1] > [f["line"] for f in reports[4]["findings"]][-1]
    new, fixed = baseline.apply(moved, base)
    # ... and every one of them is still recognised
    assert [f for r in new for f in r["findings"]] == []
    assert fixed == []


def test_new_defective_document_is_the_only_news(engine: Engine, corpus: dict[str, str]) -> None:
    base = baseline.build(run(engine, corpus))
    grown = dict(corpus)
    grown["corpus/zz_new.txt"] = DEFECTIVE
    reports = run(engine, grown)
    new, fixed = baseline.apply(reports, base)
    assert fixed == []
    with_news = {r["path"]: r["findings"] for r in new if r["findings"]}
    assert list(with_news) == ["corpus/zz_new.txt"]
    assert with_news["corpus/zz_new.txt"] == reports[-1]["findings"]
    assert {f["rule"] for f in with_news["corpus/zz_new.txt"]} >= {"B101", "B104"}
    # the reports keep everything else
    assert [r["score"] for r in new] == [r["score"] for r in reports]


def test_fixed_findings_are_reported(engine: Engine, corpus: dict[str, str]) -> None:
    base = baseline.build(run(engine, corpus))
    repaired = dict(corpus)
    path = "corpus/004_ab6bc7f22a2a0a31.txt"
    assert repaired[path].count(" strong >") == 1
    repaired[path] = repaired[path].replace(" strong >", "")
    new, fixed = baseline.apply(run(engine, repaired), base)
    m101 = [fx for fx in fixed if fx["rule"] == "M101"]
    assert len(m101) == 1
    assert m101[0]["path"] == path and m101[0]["count"] == 1
    assert m101[0]["fingerprint"] == fingerprint(path, {"rule": "M101", "excerpt": "strong >"})
    assert all(f["rule"] != "M101" for r in new for f in r["findings"])


def _rep(path: str, n: int, excerpt: str = "p >") -> dict[str, Any]:
    findings = [
        {
            "rule": "M101",
            "excerpt": excerpt,
            "line": 1 + i,
            "column": 1,
            "end_line": 1 + i,
            "end_column": 4,
            "severity": "warning",
            "category": "markup",
            "name": "stray-tag-fragment",
            "message": "m",
        }
        for i in range(n)
    ]
    return {"path": path, "findings": findings, "score": 100}


def test_matching_is_count_aware() -> None:
    base = baseline.build([_rep("a.txt", 2)])
    fp = fingerprint("a.txt", {"rule": "M101", "excerpt": "p >"})
    assert base["findings"] == {"a.txt": {fp: 2}}
    new, fixed = baseline.apply([_rep("a.txt", 3)], base)
    assert len(new[0]["findings"]) == 1 and new[0]["findings"][0]["line"] == 3  # the third is new
    assert fixed == []
    new, fixed = baseline.apply([_rep("a.txt", 1)], base)
    assert new[0]["findings"] == []
    assert fixed == [{"path": "a.txt", "rule": "M101", "fingerprint": fp, "count": 1}]
    new, fixed = baseline.apply([_rep("a.txt", 2)], base)
    assert new[0]["findings"] == [] and fixed == []


def test_documents_missing_from_the_run(tmp_path: Path) -> None:
    base = baseline.build([_rep("a.txt", 1), _rep("b.txt", 2)])
    _, fixed = baseline.apply([_rep("a.txt", 1)], base)
    assert fixed == []  # b.txt was not linted: nothing is claimed about it
    _, fixed = baseline.apply([_rep("a.txt", 1)], base, include_unseen=True)
    assert [(f["path"], f["count"]) for f in fixed] == [("b.txt", 2)]


def test_write_and_load_roundtrip(tmp_path: Path) -> None:
    target = tmp_path / "sub" / ".doclint-baseline.json"
    reports = [_rep("b.txt", 1, "h2 >"), _rep("a.txt", 2), _rep("clean.txt", 0)]
    written = baseline.write(target, reports)
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == written == baseline.load(target)
    assert list(written["findings"]) == ["a.txt", "b.txt"]  # sorted, clean documents left out
    assert written["version"] == 1 and written["doclint_version"]
    baseline.write(target, list(reversed(reports)))
    assert target.read_text(encoding="utf-8") == text  # deterministic
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "a baseline is a JSON object"),
        ('{"version": 2, "findings": {}}', "unsupported baseline version 2"),
        ('{"version": 1}', "'findings' must be an object"),
        ('{"version": 1, "findings": {"a.txt": []}}', "findings for 'a.txt'"),
        ('{"version": 1, "findings": {"a.txt": {"nonsense": 1}}}', "malformed fingerprint 'nonsense'"),
        ('{"version": 1, "findings": {"a.txt": {"M101:0123456789abcdef": 0}}}', "positive integer"),
        ('{"version": 1, "findings": {"a.txt": {"M101:0123456789abcdef": true}}}', "positive integer"),
        ("[" * 100_000, "nested too deeply"),  # RecursionError: a traceback
    ],
)
def test_malformed_baselines(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "base.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        baseline.load(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="not found"):
        baseline.load(tmp_path / "nope.json")


def test_gate_messages_speak_only_of_what_the_run_checked(tmp_path: Path, capsys) -> None:
    """`--baseline B --select B104` listed every baselined finding of other rules as "fixed
    since baseline"; a finding both waived and baselined was "fixed"; a waiver for a file the
    run did not lint (a pre-commit hook's few files) was called stale."""
    from doclint.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Story text here.\n\nLeave a Comment\n\nx &amp; y\n")
    (docs / "b.txt").write_text("Other story.\n\nLeave a Comment\n")
    base = tmp_path / "base.json"
    assert main(["baseline", str(docs), "-o", str(base), "--isolated", "--no-cache"]) == 0
    capsys.readouterr()
    assert main(["check", str(docs), "--baseline", str(base), "--select", "M", "--isolated", "--no-cache"]) == 0
    assert "fixed since baseline" not in capsys.readouterr().err
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        f"- {{path: '{docs / 'a.txt'}', rule: B101, reason: kept on purpose}}\n"
        f"- {{path: '{docs / 'b.txt'}', rule: B101, reason: also kept}}\n"
    )
    assert main(["check", str(docs / "a.txt"), "--baseline", str(base), "--waivers", str(waivers),
                 "--isolated", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "fixed since baseline" not in err and "matched no finding" not in err, err
    # a real fix is still reported, and a waiver that can match in this run but does not is stale
    (docs / "a.txt").write_text("Story text here.\n\nx &amp; y\n")
    assert main(["check", str(docs), "--baseline", str(base), "--isolated", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "fixed since baseline" in err and "a.txt: B101" in err
    assert main(["check", str(docs / "a.txt"), "--waivers", str(waivers), "--isolated", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "rule=B101) matched no finding" in err and "b.txt" not in err
