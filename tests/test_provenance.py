"""Provenance block, sidecar metadata (doclint.sidecar) and D201/D202."""

from __future__ import annotations

import json
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.checks import Options, provenance
from doclint.checks.provenance import language_code, publisher_matches
from doclint.document import Document
from doclint.sidecar import SidecarResult, front_matter, read_sidecar

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIX = ROOT / "tests" / "fixtures" / "disclosure"


def seed(prefix: str) -> pathlib.Path:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path


def run_doc(doc: Document) -> tuple[list, dict]:
    opts = Options()
    found = list(provenance.check(doc, opts))
    return found, opts.provenance


def engine_doc(path: pathlib.Path | None, text: str, **cache) -> Document:
    """What the engine does: read_sidecar, then doc.meta / doc.cache."""
    res = read_sidecar(path, text)
    doc = Document.from_text(text, path=str(path) if path else "<text>", meta=res.meta)
    doc.cache["sidecar_error"] = res.error
    doc.cache["sidecar_source"] = res.source
    doc.cache.update(cache)
    return doc


# --------------------------------------------------------------------------------------------
# rules


@pytest.mark.parametrize(
    "rule,example",
    [(r, e) for r in provenance.RULES for e in r.examples],
    ids=lambda v: getattr(v, "code", None) or ("fail" if getattr(v, "fails", False) else "pass"),
)
def test_rule_examples(rule, example):
    found, _ = run_doc(Document.from_text(example.text))
    assert bool([f for f in found if f.rule == rule.code]) == example.fails


# --------------------------------------------------------------------------------------------
# seeds


def test_seed_001_byline_and_fara():
    _, prov = run_doc(Document.from_text(seed("001").read_text(encoding="utf-8")))
    assert prov["byline"] == {"text": "By Brian Dean, Executive Director, IES", "line": 2}
    (author,) = prov["authors"]
    assert author["name"] == "Brian Dean"
    assert author["role"] == "Executive Director"
    assert author["affiliations"] == ["Executive Director", "IES"]
    assert author["line"] == 2 and author["source"] == "byline"
    (d,) = prov["disclosures"]
    assert (d["type"], d["agent"], d["principal"], d["line"], d["end_line"]) == (
        "fara",
        "Invest El Salvador",
        "the Government of El Salvador",
        4,
        5,
    )


def test_seed_002_publisher_claim():
    _, prov = run_doc(Document.from_text(seed("002").read_text(encoding="utf-8")))
    assert prov["publisher_claims"] == [
        {"name": "BBC Express News", "kind": "see-more", "line": 61, "text": "See more BBC Express News"}
    ]
    assert prov["byline"] is None and prov["authors"] == []


def test_seed_003_author_bio():
    _, prov = run_doc(Document.from_text(seed("003").read_text(encoding="utf-8")))
    (author,) = prov["authors"]
    assert author["name"] == "Irina Tsukerman"
    assert author["line"] == 15 and author["source"] == "bio"
    for aff in ("human rights lawyer", "CEO of Scarab Rising", "editor-in-chief of The Washington Outsider"):
        assert aff in author["affiliations"]
    assert "a media and security consultancy" not in " ".join(author["affiliations"])
    assert author["organizations"] == ["Scarab Rising", "The Washington Outsider"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_provenance_block_shape_and_json(prefix):
    found, prov = run_doc(Document.from_text(seed(prefix).read_text(encoding="utf-8")))
    assert found == []
    assert set(prov) == {
        "byline",
        "authors",
        "disclosures",
        "publisher_claims",
        "metadata",
        "metadata_source",
    }
    assert prov["metadata"] == {} and prov["metadata_source"] is None
    json.dumps(prov)


def test_hardwrapped_bio_is_joined():
    _, prov = run_doc(Document.from_text((FIX / "fara_embassy_hardwrap.txt").read_text(encoding="utf-8")))
    (author,) = prov["authors"]
    assert author["name"] == "Margaret Ellison"
    assert author["source"] == "byline+bio"
    assert "senior adviser at Harbor Lane Strategies" in author["affiliations"]


# --------------------------------------------------------------------------------------------
# bylines and publisher claims


@pytest.mark.parametrize(
    "line,names",
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("BY JOHN SMITH AND MARY ROE", ["John Smith", "Mary Roe"]),
        ("By Ana Lopez and Tom Reed | Reuters", ["Ana Lopez", "Tom Reed"]),
        ("Written by: Karl de Vries, Staff Writer", ["Karl de Vries"]),
        ("By 2030, the plan will be complete.", []),
        ("By the numbers", []),
        ("By attacking the plan, critics have", []),
    ],
)
def test_byline_forms(line, names):
    _, prov = run_doc(Document.from_text(f"Headline here\n{line}\n\nBody text follows here.\n"))
    assert [a["name"] for a in prov["authors"]] == names


