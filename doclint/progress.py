"""A progress bar for long runs, drawn on stderr only when a person is watching.

    with progress(len(sources)) as bar:
        for src in sources:
            ...
            bar.advance()

``enabled=None`` (auto) draws the bar only when ``stream`` is a terminal, the environment
variable ``CI`` is not set, ``TERM`` is not ``dumb`` and ``total`` is known and greater
than 1. Otherwise nothing is written at all. The bar is transient (erased at the end) and
never writes to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


class _Silent:
    def advance(self, n: int = 1) -> None:
        pass


class _Bar:
    def __init__(self, progress: Any, task: Any) -> None:
        self._progress = progress
        self._task = task

    def advance(self, n: int = 1) -> None:
        self._progress.advance(self._task, n)


def should_draw(total: int | None, stream: IO[str], enabled: bool | None) -> bool:
    if enabled is not None:
        return enabled
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    if total is None or total <= 1:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


@contextmanager
def progress(
    total: int | None,
    stream: IO[str] | None = None,
    enabled: bool | None = None,
    description: str = "linting",
) -> Iterator[_Silent | _Bar]:
    stream = sys.stderr if stream is None else stream
    if not should_draw(total, stream, enabled):
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, highlight=False, force_terminal=True if enabled else None)
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield _Bar(bar, task)
