"""Publication dates: validation of given dates and dates embedded in URLs."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from newsgraph.errors import Errors, NewsgraphError

_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/\-]?(0[1-9]|1[0-2])[/\-]?(0[1-9]|[12]\d|3[01])(?:/|-|_|$)"
)
# "/2019/nov/18/": the month as a word (The Guardian, PolitiFact and others).
_URL_WORD_DATE = re.compile(
    r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/"
    r"(0?[1-9]|[12]\d|3[01])(?:/|-|_|$)",
    re.IGNORECASE,
)
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def date_from_url(url: str | None) -> str | None:
    """The publication day a URL path spells ("/2019/03/12/", "/20190312-", "/2019/mar/12/")."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    word = None if match else _URL_WORD_DATE.search(url)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        if word:
            month = _MONTH_WORDS.index(word[2].lower()[:3]) + 1
            return date(int(word[1]), month, int(word[3])).isoformat()
    except ValueError:
        return None
    return None


def date_evidence(
    kind: str,
    name: str | None = None,
    *,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> dict[str, Any]:
    """A record's ``published_evidence``: what gave the date (``given``, ``json-ld``,
    ``meta``, ``time-element``, ``url``, ``htmldate``, ``text-published``, ``text-updated``,
    ``text-embedded-post``), the markup field's name, and for a date read in the text its
    span there."""
    return {"kind": kind, "name": name, "text": text, "start": start, "end": end}


def parse_given_date(value: str, *, what: str = "--published") -> str:
    """Validate an ISO date or date-time and return it in ISO form."""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise NewsgraphError(Errors.E007.format(value=value, what=what)) from None
