"""The compiled-regex cache (doclint.rxcache): a loaded pattern must be the pattern ``re``
would compile, and a damaged or foreign file must be ignored."""

from __future__ import annotations

import _sre
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from doclint import rxcache

PATTERNS = [
    (r"(?i)\b(?:leave|post)\s+a\s+comment\b", 0),
    (r"^(?P<head>[A-Z][\w ]{0,40}):\s*(?P<rest>.*)$", re.MULTILINE),
    (r"[\u2000-\u200a\u3000]+|&(?:amp|nbsp);", 0),
    (rb"\xe2\x80[\x98\x99]", 0),
    (r"(a)(?:b(c))?(?P<d>d)?", re.IGNORECASE | re.VERBOSE),
]


def _built(entry: tuple) -> re.Pattern:
    pattern, _flags, final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def test_entries_build_the_pattern_re_compiles() -> None:
    for pattern, flags in PATTERNS:
        built, real = _built(rxcache.entry(pattern, flags)), re.compile(pattern, flags)
        # Pattern equality compares the pattern, the flags and the compiled SRE code
        assert built == real
        assert (built.groups, built.groupindex, built.flags) == (real.groups, real.groupindex, real.flags)


_PIECES = st.sampled_from(["a", "b", "\\d", "[a-c]", "[^x]", ".", "\\s", "é", "\\b", "(?:ab)", "(x)", "(?P<n>y)"])
_QUANT = st.sampled_from(["", "*", "+", "?", "{1,3}", "*?"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_PIECES, _QUANT), min_size=1, max_size=6), st.sampled_from([0, re.I, re.M | re.S]),
       st.text(alphabet="abcxyé 1\n", max_size=30))
def test_a_cached_pattern_matches_as_re_does(parts: list[tuple[str, str]], flags: int, text: str) -> None:
    pattern = "".join(p + (q if not p.startswith("\\b") else "") for p, q in parts)
    if pattern.count("(?P<n>") > 1:
        pattern = pattern.replace("(?P<n>", "(", pattern.count("(?P<n>") - 1)
    real = re.compile(pattern, flags)
    built = _built(rxcache.loads(rxcache.dumps([rxcache.entry(pattern, flags)]))[0])
    assert built == real
    assert [m.span() for m in built.finditer(text)] == [m.span() for m in real.finditer(text)]


def test_a_damaged_or_foreign_file_is_ignored() -> None:
    blob = rxcache.dumps([rxcache.entry(p, f) for p, f in PATTERNS])
    assert rxcache.loads(blob) is not None
    cut = len(blob) - 40
    flipped = blob[:cut] + bytes([blob[cut] ^ 1]) + blob[cut + 1:]  # a changed code word
    assert rxcache.loads(flipped) is None
    assert rxcache.loads(blob[:-5]) is None
    other = blob.replace(sys.version.encode(), b"3.99.0 (other)", 1)  # written by another Python
    assert other != blob and rxcache.loads(other) is None
    assert rxcache.loads(b"") is None


def test_an_entry_this_interpreter_refuses_is_skipped_not_fatal(tmp_path: Path) -> None:
    """A file with a sound hash but an entry _sre.compile refuses (written by hand, or by a
    changed interpreter build): that entry is skipped, the others are loaded."""
    good = [rxcache.entry(p, f) for p, f in PATTERNS[:2]]
    bad = list(rxcache.entry("zz+", 0))
    bad[3] = [2**40]  # code _sre.compile cannot take (OverflowError)
    (tmp_path / "rx.bin").write_bytes(rxcache.dumps([good[0], tuple(bad), good[1]]))
    code = f"""
from pathlib import Path
from doclint import rxcache
print(rxcache.load(Path({str(tmp_path / 'rx.bin')!r})))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2"


def test_load_fills_re_cache_so_compile_finds_the_saved_pattern(tmp_path: Path) -> None:
    """In a fresh interpreter: after load(), re.compile returns the saved pattern without
    compiling it, and it is equal to a freshly compiled one."""
    blob = rxcache.dumps([rxcache.entry(p, f) for p, f in PATTERNS])
    (tmp_path / "rx.bin").write_bytes(blob)
    (tmp_path / "bad.bin").write_bytes(blob[:-1] + b"x")
    code = f"""
import re, re._compiler as rc
from pathlib import Path
from doclint import rxcache
assert rxcache.load(Path({str(tmp_path / 'bad.bin')!r})) == 0
n = rxcache.load(Path({str(tmp_path / 'rx.bin')!r}))
assert n == {len(PATTERNS)}, n
compiled = []
real_compile = rc.compile
rc.compile = lambda p, f=0: compiled.append(p) or real_compile(p, f)
for p, f in {PATTERNS!r}:
    got = re.compile(p, f)
    assert got == real_compile(p, f)
assert compiled == [], compiled
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_engine_patterns_are_collected_and_equal_to_compiled_ones() -> None:
    """What ``python -m doclint.rxcache`` saves covers the check modules' patterns, each one
    equal to what re compiles (run in a fresh interpreter: this one's re cache is shared)."""
    code = """
import re
from doclint import rxcache
entries = rxcache.collect([])
assert len(entries) > 150, len(entries)
import _sre
bad = [e[0] for e in entries if _sre.compile(e[0], e[2], e[3], e[4], e[5], e[6]) != re.compile(e[0], e[1])]
assert not bad, bad[:3]
print(len(entries))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
