"""Publication dates: validation of given dates and dates embedded in URLs."""

from __future__ import annotations

import re
from datetime import date, datetime

from newsgraph.errors import Errors, NewsgraphError

_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/\-]?(0[1-9]|1[0-2])[/\-]?(0[1-9]|[12]\d|3[01])(?:/|-|_|$)"
)


def date_from_url(url: str | None) -> str | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def parse_given_date(value: str, *, what: str = "--published") -> str:
    """Validate an ISO date or date-time and return it in ISO form."""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise NewsgraphError(Errors.E007.format(value=value, what=what)) from None
