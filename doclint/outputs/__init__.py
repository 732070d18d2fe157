"""Output formats. Each formatter takes the list of document reports of a run."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

import doclint
from doclint.contract import SCHEMA_VERSION

_KEY = itemgetter("rule", "severity", "category")
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def json_text(value: Any, **kw: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **kw)``: readable UTF-8 JSON -- unless a string in
    ``value`` holds a lone surrogate (shard text kept by ``surrogateescape``, a ``"\\ud800"``
    escape in an input record, an undecodable file name), which UTF-8 cannot carry: then every
    non-ASCII character is escaped (``\\udcff``), so the text can always be written."""
    text = json.dumps(value, ensure_ascii=False, **kw)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(value, ensure_ascii=True, **kw)
    return text


def json_utf8(value: Any, **kw: Any) -> bytes:
    """:func:`json_text` as UTF-8 bytes, encoded once."""
    text = json.dumps(value, ensure_ascii=False, **kw)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escape every non-ASCII character
        return json.dumps(value, ensure_ascii=True, **kw).encode("ascii")


def bytes_writer(stream: Any) -> Any:
    """A function writing bytes to the text ``stream``: straight to its binary buffer (flushed
    first, so the order holds), or, for a text-only stream (an ``io.StringIO`` in a test),
    decoded as UTF-8 (bytes that are not UTF-8 kept by ``surrogateescape``)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        return buffer.write
    return lambda data: stream.write(data.decode("utf-8", "surrogateescape"))


def quote_path(path: str, safe: str = "/") -> str:
    """``urllib.parse.quote`` for a path that may hold lone surrogates: an undecodable byte of a
    file name (kept by ``surrogateescape``) is quoted as that byte, so the link finds the file;
    any other lone surrogate (a ``"\\ud800"`` record id) as its code point's UTF-8 bytes."""
    from urllib.parse import quote

    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = path.encode("utf-8", "surrogatepass")
    return quote(data, safe=safe)


def sanitize(text: str) -> str:
    """Make untrusted text safe for a terminal, one line: escape sequences and control
    characters (newlines and tabs too: a file name holding a newline could forge a finding
    line; bidi overrides) are shown as ``\\n``, ``\\xNN``, ``\\uNNNN``, never emitted; so are lone
    surrogates (an undecodable byte of a file name, a ``"\\ud800"`` record id), which no UTF-8
    stream can carry."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class Summary:
    """Corpus totals, accumulated one report at a time (memory does not grow with the corpus)."""

    def __init__(self) -> None:
        # (rule, severity, category) of every finding: one count in C per finding
        self._keys: Counter[tuple[str, str, str]] = Counter()
        self.documents = 0
        self.with_findings = 0
        self.score_total = 0
        self.internal_errors = 0

    def add(self, totals: Mapping[str, Any]) -> None:
        """Count one document, given as its :func:`digest`."""
        self.documents += 1
        self.score_total += totals["score"]
        counts = totals["counts"]
        self.with_findings += bool(counts)
        self.internal_errors += totals["errors"]
        keys = self._keys
        for rule, severity, category, n in counts:
            keys[rule, severity, category] += n

    def _totals(self, index: int) -> Counter[str]:
        totals: Counter[str] = Counter()
        for key, n in self._keys.items():
            totals[key[index]] += n
        return totals

    @property
    def by_rule(self) -> Counter[str]:
        return self._totals(0)

    @property
    def by_sev(self) -> Counter[str]:
        return self._totals(1)

    @property
    def by_cat(self) -> Counter[str]:
        return self._totals(2)

    def as_dict(self, errors: Sequence[str] = ()) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "findings": sum(self._keys.values()),
            "documents_with_findings": self.with_findings,
            "by_severity": dict(sorted(self.by_sev.items())),
            "by_category": dict(sorted(self.by_cat.items())),
            "by_rule": dict(sorted(self.by_rule.items())),
            "mean_score": round(self.score_total / self.documents, 1) if self.documents else None,
            "internal_errors": self.internal_errors,
            "input_errors": list(errors),
        }


def digest(report: Mapping[str, Any]) -> dict[str, Any]:
    """What the run totals and ``--fail-on`` read from a report, without the rest of it (what
    the cache keeps beside a report): the score, ``[rule, severity, category, count]`` per
    rule found, in order of first finding, and the number of internal errors."""
    counts = Counter(map(_KEY, report["findings"]))
    return {
        "score": report["score"],
        "counts": [[*key, n] for key, n in counts.items()],
        "errors": len(report.get("errors", ())),
    }


def summarize(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> dict[str, Any]:
    acc = Summary()
    for rep in reports:
        acc.add(digest(rep))
    return acc.as_dict(errors)


def envelope(reports: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "doclint_version": doclint.__version__,
        "documents": list(reports),
        "summary": summarize(reports, errors),
    }


_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def text_lines(reports: Iterable[Mapping[str, Any]], color: bool = False) -> Iterable[str]:
    """``path:line:col: CODE [category] message`` per finding."""
    for rep in reports:
        path = sanitize(rep["path"])
        for f in rep["findings"]:
            msg = sanitize(f["message"])
            if color:
                sev = _COLORS.get(f["severity"], "")
                yield (
                    f"{_BOLD}{path}{_RESET}:{f['line']}:{f['column']}: "
                    f"{sev}{f['rule']}{_RESET} {_DIM}[{f['category']}]{_RESET} {msg}"
                )
            else:
                yield f"{path}:{f['line']}:{f['column']}: {f['rule']} [{f['category']}] {msg}"
        for err in rep.get("errors", ()):
            yield f"{path}: internal error in check {err['check']}: {sanitize(err['error'])}"


# Temporary files being written (see _mkstemp): renamed into place or removed when done. A
# Ctrl-C can land between creating one and the ``try`` that would remove it; the command line
# removes what is left (remove_pending) before it exits with 130.
_PENDING: set[str] = set()


def remove_pending() -> None:
    """Remove the temporary files an interrupted write left behind."""
    for name in list(_PENDING):
        try:
            os.unlink(name)
        except OSError:
            pass
        _PENDING.discard(name)


def _mkstemp(path: Path) -> tuple[int, str]:
    """A temporary file beside ``path`` (``.<name>.<random>.tmp``, created exclusively), like
    ``tempfile.mkstemp`` but without importing tempfile (and random, shutil ...) on every
    run, and with the permissions of a plain ``open`` (0666 less the umask, where mkstemp
    gives 0600): a report folder served by a web server stays readable."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    stem = _cut_utf8(path.name, _NAME_MAX - 19)  # any name that fits has a temporary that fits
    for _ in range(100):
        name = os.path.join(path.parent, f".{stem}.{os.urandom(6).hex()}.tmp")
        _PENDING.add(name)  # before it exists: a Ctrl-C at any point after leaves it listed
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            _PENDING.discard(name)
            continue
        except OSError as exc:  # name the file being written, not its temporary
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    raise FileExistsError(f"no free temporary name beside {path}")


