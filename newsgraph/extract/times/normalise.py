"""Normalise one time expression to a TIMEX3-style value against an anchor date.

``normalise(text, context)`` reads the expression's words (lists in
``extract/data/time_words.yaml``) and returns a ``TimeValue``: the value ("2023-12-04",
"2023-W49", "2023-12-01/2023-12-10", "P3Y", "PRESENT_REF"...), its precision, and whether
it was resolved. Without an anchor, anything that needs one keeps an "XXXX" year (or no
value at all when even the pattern is unknown, e.g. "last week") and ``resolved=False``.
Calendar periods are read by ``periods``; durations, sets, times of day, parts of periods
and deictic words here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from newsgraph.extract.times import timex
from newsgraph.extract.times.periods import anchored_to, read_period
from newsgraph.extract.times.timex import Period
from newsgraph.extract.times.values import (
    RELATIVE_WORDS,
    SHAPE_YEAR,
    Pending,
    Resolved,
    TimeContext,
    TimeValue,
    clean_expression,
    compound_number,
    shared_patterns,
)
from newsgraph.extract.times.words import time_words

_QUALIFIERS = (
    r"(?:(?:nearly|almost|about|around|approximately|roughly|some|more than|less than|"
    r"fewer than|at least|over|under|up to|only|just|barely|well over|another|"
    r"an additional|a full|a further|the better part of|upwards of) )*"
)

_TIMEZONE = r"(?: (?:est|edt|cst|cdt|mst|pst|pdt|gmt|utc|bst|cet|et|local time))?"

# Prepositions left at the end of a span cut before its object ("the night of").
_DANGLING = frozenset({"of", "on", "at", "in", "to", "from"})

# An hour said with the part of the day it falls in.
_HOUR_IN_DAY_PART = re.compile(
    r"\b(\d{1,2}(?::\d\d)?) (?:o'?clock )?in the (morning|afternoon|evening)\b"
)

_YEARS_IN_UNIT = {"decade": 10, "century": 100}
_YEARS = {"DE": 10, "CE": 100}  # years in a decade and a century, by duration code

_CLOCK_UNIT_GRANULARITY = {"hour": timex.DAY, "minute": timex.DAY, "second": timex.DAY}


def _from_period(found: Resolved, context: TimeContext, mod: str | None = None) -> TimeValue:
    if isinstance(found, Pending):
        return TimeValue(found.value, found.precision, found.anchored, mod=mod)
    return TimeValue(found.value, found.granularity, True, mod=mod, period=found)


class _Normaliser:
    def __init__(self) -> None:
        self.words = time_words()
        p = shared_patterns()
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
            rf"(earlier|later) ({p.deictic}|that|that same) (day|week|month|year|quarter|decade)"
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
            rf"(?: (?:long|and a half))?"
        )
        self.vague_duration = re.compile(
            rf"{_QUALIFIERS}(?:(?:the )?(?:past|last|next|coming|recent|previous|following|"
            rf"several|many|few|some|the past few|the last few|the next few|a few|"
            rf"a couple of|for|coming) )*({p.unit})( long)?"
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
        repeated = self.words.frequency.get(text)
        if repeated is not None:  # "daily": once a day
            unit = self.words.units[repeated]
            return TimeValue(_duration_value(1.0, unit.code, unit.clock), "set", True, kind="SET")
        m = self.set_every.fullmatch(text)
        if not m:
            return None
        if m[3]:
            number = self.words.weekdays[m[3]]
            return TimeValue(f"XXXX-WXX-{number}", "set", True, kind="SET")
        if m[4]:
            return TimeValue(f"XXXX-{self.words.months[m[4]]:02d}", "set", True, kind="SET")
        unit = self.words.units[m[2]]
        amount = compound_number(m[1], self.words) if m[1] else 1.0
        return TimeValue(_duration_value(amount, unit.code, unit.clock), "set", True, kind="SET")

    def _day_of(self, text: str | None, context: TimeContext) -> Resolved | None:
        """The day a clock time or part of day belongs to (the anchor's day by default)."""
        rest = re.sub(r"^(?:the|this|on|of|at|in)\s*", "", (text or "").strip()).strip()
        if not rest or rest == "today":
            return anchored_to(context, timex.day, None, timex.DAY)
        found = read_period(rest, context)
        if isinstance(found, Period) and found.granularity != timex.DAY:
            return None
        return found

    def _clock(self, text: str, context: TimeContext) -> TimeValue | None:
        # "4 in the morning" is 4 a.m., "8 o'clock in the evening" 8 p.m.
        text = _HOUR_IN_DAY_PART.sub(
            lambda h: f"{h[1]} {'am' if h[2] == 'morning' else 'pm'}", text
        )
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
        ref = context.reference
        if not day_text and ref is not None and ref.granularity == timex.DAY:
            # "at 10 p.m." with no day of its own: the day the text is on (the last day
            # mentioned), as for "the morning" below.
            return TimeValue(ref.value + clock, "time", True, kind="TIME")
        found = self._day_of(day_text, context)
        if found is None:
            return None
        if isinstance(found, Pending):
            base = found.value or "XXXX-XX-XX"
            return TimeValue(base + clock, "time", False, kind="TIME")
        return TimeValue(found.value + clock, "time", True, kind="TIME")

    def _day_part(self, text: str, context: TimeContext) -> TimeValue | None:
        m = self.day_part.fullmatch(text)
        if not m or (m[1] and m[3]) or m[3] in _DANGLING:
            # "the night of" lost the day it belongs to: no time of its own.
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
        if isinstance(found, Pending):
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
        value = _from_period(found, context, mod="START" if m[1] == "earlier" else "END")
        if m[2].startswith("that"):
            # Read from the last mention ("later that year"), so it must not replace it.
            return replace(value, from_reference=True)
        return value

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
        amount = compound_number(m[1], self.words) if m[1] else 1.0
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
        elif unit.name in _YEARS_IN_UNIT:
            # "a decade ago" is the year ten years back (1989 from 1999), not the decade
            # before the anchor's (the 1980s).
            found = timex.shift(timex.year(base_date.year), steps * _YEARS_IN_UNIT[unit.name])
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
            r"only|just|all of|all|the whole of|the entire|pre|post) )+",
            "",
            text,
        )
        found = read_period(stripped, context)
        if found is None:
            return None
        value = _from_period(found, context)
        if RELATIVE_WORDS.search(stripped):
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
        amount = compound_number(m[1], self.words)
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
        bare = m[0] == m[1] or (m[2] is not None and m[0] == m[1] + m[2])
        if bare and (m[2] or unit.name in ("week", "day", "hour", "minute", "second")):
            # A bare singular unit ("a week", "week") is a length of one, and so is one
            # that says how long something lasts ("a day-long meeting", "year-long").
            return TimeValue(
                _duration_value(1.0, unit.code, unit.clock), "duration", True, kind="DURATION"
            )
        return None


