"""Per-document YAML reports and summary.json for ``doclint report``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from doclint.outputs import atomic_write, fastyaml, json_text, safe_join

REPORT_SUFFIX = ".doclint.yaml"


def dump_yaml(obj: Mapping[str, Any]) -> str:
    """A report as block-style YAML (:mod:`doclint.outputs.fastyaml`: PyYAML's representer
    cost more than linting the document)."""
    return fastyaml.dump(obj)


# the first line of every report file: `doclint report` writes over a file only when it is its own
YAML_HEADER = "# doclint report\n"


def report_path(out: Path, relative: str) -> Path:
    return safe_join(out, relative + REPORT_SUFFIX)


def write_report(out: Path, relative: str, report: Mapping[str, Any]) -> Path:
    target = report_path(out, relative)
    atomic_write(target, YAML_HEADER + dump_yaml(dict(report)), durable=False)
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
