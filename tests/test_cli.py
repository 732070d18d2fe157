"""The command line: check, report, rule; exit codes; inputs never modified."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, SEEDS

from doclint.cli import main

SCHEMA = json.loads((ROOT / "doclint" / "schema" / "report-v1.schema.json").read_text())


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


def test_check_json_follows_contract(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(corpus), "--format", "json", "--isolated"])
    out = json.loads(capsys.readouterr().out)
    jsonschema.validate(out, SCHEMA)
    assert code == 1
    assert out["schema"] == 1 and out["summary"]["documents"] == 5
    paths = [Path(d["path"]).name[:3] for d in out["documents"]]
    assert paths == ["000", "001", "002", "003", "004"]


def test_check_text_format_and_exit_codes(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = str(sorted(corpus.glob("002_*"))[0])
    assert main(["check", target, "--select", "B101", "--isolated"]) == 1
    out = capsys.readouterr().out
    assert f"{target}:63:1: B101 [boilerplate] Comment prompt left in the text: Leave a Comment" in out
    assert main(["check", target, "--select", "B101", "--fail-on", "error", "--isolated"]) == 0
    assert main(["check", str(sorted(corpus.glob("000_*"))[0]), "--select", "markup", "--isolated"]) == 0


def test_bad_arguments_and_missing_paths_exit_2(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", str(corpus), "--format", "xml"]) == 2
    assert main(["check", str(corpus / "nope.txt"), "--isolated"]) == 2
    assert "nope.txt: no such file or directory" in capsys.readouterr().err
    assert main(["check", str(corpus), "--select", "Q9", "--isolated"]) == 2


def test_unwritable_outputs_exit_2_with_a_message(corpus: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """-o / --out where nothing can be written (under a file, onto a folder) raised OSError
    out of main: a traceback. Now: exit 2, the path and the reason."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    runs = [
        (["check", str(corpus), "-o", str(blocker / "out.json")], str(blocker)),
        (["check", str(corpus), "--format", "sarif", "-o", str(folder)], str(folder)),
        (["report", str(corpus), "--out", str(blocker / "r")], str(blocker)),
        (["baseline", str(corpus), "-o", str(blocker / "b.json")], str(blocker)),
    ]
    for argv, named in runs:
        assert main([*argv, "--isolated", "--no-cache", "-j", "1"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("doclint: error: ") and named in err and "Traceback" not in err
    assert blocker.read_text() == "x" and not list(folder.iterdir())


def test_bad_config_and_bad_pack_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "doc.txt").write_text("hello\n")
    (tmp_path / "doclint.toml").write_text('fail-on = "warning"\nwhatever = 1\n')
    assert main(["check", str(tmp_path / "doc.txt")]) == 2
    err = capsys.readouterr().err
    assert "doclint.toml" in err and "'whatever'" in err
    (tmp_path / "doclint.toml").write_text('packs = ["packs"]\n')
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "bad.yaml").write_text(
        "rules:\n  - {code: X101, name: x, category: markup, severity: info, kind: pattern,"
        " pattern: '(?<=a)b', message: m, rationale: r, examples: {fail: [ab], pass: [b]}}\n"
    )
    assert main(["check", str(tmp_path / "doc.txt")]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "X101" in err


def test_report_writes_yaml_per_document_and_summary(corpus: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = digest_tree(corpus)
    out = tmp_path / "reports"
    assert main(["report", str(corpus), "--out", str(out), "--isolated"]) == 0
    assert digest_tree(corpus) == before  # inputs untouched
    files = sorted(p.name for p in out.glob("*.doclint.yaml"))
    assert len(files) == 5 and files[0].startswith("000_") and files[0].endswith(".txt.doclint.yaml")
    rep = yaml.safe_load((out / files[4]).read_text())
    jsonschema.validate({"schema": 1, "doclint_version": "x", "documents": [rep],
                         "summary": {"documents": 1, "findings": 0, "by_severity": {},
                                     "by_category": {}, "by_rule": {}}}, SCHEMA)
    assert any(f["rule"] == "M101" for f in rep["findings"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["summary"]["documents"] == 5
    assert not list(out.rglob("*.tmp"))  # atomic writes leave no temporaries
    assert "mean score" in capsys.readouterr().out


def test_report_is_deterministic(corpus: Path, tmp_path: Path) -> None:
    main(["report", str(corpus), "--out", str(tmp_path / "a"), "--isolated"])
    main(["report", str(corpus), "--out", str(tmp_path / "b"), "--isolated"])
    assert digest_tree(tmp_path / "a") == digest_tree(tmp_path / "b")


def test_rule_list_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "--isolated"]) == 0
    listing = capsys.readouterr().out
    assert "B101" in listing and "M109" in listing
    assert main(["rule", "M101", "--isolated"]) == 0
    text = capsys.readouterr().out
    assert "stray-tag-fragment" in text and "Why:" in text and "Flagged:" in text
    assert main(["rule", "nope", "--isolated"]) == 2


def test_terminal_output_neutralises_escape_sequences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "evil.txt"
    doc.write_text("Story.\nLeave a comment\x1b[2J\x1b]0;pwned\x07\n", encoding="utf-8")
    main(["check", str(doc), "--select", "boilerplate", "--isolated", "--color", "never"])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out


def test_binary_and_latin1_files_do_not_stop_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "b.txt").write_bytes("Caf\xe9 cr\xe8me, d\xe9j\xe0 vu.\n".encode("latin-1"))
    (tmp_path / "c.txt").write_text("Leave a comment\n")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated"]) == 1
    out = json.loads(capsys.readouterr().out)
    rules = {Path(d["path"]).name: {f["rule"] for f in d["findings"]} for d in out["documents"]}
    assert "R003" in rules["a.txt"] and "R001" in rules["b.txt"] and "B101" in rules["c.txt"]


def test_check_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    # a real text stream (with .buffer and .close(): pool workers close stdin when they start)
    fake = io.TextIOWrapper(io.BytesIO("Story.\n\nLeave a Comment\nCaf\xe9\n".encode("latin-1")))
    monkeypatch.setattr("sys.stdin", fake)
    assert main(["check", "-", "--isolated", "--no-cache", "--select", "B101,R001"]) == 1
    out = capsys.readouterr().out
    assert "<stdin>:3:1: B101" in out and "<stdin>:1:1: R001" in out


def test_outputs_get_plain_file_permissions(tmp_path: Path) -> None:
    import os
    import stat

    (tmp_path / "doc.txt").write_text("Plain text.\n")
    out = tmp_path / "out.json"
    old = os.umask(0o022)
    try:
        main(["check", str(tmp_path / "doc.txt"), "--format", "json", "-o", str(out), "--isolated", "--no-cache"])
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_standard_input_front_matter_is_metadata(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io

    text = "---\npublisher: Example Gazette\n---\nThe council met on Tuesday.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    out = tmp_path / "out.json"
    main(["check", "-", "--isolated", "--no-cache", "--format", "json", "-o", str(out)])
    doc = json.loads(out.read_text())["documents"][0]
    assert doc["provenance"]["metadata"]["publisher"] == "Example Gazette"


def test_report_gives_every_document_its_own_files(tmp_path: Path) -> None:
    """Several inputs: a shard given as a file, a folder holding a shard, two files with the
    same name, a record id repeated in a shard -- every document gets its own report and
    page (no report overwrites another), and summary.json lists each once."""
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    (a / "sub").mkdir(parents=True)
    b.mkdir()
    c.mkdir()
    (a / "note.txt").write_text("Subscribe to our newsletter for updates.\n")
    (b / "note.txt").write_text("Leave a comment below.\n")
    (c / "note.txt").write_text("Thanks for contacting us.\n")
    (b / "NOTE.txt").write_text("Cookie settings.\n")
    records = [{"id": "r1", "text": "Share this article."}, {"id": "r2", "text": "See more photos."},
               {"id": "r1", "text": "A repeated record id."}]
    for shard in (a / "sub" / "s.jsonl", tmp_path / "direct.jsonl"):
        shard.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    inputs = [str(a), str(b / "note.txt"), str(c / "note.txt"), str(b / "NOTE.txt"), str(a / "note.txt"),
              str(tmp_path / "direct.jsonl")]
    main(["report", *inputs, "--out", str(out), "--isolated", "--no-cache"])
    reports = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.doclint.yaml"))
    pages = sorted(p for p in out.rglob("*.html") if p.name != "index.html")
    summary = json.loads((out / "summary.json").read_text())
    files = [row["report"] for row in summary["documents"]]
    assert len(files) == len(set(files)) == len(reports) == len(pages) == summary["summary"]["documents"]
    assert sorted(files) == reports
    assert "a/sub/s.jsonl/r1.doclint.yaml" in reports and "a/sub/s.jsonl/r1~2.doclint.yaml" in reports
    assert "direct.jsonl/r2.doclint.yaml" in reports
    assert {"note.txt.doclint.yaml", "note.txt~2.doclint.yaml", "NOTE.txt~3.doclint.yaml"} <= set(reports)
    paths = [yaml.safe_load((out / f).read_text())["path"] for f in reports]
    assert len(paths) == len(set(paths)) == 10  # a/note, a/sub/s.jsonl x3, b/note, c/note, NOTE, direct x3


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "text", "github", "junit"])
def test_lone_surrogates_from_shards_reach_every_format(tmp_path: Path, fmt: str) -> None:
    """A "\\ud800" escape in a JSONL record and undecodable bytes (kept by surrogateescape)
    give texts with lone surrogates: every output format must still be written (JSON
    escapes them), never crash the run."""
    shard = tmp_path / "s.jsonl"
    shard.write_bytes(b'{"id": 1, "text": "This post is sponsored by Contoso \\ud800 and Fabrikam."}\n'
                      b'{"id": 2, "text": "Bad \xff\xfe bytes. Share this article. &amp; <p>"}\n')
    out = tmp_path / f"out.{fmt}"
    code = main(["check", str(shard), "--format", fmt, "-o", str(out), "--isolated",
                 "--cache-dir", str(tmp_path / "cache")])
    assert code in (0, 1)
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        docs = json.loads(text)["documents"]
        assert len(docs) == 2 and all(d["findings"] and "errors" not in d for d in docs)
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in text.splitlines()]) >= 2
    elif fmt == "sarif":
        assert json.loads(text)["runs"][0]["results"]
    # a warm run (reports from the cache) writes the same
    assert main(["check", str(shard), "--format", fmt, "-o", str(out) + ".warm", "--isolated",
                 "--cache-dir", str(tmp_path / "cache")]) == code
    assert Path(str(out) + ".warm").read_text(encoding="utf-8") == text


