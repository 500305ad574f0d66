"""Time expressions: TIMEX3 normalisation, spans, the seed page and the TimeBank floor."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.eval.time import evaluate_time, read_timeml
from newsgraph.extract.times import timex
from newsgraph.extract.times.component import time_id_at
from newsgraph.extract.times.normalise import normalise
from newsgraph.extract.times.values import FUTURE, NEAREST, PAST, TimeContext

from conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())


def value(text: str, anchor: date | None, direction: str = NEAREST) -> str | None:
    found = normalise(text, TimeContext(anchor=anchor, direction=direction))
    assert found is not None, text
    return found.value


def times_of(nlp, text: str, published: str | None) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.ng_published = published
    return nlp(doc)._.ng_times


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("anchor", "weekday", "direction", "expected"),
    [
        (date(2024, 1, 2), "Friday", PAST, "2023-12-29"),  # back across a year boundary
        (date(2023, 12, 29), "Tuesday", FUTURE, "2024-01-02"),  # forward across it
        (date(2024, 3, 1), "Thursday", PAST, "2024-02-29"),  # leap day, across a month
        (date(2023, 6, 9), "Friday", PAST, "2023-06-09"),  # the report's own day
        (date(2023, 6, 9), "Friday", FUTURE, "2023-06-16"),  # "will ... Friday" is next week
        (date(2023, 6, 7), "last Monday", NEAREST, "2023-06-05"),
    ],
)
def test_weekdays_follow_the_tense(anchor, weekday, direction, expected):
    assert value(weekday, anchor, direction) == expected


def test_relative_expressions():
    anchor = date(2023, 12, 6)  # a Wednesday in ISO week 49
    assert value("last week", anchor) == "2023-W48"
    assert value("this week", anchor) == "2023-W49"
    assert value("two days ago", anchor) == "2023-12-04"
    assert value("yesterday", anchor) == "2023-12-05"
    assert value("tomorrow", date(2023, 12, 31)) == "2024-01-01"
    assert value("next month", anchor) == "2024-01"
    assert value("last month", date(2024, 1, 15)) == "2023-12"
    assert value("this year", anchor) == "2023"
    assert value("three weeks ago", date(2024, 1, 10)) == "2023-W51"


def test_parts_of_periods_are_ranges():
    anchor = date(2023, 12, 14)
    found = normalise("early December", TimeContext(anchor, PAST))
    assert found is not None
    assert (found.value, found.precision, found.resolved) == (
        "2023-12-01/2023-12-10",
        "part-of-month",
        True,
    )
    assert found.mod == "START" and found.timeml == "2023-12"
    assert value("mid-December", anchor) == "2023-12-11/2023-12-20"
    assert value("early February", date(2024, 3, 5), PAST) == "2024-02-01/2024-02-10"
    assert value("late February", date(2024, 3, 5), PAST) == "2024-02-21/2024-02-29"
    assert value("mid-2023", anchor) == "2023-05/2023-08"
    assert value("late last year", anchor) == "2022-09/2022-12"
    assert value("the early 1990s", anchor) == "1990/1992"


def test_months_and_dates_without_a_year_take_the_tense():
    anchor = date(2024, 1, 20)
    assert value("December", anchor, PAST) == "2023-12"
    assert value("March", anchor, FUTURE) == "2024-03"
    assert value("December 4", anchor, PAST) == "2023-12-04"
    assert value("Oct. 15, 1999", anchor) == "1999-10-15"


def test_other_forms_and_precision():
    anchor = date(2023, 12, 6)
    cases = {
        "the 1990s": ("199X", "decade"),
        "three years": ("P3Y", "duration"),
        "2 1/2 years": ("P2Y6M", "duration"),
        "several months": ("PXM", "duration"),
        "now": ("PRESENT_REF", "reference"),
        "currently": ("PRESENT_REF", "reference"),
        "recently": ("PAST_REF", "reference"),
        "the past": ("PAST_REF", "reference"),
        "every week": ("P1W", "set"),
        "the third quarter": ("2023-Q3", "quarter"),
        "December": ("2023-12", "month"),
        "2019": ("2019", "year"),
        "this morning": ("2023-12-06TMO", "part-of-day"),
    }
    for text, expected in cases.items():
        found = normalise(text, TimeContext(anchor, PAST))
        assert found is not None, text
        assert (found.value, found.precision) == expected, text


def test_without_an_anchor_nothing_is_invented():
    no_anchor = TimeContext(anchor=None)
    december = normalise("December", no_anchor)
    assert december is not None and december.value == "XXXX-12" and not december.resolved
    part = normalise("early December", no_anchor)
    assert part is not None and part.value == "XXXX-12-01/XXXX-12-10" and not part.resolved
    tuesday = normalise("Tuesday", no_anchor)
    assert tuesday is not None and tuesday.value == "XXXX-WXX-2" and not tuesday.resolved
    last_week = normalise("last week", no_anchor)
    assert last_week is not None and last_week.value is None and not last_week.resolved
    # Absolute forms need no anchor.
    absolute = normalise("March 3, 2021", no_anchor)
    assert absolute is not None and absolute.value == "2021-03-03" and absolute.resolved


def test_week_arithmetic_across_years():
    assert timex.week_of(date(2021, 1, 1)).value == "2020-W53"
    assert timex.shift(timex.week_of(date(2024, 1, 3)), -1).value == "2023-W52"
    assert timex.shift(timex.month(2023, 12), 1).value == "2024-01"


# ---------------------------------------------------------------- the component


TEXT = (
    "The minister said on Tuesday that talks had collapsed last week. "
    "Two days ago, officials met in Ankara; they will meet again next month. "
    "Prices rose in 2019 and have fallen since the 1990s, analysts currently say."
)


def test_component_spans_and_offsets(nlp):
    times = times_of(nlp, TEXT, "2023-12-07")
    by_text = {t["text"]: t for t in times}
    assert by_text["Tuesday"]["value"] == "2023-12-05"
    assert by_text["last week"]["value"] == "2023-W48"
    assert by_text["Two days ago"]["value"] == "2023-12-05"
    assert by_text["next month"]["value"] == "2024-01"
    assert by_text["2019"]["value"] == "2019"
    assert by_text["the 1990s"]["value"] == "199X"
    assert by_text["currently"]["value"] == "PRESENT_REF"
    assert [t["id"] for t in times] == [f"T{n}" for n in range(1, len(times) + 1)]
    assert [t["start"] for t in times] == sorted(t["start"] for t in times)
    for t in times:
        assert TEXT[t["start"] : t["end"]] == t["text"]
        assert set(t) >= {"id", "text", "start", "end", "value", "precision", "resolved"}
    start = TEXT.index("Tuesday")
    assert time_id_at(nlp(TEXT), start, start + 3) is not None
    assert time_id_at(nlp(TEXT), 0, 3) is None


def test_component_without_a_date_leaves_relative_times_unresolved(nlp):
    times = times_of(nlp, TEXT, None)
    by_text = {t["text"]: t for t in times}
    assert by_text["last week"]["resolved"] is False and by_text["last week"]["value"] is None
    assert by_text["Tuesday"]["value"] == "XXXX-WXX-2"
    assert by_text["2019"]["resolved"] is True


@pytest.mark.shared_data
def test_seed_early_december(nlp):
    text = shared_path("seed", "000_944e2e68a596274f.txt").read_text(encoding="utf-8")
    undated = [t for t in times_of(nlp, text, None) if t["text"] == "early December"]
    assert undated and all(not t["resolved"] for t in undated)
    assert all(t["value"] is None or t["value"].startswith("XXXX") for t in undated)
    dated = [t for t in times_of(nlp, text, "2024-01-15") if t["text"] == "early December"]
    assert dated and dated[0]["resolved"]
    assert dated[0]["value"] == "2023-12-01/2023-12-10"


# ---------------------------------------------------------------- evaluation


def test_timeml_reader_offsets(tmp_path):
    (tmp_path / "d.tml").write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">'
        '19980108</TIMEX3></DCT><TEXT>Talks ended <TIMEX3 tid="t1" type="DATE" '
        'value="1998-01-06">Tuesday</TIMEX3> after <EVENT eid="e1">two</EVENT> <TIMEX3 '
        'tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    document = read_timeml(tmp_path / "d.tml")
    assert document.dct == "1998-01-08"
    assert [g.value for g in document.times] == ["1998-01-06", "P3D"]
    for g in document.times:
        assert document.text[g.start : g.end] == g.text


@pytest.mark.shared_data
def test_timebank_value_f1_meets_the_floor(config, nlp):
    folder = shared_path("data", "time", "timebank")
    # A deterministic subset keeps the suite fast; the CLI scores all 183 documents.
    result = evaluate_time(folder, config=config, limit=60, nlp=nlp)
    assert result["value_f1"] >= FLOORS["time_value_f1"], result


# One phrase or more for every rule pattern, in the spellings that stretch its needles:
# other letter case, tabs and line breaks between words, digits before "a.m.".
_RULE_PHRASES = [
    "He left last Tuesday.",
    "TODAY and late Yesterday morning",
    "this\tafternoon",
    "early next year, later this month, this summer",
    "TWO  DAYS\nAGO, a year earlier, three weeks from now",
    "since 1990 and in fiscal 1989",
    "the mid-1990s and the '80s",
    "early December 2023, on March 5",
    "currently, recently, right\nnow, in the past",
    "at 5PM EST Nov. 9, 11:30 a.m., noon Thursday, 7\tpm",
    "over a week, three-year, two hours",
    "mid-afternoon yesterday, evening Friday",
    "THE NINETIES",
    "last night, yesterday morning",
    "each Thursday, every July, every two weeks",
    "July last year",
    "the year-ago quarter, the latest period",
    "nineteen ninety-six, the year two thousand",
    "last Thanksgiving, New Year’s Day 1999",
    "later that year, the next day",
    "on Aug. 7 and Sept 30, 1998",
]


@pytest.mark.parametrize("text", _RULE_PHRASES)
def test_rules_are_skipped_only_when_they_cannot_match(text):
    # A rule runs only when one of its needles is in the text; this must never hide a
    # match: every span a rule's pattern finds passes its own needle test.
    from newsgraph.extract.times.spans import _rule_patterns

    matched = 0
    for rule in _rule_patterns():
        for m in rule.pattern.finditer(text):
            matched += 1
            assert rule.may_match(m.group(0), m.group(0).casefold()), (rule.pattern, m.group(0))
    assert matched


_ASCII_ALIKE_FILLER = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x20, 0x7F)]
        + list("\t\n\r\u2018\u2019\u201c\u201d\u2013\u2014\u2026")
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_RULE_PHRASES), _ASCII_ALIKE_FILLER), max_size=4))
def test_ascii_matching_finds_what_unicode_matching_finds_in_ascii_alike_text(pieces):
    # Text with no non-ASCII character but typographic quotes and dashes is scanned with
    # ASCII semantics; the spans must be the ones the Unicode patterns find.
    from newsgraph.extract.times.spans import _ASCII_ALIKE, _rule_patterns

    text = "".join(filler + phrase for phrase, filler in pieces)
    assert _ASCII_ALIKE.fullmatch(text)
    for rule in _rule_patterns():
        unicode_spans = [m.span() for m in rule.pattern.finditer(text)]
        assert [m.span() for m in rule.ascii_pattern.finditer(text)] == unicode_spans
