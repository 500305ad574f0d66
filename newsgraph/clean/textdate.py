"""The date a page's own text gives itself, for a document that comes with no other.

Relative dates ("on Monday", "last week") need the article's reference date. When neither
the caller, the page markup nor the URL gives one, the text often still does:

1. ``published`` — a publication line ("Published: Nov. 19, 2019", "Posted on 19 November
   2019"), or a dateline that carries a full date ("WASHINGTON, Nov. 19, 2019 (AP) —");
2. ``updated`` — an update line ("Updated 10:32 a.m. ET, Tue November 19, 2019"): the
   report is current as of it;
3. ``embedded-post`` — the latest date signed under a social-media post the article
   embeds ("— Jane Roe (@janeroe) November 18, 2019"): the article was written on or
   shortly after it, so it stands in for the publication day when nothing better exists.

A line that describes a picture is never read ("This March 28, 2017, file photo shows
..."): its date is when the picture was taken. Only full dates (day, month and year) count.
Every date found keeps its span in the text, as evidence. The line patterns are data
(``data/page_dates.txt``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from newsgraph.clean.dates import date_evidence
from newsgraph.clean.lexicon import shipped_lines

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
# "November 19, 2019", "Nov. 19 2019", "19 November 2019", "2019-11-19".
FULL_DATE = re.compile(
    _WEEKDAY
    + r"(?:"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    + _YEAR
    + r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.replace("month", "month2")
    + r",?\s+"
    + _YEAR.replace("year", "year2")
    + r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))\b"
)
# Between a line's cue and its date: a time of day, a zone, separators ("Updated 10:32
# a.m. ET, Tue ...", "Published: 14:05 GMT |").
_LEAD = re.compile(r"[\s:|,.\-–—]*(?:[\w.:]+[\s:|,.\-–—]+){0,5}?$")
_CUE_REACH = 40  # characters between a cue and its date
_LINE_MAX_CHARS = 200  # publication and update lines are short ...
_CUE_OPENING = 60  # ... and their cue opens them, after at most a byline ("By X | ")
_DATELINE_PARAGRAPHS = 3  # a dateline opens one of the first paragraphs ...
_DATELINE_REACH = 60  # ... and its date lies within this many characters of the start
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—:]")
# A dateline's place: one to three comma-separated names of capitalised words ("PORT OF
# SPAIN, Trinidad,"; short lower-case joiners allowed), each maybe with an agency in
# brackets ("LONDON (Wire),").
_PLACE = r"[A-Z][\w.'&-]*(?:\s+(?:(?:of|de|la|el|al|upon|on)\s+)?[A-Z][\w.'&-]*){0,4}"
_DATELINE_BEFORE = re.compile(rf"^\s*(?:{_PLACE}\s*(?:\([^()\n]{{1,40}}\))?\s*,\s*){{1,3}}$|^\s*$")
_EMBED_SIGNATURE = re.compile(r"\(@\w{1,30}\)\s*$")
_RANK = {"published": 0, "updated": 1, "embedded-post": 2}


@dataclass(frozen=True)
class TextDate:
    value: str  # ISO day
    kind: str  # published | updated | embedded-post
    text: str
    start: int
    end: int

    def evidence(self) -> dict[str, Any]:
        return date_evidence(f"text-{self.kind}", text=self.text, start=self.start, end=self.end)


@lru_cache(maxsize=1)
def line_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    kinds: dict[str, list[re.Pattern[str]]] = {}
    for line in shipped_lines("page_dates.txt"):
        kind, _, pattern = line.partition(" ")
        kinds.setdefault(kind, []).append(re.compile(pattern.strip()))
    return {kind: tuple(patterns) for kind, patterns in kinds.items()}


def _day(match: re.Match[str]) -> str | None:
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"]).isoformat()
        month = match["month"] or match["month2"]
        day = match["day"] or match["day2"]
        year = match["year"] or match["year2"]
        return date(int(year), MONTHS[month[:3]], int(day)).isoformat()
    except ValueError:
        return None


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) for every non-blank line of ``text``."""
    out, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((start, line))
        start += len(line) + 1
    return out


def _is_caption(lowered: str) -> bool:
    return any(p.search(lowered) for p in line_patterns().get("caption", ()))


def _cued(offset: int, line: str, lowered: str, kind: str) -> list[TextDate]:
    found = []
    for pattern in line_patterns().get(kind, ()):
        for cue in pattern.finditer(lowered, 0, _CUE_OPENING + 40):
            if cue.start() > _CUE_OPENING:
                break
            window = lowered[cue.end() : cue.end() + _CUE_REACH + 30]
            match = FULL_DATE.search(window)
            if (
                match is None
                or match.start() > _CUE_REACH
                or not _LEAD.match(window[: match.start()])
            ):
                continue
            value = _day(match)
            if value:
                start = offset + cue.end() + match.start()
                end = offset + cue.end() + match.end()
                found.append(TextDate(value, kind, line[start - offset : end - offset], start, end))
    return found


def _dateline(offset: int, line: str, lowered: str) -> TextDate | None:
    """ "WASHINGTON, Nov. 19, 2019 (Reuters) —": a full date near the opening of a
    paragraph, after at most a place name, and before the dash that starts the report."""
    match = FULL_DATE.search(lowered[:_DATELINE_REACH])
    if match is None or not _DATELINE_BEFORE.match(line[: match.start()]):
        return None
    if not _DATELINE_AFTER.match(lowered, match.end()):
        return None
    value = _day(match)
    if value is None:
        return None
    return TextDate(value, "published", line[match.start() : match.end()], *_at(offset, match))


def _at(offset: int, match: re.Match[str]) -> tuple[int, int]:
    return offset + match.start(), offset + match.end()


def _embedded_posts(offset: int, line: str, lowered: str) -> list[TextDate]:
    found = []
    for match in FULL_DATE.finditer(lowered):
        if not _EMBED_SIGNATURE.search(lowered[max(0, match.start() - 40) : match.start()]):
            continue
        value = _day(match)
        if value:
            span = line[match.start() : match.end()]
            found.append(TextDate(value, "embedded-post", span, *_at(offset, match)))
    return found


def text_date(text: str) -> TextDate | None:
    """The date the text gives itself (see the module docstring), or None."""
    candidates: list[TextDate] = []
    posts: list[TextDate] = []
    for number, (offset, line) in enumerate(_lines(text)):
        lowered = line.lower()
        if _is_caption(lowered):
            continue
        if len(line) <= _LINE_MAX_CHARS:
            candidates += _cued(offset, line, lowered, "published")
            candidates += _cued(offset, line, lowered, "updated")
        if number < _DATELINE_PARAGRAPHS:
            dateline = _dateline(offset, line, lowered)
            if dateline is not None:
                candidates.append(dateline)
        if "(@" in line:
            posts += _embedded_posts(offset, line, lowered)
    if not candidates:
        # The latest post: the article cannot predate what it embeds.
        return max(posts, key=lambda p: (p.value, -p.start)) if posts else None
    return min(candidates, key=lambda c: (_RANK[c.kind], c.start))
