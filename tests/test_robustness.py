"""Bad input, hostile rules, interruption: the run goes on, says what it could not do,
and never alters an input. See README, "Robustness"."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.cli import main
from doclint.config import Config
from doclint.document import Document
from doclint.engine import Engine


def hashes(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def matrix(tmp_path: Path) -> Path:
    root = tmp_path / "matrix"
    root.mkdir()
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "nul-inside.txt").write_bytes(b"Text " * 3000 + b"\x00 then more text.\n")
    (root / "invalid-utf8.txt").write_bytes(b"Caf\xc3 \xff\xfe broken bytes.\n")
    (root / "utf16.txt").write_bytes("Leave a comment\n".encode("utf-16"))
    (root / "cp1252.txt").write_bytes("He said \u201cno\u201d \u2013 caf\xe9.\n".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\t\n\n")
    (root / "one-long-line.txt").write_text("word " * 200_000)
    (root / "good.txt").write_text("Story.\n\nLeave a Comment\n")
    loop = root / "loop"
    loop.mkdir()
    (loop / "up").symlink_to("..", target_is_directory=True)  # a symlinked folder loop
    (root / "self.txt").symlink_to("self.txt")  # a symlink to itself
    (root / "dangling.txt").symlink_to("missing-target.txt")
    return root


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main([*args, "--format", "json", "--isolated", "--no-cache"])
    cap = capsys.readouterr()
    return code, json.loads(cap.out), cap.err


def test_bad_input_matrix(matrix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = hashes(matrix)
    code, out, err = run_json(["check", str(matrix), str(matrix / "no-such-file.txt"), "-j", "1"], capsys)
    assert hashes(matrix) == before
    assert code == 2  # some inputs could not be read
    docs = {Path(d["path"]).name: {f["rule"] for f in d["findings"]} for d in out["documents"]}
    assert "R003" in docs["binary.txt"]
    assert "R001" in docs["invalid-utf8.txt"] and "R001" in docs["cp1252.txt"]
    assert "R002" in docs["utf16.txt"] and "B101" in docs["utf16.txt"]
    assert "R004" in docs["empty.txt"] and "R004" in docs["blank.txt"]
    assert "one-long-line.txt" in docs and "B101" in docs["good.txt"]
    assert "nul-inside.txt" in docs
    # the symlinked folder loop is not followed, so nothing is read twice
    assert all("loop" not in p for p in docs)
    assert "no-such-file.txt: no such file or directory" in err
    assert "self.txt: cannot read" in err and "dangling.txt" in err
    assert out["summary"]["input_errors"]


def test_unreadable_and_vanishing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "locked.txt", "vanish.txt", "z.txt"):
        (tmp_path / name).write_text("Leave a comment\n")
    real_open = os.open

    def fake_open(file, *args, **kwargs):  # root can read anything: simulate the errors
        name = Path(str(file)).name
        if name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(file))
        if name == "vanish.txt":
            raise FileNotFoundError(2, "No such file or directory", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("os.open", fake_open)  # how documents are opened (sources.open_regular)
    code, out, err = run_json(["check", str(tmp_path), "-j", "1"], capsys)
    assert code == 2
    assert [Path(d["path"]).name for d in out["documents"]] == ["a.txt", "z.txt"]
    assert "locked.txt: cannot read: permission denied" in err
    assert "vanish.txt: file vanished before it could be read" in err


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \né漢😀𝄞", max_size=30), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                                                  "utf-16-be", "utf-32", "utf-32-be"]),
       st.integers(4, 130))  # (a cap inside the byte-order mark itself is not worth reading)
def test_capped_read_decodes_as_a_prefix(text: str, encoding: str, max_bytes: int) -> None:
    """max-bytes cut a UTF-16/32 file at any byte: an odd count, or between the halves of a
    surrogate pair, did not decode and the document was linted as binary (R003). The capped
    bytes now always decode, to a prefix of the text, in the file's encoding."""
    from doclint.decode import decode
    from doclint.sources import cap

    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}.get(encoding, "")
    data = (bom + text).encode(encoding)
    decoded = decode(cap(data, max_bytes).data)
    assert text.startswith(decoded.text)
    assert decoded.text == text or len(data) > max_bytes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_fifos_and_devices_are_refused_not_read_forever(tmp_path: Path) -> None:
    """A FIFO in a corpus folder blocked the run (open waits for a writer) and a symlink to
    /dev/zero was hashed forever, in check, report and fix alike; explicitly named, a FIFO
    was walked as a folder ('Not a directory'). Now each is an input error, the rest linted."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Leave a comment\n")
    os.mkfifo(corpus / "pipe.txt")
    os.mkfifo(corpus / "pipe.jsonl")
    if Path("/dev/zero").exists():
        (corpus / "zero.md").symlink_to("/dev/zero")
    base = [sys.executable, "-m", "doclint"]
    runs = [
        ["check", str(corpus), "--format", "json", "--no-cache", "-j", "1"],
        ["check", str(corpus / "pipe.txt"), "--no-cache"],
        ["report", str(corpus), "--out", str(tmp_path / "r"), "--no-cache", "-j", "1"],
        ["fix", str(corpus), "--out", str(tmp_path / "f")],
    ]
    errs = []
    for argv in runs:
        proc = subprocess.run([*base, *argv, "--isolated"], capture_output=True, cwd=ROOT, timeout=60)
        errs.append(proc.stderr.decode())
        assert proc.returncode == 2 and "Traceback" not in errs[-1], errs[-1]
        assert "pipe.txt: cannot read: not a regular file" in errs[-1]
    assert "pipe.jsonl: cannot read shard: not a regular file" in errs[0]


def test_huge_file_is_capped_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    line = ("A line of ordinary words that goes on for a while. " * 4 + "\n").encode()
    with big.open("wb") as fh:
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 100 * 1024 * 1024
    (tmp_path / "doclint.toml").write_text("max-bytes = 1048576\n")
    code = main(["check", str(big), "--format", "json", "--no-cache", "--select", "R005,B101"])
    out = json.loads(capsys.readouterr().out)
    (doc,) = out["documents"]
    assert doc["sha256"] == hashlib.sha256(big.read_bytes()).hexdigest()  # hash covers it all
    (finding,) = doc["findings"]
    assert finding["rule"] == "R005" and finding["data"]["bytes"] == big.stat().st_size
    assert finding["data"]["linted_bytes"] <= 1048576
    assert code == 1


@pytest.mark.slow
def test_folder_of_100000_small_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "many"
    for i in range(100_000):
        folder = root / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        (folder / f"n{i}.txt").write_bytes(b"A note.\nLeave a comment\n" if i % 997 == 0 else b"A note.\n")
    code = main(["check", str(root), "--isolated", "--no-cache", "--select", "B101", "-q"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert len(out) == len(range(0, 100_000, 997))


def test_check_timeout_stops_a_slow_check_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    eng = Engine(Config(timeout=0.2))
    name, module = eng.active_modules[-1]

    class Slow:
        RULES = module.RULES

        @staticmethod
        def check(doc, options):
            while True:
                time.sleep(0.01)
            yield  # pragma: no cover

    eng.active_modules[-1] = (name, Slow)
    t0 = time.monotonic()
    rep = eng.lint(Document.from_text("Leave a comment\n"))
    assert time.monotonic() - t0 < 5
    assert rep["errors"][0]["check"] == name and "CheckTimeout" in rep["errors"][0]["error"]
    assert any(f["rule"] == "B101" for f in rep["findings"])  # other checks still reported


def test_check_timeout_is_per_check_not_per_document() -> None:
    """Each check gets its own budget: two checks that each take 60 % of check-timeout both
    finish (the timer is re-armed for the second, not left running from the first)."""
    eng = Engine(Config(timeout=0.5))
    slow = []
    for name, module in eng.active_modules[-2:]:
        class Slow:
            RULES = module.RULES

            @staticmethod
            def check(doc, options):
                time.sleep(0.3)
                return iter(())

        slow.append((name, Slow))
    eng.active_modules[-2:] = slow
    rep = eng.lint(Document.from_text("Leave a comment\n"))
    assert "errors" not in rep, rep.get("errors")


def test_ctrl_c_leaves_no_half_written_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(60):
        (corpus / f"c{i:02d}").mkdir(parents=True)
        for seed in SEEDS.glob("*.txt"):
            (corpus / f"c{i:02d}" / seed.name).write_bytes(seed.read_bytes())
    before = hashes(corpus)
    out = tmp_path / "reports"
    env = {**os.environ, "DOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "doclint", "report", str(corpus), "--out", str(out), "--isolated", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.rglob("*.yaml"))):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, 0), err.decode()[-2000:]
    assert hashes(corpus) == before
    assert not list(out.rglob("*.tmp"))
    for report in out.rglob("*.doclint.yaml"):
        assert yaml.safe_load(report.read_text())["path"]  # every report is complete
    if proc.returncode == 130:
        assert b"interrupted" in err


def test_report_paths_cannot_escape_out(tmp_path: Path) -> None:
    shard = tmp_path / "s.jsonl"
    shard.write_text(json.dumps({"id": "../../escape", "text": "Leave a comment"}) + "\n"
                     + json.dumps({"id": "/etc/passwd", "text": "x"}) + "\n")
    out = tmp_path / "deep" / "out"
    assert main(["report", str(shard), "--out", str(out), "--isolated", "--no-cache"]) == 0
    written = sorted(p for p in tmp_path.rglob("*.doclint.yaml"))
    assert written and all(out in p.parents for p in written)


def test_reports_identical_across_jobs(tmp_path: Path) -> None:
    for n in ("1", "2"):
        main(["report", str(SEEDS), "--out", str(tmp_path / n), "--isolated", "--no-cache", "-j", n])
    a = {p.relative_to(tmp_path / "1"): p.read_bytes() for p in (tmp_path / "1").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "2"): p.read_bytes() for p in (tmp_path / "2").rglob("*") if p.is_file()}
    assert a == b


# ---------------------------------------------------------------- random rule packs

WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


@st.composite
def packs(draw):
    rules = []
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["phrase", "pattern"]))
        rule = {
            "code": f"X{100 + i}", "name": f"random-rule-{i}", "category": "boilerplate",
            "severity": draw(st.sampled_from(["error", "warning", "info"])), "kind": kind,
            "message": "m {match}", "rationale": "r",
            "examples": {"fail": ["a"], "pass": ["b"]},
        }
        if kind == "phrase":
            rule["phrases"] = draw(st.lists(WORDS.filter(lambda w: w.strip()), min_size=1, max_size=4))
            rule["match"] = draw(st.sampled_from(["line", "substring"]))
        else:
            import re2

            parts = draw(st.lists(WORDS, min_size=1, max_size=3))
            rule["pattern"] = draw(st.sampled_from(["(?i)", "(?m)^", ""])) + "|".join(re2.escape(p) for p in parts)
        if draw(st.booleans()):
            rule["where"] = {draw(st.sampled_from(["head", "tail"])): draw(st.integers(1, 5))}
        if draw(st.booleans()):
            rule["max_words"] = draw(st.integers(0, 10))
        rules.append(rule)
    return {"rules": rules}


@settings(suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(pack=packs(), text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_random_rule_packs_never_crash(tmp_path: Path, pack: dict, text: str) -> None:
    folder = tmp_path / f"p{abs(hash((json.dumps(pack), text))) % 10**12}"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    eng = Engine(Config(packs=(folder,), select=tuple(r["code"] for r in pack["rules"])))
    doc = Document.from_text(text)
    rep = eng.lint(doc)
    for f in rep["findings"]:
        assert 0 <= f["offset"] <= f["end_offset"] <= len(text)
        assert (f["line"], f["column"]) == doc.linecol(f["offset"])


# Python's case-insensitive regexes take 'ı'/'İ' for 'i', 'ſ' for 's' and the Kelvin sign for 'k':
# a word such a regex matched must still be found in the lower-case tables it indexes.
_FOLDED = {"i": "ıİ", "s": "ſ", "k": "\u212a"}
_CUE_RICH = (
    "Published March 3, 2021. Updated April 5, 2021.\n\n"
    "Last month President Joe Biden spoke at this year's G20 summit in Rome, three years ago he was "
    "a senator; former President Trump said last week that the election next year is key. In "
    "September 2019, Mr. Biden, 76, and Prime Minister Boris Johnson met. Two years ago it rained.\n\n"
    "By Jane Doe, Reuters\n\nReporting by Jane Doe; Writing by John Roe; Editing by Ann Poe\n\n"
    "This material is distributed by Acme Strategies on behalf of the Government of Ruritania. "
    "Additional information is on file with the Department of Justice, Washington, D.C.\n\n"
    "This post is sponsored by Contoso. Some links are affiliate links: we earn a commission.\n\n"
    "About the author: Jane Doe is a consultant to Fabrikam.\n"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([0.2, 0.6, 1.0]), st.integers(0, 2**32))
def test_case_folded_letters_never_crash_a_check(rate: float, seed: int) -> None:
    import random

    engine = _ENGINE.setdefault("default", Engine())
    rng = random.Random(seed)
    text = "".join(rng.choice(_FOLDED[ch.lower()]) if ch.lower() in _FOLDED and rng.random() < rate else ch
                   for ch in _CUE_RICH)
    for variant in (text, text.upper(), text.lower()):
        report = engine.lint(Document.from_text(variant))
        assert "errors" not in report, report["errors"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32))
def test_lone_surrogates_never_crash_a_check(seed: int) -> None:
    """Lone surrogates reach the checks from shards (undecodable bytes kept by surrogateescape,
    "\\ud800" escapes in JSON): every check must take them."""
    import random

    engine = _ENGINE.setdefault("default", Engine())
    rng = random.Random(seed)
    chars = list(_CUE_RICH)
    for _ in range(rng.randint(1, 20)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(["\ud800", "\udcff", "\udfff", "\ud83d"]))
    report = engine.lint(Document.from_text("".join(chars)))
    assert "errors" not in report, report["errors"]


_ENGINE: dict[str, Engine] = {}


def test_unstorable_names_and_undecodable_paths_never_crash_outputs(tmp_path: Path) -> None:
    """Record ids no file name can hold (NUL, a lone ``\\ud800``, 300 characters), a file name
    that is 250 bytes long, and a file name with an undecodable byte each crashed ``report``
    (ValueError / UnicodeEncodeError / ENAMETOOLONG) or the text, github and SARIF outputs
    (UnicodeEncodeError writing the path); now every output is written and parses."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    page = (SEEDS / sorted(os.listdir(SEEDS))[0]).read_bytes()
    (corpus / ("x" * 246 + ".txt")).write_bytes(page)
    if sys.platform != "win32":  # POSIX file names are bytes
        (corpus / os.fsdecode(b"bad\xff name.txt")).write_bytes(page)
    ids = ["nul\x00id", "\ud800", "y" * 300, "\u00fc" * 200 + "/" + "z" * 300, "plain"]
    (corpus / "s.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": "Leave a Comment\n" + page.decode()}) + "\n" for i in ids)
    )
    before = hashes(corpus)
    script = (
        "import sys; from doclint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # stdout as in a UTF-8 locale: strict
    base = [sys.executable, "-c", script]
    out = tmp_path / "out"
    proc = subprocess.run([*base, "report", str(corpus), "--out", str(out), "--isolated", "--no-cache", "-j", "1"],
                          capture_output=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    reports = list(out.rglob("*.doclint.yaml"))
    assert len(reports) == len(ids) + 1 + (sys.platform != "win32")
    assert all(out in p.parents and len(os.fsencode(p.name)) <= 255 for p in reports)
    assert len(list(out.rglob("*.html"))) == len(reports) + 1
    for report in reports:
        assert yaml.safe_load(report.read_text(errors="surrogateescape"))["path"]
    json.loads((out / "summary.json").read_text())
    for fmt in ("text", "github", "sarif", "junit", "jsonl", "json"):
        for dest in ([], ["-o", str(tmp_path / f"o.{fmt}")]):
            proc = subprocess.run([*base, "check", str(corpus), "--format", fmt, "--isolated", "--no-cache",
                                   "-j", "1", *dest], capture_output=True, env=env, cwd=ROOT)
            assert proc.returncode == 1, (fmt, proc.stderr.decode()[-2000:])
    assert json.loads((tmp_path / "o.sarif").read_text())["runs"][0]["results"]
    assert hashes(corpus) == before


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.characters(), st.sampled_from(["\ud800", "\udcff", "\x00", "\u00fc", "x"])),
                         max_size=400).map("".join), min_size=1, max_size=3))
