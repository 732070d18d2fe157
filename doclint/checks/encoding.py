"""Input-level problems found while reading: encoding fallbacks, binary and empty files."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import Options
from doclint.document import Document
from doclint.model import Example, Finding, Rule

ORDER = 0

OPTIONS: dict[str, str] = {}  # no [options.encoding] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="R001",
        name="not-utf8",
        category="residue",
        severity="warning",
        message="Not valid UTF-8: decoded as {encoding}",
        rationale=(
            "Corpora are UTF-8. A file in a legacy encoding was decoded with a fallback "
            "(cp1252, else latin-1); characters outside ASCII may be wrong."
        ),
        examples=(Example("caf\udce9", fails=True), Example("café", fails=False)),
    ),
    Rule(
        code="R002",
        name="utf16-or-32",
        category="residue",
        severity="info",
        message="Encoded as {encoding} with a byte-order mark; decoded",
        rationale="UTF-16/32 text is readable but unusual in a corpus; most tools expect UTF-8.",
        examples=(Example("\udcff\udcfet\x00e\x00x\x00t\x00", fails=True), Example("text", fails=False)),
    ),
    Rule(
        code="R003",
        name="binary-file",
        category="residue",
        severity="error",
        message="Binary file (NUL bytes, no UTF-16/32 byte-order mark): not linted",
        rationale="A binary file in a text corpus is a conversion failure or a stray file.",
        examples=(Example("\x00\x01\x02", fails=True), Example("plain text", fails=False)),
    ),
    Rule(
        code="R005",
        name="document-too-large",
        category="residue",
        severity="warning",
        message="Document is {bytes} bytes; only the first {linted_bytes} bytes were linted (max-bytes)",
        rationale=(
            "Very large files are usually concatenations or dumps, not documents. doclint lints the "
            "first max-bytes bytes (config key max-bytes, default 64 MiB) so one file cannot stall a run."
        ),
        examples=(Example("A short sentence that is longer than sixteen bytes.", fails=True),
                  Example("Tiny.", fails=False)),
        example_config={"max-bytes": 16},
    ),
    Rule(
        code="R004",
        name="empty-document",
        category="residue",
        severity="warning",
        message="Document is empty or whitespace only",
        rationale="An empty document is usually a failed extraction.",
        examples=(Example(" \n\t\n", fails=True), Example("Some words.", fails=False)),
    ),
)


def check(doc: Document, options: Options) -> Iterator[Finding]:
    """Examples and callers pass bytes through :func:`doclint.decode.decode` (see api.lint_bytes)."""
    if doc.cache.get("binary"):
        yield Finding("R003", 0, 0, RULES[2].message)
        return
    decoded = doc.cache.get("decode")
    if decoded is not None:
        if decoded.fallback:
            yield Finding("R001", 0, 0, RULES[0].message.format(encoding=decoded.encoding))
        elif decoded.bom and decoded.encoding.startswith(("utf-16", "utf-32")):
            yield Finding("R002", 0, 0, RULES[1].message.format(encoding=decoded.encoding))
    truncated = doc.cache.get("truncated")
    if truncated:
        yield Finding("R005", 0, 0, RULES[3].message.format(**truncated), data=dict(truncated))
    if not doc.text.strip():
        yield Finding("R004", 0, len(doc.text), RULES[4].message)
