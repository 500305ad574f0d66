"""Words that read as a time but, from what stands around them, are something else.

A candidate span ("two years", "a second", "quarters", "This Week") is a time expression
only if its neighbours agree: "a 43-year-old" is an age, "minutes apart" a gap between
two events, "three-quarters of its food" a fraction, "the night of" needs the day
named after it, "8% annually" is a rate, "a second group" an ordinal, and
"This Week" in quotation marks the title of a show.
``not_a_time`` reads the raw text; ``not_a_time_in`` also reads the parse.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.extract.times.words import time_words

# A count of time units followed by "old" is an age ("a 6-year-old", "the 50-year-old
# founder"), a property of a person or thing, not a time: TimeML leaves ages out.
_AGE_AFTER = re.compile(r"[\s-]*old\b", re.IGNORECASE)

# "soon" and "shortly" before "as", "after" or "before" measure the gap to another event
# ("as soon as the talks end", "shortly after the blast"): a relation, not a time. "As
# soon as possible" names no other event and stays a (future) time.
_GAP_ADVERB = re.compile(r"(?:soon|shortly)", re.IGNORECASE)
_GAP_AFTER = re.compile(
    r"\s+(?:as(?!\s+(?:possible|practicable|feasible)\b)|after|before|thereafter|"
    r"afterwards?)\b",
    re.IGNORECASE,
)
# "minutes apart", "two days apart": the distance between two events, not a time.
_APART_AFTER = re.compile(r"\s+apart\b", re.IGNORECASE)

# A house number before a street name is an address, not a year ("of 1119 Eighth St.").
_STREET_AFTER = re.compile(
    r"\s+(?:[A-Z0-9][\w'-]*\.?\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|"
    r"Pl|Place|Ln|Lane|Dr|Drive|Way|Ct|Court|Hwy|Highway|Pkwy|Parkway|Terrace|Circle)\b"
)

# "three-quarters of its food", "a quarter of the market": a share of something, not a
# time. Only one or three quarters of a determined noun are read so: "several quarters of
# losses" is a time, and so is "a quarter of a century" or "of the year".
_QUARTERS = re.compile(r"(?:.*\s)?(?:a|one|three)[\s-]+quarters?", re.IGNORECASE | re.DOTALL)
_OF_SOMETHING = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|our|your|all|a|an|this|that|these|those)\s+"
    r"(?!(?:\w+\s+)?(?:century|centuries|decade|year|fiscal|(?:1[89]|20)\d\d)\b)",
    re.IGNORECASE,
)

# "the night of Oct. 23", "the morning of the vote": the part of a day that the words
# after "of" name; without them the span has no day of its own.
_DAY_PART_OF = re.compile(r"\s+of\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _bare_day_part() -> re.Pattern[str]:
    parts = "|".join(sorted(time_words().day_parts, key=len, reverse=True))
    return re.compile(rf"(?:the\s+)?(?:{parts})", re.IGNORECASE)


# A frequency word after a quantity or "average" makes a rate of that quantity ("rise
# 8.5% annually", "10,000 units annually", "average daily volume"), a figure about the
# quantity rather than a time that recurs.
_QUANTITY_BEFORE = re.compile(
    r"(?:\d[\d,.]*\s*(?:%|percent|(?:hundred|thousand|million|billion)\b)?|\baverage)"
    r"(?:\s+[a-z]+)?\s+$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _frequency_word() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, time_words().frequency)), re.IGNORECASE)


# An opening quotation mark right before the span: a title ("This Week", "60 Minutes").
_QUOTE_BEFORE = re.compile(r"(?:\"|``|''|“|‘)\s*$")


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    # "Day" is left out: capitalised, it is mostly a named day ("Election Day").
    return frozenset(word for word, unit in time_words().units.items() if unit.name != "day")


def _is_title(text: str, start: int, end: int) -> bool:
    """A capitalised unit word after the first word, in quotation marks: a name."""
    if not _QUOTE_BEFORE.search(text[max(0, start - 3) : start]):
        return False
    words = text[start:end].replace("-", " ").split()[1:]
    return any(w[:1].isupper() and w[1:].islower() and w.lower() in _unit_words() for w in words)


def not_a_time(text: str, start: int, end: int) -> bool:
    """True when the words next to ``text[start:end]`` make it something other than a
    time: an age, a gap between events, a house number, a fraction, the part of a day
    named after it, a rate of a quantity, a quoted title."""
    if _AGE_AFTER.match(text, end) or _APART_AFTER.match(text, end):
        return True
    if text[start:end].isdigit() and _STREET_AFTER.match(text, end):
        return True
    if _GAP_ADVERB.fullmatch(text, start, end) and _GAP_AFTER.match(text, end):
        return True
    if _QUARTERS.fullmatch(text, start, end) and _OF_SOMETHING.match(text, end):
        return True
    if _bare_day_part().fullmatch(text, start, end) and _DAY_PART_OF.match(text, end):
        return True
    if _frequency_word().fullmatch(text, start, end) and _QUANTITY_BEFORE.search(
        text[max(0, start - 40) : start]
    ):
        return True
    return _is_title(text, start, end)


_ORDINAL_SECOND = re.compile(r"(?:(?:a|an|the|one)\s+)?second", re.IGNORECASE)


def not_a_time_in(doc: Doc, text: str, start: int, end: int) -> bool:
    """The check that needs the parse: "second" as an ordinal before a noun or adjective
    ("a second group", "the second day") is no length of time."""
    if _ORDINAL_SECOND.fullmatch(text, start, end):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            following = doc[span.end]
            return following.pos_ in ("NOUN", "PROPN", "ADJ")
    return False
