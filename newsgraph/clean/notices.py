"""Paywall and reprint notices: paragraphs that stand in for an article or say where it ran.

The patterns are data (``data/notices.txt``). A notice is looked for only in a short
paragraph, so a long paragraph of the story that happens to mention subscribing or an
earlier publication is never taken for one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.clean.lexicon import shipped_lines
from newsgraph.regex_shortcuts import any_required

# Notices are one or two sentences; a paragraph longer than this is article text.
NOTICE_MAX_WORDS = 60


@lru_cache(maxsize=1)
def notice_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) pairs, in file order. The patterns are written in lower case and
    matched against lower-cased text: several times faster than case-insensitive matching,
    and this runs on every paragraph."""
    pairs = []
    for line in shipped_lines("notices.txt"):
        kind, _, pattern = line.partition(" ")
        pairs.append((kind, re.compile(pattern.strip())))
    return tuple(pairs)


@lru_cache(maxsize=1)
def notice_words() -> frozenset[str] | None:
    """Words every notice holds one of (None: no such test): a paragraph without any
    is no notice, and is not searched."""
    return any_required([pattern for _, pattern in notice_patterns()])


@lru_cache(maxsize=1)
def any_notice() -> re.Pattern[str]:
    """All the patterns as one alternation: most paragraphs match none, and one search
    tells so (the kind, when one does match, is still the first pattern's in file order)."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in notice_patterns()))


def notice_kind(paragraph: str) -> str | None:
    """The kind of notice ``paragraph`` is (``paywall``, ``reprint``), or None."""
    words = paragraph.lower().split()
    if not words or len(words) > NOTICE_MAX_WORDS:
        return None
    return _short_text_notice(" ".join(words))


# Cleaning asks about the same paragraph several times (extraction fallback, notice
# flags, furniture): the answer for a short normalised paragraph is kept while one
# document is cleaned. ``forget_notices`` empties it between documents, so that speed
# figures over a repeated corpus do not count answers carried from one copy to the next.
@lru_cache(maxsize=4096)
def _short_text_notice(text: str) -> str | None:
    words = notice_words()
    if words is not None and not any(word in text for word in words):
        return None
    if not any_notice().search(text):
        return None
    for kind, pattern in notice_patterns():
        if pattern.search(text):
            return kind
    return None


def forget_notices() -> None:
    _short_text_notice.cache_clear()


def notice_kinds(paragraphs: list[str]) -> list[str]:
    """The kinds of notice among ``paragraphs``, each once, in order of appearance."""
    kinds: list[str] = []
    for paragraph in paragraphs:
        kind = notice_kind(paragraph)
        if kind and kind not in kinds:
            kinds.append(kind)
    return kinds


def article_chars(paragraphs: list[str]) -> int:
    """Characters of the paragraphs that are not notices."""
    return sum(len(p) for p in paragraphs if notice_kind(p) is None)
