"""Normalise one time expression to a TIMEX3-style value against an anchor date.

``normalise(text, context)`` reads the expression's words (lists in
``extract/data/time_words.yaml``) and returns a ``TimeValue``: the value ("2023-12-04",
"2023-W49", "2023-12-01/2023-12-10", "P3Y", "PRESENT_REF"...), its precision, and whether
it was resolved. Without an anchor, anything that needs one keeps an "XXXX" year (or no
value at all when even the pattern is unknown, e.g. "last week") and ``resolved=False``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsgraph.extract.times import timex
from newsgraph.extract.times.timex import Period
from newsgraph.extract.times.words import TimeWords, time_words

PAST, FUTURE, NEAREST = "past", "future", "nearest"
# Deictic words that count from the last mentioned period rather than the anchor.
_REFERENCE_DEICTIC = frozenset(
    {"following", "the following", "previous", "preceding", "same", "the same"}
)
# Expressions placed against another mention; their values never become the reference.
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|earlier|later|previous|preceding|following|same|year ago|year earlier)\b"
)
# A non-leap year stands in for an unknown year when only the shape of a value matters.
_SHAPE_YEAR = 2001


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
class _Pending:
    """A value that is not a plain calendar period: either one that needs an anchor the
    document does not have (its X-pattern value, ``anchored=False``), or a resolved value
    with no ``Period`` of its own, such as a weekend ("2023-W49-WE")."""

    value: str | None
    precision: str
    anchored: bool = False


Resolved = Period | _Pending


def clean_expression(text: str) -> str:
    """Lower-case, unify spacing, hyphens between words and abbreviation dots."""
    s = text.lower().replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\ba\.m\.?", "am", s)
    s = re.sub(r"\bp\.m\.?", "pm", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)  # "Sept." -> "sept", "Dec." -> "dec"
    s = re.sub(r"(?<=[a-z])-|-(?=[a-z])", " ", s)  # "mid-2023", "five-year", "year-ago"
    s = re.sub(r"'s\b", "", s)  # "this year's third quarter"
    s = re.sub(r"[,;:]+(?!\d\d)", " ", s)
    s = re.sub(r"^the\s+(?=\S)", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


# --------------------------------------------------------------------------- patterns


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
def _patterns() -> _Patterns:
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


def _compound_number(text: str, words: TimeWords) -> float | None:
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


# --------------------------------------------------------------------------- periods


def _anchored(
    context: TimeContext, build: Callable[[date], Period], pattern: str | None, precision: str
) -> Resolved:
    if context.anchor is None:
        return _Pending(pattern, precision)
    return build(context.anchor)


def _month_with_day(number: int, day_number: int, context: TimeContext) -> Resolved | None:
    if not 1 <= day_number <= 31:
        return None
    try:
        date(_SHAPE_YEAR if number != 2 else 2000, number, day_number)
    except ValueError:
        return None
    if context.anchor is None:
        return _Pending(f"XXXX-{number:02d}-{day_number:02d}", timex.DAY)
    anchor = context.anchor
    year = anchor.year
    candidate = _safe_date(year, number, day_number) or date(year, number, 28)
    # A date without a year is the anchor's year unless that puts it on the wrong side of
    # the anchor for the tense; with no tense, up to three months ahead reads as coming,
    # further ahead as last year's.
    ahead = (candidate - anchor).days
    if context.direction == PAST and ahead > 31:
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


_SPELLED_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_SPELLED_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def _spelled_pair(words: list[str]) -> int | None:
    """ "ninety six" -> 96, "eighty" -> 80, "oh five" -> 5; None if not a 0-99 number."""
    if not words:
        return 0
    if words[0] == "oh" and len(words) == 2:
        return _SPELLED_UNITS.get(words[1])
    if words[0] in _SPELLED_TENS and len(words) <= 2:
        rest = _SPELLED_UNITS.get(words[1], 0) if len(words) == 2 else 0
        return _SPELLED_TENS[words[0]] + rest if rest < 10 else None
    if len(words) == 1:
        return _SPELLED_UNITS.get(words[0])
    return None


def spelled_year(text: str) -> int | None:
    """A year written in words: "nineteen ninety six", "two thousand", "twenty ten"."""
    words = text.replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        tail = _spelled_pair(rest)
        return 2000 + tail if tail is not None else None
    if len(words) >= 2 and words[0] in ("nineteen", "twenty", "eighteen"):
        tail = _spelled_pair(words[1:])
        # "twenty four" is a count; a year needs its last two digits as tens ("twenty ten").
        if tail is None or (words[0] == "twenty" and tail < 10):
            return None
        return _SPELLED_UNITS.get(words[0], 20) * 100 + tail
    return None


_Rule = Callable[[re.Match[str], TimeContext], "Resolved | None"]


class _PeriodReader:
    """Reads the expressions that denote one calendar period (a day, week, month...)."""

    def __init__(self) -> None:
        self.words = time_words()
        p = _patterns()
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
            (re.compile(rf"(?:({p.deictic}) )?({p.season})(?: (?:of )?(\d{{4}}))?"), self._season),
            (
                re.compile(
                    rf"({p.deictic}|same) (week|weekend|month|year|quarter|decade|century|"
                    r"fiscal year|half)"
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

        return _anchored(context, build, f"XXXX-{number:02d}", timex.MONTH)

    def _month_in_year(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        number = self.words.months[m[1]]
        step = self.words.deictic.get(m[2], 0)
        return _anchored(
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
        tens = _SPELLED_TENS[m[1][:-3] + "y"]  # "nineties" -> "ninety"
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

        return _anchored(context, build, f"XXXX-WXX-{number}", timex.DAY)

    def _day_word(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        offset = self.words.day_words[m[1]]
        return _anchored(context, lambda a: timex.day(a + timedelta(days=offset)), None, timex.DAY)

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

        return _anchored(context, build, f"XXXX-{code}", timex.SEASON)

    def _deictic_unit(self, m: re.Match[str], context: TimeContext) -> Resolved | None:
        step = self.words.deictic.get(m[1], 0)
        unit = {"fiscal year": "year", "weekend": "week"}.get(m[2], m[2])
        granularity = {"half": timex.HALF}.get(unit, unit)
        ref = context.reference
        if m[1] in _REFERENCE_DEICTIC and ref is not None and unit != "week":
            # "the following year", "the previous month": counted from the last mention.
            return timex.shift(timex.period_of(ref.first_day(), granularity), step)
        if m[2] == "weekend":
            return self._weekend(step, context)

        def build(anchor: date) -> Period:
            return timex.shift(timex.period_of(anchor, granularity), step)

        return _anchored(context, build, None, granularity)

    def _weekend(self, step: int, context: TimeContext) -> Resolved:
        """ "the weekend" is the latest one in past-tense reports and the coming one
        otherwise; "last/next weekend" step from there."""
        anchor = context.anchor
        if anchor is None:
            return _Pending(None, "weekend")
        back_to_sunday = anchor.isoweekday() % 7  # days since the last Sunday (0 on Sunday)
        if context.direction == PAST or step < 0 or anchor.isoweekday() == 1:
            week = timex.week_of(anchor - timedelta(days=back_to_sunday))
        else:
            week = timex.week_of(anchor)
        if step < 0:
            week = timex.shift(week, -1) if anchor.isoweekday() >= 6 else week
        elif step > 0:
            week = timex.shift(timex.week_of(anchor), 1 if anchor.isoweekday() >= 6 else 0)
        return _Pending(f"{week.value}-WE", "weekend", anchored=True)

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
        return _anchored(context, build, f"XXXX-{prefix}{index}", granularity)

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
            return _Pending(None, timex.QUARTER)
        if "ago" in text or "earlier" in text:
            return Period(timex.QUARTER, base.year - 1, base.index)
        year_match = re.match(r"(\d{4}) ", text)
        if year_match:
            return Period(timex.QUARTER, int(year_match[1]), base.index)
        return base

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
        return _anchored(context, lambda a: timex.period_of(a, granularity), None, granularity)


@lru_cache(maxsize=1)
def _period_reader() -> _PeriodReader:
    return _PeriodReader()


def read_period(text: str, context: TimeContext) -> Resolved | None:
    return _period_reader().read(text, context)


# --------------------------------------------------------------------------- expressions

_QUALIFIERS = (
    r"(?:(?:nearly|almost|about|around|approximately|roughly|some|more than|less than|"
    r"fewer than|at least|over|under|up to|only|just|barely|well over|another|"
    r"an additional|a full|a further|the better part of|upwards of) )*"
)
_TIMEZONE = r"(?: (?:est|edt|cst|cdt|mst|pst|pdt|gmt|utc|bst|cet|et|local time))?"
_CLOCK_UNIT_GRANULARITY = {"hour": timex.DAY, "minute": timex.DAY, "second": timex.DAY}


def _from_period(found: Resolved, context: TimeContext, mod: str | None = None) -> TimeValue:
    if isinstance(found, _Pending):
        return TimeValue(found.value, found.precision, found.anchored, mod=mod)
    return TimeValue(found.value, found.granularity, True, mod=mod, period=found)


class _Normaliser:
    def __init__(self) -> None:
        self.words = time_words()
        p = _patterns()
        number = rf"(?:{p.number})(?: (?:{p.number}))*"
        self.reference_phrases = self.words.references
        self.set_every = re.compile(
            rf"(?:{'|'.join(self.words.set_every)}) (?:({number}) )?(?:({p.unit})|({p.weekday})|"
            rf"({p.month}))"
        )
        self.clock = re.compile(
            rf"(?:(.+?) )?(?:at )?(\d{{1,2}})(?::(\d\d))? ?(am|pm|hours?){_TIMEZONE}(?: (.+))?"
        )
        self.clock_word = re.compile(r"(?:(.+?) )?(?:at )?(noon|midday|midnight)(?: (.+))?")
        self.day_part = re.compile(
            rf"(?:(.+?) )?(?:(?:early|late|mid|in the) )?({p.day_part})(?: (.+))?"
        )
        self.earlier_this = re.compile(
            rf"(earlier|later) ({p.deictic}) (week|month|year|quarter|decade)"
        )
        self.part = re.compile(rf"({p.part})(?: of)?(?: the)? (.+)")
        self.last_half_of = re.compile(r"(first|last|second|latter) half of (?:the )?(.+)")
        self.relative = re.compile(
            rf"{_QUALIFIERS}(?:({number}) )?({p.unit}) ("
            + "|".join(sorted(map(re.escape, self.words.directions), key=len, reverse=True))
            + ")"
        )
        self.duration = re.compile(
            rf"{_QUALIFIERS}(?:(?:the )?(?:past|last|next|first|coming|previous|final|"
            rf"latest|following|same|initial|remaining|recent|{p.deictic}) )?"
            rf"({number}) (?:more |additional |full |straight |consecutive )?({p.unit})"
            rf"(?: (?:old|long|and a half))?"
        )
        self.vague_duration = re.compile(
            rf"{_QUALIFIERS}(?:(?:the )?(?:past|last|next|coming|recent|previous|following|"
            rf"several|many|few|some|the past few|the last few|the next few|a few|"
            rf"a couple of|for|coming) )*({p.unit})"
        )

    def normalise(self, raw: str, context: TimeContext) -> TimeValue | None:
        text = clean_expression(raw)
        if not text:
            return None
        for rule in (
            self._reference,
            self._set,
            self._clock,
            self._day_part,
            self._earlier_this,
            self._part_of_period,
            self._half_of,
            self._relative,
            self._period,
            self._duration,
            self._vague_duration,
        ):
            result = rule(text, context)
            if result is not None:
                return result
        return None

    # ---- rules, most specific first

    def _reference(self, text: str, context: TimeContext) -> TimeValue | None:
        phrases = self.reference_phrases
        label = (
            phrases.get(text)
            or phrases.get(f"the {text}")
            or phrases.get(re.sub(r"^(?:the|until|by|in|for|from) ", "", text))
        )
        if label is None:
            return None
        return TimeValue(label, "reference", context.anchor is not None)

    def _set(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.set_every.fullmatch(text)
        if not m:
            return None
        if m[3]:
            number = self.words.weekdays[m[3]]
            return TimeValue(f"XXXX-WXX-{number}", "set", True, kind="SET")
        if m[4]:
            return TimeValue(f"XXXX-{self.words.months[m[4]]:02d}", "set", True, kind="SET")
        unit = self.words.units[m[2]]
        amount = _compound_number(m[1], self.words) if m[1] else 1.0
        return TimeValue(_duration_value(amount, unit.code, unit.clock), "set", True, kind="SET")

    def _day_of(self, text: str | None, context: TimeContext) -> Resolved | None:
        """The day a clock time or part of day belongs to (the anchor's day by default)."""
        rest = re.sub(r"^(?:the|this|on|of|at|in)\s*", "", (text or "").strip()).strip()
        if not rest or rest == "today":
            return _anchored(context, timex.day, None, timex.DAY)
        found = read_period(rest, context)
        if isinstance(found, Period) and found.granularity != timex.DAY:
            return None
        return found

    def _clock(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.clock.fullmatch(text)
        if m:
            hour, minute = int(m[2]), int(m[3] or 0)
            if m[4] == "pm" and hour < 12:
                hour += 12
            if m[4] == "am" and hour == 12:
                hour = 0
            if m[4].startswith("hour") and not m[3]:
                return None
            clock = f"T{hour:02d}:{minute:02d}"
            day_text = " ".join(filter(None, (m[1], m[5])))
        else:
            m = self.clock_word.fullmatch(text)
            if not m:
                return None
            clock = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[m[2]]
            day_text = " ".join(filter(None, (m[1], m[3])))
        if _hour_out_of_range(clock):
            return None
        found = self._day_of(day_text, context)
        if found is None:
            return None
        if isinstance(found, _Pending):
            base = found.value or "XXXX-XX-XX"
            return TimeValue(base + clock, "time", False, kind="TIME")
        return TimeValue(found.value + clock, "time", True, kind="TIME")

    def _day_part(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.day_part.fullmatch(text)
        if not m or (m[1] and m[3]):
            return None
        code = self.words.day_parts[m[2]]
        rest = m[1] or m[3] or ""
        if m[2] == "tonight":
            rest = rest or "today"
        if rest in ("early", "late", "later", "earlier"):
            rest = ""
        if rest == "last" and code == "NI":  # "last night" is the night before the anchor
            rest = "yesterday"
        rest = re.sub(r"^(?:early|late|later|earlier) ", "", rest)
        if rest in ("", "that", "same"):
            # "the morning" of the day the text is on: the last day mentioned, or the
            # anchor's day.
            ref = context.reference
            if ref is not None and ref.granularity == timex.DAY:
                return TimeValue(f"{ref.value}T{code}", "part-of-day", True, kind="TIME")
        found = self._day_of(rest, context)
        if found is None:
            return None
        if isinstance(found, _Pending):
            value = f"{found.value}T{code}" if found.value else None
            return TimeValue(value, "part-of-day", False, kind="TIME")
        return TimeValue(f"{found.value}T{code}", "part-of-day", True, kind="TIME")

    def _earlier_this(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.earlier_this.fullmatch(text)
        if not m:
            return None
        found = read_period(f"{m[2]} {m[3]}", context)
        if found is None:
            return None
        return _from_period(found, context, mod="START" if m[1] == "earlier" else "END")

    def _part_of_period(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.part.fullmatch(text)
        if not m:
            return None
        part = self.words.period_parts[m[1]]
        found = read_period(m[2], context)
        if found is None:
            return None
        return _part_value(found, part.start, part.end, part.mod)

    def _half_of(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.last_half_of.fullmatch(text)
        if not m:
            return None
        found = read_period(m[2], context)
        if found is None:
            return None
        first = m[1] == "first"
        if isinstance(found, Period) and found.granularity == timex.YEAR:
            half = Period(timex.HALF, found.year, 1 if first else 2)
            return TimeValue(half.value, timex.HALF, True, period=half)
        return _part_value(found, 0.0 if first else 0.5, 0.5 if first else 1.0, None)

    def _relative(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.relative.fullmatch(text)
        if not m:
            return None
        unit = self.words.units[m[2]]
        direction = self.words.directions[m[3]]
        amount = _compound_number(m[1], self.words) if m[1] else 1.0
        backwards = direction.startswith("back")
        if amount is None or unit.name == "weekend":
            return TimeValue(
                "PAST_REF" if backwards else "FUTURE_REF", "reference", context.anchor is not None
            )
        steps = -int(amount) if backwards else int(amount)
        granularity = _CLOCK_UNIT_GRANULARITY.get(unit.name, unit.name)
        if context.anchor is None:
            return TimeValue(None, granularity, False)
        ref = context.reference
        from_reference = direction.endswith("reference") or unit.name == "year"
        if (
            from_reference
            and ref is not None
            and unit.name == "year"
            and ref.granularity in (timex.QUARTER, timex.HALF)
        ):
            # "a year earlier/ago" after "the third quarter": the same quarter last year.
            shifted = Period(ref.granularity, ref.year + steps, ref.index)
            return TimeValue(
                shifted.value, ref.granularity, True, period=shifted, from_reference=True
            )
        base_date = context.anchor
        if (
            direction.endswith("reference")
            and ref is not None
            and unit.name in ("day", "week", "month")
            and ref.granularity in (timex.DAY, timex.WEEK, timex.MONTH)
        ):
            # "three days later" after "May 22, 1995": counted from that day. Whole years
            # "earlier" in reports compare with the same time a year before the report.
            base_date = ref.first_day()
        if unit.name == "quarter":
            found = timex.shift(timex.period_of(base_date, timex.QUARTER), steps)
        else:
            found = timex.shift(timex.period_of(base_date, granularity), steps)
        return TimeValue(
            found.value,
            found.granularity,
            True,
            period=found,
            from_reference=base_date != context.anchor,
        )

    def _period(self, text: str, context: TimeContext) -> TimeValue | None:
        if context.next_word in ("ended", "ending") and re.fullmatch(
            r"(?:fiscal )?year|fiscal year", text
        ):
            # "the year ended March 31" in company reports: a twelve-month period.
            return TimeValue("P1Y", "duration", True, kind="DURATION")
        stripped = re.sub(
            r"^(?:(?:as early as|as late as|as recently as|until|through|by|since|"
            r"about|around|approximately|roughly|sometime in|sometime|some time in|"
            r"only|just|all of|all|the whole of|the entire) )+",
            "",
            text,
        )
        found = read_period(stripped, context)
        if found is None:
            return None
        value = _from_period(found, context)
        if _RELATIVE_WORDS.search(stripped):
            return TimeValue(
                value.value,
                value.precision,
                value.resolved,
                value.kind,
                value.mod,
                value.period,
                from_reference=True,
            )
        return value

    def _duration(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.duration.fullmatch(text)
        if not m:
            return None
        amount = _compound_number(m[1], self.words)
        if amount is not None and text.endswith("and a half"):
            amount += 0.5
        unit = self.words.units[m[2]]
        if m[1] in ("a", "an", "one") and unit.name == "weekend":
            return None
        return TimeValue(
            _duration_value(amount, unit.code, unit.clock), "duration", True, kind="DURATION"
        )

    def _vague_duration(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.vague_duration.fullmatch(text)
        if not m:
            return None
        unit = self.words.units[m[1]]
        plural = m[1].endswith("s") and not m[1].endswith("ss")
        if plural and re.match(r"(?:past|last)\b", text):
            return TimeValue("PAST_REF", "reference", context.anchor is not None)
        if plural and re.match(r"(?:coming|upcoming|next few|next several)\b", text):
            return TimeValue("FUTURE_REF", "reference", context.anchor is not None)
        if plural:
            return TimeValue(
                _duration_value(None, unit.code, unit.clock), "duration", True, kind="DURATION"
            )
        if unit.name in ("week", "day", "hour", "minute", "second") and m[0] == m[1]:
            # A bare singular unit ("a week", "week") is a length of one.
            return TimeValue(
                _duration_value(1.0, unit.code, unit.clock), "duration", True, kind="DURATION"
            )
        return None


def _hour_out_of_range(clock: str) -> bool:
    hour = int(clock[1:3])
    return hour > 24


def _duration_value(amount: float | None, code: str, clock: bool) -> str:
    # Quarters and decades are written in months and years, as TimeBank does.
    if code == "Q":
        return timex.duration(None if amount is None else amount * 3, "M")
    if code == "DE" and amount is not None:
        return timex.duration(amount * 10, "Y")
    if code == "CE" and amount is not None:
        return timex.duration(amount * 100, "Y")
    if code == "WE":
        return timex.duration(amount, "WE")
    return timex.duration(amount, code, clock)


def _part_value(found: Resolved, start: float, end: float, mod: str | None) -> TimeValue:
    """A part of a period ("early December") as a range, or the day itself with a mod
    when the period is a single day ("late yesterday")."""
    if isinstance(found, _Pending):
        shape = re.fullmatch(r"XXXX-(\d\d)", found.value or "")
        if shape is None:
            return TimeValue(None, f"part-of-{found.precision}", False, mod=mod)
        sample = timex.part_range(timex.month(_SHAPE_YEAR, int(shape[1])), start, end)
        return TimeValue(sample.replace(str(_SHAPE_YEAR), "XXXX"), "part-of-month", False, mod=mod)
    if found.granularity == timex.DAY:
        return TimeValue(found.value, timex.DAY, True, mod=mod, period=found)
    return TimeValue(
        timex.part_range(found, start, end),
        f"part-of-{found.granularity}",
        True,
        mod=mod,
        timeml=found.value,
    )


@lru_cache(maxsize=1)
def _normaliser() -> _Normaliser:
    return _Normaliser()


@lru_cache(maxsize=8192)
def normalise(text: str, context: TimeContext) -> TimeValue | None:
    """The TIMEX3-style value of a time expression, or None when it is not one we read.

    A pure function of its (immutable) arguments, so it is memoised: span finding asks
    about the same candidates again, and news repeats its expressions ("on Tuesday").
    """
    return _normaliser().normalise(text, context)