@pytest.mark.parametrize(
    "line,name,kind",
    [
        ("\u00a9 2023 The Example Times. All rights reserved.", "The Example Times", "copyright"),
        ("Copyright Reuters", "Reuters", "copyright"),
        ("Copyright (c) 2019-2024 Contoso Media Group", "Contoso Media Group", "copyright"),
        ("Originally published by Fabrikam Weekly", "Fabrikam Weekly", "originally-published"),
        (
            "This article first appeared on The Northwind Review.",
            "The Northwind Review",
            "originally-published",
        ),
        (
            "This article is republished from The Conversation under a Creative Commons license.",
            "The Conversation",
            "originally-published",
        ),
        ("WASHINGTON (Reuters) - The Senate voted on Tuesday.", "Reuters", "dateline"),
        ("LONDON, March 3 (AP) \u2014 Markets fell.", "AP", "dateline"),
        ("See more BBC Express News", "BBC Express News", "see-more"),
        ("Source: Adatum News Service", "Adatum News Service", "source"),
    ],
)
def test_publisher_claim_forms(line, name, kind):
    _, prov = run_doc(Document.from_text(f"Headline\n\nBody text.\n\n{line}\n"))
    assert [(c["name"], c["kind"], c["line"]) for c in prov["publisher_claims"]] == [(name, kind, 5)]


@pytest.mark.parametrize(
    "line",
    [
        "The copyright holders sued the platform last year.",
        "The novel was first published in 1925.",
        "Read more about the summit in our live blog.",
        "Copyright law has not kept pace with technology.",
        "See more",
    ],
)
def test_publisher_claim_near_misses(line):
    _, prov = run_doc(Document.from_text(f"Headline\n\n{line}\n"))
    assert prov["publisher_claims"] == []


def test_about_the_author_bio_and_coauthors():
    text = (
        "Title\nBy Jane Roe and John Doe, The Example Times\nMarch 3, 2024\n\nBody.\n\nAbout the author\n"
        "Dr. Sara Malik is a professor of economics at Northwind University and a fellow of the Contoso Institute.\n"
        "\nShare this article\nComments\n"
    )
    _, prov = run_doc(Document.from_text(text))
    assert prov["byline"] == {"text": "By Jane Roe and John Doe, The Example Times", "line": 2}
    names = [(a["name"], a["source"], a["line"]) for a in prov["authors"]]
    assert names == [("Jane Roe", "byline", 2), ("John Doe", "byline", 2), ("Dr. Sara Malik", "bio", 8)]
    malik = prov["authors"][2]
    assert malik["affiliations"] == [
        "professor of economics at Northwind University",
        "fellow of the Contoso Institute",
    ]
    assert malik["organizations"] == ["Northwind University", "the Contoso Institute"]


@pytest.mark.parametrize(
    "tail",
    [
        "El Salvador is a country in Central America and the smallest in the region.",
        "The Central American country is a key partner.",
        "Share Selection",
    ],
)
def test_bio_near_misses(tail):
    _, prov = run_doc(Document.from_text(f"Body.\n\n{tail}\n"))
    assert prov["authors"] == []


# --------------------------------------------------------------------------------------------
# sidecar files


