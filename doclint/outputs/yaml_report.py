"""Per-document YAML reports and summary.json for ``doclint report``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from doclint.outputs import atomic_write, json_text, safe_join

REPORT_SUFFIX = ".doclint.yaml"


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data and len(data) < 2000 and data.strip() == data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(obj: Any) -> str:
    return yaml.dump(obj, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def report_path(out: Path, relative: str) -> Path:
    return safe_join(out, relative + REPORT_SUFFIX)


def write_report(out: Path, relative: str, report: Mapping[str, Any]) -> Path:
    target = report_path(out, relative)
    atomic_write(target, dump_yaml(dict(report)))
    return target


def write_summary(out: Path, summary: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> Path:
    """``summary.json``: the corpus summary and one row per document (path, report file, score)."""
    import doclint
    from doclint.model import SCHEMA_VERSION

    body = {
        "schema": SCHEMA_VERSION,
        "doclint_version": doclint.__version__,
        "summary": dict(summary),
        "documents": list(rows),
    }
    target = out / "summary.json"
    atomic_write(target, json_text(body, indent=2) + "\n")
    return target
