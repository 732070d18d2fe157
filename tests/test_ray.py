"""--engine ray: Ray Data runs the same engine and gives the same reports as the local one.

Runs on a local Ray instance (started by doclint, 2 lint actors). Needs the extra
doclint[ray], which the test extra installs (and pyarrow, for the Parquet shard)."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

ray = pytest.importorskip("ray", reason="ray is not installed: pip install 'doclint[ray]' (the test extra has it)")


def run(args: list[str], tmp_path: Path) -> tuple[int, dict, str]:
    """Exit code, the JSON output and standard error of one ``doclint`` run."""
    env = {**os.environ, "DOCLINT_CACHE_DIR": str(tmp_path / "cache"), "RAY_USAGE_STATS_ENABLED": "0"}
    proc = subprocess.run([sys.executable, "-m", "doclint", *args, "--format", "json", "--isolated"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode in (0, 1, 2), proc.stderr[-3000:]
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("doclint:")]


def jsonl(path: Path, lines: list[str], prefix: bytes = b"") -> None:
    path.write_bytes(prefix + "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass"))


def write_parquet(path: Path) -> None:
    import pyarrow as pa  # in the test extra (doclint[parquet]): not optional here
    import pyarrow.parquet as pq

    table = pa.table({"id": ["p1", "p2", None, "p4"],
                      "text": ["A first row of text.", None, "A row whose id is null.", "The last row."]})
    pq.write_table(table, path)


def make_corpus(corpus: Path) -> None:
    """Text files, a clean shard and imperfect shards: an invalid JSON line, a non-string
    text, a BOM, missing and duplicate ids, null id and text in Parquet, an empty shard."""
    shutil.copytree(SEEDS, corpus / "docs")
    seeds = [seed.read_text(encoding="utf-8") for seed in sorted(SEEDS.glob("*.txt"))]
    with gzip.open(corpus / "a_clean.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, text in enumerate(seeds):
            fh.write(json.dumps({"id": f"rec{i}", "text": text}) + "\n")
    jsonl(corpus / "b_bad.jsonl", [
        json.dumps({"id": "g1", "text": seeds[0]}),
        '{"id": "broken", "text": "abc',  # line 2: not valid JSON
        json.dumps({"id": "numtext", "text": 42}),  # line 3: the text is not a string
        "",
        json.dumps({"id": "g2", "text": seeds[1]}),
        json.dumps({"id": "lone", "text": "a lone \ud800 surrogate."}),
        "[1, 2]",  # line 7: not an object
    ])
    jsonl(corpus / "c_ids.jsonl", [
        json.dumps({"text": "No id field: the line number is the id."}),  # id "1"
        json.dumps({"id": "1", "text": "An id equal to another record's line number."}),  # "1~2"
        json.dumps({"id": "dup", "text": "First of two records with one id."}),
        json.dumps({"id": "dup", "text": "Second of two records with one id."}),  # "dup~2"
        json.dumps({"id": {"nested": 1}, "text": "An object id: the line number is the id."}),
        json.dumps({"id": 7, "text": "A numeric id."}),
    ])
    jsonl(corpus / "d_bom.jsonl", [json.dumps({"id": "b1", "text": seeds[2]}),
                                   json.dumps({"id": "b2", "text": seeds[3]})], prefix=codecs.BOM_UTF8)
    write_parquet(corpus / "e_nulls.parquet")
    (corpus / "f_empty.jsonl").write_bytes(b"")


def test_ray_engine_matches_local_engine(tmp_path: Path) -> None:
    """One corpus, one run each: the same reports, the same input errors in the same order
    and the same exit code."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    paths = [str(corpus), str(tmp_path / "missing.txt")]

    code, local, local_err = run(["check", *paths, "--no-cache", "-j", "2"], tmp_path)
    ray_code, viaray, ray_err = run(["check", *paths, "--engine", "ray", "-j", "2"], tmp_path)

    # what the local engine does with these inputs (so that the comparison below means something)
    records = {d["path"]: d.get("record") for d in local["documents"]}
    assert [r for p, r in records.items() if "b_bad" in p] == ["g1", "g2", "lone"]
    assert [r for p, r in records.items() if "c_ids" in p] == ["1", "1~2", "dup", "dup~2", "5", "7"]
    assert [r for p, r in records.items() if "e_nulls" in p] == ["p1", "3", "p4"]
    assert "b2" in [r for p, r in records.items() if "d_bom" in p]  # (line 1 has a BOM)
    assert code == 2
    expected = [("b_bad.jsonl: line 2: not valid JSON", "; line 3: ", "; line 7: "),
                ("e_nulls.parquet: row 2: 'text' is not a string",),
                ("missing.txt: no such file or directory",)]
    errors = [line for line in error_lines(local_err) if "d_bom" not in line]
    for line, parts in zip(errors, expected, strict=True):
        assert all(part in line for part in parts), line

    assert viaray["documents"] == local["documents"]
    assert viaray["summary"] == local["summary"]
    assert ray_code == code
    assert error_lines(ray_err) == error_lines(local_err)
    assert "Traceback" not in ray_err, ray_err[-3000:]  # Ray's own logs stay out of doclint's stderr


def test_work_units_keep_input_errors_in_place(tmp_path: Path) -> None:
    """The driver's plan, without Ray: shards are units of their own, files are grouped, and
    an input error found by the walk stays between the documents it came between."""
    from doclint.config import Config
    from doclint.ray_engine import _units

    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "s.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("a.txt", "b.txt", "nope1.txt", "c.txt", "s.jsonl", "d.txt", "nope2.txt")]
    units, trailing = _units(paths, Config(), batch_size=64)
    assert [([s.path.name for s in u.sources], u.shard, [e.split("/")[-1] for e in u.errors_before])
            for u in units] == [(["a.txt", "b.txt"], False, []),
                                (["c.txt"], False, ["nope1.txt: no such file or directory"]),
                                (["s.jsonl"], True, []),
                                (["d.txt"], False, [])]
    assert [e.split("/")[-1] for e in trailing] == ["nope2.txt: no such file or directory"]
