"""What a normalised time expression is, and what every reader of one shares.

``TimeContext`` is what an expression is read against (the document date, the clause's
tense, the last period mentioned); ``TimeValue`` is the result. Readers share the compiled
word patterns and number words (lists in ``extract/data/time_words.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsgraph.extract.times.timex import Period
from newsgraph.extract.times.words import TimeWords, time_words

PAST, FUTURE, NEAREST = "past", "future", "nearest"

# Deictic words that count from the last mentioned period rather than the anchor.
REFERENCE_DEICTIC = frozenset(
    {"following", "the following", "previous", "preceding", "same", "the same"}
)

# Expressions placed against another mention; their values never become the reference.
RELATIVE_WORDS = re.compile(
    r"\b(?:ago|earlier|later|previous|preceding|following|same|year ago|year earlier|that|"
    r"next day)\b"
)

# A non-leap year stands in for an unknown year when only the shape of a value matters.
SHAPE_YEAR = 2001


@dataclass(frozen=True)
class TimeContext:
    anchor: date | None  # the document date
    direction: str = NEAREST  # from the tense of the clause: past, future or nearest
    reference: Period | None = None  # the last calendar period the text mentioned
    next_word: str = ""  # the word after the expression, lower-cased ("ended", ...)


@dataclass(frozen=True)
class TimeValue:
    value: str | None
    precision: str
    resolved: bool
    kind: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET
    mod: str | None = None  # TimeML mod (START, MID, END) for parts of periods
    period: Period | None = None  # the calendar period, when the value is one
    # True when the value was computed from an earlier mention ("a year earlier"); such a
    # value must not become the reference for the next expression.
    from_reference: bool = False
    # The value in TimeML notation where it differs from ``value``: a part of a period is
    # written there as the whole period plus ``mod`` ("early 1990" -> "1990", START).
    timeml: str | None = None


@dataclass(frozen=True)
class Pending:
    """A value that is not a plain calendar period: either one that needs an anchor the
    document does not have (its X-pattern value, ``anchored=False``), or a resolved value
    with no ``Period`` of its own, such as a weekend ("2023-W49-WE")."""

    value: str | None
    precision: str
    anchored: bool = False


Resolved = Period | Pending


# The rewrites of ``clean_expression``, compiled once: it runs on every candidate span.
_AM = re.compile(r"\ba\.m\.?")
_PM = re.compile(r"\bp\.m\.?")
_ABBREVIATION_DOT = re.compile(r"(?<=[a-z])\.")  # "Sept." -> "sept", "Dec." -> "dec"
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-|-(?=[a-z])")  # "mid-2023", "five-year", "year-ago"
_POSSESSIVE = re.compile(r"'s\b")  # "this year's third quarter"
_PUNCTUATION = re.compile(r"[,;:]+(?!\d\d)")
_LEADING_THE = re.compile(r"^the\s+(?=\S)")
_SPACES = re.compile(r"\s+")


def clean_expression(text: str) -> str:
    """Lower-case, unify spacing, hyphens between words and abbreviation dots."""
    s = text.lower().replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = _AM.sub("am", s)
    s = _PM.sub("pm", s)
    s = _ABBREVIATION_DOT.sub("", s)
    s = _WORD_HYPHEN.sub(" ", s)
    s = _POSSESSIVE.sub("", s)
    s = _PUNCTUATION.sub(" ", s)
    s = _LEADING_THE.sub("", s.strip())
    return _SPACES.sub(" ", s).strip()


@dataclass(frozen=True)
class _Patterns:
    month: str
    weekday: str
    season: str
    day_part: str
    unit: str
    number: str
    ordinal: str
    deictic: str
    part: str


@lru_cache(maxsize=1)
def shared_patterns() -> _Patterns:
    w = time_words()
    return _Patterns(
        month=w.alternation(w.months),
        weekday=w.alternation(w.weekdays),
        season=w.alternation(w.seasons),
        day_part=w.alternation(w.day_parts),
        unit=w.alternation(w.units),
        number=w.alternation(w.numbers) + r"|\d+(?:\.\d+)?|\d+ 1/2",
        ordinal=w.alternation(w.ordinals),
        deictic=w.alternation(w.deictic),
        part=w.alternation(w.period_parts),
    )


def _number(word: str, words: TimeWords) -> float | None:
    word = word.strip()
    if word in words.numbers:
        return words.numbers[word]
    if word.endswith(" 1/2"):
        return float(word[:-4]) + 0.5
    try:
        return float(word)
    except ValueError:
        return None


def compound_number(text: str, words: TimeWords) -> float | None:
    """ "twenty four" -> 24, "three" -> 3; None when the words are not a count."""
    if text in words.numbers:
        return words.numbers[text]
    # "a four year low": the article belongs to the phrase, not to the count.
    text = re.sub(r"^(?:a|an) (?=\S)", "", text)
    total = 0.0
    for token in text.replace("-", " ").split():
        value = 0.5 if token == "1/2" else _number(token, words)
        if value is None:
            return None
        total = total * value if value == 100 else total + value
    return total
