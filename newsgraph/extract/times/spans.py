"""Find the character spans of time expressions in a parsed document.

Two sources: the model's DATE and TIME entities, and rules for what small models miss
(bare weekdays, "last week", "two days ago", "in 2019", "now", "recently"...). Spans are
trimmed to TimeBank-style extents (a leading "on" or "in" is dropped, "early December"
stays whole) and overlaps are settled in favour of the longer readable expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.extract.times.normalise import normalise
from newsgraph.extract.times.surroundings import not_a_time, not_a_time_in
from newsgraph.extract.times.values import TimeContext
from newsgraph.extract.times.words import time_words
from newsgraph.nlp.extensions import entities
from newsgraph.regex_shortcuts import with_first_letters

_MODEL_LABELS = {"DATE", "TIME"}
# The widest window (in tokens) searched inside an entity the normaliser cannot read whole.
_MAX_ENTITY_TOKENS = 10
_NEUTRAL = TimeContext(anchor=None)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    from_model: bool


@dataclass(frozen=True)
class Rule:
    """A rule pattern and its needles: lower-case words one of which every match of the
    pattern contains. Most rules find nothing in most texts, and a substring test is far
    cheaper than a case-insensitive regex scan, so a rule whose needles are all absent
    from the (case-folded) text is not run: the same spans, found sooner."""

    pattern: re.Pattern[str]
    needles: tuple[str, ...]
    # For a pattern whose words need not be next to each other: run it when this matches.
    gate: re.Pattern[str] | None = None
    # What is run: the pattern behind a test of its first letters (the same matches,
    # found sooner), and that with ASCII semantics, for text that `_ASCII_ALIKE` describes.
    scan_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    ascii_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flags = (self.pattern.flags & ~re.UNICODE) | re.ASCII
        ascii_pattern = re.compile(self.pattern.pattern, flags)
        object.__setattr__(self, "scan_pattern", with_first_letters(self.pattern))
        object.__setattr__(self, "ascii_pattern", with_first_letters(ascii_pattern))

    def may_match(self, text: str, folded: str) -> bool:
        if any(needle in folded for needle in self.needles):
            return True
        return self.gate is not None and self.gate.search(text) is not None


def _needles(words: Iterable[str]) -> tuple[str, ...]:
    # The first word of a phrase: a pattern's "\s+" between words matches any whitespace.
    return tuple(sorted({word.lower().split()[0] for word in words}))


# Text whose only non-ASCII characters are typographic quotes, dashes and the ellipsis: no
# letter, digit or space among them and none with a case, so ASCII matching finds exactly
# what Unicode matching does, and a third faster. Most English news text is of this kind.
_ASCII_ALIKE = re.compile("[\t\n\r\x20-\x7e\u2018\u2019\u201c\u201d\u2013\u2014\u2026]*")

# A clock time written with digits: "5pm", "11:30 a.m.".
_CLOCK_GATE = re.compile(r"\d\s*[ap]\.?m", re.IGNORECASE)


@lru_cache(maxsize=1)
def _rule_patterns() -> tuple[Rule, ...]:
    """Regular expressions over the raw text for expressions the model tends to miss."""
    w = time_words()
    day_parts = _needles(w.day_parts)
    long_weekdays = [d for d in w.weekdays if len(d) > 3]
    long_months = [m for m in w.months if len(m) > 3]
    today = ("today", "yesterday", "tomorrow")
    weekday = "|".join(sorted(long_weekdays, key=len, reverse=True))
    month = "|".join(sorted(long_months, key=len, reverse=True))
    short_months = [m for m in w.months if len(m) <= 4]
    short_month = "|".join(sorted((m.title() for m in short_months), key=len, reverse=True))
    # A count may carry a half: "5 1/2 hours".
    number = w.alternation(k for k in w.numbers if " " not in k) + r"|\d+(?:\s+1/2)?"
    month_any = w.alternation(w.months)
    # Inside a compound count ("twenty four") an article cannot follow: "seven a year ago"
    # is "seven" + "a year ago".
    number_inner = w.alternation(k for k in w.numbers if " " not in k and k not in ("a", "an"))
    unit = w.alternation(w.units)
    day_part = w.alternation(w.day_parts)
    references = [p for p in w.references if p not in _RISKY_REFERENCES]
    refs = w.alternation(references)
    # Calendar periods after "this", "last", "next" ...: both the pattern and its needles.
    periods = [
        "week",
        "weekend",
        "month",
        "year",
        "quarter",
        "decade",
        "century",
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
    ]
    part = r"(?:early|mid|late|earlier|later)[\s-]+"
    deictic = r"(?:this|last|next|past|coming|previous)"
    flags = re.IGNORECASE
    return (
        # "Tuesday", "last Friday", "Saturday night", "early Tuesday"
        Rule(
            re.compile(
                rf"\b(?:{part})?(?:{deictic}\s+)?(?-i:{weekday.title()})"
                rf"(?:\s+(?:{day_part}))?\b",
                flags,
            ),
            _needles(long_weekdays),
        ),
        # "today", "late yesterday", "yesterday morning", "tonight"
        Rule(
            re.compile(
                rf"\b(?:{part})?(?:today|yesterday|tomorrow|tonight)(?:\s+(?:{day_part}))?\b", flags
            ),
            (*today, "tonight"),
        ),
        # "this morning", "this afternoon"
        Rule(re.compile(rf"\b(?:this|that)\s+(?:{day_part})\b", flags), day_parts),
        # "last week", "early next year", "later this month", "this summer"
        Rule(
            re.compile(
                rf"\b(?:{part})?{deictic}\s+(?:{'|'.join(periods)})\b",
                flags,
            ),
            _needles(periods),
        ),
        # periods placed against the text's own time: "that year", "later that day",
        # "the next day", "the same week"
        Rule(
            re.compile(
                rf"\b(?:{part})?(?:that(?:\s+same)?|the\s+(?:same|next|following|previous))\s+"
                r"(?:day|week|month|year)\b",
                flags,
            ),
            ("that", "same", "next", "following", "previous"),
        ),
        # "two days ago", "a year earlier", "three weeks later"
        Rule(
            re.compile(
                rf"\b(?:{number})(?:[\s-]+(?:{number_inner}))*[\s-]+(?:{unit})\s+"
                r"(?:ago|earlier|later|from\s+now)\b",
                flags,
            ),
            ("ago", "earlier", "later", "now"),
        ),
        # years after a preposition: "in 2019", "since 1990", "fiscal 1989", "post-1959"
        Rule(
            re.compile(
                r"\b(?:(?:in|since|by|until|of|from|during|before|after|to|through|fiscal)\s+"
                r"(?:(?:early|mid|late)[\s-]+)?|(?:pre|post)-)(?:1[89]|20)\d\d\b"
                r"(?![\s-]*(?:%|percent))",
                flags,
            ),
            ("18", "19", "20"),
        ),
        # a year before the noun it dates: "the 1967 war", "the 2016 election"
        Rule(
            re.compile(r"\bthe\s+(?:1[89]|20)\d\d(?=\s+[a-z])(?![\s-]*(?:%|percent)\b)", flags),
            ("18", "19", "20"),
        ),
        # decades: "the 1990s", "the mid-1990s", "the '80s"
        Rule(
            re.compile(
                r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?:1[89]|20)\d0s|'\d0s)\b", flags
            ),
            ("0s",),
        ),
        # month names written out and capitalised: "December", "early December 2023"
        Rule(
            re.compile(
                rf"\b(?:{part})?(?-i:{month.title()})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
                r"(?:,?\s+(?:1[89]|20)\d\d)?\b",
                flags,
            ),
            _needles(long_months),
        ),
        # abbreviated month names need a day: "Aug. 7", "Sept. 30, 1998" ("Aug" alone is
        # rarely a month, and "Jan", "Mar" are also names and words)
        Rule(
            re.compile(
                rf"\b(?-i:{short_month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\.\d)"
                r"(?:,?\s+(?:1[89]|20)\d\d\b)?",
                flags,
            ),
            _needles(short_months),
        ),
        # the day before the month, as most of the world writes it: "11 November 2011",
        # "1st Oct 2017", "the 3rd of March" (a short month needs its day here too)
        Rule(
            re.compile(
                rf"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?"
                rf"(?-i:{month.title()}|(?:{short_month})\b\.?)"
                r"(?:,?\s+(?:1[89]|20)\d\d)?\b",
                flags,
            ),
            _needles(w.months),
        ),
        # vague references: "now", "currently", "recently", "the past"
        Rule(
            re.compile(rf"\b(?:{refs})\b", flags),
            _needles(references),
        ),
        # clock times, with the day they belong to: "5 p.m. EST Nov. 9", "noon Thursday"
        Rule(
            re.compile(
                rf"\b(?:(?:mid-?)?(?:{day_part})\s+|(?:{weekday})\s+)?(?:(?:noon|midnight|"
                r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?)(?:\s+(?:EST|EDT|GMT|UTC|PST|local time))?"
                rf"(?:,?\s+(?:on\s+)?(?:(?:{weekday})|today|yesterday|tomorrow|"
                rf"(?:{month_any})\.?\s+\d{{1,2}}))?|(?:mid-?)?(?:{day_part})\s+"
                r"(?:yesterday|today|tomorrow))",
                flags,
            ),
            ("noon", "midnight", *today),
            _CLOCK_GATE,
        ),
        # an hour with the part of the day it falls in: "4 in the morning"
        Rule(
            re.compile(
                r"\b\d{1,2}(?::\d\d)?\s+(?:o'?clock\s+)?in\s+the\s+(?:morning|afternoon|evening)\b",
                flags,
            ),
            ("morning", "afternoon", "evening"),
        ),
        # counted lengths of time: "over a week", "two days", "three-year"
        Rule(
            re.compile(
                rf"\b(?:{number})(?:[\s-]+(?:{number_inner}))*[\s-]+(?:more\s+)?(?:{unit})\b", flags
            ),
            _needles(w.units),
        ),
        # how long something lasts, without a count: "a day-long meeting", "decades-long"
        Rule(re.compile(rf"\b(?:{unit})-long\b", flags), ("long",)),
        # "mid-afternoon yesterday", "Friday evening"
        Rule(
            re.compile(
                rf"\b(?:(?:mid-?)?(?:{day_part}))\s+(?:yesterday|today|tomorrow|"
                rf"(?-i:{weekday.title()}))\b",
                flags,
            ),
            day_parts,
        ),
        # decades in words: "the nineties"
        Rule(
            re.compile(
                r"\bthe\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                r"nineties)\b",
                flags,
            ),
            ("ties",),
        ),
        # "last night", "yesterday morning"
        Rule(
            re.compile(rf"\b(?:last|this|tomorrow|yesterday)\s+(?:{day_part})\b", flags), day_parts
        ),
        # sets: "each Thursday", "every July", "every two weeks"
        Rule(
            re.compile(
                rf"\b(?:each|every)\s+(?:(?:{number})\s+)?(?:(?:{weekday})|(?:{month})|"
                rf"(?:{unit}))\b",
                flags,
            ),
            ("each", "every"),
        ),
        # frequency words: "daily", "weekly", "annually"
        Rule(re.compile(rf"\b(?:{w.alternation(w.frequency)})\b", flags), _needles(w.frequency)),
        # months with a relative year: "July last year"
        Rule(
            re.compile(rf"\b(?-i:{month.title()})\s+(?:this|last|next)\s+year\b", flags), ("year",)
        ),
        # earnings-report periods: "the latest period", "the year-ago quarter"
        Rule(
            re.compile(
                r"\b(?:the\s+)?(?:latest|year-ago|year-earlier|same|comparable|"
                r"corresponding|(?:19|20)\d\d)\s+(?:quarter|period)\b",
                flags,
            ),
            ("quarter", "period"),
        ),
        # named days, capitalised: "Thanksgiving Day", "last Christmas", "Easter 1999"
        Rule(
            re.compile(
                rf"\b(?:{deictic}\s+)?(?-i:{_holiday_names(w.holidays)})(?:,?\s+(?:1[89]|20)\d\d)?\b",
                flags,
            ),
            tuple(sorted({name.split()[0].split("'")[0] for name in w.holidays})),
        ),
        # years written in words: "nineteen ninety-six", "the year two thousand"
        Rule(
            re.compile(
                r"\b(?:the\s+year\s+)?(?:nineteen|two\s+thousand)(?:[\s-]+(?:and\s+)?"
                r"(?:oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                r"thirty|forty|fifty|sixty|seventy|eighty|ninety))+\b",
                flags,
            ),
            ("nineteen", "thousand"),
        ),
    )


def _holiday_names(names: Iterable[str]) -> str:
    """The named days as written in running text: every word capitalised but "of"."""
    written = (
        " ".join(word if word == "of" else word[:1].upper() + word[1:] for word in name.split())
        for name in names
    )
    return "|".join(
        re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]")
        for name in sorted(written, key=len, reverse=True)
    )


# Reference words that are too often something else to be taken on their own ("once the
# deal closes", "then", "later" as a discourse word).
_RISKY_REFERENCES = frozenset(
    {
        "once",
        "then",
        "earlier",
        "later",
        "future",
        "present",
        "previously",
        "at the time",
        "at that time",
        "eventually",
        "today's",
    }
)
# "May" and "March" are also a verb and a modal: written alone they must follow a word
# that makes them a month.
_AMBIGUOUS_MONTHS = re.compile(r"^(?:may|march)$", re.IGNORECASE)
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|of|since|until|by|early|late|mid|last|next|this|from|through|during|"
    r"before|after|that|each|every)[\s-]+)$",
    re.IGNORECASE,
)


_LEADING_WORD = re.compile(r"[\s\W_]*?([A-Za-z]+(?:\s+(?:of|than))?)\s+")


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim leading prepositions, trailing punctuation and possessives from a span."""
    words = time_words()
    while True:
        head = _LEADING_WORD.match(text[start:end])
        if head and head.group(1).lower() in words.leading_trim and head.end() < end - start:
            start += head.end()
            continue
        break
    while start < end and not text[start].isalnum() and text[start] not in "'":
        start += 1
    while end > start and (not text[end - 1].isalnum()):
        end -= 1
    if text[start:end].lower().endswith(("'s", "’s")):
        end -= 2
    if end - start < 2 and not text[start:end].isdigit():
        return None
    return start, end


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def _with_article(text: str, start: int, end: int) -> tuple[int, int]:
    """Give back the article the entity tidier removed: TimeBank extents keep it, and it
    changes the reading ("a week" is a length, "week" alone could be a date)."""
    before = _ARTICLE_BEFORE.search(text[max(0, start - 5) : start])
    return (start - len(before.group(0)), end) if before else (start, end)


