"""Configuration discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "doclint.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_file(path)
    assert str(path) in str(err.value) and needle in str(err.value)
