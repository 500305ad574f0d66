"""Expressions that name one calendar period: a day, week, month, quarter, season, year.

``read_period(text, context)`` tries each rule in turn (ISO and numeric dates, month and
day in either order, weekdays, named and relative periods, spelled years) and returns
the period, or a pending X-pattern value when the document has no date to anchor it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from newsgraph.extract.times import timex
from newsgraph.extract.times.holidays import holiday_in, holiday_near, holiday_rules
from newsgraph.extract.times.spelled import SPELLED_TENS, spelled_year
from newsgraph.extract.times.timex import Period
from newsgraph.extract.times.values import (
    FUTURE,
    NEAREST,
    PAST,
    REFERENCE_DEICTIC,
    SHAPE_YEAR,
    Pending,
    Resolved,
    TimeContext,
    shared_patterns,
)
from newsgraph.extract.times.words import time_words


def anchored_to(
    context: TimeContext, build: Callable[[date], Period], pattern: str | None, precision: str
) -> Resolved:
    if context.anchor is None:
        return Pending(pattern, precision)
    return build(context.anchor)


def _month_with_day(number: int, day_number: int, context: TimeContext) -> Resolved | None:
    if not 1 <= day_number <= 31:
        return None
    try:
        date(SHAPE_YEAR if number != 2 else 2000, number, day_number)
    except ValueError:
        return None
    if context.anchor is None:
        return Pending(f"XXXX-{number:02d}-{day_number:02d}", timex.DAY)
    anchor = context.anchor
    year = anchor.year
    candidate = _safe_date(year, number, day_number) or date(year, number, 28)
    # A date without a year is the anchor's year unless that puts it on the wrong side of
    # the anchor for the tense; with no tense, up to three months ahead reads as coming,
    # further ahead as last year's. News writes the year of any date outside the current
    # one, so a past tense moves a date back only when it lies over three months ahead:
    # nearer, the tense is often the report's ("asked him to testify on Feb. 10").
    ahead = (candidate - anchor).days
    if context.direction == PAST and ahead > 92:
        year -= 1
    elif context.direction == FUTURE and ahead < -31:
        year += 1
    elif context.direction == NEAREST and ahead > 92:
        year -= 1
    elif context.direction == NEAREST and ahead < -273:
        year += 1
    resolved = _safe_date(year, number, day_number)
    return timex.day(resolved) if resolved else None


def _safe_date(year: int, month: int, day_number: int) -> date | None:
    try:
        return date(year, month, day_number)
    except ValueError:
        return None


_FINEST_FIRST = (
    timex.DAY,
    timex.WEEK,
    timex.MONTH,
    timex.QUARTER,
    timex.HALF,
    timex.SEASON,
    timex.YEAR,
    timex.DECADE,
    timex.CENTURY,
)

# Words that place a day against the day the text is on ("the next day", "that day").
_DAY_FROM_REFERENCE = frozenset(
    {
        "next",
        "following",
        "the following",
        "previous",
        "preceding",
        "same",
        "the same",
        "that",
        "that same",
    }
)

_Rule = Callable[[re.Match[str], TimeContext], "Resolved | None"]


class _PeriodReader:
    """Reads the expressions that denote one calendar period (a day, week, month...)."""

    def __init__(self) -> None:
        self.words = time_words()
        p = shared_patterns()
        self.p = p
        wd = rf"(?:(?:{p.weekday}) )?"  # an optional weekday before a date
        th = r"(?:st|nd|rd|th)?"
        year_words = r"\d{4}|this year|last year|next year|the year"
        self.rules: list[tuple[re.Pattern[str], _Rule]] = [
            (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:t[\d:]+)?"), self._iso),
            (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})"), self._us_numeric),
            (re.compile(rf"{wd}({p.month}) (\d{{1,2}}){th} (\d{{4}})"), self._month_day_year),
            (
                re.compile(rf"{wd}(\d{{1,2}}){th} (?:of )?({p.month}) (\d{{4}})"),
                self._day_month_year,
            ),
            (re.compile(rf"{wd}({p.month}) (\d{{1,2}}){th}"), self._month_day),
            (
                re.compile(rf"({p.deictic}) {wd}({p.month}) (\d{{1,2}}){th}"),
                self._deictic_month_day,
            ),
            (re.compile(rf"{wd}(\d{{1,2}}){th} (?:of )?({p.month})"), self._day_month),
            (re.compile(rf"({p.month}) (?:of )?(\d{{4}})"), self._month_year),
            (re.compile(rf"({p.month}) (this|last|next) year"), self._month_in_year),
            (re.compile(rf"(?:({p.deictic}) )?({p.month})"), self._month),
            (
                re.compile(r"(?:year )?((?:nineteen|twenty|two thousand)(?: [a-z]+)*)"),
                self._spelled_year,
            ),
            (re.compile(r"(?:fiscal (?:year )?|year |fy ?)?(1\d{3}|20\d{2})"), self._year),
            (re.compile(r"(?:mid |early |late )?'?(\d{2,3})0s"), self._decade),
            (
                re.compile(
                    r"(twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                    r"nineties)"
                ),
                self._decade_word,
            ),
            (re.compile(r"(\d{1,2})(?:st|nd|rd|th) century"), self._century),
            (re.compile(rf"(?:({p.deictic}) )?({p.weekday})"), self._weekday),
            (re.compile(r"(today|yesterday|tomorrow|tonight)"), self._day_word),
            (
                re.compile(
                    rf"(?:({p.deictic}) )?({self.words.alternation(holiday_rules())})"
                    r"(?: (?:of )?(\d{4}))?"
                ),
                self._holiday,
            ),
            (re.compile(rf"(?:({p.deictic}) )?({p.season})(?: (?:of )?(\d{{4}}))?"), self._season),
            (
                re.compile(
                    rf"({p.deictic}|same|that|that same) (day|week|weekend|month|year|quarter|"
                    r"decade|century|fiscal year|half)"
                ),
                self._deictic_unit,
            ),
            (
                re.compile(
                    rf"(?:fiscal )?({p.ordinal}) (?:fiscal )?(quarter|half)"
                    rf"(?: (?:of )?(?:fiscal )?({year_words}))?"
                ),
                self._ordinal_part,
            ),
            (
                re.compile(
                    rf"(\d{{4}}|this year|last year|next year) (?:fiscal )?({p.ordinal}) "
                    r"(?:fiscal )?(quarter|half)"
                ),
                self._year_ordinal_part,
            ),
            (re.compile(r"q([1-4])(?: (\d{4}))?"), self._q_form),
            (
                re.compile(
                    r"(?:latest|last|most recent|recent|same|current|year ago|year earlier|"
                    r"(?:\d{4})) (quarter|period)|(quarter|period)"
                ),
                self._named_quarter,
            ),
            (re.compile(r"(week|month) of (.+)"), self._unit_of),
            (re.compile(r"(?:the )?(week|weekend|month|year|day)"), self._bare_unit),
        ]

    def read(self, text: str, context: TimeContext) -> Resolved | None:
        for pattern, rule in self.rules:
            m = pattern.fullmatch(text)
            if m:
                return rule(m, context)
        return None

    # ---- absolute and calendar forms

    def _iso(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return timex.day(found) if found else None

    def _us_numeric(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        year = int(m[3]) + (1900 if len(m[3]) == 2 else 0)
        found = _safe_date(year, int(m[1]), int(m[2]))
        return timex.day(found) if found else None

    def _month_day_year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        found = _safe_date(int(m[3]), self.words.months[m[1]], int(m[2]))
        return timex.day(found) if found else None

    def _day_month_year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        found = _safe_date(int(m[3]), self.words.months[m[2]], int(m[1]))
        return timex.day(found) if found else None

    def _month_day(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return _month_with_day(self.words.months[m[1]], int(m[2]), context)

    def _deictic_month_day(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        # "last Oct. 23" is the latest Oct. 23 before the text, "next May 1" the first after.
        step = self.words.deictic.get(m[1], 0)
        direction = PAST if step < 0 else FUTURE if step > 0 else context.direction
        return _month_with_day(
            self.words.months[m[2]], int(m[3]), replace(context, direction=direction)
        )

    def _day_month(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return _month_with_day(self.words.months[m[2]], int(m[1]), context)

    def _month_year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return timex.month(int(m[2]), self.words.months[m[1]])

    def _month(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        number = self.words.months[m[2]]
        word = m[1] or ""
        step = self.words.deictic.get(word, 0)

        def build(anchor: date) -> Period:
            if word == "this past":
                return timex.month_near(anchor, number, PAST)
            if word and step == 0:  # "this September": the anchor's year
                return timex.month(anchor.year, number)
            if step < 0:  # "last April": the latest April before the anchor's month
                found = timex.month_near(anchor, number, PAST)
                return timex.shift(found, -12) if found.index == anchor.month else found
            if step > 0:
                found = timex.month_near(anchor, number, FUTURE)
                return timex.shift(found, 12) if found.index == anchor.month else found
            return timex.month_near(anchor, number, context.direction)

        return anchored_to(context, build, f"XXXX-{number:02d}", timex.MONTH)

    def _month_in_year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        number = self.words.months[m[1]]
        step = self.words.deictic.get(m[2], 0)
        return anchored_to(
            context,
            lambda a: timex.month(a.year + step, number),
            f"XXXX-{number:02d}",
            timex.MONTH,
        )

    def _spelled_year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        found = spelled_year(m[1])
        return timex.year(found) if found else None

    def _year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return timex.year(int(m[1]))

    def _decade(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        digits = m[1]
        if len(digits) == 3:
            return Period(timex.DECADE, int(digits) * 10)
        # "the '80s", "the 80s": the twentieth century unless the anchor says otherwise.
        century = 1900 if context.anchor is None or context.anchor.year < 2030 else 2000
        return Period(timex.DECADE, century + int(digits) * 10)

    def _decade_word(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        tens = SPELLED_TENS[m[1][:-3] + "y"]  # "nineties" -> "ninety"
        century = 1900 if context.anchor is None or context.anchor.year < 2030 else 2000
        return Period(timex.DECADE, century + tens)

    def _century(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return Period(timex.CENTURY, (int(m[1]) - 1) * 100)

    def _weekday(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        number = self.words.weekdays[m[2]]
        step = self.words.deictic.get(m[1] or "", 0)
        direction = context.direction if step == 0 else (PAST if step < 0 else FUTURE)

        def build(anchor: date) -> Period:
            if step < 0:  # "last Friday": strictly before the document day
                return timex.day(timex.weekday_near(anchor - timedelta(days=1), number, PAST))
            return timex.day(timex.weekday_near(anchor, number, direction))

        return anchored_to(context, build, f"XXXX-WXX-{number}", timex.DAY)

    def _day_word(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        offset = self.words.day_words[m[1]]
        return anchored_to(
            context, lambda a: timex.day(a + timedelta(days=offset)), None, timex.DAY
        )

    def _holiday(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        name = m[2]
        if m[3]:
            return timex.day(holiday_in(name, int(m[3])))
        step = self.words.deictic.get(m[1] or "", 0)
        if context.anchor is None:
            fixed = holiday_rules()[name]
            shape = f"XXXX-{fixed['month']:02d}-{fixed['day']:02d}" if "day" in fixed else None
            return Pending(shape, timex.DAY)
        return timex.day(holiday_near(name, context.anchor, step, context.direction))

    def _season(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        code = self.words.seasons[m[2]]
        if m[3]:
            return Period(timex.SEASON, int(m[3]), timex.SEASON_INDEX[code])
        step = self.words.deictic.get(m[1] or "", 0)
        direction = PAST if m[1] == "this past" else context.direction
        step = 0 if m[1] == "this past" else step

        def build(anchor: date) -> Period:
            if step == 0:
                return timex.season_near(anchor, code, direction)
            return timex.shift(timex.season_near(anchor, code, NEAREST), step)

        return anchored_to(context, build, f"XXXX-{code}", timex.SEASON)

    def _deictic_unit(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        step = self.words.deictic.get(m[1], 0)
        unit = {"fiscal year": "year", "weekend": "week"}.get(m[2], m[2])
        granularity = {"half": timex.HALF}.get(unit, unit)
        ref = context.reference
        if m[1] in REFERENCE_DEICTIC and ref is not None and unit != "week":
            # "the following year", "the previous month": counted from the last mention.
            return timex.shift(timex.period_of(ref.first_day(), granularity), step)
        if unit == "day" and m[1] not in _DAY_FROM_REFERENCE:
            return None  # "this day" is mostly "to this day", "last day" a final one
        if m[1].startswith("that") or unit == "day":
            # "that year", "that same day", "the next day": only the text's own time says
            # which; with none mentioned, its value stays unknown.
            if ref is None or _FINEST_FIRST.index(ref.granularity) > _FINEST_FIRST.index(
                granularity
            ):
                return Pending(None, granularity)
            return timex.shift(timex.period_of(ref.first_day(), granularity), step)
        if m[2] == "weekend":
            return self._weekend(step, context)

        def build(anchor: date) -> Period:
            return timex.shift(timex.period_of(anchor, granularity), step)

        return anchored_to(context, build, None, granularity)

    def _weekend(self, step: int, context: TimeContext) -> Resolved:
        """ "the weekend" is the latest one in past-tense reports and the coming one
        otherwise; "last/next weekend" step from there."""
        anchor = context.anchor
        if anchor is None:
            return Pending(None, "weekend")
        back_to_sunday = anchor.isoweekday() % 7  # days since the last Sunday (0 on Sunday)
        if context.direction == PAST or step < 0 or anchor.isoweekday() == 1:
            week = timex.week_of(anchor - timedelta(days=back_to_sunday))
        else:
            week = timex.week_of(anchor)
        if step < 0:
            week = timex.shift(week, -1) if anchor.isoweekday() >= 6 else week
        elif step > 0:
            week = timex.shift(timex.week_of(anchor), 1 if anchor.isoweekday() >= 6 else 0)
        return Pending(f"{week.value}-WE", "weekend", anchored=True)

    def _ordinal_part(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return self._nth_part(self.words.ordinals[m[1]], m[2], m[3] or "", context)

    def _year_ordinal_part(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return self._nth_part(self.words.ordinals[m[2]], m[3], m[1], context)

    def _q_form(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        return self._nth_part(int(m[1]), "quarter", m[2] or "", context)

    def _nth_part(
        self, index: int, kind: str, year_text: str, context: TimeContext
    ) -> Resolved | None:
        """The n-th quarter or half ("the third quarter", "1988 second quarter", "Q3")."""
        granularity = timex.QUARTER if kind == "quarter" else timex.HALF
        count = 4 if granularity == timex.QUARTER else 2
        index = count if index < 0 else index
        if not 1 <= index <= count:
            return None
        if year_text[:1].isdigit():
            return Period(granularity, int(year_text), index)
        step = {"last year": -1, "next year": 1}.get(year_text, 0)

        def build(anchor: date) -> Period:
            candidate = Period(granularity, anchor.year + step, index)
            # "the fourth quarter" reported in January is last year's fourth quarter.
            if not year_text and context.direction != FUTURE and candidate.first_day() > anchor:
                return Period(granularity, anchor.year - 1, index)
            return candidate

        prefix = "Q" if granularity == timex.QUARTER else "H"
        return anchored_to(context, build, f"XXXX-{prefix}{index}", granularity)

    def _named_quarter(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        """ "the quarter", "the latest quarter", "the year-ago period": earnings-report
        language, where the quarter is the one just reported (the last one mentioned, or
        the last completed one before the document date)."""
        text = m[0]
        ref = None if re.match(r"(?:latest|last|most recent|recent) ", text) else context.reference
        base: Period | None = ref if ref is not None and ref.granularity == timex.QUARTER else None
        if base is None and context.anchor is not None:
            current = timex.period_of(context.anchor, timex.QUARTER)
            base = current if context.direction == FUTURE else timex.shift(current, -1)
        if base is None:
            return Pending(None, timex.QUARTER)
        if "ago" in text or "earlier" in text:
            return Period(timex.QUARTER, base.year - 1, base.index)
        year_match = re.match(r"(\d{4}) ", text)
        if year_match:
            return Period(timex.QUARTER, int(year_match[1]), base.index)
        return base

    def _unit_of(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        """ "the week of March 6": the week (or month) that holds the day named after it."""
        granularity = m[1]
        found = self.read(m[2], context)
        if isinstance(found, Pending):
            if found.precision == granularity:  # "the month of March": "XXXX-03"
                return found
            return Pending(None, granularity) if found.value is not None else None
        if found is None or _FINEST_FIRST.index(found.granularity) > _FINEST_FIRST.index(
            granularity
        ):
            return None
        return timex.period_of(found.first_day(), granularity)

    def _bare_unit(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        # "the year", "the month": the period the text is talking about (the last one
        # mentioned of that size), else the anchor's own.
        if m[1] == "weekend":
            return self._weekend(0, context)
        granularity = m[1]
        ref = context.reference
        if ref is not None and ref.granularity == granularity:
            return ref
        if granularity == timex.DAY:
            return None
        return anchored_to(context, lambda a: timex.period_of(a, granularity), None, granularity)


@lru_cache(maxsize=1)
def _period_reader() -> _PeriodReader:
    return _PeriodReader()


def read_period(text: str, context: TimeContext) -> Resolved | None:
    return _period_reader().read(text, context)
