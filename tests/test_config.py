"""Configuration discovery and validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SEEDS
from hypothesis import given
from hypothesis import strategies as st

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


# ---------------------------------------------------------------- per-check options


def _declared() -> dict[str, dict[str, str]]:
    from doclint.checks import discover

    return {name: module.OPTIONS for name, module in discover().items()}


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        # an unparseable date silently fell back to the real date
        ('[options.contradiction]\ntoday = "next tuesday"\n',
         ["[options.contradiction]", "'today' must be a date", "YYYY-MM-DD", "'next tuesday'"]),
        # an unknown key was ignored
        ('[options.contradiction]\ntodya = "2021-01-01"\n',
         ["[options.contradiction]", "unknown key 'todya'", "knowledge_paths, today", "did you mean 'today'?"]),
        # an unknown check name was ignored
        ('[options.langauge]\nallowed = ["en"]\n',
         ["[options.langauge]", "unknown check 'langauge'", "contradiction, disclosure", "did you mean 'language'?"]),
        ("[options.contradiction]\ntoday = 20210101\n", ["'today' must be a date", "(got 20210101)"]),
        ("[options.contradiction]\ntoday = 12:00:00\n", ["'today' must be a date"]),
        ('[options.contradiction]\ntoday = ""\n', ["'today' must be a date"]),
        ("[options.nonsense]\nx = 1\n", ["unknown check 'nonsense'", "(known checks: contradiction"]),
        ("[options.encoding]\nallowed = 1\n", ["[options.encoding]", "unknown key 'allowed'", "takes no options"]),
        ("[options.language]\nmin_confidnce = 0.5\n", ["unknown key 'min_confidnce'", "did you mean 'min_confidence'?"]),
        ("[options.residue_spun]\nmin_words = true\n", ["'min_words' must be a whole number"]),
        ("[options.provenance]\nmin_language_confidence = [0.5]\n", ["'min_language_confidence' must be a number"]),
    ],
)
def test_bad_options_table_key_or_value_is_a_config_error(tmp_path: Path, body: str, needles: list[str],
                                                          capsys) -> None:
    """Exit 2 with one line naming the file, the table and the key, whatever is selected (the
    contradiction typos are reported in a run of the markup rules only), with or without the cache."""
    from doclint.cli import main

    (tmp_path / "doclint.toml").write_text(body)
    (tmp_path / "a.txt").write_bytes(sorted(SEEDS.glob("*.txt"))[0].read_bytes())
    for extra in (["--no-cache"], ["--cache-dir", str(tmp_path / "cache")], ["--select", "M", "--no-cache"]):
        assert main(["check", str(tmp_path), "-q", "-j", "1", *extra]) == 2
        err = capsys.readouterr().err
        assert str(tmp_path / "doclint.toml") in err and len(err.strip().splitlines()) == 1, err
        assert all(n in err for n in needles), err


def test_options_errors_name_the_pyproject_table(tmp_path: Path) -> None:
    from doclint.engine import Engine

    (tmp_path / "pyproject.toml").write_text('[tool.doclint.options.contradiction]\ntodya = "2021-01-01"\n')
    with pytest.raises(ConfigError) as err:
        Engine(load_file(tmp_path / "pyproject.toml"))
    assert f"{tmp_path / 'pyproject.toml'}: [tool.doclint.options.contradiction]: unknown key 'todya'" in str(err.value)
    (tmp_path / "doclint.toml").write_text('[tool.doclint.options.langauge]\nallowed = ["en"]\n')
    with pytest.raises(ConfigError, match=r"\[tool\.doclint\.options\.langauge\]: unknown check 'langauge'"):
        Engine(load_file(tmp_path / "doclint.toml"))


def test_options_in_code_are_checked_too() -> None:
    from doclint.config import Config
    from doclint.engine import Engine

    with pytest.raises(ConfigError, match=r"^options\.langauge: unknown check 'langauge'"):
        Engine(Config(options={"langauge": {}}))
    with pytest.raises(ConfigError, match=r"^options\.contradiction: 'today' must be a date"):
        Engine(Config(select=("M",), options={"contradiction": {"today": "next tuesday"}}))
    Engine(Config(options={"contradiction": {"today": dt.date(2021, 1, 1)}, "language": {"min_words": 5}}))


def _readme_config_example() -> str:
    """The toml example of README's Configuration section."""
    import re

    from conftest import ROOT

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Configuration\n", 1)[1]
    match = re.search(r"```toml\n(.*?)```", section, re.S)
    assert match, "README's Configuration section has no toml example"
    return match.group(1)


