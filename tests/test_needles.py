"""The required-words shortcut of regular expressions (clean/needles.py) must never
change what a search finds: every match holds one of the words."""

import re

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.clean.needles import any_required, required_words
from newsgraph.clean.notices import notice_patterns


def test_words_come_from_the_parts_every_match_passes_through():
    assert required_words(re.compile(r"(?:sign up|subscribe) now to keep reading")) == {
        " now to keep reading"
    }
    assert required_words(re.compile(r"(?:first|originally) (?:published|posted)")) in (
        {"first", "originally"},
        {"published", "posted"},
    )


def test_no_shortcut_when_a_part_may_be_skipped_or_is_too_short():
    assert required_words(re.compile(r"(?:reading)?\d+")) is None
    assert required_words(re.compile(r"in|on")) is None
    assert required_words(re.compile(r"subscribe", re.IGNORECASE)) is None
    assert any_required([re.compile("unlock"), re.compile(r"\d+")]) is None


def test_every_shipped_notice_pattern_has_words():
    assert all(required_words(pattern) for _, pattern in notice_patterns())


_WORDS = [
    "to",
    "continue",
    "reading",
    "subscribe",
    "this",
    "article",
    "was",
    "first",
    "published",
    "in",
    "unlock",
    "the",
    "full",
    "story",
    "you",
    "have",
    "read",
    "3",
    "free",
    "articles",
    "left",
    "originally",
    "appeared",
    "on",
    ",",
    "please",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=14))
def test_a_text_without_the_words_has_no_match(words):
    text = " ".join(words)
    for _, pattern in notice_patterns():
        needed = required_words(pattern)
        assert needed is not None
        if pattern.search(text):
            assert any(word in text for word in needed)
