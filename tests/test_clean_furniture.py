"""Page furniture, paywall and reprint notices, on invented pages: HTML, scraped plain text
and JSON Lines text (where furniture is blanked so offsets stay valid)."""

from __future__ import annotations

import json

import pytest

from newsgraph.clean import clean
from newsgraph.clean.furniture import blank_furniture, is_furniture
from newsgraph.clean.notices import notice_kind
from newsgraph.types import CleanDocument, Failure, RawInput

STORY = [
    "The river authority said on Tuesday that the flood barrier at Eastwick would be "
    "raised by two metres before the winter storms arrive.",
    "Engineers have warned for years that the barrier was too low for the tides now "
    "seen several times a decade, the authority's chief engineer told reporters.",
    "Work is due to start in March and to last eighteen months, at a cost the council "
    "put at forty million pounds, shared with the national government.",
]

FURNITURE = {
    "related links": [
        "Also on Harbour News",
        "Also on Harbour News: Ferry strike ends after talks",
        "Read more: Why the tides are rising faster on this coast",
        "Related: Councils count the cost of last winter's floods",
        "RELATED COVERAGE: Storm season outlook",
        "More from Harbour News: Bridge closures this weekend",
    ],
    "credit lines": [
        "Mira Castellan contributed reporting from Lisbon.",
        "(Reporting by Tomas Hale in Eastwick; Editing by Ruth Penrose)",
        "Reporting by Tomas Hale; Additional reporting by Ana Ruiz; Editing by Ruth Penrose",
        "Additional reporting by Ana Ruiz in Madrid",
        "Associated Press writers Ana Ruiz and Tomas Hale contributed to this report.",
        "Follow Tomas Hale on Twitter @tomashale for more flood coverage.",
        "Tomas Hale can be reached at thale@harbour-news.test or on Twitter.",
    ],
    "share prompts": [
        "Share this article",
        "Share this story with your friends",
        "Click to share on Twitter (Opens in new window)",
        "Facebook Twitter Email Print",
        "Subscribe to Harbour News's daily newsletter",
    ],
    "photo captions": [
        "This March 3, 2015, file photo shows the old flood barrier at Eastwick. "
        "(AP Photo/Jane Roe, File)",
        "In this Jan. 5, 2019 file photo, engineers inspect the barrier gates.",
        "(AP Photo/Jane Roe)",
        "Engineers inspect the gates on Monday. (Photo: Tomas Hale/Harbour News)",
        "Workers at the barrier in 2020. (Photo by Jane Roe/Getty Images)",
        "Image caption The barrier was last raised in 1983",
        "Photo: Jane Roe/Reuters",
    ],
}
ALL_FURNITURE = [line for lines in FURNITURE.values() for line in lines]


@pytest.mark.parametrize("line", ALL_FURNITURE)
def test_each_furniture_class_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Also on Tuesday, the minister said the barrier would be finished before winter.",
        "Reporting by the regional paper found that the barrier had been neglected for years.",
        "The government contributed forty million pounds to the work, the council said.",
        "More than 2,000 people lived behind the barrier when it was built, records show.",
        "The photo of the flooded square, taken in 2014, was shared thousands of times.",
        "The report, first published in a journal in 2019, warned of higher tides.",
        "Readers of the story asked whether the work would close the riverside path.",
    ],
)
def test_story_sentences_that_look_like_furniture_stay(line):
    assert not is_furniture(line)


def _mixed_page() -> list[str]:
    """The story with one furniture line of each class between or after paragraphs."""
    return [
        STORY[0],
        FURNITURE["photo captions"][0],
        FURNITURE["related links"][2],
        STORY[1],
        FURNITURE["share prompts"][0],
        STORY[2],
        FURNITURE["credit lines"][0],
        FURNITURE["related links"][0],
    ]