def _hour_out_of_range(clock: str) -> bool:
    hour = int(clock[1:3])
    return hour > 24


def _duration_value(amount: float | None, code: str, clock: bool) -> str:
    # Quarters, decades and centuries are written in months and years, as TimeBank does;
    # an unknown count of them is an unknown count of those ("decades" -> PXY, as
    # "several quarters" -> PXM).
    if code == "Q":
        return timex.duration(None if amount is None else amount * 3, "M")
    if code in ("DE", "CE"):
        return timex.duration(None if amount is None else amount * _YEARS[code], "Y")
    if code == "WE":
        return timex.duration(amount, "WE")
    return timex.duration(amount, code, clock)


def _part_value(found: Resolved, start: float, end: float, mod: str | None) -> TimeValue:
    """A part of a period ("early December") as a range, or the day itself with a mod
    when the period is a single day ("late yesterday")."""
    if isinstance(found, Pending):
        shape = re.fullmatch(r"XXXX-(\d\d)", found.value or "")
        if shape is None:
            return TimeValue(None, f"part-of-{found.precision}", False, mod=mod)
        sample = timex.part_range(timex.month(SHAPE_YEAR, int(shape[1])), start, end)
        return TimeValue(sample.replace(str(SHAPE_YEAR), "XXXX"), "part-of-month", False, mod=mod)
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
