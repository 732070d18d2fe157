"""doclint speed benchmark: one run, one corpus, every contender side by side.

Usage: python bench/run.py [CORPUS] [--copies N] [--repeat N] [--skip-datatrove] [--json FILE]

CORPUS is a folder (or a JSONL shard); by default one is built from seeds/ and the
development set (../shared/dev/readability/docs), repeated until it holds >= 8 MB.
Reports MB/s and docs/s for: a plain read of the corpus (the limit), one RE2 Set pass with
every pack pattern, doclint cold (no cache) with the full default rule set at --jobs 1 and
--jobs 2, doclint warm (cache), and datatrove's Gopher + C4 quality filters (installed into
bench/.venv-datatrove on first use); then peak memory of doclint at 1x and 4x the corpus, and
the --jobs 2 speedup on the 4x corpus (where start-up and per-process loading weigh less).
All doclint figures are whole CLI runs (process start included), as a user sees them. A
start-up row (a run over one seed document: interpreter, imports, engine, the word lists and
knowledge base loaded on first use) lets the ratios also be read in steady state, start-up
subtracted -- the way the datatrove figure is taken (its imports and warm-up are not timed).
Every timing is the fastest of ``--repeat`` runs (default 3, as ``timeit`` reports: the run
least disturbed by the rest of the machine), for every contender alike; runs of the contenders
that are compared with each other are interleaved, so a slow spell of the machine hits both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "readability" / "docs"
DT_VENV = ROOT / "bench" / ".venv-datatrove"


def build_corpus(dest: Path, min_bytes: int, copies: int | None) -> Path:
    sources = sorted(ROOT.glob("seeds/*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
    unit = sum(p.stat().st_size for p in sources)
    n = copies or max(1, -(-min_bytes // max(unit, 1)))
    for i in range(n):
        sub = dest / f"copy{i:03d}"
        sub.mkdir(parents=True)
        for p in sources:
            shutil.copyfile(p, sub / p.name)
    return dest


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def plain_read(files: list[Path]) -> float:
    t0 = time.perf_counter()
    for p in files:
        p.read_bytes().decode("utf-8", "replace")
    return time.perf_counter() - t0


def re2_set_pass(files: list[Path]) -> tuple[float, int]:
    from doclint.engine import Engine

    engine = Engine()
    matcher = engine.matcher
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    t0 = time.perf_counter()
    for text in texts:
        matcher._set.Match(text)  # the one multi-pattern pass, no confirmation
    return time.perf_counter() - t0, len(matcher._compiled)


def doclint_cli(args: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, env=env)
    dt = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"doclint failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return dt


def peak_rss_kb(args: list[str]) -> int:
    code = (
        "import resource, subprocess, sys; "
        f"subprocess.run([sys.executable, '-m', 'doclint', *{args!r}], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def datatrove(folder: Path) -> dict[str, float] | None:
    py = DT_VENV / "bin" / "python"
    if not py.exists():
        print("installing datatrove into bench/.venv-datatrove (one time, ~500 MB) …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(DT_VENV)], check=True)
        r = subprocess.run([str(py), "-m", "pip", "install", "-q", "datatrove[processing]", "orjson", "spacy"])
        if r.returncode != 0:
            print("datatrove could not be installed; skipping it", file=sys.stderr)
            return None
    out = subprocess.run([str(py), str(ROOT / "bench" / "datatrove_filters.py"), str(folder)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(f"datatrove run failed: {out.stderr[-1500:]}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--copies", type=int, help="copies of seeds+dev set in the built corpus")
    ap.add_argument("--min-mb", type=float, default=8.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the fastest is kept (default 3)")
    ap.add_argument("--skip-datatrove", action="store_true")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args()

    # bytecode for every module, as an installed package has (with PYTHONDONTWRITEBYTECODE set,
    # a module edited since its .pyc was written would otherwise be compiled again in every run)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "doclint")], check=True)
    # and the engine's regexes, as `make` saves them (doclint/rxcache.py)
    subprocess.run([sys.executable, "-m", "doclint.rxcache"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    tmp = Path(tempfile.mkdtemp(prefix="doclint-bench-"))
    try:
        corpus = Path(args.corpus) if args.corpus else build_corpus(
            tmp / "corpus", int(args.min_mb * 1e6), args.copies)
        files = corpus_files(corpus)
        size = sum(p.stat().st_size for p in files)
        ndocs = len(files)
        rows: list[tuple[str, float]] = []
        n = max(1, args.repeat)
        t_read = min(plain_read(files) for _ in range(n))
        rows.append(("plain read (limit)", t_read))
        sets = [re2_set_pass(files) for _ in range(n)]
        t_set, npat = min(t for t, _ in sets), sets[0][1]
        rows.append((f"one RE2 Set pass ({npat} patterns)", t_set))
        cache = tmp / "cache"
        common = ["check", str(corpus), "--format", "json", "-o", str(tmp / "out.json"), "--isolated"]
        one = tmp / "one"
        one.mkdir()
        shutil.copyfile(sorted(ROOT.glob("seeds/*.txt"))[0], one / "doc.txt")
        t_start = min(doclint_cli(["check", str(one), "--format", "json", "-o", os.devnull, "--isolated",
                                   "--no-cache", "-j", "1"]) for _ in range(max(3, n)))
        rows.append(("doclint start-up (one seed document)", t_start))
        # the built corpus repeats its pages; one copy alone has no repeated document, so its
        # rate (start-up subtracted) is what a corpus of all-new pages would see
        first = corpus / "copy000"
        one_copy = not args.corpus and first.is_dir()
        j1, j2, firsts = [], [], []
        for _ in range(n):  # interleaved: --jobs 1 and --jobs 2 see the same machine
            j1.append(doclint_cli([*common, "--no-cache", "-j", "1"]))
            j2.append(doclint_cli([*common, "--no-cache", "-j", "2"]))
            if one_copy:
                firsts.append(doclint_cli(["check", str(first), "--format", "json", "-o", os.devnull,
                                           "--isolated", "--no-cache", "-j", "1"]))
        t_j1, t_j2 = min(j1), min(j2)
        t_first = min(firsts) if firsts else None
        if one_copy:
            size_first = sum(p.stat().st_size for p in corpus_files(first))
        rows.append(("doclint cold, --jobs 1", t_j1))
        rows.append(("doclint cold, --jobs 2", t_j2))
        t_prime = doclint_cli([*common, "--cache-dir", str(cache), "-j", "1"])
        t_warm = min(doclint_cli([*common, "--cache-dir", str(cache), "-j", "1"]) for _ in range(n))
        rows.append(("doclint warm (cache), --jobs 1", t_warm))
        dt = None
        if not args.skip_datatrove:
            runs = [r for r in (datatrove(corpus) for _ in range(n)) if r]
            dt = min(runs, key=lambda r: r["seconds"]) if runs else None
        if dt:
            rows.append(("datatrove Gopher + C4, 1 worker", dt["seconds"]))

        print(f"corpus: {corpus}  {ndocs} documents, {size / 1e6:.1f} MB; every time is the best of {n} runs")
        print(f"{'contender':40s} {'seconds':>9s} {'MB/s':>9s} {'docs/s':>9s}")
        for name, secs in rows:
            if name.startswith("doclint start-up"):  # one document: a rate would mean nothing
                print(f"{name:40s} {secs:9.2f} {'-':>9s} {'-':>9s}")
                continue
            print(f"{name:40s} {secs:9.2f} {size / 1e6 / secs:9.1f} {ndocs / secs:9.0f}")

        # peak memory, one process, at 1x and 4x the corpus
        big = tmp / "corpus4x"
        for i in range(4):
            shutil.copytree(corpus, big / f"x{i}")
        mem1 = peak_rss_kb(["check", str(corpus), "--format", "json", "-o", os.devnull, "--isolated",
                            "--no-cache", "-j", "1"])
        mem4 = peak_rss_kb(["check", str(big), "--format", "json", "-o", os.devnull, "--isolated",
                            "--no-cache", "-j", "1"])
        print(f"peak RSS, --jobs 1: 1x corpus {mem1 / 1024:.0f} MB, 4x corpus {mem4 / 1024:.0f} MB "
              f"(4x/1x = {mem4 / mem1:.2f})")
        # --jobs 2 once the fixed costs (start-up, per-process loading) are spread over more work
        big_args = ["check", str(big), "--format", "json", "-o", os.devnull, "--isolated", "--no-cache"]
        t4 = [(doclint_cli([*big_args, "-j", "1"]), doclint_cli([*big_args, "-j", "2"])) for _ in range(n)]
        t4_j1, t4_j2 = min(a for a, _ in t4), min(b for _, b in t4)
        print(f"4x corpus ({4 * size / 1e6:.1f} MB): cold --jobs 1 {t4_j1:.2f} s ({4 * size / 1e6 / t4_j1:.1f} MB/s), "
              f"--jobs 2 {t4_j2:.2f} s (speedup {t4_j1 / t4_j2:.2f})")

        ratios = {
            "cold_j1_mb_s": size / 1e6 / t_j1,
            "j2_speedup": t_j1 / t_j2,
            "warm_over_cold": t_warm / t_j1,
            "read_over_cold": t_read / t_j1,
            "mem_4x_over_1x": mem4 / mem1,
            "j2_speedup_4x_corpus": t4_j1 / t4_j2,
        }
        if dt:
            ratios["cold_j1_over_datatrove"] = dt["seconds"] / t_j1 * (size / dt["bytes"])
        if t_first is not None:
            ratios["first_copy_steady_mb_s"] = size_first / 1e6 / max(t_first - t_start, 1e-9)
            print(f"one copy only (no repeated page; {size_first / 1e6:.1f} MB): cold --jobs 1 {t_first:.2f} s, "
                  f"{ratios['first_copy_steady_mb_s']:.1f} MB/s with start-up subtracted")
        print("ratios: " + ", ".join(f"{k} = {v:.3f}" for k, v in ratios.items()))
        steady = {  # start-up subtracted: the throughput a long run approaches
            "steady_cold_j1_mb_s": size / 1e6 / (t_j1 - t_start),
            "steady_j2_speedup": (t_j1 - t_start) / (t_j2 - t_start),
        }
        if dt:
            steady["steady_cold_j1_over_datatrove"] = dt["seconds"] / (t_j1 - t_start) * (size / dt["bytes"])
        print("steady state (start-up subtracted): " + ", ".join(f"{k} = {v:.3f}" for k, v in steady.items()))
        ratios.update(steady)
        if args.json:
            Path(args.json).write_text(json.dumps({"rows": rows, "ratios": ratios, "bytes": size,
                                                   "docs": ndocs, "prime_seconds": t_prime, "repeat": n,
                                                   "runs": {"cold_j1": j1, "cold_j2": j2}}, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