def _body_only(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_html_page_loses_its_furniture(config):
    paragraphs = "".join(f"<p>{line}</p>" for line in _mixed_page())
    html = (
        "<html><head><title>Barrier to be raised</title></head><body><article>"
        f"<h1>Barrier to be raised</h1>{paragraphs}</article></body></html>"
    )
    document = clean(RawInput(ref="p", kind="html", content=html), config)
    assert isinstance(document, CleanDocument)
    body = [line for line in _body_only(document.text) if line != "Barrier to be raised"]
    assert body == STORY


def test_scraped_plain_text_loses_its_furniture(config):
    text = "Barrier to be raised\n\n" + "\n\n".join(_mixed_page())
    document = clean(RawInput(ref="t", kind="text", content=text), config)
    assert isinstance(document, CleanDocument)
    assert document.title == "Barrier to be raised"
    assert _body_only(document.text) == STORY


def test_given_text_has_furniture_blanked_with_offsets_kept(config):
    text = "\n".join(_mixed_page())
    document = clean(RawInput(ref="g", kind="given-text", content=text), config)
    assert isinstance(document, CleanDocument)
    assert len(document.text) == len(text)
    for paragraph in STORY:  # every story paragraph is where it was
        start = text.index(paragraph)
        assert document.text[start : start + len(paragraph)] == paragraph
    assert [line for line in document.text.split("\n") if line.strip()] == STORY


def test_blank_furniture_leaves_text_without_furniture_unchanged():
    text = "\n\n".join(STORY)
    assert blank_furniture(text) == (text, [])


def test_a_caption_date_never_becomes_the_publication_date(config):
    caption = FURNITURE["photo captions"][0]
    html = (
        "<html><head><title>Barrier to be raised</title></head><body><article>"
        f"<h1>Barrier to be raised</h1><figure><img src='b.jpg'><figcaption>{caption}"
        f"</figcaption></figure>{''.join(f'<p>{p}</p>' for p in STORY)}"
        f"<p class='caption'>{FURNITURE['photo captions'][1]}</p></article></body></html>"
    )
    document = clean(RawInput(ref="c", kind="html", content=html), config)
    assert isinstance(document, CleanDocument)
    assert document.published is None and "2015" not in document.text
    text = "\n\n".join([caption, *STORY])
    for kind in ("text", "given-text"):
        document = clean(RawInput(ref="c", kind=kind, content=text), config)
        assert isinstance(document, CleanDocument) and document.published is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Subscribe now to continue reading.", "paywall"),
        ("You have reached your limit of free articles this month.", "paywall"),
        ("This article is available only to our subscribers.", "paywall"),
        ("This story was originally published by The Harbour Times.", "reprint"),
        ("Originally published on Harbour Science.", "reprint"),
        ("Republished with permission from The Harbour Times.", "reprint"),
        ("The report, first published in a journal in 2019, warned of tides.", None),
        ("The minister said subscribers to the scheme would continue to be paid.", None),
    ],
)
def test_notice_kinds(line, kind):
    assert notice_kind(line) == kind


def test_a_paywall_teaser_falls_back_to_the_pages_own_article_body(config):
    body = " ".join(STORY)
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": body}
    html = (
        "<html><head><title>Barrier to be raised</title>"
        f'<script type="application/ld+json">{json.dumps(data)}</script></head><body>'
        f"<article><h1>Barrier to be raised</h1><p>{STORY[0]}</p>"
        "<div class='paywall'><p>Subscribe now to continue reading.</p>"
        "<p>Already a subscriber? Log in</p></div></article></body></html>"
    )
    document = clean(RawInput(ref="w", kind="html", content=html), config)
    assert isinstance(document, CleanDocument)
    assert STORY[2] in document.text and "Subscribe" not in document.text


def test_a_page_that_is_only_a_reprint_notice_is_refused(config):
    html = (
        "<html><head><title>Barrier to be raised</title></head><body><article>"
        "<h1>Barrier to be raised</h1><p>This article was originally published by The "
        "Harbour Times. Read the original article.</p></article></body></html>"
    )
    result = clean(RawInput(ref="n", kind="html", content=html), config)
    assert isinstance(result, Failure) and result.reason == "notice-only"


def test_a_reprint_notice_after_a_story_is_dropped_and_signalled(config):
    text = "\n\n".join([*STORY, "Originally published on Harbour Science."])
    document = clean(RawInput(ref="r", kind="given-text", content=text), config)
    assert isinstance(document, CleanDocument)
    assert "notice:reprint" in document.rewrite_signals
    assert "Originally" not in document.text and len(document.text) == len(text)
