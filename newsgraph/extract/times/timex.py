"""TIMEX3 value arithmetic: calendar periods, shifts, weekdays and parts of periods.

Pure functions over ``datetime.date``; nothing here reads the clock. A ``Period`` is a
calendar unit at some granularity (a day, an ISO week, a month, a quarter, a year...)
that can be written as a TIMEX3 value ("2023-12-04", "2023-W49", "2023-Q3", "199X").
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

# Granularities, finest first. "precision" in the record is the granularity's name.
DAY, WEEK, MONTH, QUARTER, HALF, SEASON, YEAR, DECADE, CENTURY = (
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
)


@dataclass(frozen=True)
class Period:
    """One calendar period. ``index`` is the day, week, month, quarter, half or season
    number inside ``year`` (unused for years; decades and centuries use ``year`` as their
    first year)."""

    granularity: str
    year: int
    index: int = 0
    day: date | None = None  # set for DAY only

    @property
    def value(self) -> str:
        if self.granularity == DAY and self.day is not None:
            return self.day.isoformat()
        if self.granularity == WEEK:
            return f"{self.year:04d}-W{self.index:02d}"
        if self.granularity == MONTH:
            return f"{self.year:04d}-{self.index:02d}"
        if self.granularity == QUARTER:
            return f"{self.year:04d}-Q{self.index}"
        if self.granularity == HALF:
            return f"{self.year:04d}-H{self.index}"
        if self.granularity == SEASON:
            return f"{self.year:04d}-{SEASON_CODES[self.index]}"
        if self.granularity == DECADE:
            return f"{self.year // 10:03d}X"
        if self.granularity == CENTURY:
            return f"{self.year // 100:02d}XX"
        return f"{self.year:04d}"

    def first_day(self) -> date:
        return bounds(self)[0]

    def last_day(self) -> date:
        return bounds(self)[1]


SEASON_CODES = {1: "SP", 2: "SU", 3: "FA", 4: "WI"}
SEASON_INDEX = {code: index for index, code in SEASON_CODES.items()}
# First month of each season (northern hemisphere; winter starts in December).
_SEASON_START = {1: 3, 2: 6, 3: 9, 4: 12}


def day(value: date) -> Period:
    return Period(DAY, value.year, value.timetuple().tm_yday, value)


def week_of(value: date) -> Period:
    iso = value.isocalendar()
    return Period(WEEK, iso.year, iso.week)


def month(year: int, number: int) -> Period:
    return Period(MONTH, year, number)


def year(number: int) -> Period:
    return Period(YEAR, number)


def period_of(value: date, granularity: str) -> Period:
    """The period of ``granularity`` that contains ``value``."""
    if granularity == DAY:
        return day(value)
    if granularity == WEEK:
        return week_of(value)
    if granularity == MONTH:
        return month(value.year, value.month)
    if granularity == QUARTER:
        return Period(QUARTER, value.year, (value.month - 1) // 3 + 1)
    if granularity == HALF:
        return Period(HALF, value.year, 1 if value.month <= 6 else 2)
    if granularity == DECADE:
        return Period(DECADE, value.year - value.year % 10)
    if granularity == CENTURY:
        return Period(CENTURY, value.year - value.year % 100)
    return year(value.year)


def bounds(period: Period) -> tuple[date, date]:
    """First and last day of a period."""
    g, y = period.granularity, period.year
    if g == DAY and period.day is not None:
        return period.day, period.day
    if g == WEEK:
        start = date.fromisocalendar(y, period.index, 1)
        return start, start + timedelta(days=6)
    if g == MONTH:
        return date(y, period.index, 1), date(y, period.index, _month_days(y, period.index))
    if g == QUARTER:
        first = 3 * (period.index - 1) + 1
        return date(y, first, 1), date(y, first + 2, _month_days(y, first + 2))
    if g == HALF:
        first = 1 if period.index == 1 else 7
        return date(y, first, 1), date(y, first + 5, _month_days(y, first + 5))
    if g == SEASON:
        start = date(y, _SEASON_START[period.index], 1)
        end_month = (_SEASON_START[period.index] + 2 - 1) % 12 + 1
        end_year = y + 1 if end_month < start.month else y
        return start, date(end_year, end_month, _month_days(end_year, end_month))
    if g == DECADE:
        return date(y, 1, 1), date(y + 9, 12, 31)
    if g == CENTURY:
        return date(y, 1, 1), date(y + 99, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


def _month_days(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def add_months(value: date, months: int) -> date:
    total = value.year * 12 + value.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(value.day, _month_days(y, m + 1)))


def shift(period: Period, steps: int) -> Period:
    """The period ``steps`` units of its own granularity later (earlier when negative)."""
    g = period.granularity
    if g == DAY:
        return day(period.first_day() + timedelta(days=steps))
    if g == WEEK:
        return week_of(period.first_day() + timedelta(weeks=steps))
    if g == MONTH:
        return period_of(add_months(period.first_day(), steps), MONTH)
    if g == QUARTER:
        return period_of(add_months(period.first_day(), 3 * steps), QUARTER)
    if g == HALF:
        return period_of(add_months(period.first_day(), 6 * steps), HALF)
    if g == SEASON:
        return Period(SEASON, period.year + steps, period.index)
    if g == DECADE:
        return Period(DECADE, period.year + 10 * steps)
    if g == CENTURY:
        return Period(CENTURY, period.year + 100 * steps)
    return year(period.year + steps)


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The date of ISO ``weekday`` (Monday = 1) nearest to ``anchor``.

    ``direction`` is "past" (on or before the anchor: a report written on a Friday about
    "Friday" means that day), "future" (strictly after it) or "nearest" (either side,
    ties to the past; present-tense schedules such as "meets on Tuesday").
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7 or 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def month_near(anchor: date, number: int, direction: str) -> Period:
    """The month ``number`` in the year that fits the tense around ``anchor``.

    A bare month name in news means the anchor's year, unless the tense says otherwise:
    "in March" written in January about the past is last year's March; written in
    November about the future it is next year's.
    """
    this_year = month(anchor.year, number)
    # The month right after the anchor stays in the anchor's year even in past-tense
    # clauses ("gave them until November", written in late October).
    if direction == "past" and number > anchor.month + 1:
        return month(anchor.year - 1, number)
    if direction == "future" and number < anchor.month:
        return month(anchor.year + 1, number)
    if direction not in ("past", "future"):
        # No tense to go by: a month up to three months ahead is the coming one, any
        # other is the latest past one (news reports mostly look back).
        ahead = (number - anchor.month) % 12
        return (
            month(anchor.year + (1 if number < anchor.month else 0), number)
            if (0 < ahead <= 3)
            else month(anchor.year - (1 if number > anchor.month else 0), number)
        )
    return this_year


def season_near(anchor: date, code: str, direction: str) -> Period:
    index = SEASON_INDEX[code]
    candidate = Period(SEASON, anchor.year, index)
    start, end = bounds(candidate)
    if direction == "past" and start > anchor:
        return Period(SEASON, anchor.year - 1, index)
    if direction == "future" and end < anchor:
        return Period(SEASON, anchor.year + 1, index)
    return candidate


def part_range(period: Period, start_fraction: float, end_fraction: float) -> str:
    """A slice of a period as a TIMEX3 range "a/b" at a granularity finer than it.

    "early December" -> "2023-12-01/2023-12-10" (days), "late 2023" -> "2023-09/2023-12"
    (months), "the mid-1990s" -> "1994/1996" (years).
    """
    first, last = bounds(period)
    if period.granularity == MONTH:
        # Months are cut on fixed days (1-10, 11-20, 21-end) whatever their length.
        a_day = first.replace(day=1 + round(start_fraction * 30))
        b_day = last if end_fraction >= 1 else first.replace(day=round(end_fraction * 30))
        return f"{a_day.isoformat()}/{b_day.isoformat()}"
    if period.granularity in (YEAR, HALF, QUARTER, SEASON):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        a = add_months(first, _slice_start(months, start_fraction))
        b = add_months(first, _slice_end(months, end_fraction))
        return f"{a.year:04d}-{a.month:02d}/{b.year:04d}-{b.month:02d}"
    if period.granularity in (DECADE, CENTURY):
        span = last.year - first.year + 1
        a_year = first.year + _slice_start(span, start_fraction)
        b_year = first.year + _slice_end(span, end_fraction)
        return f"{a_year:04d}/{b_year:04d}"
    days = (last - first).days + 1
    a_day = first + timedelta(days=_slice_start(days, start_fraction))
    b_day = first + timedelta(days=_slice_end(days, end_fraction))
    return f"{a_day.isoformat()}/{b_day.isoformat()}"


def _slice_start(size: int, fraction: float) -> int:
    # Floors on both edges so neighbouring slices meet without overlap (1-10, 11-20, 21-31).
    return min(size - 1, math.floor(size * fraction))


def _slice_end(size: int, fraction: float) -> int:
    return size - 1 if fraction >= 1 else max(0, math.floor(size * fraction) - 1)


def duration(amount: float | None, code: str, clock: bool = False) -> str:
    """A TIMEX3 duration: P3Y, P2W, PT5H, P2Y6M for 2.5 years, PXY when the count is vague."""
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{code}"
    if amount == int(amount):
        return f"{prefix}{int(amount)}{code}"
    # Halves of years and days are written in the next smaller unit (2.5 years = P2Y6M).
    smaller = {
        "Y": ("M", 12),
        "D": ("TH", 24),
        "H": ("M", 60),
        "M": ("D", 30) if not clock else ("S", 60),
        "W": ("D", 7),
        "DE": ("Y", 10),
    }
    whole = int(amount)
    if code in smaller:
        small_code, factor = smaller[code]
        rest = round((amount - whole) * factor)
        head = f"{prefix}{whole}{code}" if whole else prefix
        if small_code.startswith("T") and not clock:
            return f"{head}T{rest}{small_code[1:]}"
        return f"{head}{rest}{small_code}"
    return f"{prefix}{amount:g}{code}"
