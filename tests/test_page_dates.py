"""The article's reference date: from the caller, the URL, the page markup or the text
itself, each with its evidence; never from a picture's caption."""

from __future__ import annotations

import json

from newsgraph.clean.dates import date_from_url
from newsgraph.clean.document import clean
from newsgraph.clean.pagedate import markup_date
from newsgraph.clean.textdate import text_date
from newsgraph.config import Config
from newsgraph.types import RawInput

# -- the text's own date ----------------------------------------------------------------


def test_publication_line_gives_the_date_with_its_span():
    text = "By Ana Ruiz | Published: Oct. 7, 2021 10:15 a.m.\n\nThe council met on Tuesday."
    found = text_date(text)
    assert found is not None and (found.value, found.kind) == ("2021-10-07", "published")
    assert text[found.start : found.end] == found.text == "Oct. 7, 2021"


def test_update_line_counts_when_no_publication_line_does():
    text = "Last updated 4:02 p.m. GMT, Thursday 3 June 2021\n\nThe port reopened today."
    found = text_date(text)
    assert found is not None and (found.value, found.kind) == ("2021-06-03", "updated")
    text = "Updated June 4, 2021\nPosted on June 3, 2021\n\nThe port reopened."
    assert text_date(text).value == "2021-06-03"  # the publication line wins


def test_dateline_with_a_full_date():
    found = text_date("KINGSTOWN, March 2, 2022 (Wire) — Dock workers walked out on Monday.")
    assert found is not None and found.value == "2022-03-02"


def test_embedded_posts_give_the_latest_date_when_nothing_else_does():
    text = (
        "The mayor's post drew replies.\n\n"
        "Proud of our crews today — Lea Moss (@leamoss) April 4, 2020\n\n"
        "Thank you all pic.twitter.com/x1 — Town Hall (@townhall) April 5, 2020\n\n"
        "She visited the shelter on Sunday."
    )
    found = text_date(text)
    assert found is not None and (found.value, found.kind) == ("2020-04-05", "embedded-post")


def test_captions_and_other_dates_are_not_the_article_date():
    assert text_date("This May 9, 2015, file photo shows the old bridge.\n\nIt fell.") is None
    assert text_date("Pictured: the harbour on June 1, 2018.\n\nShips left.") is None
    assert text_date("Drivers queued, Lisbon, Portugal, May 5, 2019. © 2019 Agency") is None
    assert text_date("In an email dated Feb. 12, 2012 — months before — he warned them.") is None
    assert text_date("The trial began on 3 March 2018 and ran for weeks.") is None
    assert text_date("WASHINGTON, Nov. 19 (Wire) — no year here.") is None


# -- the URL and the markup ---------------------------------------------------------------


def test_url_with_the_month_as_a_word():
    assert date_from_url("https://paper.test/world/2021/mar/09/story") == "2021-03-09"
    assert date_from_url("https://paper.test/world/2021/13/09/story") is None


def _page(head: str, body: str = "<p>Text.</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_markup_date_names_its_field():
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2022-05-01T09:00:00+02:00"})
    html = _page(
        f'<script type="application/ld+json">{ld}</script>'
        '<meta property="article:published_time" content="2022-04-30T12:00:00+02:00">'
    )
    day, evidence = markup_date(html)
    assert day == "2022-05-01" and (evidence["kind"], evidence["name"]) == (
        "json-ld",
        "datePublished",
    )
    day, evidence = markup_date(
        _page('<meta property="article:published_time" content="2022-04-30">')
    )
    assert day == "2022-04-30" and evidence["name"] == "article:published_time"


def test_markup_prefers_a_local_stamp_to_a_utc_one():
    html = _page(
        '<meta name="pubdate" content="2022-05-02T03:10:00Z">'
        '<meta name="dc.date" content="2022-05-01T22:10:00-05:00">'
    )
    assert markup_date(html)[0] == "2022-05-01"


def test_image_paths_and_video_objects_are_not_publication_dates():
    ld = json.dumps({"@type": "VideoObject", "datePublished": "2016-01-01"})
    html = _page(
        '<meta property="og:image" content="https://cdn.test/media/2016/04/05/ball.jpg">'
        f'<script type="application/ld+json">{ld}</script>'
    )
    assert markup_date(html) is None


# -- the clean stage's choice -------------------------------------------------------------


def _clean(**fields):
    return clean(RawInput(ref="r", **fields), Config())


def test_clean_orders_the_evidence():
    text = "Posted on 2 May 2021\n\nThe ferry sank on Saturday."
    given = _clean(kind="given-text", content=text, published="2021-05-03")
    assert (given.published, given.published_source) == ("2021-05-03", "given")
    from_url = _clean(kind="given-text", content=text, url="https://n.test/2021/05/04/x")
    assert (from_url.published, from_url.published_source) == ("2021-05-04", "url")
    from_text = _clean(kind="given-text", content=text)
    assert (from_text.published, from_text.published_source) == ("2021-05-02", "text")
    evidence = from_text.published_evidence
    assert evidence["kind"] == "text-published"
    assert from_text.text[evidence["start"] : evidence["end"]] == "2 May 2021"
    nothing = _clean(kind="given-text", content="The ferry sank on Saturday.")
    assert nothing.published is None and nothing.published_evidence is None


def test_clean_trusts_the_url_before_a_guess_from_the_page():
    html = _page(
        '<meta property="og:image" content="https://cdn.test/media/2016/04/05/ball.jpg">',
        "<article><p>" + "The home side won the final on Friday night. " * 30 + "</p></article>",
    )
    page = _clean(kind="html", content=html, url="https://n.test/sport/2021/05/04/final")
    assert (page.published, page.published_source) == ("2021-05-04", "url")