def test_report_numbers_an_input_folder_named_like_a_report_page(tmp_path: Path) -> None:
    """Document ``x`` has its page at ``x.html``; an input folder ``x.html/`` beside it cannot
    also be a folder there: it is numbered (``x.html~2/``), once for all its documents, and
    no report is lost or written over. Again into the same folder: the same layout."""
    root = tmp_path / "in"
    (root / "x.html" / "sub").mkdir(parents=True)
    (root / "x").write_text("Leave a comment\n")
    (root / "x.html" / "doc.txt").write_text("Leave a comment\n")
    (root / "x.html" / "sub" / "more.txt").write_text("x &amp; y\n")
    out = tmp_path / "out"
    for _ in range(2):
        code = main(["report", str(root), "--out", str(out), "--isolated", "--no-cache", "--include", "*"])
        assert code in (0, 1)
        files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        assert files == ["index.html", "summary.json", "x.doclint.yaml", "x.html",
                         "x.html~2/doc.txt.doclint.yaml", "x.html~2/doc.txt.html",
                         "x.html~2/sub/more.txt.doclint.yaml", "x.html~2/sub/more.txt.html"]
        summary = json.loads((out / "summary.json").read_text())
        assert len(summary["documents"]) == 3


def test_report_placement_numbers_a_document_named_like_a_folder(tmp_path: Path) -> None:
    from doclint.cli import _Placement
    from doclint.outputs.html import page_path

    place = _Placement(tmp_path, page_path).place
    assert place("x.html/d.txt") == "x.html/d.txt"
    assert place("x") == "x~2"  # its page x.html would be the folder above
    assert place("X.HTML/e.txt") == "X.HTML/e.txt"  # the same folder, other case: still a folder
    assert place("index") == "index" and place("index.page") == "index.page~2"


