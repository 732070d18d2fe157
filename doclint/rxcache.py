"""Compiled regexes kept between runs, as bytecode is kept in ``.pyc`` files.

Python's ``re`` compiles a pattern in pure Python, ~0.2 ms each: ~40 ms of the start-up of a
run (the check modules compile ~200 patterns at import) and ~70 ms of a whole run. What the
compiler produces -- the SRE code that ``_sre.compile`` takes -- depends only on the pattern,
its flags and the interpreter. ``python -m doclint.rxcache`` (run by ``make`` when it sets up
the environment, and by ``bench/run.py``, as both compile bytecode) saves that code for the
patterns an engine compiles; :func:`load`, called when an engine is built, puts them into
``re``'s own cache, so ``re.compile`` finds them already compiled.

Nothing here can change a match: the file names the interpreter it was written by (version,
``_sre.MAGIC``, cache tag) and carries a SHA-256 of its contents, ``_sre.compile`` checks each
code, and a file that fails any of this -- or an ``re`` module whose cache is not the plain
dict this expects -- is ignored and patterns compile as usual. The file is written only by the
command, never by a lint run. (A pattern served from here is not parsed again: a warning
``re``'s parser gives for a pattern, such as a FutureWarning, shows only when the file is
written. An entry ``_sre.compile`` refuses is skipped; that pattern compiles as usual.)
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from pathlib import Path
from typing import Any

_MAGIC_LINE = b"doclint-rxcache 1\n"
_ROOM = 64  # entries of re's cache left free for patterns compiled later
_loaded = False


def cache_file() -> Path:
    return Path(__file__).resolve().parent / "__pycache__" / f"rxcache.{sys.implementation.cache_tag}.bin"


def _interpreter() -> bytes:
    import _sre

    return f"{sys.version}|{_sre.MAGIC}|{sys.implementation.cache_tag}|{marshal.version}\n".encode()


def _usable_re_cache() -> dict[Any, Any] | None:
    cache = getattr(re, "_cache", None)
    limit = getattr(re, "_MAXCACHE", None)
    return cache if type(cache) is dict and type(limit) is int else None


def entry(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile(pattern, flags)`` passes to ``_sre.compile``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (pattern, int(flags), int(flags | parsed.state.flags), code, parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def dumps(entries: list[tuple[Any, ...]]) -> bytes:
    payload = marshal.dumps(entries)
    return _MAGIC_LINE + _interpreter() + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def loads(blob: bytes) -> list[tuple[Any, ...]] | None:
    """The entries of a file written by :func:`dumps` for this interpreter, else None."""
    head = _MAGIC_LINE + _interpreter()
    if not blob.startswith(head):
        return None
    digest, sep, payload = blob[len(head):].partition(b"\n")
    if not sep or hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return entries if type(entries) is list else None


def load(path: Path | None = None) -> int:
    """Put the saved patterns into ``re``'s cache (once per process); how many were added."""
    global _loaded
    if _loaded and path is None:
        return 0
    _loaded = True
    cache = _usable_re_cache()
    if cache is None:
        return 0
    try:
        blob = (path or cache_file()).read_bytes()
    except OSError:
        return 0
    entries = loads(blob)
    if not entries:
        return 0
    import _sre

    added = 0
    room = re._MAXCACHE - _ROOM - len(cache)  # type: ignore[attr-defined]
    for item in entries[:max(0, room)]:
        try:
            pattern, flags, final_flags, code, groups, groupindex, indexgroup = item
            key = (type(pattern), pattern, flags)
            if key not in cache:
                cache[key] = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
                added += 1
        except Exception:  # noqa: BLE001 - an entry this interpreter does not take: compiled as usual
            continue
    return added


def collect(sample_dirs: list[Path]) -> list[tuple[Any, ...]]:
    """Entries for every pattern an engine compiles: building it, then linting every rule's
    examples and the documents under ``sample_dirs`` (patterns compiled on first use), and
    compiling every deferred pattern (:mod:`doclint.lazyre`) of the loaded modules."""
    from doclint.document import Document
    from doclint.engine import Engine
    from doclint.lazyre import LazyPattern
    from doclint.runner import document_from_bytes

    engine = Engine()
    for rule in engine.rules.values():
        for example in rule.examples:
            engine.lint(Document.from_text(example.text))
    for folder in sample_dirs:
        for path in sorted(folder.glob("*")):
            if path.is_file():
                engine.lint(document_from_bytes(path.read_bytes(), str(path)))
    for name, module in list(sys.modules.items()):
        if name.startswith("doclint"):
            for value in list(vars(module).values()):
                if isinstance(value, LazyPattern):
                    value.pattern  # noqa: B018 - any attribute compiles it
    cache = _usable_re_cache() or {}
    return [entry(pattern, flags) for typ, pattern, flags in list(cache)
            if typ in (str, bytes) and not flags & re.DEBUG]


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m doclint.rxcache", description=__doc__.split("\n\n")[0])
    ap.add_argument("samples", nargs="*", type=Path, help="folders of documents to lint (default: seeds/)")
    args = ap.parse_args(argv)
    samples = args.samples or [p for p in (Path("seeds"),) if p.is_dir()]
    entries = collect(samples)
    target = cache_file()
    try:
        target.parent.mkdir(exist_ok=True)
        from doclint.outputs import atomic_write

        atomic_write(target, dumps(entries), durable=False)
    except OSError as exc:
        print(f"doclint.rxcache: cannot write {target}: {exc} (patterns will compile at start-up)",
              file=sys.stderr)
        return 1
    print(f"doclint.rxcache: {len(entries)} compiled patterns -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