def test_every_documented_option_key_is_declared_and_loads(tmp_path: Path) -> None:
    """README's configuration example, as it is, builds an engine with every rule selected."""
    import tomllib

    from doclint.engine import Engine

    example = _readme_config_example()
    documented = tomllib.loads(example)["tool"]["doclint"]["options"]
    declared = _declared()
    assert documented, "README documents no [tool.doclint.options.NAME] table"
    for name, table in documented.items():
        assert name in declared, name
        assert set(table) <= set(declared[name]), (name, set(table) - set(declared[name]))
    (tmp_path / "pyproject.toml").write_text(example)
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-knowledge").mkdir()
    config = load_file(tmp_path / "pyproject.toml")
    assert config.options == documented
    engine = Engine(config)
    assert {name for name, _ in engine.active_modules} == set(declared)


def test_every_key_a_check_reads_is_declared() -> None:
    """The keys read with ``options.get("key", ...)``, ``_opt(options, "key")`` or
    ``options.settings`` (knowledge_paths) in a check module's source are in its OPTIONS,
    and every declared kind is one doclint.config knows."""
    import ast
    import inspect

    from doclint.checks import discover
    from doclint.checks import language as language_mod
    from doclint.config import OPTION_KINDS

    for name, module in discover().items():
        assert isinstance(module.OPTIONS, dict), name
        assert set(module.OPTIONS.values()) <= set(OPTION_KINDS), name
        read: set[str] = set()
        tree = ast.parse(inspect.getsource(module))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func, args = node.func, node.args
            if (isinstance(func, ast.Attribute) and func.attr == "get" and isinstance(func.value, ast.Name)
                    and func.value.id == "options" and args and isinstance(args[0], ast.Constant)):
                read.add(args[0].value)
            if isinstance(func, ast.Name) and func.id == "_opt" and len(args) == 2 and isinstance(args[1], ast.Constant):
                read.add(args[1].value)
            if isinstance(func, ast.Name) and func.id == "knowledge_paths":
                read |= {"knowledge_paths", "knowledge-paths"}
        assert read <= set(module.OPTIONS), (name, read - set(module.OPTIONS))
    assert set(language_mod._DEFAULTS) | {"allowed"} == set(language_mod.OPTIONS)


_KIND_VALUES = {
    "date": st.one_of(st.dates(), st.datetimes(), st.dates().map(dt.date.isoformat)),
    "paths": st.one_of(st.text(min_size=1), st.lists(st.text(min_size=1), max_size=3)),
    "number": st.one_of(st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False)),
    "integer": st.integers(-(2**63), 2**63 - 1),
    "codes": st.one_of(st.text(), st.lists(st.text(), max_size=3)),
    "any": st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.lists(st.text())),
}


@st.composite
def _valid_options(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for name, accepted in sorted(_declared().items()):
        keys = draw(st.lists(st.sampled_from(sorted(accepted)), unique=True)) if accepted else []
        if keys or draw(st.booleans()):
            out[name] = {key: draw(_KIND_VALUES[accepted[key]]) for key in keys}
    return out


@given(_valid_options())
def test_every_declared_key_with_a_value_of_its_kind_is_accepted(options: dict[str, dict[str, object]]) -> None:
    """Any subset of each module's declared keys, any values of the declared kinds: the engine
    builds (tables of every module are checked, so selecting one rule is enough)."""
    from doclint.config import Config, validate_options
    from doclint.engine import Engine

    validate_options(Config(options=options), _declared())
    Engine(Config(select=("R001",), options=options))


@given(st.data(), st.text(min_size=1).filter(lambda s: "_" not in s))
def test_a_misspelt_declared_key_is_refused(data: st.DataObject, suffix: str) -> None:
    from doclint.config import Config, validate_options

    name, key = data.draw(st.sampled_from(sorted((n, k) for n, keys in _declared().items() for k in keys)))
    with pytest.raises(ConfigError, match=f"^options\\.{name}: unknown key"):
        validate_options(Config(options={name: {key + suffix: 1}}), _declared())


def test_fingerprint_still_covers_options() -> None:
    from doclint.config import Config
    from doclint.identity import fingerprint

    a = fingerprint(Config(options={"contradiction": {"today": "2021-01-01"}}))
    assert a != fingerprint(Config(options={"contradiction": {"today": "2021-01-02"}}))
    assert a != fingerprint(Config())


@pytest.mark.parametrize("value", [30.7, float("nan"), float("inf"), True, "thirty"])
def test_a_whole_number_option_takes_whole_numbers_only(value: object) -> None:
    from doclint.config import Config
    from doclint.engine import Engine

    with pytest.raises(ConfigError, match="min_words.*must be a whole number"):
        Engine(Config(options={"residue_spun": {"min_words": value}}))
    Engine(Config(options={"residue_spun": {"min_words": 30.0}}))  # a whole number written as a float
