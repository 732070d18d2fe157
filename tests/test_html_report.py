"""The HTML curator report: escaping, highlighting, determinism, and a real-browser test.

The browser test drives Debian's Chromium (``/usr/bin/chromium``, installed by
``scripts/install-browser.sh``) with Playwright's Python package (which downloads no
browser). Without either it is skipped with a loud reason.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.engine import Engine
from doclint.outputs.html import (
    page_path,
    render_document_page,
    render_index,
    write_document_page,
    write_index,
)
from doclint.runner import document_from_bytes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROMIUM = Path(os.environ.get("DOCLINT_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOT_COPY = Path("/tmp/doclint-report.png")

HOSTILE = (
    "A page scraped with its markup.\n"
    "<script>window.__pwned=1</script>\n"
    'Look: <img src=x onerror="window.__pwned=2"> and '
    '<a href="javascript:window.__pwned=3">click</a> here.\n'
    "Trailing </p><style>body{display:none}</style> and a bidi \u202eoverride\u202c.\n"
)
CRLF = "Title line\r\nLeave a Comment\r\nBody text with a stray p > fragment .\r\n\r\nEnd.\r\n"
# file names are untrusted too: markup and a javascript: scheme in a path
HOSTILE_NAMES = ['x"><img src=x onerror="window.__pwned=4">.txt', "javascript:window.__pwned=5.txt"]

_ENGINE: Engine | None = None


def engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE


def build_report(tmp: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    """A corpus of the seeds, a hostile document, hostile file names and a nested document;
    linted by the engine and written by the HTML writers. Returns (out dir, reports by name)."""
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    for name in HOSTILE_NAMES:
        (corpus / name).write_text("Hello <b>world</b>.\n", encoding="utf-8")
    (corpus / "crlf.txt").write_bytes(CRLF.encode("utf-8"))
    (corpus / "sub").mkdir()
    (corpus / "sub" / "nested.txt").write_text("Nested document.\nLeave a Comment\n", encoding="utf-8")
    out = tmp / "report"
    entries = []
    reports = {}
    for path in sorted(p for p in corpus.rglob("*.txt")):
        rel = path.relative_to(corpus).as_posix()
        doc = document_from_bytes(path.read_bytes(), f"corpus/{rel}")
        report = engine().lint(doc)
        page = write_document_page(out, rel, report, doc.text)
        entries.append({"report": report, "page": page.relative_to(out).as_posix()})
        reports[rel] = report
    write_index(out, entries)
    return out, reports


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    return build_report(tmp_path_factory.mktemp("html"))


# ------------------------------------------------------------------ without a browser


class _Segments(HTMLParser):
    """Collects the text of every element carrying ``data-f``, per finding index."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list[int]] = []
        self.text: dict[int, str] = {}
        self.zero: set[int] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        ids = [int(x) for x in (a.get("data-f") or "").split()]
        if "zw" in (a.get("class") or "").split():
            self.zero.update(ids)
        if tag in ("mark", "span") and not ids:
            ids = []
        self.stack.append(ids if tag == "mark" else [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
            return
        for ids in self.stack:
            for i in ids:
                self.text[i] = self.text.get(i, "") + data


def segments(html_text: str) -> _Segments:
    parser = _Segments()
    parser.feed(html_text)
    return parser


def test_hostile_document_is_escaped(built: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, _ = built
    page = (out / "hostile.txt.html").read_text(encoding="utf-8")
    lowered = page.lower()
    assert "<script>window" not in lowered
    assert "<img" not in lowered
    assert '<a href="javascript' not in lowered and 'href="javascript:' not in lowered
    assert "<style>body" not in lowered
    assert "&lt;script&gt;" in page and "window.__pwned=1" in page
    assert "onerror=&quot;window.__pwned=2&quot;" in page
    shown = re.sub(r"<[^>]+>", "", page.split('id="doc">', 1)[1].split("</pre>", 1)[0])
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in shown
    # exactly one <script> element: ours, pinned by hash in the CSP
    assert lowered.count("<script") == 1
    assert "\u202e" not in page and "\\u202e" in page  # bidi override shown, not applied


def test_inline_script_and_style_are_pinned_by_csp(built: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, _ = built
    for page in [out / "index.html", out / "004_ab6bc7f22a2a0a31.txt.html"]:
        text = page.read_text(encoding="utf-8")
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert csp, page
        policy = csp.group(1)
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy
        script = re.search(r"<script>(.*?)</script>", text, re.DOTALL).group(1)
        style = re.search(r"<style>(.*?)</style>", text, re.DOTALL).group(1)
        for block, directive in ((script, "script-src"), (style, "style-src")):
            digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
            assert f"{directive} 'sha256-{digest}'" in policy
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in text


def test_hostile_paths_and_report_fields(built: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<img" not in index.lower()
    assert 'href="javascript%3Awindow.__pwned%3D5.txt.html"' in index
    assert not re.search(r'href="\s*javascript:', index, re.IGNORECASE)
    report = {
        "path": '"><script>alert(1)</script>.txt',
        "sha256": "0" * 64,
        "score": 50,
        "findings": [
            {
                "rule": "M103",
                "name": "x\"'<b>",
                "category": "<i>markup",
                "severity": "warning",
                "line": 1,
                "column": 1,
                "end_line": 1,
                "end_column": 3,
                "message": "<script>alert(2)</script>",
                "excerpt": "ab",
                "offset": 0,
                "end_offset": 2,
            },
        ],
        "stats": {"language": {"code": "<svg onload=alert(3)>"}},
        "provenance": {
            "byline": {"text": "<img src=x onerror=alert(4)>"},
            "disclosures": [{"type": '"><script>alert(5)</script>'}],
            "date_window": {"start": "<u>", "end": "</u>"},
        },
    }
    page = render_document_page(report, "ab <script>alert(6)</script>")
    index = render_index(
        [{"report": report, "page": '"><script>alert(7)</script>.html'}, {"report": report, "page": None}],
        errors=["corpus/<script>alert(8)</script>.txt: cannot read"],
    )
    assert "Inputs that could not be read (1)" in index
    for html_text in (page, index):
        assert html_text.lower().count("<script") == 1
        assert "<img" not in html_text and "<svg onload" not in html_text and "<u>" not in html_text
    assert 'class="m p-other c-other"' in page  # an unknown category never becomes a raw class name


def test_overlapping_and_zero_width_findings() -> None:
    text = "0123456789ABCDEFGHIJ\nsecond line\n"

    def f(rule: str, cat: str, s: int, e: int) -> dict[str, Any]:
        return {
            "rule": rule,
            "name": "n",
            "category": cat,
            "severity": "warning",
            "line": 1,
            "column": s + 1,
            "end_line": 1,
            "end_column": e + 1,
            "message": f"{rule} here",
            "excerpt": text[s:e],
            "offset": s,
            "end_offset": e,
        }

    findings = [
        f("M101", "markup", 2, 12),
        f("R111", "residue", 8, 16),
        f("R163", "residue", 5, 5),
        f("B101", "boilerplate", 18, 32),
    ]
    report = {
        "path": "t.txt",
        "sha256": "0" * 64,
        "score": 80,
        "findings": findings,
        "stats": {},
        "provenance": {},
    }
    page = render_document_page(report, text)
    seg = segments(page)
    for i, finding in enumerate(findings):
        if finding["offset"] == finding["end_offset"]:
            assert i in seg.zero
        else:
            assert seg.text[i] == text[finding["offset"] : finding["end_offset"]], finding["rule"]
    # the overlap 8..12 is one segment covered by both findings, with both categories; the
    # innermost (shorter) finding gives the colour
    assert re.search(
        r'<mark class="m p-residue c-residue c-markup multi" data-f="0 1"[^>]*>89AB</mark>', page
    )
    # a span across a line break is split per line but keeps the newline inside the highlight
    assert seg.text[3] == "IJ\nsecond line"


def test_carriage_returns_and_lone_surrogates(tmp_path: Path) -> None:
    report = {
        "path": "a\udc80.txt",
        "sha256": "0" * 64,
        "score": 100,
        "findings": [],
        "stats": {},
        "provenance": {},
    }
    page = write_document_page(tmp_path, "a.txt", report, "x\r\ny\udc80z\r\n").read_text(encoding="utf-8")
    assert "\r" not in page and "x&#13;\n" in page  # the parser would turn a raw CR into a line feed
    assert "\\udc80" in page


def test_output_is_deterministic(tmp_path: Path) -> None:
    a, _ = build_report(tmp_path / "a")
    b, _ = build_report(tmp_path / "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*.html"))
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_page_paths(tmp_path: Path) -> None:
    assert page_path(tmp_path, "a/b.txt") == tmp_path / "a" / "b.txt.html"
    assert page_path(tmp_path, "index") != tmp_path / "index.html"
    escaped = page_path(tmp_path, "../../etc/passwd")
    assert tmp_path.resolve() in escaped.resolve().parents
    nested = write_document_page(tmp_path, "sub/dir/doc.txt", {"path": "doc.txt", "findings": []}, "text")
    assert 'href="../../index.html"' in nested.read_text(encoding="utf-8")


# ------------------------------------------------------------------ in a real browser


def _browser_or_skip() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(
            f"!!! BROWSER TEST SKIPPED: Debian's chromium is not installed at {CHROMIUM}. "
            "Run scripts/install-browser.sh as root (apt-get install chromium). !!!"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "!!! BROWSER TEST SKIPPED: the 'playwright' Python package is not installed (pip install playwright). !!!"
        )
    return sync_playwright


def _visible_paths(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#docs tbody tr:not(.hidden) td.path a", "els => els.map(e => e.textContent)"
    )


def _visible_scores(page: Any) -> list[float]:
    return page.eval_on_selector_all(
        "#docs tbody tr:not(.hidden) td:nth-child(2)", "els => els.map(e => Number(e.dataset.v))"
    )


def _pwned(page: Any) -> Any:
    return page.evaluate("() => typeof window.__pwned === 'undefined' ? null : window.__pwned")


@pytest.mark.browser
def test_report_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _browser_or_skip()
    out, reports = build_report(tmp_path)
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 1000})
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on(
                "console",
                lambda m: (
                    problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
                ),
            )
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

            # ---- index: sort by score
            page.goto((out / "index.html").as_uri())
            assert _pwned(page) is None
            rows = len(reports)
            assert page.locator("#docs tbody tr").count() == rows
            initial = _visible_scores(page)
            assert initial != sorted(initial)  # input order, so sorting must change it
            score_header = page.locator("#docs th button", has_text="Score")
            score_header.click()
            assert _visible_scores(page) == sorted(initial)
            assert page.locator("#docs th[aria-sort=ascending]").inner_text().startswith("Score")
            score_header.click()
            assert _visible_scores(page) == sorted(initial, reverse=True)
            worst = min(reports.values(), key=lambda r: r["score"])
            assert _visible_paths(page)[-1] == worst["path"]

            # ---- filter by text, by rule code and by category
            page.fill("#q", "004_")
            assert _visible_paths(page) == ["corpus/004_ab6bc7f22a2a0a31.txt"]
            assert page.inner_text("#shown") == f"1 of {rows} documents"
            page.fill("#q", "m101")
            want = sorted(
                r["path"] for r in reports.values() if any(f["rule"] == "M101" for f in r["findings"])
            )
            assert sorted(_visible_paths(page)) == want and want
            page.fill("#q", "")
            page.select_option("#cat", "disclosure")
            want = sorted(
                r["path"]
                for r in reports.values()
                if any(f["category"] == "disclosure" for f in r["findings"])
            )
            assert sorted(_visible_paths(page)) == want and want
            page.select_option("#cat", "")
            assert len(_visible_paths(page)) == rows
            page.screenshot(path=str(tmp_path / "index.png"), full_page=True)

            # ---- every page shows exactly the document's text (CRLF kept, nothing added)
            for name in ("crlf.txt", "004_ab6bc7f22a2a0a31.txt"):
                page.goto((out / f"{name}.html").as_uri())
                shown = page.evaluate("() => document.getElementById('doc').textContent")
                assert shown == (tmp_path / "corpus" / name).read_bytes().decode("utf-8"), name
            page.goto((out / "index.html").as_uri())

            # ---- into the 004 seed's page
            page.click("text=corpus/004_ab6bc7f22a2a0a31.txt")
            page.wait_for_load_state()
            assert page.url.endswith("/004_ab6bc7f22a2a0a31.txt.html")
            assert _pwned(page) is None
            rep = reports["004_ab6bc7f22a2a0a31.txt"]
            markup = [
                (i, f)
                for i, f in enumerate(rep["findings"])
                if f["category"] == "markup" and f["end_offset"] > f["offset"]
            ]
            excerpts = {f["excerpt"] for _, f in markup}
            assert {"h2 >", "p >", "strong >"} <= excerpts
            for i, f in markup:
                text = page.eval_on_selector_all(
                    f'#doc [data-f~="{i}"]', "els => els.map(e => e.textContent).join('')"
                )
                assert text == f["excerpt"], f
                assert f["message"] in page.get_attribute(f'#doc [data-f~="{i}"] >> nth=0', "title")
            assert page.locator("li.fi").count() == len(rep["findings"])

            strong = next(i for i, f in markup if f["excerpt"] == "strong >")
            h2 = next(i for i, f in markup if f["excerpt"] == "h2 >")
            # click a finding in the list: its span is selected
            page.click(f"#fi{h2} .msg")
            assert "on" in page.get_attribute(f'#doc mark[data-f~="{h2}"]', "class").split()
            # click a highlighted span: its findings show in the side panel, the old selection goes
            page.click(f'#doc mark[data-f~="{strong}"]')
            assert "stray-tag-fragment" in page.inner_text("#sel-list")
            assert "strong >" in page.inner_text("#sel-list")
            assert page.locator("#sel-empty").is_hidden()
            assert "on" in page.get_attribute(f'#doc mark[data-f~="{strong}"]', "class").split()
            assert "on" not in page.get_attribute(f'#doc mark[data-f~="{h2}"]', "class").split()
            page.screenshot(path=str(tmp_path / "document.png"))
            shutil.copy(tmp_path / "document.png", SCREENSHOT_COPY)
            shutil.copy(tmp_path / "index.png", SCREENSHOT_COPY.with_name("doclint-report-index.png"))
            # hiding a category un-highlights its spans and hides its findings
            page.uncheck('input[data-cat="markup"]')
            assert "hid" in page.get_attribute(f'#doc mark[data-f~="{h2}"]', "class").split()
            assert page.locator(f"#fi{h2}").is_hidden()
            page.check('input[data-cat="markup"]')

            # back to the index
            page.click("#back")
            assert page.url.endswith("/index.html")

            # ---- the hostile document: nothing runs, nothing loads, links are inert
            page.goto((out / "hostile.txt.html").as_uri())
            assert _pwned(page) is None
            assert page.locator("#doc script, #doc img, #doc a, #doc style").count() == 0
            assert page.locator('a[href^="javascript:" i]').count() == 0
            assert "<script>window.__pwned=1</script>" in page.inner_text("#doc")
            before = page.url
            page.locator("#doc").get_by_text("click", exact=False).first.click()
            page.locator("#doc").get_by_text('href="javascript:window.__pwned=3"').first.click()
            assert page.url == before and _pwned(page) is None
            assert page.evaluate("() => getComputedStyle(document.body).display") != "none"

            # the page of a document whose name is a javascript: URL opens as a page
            page.goto((out / "index.html").as_uri())
            page.click("text=corpus/javascript:window.__pwned=5.txt")
            page.wait_for_load_state()
            assert page.url.startswith("file://") and _pwned(page) is None

            # ---- every page: no script from a document ran
            for html_file in sorted(out.rglob("*.html")):
                page.goto(html_file.as_uri())
                assert _pwned(page) is None, html_file
                assert page.evaluate("() => document.querySelectorAll('script').length") == 1, html_file
            nested = out / "sub" / "nested.txt.html"
            page.goto(nested.as_uri())
            page.click("#back")
            assert page.url == (out / "index.html").as_uri()
        finally:
            browser.close()
    assert requests, "the browser made no request at all: the test did not run"
    assert [u for u in requests if not u.startswith("file://")] == []
    assert problems == []
    assert os.path.getsize(SCREENSHOT_COPY) > 10_000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a\n\r é", max_size=40))
def test_line_starts_match_a_scan_of_every_character(text: str) -> None:
    from doclint.outputs.html import _line_starts

    n = len(text)
    assert _line_starts(text) == [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n" and k + 1 < n]
