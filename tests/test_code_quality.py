"""The code base stays ruff-clean and mypy-clean (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


def test_ruff_is_clean() -> None:
    pytest.importorskip("ruff", reason="ruff is in the test extra")
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "doclint", "tests", "bench", "tools", "--output-format", "concise"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean(tmp_path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "doclint", "--cache-dir", str(tmp_path / "mypy-cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
