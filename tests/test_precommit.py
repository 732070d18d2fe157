"""The pre-commit hook definition works: `pre-commit try-repo` on this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed by pre-commit")
def test_pre_commit_try_repo_runs_doclint_hook(tmp_path: Path) -> None:
    work = tmp_path / "corpus"
    work.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "PRE_COMMIT_HOME": str(tmp_path / "pc-home"),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    (work / "clean.txt").write_text("A clean sentence about the weather.\n")
    (work / "dirty.txt").write_text("Story text.\n\nLeave a Comment\n")
    # staged files named like options: "-oclean.txt" was read as "-o clean.txt" and the hook
    # wrote its findings over clean.txt
    (work / "-oclean.txt").write_text("Another clean sentence about the rain.\n")
    (work / "-x.txt").write_text("A third clean sentence about the wind.\n")
    subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
    # A committed snapshot of this source tree, so the test does not depend on the state of
    # the checkout it runs in; try-repo installs it into a hook environment with pip.
    repo = tmp_path / "doclint-src"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
        ".git", ".venv", "reports", "fixed", "__pycache__", ".pytest_cache", ".hypothesis",
        ".doclint_cache", "*.egg-info", "build", "dist"))
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "snapshot"], cwd=repo, check=True, env=env)
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "doclint", "--all-files"],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "dirty.txt:3:1: B101" in output
    assert "clean.txt" not in output.split("doclint")[-1]
    assert (work / "clean.txt").read_text() == "A clean sentence about the weather.\n"
    assert "unrecognized arguments" not in output and not (work / ".txt").exists()