def test_jobs_beyond_the_cores_are_capped_with_a_note(capsys, monkeypatch) -> None:
    """`-j 5000` once forked 5,000 processes; linting is CPU-bound, so the pool gets the cores
    this run may use, and the user is told."""
    import doclint.cli as cli

    monkeypatch.setattr(cli, "default_jobs", lambda: 2)
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    code = main(["check", seed, "--isolated", "--no-cache", "-j", "5000", "--format", "json"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "--jobs 5000 is more than the 2 cores this run may use; running 2 worker processes" in captured.err
    main(["check", seed, "--isolated", "--no-cache", "-j", "2", "--format", "json"])
    again = capsys.readouterr()
    assert again.err == "" and again.out == captured.out


def test_ray_address_without_the_ray_engine_is_a_usage_error(capsys) -> None:
    code = main(["check", str(SEEDS), "--isolated", "--ray-address", "auto"])
    assert code == 2
    assert "--ray-address is for --engine ray" in capsys.readouterr().err


def test_report_never_writes_over_files_it_did_not_write(tmp_path: Path, capsys) -> None:
    """`report docs --out docs`: a user's own page named like a report page (a.txt.html) is
    kept and the report page numbered; a re-run writes over its own files only, and with an
    include that takes *.html the reports of the last run are not linted as documents."""
    docs = tmp_path / "docs"
    docs.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, docs / "a.txt")
    (docs / "a.txt.html").write_text("<html>my own page</html>")
    (docs / "b.md").write_text("# Notes\n\nLeave a Comment\n")
    for _ in range(2):
        assert main(["report", str(docs), "--out", str(docs), "--isolated", "--no-cache"]) in (0, 1)
        capsys.readouterr()
        assert (docs / "a.txt.html").read_text() == "<html>my own page</html>"
        assert (docs / "a.txt~2.html").exists() and (docs / "b.md.html").exists()
        summary = json.loads((docs / "summary.json").read_text())
        assert sorted(r["path"] for r in summary["documents"]) == [str(docs / "a.txt"), str(docs / "b.md")]
    conf = tmp_path / "inc.toml"
    conf.write_text('include = ["*.txt", "*.md", "*.html"]\n')
    assert main(["report", str(docs), "--out", str(docs), "--config", str(conf), "--no-cache"]) in (0, 1)
    capsys.readouterr()
    summary = json.loads((docs / "summary.json").read_text())
    # the user's page is a document now; the report pages of the earlier runs are not
    assert sorted(Path(r["path"]).name for r in summary["documents"]) == ["a.txt", "a.txt.html", "b.md"]
    # an index.html of the user's own in the folder: refused before anything is written
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(seed, site / "a.txt")
    (site / "index.html").write_text("<html>my site</html>")
    assert main(["report", str(site), "--out", str(site), "--isolated", "--no-cache"]) == 2
    assert "holds a file index.html that doclint did not write" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == ["a.txt", "index.html"]
    assert (site / "index.html").read_text() == "<html>my site</html>"


def test_progress_bar_path_gives_the_same_run(tmp_path: Path, capsys, monkeypatch) -> None:
    """On a terminal the walk is listed first to size the progress bar. That path must give
    the same reports and the same errors, once each (a shard's errors were reported twice
    with --engine ray, and the report folder's own files were linted), and must not hold a
    shard's records in memory to count them."""
    import doclint.progress as progress

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, corpus / seed.name)
    (corpus / "s.jsonl").write_text('{"id": "a", "text": "Leave a Comment"}\n{"id": "b"}\n')

    def run(draw: bool, *args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(progress, "should_draw", lambda total, stream, enabled: draw and (total or 0) > 1)
        code = main(["check", str(corpus), str(tmp_path / "missing"), "--isolated", "--no-cache",
                     "--format", "json", *args])
        out, err = capsys.readouterr()
        return code, out, "\n".join(line for line in err.splitlines() if line.startswith("doclint:"))

    plain = run(False)
    assert plain[2].count("missing") == 1 and plain[2].count("line 2") == 1
    assert run(True) == plain
    (corpus / "s.jsonl").unlink()
    assert run(True, "-j", "2") == run(False, "-j", "2")
    # report into the input folder, with an include that takes the pages: drawn or not, the
    # reports of the earlier run are not documents
    conf = tmp_path / "inc.toml"
    conf.write_text('include = ["*.txt", "*.html"]\n')
    for draw in (False, True, True):
        monkeypatch.setattr(progress, "should_draw", lambda total, stream, enabled, d=draw: d and (total or 0) > 1)
        assert main(["report", str(corpus), "--out", str(corpus), "--config", str(conf), "--no-cache"]) in (0, 1)
        capsys.readouterr()
        summary = json.loads((corpus / "summary.json").read_text())
        assert len(summary["documents"]) == 3


def test_input_errors_are_in_input_order_for_any_jobs(tmp_path: Path, capsys) -> None:
    """The walk runs ahead of the pool, so its errors (a missing path, a bad shard line) used
    to come before the read errors of earlier documents (a broken link) with --jobs 2: stderr
    and the JSON summary's errors differed from --jobs 1."""
    import os

    corpus = tmp_path / "c"
    for i in range(12):
        folder = corpus / f"d{i:02d}"
        folder.mkdir(parents=True)
        shutil.copy(sorted(SEEDS.glob("*.txt"))[i % 5], folder / "doc.txt")
        if i % 3 == 0:
            os.symlink(folder / "nowhere.txt", folder / "link.txt")  # a read error, at its place
        if i % 4 == 1:
            (folder / "s.jsonl").write_text('{"id": "a", "text": "Fine text."}\n{not json\n')
    runs = []
    for jobs in ("1", "2", "3"):
        code = main(["check", str(corpus / "d00"), str(tmp_path / "missing"), str(corpus), "--isolated",
                     "--no-cache", "--format", "json", "-j", jobs])
        out, err = capsys.readouterr()
        errors = json.loads(out)["summary"]["input_errors"]
        runs.append((code, out, [line for line in err.splitlines() if line.startswith("doclint: error")], errors))
    # d00's link (d00 is not walked again under c/), the missing path, 3 more links, 3 shards
    assert len(runs[0][2]) == 1 + 1 + 3 + 3
    assert runs[0] == runs[1] == runs[2]
    # in input order: d00's broken link first, then the missing path, then the walk of c/
    assert "d00" in runs[0][2][0] and "missing" in runs[0][2][1]


def test_report_folder_edge_cases(tmp_path: Path, capsys) -> None:
    """A FIFO where a page or index.html would go is never opened for reading (report hung);
    a user's YAML that merely starts like an old report is kept; a user's document that starts
    like a report but is not named like one is still linted."""
    import os

    seed = sorted(SEEDS.glob("*.txt"))[0]
    d = tmp_path / "d"
    d.mkdir()
    shutil.copy(seed, d / "a.txt")
    os.mkfifo(d / "index.html")
    assert main(["report", str(d), "--out", str(d), "--isolated", "--no-cache"]) == 2  # returns: no hang
    (d / "index.html").unlink()
    os.mkfifo(d / "a.txt.html")
    (d / "a.txt.doclint.yaml").write_text("path: mine\nsha256: my notes\nimportant: data\n")
    (d / "howto.md").write_text("# doclint report\n\nHow to read the reports.\n")
    assert main(["report", str(d), "--out", str(d), "--isolated", "--no-cache"]) in (0, 1)
    capsys.readouterr()
    assert (d / "a.txt.doclint.yaml").read_text() == "path: mine\nsha256: my notes\nimportant: data\n"
    assert (d / "a.txt~2.html").exists() and (d / "a.txt~2.doclint.yaml").exists()
    summary = json.loads((d / "summary.json").read_text())
    assert sorted(Path(r["path"]).name for r in summary["documents"]) == ["a.txt", "howto.md"]


def test_output_never_replaces_an_input_or_a_device(tmp_path: Path, capsys) -> None:
    """`-o` once replaced an input document with the findings, and /dev/null (or a link, a
    FIFO) with an ordinary file."""
    import os

    docs = tmp_path / "docs"
    docs.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, docs / "a.txt")
    before = (docs / "a.txt").read_bytes()
    for cmd in (["check", str(docs), "-o", str(docs / "a.txt")], ["baseline", str(docs), "-o", str(docs / "a.txt")],
                ["check", str(docs / "a.txt"), "-o", str(docs / "a.txt")]):
        assert main([*cmd, "--isolated", "--no-cache"]) == 2
        assert "is an input document" in capsys.readouterr().err
        assert (docs / "a.txt").read_bytes() == before
    assert main(["check", str(docs), "--isolated", "--no-cache", "-o", os.devnull]) == 1
    assert not os.path.isfile(os.devnull)
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    main(["check", str(docs), "--isolated", "--no-cache", "--format", "json", "-o", str(tmp_path / "link.json")])
    assert (tmp_path / "link.json").is_symlink() and json.loads((tmp_path / "real.json").read_text())["documents"]
    os.mkfifo(tmp_path / "bl.fifo")
    assert main(["check", str(docs), "--isolated", "--no-cache", "--baseline", str(tmp_path / "bl.fifo")]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_pre_commit_mode_takes_trailing_files_as_paths(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    seed = sorted(SEEDS.glob("*.txt"))[0]
    for name in ("clean.txt", "-oclean.txt", "-x.txt"):
        shutil.copy(seed, tmp_path / name)
    before = (tmp_path / "clean.txt").read_bytes()
    code = main(["check", "--pre-commit", "--isolated", "--no-cache", "--fail-on", "never", "--format", "json",
                 "-oclean.txt", "clean.txt", "-x.txt"])
    assert code == 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert sorted(d["path"] for d in docs) == ["-oclean.txt", "-x.txt", "clean.txt"]
    assert (tmp_path / "clean.txt").read_bytes() == before


def test_small_argument_slips(tmp_path: Path, capsys, monkeypatch) -> None:
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    try:
        code = main(["check", seed, "--select", "", "--isolated"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2 and "empty value" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["check", seed, "--isolated", "--no-cache", "--format", "json", "-o", "-"]) == 1
    assert json.loads(capsys.readouterr().out)["documents"] and not (tmp_path / "-").exists()
