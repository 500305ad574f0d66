"""When an event happened: its own time expression, else the article's reference time.

An analyst needs every event on a timeline (ACLED codes a date for every event and says how
precise it is). The order of evidence:

1. ``text``: a time expression tied to the trigger, or to the verb reporting it ("said on
   Tuesday that ..."), found by :func:`timing.event_time`;
2. ``context``: the day of an earlier event of the same type, for current news with no
   time of its own. A report names the day once, in its opening ("Police arrested six
   people Monday"), and goes on about the same happening without repeating it ("Officers
   also arrested a man after a traffic stop"); the time item is the earlier event's.
   Failing that, the day the report's opening names, when it is one of the last days up
   to publication ("Hillary Clinton went on offense on Monday" in a Tuesday paper): news
   is written the day after as often as the same day, and the rest of the report is about
   the happening its opening dated.
3. ``document``: the article's publication date, for an event the text reports as current
   news: asserted or negated, not future or hypothetical, and with no time of its own. The
   date then has no span in the text; its evidence is the record's ``published`` (with
   ``published_source`` and ``published_evidence``), and the time item says so with
   ``source: "document"``.

Otherwise the event stays undated (``time`` and ``time_source`` null): a plan, a threat or a
condition has no date until the text gives one.

An event's date is a calendar date, a day, a month or a year (as ACLED and the news
guidelines code it). A week is none of them ("last week" is 2015-W46): an event dated by
one is given the month that holds most of the week's days (the month of its Thursday, as
ISO 8601 gives a week the year of its Thursday; of its Saturday for a weekend), a time item
over the same span with ``source: "week"`` that keeps the week in ``timeml``. In a
document without a date, a month and day without a year ("on February 14", XXXX-02-14)
take the latest year the text names, in an item with ``source: "year"`` that stays
``resolved: false``: a report is seldom older than the latest year it mentions.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from newsgraph.extract.events.timing import MAX_CLIMB, NOUN_CLAUSES

CURRENT_MODALITIES = frozenset({"asserted", "negated"})
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_THURSDAY, _SATURDAY = 4, 6
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d(?:-\d\d)?(?:-\d\d)?$")
_NO_YEAR = re.compile(r"^XXXX-\d\d(?:-\d\d)?$")
# The report's opening: its headline and lede.
OPENING_SENTENCES = 4
# How many days before publication the day its opening names may lie.
RECENT_DAYS = 6


def month_of_week(value: str) -> str | None:
    """The month holding most days of an ISO week ("2016-W09" -> "2016-03") or of its
    weekend ("2016-W09-WE" -> "2016-03"), None for any other value."""
    match = _WEEK.match(value)
    if match is None:
        return None
    weekday = _SATURDAY if match[3] else _THURSDAY
    try:
        day = date.fromisocalendar(int(match[1]), int(match[2]), weekday)
    except ValueError:
        return None
    return f"{day.year:04d}-{day.month:02d}"


class DocumentDate:
    """The publication day as a time item, added to ``doc._.ng_times`` on first use."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.id: str | None = None

    def time_id(self) -> str | None:
        published = self.doc._.ng_published
        if not published:
            return None
        if self.id is None:
            times = list(self.doc._.ng_times or [])
            day = str(published)[:10]
            self.id = f"T{len(times) + 1}"
            times.append(
                {
                    "id": self.id,
                    "text": day,
                    "start": None,
                    "end": None,
                    "value": day,
                    "precision": "day",
                    "resolved": True,
                    "type": "DATE",
                    "mod": None,
                    "timeml": day,
                    "source": "document",
                }
            )
            self.doc._.ng_times = times
        return self.id

    def latest_year(self) -> str | None:
        """For a document without a date: the latest year its own time expressions name,
        the year a month and day without one ("on February 14") most likely belong to."""
        if self.doc._.ng_published:
            return None
        years = [
            str(t["value"])[:4]
            for t in self.doc._.ng_times or []
            if t.get("resolved") and t.get("type") == "DATE" and _YEAR.match(str(t["value"]))
        ]
        return max(years) if years else None

    def with_year(self, time_id: str) -> str:
        """The id of an item giving time ``time_id`` ("XXXX-02-14") the document's latest
        year (see ``latest_year``); ``time_id`` itself when there is none to give."""
        times = list(self.doc._.ng_times or [])
        item = next((t for t in times if t["id"] == time_id), None)
        value = str(item.get("value") or "") if item else ""
        year = self.latest_year() if _NO_YEAR.match(value) else None
        if item is None or year is None:
            return time_id
        for other in times:
            if other.get("source") == "year" and other["start"] == item["start"]:
                return str(other["id"])
        new_id = f"T{len(times) + 1}"
        times.append(
            item
            | {"id": new_id, "value": year + value[4:], "timeml": year + value[4:]}
            | {"source": "year"}
        )
        self.doc._.ng_times = times
        return new_id

    def month_of(self, time_id: str) -> str:
        """The id of the month item standing for week item ``time_id`` (itself when it is
        no resolved week); added to ``doc._.ng_times`` once per week item."""
        times = list(self.doc._.ng_times or [])
        week = next((t for t in times if t["id"] == time_id), None)
        month = month_of_week(str(week.get("value") or "")) if week else None
        if week is None or month is None:
            return time_id
        for item in times:  # one month item per week item, however many events it dates
            if item.get("source") == "week" and item["start"] == week["start"]:
                return str(item["id"])
        item_id = f"T{len(times) + 1}"
        times.append(
            {
                "id": item_id,
                "text": week["text"],
                "start": week["start"],
                "end": week["end"],
                "value": month,
                "precision": "month",
                "resolved": True,
                "type": "DATE",
                "mod": None,
                "timeml": week["value"],
                "source": "week",
            }
        )
        self.doc._.ng_times = times
        return item_id