def test_sidecar_meta_yaml(tmp_path):
    doc = tmp_path / "b.txt"
    doc.write_text("Body\n", encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text(
        "url: https://example.org/a\npublisher: Example Times\npublished: 2023-05-01\n"
        "retrieved: 2024-01-02T03:04:05Z\nlanguage: en\nlicense: CC-BY-4.0\ntitle: T\n"
        "authors: [Jane Doe]\ncrawler: {name: x, version: 2}\n",
        encoding="utf-8",
    )
    res = read_sidecar(doc, "Body\n")
    assert isinstance(res, SidecarResult)
    meta, error, source = res
    assert error is None and source == "sidecar"
    assert meta["publisher"] == "Example Times"
    assert meta["published"] == "2023-05-01"
    assert meta["retrieved"].startswith("2024-01-02T03:04:05")
    assert meta["authors"] == ["Jane Doe"]
    assert meta["crawler"] == {"name": "x", "version": 2}
    json.dumps(meta)


def test_sidecar_txt_meta_yaml_preferred(tmp_path):
    doc = tmp_path / "b.txt"
    doc.write_text("Body\n", encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text("publisher: Generic\n", encoding="utf-8")
    (tmp_path / "b.txt.meta.yaml").write_text("publisher: Specific\n", encoding="utf-8")
    assert read_sidecar(doc, "Body\n").meta == {"publisher": "Specific"}
    (tmp_path / "b.txt.meta.yaml").unlink()
    assert read_sidecar(doc, "Body\n").meta == {"publisher": "Generic"}


def test_no_sidecar(tmp_path):
    doc = tmp_path / "c.txt"
    assert read_sidecar(doc, "Body\n") == SidecarResult({}, None, None)
    assert read_sidecar(None, "") == SidecarResult({}, None, None)


@pytest.mark.parametrize(
    "content,needle",
    [
        ("publisher: [unclosed\n", "b.meta.yaml"),
        ("title: a: b\n", "line 1"),
        ("- just\n- a list\n", "mapping"),
        ("\tpublisher: tabs\n", "b.meta.yaml"),
    ],
)
def test_broken_sidecar_is_a_finding_not_a_crash(tmp_path, content, needle):
    path = tmp_path / "b.txt"
    text = "First line of the document\nSecond line\n"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text(content, encoding="utf-8")
    res = read_sidecar(path, text)
    assert res.meta == {} and res.error and "b.meta.yaml" in res.error and needle in res.error
    doc = engine_doc(path, text)
    found, prov = run_doc(doc)
    (f,) = found
    assert f.rule == "D201"
    assert (f.start, f.end) == (0, len("First line of the document"))
    assert "b.meta.yaml" in f.message
    assert prov["metadata"] == {}


def test_sidecar_not_utf8(tmp_path):
    path = tmp_path / "b.txt"
    (tmp_path / "b.meta.yaml").write_bytes(b"publisher: \xff\xfe caf\xe9\n")
    res = read_sidecar(path, "x")
    assert res.error and "UTF-8" in res.error and res.meta == {}


def test_sidecar_is_directory_or_unreadable(tmp_path):
    path = tmp_path / "b.txt"
    (tmp_path / "b.meta.yaml").mkdir()
    assert read_sidecar(path, "x") == SidecarResult({}, None, None)


def test_check_reads_sidecar_itself_when_engine_did_not(tmp_path):
    path = tmp_path / "b.txt"
    text = "Body.\n\n\u00a9 2024 Contoso Herald\n"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text("publisher: Northwind Gazette\n", encoding="utf-8")
    doc = Document.from_text(text, path=str(path))
    found, prov = run_doc(doc)
    assert [f.rule for f in found] == ["D202"]
    assert prov["metadata"] == {"publisher": "Northwind Gazette"}
    assert prov["metadata_source"] == "sidecar"


# --------------------------------------------------------------------------------------------
# front matter


def test_front_matter_parsed():
    text = "---\ntitle: Harbour report\npublisher: The Example Times\npublished: 2024-02-03\n---\nBy Jane Doe\n\nBody.\n"
    res = read_sidecar(None, text)
    assert res.source == "front-matter" and res.error is None
    assert res.meta == {
        "title": "Harbour report",
        "publisher": "The Example Times",
        "published": "2024-02-03",
    }
    doc = engine_doc(None, text)
    found, prov = run_doc(doc)
    assert found == []
    assert prov["metadata"]["publisher"] == "The Example Times"
    assert prov["metadata_source"] == "front-matter"
    assert prov["byline"] == {"text": "By Jane Doe", "line": 6}


def test_front_matter_crlf_and_dots():
    text = "---\r\ntitle: X\r\n...\r\nBody\r\n"
    fm = front_matter(text)
    assert fm is not None and text[fm[1] :] == "Body\r\n"
    assert read_sidecar(None, text).meta == {"title": "X"}


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA horizontal rule, then text.\n",
        "---\nJust prose between rules.\n---\nMore.\n",
        "Body first\n---\ntitle: no\n---\n",
        "---\ntitle: never closed\n",
    ],
)
def test_not_front_matter(text):
    assert read_sidecar(None, text) == SidecarResult({}, None, None)


