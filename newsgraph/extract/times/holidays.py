"""Named days ("Thanksgiving", "Christmas Eve", "Election Day"): their date in a year,
and the one a text means, from the document date and the tense.

The days and their rules are data (``holidays`` in ``extract/data/time_words.yaml``): a
fixed date, the n-th weekday of a month, or an offset from Easter Sunday.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from newsgraph.extract.times.values import FUTURE, PAST, clean_expression
from newsgraph.extract.times.words import time_words


@lru_cache(maxsize=1)
def holiday_rules() -> dict[str, dict[str, int]]:
    """Each named day's rule, keyed by its name as ``clean_expression`` writes it."""
    return {clean_expression(name): rule for name, rule in time_words().holidays.items()}


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian computus, as Meeus gives it)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day_before = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day_before + 1)


def holiday_in(name: str, year: int) -> date:
    rule = holiday_rules()[name]
    if "easter" in rule:
        return easter_sunday(year) + timedelta(days=rule["easter"])
    month = rule["month"]
    if "day" in rule:
        return date(year, month, rule["day"])
    weekday, nth = rule["weekday"], rule["nth"]
    if nth > 0:
        first = date(year, month, rule.get("from_day", 1))
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday_near(name: str, anchor: date, step: int, direction: str) -> date:
    """The named day a text dated ``anchor`` means. ``step`` -1 ("last Christmas") is the
    latest one before the anchor, +1 the first one after it; otherwise the tense decides,
    as for a month name: the anchor's year, moved back in the past tense when that day is
    still to come, forward in the future tense when it is gone; with no tense, one up to
    three months ahead is the coming one and any other the latest past one."""
    this_year = holiday_in(name, anchor.year)
    before = this_year if this_year < anchor else holiday_in(name, anchor.year - 1)
    after = this_year if this_year > anchor else holiday_in(name, anchor.year + 1)
    if step < 0:
        return before
    if step > 0:
        return after
    if direction == PAST:
        return this_year if this_year <= anchor else before
    if direction == FUTURE:
        return this_year if this_year >= anchor else after
    if this_year == anchor:
        return this_year
    return after if (after - anchor).days <= 92 else before
