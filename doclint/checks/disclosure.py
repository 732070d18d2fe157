"""Disclosure statements: foreign-agent (FARA) notices, sponsored content, affiliate links,
author conflicts of interest, press-release wire markers, AI-generated content notices.

Each is a statement *in* the document about who paid for, distributed or produced it.
They are not conversion defects -- the text is usually right to carry them -- but a curator
must know them: they change what the document is (advocacy for a foreign government, an
advertisement, a press release, machine-written text). Detection is in
:mod:`doclint.checks.disclosure_core`, shared with the ``provenance`` check.
"""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import Options
from doclint.checks.disclosure_core import as_provenance, scan
from doclint.checks.provenance_extract import author_names
from doclint.document import Document
from doclint.model import Example, Finding, Rule

OPTIONS: dict[str, str] = {}  # no [options.disclosure] keys (doclint.config.validate_options)

RULES = (
    Rule(
        code="D101",
        name="foreign-agent-notice",
        category="disclosure",
        severity="warning",
        summary="Foreign-agent (FARA) notice: material distributed on behalf of a foreign principal",
        message="Foreign-agent (FARA) notice: material distributed by an agent on behalf of a foreign principal",
        rationale=(
            "US law (22 U.S.C. 614(b), 28 CFR 5.402) requires informational materials distributed by a "
            "registered foreign agent to say so conspicuously. The text is advocacy paid for by a foreign "
            "government, party or company, however much it reads like an op-ed or news; a corpus should "
            "label it (the agent and principal are in the finding's data). It is a warning, not an error: "
            "the notice is correct and must not be stripped -- the document is not broken, its provenance "
            "needs a decision."
        ),
        examples=(
            Example(
                "Why the region matters\n\n\u201cThis material is distributed by Harbor Lane Strategies LLC on "
                "behalf of the Embassy of the Republic of Norland. Additional information is available at the "
                "Department of Justice, Washington, D.C.\u201d\n",
                fails=True,
            ),
            Example(
                "These materials are prepared and disseminated by Meridian Public Affairs on behalf of the\n"
                "Ministry of Tourism of Eastland. Additional information is on file with the\nDepartment of "
                "Justice, Washington, DC.\n",
                fails=True,
            ),
            Example(
                "The Justice Department's FARA unit said the firm had registered as a foreign agent of the "
                "ministry in 2019.\n",
                fails=False,
            ),
            Example("The minister spoke on behalf of the government at the summit.\n", fails=False),
        ),
    ),
    Rule(
        code="D102",
        name="sponsored-content",
        category="disclosure",
        severity="warning",
        summary="Sponsored / paid content label",
        message="Sponsored-content label",
        rationale=(
            "Sponsored posts, advertorials and partner content are advertising written to look like "
            "editorial text. Mixed into a corpus as journalism they skew it toward marketing claims."
        ),
        examples=(
            Example("SPONSORED CONTENT\n\nFive ways to cut your energy bill this winter.\n", fails=True),
            Example(
                "This article was sponsored by Northwind Mutual. All opinions are our own.\n", fails=True
            ),
            Example("Partner content from Contoso Cloud\n\nScaling your team is hard.\n", fails=True),
            Example("The conference, sponsored by the city, drew 400 visitors on Saturday.\n", fails=False),
            Example("Advertisers increasingly pay for sponsored content, the survey found.\n", fails=False),
        ),
    ),
    Rule(
        code="D103",
        name="affiliate-links",
        category="disclosure",
        severity="info",
        summary="Affiliate-link / commission notice",
        message="Affiliate-link / commission notice",
        rationale=(
            "The publisher earns money when readers buy what the text recommends; reviews and buying "
            "guides with affiliate links are commercial content, and the notice itself is boilerplate."
        ),
        examples=(
            Example(
                "Our picks\n\nWhen you buy through links on our site, we may earn an affiliate commission.\n",
                fails=True,
            ),
            Example("As an Amazon Associate I earn from qualifying purchases.\n", fails=True),
            Example("Disclosure: this post contains affiliate links.\n", fails=True),
            Example(
                "Affiliate marketing lets bloggers earn a commission when readers buy products they recommend.\n",
                fails=False,
            ),
            Example("The European Commission fined the retailer on Tuesday.\n", fails=False),
        ),
    ),
    Rule(
        code="D104",
        name="author-conflict-of-interest",
        category="disclosure",
        severity="warning",
        summary="Author conflict of interest (paid relationship or financial interest)",
        message="Conflict-of-interest disclosure",
        rationale=(
            "The author states a financial interest in what they write about (shares, positions, paid "
            "consulting, funding). Readers -- and anyone weighting the text as independent analysis -- "
            "need to know."
        ),
        examples=(
            Example("Disclosure: I am long NVDA and hold call options on AMD.\n", fails=True),
            Example(
                "The author owns shares in Fabrikam Energy and has received consulting fees from its parent.\n",
                fails=True,
            ),
            Example(
                "Body text.\n\nDana Whitfield is a paid consultant to Tailspin Pharmaceuticals.\n", fails=True
            ),
            Example("The author has no position in any of the stocks mentioned.\n", fails=False),
            Example("Pension funds hold shares in the company, filings show.\n", fails=False),
        ),
    ),
    Rule(
        code="D105",
        name="press-release",
        category="disclosure",
        severity="info",
        summary="Press-release wire marker or boilerplate",
        message="Press-release marker",
        rationale=(
            "Wire datelines (/PRNewswire/, BUSINESS WIRE, GLOBE NEWSWIRE, ACCESSWIRE), media-contact "
            "blocks, the '###' end marker and 'About <Company>' boilerplate show the text is a company's "
            "own announcement, not independent reporting."
        ),
        examples=(
            Example(
                "AUSTIN, Texas, May 2, 2024 /PRNewswire/ -- Litware Inc. today announced a new platform.\n",
                fails=True,
            ),
            Example("BOSTON--(BUSINESS WIRE)--Proseware Corp. reported record revenue.\n", fails=True),
            Example("Text of the release.\n\nMedia Contact:\nJane Roe, jane@example.com\n", fails=True),
            Example(
                "The company announced the results in a release distributed by a newswire service.\n",
                fails=False,
            ),
        ),
    ),
    Rule(
        code="D106",
        name="ai-generated-content",
        category="disclosure",
        severity="warning",
        summary="AI-generated content notice",
        message="AI-generated content notice",
        rationale=(
            "The text says it was written or drafted by a language model. Machine-written text in a "
            "training or research corpus is a known quality and contamination problem."
        ),
        examples=(
            Example(
                "This article was generated with the help of AI and reviewed by our editors.\n", fails=True
            ),
            Example("Market wrap\nAI-generated summary\n\nStocks rose on Monday.\n", fails=True),
            Example("A poem written by an AI went viral last week, researchers said.\n", fails=False),
            Example(
                "Hospitals are testing AI-assisted diagnosis tools across the region this year.\n",
                fails=False,
            ),
        ),
    ),
)


def check(doc: Document, options: Options) -> Iterator[Finding]:
    items = scan(doc, lambda: author_names(doc))
    options.provenance["disclosures"] = as_provenance(doc, items)
    for d in items:
        data = {k: v for k, v in d.data.items()}
        yield Finding(d.rule, d.start, d.end, d.message, data=data)
