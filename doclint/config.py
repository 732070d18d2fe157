"""Configuration: ``[tool.doclint]`` in pyproject.toml or a ``doclint.toml``.

The nearest file is found by walking up from the first input path. ``doclint.toml``
wins over ``pyproject.toml`` in the same folder; a pyproject.toml without a
``[tool.doclint]`` table is passed over. Unknown keys are errors (exit 2).

Per-check options (``[tool.doclint.options.NAME]``, ``[options.NAME]`` in a doclint.toml)
are checked when the engine is built (:func:`validate_options`): each check module declares
the keys it reads and their kinds in a module-level ``OPTIONS`` mapping (key -> a kind of
:data:`OPTION_KINDS`). A table naming no check module, a key the module does not declare or a
value not of the declared kind is an error (exit 2) naming the file, the table and the key --
whether or not the module's rules are selected: a misspelt option is a typo either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doclint.contract import SEVERITIES

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz", "*.parquet")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
    ".doclint_cache", "*.doclint.yaml", "*.meta.yaml",
)
FAIL_ON = ("error", "warning", "info", "never")
MAX_TIMEOUT = 1_000_000  # seconds: far above any useful budget, far below what setitimer takes
KEYS = (
    "select", "ignore", "extend-select", "severity", "per-path-ignores", "packs",
    "fail-on", "include", "exclude", "extend-exclude", "options", "check-timeout",
    "text-field", "id-field", "max-bytes",
)


class ConfigError(ValueError):
    """Bad configuration; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    packs: tuple[Path, ...] = ()
    fail_on: str = "warning"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    timeout: float = 10.0
    max_bytes: int = 64 << 20
    text_field: str = "text"
    id_field: str = "id"
    source: Path | None = None
    # the TOML header of the options tables in ``source`` ("tool.doclint.options" in a
    # pyproject.toml): error messages name the table as the user wrote it
    options_table: str = "options"

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def parse(table: Mapping[str, Any], where: str, base: Path) -> Config:
    """Build a Config from a ``[tool.doclint]`` table; ``base`` resolves relative pack paths."""
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(KEYS)})"
        )
    cfg: dict[str, Any] = {}
    if "select" in table:
        cfg["select"] = _strings(where, "select", table["select"])
    if "extend-select" in table:
        cfg["select"] = cfg.get("select", ()) + _strings(where, "extend-select", table["extend-select"])
    if "ignore" in table:
        cfg["ignore"] = _strings(where, "ignore", table["ignore"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, Mapping):
            raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"error|warning|info\"")
        for code, level in sev.items():
            if level not in SEVERITIES:
                raise ConfigError(
                    f"{where}: severity.{code} must be one of {', '.join(SEVERITIES)} (got {level!r})"
                )
        cfg["severity"] = dict(sev)
    if "per-path-ignores" in table:
        ppi = table["per-path-ignores"]
        if not isinstance(ppi, Mapping):
            raise ConfigError(f"{where}: 'per-path-ignores' must be a table of \"glob\" = [codes]")
        cfg["per_path_ignores"] = {
            glob: _strings(where, f"per-path-ignores.{glob}", codes) for glob, codes in ppi.items()
        }
    if "packs" in table:
        try:
            cfg["packs"] = tuple((base / p).resolve() for p in _strings(where, "packs", table["packs"]))
        except (OSError, ValueError) as exc:  # a NUL in a path, a symlink loop
            raise ConfigError(f"{where}: 'packs': {exc}") from None
    if "fail-on" in table:
        if table["fail-on"] not in FAIL_ON:
            raise ConfigError(f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON)}")
        cfg["fail_on"] = table["fail-on"]
    if "include" in table:
        cfg["include"] = _strings(where, "include", table["include"])
    if "exclude" in table:
        cfg["exclude"] = _strings(where, "exclude", table["exclude"])
    if "extend-exclude" in table:
        cfg["exclude"] = cfg.get("exclude", DEFAULT_EXCLUDE) + _strings(
            where, "extend-exclude", table["extend-exclude"]
        )
    if "check-timeout" in table:
        value = table["check-timeout"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_TIMEOUT:
            # (nan fails the range test; inf and 1e300 overflow the interval timer in every check)
            raise ConfigError(
                f"{where}: 'check-timeout' must be a number of seconds from 0 to {MAX_TIMEOUT:,} (0 = no limit)"
            )
        cfg["timeout"] = float(value)
    if "max-bytes" in table:
        value = table["max-bytes"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{where}: 'max-bytes' must be a whole number of bytes >= 0 (0 = no limit)")
        cfg["max_bytes"] = value
    for key, attr in (("text-field", "text_field"), ("id-field", "id_field")):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise ConfigError(f"{where}: '{key}' must be a non-empty string")
            cfg[attr] = table[key]
    if "options" in table:
        opts = table["options"]
        if not isinstance(opts, Mapping) or not all(isinstance(v, Mapping) for v in opts.values()):
            raise ConfigError(f"{where}: 'options' must be a table of tables ([tool.doclint.options.NAME])")
        cfg["options"] = {k: dict(v) for k, v in opts.items()}
    return Config(**cfg)


def load_file(path: Path) -> Config:
    import tomllib  # here, not at the top: a run without a config file never needs it (~3 ms)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML error: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: TOML error: arrays or tables nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("doclint")
        if table is None:
            raise ConfigError(f"{path}: no [tool.doclint] table")
        where = f"{path}: [tool.doclint]"
    else:
        table = data.get("tool", {}).get("doclint", data) if "tool" in data else data
        where = str(path)
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: must be a table")
    cfg = parse(table, where, path.parent)
    return replace(cfg, source=path, options_table="options" if table is data else "tool.doclint.options")


def find_config(start: Path) -> Path | None:
    """The nearest doclint.toml / pyproject.toml-with-[tool.doclint] at or above ``start``."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / "doclint.toml"
        if own.is_file():
            return own
        py = candidate / "pyproject.toml"
        if py.is_file():
            import tomllib

            try:
                data = tomllib.loads(py.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError, RecursionError):
                continue
            if "doclint" in data.get("tool", {}):
                return py
    return None


def resolve(paths: Sequence[str], explicit: str | None = None, isolated: bool = False) -> Config:
    if isolated:
        return Config()
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return load_file(path)
    start = Path(paths[0]) if paths else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    found = find_config(start)
    return load_file(found) if found else Config()


def configured_knowledge_paths(config: Any) -> list[Path]:
    """The user's knowledge files and folders named in ``[tool.doclint.options.contradiction]``."""
    settings = (getattr(config, "options", None) or {}).get("contradiction") or {}
    return knowledge_paths(settings, getattr(config, "source", None), options_where(config, "contradiction"))


def knowledge_paths(
    settings: Mapping[str, Any], source: str | Path | None, where: str = "options.contradiction"
) -> list[Path]:
    """``knowledge_paths`` (or ``knowledge-paths``) from a check's settings, relative to the
    config file ``source`` (else to the current directory); ``where`` names the table in errors."""
    key = "knowledge_paths"
    raw = settings.get(key)
    if raw is None:
        key = "knowledge-paths"
        raw = settings.get(key, [])
    if isinstance(raw, (str, Path)):
        raw = [raw]
    if not raw:
        return []  # the usual case: no cwd or path work
    if not isinstance(raw, (list, tuple)) or not all(isinstance(p, (str, Path)) for p in raw):
        raise ConfigError(f"{where}: {key!r} must be a list of paths (got {raw!r})")
    base = Path(source).parent if source else Path.cwd()
    out = []
    for p in raw:
        p = Path(p).expanduser()
        out.append(p if p.is_absolute() else base / p)
    return out


# ------------------------------------------------------------ per-check options


def _is_date(value: Any) -> bool:
    import datetime as _dt  # here, not at the top: only a configured option needs it (~1 ms)

    if value is None or isinstance(value, _dt.date):  # None: unset; a TOML datetime is a date
        return True
    if not isinstance(value, str):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_paths(value: Any) -> bool:
    """What :func:`knowledge_paths` accepts: a path, a list of paths, or nothing."""
    if value is None or isinstance(value, (str, Path)):
        return True
    return isinstance(value, (list, tuple)) and all(isinstance(p, (str, Path)) for p in value)


def _is_codes(value: Any) -> bool:
    """A language code, codes separated by commas, or a list of codes."""
    if value is None or isinstance(value, str):
        return True
    return isinstance(value, (list, tuple)) and all(isinstance(c, str) for c in value)


def _converts(kind: Callable[[Any], Any]) -> Callable[[Any], bool]:
    """Accepts what ``kind(value)`` takes (as the check reads it, so a number written as text
    too), but never a boolean, NaN or an infinity, nor a fraction where a whole number is read."""
    import math

    def test(value: Any) -> bool:
        if isinstance(value, bool):
            return False
        try:
            number = float(value)
            kind(value)
        except (TypeError, ValueError, OverflowError):
            return False
        return math.isfinite(number) and (kind is not int or number == int(number))

    return test


# kind -> (test, what the message says the value must be)
OPTION_KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "date": (_is_date, 'a date: a TOML date (2021-06-01) or a string "YYYY-MM-DD"'),
    "paths": (_is_paths, "a list of paths"),
    "number": (_converts(float), "a number"),
    "integer": (_converts(int), "a whole number"),
    "codes": (_is_codes, 'a language code or a list of them ("en", ["en", "es"])'),
    "any": (lambda value: True, "anything"),  # the check reads any value (a bad one falls back)
}


def options_where(config: Any, name: str) -> str:
    """How error messages name the options table of check ``name``: the file and the table
    header as written there, or ``options.NAME`` for a configuration built in code."""
    source = getattr(config, "source", None)
    if source is None:
        return f"options.{name}"
    return f"{source}: [{getattr(config, 'options_table', 'options')}.{name}]"


def _suggest(word: str, known: Sequence[str]) -> str:
    import difflib  # only for an error message

    close = difflib.get_close_matches(word, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def validate_options(config: Config, declared: Mapping[str, Mapping[str, str]]) -> None:
    """Check every ``[options.NAME]`` table of ``config`` against ``declared`` (check module
    name -> its ``OPTIONS``: key -> kind), whatever the selection; ConfigError on the first
    table naming no module, key not declared or value not of its kind."""
    checks = sorted(declared)
    for name, settings in config.options.items():
        where = options_where(config, name)
        if name not in declared:
            raise ConfigError(
                f"{where}: unknown check {name!r} (known checks: {', '.join(checks)}){_suggest(name, checks)}"
            )
        accepted = declared[name]
        for key, value in settings.items():
            kind = accepted.get(key)
            if kind is None:
                if not accepted:
                    raise ConfigError(f"{where}: unknown key {key!r} (the {name} check takes no options)")
                keys = sorted(accepted)
                raise ConfigError(
                    f"{where}: unknown key {key!r} (known keys: {', '.join(keys)}){_suggest(key, keys)}"
                )
            test, what = OPTION_KINDS[kind]
            if not test(value):
                raise ConfigError(f"{where}: {key!r} must be {what} (got {value!r})")