def test_front_matter_broken():
    text = "---\ntitle: [oops\nurl: x\n---\nBody\n"
    res = read_sidecar(None, text)
    assert res.meta == {} and "front matter" in res.error
    found, _ = run_doc(engine_doc(None, text))
    assert [f.rule for f in found] == ["D201"]


def test_sidecar_and_front_matter_merge(tmp_path):
    path = tmp_path / "b.md"
    text = "---\ntitle: FM title\nlanguage: en\n---\nBody\n"
    (tmp_path / "b.meta.yaml").write_text("title: Sidecar title\n", encoding="utf-8")
    res = read_sidecar(path, text)
    assert res.source == "sidecar"
    assert res.meta == {"title": "Sidecar title", "language": "en"}


# --------------------------------------------------------------------------------------------
# metadata vs text


def test_publisher_mismatch_on_seed_002_copy():
    text = seed("002").read_text(encoding="utf-8")
    doc = Document.from_text(text, meta={"publisher": "The Daily Example"})
    doc.cache.update(sidecar_error=None, sidecar_source="sidecar")
    found, prov = run_doc(doc)
    (f,) = found
    assert f.rule == "D202"
    assert doc.linecol(f.start)[0] == 61
    assert f.data["field"] == "publisher" and f.data["text"] == ["BBC Express News"]
    assert prov["metadata"] == {"publisher": "The Daily Example"}


@pytest.mark.parametrize(
    "meta",
    [
        {"publisher": "BBC Express News"},
        {"publisher": "bbc express"},
        {"publisher": "Unrelated Name", "url": "https://www.bbcexpress.example/news/1"},
        {"url": "https://elsewhere.example/"},
        {"language": "en"},
    ],
)
def test_publisher_agreement(meta):
    doc = Document.from_text(seed("002").read_text(encoding="utf-8"), meta=meta)
    doc.cache.update(sidecar_error=None, sidecar_source="sidecar")
    found, _ = run_doc(doc)
    assert found == []


def test_publisher_no_claims_no_finding():
    doc = Document.from_text("Just text.\n", meta={"publisher": "Anyone"})
    doc.cache.update(sidecar_error=None, sidecar_source="sidecar")
    assert run_doc(doc)[0] == []


def test_language_mismatch_uses_detected_language():
    doc = Document.from_text("Texto en espa\u00f1ol.\n", meta={"language": "en-US"})
    doc.cache.update(
        sidecar_error=None, sidecar_source="sidecar", language={"code": "es", "confidence": 0.97}
    )
    found, _ = run_doc(doc)
    (f,) = found
    assert f.rule == "D202" and f.data["field"] == "language" and f.data["detected"] == "es"
    assert (f.start, f.end) == (0, len("Texto en espa\u00f1ol."))


@pytest.mark.parametrize(
    "cache",
    [
        {},  # language check did not run: skip
        {"language": {"code": "es", "confidence": 0.4}},  # not confident
        {"language": {"code": "en", "confidence": 0.99}},  # agrees
        {"language": {"code": None}},
        {"language": "garbage value"},
    ],
)
def test_language_no_finding(cache):
    doc = Document.from_text("Some English text.\n", meta={"language": "English"})
    doc.cache.update(sidecar_error=None, sidecar_source="sidecar", **cache)
    assert run_doc(doc)[0] == []


def test_helpers():
    assert language_code("en-US") == "en"
    assert language_code("eng") == "en"
    assert language_code("Spanish") == "es"
    assert language_code("zh-cn") == "zh"
    assert language_code(42) is None
    assert publisher_matches("The Washington Post", "washingtonpost.com")
    assert publisher_matches("Reuters", "Thomson Reuters")
    assert not publisher_matches("The Example Times", "BBC Express News")


@settings()
@given(st.text(max_size=300))
def test_property_sidecar_never_raises(text):
    res = read_sidecar(None, "---\n" + text + "\n---\nbody\n")
    assert isinstance(res.meta, dict)
    json.dumps(res.meta)
    found, prov = run_doc(Document.from_text("---\n" + text + "\n---\nbody\n"))
    for f in found:
        assert f.rule in ("D201", "D202")
    json.dumps(prov)


