from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import normalize
from newsgraph.clean.dates import date_from_url, parse_given_date
from newsgraph.clean.furniture import is_furniture, strip_furniture
from newsgraph.clean.normalize import normalize_text
from newsgraph.clean.plaintext import split_title
from newsgraph.clean.rewrite import rewrite_signals
from newsgraph.clean.urls import canonical_url, domain_of
from newsgraph.errors import NewsgraphError


def test_normalize_repairs_mojibake_and_applies_nfc():
    broken = "Erdo\u00c4\u0178an said the caf\u00c3\u00a9 was closed"
    assert normalize_text(broken) == "Erdoğan said the café was closed"
    decomposed = "Erdog\u0306an"
    assert normalize_text(decomposed) == "Erdoğan"


def test_normalize_whitespace_keeps_paragraphs_and_quotes():
    text = "  First\u00a0 line \t here.\r\n\r\n\r\n\n“Quoted,” he said.\u200b  "
    assert normalize_text(text) == "First line here.\n\n“Quoted,” he said."


# Printable ASCII, the line breaks, and the typographic marks that let normalize_text skip
# ftfy, plus a few look-alikes that must not (the non-ASCII pieces of mojibake and
# control characters), so that both paths are drawn.
_NORMALIZE_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x20, 0x7F)]
    + list("\t\n\r\u2018\u2019\u201c\u201d\u2013\u2014\u2026\xa0")
    + list("\u00c3\u00a9\u00e2\u20ac\u2122\u0085\x1b\x00\ufb01")
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_NORMALIZE_ALPHABET, max_size=60))
def test_normalize_skips_ftfy_only_where_ftfy_would_change_nothing(text):
    result = normalize_text(text)
    inert = normalize._FTFY_INERT
    normalize._FTFY_INERT = re.compile("(?!)")  # matches nothing: ftfy always runs
    try:
        assert result == normalize_text(text)
    finally:
        normalize._FTFY_INERT = inert


def test_furniture_block_at_end_is_removed_with_related_titles():
    paragraphs = [
        "The minister said the talks would resume next week.",
        "Previous Article",
        "Markets rally as inflation cools in the euro area",
        "Next Article",
        "Rail unions call off the weekend strike",
        "Write a Comment",
        "Leave a Comment",
    ]
    assert strip_furniture(paragraphs) == paragraphs[:1]


def test_furniture_keeps_short_closing_sentence_and_headline_in_body():
    paragraphs = [
        "Ministers met in Brussels.",
        "What comes next",
        "Talks continue on Friday.",
        "Share this article",
    ]
    assert strip_furniture(paragraphs) == paragraphs[:3]


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Comment",
        "NEXT ARTICLE",
        "Share on Facebook",
        "Tags: politics, EU",
        "Subscribe to our newsletter",
        "Advertisement",
        "12 comments",
    ],
)
def test_furniture_patterns(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line", ["Comments by the minister angered the opposition.", "Next week the parliament votes."]
)
def test_body_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_split_title_takes_headline_only():
    assert split_title(["A headline here", "Body text."]) == ("A headline here", ["Body text."])
    assert split_title(["A full sentence opens the text.", "More."])[0] is None
    assert split_title(["Only one paragraph"])[0] is None


def test_rewrite_signals():
    signals = rewrite_signals(
        title="Revised: Talks in Ankara", text="Body.", author=None, published=None
    )
    assert signals == ["title-prefix:Revised", "no-byline", "no-date"]
    assert rewrite_signals(
        title="UPDATED - Quake toll rises", text="x", author="A B", published="2023-02-07"
    ) == ["title-prefix:UPDATED"]
    assert (
        rewrite_signals(
            title="Revisions to the budget", text="x", author="A", published="2023-01-01"
        )
        == []
    )
    body = "Main text.\nThis article was updated to add a statement."
    assert "body-marker:this article was updated" in rewrite_signals(
        title=None, text=body, author="A", published="2023-01-01"
    )


def test_canonical_url_and_domain():
    assert canonical_url("HTTP://www.Example.test/a/b/?utm_source=x&id=3#frag") == (
        "https://example.test/a/b?id=3"
    )
    assert canonical_url("javascript:alert(1)") is None
    assert domain_of("https://www.example-wire.test/x") == "example-wire.test"


def test_dates():
    assert date_from_url("https://x.test/2023/12/04/story") == "2023-12-04"
    assert date_from_url("https://x.test/2023/13/04/story") is None
    assert parse_given_date("2023-12-04") == "2023-12-04"
    assert parse_given_date("2023-12-04T10:00:00Z") == "2023-12-04T10:00:00+00:00"
    with pytest.raises(NewsgraphError, match="Invalid date"):
        parse_given_date("last tuesday")
