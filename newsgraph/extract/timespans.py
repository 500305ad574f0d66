"""Find the character spans of time expressions in a parsed document.

Two sources: the model's DATE and TIME entities, and rules for what small models miss
(bare weekdays, "last week", "two days ago", "in 2019", "now", "recently"...). Spans are
trimmed to TimeBank-style extents (a leading "on" or "in" is dropped, "early December"
stays whole) and overlaps are settled in favour of the longer readable expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.extract.timenorm import TimeContext, normalise
from newsgraph.extract.timewords import time_words

_MODEL_LABELS = {"DATE", "TIME"}
# The widest window (in tokens) searched inside an entity the normaliser cannot read whole.
_MAX_ENTITY_TOKENS = 10
_NEUTRAL = TimeContext(anchor=None)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    from_model: bool


@lru_cache(maxsize=1)
def _rule_patterns() -> tuple[re.Pattern[str], ...]:
    """Regular expressions over the raw text for expressions the model tends to miss."""
    w = time_words()
    weekday = "|".join(sorted((d for d in w.weekdays if len(d) > 3), key=len, reverse=True))
    month = "|".join(sorted((m for m in w.months if len(m) > 3), key=len, reverse=True))
    number = w.alternation(k for k in w.numbers if " " not in k) + r"|\d+"
    month_any = w.alternation(w.months)
    # Inside a compound count ("twenty four") an article cannot follow: "seven a year ago"
    # is "seven" + "a year ago".
    number_inner = w.alternation(k for k in w.numbers if " " not in k and k not in ("a", "an"))
    unit = w.alternation(w.units)
    day_part = w.alternation(w.day_parts)
    refs = w.alternation(p for p in w.references if p not in _RISKY_REFERENCES)
    part = r"(?:early|mid|late|earlier|later)[\s-]+"
    deictic = r"(?:this|last|next|past|coming|previous)"
    flags = re.IGNORECASE
    return (
        # "Tuesday", "last Friday", "Saturday night", "early Tuesday"
        re.compile(
            rf"\b(?:{part})?(?:{deictic}\s+)?(?-i:{weekday.title()})"
            rf"(?:\s+(?:{day_part}))?\b",
            flags,
        ),
        # "today", "late yesterday", "yesterday morning", "tonight"
        re.compile(
            rf"\b(?:{part})?(?:today|yesterday|tomorrow|tonight)(?:\s+(?:{day_part}))?\b", flags
        ),
        # "this morning", "this afternoon"
        re.compile(rf"\b(?:this|that)\s+(?:{day_part})\b", flags),
        # "last week", "early next year", "later this month", "this summer"
        re.compile(
            rf"\b(?:{part})?{deictic}\s+(?:week|weekend|month|year|quarter|decade|century|"
            r"spring|summer|fall|autumn|winter)\b",
            flags,
        ),
        # "two days ago", "a year earlier", "three weeks later"
        re.compile(
            rf"\b(?:{number})(?:[\s-]+(?:{number_inner}))*[\s-]+(?:{unit})\s+"
            r"(?:ago|earlier|later|from\s+now)\b",
            flags,
        ),
        # years after a preposition: "in 2019", "since 1990", "fiscal 1989"
        re.compile(
            r"\b(?:in|since|by|until|of|from|during|before|after|to|through|fiscal)\s+"
            r"(?:(?:early|mid|late)[\s-]+)?(?:1[89]|20)\d\d\b(?![\s-]*(?:%|percent))",
            flags,
        ),
        # decades: "the 1990s", "the mid-1990s", "the '80s"
        re.compile(
            r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?:1[89]|20)\d0s|'\d0s)\b", flags
        ),
        # month names written out and capitalised: "December", "early December 2023"
        re.compile(
            rf"\b(?:{part})?(?-i:{month.title()})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
            r"(?:,?\s+(?:1[89]|20)\d\d)?\b",
            flags,
        ),
        # vague references: "now", "currently", "recently", "the past"
        re.compile(rf"\b(?:{refs})\b", flags),
        # clock times, with the day they belong to: "5 p.m. EST Nov. 9", "noon Thursday"
        re.compile(
            rf"\b(?:(?:mid-?)?(?:{day_part})\s+|(?:{weekday})\s+)?(?:(?:noon|midnight|"
            r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?)(?:\s+(?:EST|EDT|GMT|UTC|PST|local time))?"
            rf"(?:,?\s+(?:on\s+)?(?:(?:{weekday})|today|yesterday|tomorrow|"
            rf"(?:{month_any})\.?\s+\d{{1,2}}))?|(?:mid-?)?(?:{day_part})\s+"
            r"(?:yesterday|today|tomorrow))",
            flags,
        ),
        # counted lengths of time: "over a week", "two days", "three-year"
        re.compile(
            rf"\b(?:{number})(?:[\s-]+(?:{number_inner}))*[\s-]+(?:more\s+)?(?:{unit})\b", flags
        ),
        # "mid-afternoon yesterday", "Friday evening"
        re.compile(
            rf"\b(?:(?:mid-?)?(?:{day_part}))\s+(?:yesterday|today|tomorrow|"
            rf"(?-i:{weekday.title()}))\b",
            flags,
        ),
        # decades in words: "the nineties"
        re.compile(
            r"\bthe\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
            r"nineties)\b",
            flags,
        ),
        # "last night", "yesterday morning"
        re.compile(rf"\b(?:last|this|tomorrow|yesterday)\s+(?:{day_part})\b", flags),
        # sets: "each Thursday", "every July", "every two weeks"
        re.compile(
            rf"\b(?:each|every)\s+(?:(?:{number})\s+)?(?:(?:{weekday})|(?:{month})|"
            rf"(?:{unit}))\b",
            flags,
        ),
        # months with a relative year: "July last year"
        re.compile(rf"\b(?-i:{month.title()})\s+(?:this|last|next)\s+year\b", flags),
        # earnings-report periods: "the latest period", "the year-ago quarter"
        re.compile(
            r"\b(?:the\s+)?(?:latest|year-ago|year-earlier|same|comparable|"
            r"corresponding|(?:19|20)\d\d)\s+(?:quarter|period)\b",
            flags,
        ),
        # years written in words: "nineteen ninety-six", "the year two thousand"
        re.compile(
            r"\b(?:the\s+year\s+)?(?:nineteen|two\s+thousand)(?:[\s-]+(?:and\s+)?"
            r"(?:oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
            r"thirty|forty|fifty|sixty|seventy|eighty|ninety))+\b",
            flags,
        ),
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


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim leading prepositions, trailing punctuation and possessives from a span."""
    words = time_words()
    while True:
        head = re.match(r"[\s\W_]*?([A-Za-z]+(?:\s+(?:of|than))?)\s+", text[start:end])
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
    for ent in doc.ents:
        if ent.label_ not in _MODEL_LABELS:
            continue
        trimmed = _trim(text, ent.start_char, ent.end_char)
        if trimmed is None:
            continue
        start, end = _with_article(text, *trimmed)
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
            trimmed = _trim(text, a, b)
            if trimmed and _readable(text[trimmed[0] : trimmed[1]]):
                kept.append(Candidate(trimmed[0], trimmed[1], True))
                i = j
                break
        else:
            i += 1
    return kept


def _rule_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in _rule_patterns():
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if _AMBIGUOUS_MONTHS.match(m.group(0)) and not _MONTH_CUES.search(
                text[max(0, start - 12) : start]
            ):
                continue
            trimmed = _trim(text, start, end)
            if trimmed and _readable(text[trimmed[0] : trimmed[1]]):
                found.append(Candidate(trimmed[0], trimmed[1], False))
    return found


def find_time_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) character spans of time expressions, in text order.

    Where candidates overlap, the longer one wins (it reads as one expression, e.g.
    "early last year" over "last year"); at equal length the model's span wins.
    ``text`` is ``doc.text``, passed in because spaCy rebuilds that string on every access.
    """
    candidates = _model_candidates(doc, text) + _rule_candidates(text)
    candidates.sort(key=lambda c: (-(c.end - c.start), not c.from_model, c.start))
    kept: list[Candidate] = []
    for candidate in candidates:
        if any(candidate.start < k.end and k.start < candidate.end for k in kept):
            continue
        kept.append(candidate)
    return sorted((k.start, k.end) for k in kept)