class atomic_open:
    """``with atomic_open(path) as fh: fh.write(text)`` -- the file appears (renamed into
    place) only when the block ends without an exception. A symbolic link is written through
    (the file it points to is replaced, the link stays); a device or a FIFO (``/dev/null``,
    ``/dev/stdout``, a named pipe) is written to as it is, never replaced by a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.direct = False

    def __enter__(self) -> Any:
        try:
            st = os.stat(self.path)  # through links: /dev/stdout is a link to /proc/self/fd/1
        except OSError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            self.direct = True
            self.fh = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in __exit__
            return self.fh
        self.path = Path(os.path.realpath(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = _mkstemp(self.path)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        if self.direct:
            self.fh.close()
            return
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
        finally:
            self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
        _PENDING.discard(self.tmp)


def atomic_write(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename,
    so a reader (or an interrupted run) never sees a half-written file. ``durable=False``
    skips the fsync (cache entries: a lost one after a power cut is only a miss)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _mkstemp(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _PENDING.discard(tmp)
        raise
    _PENDING.discard(tmp)


_NAME_MAX = 255  # bytes in one file name (ext4, XFS, APFS, NTFS: 255)


def _cut_utf8(name: str, limit: int, tail: bool = False) -> str:
    """The longest head (or ``tail``) of ``name`` that is at most ``limit`` bytes in UTF-8."""
    data = name.encode("utf-8", "surrogateescape")
    if len(data) <= limit:
        return name
    part = data[len(data) - limit:] if tail else data[:limit]
    return part.decode("utf-8", "ignore")  # drops a character cut in half


def _file_name(part: str) -> str:
    """``part`` as a name the file system takes: NUL and lone surrogates that no file name can
    hold (a record id ``"a\\u0000b"`` or ``"\\ud800"`` in a JSONL shard) are written as escapes,
    and a name longer than 255 bytes (a long file name plus ``.doclint.yaml``, a long record
    id) keeps its head and tail around a hash of the whole, so distinct names stay distinct."""
    try:
        fits = "\x00" not in part and len(os.fsencode(part)) <= _NAME_MAX
    except UnicodeEncodeError:
        fits = False
    if fits:
        return part
    digest = hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    clean = part.replace("\x00", "\\x00")
    try:
        os.fsencode(clean)
    except UnicodeEncodeError:
        clean = clean.encode("utf-8", "backslashreplace").decode("utf-8")
    if len(os.fsencode(clean)) <= _NAME_MAX:
        return clean
    return f"{_cut_utf8(clean, 150)}~{digest}~{_cut_utf8(clean, 80, tail=True)}"


def safe_join(out: Path, relative: str) -> Path:
    """``out/relative``, refusing anything that would land outside ``out``; every part made a
    name the file system takes (:func:`_file_name`)."""
    parts = [p for p in Path(relative.replace("\\", "/")).parts if p not in ("", ".", "/")]
    if any(p == ".." for p in parts) or Path(relative).is_absolute():
        parts = [p for p in parts if p not in ("..",) and not Path(p).is_absolute()]
    parts = [_file_name(p) for p in parts]
    target = (out / Path(*parts)) if parts else out / "_"
    base = out.resolve()
    resolved = target.resolve()
    if resolved != base and base not in resolved.parents:
        raise ValueError(f"report path {relative!r} escapes the output folder")
    return target
