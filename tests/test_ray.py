"""--engine ray: Ray Data runs the same engine and gives the same reports as the local one.

Runs on a local Ray instance (started by doclint, 2 lint actors). Needs the extra
doclint[ray], which the test extra installs."""

from __future__ import annotations

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


def run(args: list[str], tmp_path: Path) -> dict:
    env = {**os.environ, "DOCLINT_CACHE_DIR": str(tmp_path / "cache"), "RAY_USAGE_STATS_ENABLED": "0"}
    proc = subprocess.run([sys.executable, "-m", "doclint", *args, "--format", "json", "--isolated"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_ray_engine_matches_local_engine(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "docs")
    with gzip.open(corpus / "shard.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
            fh.write(json.dumps({"id": f"rec{i}", "text": seed.read_text(encoding="utf-8")}) + "\n")
    local = run(["check", str(corpus), "--no-cache", "-j", "2"], tmp_path)
    viaray = run(["check", str(corpus), "--engine", "ray", "-j", "2"], tmp_path)
    assert len(local["documents"]) == 10
    assert viaray["documents"] == local["documents"]
    assert viaray["summary"] == local["summary"]
    shard_docs = [d for d in viaray["documents"] if "record" in d]
    assert [d["record"] for d in shard_docs] == [f"rec{i}" for i in range(5)]