def _readable(text: str) -> bool:
    return normalise(text, _NEUTRAL) is not None


def _model_candidates(doc: Doc, text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for ent in entities(doc):
        if ent.label_ not in _MODEL_LABELS:
            continue
        trimmed = _trim(text, ent.start_char, ent.end_char)
        if trimmed is None:
            continue
        start, end = _with_article(text, *trimmed)
        if not_a_time(text, start, end):
            continue
        if _readable(text[start:end]):
            found.append(Candidate(start, end, True))
            continue
        inner = _readable_inside(doc, text, start, end)
        found.extend(inner)
    return found


def _readable_inside(doc: Doc, text: str, start: int, end: int) -> list[Candidate]:
    """The longest readable token windows inside an entity the normaliser cannot read
    whole ("the 1988 period of heavy losses" -> "the 1988 period"...)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) > _MAX_ENTITY_TOKENS:
        return []
    tokens = list(span)
    kept: list[Candidate] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            a, b = tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1])
            trimmed = _time_span(text, a, b)
            if trimmed:
                kept.append(Candidate(trimmed[0], trimmed[1], True))
                i = j
                break
        else:
            i += 1
    return kept


def _time_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` trimmed, when what is left reads as a time expression."""
    trimmed = _trim(text, start, end)
    if trimmed and not not_a_time(text, *trimmed) and _readable(text[trimmed[0] : trimmed[1]]):
        return trimmed
    return None


def _rule_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    # IGNORECASE also equates "ı" with "i"; casefold() covers the other such letters.
    folded = text.casefold().replace("ı", "i")
    ascii_alike = _ASCII_ALIKE.fullmatch(text) is not None
    for rule in _rule_patterns():
        if not rule.may_match(text, folded):
            continue
        pattern = rule.ascii_pattern if ascii_alike else rule.scan_pattern
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if _AMBIGUOUS_MONTHS.match(m.group(0)) and not _MONTH_CUES.search(
                text[max(0, start - 12) : start]
            ):
                continue
            trimmed = _time_span(text, start, end)
            if trimmed:
                found.append(Candidate(trimmed[0], trimmed[1], False))
    return found


def find_time_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) character spans of time expressions, in text order.

    Where candidates overlap, the longer one wins (it reads as one expression, e.g.
    "early last year" over "last year"); at equal length the model's span wins.
    ``text`` is ``doc.text``, passed in because spaCy rebuilds that string on every access.
    """
    candidates = [
        c
        for c in _model_candidates(doc, text) + _rule_candidates(text)
        if not not_a_time_in(doc, text, c.start, c.end)
    ]
    candidates.sort(key=lambda c: (-(c.end - c.start), not c.from_model, c.start))
    kept: list[Candidate] = []
    for candidate in candidates:
        if any(candidate.start < k.end and k.start < candidate.end for k in kept):
            continue
        kept.append(candidate)
    return sorted((k.start, k.end) for k in kept)
