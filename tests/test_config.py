"""Configuration discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from doclint.config import ConfigError, find_config, load_file, resolve


def test_nearest_config_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.doclint]\nfail-on = "error"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "doc.txt").write_text("x")
    assert find_config(deep / "doc.txt") == tmp_path / "pyproject.toml"
    assert resolve([str(deep / "doc.txt")]).fail_on == "error"


def test_doclint_toml_wins_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "doclint.toml").write_text('select = ["markup"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    cfg = resolve([str(sub)])
    assert cfg.select == ("markup",)
    assert cfg.source == tmp_path / "doclint.toml"


def test_all_documented_keys_parse(tmp_path: Path) -> None:
    path = tmp_path / "doclint.toml"
    path.write_text(
        """
select = ["boilerplate", "M1"]
ignore = ["B117"]
fail-on = "info"
include = ["*.txt"]
extend-exclude = ["drafts"]
packs = ["my-rules"]
[severity]
B101 = "error"
[per-path-ignores]
"legacy/*" = ["markup"]
[options.language]
allowed = ["en", "es"]
"""
    )
    cfg = load_file(path)
    assert cfg.ignore == ("B117",) and cfg.fail_on == "info"
    assert cfg.packs == ((tmp_path / "my-rules").resolve(),)
    assert cfg.severity == {"B101": "error"}
    assert "drafts" in cfg.exclude
    assert cfg.options["language"]["allowed"] == ["en", "es"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('selcet = ["B1"]\n', "unknown key 'selcet'"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ('[severity]\nB101 = "fatal"\n', "severity.B101"),
        ("select = [1, 2]\n", "'select'"),
        ("select = [\n", "TOML error"),
        ("check-timeout = inf\n", "'check-timeout'"),  # overflowed setitimer in every check
        ("check-timeout = nan\n", "'check-timeout'"),
        ("check-timeout = 1e300\n", "'check-timeout'"),
        ('packs = ["a\\u0000b"]\n', "'packs'"),  # ValueError (embedded null byte): a traceback
        ("select = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),  # RecursionError
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "doclint.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_file(path)
    assert str(path) in str(err.value) and needle in str(err.value)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("[options.contradiction]\nknowledge_paths = [5]\n", "'knowledge_paths' must be a list"),  # TypeError
        ("[options.contradiction]\nknowledge_paths = {a = 1}\n", "'knowledge_paths' must be a list"),
        ('[options.residue_spun]\nmin_words = "abc"\n', "min_words"),  # crashed the check per document
        ("[options.residue_spun]\nmax_ratio = [1]\n", "max_ratio"),
        ('[options.provenance]\nmin_language_confidence = "high"\n', "min_language_confidence"),
    ],
)
def test_bad_check_options_are_config_errors(tmp_path: Path, body: str, needle: str, capsys) -> None:
    """Check options of the wrong type crashed the run (a traceback) or the check on every
    document (an internal error per report); they are configuration errors: exit 2, named."""
    from doclint.cli import main

    (tmp_path / "doclint.toml").write_text(body)
    (tmp_path / "a.txt").write_text("Some text.\n")
    for cache in (["--no-cache"], ["--cache-dir", str(tmp_path / "cache")]):
        assert main(["check", str(tmp_path), "-q", "-j", "1", *cache]) == 2
        err = capsys.readouterr().err
        assert needle in err and "Traceback" not in err


def test_today_option_as_toml_datetime(tmp_path: Path, capsys) -> None:
    """``today = 2021-06-01T00:00:00`` (a TOML datetime) made the contradiction check compare a
    datetime with dates: TypeError on every document. It is read as that day."""
    import json

    from doclint.cli import main

    (tmp_path / "doclint.toml").write_text("[options.contradiction]\ntoday = 2021-06-01T12:00:00\n")
    (tmp_path / "a.txt").write_bytes(sorted(SEEDS.glob("*.txt"))[0].read_bytes())
    main(["check", str(tmp_path), "--format", "json", "-j", "1", "--no-cache", "--select", "contradiction"])
    report = json.loads(capsys.readouterr().out)["documents"][0]
    assert report["stats"].get("temporal_cues") and "errors" not in report


def test_deeply_nested_pyproject_on_the_way_up_is_passed_over(tmp_path: Path) -> None:
    """find_config parses each pyproject.toml it meets; one nested too deeply for tomllib
    raised RecursionError (a traceback) instead of being passed over like a broken one."""
    (tmp_path / "pyproject.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") is None