def opening_day(doc: Doc) -> str | None:
    """The id of the first time of the report's opening (its first sentences) that names a
    day in the week up to its publication, or None."""
    published = _day(str(doc._.ng_published or ""))
    if published is None:
        return None
    sentences = list(islice(doc.sents, OPENING_SENTENCES))
    if not sentences:
        return None
    opening_end = sentences[-1].end_char
    for time in doc._.ng_times or []:
        start = time.get("start")
        if start is None or time.get("source") is not None:
            continue
        if start >= opening_end:
            break
        day = _day(str(time.get("value") or "")) if time.get("resolved") else None
        if day is not None and 0 <= (published - day).days <= RECENT_DAYS:
            return str(time["id"])
    return None


def _reported(record: dict[str, Any], time_id: str, doc: Doc) -> bool:
    """Whether the opening's day may stand for the event's: the event lies outside the
    sentence of that day (there the clauses already said which events it dates), and
    outside a clause that describes a noun ("the man who attacked the guard" is
    background to the report, not its news)."""
    time = next((t for t in doc._.ng_times or [] if t["id"] == time_id), None)
    sentence = record.get("sentence") or {}
    if time is None or sentence.get("start", 0) <= time["start"] < sentence.get("end", 0):
        return False
    span = doc.char_span(record["trigger"]["start"], record["trigger"]["end"], "expand")
    if span is None:
        return True
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.dep_ in NOUN_CLAUSES:
            return False
        if token.head.i == token.i:
            break
        token = token.head
    return True


def _day(value: str) -> date | None:
    match = _DAY.match(value)
    if match is None:
        return None
    try:
        return date.fromisoformat(match[0])
    except ValueError:
        return None


def date_events(records: list[dict[str, Any]], document: DocumentDate) -> None:
    """Set ``time_source`` on each record (in text order) and, for current news without a
    time of its own, point ``time`` at the day of an earlier event of its type, else at
    the recent day the report's opening names, else at the document date. An event dated
    by a week is dated by the week's month."""
    times = {t["id"]: t for t in document.doc._.ng_times or []}
    day_of_type: dict[str, str] = {}  # type -> time id of the latest event dated to a day
    opening = opening_day(document.doc)
    for record in records:
        if record["time"] is not None:
            record["time"] = document.with_year(document.month_of(record["time"]))
            record["time_source"] = "text"
            if times.get(record["time"], {}).get("precision") == "day":
                day_of_type[record["type"]] = record["time"]
            continue
        record["time_source"] = None
        if record["modality"] not in CURRENT_MODALITIES:
            continue
        if record["type"] in day_of_type:
            record["time"], record["time_source"] = day_of_type[record["type"]], "context"
        elif opening is not None and _reported(record, opening, document.doc):
            record["time"], record["time_source"] = opening, "context"
        else:
            record["time"] = document.time_id()
            record["time_source"] = "document" if record["time"] is not None else None
