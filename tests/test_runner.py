"""Parallel runs, the content cache, and corpus shards."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.cache import Cache
from doclint.cli import main
from doclint.config import Config
from doclint.engine import Engine
from doclint.runner import Runner
from doclint.sources import iter_sources, read_raw


def corpus(tmp_path: Path, copies: int = 3) -> Path:
    root = tmp_path / "corpus"
    for i in range(copies):
        shutil.copytree(SEEDS, root / f"part{i}")
    (root / "part0" / "extra.md").write_text("# Title\n\nLeave a comment\n\nx &amp; y\n")
    return root


def run(engine: Engine, root: Path, jobs: int, cache: Cache | None = None) -> list:
    errors: list[str] = []
    results = list(Runner(engine, jobs=jobs, cache=cache).run(iter_sources([str(root)], engine.config, errors)))
    assert errors == []
    return results


def test_jobs_do_not_change_output_or_order(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    engine = Engine()
    one = [r.report for r in run(engine, root, 1)]
    two = [r.report for r in run(engine, root, 2)]
    three = [r.report for r in run(engine, root, 3)]
    assert one == two == three
    assert [r["path"] for r in one] == sorted(r["path"] for r in one)


def test_small_runs_get_only_the_workers_they_can_use(tmp_path: Path, monkeypatch) -> None:
    """A pre-commit hook passes a few files: one document is linted without forking a pool,
    and a few are spread over the workers instead of all going to one batch of 8."""
    seen: list[tuple[int, int]] = []
    real_pool = Runner._pool

    def spy(self, it, jobs, chunk):
        seen.append((jobs, chunk))
        return real_pool(self, it, jobs, chunk)

    monkeypatch.setattr(Runner, "_pool", spy)
    engine = Engine()
    files = sorted(SEEDS.glob("*.txt"))
    reference = [r.report for r in Runner(engine, jobs=1).run(iter_sources([str(f) for f in files], engine.config, []))]
    for n, jobs, expected in ((1, 4, []), (3, 2, [(2, 2)]), (5, 8, [(5, 1)]), (5, 2, [(2, 3)])):
        seen.clear()
        results = [r.report for r in Runner(engine, jobs=jobs).run(
            iter_sources([str(f) for f in files[:n]], engine.config, []))]
        assert results == reference[:n]
        assert seen == expected, (n, jobs)
    seen.clear()
    big = corpus(tmp_path)  # 16 documents: two full batches of 8, one per worker
    assert len(run(engine, big, 2)) == 16 and seen == [(2, 8)]


def test_warm_run_is_served_from_cache_and_invalidated_by_changes(tmp_path: Path) -> None:
    root = corpus(tmp_path, copies=1)
    cache = Cache(tmp_path / "cache")
    engine = Engine()
    cold = run(engine, root, 1, cache)
    warm = run(engine, root, 2, cache)
    assert not any(r.cached for r in cold) and all(r.cached for r in warm)
    assert [r.report for r in cold] == [r.report for r in warm]
    # a changed document is re-linted; the others still come from the cache
    target = root / "part0" / "extra.md"
    target.write_text(target.read_text() + "\nShare this article\n")
    again = run(engine, root, 1, cache)
    assert [r.cached for r in again].count(False) == 1
    # a different rule selection never reuses reports made under another one
    other = run(Engine(Config(select=("markup",))), root, 1, cache)
    assert not any(r.cached for r in other)


def test_damaged_cache_entry_is_a_miss(tmp_path: Path) -> None:
    root = corpus(tmp_path, copies=1)
    cache = Cache(tmp_path / "cache")
    engine = Engine()
    run(engine, root, 1, cache)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json")
    assert not any(r.cached for r in run(engine, root, 1, cache))
    # a digest line that is JSON but not a digest crashed the run totals (KeyError 'findings')
    run(engine, root, 1, cache)  # sound entries again
    bad_heads = ['{"score": 5}', '{"score": 1, "counts": [[]], "errors": 0, "body": [1, 2]}', "[]",
                 '{"score": "x", "counts": [], "errors": 0, "body": [1, 2]}',
                 '{"score": 1, "counts": [["B101", "fatal", "boilerplate", 1]], "errors": 0, "body": [1, 2]}',
                 '{"score": 1, "counts": [["B101", ["error"], "boilerplate", 1]], "errors": 0, "body": [1, 2]}',
                 '{"score": 1, "counts": [["B101", {"e": 1}, "boilerplate", 1]], "errors": 0, "body": [1, 2]}']
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert entries
    for i, entry in enumerate(entries):
        body = entry.read_bytes().partition(b"\n")[2]
        entry.write_bytes(bad_heads[i % len(bad_heads)].encode() + b"\n" + body)
    assert not any(r.cached for r in run(engine, root, 1, cache))


def test_cache_entry_with_a_damaged_report_is_a_miss(tmp_path: Path) -> None:
    """A report body changed on disk but still shaped like JSON (a flipped digit, a cut-off
    tail re-closed with a brace) must not be served: the digest line records its length and
    CRC-32."""
    root = corpus(tmp_path, copies=1)
    cache = Cache(tmp_path / "cache")
    engine = Engine()
    cold = {r.source.display: r.report for r in run(engine, root, 1, cache)}
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    for i, entry in enumerate(entries):
        head, _, body = entry.read_bytes().partition(b"\n")
        if i % 2:
            damaged = body.replace(b'"score":', b'"score":9', 1)  # same shape, other content
        else:
            damaged = body[: len(body) // 2].rstrip(b",") + b"}"  # truncated, still {...}
        assert damaged != body
        entry.write_bytes(head + b"\n" + damaged)
    again = run(engine, root, 1, cache)
    assert not any(r.cached for r in again)
    assert {r.source.display: r.report for r in again} == cold
    # and the fresh run rewrote sound entries: the next run is served from the cache
    assert all(r.cached for r in run(engine, root, 1, cache))


def test_jsonl_gz_and_parquet_shards_name_shard_and_record(tmp_path: Path, capsys) -> None:
    records = [
        {"id": "a1", "text": "Story one.\n\nLeave a Comment\n"},
        {"id": "b2", "text": "Clean text about the weather today."},
        {"doc": "no text field"},
    ]
    shard = tmp_path / "shard.jsonl.gz"
    with gzip.open(shard, "wt", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    code = main(["check", str(shard), "--format", "json", "--isolated", "--no-cache", "-j", "1"])
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert code == 2  # the bad record is an input error; the good ones are still linted
    assert "line 3: no string field 'text'" in captured.err
    docs = {d["record"]: d for d in out["documents"]}
    assert set(docs) == {"a1", "b2"}
    assert docs["a1"]["path"].endswith("shard.jsonl.gz#a1")
    assert docs["a1"]["shard"].endswith("shard.jsonl.gz")
    assert [(f["rule"], f["line"]) for f in docs["a1"]["findings"] if f["category"] == "boilerplate"] == [("B101", 3)]

    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"key": ["x", "y"], "body": ["Leave a Comment", "Fine text here."]})
    pq.write_table(table, tmp_path / "shard.parquet")
    code = main(["check", str(tmp_path / "shard.parquet"), "--format", "json", "--isolated",
                 "--no-cache", "--text-field", "body", "--id-field", "key", "--select", "B101"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(d["record"], len(d["findings"])) for d in out["documents"]] == [("x", 1), ("y", 0)]


def test_reports_judged_against_the_clock_are_cached_for_that_day_only(tmp_path: Path, monkeypatch) -> None:
    """Without `today` configured, the contradiction check judges dates against the day of the
    run: a cached report made yesterday must not be served today (it served 6 stale findings
    where a fresh run found 1). Reports that never read the clock stay cached."""
    import datetime

    import doclint.checks.contradiction as contradiction

    def on(day: str) -> None:
        fixed = datetime.date.fromisoformat(day)

        class FakeDate(datetime.date):
            @classmethod
            def today(cls) -> datetime.date:
                return fixed

        monkeypatch.setattr(contradiction, "_dt", type("dt", (), {"date": FakeDate, "datetime": datetime.datetime}))
        monkeypatch.setattr(Cache, "today", day)

    root = corpus(tmp_path, copies=1)
    engine = Engine(Config(select=("C", "B101")))
    cache = Cache(tmp_path / "cache")
    on("2021-03-15")
    first = run(engine, root, 1, cache)
    assert all(r.cached for r in run(engine, root, 1, cache))  # the same day: all served
    on("2026-11-25")
    later = run(engine, root, 1, cache)
    fresh = run(engine, root, 1, None)
    assert [r.report for r in later] == [r.report for r in fresh]
    by_day = [r.report for r in first] != [r.report for r in fresh]
    assert by_day  # the corpus has findings that depend on the day
    stale = [r.cached for r in later]
    assert stale.count(False) >= 1 and stale.count(True) >= 1  # only the clock-dependent ones re-linted
    assert all(r.cached for r in run(engine, root, 1, cache))
    # with `today` configured the report depends on the configuration only: cached across days
    fixed = Engine(Config(select=("C",), options={"contradiction": {"today": "2024-01-01"}}))
    run(fixed, root, 1, cache)
    on("2027-01-01")
    assert all(r.cached for r in run(fixed, root, 1, cache))


def test_cache_entry_with_a_damaged_digest_is_a_miss(tmp_path: Path) -> None:
    """The digest line's own fields (score, severities, counts) are covered by the CRC: a
    score or a severity changed on disk must not reach the run totals or --fail-on."""
    root = corpus(tmp_path, copies=1)
    cache = Cache(tmp_path / "cache")
    engine = Engine()
    cold = run(engine, root, 1, cache)
    assert any(r.totals["counts"] for r in cold)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    damaged = 0
    for entry in entries:
        head, _, body = entry.read_bytes().partition(b"\n")
        value = json.loads(head)
        if value["counts"]:
            sev = value["counts"][0][1]
            head = head.replace(f'"{sev}"'.encode(), b'"info"' if sev != "info" else b'"error"', 1)
        else:
            head = head.replace(b'"score":%d' % value["score"], b'"score":%d' % (value["score"] - 7), 1)
        assert json.loads(head) != value
        entry.write_bytes(head + b"\n" + body)
        damaged += 1
    assert damaged == len(entries) > 0
    again = run(engine, root, 1, cache)
    assert not any(r.cached for r in again)
    assert [r.totals for r in again] == [r.totals for r in cold]
    assert all(r.cached for r in run(engine, root, 1, cache))  # rewritten sound


def test_clean_never_removes_what_is_not_doclints(tmp_path: Path) -> None:
    """`clean --cache-dir .` once wiped a whole working folder: a folder that was used as a
    cache (or just has a v3/ or another tool's CACHEDIR.TAG) keeps every file doclint did not
    write."""
    work = tmp_path / "proj"
    (work / "docs").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, work / "docs" / seed.name)
    (work / "NOTES.md").write_text("keep me")
    (work / "v3").mkdir()
    (work / "v3" / "spec.json").write_text("{}")  # a project's own v3/ folder
    (work / "v3" / "ab").mkdir()
    (work / "v3" / "ab" / "notes.txt").write_text("keep")
    assert main(["check", str(work / "docs"), "--isolated", "--cache-dir", str(work), "-q", "--select", "B101"]) in (0, 1)
    entries = list(work.glob("v*/*/*.json"))
    assert entries  # the run cached into the working folder
    assert main(["clean", "--cache-dir", str(work)]) == 0
    assert not any(p.exists() for p in entries)
    left = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file())
    assert left == sorted([os.path.join("docs", p.name) for p in (work / "docs").iterdir()]
                          + ["NOTES.md", os.path.join("v3", "ab", "notes.txt"), os.path.join("v3", "spec.json")])
    assert len(list((work / "docs").iterdir())) == 2
    # another tool's cache folder (its own CACHEDIR.TAG), without doclint entries: refused
    target = tmp_path / "target"
    target.mkdir()
    (target / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# cargo\n")
    (target / "build.bin").write_bytes(b"x")
    assert main(["clean", "--cache-dir", str(target)]) == 2
    assert (target / "build.bin").exists() and (target / "CACHEDIR.TAG").exists()
    # a file given as the cache folder
    (tmp_path / "afile").write_text("x")
    assert main(["clean", "--cache-dir", str(tmp_path / "afile")]) == 2
    assert (tmp_path / "afile").read_text() == "x"


def test_shard_records_are_read_like_files(tmp_path: Path, capsys) -> None:
    """A record is linted as a file with its bytes would be: a UTF-8 byte-order mark before
    the first record is not an error, bytes that are not UTF-8 are decoded with the fallback
    and reported (R001, not silently kept as escapes), max-bytes cuts a record (R005), and a
    broken line names its column."""
    shard = tmp_path / "s.jsonl"
    long_text = "Plain words here. " * 200  # 3,600 bytes
    shard.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": "A first record, with a BOM before it."}).encode()
        + b"\n" + b'{"id": "latin", "text": "caf\xe9 au lait is a drink made with hot milk"}\n'
        + json.dumps({"id": "long", "text": long_text}).encode() + b"\n"
        + json.dumps({"id": "wide", "text": "\u00e9" * 1500}).encode() + b"\n"
        + b'{"id": "open", "text": "never closed'
    )
    (tmp_path / "doclint.toml").write_text("max-bytes = 1000\n")
    code = main(["check", str(shard), "--format", "json", "--no-cache", "--config", str(tmp_path / "doclint.toml")])
    captured = capsys.readouterr()
    assert code == 2  # the open string on the last line is an input error
    assert "s.jsonl: line 5: not valid JSON (Unterminated string starting at column 24)" in captured.err
    docs = {d["record"]: d for d in json.loads(captured.out)["documents"]}
    assert list(docs) == ["first", "latin", "long", "wide"]
    rules = {rid: [f["rule"] for f in d["findings"]] for rid, d in docs.items()}
    assert "R001" not in rules["first"] and "R005" not in rules["first"]
    assert "R001" in rules["latin"] and docs["latin"]["stats"]["encoding"] == "cp1252"
    assert "R005" in rules["long"] and docs["long"]["stats"]["characters"] == 1000
    assert "R005" in rules["wide"] and docs["wide"]["stats"]["characters"] == 500  # 2 bytes each
    # the hash covers the whole record, not the part linted
    assert docs["long"]["sha256"] == hashlib.sha256(long_text.encode()).hexdigest()
    # without the limit the records are whole
    code = main(["check", str(shard), "--format", "json", "--no-cache", "--isolated"])
    docs = {d["record"]: d for d in json.loads(capsys.readouterr().out)["documents"]}
    assert docs["long"]["stats"]["characters"] == len(long_text)
    assert docs["latin"]["stats"]["encoding"] == "cp1252"


def test_clean_judges_files_by_content_too(tmp_path: Path, capsys) -> None:
    """A file merely named like an entry is not removed (clean went by name alone); a cache
    reached through a symbolic link is cleaned and the link kept; a tag the user changed is
    left and said to be left."""
    proj = tmp_path / "proj"
    (proj / "v1" / "ab").mkdir(parents=True)
    named = proj / "v1" / "ab" / ("0" * 63 + "7.json")
    named.write_text('{"my": "data"}')
    (proj / "README").write_text("r")
    assert main(["clean", "--cache-dir", str(proj)]) == 2
    assert named.read_text() == '{"my": "data"}'
    real = tmp_path / "real"
    main(["check", str(SEEDS), "--isolated", "--cache-dir", str(real), "-q", "--select", "B101"])
    (tmp_path / "link").symlink_to(real)
    fifo = next((real / "v4").glob("??")) / ("0" * 63 + "9.json")
    os.mkfifo(fifo)  # named like an entry: never opened as one
    capsys.readouterr()
    assert main(["clean", "--cache-dir", str(tmp_path / "link")]) == 0
    assert "left 1 that are not doclint's" in capsys.readouterr().out
    assert (tmp_path / "link").is_symlink() and list(real.glob("v4/??/*.json")) == [fifo]
    fifo.unlink()
    main(["check", str(SEEDS), "--isolated", "--cache-dir", str(real), "-q", "--select", "B101"])
    (real / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# my notes\n")
    capsys.readouterr()
    assert main(["clean", "--cache-dir", str(real)]) == 0
    out = capsys.readouterr().out
    assert "CACHEDIR.TAG" in out and (real / "CACHEDIR.TAG").exists() and not out.startswith(f"Removed {real} (")


def test_odd_shard_records_keep_their_text_and_hash(tmp_path: Path) -> None:
    """A record with a \\u escape of a lone surrogate and a raw byte that is not UTF-8 keeps
    both as they are (the byte was turned into three characters); the hash is the same
    whether the record is cut at max-bytes or not."""
    from doclint.sources import Source

    def doc(text: str, max_bytes: int = 0):
        return Source(tmp_path / "s.jsonl", "s.jsonl#1", "s.jsonl/1", "1", text).document(max_bytes)

    mixed = "a \ud800 b \udc80 c"
    assert doc(mixed).text == mixed and doc(mixed, 7).text == "a \ud800 b"
    for text in (mixed, "x\x00y \udc80 z", "caf\udce9 au lait", "plain words " * 10):
        assert len({doc(text).sha256, doc(text, 6).sha256, doc(text, 11).sha256}) == 1, text
    assert doc("caf\udce9 au lait").text == "café au lait"


def test_clean_removes_only_a_cache(tmp_path: Path, capsys) -> None:
    cache_dir = tmp_path / "c"
    main(["check", str(SEEDS), "--isolated", "--cache-dir", str(cache_dir), "-q", "--select", "B101"])
    assert (cache_dir / "CACHEDIR.TAG").exists()
    assert main(["clean", "--cache-dir", str(cache_dir)]) == 0
    assert not cache_dir.exists()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "data.txt").write_text("keep me")
    assert main(["clean", "--cache-dir", str(precious)]) == 2
    assert (precious / "data.txt").exists()


CRASH_SCRIPT = r"""
import os, sys
from pathlib import Path
from doclint.engine import Engine
from doclint.runner import Runner, WorkerCrash
from doclint.sources import iter_sources

engine = Engine()
name, module = engine.active_modules[-1]

class Crashing:
    RULES = module.RULES
    @staticmethod
    def check(doc, options):
        if "CRASH-ME" in doc.text:
            os._exit(3)  # a worker dying hard, as an out-of-memory kill would
        return iter(())

engine.active_modules[-1] = (name, Crashing)
try:
    list(Runner(engine, jobs=2).run(iter_sources([sys.argv[1]], engine.config, [])))
except WorkerCrash as exc:
    print("WorkerCrash:", exc)
    sys.exit(0)
sys.exit(1)
"""


def test_a_dying_worker_is_reported_not_waited_for(tmp_path: Path) -> None:
    import subprocess
    import sys

    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text("CRASH-ME\n" if i == 3 else "Fine text.\n")
    proc = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WorkerCrash: a worker process died" in proc.stdout


def test_warm_json_output_is_byte_identical_to_cold(tmp_path: Path) -> None:
    root = corpus(tmp_path, copies=1)
    args = ["check", str(root), "--format", "json", "--isolated", "--cache-dir", str(tmp_path / "c"), "-j", "1"]
    main([*args, "-o", str(tmp_path / "cold.json")])
    main([*args, "-o", str(tmp_path / "warm.json")])
    assert (tmp_path / "cold.json").read_bytes() == (tmp_path / "warm.json").read_bytes()
    assert json.loads((tmp_path / "warm.json").read_text())["summary"]["documents"] == 6


# ---------------------------------------------------------------- lazy engine, fingerprint


def test_warm_cli_run_does_not_build_the_engine(tmp_path: Path, monkeypatch) -> None:
    import doclint.engine as engine_mod

    root = corpus(tmp_path, copies=1)
    args = ["check", str(root), "--format", "json", "--isolated", "--cache-dir", str(tmp_path / "c"), "-j", "1"]
    built: list[int] = []
    real_init = engine_mod.Engine.__init__

    def counting_init(self, *a, **kw):
        built.append(1)
        real_init(self, *a, **kw)

    monkeypatch.setattr(engine_mod.Engine, "__init__", counting_init)
    main([*args, "-o", str(tmp_path / "cold.json")])
    assert built == [1]
    main([*args, "-o", str(tmp_path / "warm.json")])
    assert built == [1]  # every report came from the cache: no engine was needed
    assert (tmp_path / "cold.json").read_bytes() == (tmp_path / "warm.json").read_bytes()
    # one changed document: the engine is built for it, on demand
    (root / "part0" / "extra.md").write_text("# Title\n\nShare this article\n")
    main([*args, "-o", str(tmp_path / "third.json")])
    assert built == [1, 1]
    report = json.loads((tmp_path / "third.json").read_text())
    assert any(f["rule"].startswith("B") for d in report["documents"] if d["path"].endswith("extra.md")
               for f in d["findings"])


def test_config_errors_are_reported_even_with_a_warm_cache(tmp_path: Path, capsys) -> None:
    root = corpus(tmp_path, copies=1)
    cache = ["--cache-dir", str(tmp_path / "c")]
    assert main(["check", str(root), "--isolated", "-q", *cache, "-o", str(tmp_path / "out.txt")]) in (0, 1)
    # a selection naming an unknown rule has another fingerprint: the engine is built, and fails
    assert main(["check", str(root), "--isolated", "--select", "Z999", *cache]) == 2
    assert "Z999" in capsys.readouterr().err


def test_fingerprint_covers_word_lists_knowledge_files_and_max_bytes(tmp_path: Path) -> None:
    from doclint.engine import fingerprint

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules.yaml").write_text("rules: []\n")
    (pack / "words.txt").write_text("alpha\n")
    kb = tmp_path / "kb.yaml"
    kb.write_text("people: []\n")
    config = Config(packs=(pack,), options={"contradiction": {"knowledge_paths": [str(kb)]}})
    base = fingerprint(config)
    assert fingerprint(config) == base
    (pack / "words.txt").write_text("alpha\nbeta\n")
    after_words = fingerprint(config)
    assert after_words != base
    kb.write_text("people: []\n# edited\n")
    after_kb = fingerprint(config)
    assert after_kb != after_words
    assert fingerprint(Config(packs=(pack,), options=config.options, max_bytes=1000)) != after_kb
    assert fingerprint(Config(packs=(pack,), options=config.options, fail_on="error")) == after_kb


def test_cache_key_follows_the_sidecar_and_front_matter(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    doc = root / "a.txt"
    doc.write_text("The council met on Tuesday to discuss the budget for the coming year.\n")
    args = ["check", str(root), "--format", "json", "--isolated", "--cache-dir", str(tmp_path / "c"), "-j", "1"]

    def report(name: str) -> dict:
        main([*args, "-o", str(tmp_path / name)])
        return json.loads((tmp_path / name).read_text())["documents"][0]

    first = report("1.json")
    assert first["provenance"].get("metadata") in (None, {})
    # a sidecar appears next to the (unchanged) document: the cached report must not be reused
    (root / "a.txt.meta.yaml").write_text("publisher: Example Gazette\n")
    second = report("2.json")
    assert second["provenance"]["metadata"]["publisher"] == "Example Gazette"
    # the sidecar changes: again a fresh report
    (root / "a.txt.meta.yaml").write_text("publisher: Other Herald\n")
    assert report("3.json")["provenance"]["metadata"]["publisher"] == "Other Herald"
    # the same run again is served from the cache and says the same
    assert report("4.json")["provenance"]["metadata"]["publisher"] == "Other Herald"


@pytest.mark.parametrize("fmt", ["text", "sarif", "jsonl", "junit", "github"])
def test_every_format_is_identical_cold_warm_and_parallel(tmp_path: Path, fmt: str) -> None:
    root = corpus(tmp_path, copies=2)
    base = ["check", str(root), "--format", fmt, "--isolated", "--cache-dir", str(tmp_path / "c")]
    main([*base, "-j", "1", "-o", str(tmp_path / "cold")])
    main([*base, "-j", "1", "-o", str(tmp_path / "warm")])
    main([*base, "-j", "2", "--no-cache", "-o", str(tmp_path / "par")])
    cold = (tmp_path / "cold").read_bytes()
    assert cold and cold == (tmp_path / "warm").read_bytes() == (tmp_path / "par").read_bytes()


def test_damaged_shards_are_input_errors_not_crashes(tmp_path: Path, capsys) -> None:
    """A gzip shard with a corrupt deflate stream (zlib.error), a JSONL line nested too deeply
    for json (RecursionError) and a Parquet file with corrupt data pages (pyarrow OSError) each
    crashed the run with a traceback; now each is an input error and the good records count."""
    data = gzip.compress(b'{"id": "r", "text": "Some text here."}\n' * 2000)
    (tmp_path / "corrupt.jsonl.gz").write_bytes(data[:20] + bytes(50) + data[70:])
    (tmp_path / "deep.jsonl").write_text('{"id": "ok", "text": "Fine text."}\n' + "[" * 100_000 + "\n")
    code = main(["check", str(tmp_path), "--format", "json", "--isolated", "--no-cache", "-j", "1"])
    captured = capsys.readouterr()
    assert code == 2
    assert "corrupt.jsonl.gz: cannot read shard" in captured.err
    assert "deep.jsonl: line 2: not valid JSON (nested too deeply)" in captured.err
    assert [d["record"] for d in json.loads(captured.out)["documents"]] == ["ok"]

    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    good = tmp_path / "p" / "good.parquet"
    good.parent.mkdir()
    pq.write_table(pa.table({"text": [f"Text number {i}." for i in range(3000)]}), good, compression="snappy")
    raw = bytearray(good.read_bytes())
    for i in range(200, len(raw) - 2000, 97):  # damage the data pages, keep the footer
        raw[i] ^= 0x5A
    bad = tmp_path / "p" / "bad.parquet"
    bad.write_bytes(bytes(raw))
    code = main(["check", str(bad), "-q", "--isolated", "--no-cache", "-j", "1"])
    assert code == 2
    assert "bad.parquet: cannot read Parquet shard" in capsys.readouterr().err


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=3000), max_bytes=st.integers(0, 4000))
def test_read_raw_reads_every_byte_and_hashes_the_whole_file(tmp_path_factory, data: bytes, max_bytes: int) -> None:
    """read_raw sizes its first read by fstat; the bytes, the cap and the hash must not depend
    on that (a file cut by max-bytes keeps at most max-bytes, the hash covers all of it)."""
    path = tmp_path_factory.mktemp("raw") / "f.txt"
    path.write_bytes(data)
    raw = read_raw(path, max_bytes)
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    if 0 < max_bytes < len(data):
        assert raw.total == len(data) and data.startswith(raw.data) and len(raw.data) <= max_bytes
    else:
        assert raw.data == data and raw.total is None


def test_read_raw_follows_a_file_that_grows_after_fstat(tmp_path: Path, monkeypatch) -> None:
    import doclint.sources as sources

    path = tmp_path / "grow.txt"
    path.write_bytes(b"a" * 10)
    real_open = sources._open_regular_fd

    def open_then_grow(p):  # the size is taken, then a writer appends
        fd, size = real_open(p)
        with open(path, "ab") as fh:
            fh.write(b"b" * 3_000_000)
        return fd, size

    monkeypatch.setattr(sources, "_open_regular_fd", open_then_grow)
    raw = read_raw(path)
    assert raw.data == b"a" * 10 + b"b" * 3_000_000 and raw.total is None
    assert raw.sha256 == hashlib.sha256(raw.data).hexdigest()