@settings()
@given(st.text(max_size=400))
def test_property_provenance_random_text(text):
    doc = Document.from_text(text)
    found, prov = run_doc(doc)
    for f in found:
        assert 0 <= f.start <= f.end <= len(text)
    for a in prov["authors"]:
        assert 1 <= a["line"] <= len(doc.lines)
    json.dumps(prov)


def test_sidecar_yml_and_extensionless(tmp_path):
    (tmp_path / "doc").write_text("x", encoding="utf-8")
    (tmp_path / "doc.meta.yml").write_text("title: Y\n", encoding="utf-8")
    assert read_sidecar(tmp_path / "doc", "x") == SidecarResult({"title": "Y"}, None, "sidecar")
    assert read_sidecar(str(tmp_path / "doc"), "x").meta == {"title": "Y"}


def test_yaml_alias_bomb_and_deep_nesting_are_errors():
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=False):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    levels.append("g: [" + ", ".join(["*f"] * 9) + "]")
    res = read_sidecar(None, "---\n" + "\n".join(levels) + "\n---\nbody\n")
    assert res.meta == {} and "too complex" in res.error
    res = read_sidecar(None, "---\nx: " + "[" * 200 + "]" * 200 + "\n---\nbody\n")
    assert res.meta == {} and "too complex" in res.error


def test_byline_after_navigation_and_split_over_lines():
    nav = "\n".join(["Home", "World", "Business", "Sign in", "Subscribe"] * 4)
    text = (
        nav
        + "\n\nHeadline of the story\nApril 28, 2019\nBy\nBenjamin Romano\nSeattle Times business reporter\n"
    )
    text += "\n".join(f"Paragraph of the article number {i}, long enough to be prose." for i in range(20))
    _, prov = run_doc(Document.from_text(text))
    (author,) = prov["authors"]
    assert author["name"] == "Benjamin Romano"
    assert author["role"] == "Seattle Times business reporter"
    assert prov["byline"]["text"] == "By Benjamin Romano, Seattle Times business reporter"


def test_byline_organisation_with_commas():
    text = "Title\nBy Daniel Roe, Senior Staff Technologist, Example Speech, Privacy, and Technology Project\n\nBody.\n"
    _, prov = run_doc(Document.from_text(text))
    (author,) = prov["authors"]
    assert author["affiliations"] == [
        "Senior Staff Technologist",
        "Example Speech, Privacy, and Technology Project",
    ]


def test_publisher_claim_cleanup():
    text = (
        "Body.\n\n\u00a9 Copyright 2006 - 2024 Spiceworks Inc.\n\u00a9 Provided by Business Insider Inc\n"
        "\u00a9 Telegraph Media Group Limited 2017\n\u00a9 2024 Diario Ejemplo S.L. Todos los derechos reservados.\n"
        "Copyright \u00a9 2024 Metro Daily News. All rights reserved.\nCopyright \u00a9 2024 Metro Daily News.\n"
    )
    _, prov = run_doc(Document.from_text(text))
    assert [c["name"] for c in prov["publisher_claims"]] == [
        "Spiceworks Inc.",
        "Business Insider Inc",
        "Telegraph Media Group Limited",
        "Diario Ejemplo S.L.",
        "Metro Daily News",
    ]


def test_wire_credit_line_gives_reporters_and_editors() -> None:
    from doclint.api import lint_text

    text = (pathlib.Path(__file__).resolve().parent / "fixtures" / "disclosure" / "wire_story_credits.txt").read_text()
    rep = lint_text(text)
    authors = [(a["name"], a["role"], a["line"]) for a in rep["provenance"]["authors"]]
    assert authors == [("David Morgan", "reporter", 9), ("Scott Malone", "editor", 9),
                       ("Daniel Wallis", "editor", 9)]
    assert [c["name"] for c in rep["provenance"]["publisher_claims"]] == ["Reuters"]
    assert rep["findings"] == []  # a clean wire story: nothing to report


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="by about the author source: (c) © copyright\n é’漢", max_size=80), st.data())
def test_re2_scans_on_bytes_match_str_scans(text, data):
    # provenance_extract runs its RE2 scans on UTF-8 bytes with Utf8Text offsets; the reference
    # is RE2's own str path
    from doclint.checks.provenance_extract import _ABOUT_AUTHOR, _BYLINE_CAND, _PUB_PREFILTER
    from doclint.utf8text import Utf8Text

    u = Utf8Text(text)
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    for rx in (_ABOUT_AUTHOR, _BYLINE_CAND, _PUB_PREFILTER):
        assert [u.char(m.start()) for m in rx.finditer(u.data, u.byte(pos))] == [
            m.start() for m in rx.finditer(text, pos)
        ]
        assert [u.char(m.start()) for m in rx.finditer(u.data, u.byte(pos), u.byte(end))] == [
            m.start() for m in rx.finditer(text, pos, end)
        ]