def test_report_names_are_storable_and_distinct(parts: list[str]) -> None:
    """safe_join makes every part of a report path a name the file system takes: no NUL, no
    lone surrogate outside surrogateescape, at most 255 bytes; distinct parts stay distinct."""
    from doclint.outputs import _file_name, safe_join

    out = Path("/nonexistent-out")
    target = safe_join(out, "/".join(parts) + ".doclint.yaml")
    assert out in target.parents
    for name in target.relative_to(out).parts:
        assert "\x00" not in name and len(os.fsencode(name)) <= 255
    for a in parts:
        for b in parts:
            if a != b and "\\" not in a + b:
                assert _file_name(a) != _file_name(b)


def test_documents_named_index_and_index_page_get_a_page_each(tmp_path: Path) -> None:
    """A document named "index" has its page at index.page.html (index.html is the index),
    where the page of a document named "index.page" went too: one page overwrote the other
    and both index links led to the same one."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "index").write_text("Leave a comment\n")
    (corpus / "index.page").write_text("Share this article\n")
    out = tmp_path / "out"
    assert main(["report", str(corpus), "--include", "*", "--out", str(out), "--isolated", "--no-cache", "-j", "1"]) == 0
    pages = sorted(p.name for p in out.glob("*.html") if p.name != "index.html")
    assert len(pages) == 2
    rows = json.loads((out / "summary.json").read_text())["documents"]
    assert len({r["report"] for r in rows}) == 2
