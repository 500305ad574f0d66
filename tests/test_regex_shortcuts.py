"""The required-words shortcut of regular expressions (clean/needles.py) must never
change what a search finds: every match holds one of the words."""

import re

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.clean.notices import notice_patterns
from newsgraph.extract.times.spans import _rule_patterns
from newsgraph.regex_shortcuts import (
    any_required,
    first_characters,
    required_words,
    with_first_letters,
)


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


def test_first_characters_of_a_pattern():
    pattern = re.compile(r"\b(?:early|mid)?(?:last|this) (?:week|year)\b", re.IGNORECASE)
    assert first_characters(pattern) == {"e", "m", "l", "t"}
    assert first_characters(re.compile(r"(?:last)?\d+")) is None  # a digit may start it
    assert first_characters(re.compile(r"[^a]bc")) is None
    assert first_characters(re.compile(r"(?:x)?")) is None  # may match nothing
    assert with_first_letters(re.compile("ab|ac")) is not None


_TIME_WORDS = [
    "Last",
    "last",
    "this",
    "THIS",
    "week",
    "year",
    "early",
    "mid-",
    "Monday",
    "morning",
    "k",
    "\u212a",
    "5",
    "pm",
    "ago",
    "two",
    "days",
    " ",
    ",",
    "\n",
]


@given(st.lists(st.sampled_from(_TIME_WORDS), max_size=16))
def test_the_lookahead_keeps_every_match(words):
    text = " ".join(words)
    for rule in _rule_patterns():
        assert [m.span() for m in rule.pattern.finditer(text)] == [
            m.span() for m in rule.scan_pattern.finditer(text)
        ]
