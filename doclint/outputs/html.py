"""Self-contained HTML reports: an ``index.html`` for the corpus, one page per document.

Pages load nothing: CSS and JavaScript are inline and pinned by a hash-based
Content-Security-Policy (``default-src 'none'``; ``script-src``/``style-src`` only the
exact inline blocks by SHA-256), so even a bug in the escaping could not run a script taken
from a document. Everything that comes from a document or a report (text, paths, messages,
excerpts, provenance values) is HTML-escaped (``html.escape(quote=True)``), with control and
bidi characters shown as visible escapes; none of it is ever put into JavaScript, and the
only links made from report data are the page links of :func:`write_index`, which are
percent-encoded relative URLs (a ``javascript:`` path becomes ``javascript%3A…``).

The JavaScript reads only ``data-*`` attributes and element text; it never parses HTML.
Output is deterministic (no timestamps, stable ordering), so runs give byte-identical files.

- :func:`write_document_page` ``out/<relative>.html``: the text with every finding
  highlighted at its span. Overlapping spans are split into segments; each segment carries
  the findings covering it (``data-f="3 7"``), the classes of their categories (``c-markup``)
  and, as ``title``, their messages. Clicking a segment lists its findings in the side panel;
  the findings list links to the spans. Zero-width findings are markers (``.zw``).
- :func:`write_index` ``out/index.html``: corpus summary, score histogram and
  findings-per-category chart (inline SVG), findings by rule, and a sortable, filterable
  table of documents.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

import doclint
from doclint.outputs import atomic_write, quote_path, safe_join, sanitize

try:  # the category order of the JSON contract
    from doclint.model import CATEGORIES
except ImportError:  # pragma: no cover
    CATEGORIES = ("boilerplate", "markup", "disclosure", "residue", "contradiction", "language")

PAGE_SUFFIX = ".html"

# category -> (strong colour: text, borders, chart bars; light colour: highlight background)
PALETTE: dict[str, tuple[str, str]] = {
    "boilerplate": ("#b45309", "#fde9b8"),
    "markup": ("#c0263a", "#fddde1"),
    "disclosure": ("#7c3aed", "#ece3fe"),
    "residue": ("#1d5fd1", "#d9e7fd"),
    "contradiction": ("#0f7d72", "#cdf3ec"),
    "language": ("#4d7c0f", "#e4f5c8"),
}
OTHER = ("#5b6472", "#e7e9ee")
SHORT = {"boilerplate": "boilerpl.", "disclosure": "disclos.", "contradiction": "contrad."}
CATEGORY_HELP = {
    "boilerplate": "site chrome left in the text",
    "markup": "broken or leftover markup",
    "disclosure": "provenance statements to know about",
    "residue": "scraping and conversion damage",
    "contradiction": "dates and titles that cannot all be true",
    "language": "language identification and readability",
}
WIDE_SPAN = 240  # characters: longer spans (whole paragraphs) get a lighter highlight
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

_CTRL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CLASS_OK = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


# ------------------------------------------------------------------ escaping helpers


def esc(value: Any) -> str:
    """An untrusted report value as HTML text or attribute value."""
    if value is None:
        return ""
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", sanitize(str(value)))
    return html.escape(text, quote=True)


def _esc_doc(text: str) -> str:
    """Document text for the page: escaped; control, zero-width and bidi characters shown
    as small visible ``\\xNN`` / ``\\uNNNN`` badges so they cannot reorder or hide text."""
    out: list[str] = []
    pos = 0
    for m in _CTRL.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=True))
        cp = ord(m.group())
        label = f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"
        out.append(f'<span class="cc" title="U+{cp:04X}">{label}</span>')
        pos = m.end()
    out.append(html.escape(text[pos:], quote=True))
    # a raw CR would be turned into a line feed by the HTML parser; a character reference keeps
    # it (rendered like a space), so the page's text stays the document's text
    return "".join(out).replace("\r", "&#13;")


def _colours(category: str) -> tuple[str, str]:
    return PALETTE.get(category, OTHER)


def _href(relative: str) -> str:
    """A relative URL for a page path: every segment percent-encoded (':' too, so nothing
    reads as a scheme), then HTML-escaped for the attribute."""
    posix = str(relative).replace("\\", "/").lstrip("/")
    return html.escape(quote_path(posix), quote=True)


def _csp_hash(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii") + "'"


# in every page's first lines: `doclint report` writes over a file only when it is its own
GENERATOR = '<meta name="generator" content="doclint">'


def _page(title: str, body: str, css: str, js: str) -> str:
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; "
        f"script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'{GENERATOR}\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n"
        f"{body}\n<script>{js}</script>\n</html>\n"
    )


# ------------------------------------------------------------------ CSS

_BASE_CSS = """
:root{--ink:#1c2330;--muted:#5d6778;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff;--accent:#2451b3;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Liberation Sans","DejaVu Sans",Arial,sans-serif;
--mono:ui-monospace,"SFMono-Regular","DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0;font-family:var(--sans);color:var(--ink);background:var(--bg);line-height:1.45}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
code,.mono{font-family:var(--mono);font-size:.88em}
header.top{background:#1f2a3c;color:#eef2f8;padding:14px 28px 16px}
header.top a{color:#b9cdf5}
header.top h1{margin:2px 0 4px;font-size:1.35rem;font-weight:600;letter-spacing:.01em;overflow-wrap:anywhere}
header.top .sub{color:#b8c2d3;font-size:.92rem}
main{padding:18px 28px 40px;max-width:1500px;margin:0 auto}
h2{font-size:1.02rem;margin:0 0 10px;font-weight:600;color:#2b3445}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:.86rem;color:var(--muted)}
.legend .item{display:inline-flex;align-items:center;gap:6px}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;border:1.5px solid}
.chip{display:inline-flex;align-items:center;gap:5px;padding:1px 8px;border-radius:10px;font-size:.8rem;border:1px solid;white-space:nowrap}
.score{display:inline-block;min-width:2.6em;text-align:center;padding:1px 7px;border-radius:6px;font-weight:650;font-variant-numeric:tabular-nums}
.s-good{background:#dcf3e3;color:#17603a}.s-mid{background:#fdf0c8;color:#8a5a00}.s-bad{background:#fde0e0;color:#a21f2a}
header.top .score{font-size:1.05rem}
.muted{color:var(--muted)}
.errors{border-color:#f2b8b8;background:#fff6f6;margin-bottom:14px}
.errors pre{white-space:pre-wrap;font-size:.78rem}
footer{color:var(--muted);font-size:.8rem;padding:10px 28px 24px;text-align:center}
"""


def _category_css(categories: Iterable[str]) -> str:
    rules = []
    for cat in [*categories, "other"]:
        strong, light = _colours(cat)
        rules.append(
            f".c-{cat} .sw,.sw.c-{cat}{{background:{light};border-color:{strong}}}"
            f".chip.c-{cat}{{background:{light};border-color:{strong}55;color:{strong}}}"
            f".m.p-{cat}{{background:{light};border-bottom-color:{strong}}}"
            f".m.p-{cat}.wide{{background:{light}99;border-bottom-color:{strong}88}}"
            f".m.p-{cat}.on{{background:{strong}33;outline-color:{strong}}}"
            f".zw.p-{cat}::before{{color:{strong}}}"
            f"li.fi.c-{cat}{{border-left-color:{strong}}}"
            f".dot.c-{cat}{{background:{strong}}}"
        )
    return "\n".join(rules)


_DOC_CSS = """
.layout{display:grid;grid-template-columns:minmax(0,1fr) 430px;gap:18px;align-items:start}
@media (max-width:1100px){.layout{grid-template-columns:1fr}}
.toolbar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin-bottom:10px}
.toolbar label{display:inline-flex;align-items:center;gap:5px;font-size:.86rem;cursor:pointer;user-select:none}
.toolbar button{font:inherit;font-size:.82rem;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
.text{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 0 16px}
pre.doc{margin:0;font-family:var(--mono);font-size:13px;line-height:1.62;white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;counter-reset:none}
pre.doc.prose{font-family:Georgia,"DejaVu Serif","Liberation Serif",serif;font-size:15px;line-height:1.7}
.ln{display:block;position:relative;padding:0 16px 0 64px;min-height:1.62em}
.ln::before{content:attr(data-n);position:absolute;left:0;width:48px;text-align:right;color:#a3abb8;font-family:var(--mono);font-size:11px;user-select:none}
.ln:target{background:#fff8d6}
.m{border-bottom:2px solid transparent;border-radius:2px;cursor:pointer;padding:1px 0;color:inherit}
.m.multi{border-bottom-style:double;border-bottom-width:3px}
.m.wide{border-bottom-width:1px;border-bottom-style:dashed}
.m.on{outline:2px solid;outline-offset:0}
.m.hid{background:none!important;border-bottom-color:transparent!important;cursor:auto}
.zw{cursor:pointer}
.zw::before{content:"\\25C6";font-size:11px;padding:0 2px;vertical-align:1px}
.zw.hid::before{content:""}
.zw.on::before{outline:2px solid;border-radius:2px}
.anc{scroll-margin-top:40vh}
.cc{font-family:var(--mono);font-size:10px;background:#eef0f4;color:#5d6778;border:1px solid #cfd4dc;border-radius:3px;padding:0 2px;margin:0 1px}
aside{position:sticky;top:10px;max-height:calc(100vh - 20px);overflow:auto;display:flex;flex-direction:column;gap:12px;padding-bottom:8px}
aside>*{flex-shrink:0}
#sel{position:sticky;top:0;z-index:2;max-height:42vh;overflow:auto;box-shadow:0 6px 12px -8px #1c233040}
#sel .empty{color:var(--muted);font-size:.88rem;margin:0}
ol.findings{list-style:none;margin:0;padding:0}
li.fi{border-left:4px solid;background:#fff;border-radius:4px;padding:7px 10px;margin:0 0 7px;box-shadow:0 0 0 1px var(--line) inset;cursor:pointer}
li.fi.on{box-shadow:0 0 0 2px #2451b3 inset}
li.fi.hid{display:none}
li.fi .head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap;font-size:.86rem}
li.fi .rule{font-weight:650}
li.fi .loc{color:var(--muted);font-family:var(--mono);font-size:.8rem;margin-left:auto}
li.fi .msg{font-size:.9rem;margin-top:3px;overflow-wrap:anywhere}
li.fi .ex{margin-top:4px;font-size:.82rem;color:#3a4354;background:#f3f4f7;border-radius:4px;padding:2px 6px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:5.2em;overflow:hidden}
.legend label.none{color:#a3abb8}
code.rep{white-space:pre;background:#eef0f4;border:1px solid #d5dae2;border-radius:3px;padding:0 3px}
li.fi .fix,li.fi .fp{font-size:.78rem;color:var(--muted);margin-top:3px;overflow-wrap:anywhere}
.sev{font-size:.72rem;text-transform:uppercase;letter-spacing:.04em;padding:0 5px;border-radius:4px;background:#eef0f4;color:#5d6778}
.sev-error{background:#fde0e0;color:#a21f2a}.sev-warning{background:#fdf0c8;color:#8a5a00}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%}
dl.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:3px 12px;margin:0;font-size:.86rem}
dl.kv dt{color:var(--muted)}
dl.kv dd{margin:0;overflow-wrap:anywhere}
dl.kv dl.kv{font-size:.95em}
table.sub{border-collapse:collapse;font-size:.8rem;width:100%}
table.sub th,table.sub td{border-bottom:1px solid var(--line);padding:2px 6px 2px 0;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.sub th{color:var(--muted);font-weight:600}
details>summary{cursor:pointer;font-weight:600;color:#2b3445}
details[open]>summary{margin-bottom:8px}
.hl{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px}
.none{color:#a3abb8}
"""

_INDEX_CSS = """
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:14px}
.stat .n{font-size:1.7rem;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.1}
.stat .l{color:var(--muted);font-size:.84rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px;margin-bottom:14px}
figure{margin:0}
.rulescroll{max-height:215px;overflow:auto}
.charts .card{display:flex;flex-direction:column}
.charts figure svg{margin:auto 0}
.controls .legend{margin-left:8px}
.charts svg{width:100%;height:auto;display:block}
.charts text{font-family:var(--sans);font-size:11px;fill:#5d6778}
.charts text.v{fill:#1c2330;font-weight:600}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 10px}
.controls input,.controls select{font:inherit;font-size:.9rem;padding:5px 9px;border:1px solid #cdd3dc;border-radius:6px;background:#fff}
.controls input{min-width:300px}
#shown{color:var(--muted);font-size:.86rem;margin-left:auto}
.tablewrap{overflow-x:auto}
table.docs{border-collapse:collapse;width:100%;font-size:.88rem;background:#fff}
table.docs th{position:sticky;top:0;background:#f0f2f6;border-bottom:1px solid #d5dae2;text-align:left;padding:0;white-space:nowrap}
table.docs th button{all:unset;box-sizing:border-box;display:block;width:100%;padding:7px 8px;cursor:pointer;font-weight:600;color:#2b3445}
table.docs th button:focus-visible{outline:2px solid var(--accent)}
table.docs th button::after{content:" \\2195";color:#a3abb8;font-weight:400}
table.docs th[aria-sort=ascending] button::after{content:" \\25B2";color:var(--accent)}
table.docs th[aria-sort=descending] button::after{content:" \\25BC";color:var(--accent)}
table.docs td{border-bottom:1px solid #edf0f4;padding:6px 8px;vertical-align:top}
table.docs td.num{text-align:right;font-variant-numeric:tabular-nums}
table.docs td.zero{color:#c3c9d2}
table.docs tbody tr:hover{background:#f7f9fc}
table.docs td.path{min-width:180px}
table.docs td.win{font-variant-numeric:tabular-nums}
.nw{white-space:nowrap}
th.cat{font-size:.8rem}
th.cat .sw{width:9px;height:9px;margin-right:4px;vertical-align:0}
table.rules{border-collapse:collapse;width:100%;font-size:.86rem}
table.rules td,table.rules th{border-bottom:1px solid #edf0f4;padding:4px 8px;text-align:left}
table.rules td.num{text-align:right;font-variant-numeric:tabular-nums}
table.rules button{all:unset;cursor:pointer;color:var(--accent);font-family:var(--mono);font-size:.88em}
tr.hidden{display:none}
"""

# ------------------------------------------------------------------ JavaScript (constant: hashed in the CSP)

_DOC_JS = r"""
(function () {
  "use strict";
  var doc = document.getElementById("doc");
  var sel = document.getElementById("sel-list");
  var empty = document.getElementById("sel-empty");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.fi"));
  var hidden = {};
  var current = -1;
  function segs(i) { return document.querySelectorAll('[data-f~="' + String(i | 0) + '"]'); }
  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".on"), function (el) { el.classList.remove("on"); });
    while (sel.firstChild) { sel.removeChild(sel.firstChild); }
  }
  function select(ids, scroll) {
    clear();
    ids.forEach(function (i) {
      Array.prototype.forEach.call(segs(i), function (s) { s.classList.add("on"); });
      var li = document.getElementById("fi" + i);
      if (li) {
        li.classList.add("on");
        var copy = li.cloneNode(true);
        copy.removeAttribute("id");
        copy.classList.remove("on");
        sel.appendChild(copy);
      }
    });
    empty.hidden = ids.length > 0;
    if (ids.length) { current = ids[0]; }
    if (scroll && ids.length) {
      var first = segs(ids[0])[0];
      if (first) { first.scrollIntoView({block: "center"}); }
      var li0 = document.getElementById("fi" + ids[0]);
      if (li0) { li0.scrollIntoView({block: "nearest"}); }
    }
  }
  function idsOf(el) {
    return (el.getAttribute("data-f") || "").split(" ").filter(Boolean).map(Number)
      .filter(function (i) { var li = document.getElementById("fi" + i); return !(li && hidden[li.getAttribute("data-c")]); });
  }
  doc.addEventListener("click", function (e) {
    var m = e.target.closest("[data-f]");
    if (!m || m.classList.contains("hid")) { return; }
    select(idsOf(m), false);
  });
  document.getElementById("findings").addEventListener("click", function (e) {
    var li = e.target.closest("li.fi");
    if (!li) { return; }
    e.preventDefault();
    select([Number(li.getAttribute("data-i"))], true);
  });
  function repaint() {
    Array.prototype.forEach.call(doc.querySelectorAll("[data-c]"), function (m) {
      var cats = m.getAttribute("data-c").split(" ");
      var shown = cats.filter(function (c) { return !hidden[c]; });
      cats.forEach(function (c) { m.classList.remove("p-" + c); });
      if (shown.length) { m.classList.add("p-" + shown[0]); m.classList.remove("hid"); }
      else { m.classList.add("hid"); }
    });
    items.forEach(function (li) { li.classList.toggle("hid", !!hidden[li.getAttribute("data-c")]); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-cat]"), function (box) {
    box.addEventListener("change", function () { hidden[box.getAttribute("data-cat")] = !box.checked; repaint(); });
  });
  var font = document.getElementById("font");
  if (font) {
    font.addEventListener("click", function () {
      var prose = doc.classList.toggle("prose");
      font.textContent = prose ? "Monospace" : "Proportional";
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.target.closest && e.target.closest("input,select,textarea")) { return; }
    if (e.key !== "n" && e.key !== "p" && e.key !== "j" && e.key !== "k") { return; }
    var visible = items.filter(function (li) { return !li.classList.contains("hid"); });
    if (!visible.length) { return; }
    var pos = visible.findIndex(function (li) { return Number(li.getAttribute("data-i")) === current; });
    var fwd = e.key === "n" || e.key === "j";
    pos = pos < 0 ? (fwd ? 0 : visible.length - 1) : (pos + (fwd ? 1 : -1) + visible.length) % visible.length;
    select([Number(visible[pos].getAttribute("data-i"))], true);
  });
})();
"""

_INDEX_JS = r"""
(function () {
  "use strict";
  var table = document.getElementById("docs");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById("q");
  var cat = document.getElementById("cat");
  var shown = document.getElementById("shown");
  Array.prototype.forEach.call(table.querySelectorAll("th button[data-col]"), function (b) {
    b.addEventListener("click", function () {
      var th = b.parentNode;
      var col = Number(b.getAttribute("data-col"));
      var num = b.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var sorted = Array.prototype.slice.call(body.rows);
      sorted.sort(function (r1, r2) {
        var a = r1.cells[col].getAttribute("data-v"), z = r2.cells[col].getAttribute("data-v"), c;
        if (num) { c = parseFloat(a) - parseFloat(z); }
        else { c = a < z ? -1 : (a > z ? 1 : 0); }
        if (dir === "descending") { c = -c; }
        return c || (Number(r1.getAttribute("data-i")) - Number(r2.getAttribute("data-i")));
      });
      sorted.forEach(function (r) { body.appendChild(r); });
    });
  });
  function filter() {
    var needle = q.value.trim().toLowerCase();
    var want = cat.value;
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!needle || r.getAttribute("data-search").indexOf(needle) >= 0) &&
               (!want || (" " + r.getAttribute("data-cats") + " ").indexOf(" " + want + " ") >= 0);
      r.classList.toggle("hidden", !ok);
      if (ok) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length + " documents";
  }
  q.addEventListener("input", filter);
  cat.addEventListener("change", filter);
  Array.prototype.forEach.call(document.querySelectorAll("button[data-rule]"), function (b) {
    b.addEventListener("click", function () { q.value = b.getAttribute("data-rule"); filter(); q.focus(); });
  });
  filter();
})();
"""


# ------------------------------------------------------------------ shared pieces


def _score_class(score: Any) -> str:
    try:
        s = float(score)
    except (TypeError, ValueError):
        return "s-mid"
    return "s-good" if s >= 80 else ("s-mid" if s >= 50 else "s-bad")


def _categories_of(reports: Iterable[Mapping[str, Any]]) -> list[str]:
    """The contract's categories in their order, then any others present that make a safe
    CSS class name (the rest are shown as 'other')."""
    extra = set()
    for rep in reports:
        for f in rep.get("findings", ()):
            c = str(f.get("category", ""))
            if c not in PALETTE and _CLASS_OK.match(c):
                extra.add(c)
    return [*CATEGORIES, *sorted(extra)]


def _cls(category: Any, known: Sequence[str]) -> str:
    c = str(category or "")
    return c if c in known else "other"


def _legend(categories: Sequence[str], toggles: bool = False, counts: Mapping[str, int] | None = None) -> str:
    parts = []
    for cat in categories:
        help_text = CATEGORY_HELP.get(cat, "")
        sw = f'<span class="sw c-{cat}"></span>'
        if toggles:
            n = (counts or {}).get(cat, 0)
            parts.append(
                f'<label class="item{" none" if not n else ""}" title="{esc(help_text)}">'
                f'<input type="checkbox" checked data-cat="{cat}">{sw}{esc(cat)} <b>{n}</b></label>'
            )
        else:
            parts.append(f'<span class="item" title="{esc(help_text)}">{sw}{esc(cat)}</span>')
    return f'<div class="legend">{"".join(parts)}</div>'


def _get(mapping: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, Mapping):
            return None
        mapping = mapping.get(key)
    return mapping


def _language(report: Mapping[str, Any]) -> str:
    lang = _get(report, "stats", "language")
    if isinstance(lang, Mapping):
        code = lang.get("code")
        return str(code) if code else ""
    return str(lang) if isinstance(lang, str) else ""


def _date_window(report: Mapping[str, Any]) -> tuple[str, str]:
    win = _get(report, "provenance", "date_window")
    if not isinstance(win, Mapping):
        return "", ""
    return str(win.get("start") or ""), str(win.get("end") or "")


def _disclosures(report: Mapping[str, Any]) -> list[str]:
    items = _get(report, "provenance", "disclosures")
    if not isinstance(items, list):
        return []
    out = []
    for d in items:
        t = d.get("type") if isinstance(d, Mapping) else d
        if t and str(t) not in out:
            out.append(str(t))
    return out


# ------------------------------------------------------------------ document page


def _offsets(text: str, finding: Mapping[str, Any], line_starts: list[int]) -> tuple[int, int]:
    n = len(text)

    def from_linecol(line: Any, col: Any) -> int:
        try:
            li, co = int(line), int(col)
        except (TypeError, ValueError):
            return 0
        if li < 1 or not line_starts:
            return 0
        if li > len(line_starts):
            return n
        return line_starts[li - 1] + max(co - 1, 0)

    start = finding.get("offset")
    end = finding.get("end_offset")
    if not isinstance(start, int) or isinstance(start, bool):
        start = from_linecol(finding.get("line"), finding.get("column"))
    if not isinstance(end, int) or isinstance(end, bool):
        end = from_linecol(finding.get("end_line"), finding.get("end_column"))
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    return start, end


def _finding_title(f: Mapping[str, Any]) -> str:
    return f"{f.get('rule', '')} {f.get('name', '')} ({f.get('severity', '')}): {f.get('message', '')}"


def _line_starts(text: str) -> list[int]:
    """Offsets where the lines of ``text`` start (none after a final newline)."""
    starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))][:-1]
    if len(starts) > 1 and starts[-1] >= len(text):
        starts.pop()
    return starts


def render_text(text: str, findings: Sequence[Mapping[str, Any]], categories: Sequence[str]) -> str:
    """The document text as HTML lines with every finding highlighted (see module doc)."""
    n = len(text)
    line_starts = _line_starts(text)
    spans: list[tuple[int, int, int]] = []
    zero: dict[int, list[int]] = {}
    starts_at: dict[int, list[int]] = {}
    ends_at: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        s, e = _offsets(text, f, line_starts)
        if e > s:
            spans.append((i, s, e))
            starts_at.setdefault(s, []).append(i)
            ends_at.setdefault(e, []).append(i)
        else:
            zero.setdefault(s, []).append(i)
    length = {i: e - s for i, s, e in spans}
    line_set = set(line_starts)
    bounds = sorted({0, n} | set(starts_at) | set(ends_at) | line_set | set(zero))
    active: set[int] = set()
    out: list[str] = []
    line_no = 0
    open_line = False
    titles = {i: esc(_finding_title(findings[i])) for i in range(len(findings))}
    cats = {i: _cls(findings[i].get("category"), categories) for i in range(len(findings))}
    for k, pos in enumerate(bounds):
        for i in ends_at.get(pos, ()):
            active.discard(i)
        started = starts_at.get(pos, [])
        active.update(started)
        if pos in line_set and (pos < n or not open_line):
            if open_line:
                out.append("</span>")
            line_no += 1
            out.append(f'<span class="ln" id="L{line_no}" data-n="{line_no}">')
            open_line = True
        for i in sorted(started):
            out.append(f'<span class="anc" id="f{i}"></span>')
        for i in zero.get(pos, ()):
            out.append(
                f'<span class="zw p-{cats[i]}" id="f{i}" data-f="{i}" data-c="{cats[i]}" '
                f'title="{titles[i]}" tabindex="0"></span>'
            )
        if k + 1 >= len(bounds):
            break
        seg = text[pos : bounds[k + 1]]
        if not seg:
            continue
        if not active:
            out.append(_esc_doc(seg))
            continue
        ids = sorted(active, key=lambda i: (length[i], i))  # innermost first: it gives the colour
        seg_cats: list[str] = []
        for i in ids:
            if cats[i] not in seg_cats:
                seg_cats.append(cats[i])
        classes = ["m", f"p-{seg_cats[0]}"] + [f"c-{c}" for c in seg_cats]
        if len(ids) > 1:
            classes.append("multi")
        if length[ids[0]] > WIDE_SPAN:
            classes.append("wide")
        title = "&#10;".join(titles[i] for i in ids)
        out.append(
            f'<mark class="{" ".join(classes)}" data-f="{" ".join(map(str, sorted(ids)))}" '
            f'data-c="{" ".join(seg_cats)}" title="{title}">{_esc_doc(seg)}</mark>'
        )
    if open_line:
        out.append("</span>")
    return "".join(out)


_NONE = '<span class="none">—</span>'


def _render_value(value: Any, depth: int = 0) -> str:
    """A provenance/stats value, escaped, as nested HTML (bounded in size)."""
    if value is None or value == "" or value == [] or value == {}:
        return _NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)):
        return esc(value)
    if depth >= 4:
        return f"<code>{esc(value)}</code>"
    if isinstance(value, Mapping):
        rows = "".join(f"<dt>{esc(k)}</dt><dd>{_render_value(v, depth + 1)}</dd>" for k, v in value.items())
        return f'<dl class="kv">{rows}</dl>'
    if isinstance(value, (list, tuple)):
        items = list(value)
        more = len(items) - 60
        items = items[:60]
        tail = f'<div class="muted">… {more} more</div>' if more > 0 else ""
        if all(isinstance(x, Mapping) for x in items):
            keys: list[str] = []
            for x in items:
                for key in x:
                    if key not in keys:
                        keys.append(key)
            head = "".join(f"<th>{esc(k)}</th>" for k in keys)
            body = "".join(
                "<tr>" + "".join(f"<td>{_render_value(x.get(k), depth + 1)}</td>" for k in keys) + "</tr>"
                for x in items
            )
            return f'<table class="sub"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}'
        if all(isinstance(x, (str, int, float)) for x in items):
            return ", ".join(esc(x) for x in items) + tail
        return "<ul>" + "".join(f"<li>{_render_value(x, depth + 1)}</li>" for x in items) + "</ul>" + tail
    return esc(value)


def _visible_ws(text: str) -> str:
    """A repair's replacement text with spaces, tabs and newlines made visible."""
    return _esc_doc(text).replace(" ", "\u2423").replace("\t", "\u21e5").replace("\n", "\u23ce")


def _finding_item(i: int, path: str, f: Mapping[str, Any], cat: str) -> str:
    from doclint.baseline import fingerprint

    line, col = f.get("line"), f.get("column")
    zero = f.get("offset") is not None and f.get("offset") == f.get("end_offset")
    loc = f"{esc(line)}:{esc(col)}"
    if f.get("end_line") not in (None, line):
        loc += f"–{esc(f.get('end_line'))}"
    sev = str(f.get("severity", ""))
    sev_cls = sev if sev in SEVERITY_ORDER else "info"
    excerpt = str(f.get("excerpt", ""))
    parts = [
        f'<li class="fi c-{cat}" id="fi{i}" data-i="{i}" data-c="{cat}">',
        (
            f'<a class="head" href="#f{i}"><span class="dot c-{cat}"></span>'
            f'<span class="rule">{esc(f.get("rule"))}</span><span>{esc(f.get("name"))}</span>'
            f'<span class="sev sev-{sev_cls}">{esc(sev)}</span><span class="loc">{loc}</span></a>'
        ),
        f'<div class="msg">{esc(f.get("message"))}</div>',
    ]
    if excerpt:
        parts.append(f'<div class="ex">{_esc_doc(excerpt)}</div>')
    elif zero:
        parts.append('<div class="fix">position marker (no text span)</div>')
    fix = f.get("fix")
    if isinstance(fix, Mapping) and "replacement" in fix:
        rep = str(fix.get("replacement", ""))
        shown = f'<code class="rep">{_visible_ws(rep)}</code>'
        if not rep:
            what = "delete the flagged text"
        elif fix.get("offset") is not None and fix.get("offset") == fix.get("end_offset"):
            what = f"insert {shown}"
        else:
            what = f"replace with {shown}"
        parts.append(f'<div class="fix">Safe repair: {what}</div>')
    try:
        fp = fingerprint(path, f)
        parts.append(f'<div class="fp">fingerprint <code>{esc(fp)}</code></div>')
    except (KeyError, TypeError):
        pass
    parts.append("</li>")
    return "".join(parts)


def _provenance_highlights(report: Mapping[str, Any]) -> str:
    chips = []
    start, end = _date_window(report)
    if start or end:
        chips.append(f'<span class="chip c-contradiction">dated {esc(start)} – {esc(end)}</span>')
    for kind in _disclosures(report):
        chips.append(f'<span class="chip c-disclosure">disclosure: {esc(kind)}</span>')
    lang = _language(report)
    if lang:
        chips.append(f'<span class="chip c-language">language: {esc(lang)}</span>')
    byline = _get(report, "provenance", "byline")
    if isinstance(byline, Mapping) and byline.get("text"):
        chips.append(f'<span class="chip c-other">{esc(byline.get("text"))}</span>')
    return f'<div class="hl">{"".join(chips)}</div>' if chips else ""


def page_path(out: Path, relative: str) -> Path:
    """Where :func:`write_document_page` writes the page of ``relative``."""
    target = safe_join(out, relative + PAGE_SUFFIX)
    if target.resolve() == (out / "index.html").resolve():  # a document named "index"
        target = safe_join(out, relative + ".page" + PAGE_SUFFIX)
    return target


def render_document_page(report: Mapping[str, Any], text: str, index_href: str = "index.html") -> str:
    findings = list(report.get("findings", ()))
    categories = _categories_of([report])
    path = str(report.get("path", ""))
    counts = Counter(_cls(f.get("category"), categories) for f in findings)
    legend_cats = [*categories, *(["other"] if counts.get("other") else [])]
    score = report.get("score", "")
    items = "".join(
        _finding_item(i, path, f, _cls(f.get("category"), categories)) for i, f in enumerate(findings)
    )
    if not findings:
        items = '<p class="muted">No findings.</p>'
    errors = ""
    if report.get("errors"):
        errs = "".join(
            f"<li><b>{esc(e.get('check'))}</b>: {esc(e.get('error'))}"
            f"<details><summary>trace</summary><pre>{esc(e.get('trace', ''))}</pre></details></li>"
            for e in report["errors"]
            if isinstance(e, Mapping)
        )
        errors = f'<section class="card errors"><h2>Checks that crashed on this document</h2><ul>{errs}</ul></section>'
    provenance = report.get("provenance", {})
    stats = report.get("stats", {})
    n_f = len(findings)
    body = f"""<body>
<header class="top">
<div><a href="{html.escape(index_href, quote=True)}" id="back">&larr; All documents</a></div>
<h1>{esc(path)}</h1>
<div class="sub">score <span class="score {_score_class(score)}" title="100 = clean">{esc(score)}</span>
&nbsp;&middot; {n_f} finding{"s" * (n_f != 1)} &middot; {esc(_get(report, "stats", "lines"))} lines &middot;
{esc(_get(report, "stats", "words"))} words &middot; sha256 <span class="mono">{esc(str(report.get("sha256", ""))[:16])}…</span></div>
</header>
<main>
<div class="layout">
<section>
<div class="toolbar">{_legend(legend_cats, toggles=True, counts=counts)}
<button type="button" id="font" title="switch the text font">Proportional</button></div>
<div class="text"><pre class="doc" id="doc">{render_text(text, findings, categories)}</pre></div>
</section>
<aside>
<section class="card" id="sel"><h2>Selected</h2>
<p class="empty" id="sel-empty">Click a highlighted passage (or a finding below) to see what was found there. Keys n / p step through findings.</p>
<ol class="findings" id="sel-list"></ol></section>
{errors}
<section class="card"><details open><summary>Provenance</summary>{_provenance_highlights(report)}{_render_value(provenance)}</details></section>
<section class="card"><details><summary>Statistics</summary>{_render_value(stats)}</details></section>
<section class="card"><h2>Findings ({n_f})</h2><ol class="findings" id="findings">{items}</ol></section>
</aside>
</div>
</main>
<footer>doclint {esc(doclint.__version__)}</footer>
</body>"""
    css = _BASE_CSS + _category_css(categories) + _DOC_CSS
    return _page(f"{esc(path)} — doclint", body, css, _DOC_JS)


def write_document_page(out: Path, relative: str, report: Mapping[str, Any], text: str) -> Path:
    """Write ``out/<relative>.html`` (atomically) and return its path."""
    out = Path(out)
    target = page_path(out, relative)
    depth = len(target.relative_to(out).parts) - 1
    atomic_write(target, render_document_page(report, text, "../" * depth + "index.html"), durable=False)
    return target


# ------------------------------------------------------------------ index page


def _page_link(page: Any, path: str) -> str:
    label = esc(path).replace("/", "/<wbr>")
    return f'<a href="{_href(page)}">{label}</a>' if page else label


def _histogram_svg(scores: Sequence[int | float]) -> str:
    bins = [0] * 10
    for s in scores:
        try:
            v = float(s)
        except (TypeError, ValueError):
            continue
        bins[min(9, max(0, int(v // 10)))] += 1
    w, h, left, bottom, top = 440, 190, 30, 30, 14
    plot_w, plot_h = w - left - 10, h - bottom - top
    peak = max(bins) or 1
    bw = plot_w / 10
    parts = [
        f'<svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="hist-t" xmlns="http://www.w3.org/2000/svg">',
        '<title id="hist-t">Documents by score</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{w - 10}" y2="{top + plot_h}" stroke="#c9cfd8"/>',
    ]
    colours = [
        "#d64545",
        "#d64545",
        "#de6b3a",
        "#de6b3a",
        "#e39b2d",
        "#e3b32d",
        "#c3bb34",
        "#8fba3c",
        "#4fa85a",
        "#2f9a5c",
    ]
    for i, count in enumerate(bins):
        x = left + i * bw + 3
        bh = round(plot_h * count / peak, 1)
        y = top + plot_h - bh
        label = f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100"
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw - 6:.1f}" height="{bh}" rx="2" fill="{colours[i]}">'
            f"<title>score {label}: {count} document{'s' * (count != 1)}</title></rect>"
        )
        if count:
            parts.append(
                f'<text class="v" x="{x + (bw - 6) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>'
            )
        parts.append(
            f'<text x="{x + (bw - 6) / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle">{i * 10}</text>'
        )
    parts.append(f'<text x="{w / 2:.0f}" y="{h - 2}" text-anchor="middle">score (100 = clean)</text>')
    parts.append("</svg>")
    return "".join(parts)


def _category_svg(by_cat: Mapping[str, int], categories: Sequence[str]) -> str:
    rows = [c for c in categories if c in PALETTE or by_cat.get(c)]
    if by_cat.get("other"):
        rows.append("other")
    w, row_h, label_w = 440, 26, 110
    h = row_h * len(rows) + 10
    peak = max([by_cat.get(c, 0) for c in rows] + [1])
    plot_w = w - label_w - 50
    parts = [
        f'<svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="cat-t" xmlns="http://www.w3.org/2000/svg">',
        '<title id="cat-t">Findings by category</title>',
    ]
    for k, cat in enumerate(rows):
        y = 5 + k * row_h
        count = by_cat.get(cat, 0)
        bw = round(plot_w * count / peak, 1)
        strong, _light = _colours(cat)
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{esc(cat)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{max(bw, 1.5)}" height="{row_h - 9}" rx="3" fill="{strong}"'
            f' fill-opacity="{0.9 if count else 0.25}"><title>{esc(cat)}: {count}</title></rect>'
        )
        parts.append(f'<text class="v" x="{label_w + max(bw, 1.5) + 6}" y="{y + 16}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_index(entries: Sequence[Mapping[str, Any]], errors: Sequence[str] = ()) -> str:
    reports = [e["report"] for e in entries]
    categories = _categories_of(reports)
    n_docs = len(reports)
    by_cat: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    rule_info: dict[str, Mapping[str, Any]] = {}
    scores = []
    for rep in reports:
        scores.append(rep.get("score", 0))
        for f in rep.get("findings", ()):
            by_cat[_cls(f.get("category"), categories)] += 1
            code = str(f.get("rule", ""))
            by_rule[code] += 1
            rule_info.setdefault(code, f)
    n_findings = sum(by_cat.values())
    with_findings = sum(1 for r in reports if r.get("findings"))
    numeric = [float(s) for s in scores if isinstance(s, (int, float)) and not isinstance(s, bool)]
    mean = f"{sum(numeric) / len(numeric):.1f}" if numeric else "—"
    crashed = sum(1 for r in reports if r.get("errors"))

    cards = [
        (n_docs, "documents"),
        (n_findings, "findings"),
        (with_findings, "documents with findings"),
        (mean, "mean score"),
    ]
    if crashed:
        cards.append((crashed, "documents where a check crashed"))
    cards_html = "".join(
        f'<div class="card stat"><div class="n">{esc(v)}</div><div class="l">{esc(label)}</div></div>'
        for v, label in cards
    )

    errors_html = ""
    if errors:
        items_html = "".join(f"<li>{esc(e)}</li>" for e in errors)
        errors_html = (
            f'<section class="card errors"><h2>Inputs that could not be read ({len(errors)})</h2>'
            f"<ul>{items_html}</ul></section>"
        )
    shown_cats = [*categories] + (["other"] if by_cat.get("other") else [])
    cat_options = "".join(f'<option value="{c}">{esc(c)}</option>' for c in shown_cats)
    heads = [
        '<th><button type="button" data-col="0" data-type="str">Document</button></th>',
        '<th><button type="button" data-col="1" data-type="num">Score</button></th>',
    ]
    col = 2
    for c in shown_cats:
        heads.append(
            f'<th class="cat" title="{esc(CATEGORY_HELP.get(c, c))}"><button type="button" data-col="{col}" '
            f'data-type="num"><span class="sw c-{c}"></span>{esc(SHORT.get(c, c))}</button></th>'
        )
        col += 1
    for label, typ in (("Total", "num"), ("Language", "str"), ("Date window", "str"), ("Disclosures", "str")):
        heads.append(f'<th><button type="button" data-col="{col}" data-type="{typ}">{label}</button></th>')
        col += 1

    rows = []
    for i, entry in enumerate(entries):
        rep = entry["report"]
        path = str(rep.get("path", ""))
        counts = Counter(_cls(f.get("category"), categories) for f in rep.get("findings", ()))
        codes = sorted({str(f.get("rule", "")) for f in rep.get("findings", ())})
        lang = _language(rep)
        start, end = _date_window(rep)
        discl = _disclosures(rep)
        score = rep.get("score", 0)
        search = " ".join([path, lang, *discl, *codes, *(c for c in counts)]).lower()
        cells = [
            f'<td class="path" data-v="{esc(path.lower())}">{_page_link(entry.get("page"), path)}</td>',
            f'<td class="num" data-v="{esc(score)}"><span class="score {_score_class(score)}">{esc(score)}</span></td>',
        ]
        for c in shown_cats:
            v = counts.get(c, 0)
            cells.append(f'<td class="num{" zero" if not v else ""}" data-v="{v}">{v}</td>')
        total = sum(counts.values())
        cells.append(f'<td class="num" data-v="{total}">{total}</td>')
        cells.append(f'<td data-v="{esc(lang.lower())}">{esc(lang) or _NONE}</td>')
        window = (
            f'<span class="nw">{esc(start)} –</span> <span class="nw">{esc(end)}</span>'
            if (start or end)
            else _NONE
        )
        cells.append(f'<td class="win" data-v="{esc(start)}">{window}</td>')
        cells.append(f'<td data-v="{esc(" ".join(discl).lower())}">{esc(", ".join(discl)) or _NONE}</td>')
        rows.append(
            f'<tr data-i="{i}" data-search="{esc(search)}" data-cats="{" ".join(sorted(counts))}">{"".join(cells)}</tr>'
        )

    rule_rows = (
        "".join(
            f'<tr><td><span class="dot c-{_cls(rule_info[code].get("category"), categories)}"></span> '
            f'<button type="button" data-rule="{esc(code.lower())}" title="show documents with {esc(code)}">{esc(code)}</button></td>'
            f"<td>{esc(rule_info[code].get('name'))}</td><td>{esc(rule_info[code].get('category'))}</td>"
            f'<td class="num">{count}</td></tr>'
            for code, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        or '<tr><td colspan="4" class="muted">No findings.</td></tr>'
    )

    body = f"""<body>
<header class="top">
<h1>doclint report</h1>
<div class="sub">{n_docs} document{"s" * (n_docs != 1)} &middot; {n_findings} finding{"s" * (n_findings != 1)} &middot; mean score {esc(mean)}</div>
</header>
<main>
<div class="cards">{cards_html}</div>
{errors_html}
<div class="charts">
<figure class="card"><h2>Documents by score</h2>{_histogram_svg(scores)}</figure>
<figure class="card"><h2>Findings by category</h2>{_category_svg(by_cat, categories)}</figure>
<section class="card rulebox"><h2>Findings by rule</h2>
<div class="rulescroll"><table class="rules"><thead><tr><th>rule</th><th>name</th><th>category</th><th>count</th></tr></thead>
<tbody>{rule_rows}</tbody></table></div>
</section>
</div>
<section class="card">
<h2>Documents</h2>
<div class="controls">
<input type="search" id="q" placeholder="Filter: path, rule code (M101), language, disclosure…" aria-label="filter documents">
<select id="cat" aria-label="category"><option value="">all categories</option>{cat_options}</select>
{_legend(shown_cats)}
<span id="shown">{n_docs} of {n_docs} documents</span>
</div>
<div class="tablewrap"><table class="docs" id="docs"><thead><tr>{"".join(heads)}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
</section>
</main>
<footer>doclint {esc(doclint.__version__)} &middot; click a column header to sort, a rule code to filter</footer>
</body>"""
    body = body.replace("", "")
    css = _BASE_CSS + _category_css(categories) + _INDEX_CSS
    return _page("doclint report", body, css, _INDEX_JS)


def write_index(out: Path, entries: list[dict[str, Any]], errors: Sequence[str] = ()) -> Path:
    """Write ``out/index.html`` for ``entries`` ({"report": …, "page": "<path from out>"});
    ``errors`` (optional) are input errors of the run, listed in a box."""
    target = Path(out) / "index.html"
    atomic_write(target, render_index(entries, errors))
    return target