_ABOUT_PARTS = ["about", "About", "ABOUT", " ", "\t", "the", "The", "author", "authors", "AUTHOR", ":", "*", "_",
                "#", ">", "\n", "\r\n", "x", "\u00e9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ABOUT_PARTS), max_size=30).map("".join), st.data())
def test_about_author_lines_match_the_scan(text, data):
    # the literal-led search gives the starts of the _ABOUT_AUTHOR scan
    from doclint.checks.provenance_extract import _ABOUT_AUTHOR, _about_author_lines
    from doclint.utf8text import Utf8Text

    u = Utf8Text(text)
    pos = u.byte(data.draw(st.integers(0, len(text))))
    assert _about_author_lines(u.data, pos) == [m.start() for m in _ABOUT_AUTHOR.finditer(u.data, pos)]


_CLAIM_LINES = [
    "\u00a9 2023 The Example Times. All rights reserved.",
    "Copyright (c) 2019-2024 Contoso Media Group",
    "(C) Fabrikam Inc",
    "Originally published by Fabrikam Weekly",
    "This article first appeared on The Northwind Review.",
    "A version of this story was first posted in Litware Daily",
    "This article is republished from The Conversation under a Creative Commons license.",
    "This essay was reprinted with permission of The Atlantic",
    "WASHINGTON (Reuters) - The Senate voted on Tuesday.",
    "See more BBC Express News",
    "Read more stories from Contoso Post",
    "Source: Adatum News Service",
    "Courtesy of Northwind Traders",
    "Credit - Proseware Media",
    "(Reporting by David Morgan; Additional reporting by Jane Roe; Editing by Scott Malone)",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_CLAIM_LINES), st.randoms(use_true_random=False))
def test_publisher_claim_gates_never_hide_a_match(line, rnd):
    """A kind's Words gate fails only when its pattern cannot match, also with letters in the
    other case or swapped for the characters re.IGNORECASE takes for them."""
    from doclint.checks.disclosure_text import fold
    from doclint.checks.provenance_extract import _PUB_PATTERNS, _WIRE_CREDIT

    swaps = {"i": ["I", "\u0131", "\u0130"], "s": ["S", "\u017f"], "k": ["K", "\u212a"]}
    s = "".join(rnd.choice(swaps.get(c.lower(), [c.swapcase()])) if rnd.random() < 0.3 else c for c in line)
    for _kind, pattern, words in _PUB_PATTERNS:
        if pattern.search(s):
            assert words(fold(s)), (pattern.pattern[:50], s)
    if _WIRE_CREDIT.search(s):
        assert "by" in s.lower() and "ng" in s.lower()


def test_publisher_claim_lines_match_every_kind():
    from doclint.checks.provenance_extract import _PUB_PATTERNS, _WIRE_CREDIT

    for _kind, pattern, _words in _PUB_PATTERNS:
        assert any(pattern.search(line) for line in _CLAIM_LINES), pattern.pattern[:50]
    assert any(_WIRE_CREDIT.search(line) for line in _CLAIM_LINES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n\u00a0\u2003\u00ad\u200b\ufeff\u201c\u2014\x1c", max_size=30))
def test_norm_fast_path(text):
    from doclint.checks.disclosure_text import _WS, norm, straighten

    assert norm(text) == straighten(" ".join(_WS.sub(" ", text).split()))


def test_offsets_after_a_far_query_stay_linear() -> None:
    """Utf8Text kept only the points past its last one: once a scan had asked for a far offset
    (the disclosure scan, at the end of the text), every later offset was decoded from the
    top, so a damaged page with a '©' on every few characters ('Ã©â€™' x 100,000: 0.5 M
    characters) took provenance ~40 s -- past check-timeout, the check lost for the page."""
    from doclint.config import Config
    from doclint.engine import Engine

    report = Engine(Config(select=("D201",), timeout=10)).lint(Document.from_text("Ã©â€™" * 100_000))
    assert "errors" not in report
