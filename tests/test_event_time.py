"""When an event happened: a time from its own clause, else the day of an earlier event of
its kind, else the document's date; durations and vague references date nothing."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.nlp import load_pipeline

from conftest import events_dated


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


def _dated(nlp, text, published="2024-03-07"):
    return events_dated(nlp, text, published)


def _event(events, trigger):
    found = [e for e in events if e["trigger"]["text"] == trigger]
    assert found, [(e["type"], e["trigger"]["text"]) for e in events]
    return found[0]


def _value(event, times):
    return times[event["time"]]["value"] if event["time"] else None


def test_a_time_phrase_the_parser_hangs_elsewhere_in_the_clause_still_counts(nlp):
    events, times = _dated(
        nlp,
        "Two aid workers were kidnapped by men wearing police uniforms near the port in May 2021.",
    )
    event = _event(events, "kidnapped")
    assert event["time_source"] == "text" and _value(event, times) == "2021-05"


def test_a_year_before_a_noun_dates_the_clause(nlp):
    events, times = _dated(nlp, "Ruritania seized the islands in the 1974 war.")
    assert _value(_event(events, "seized"), times) == "1974"


def test_another_clause_keeps_its_own_time(nlp):
    events, times = _dated(
        nlp, "A farmer pleaded guilty on Monday to charges that he attacked a neighbour in June."
    )
    assert _value(_event(events, "attacked"), times) == "2023-06"


def test_the_statement_time_does_not_reach_a_clause_describing_a_noun(nlp):
    events, times = _dated(
        nlp, "Prosecutors said Tuesday that the man who attacked the guard had fled."
    )
    attacked = _event(events, "attacked")
    assert times[attacked["time"]].get("source") == "document"


def test_durations_and_vague_references_do_not_date_an_event(nlp):
    events, times = _dated(nlp, "The ceasefire held hours after rebels shelled the town.")
    shelled = _event(events, "shelled")
    assert shelled["time_source"] == "document" and _value(shelled, times) == "2024-03-07"


def test_a_house_number_is_not_a_year(nlp):
    events, times = _dated(nlp, "Officers arrested a woman of 1450 Harbor Road on Tuesday.")
    assert _value(_event(events, "arrested"), times) == "2024-03-05"
    assert not any(t["text"] == "1450" for t in times.values())


def test_later_events_of_the_same_kind_take_the_day_the_report_opened_with(nlp):
    events, times = _dated(
        nlp,
        "Police arrested four people on Tuesday in a fraud inquiry. "
        "Officers also arrested a clerk at the bank. "
        "The mayor praised the volunteers.",
    )
    clerk = [e for e in events if e["trigger"]["text"] == "arrested"][1]
    assert clerk["time_source"] == "context" and _value(clerk, times) == "2024-03-05"
    # Another kind of event of the same report: the day its opening named.
    praise = _event(events, "praised")
    assert praise["time_source"] == "context" and _value(praise, times) == "2024-03-05"


def test_only_a_recent_day_of_the_opening_stands_for_the_report(nlp):
    text = (
        "The strike began on February 12 at the docks. The mayor praised the volunteers. "
        "Police arrested two pickets."
    )
    events, times = _dated(nlp, text)
    praise = _event(events, "praised")
    assert praise["time_source"] == "document" and _value(praise, times) == "2024-03-07"


def test_an_event_dated_by_a_week_takes_the_month_holding_most_of_it(nlp):
    # Published Thursday 2024-03-07: "last week" is 2024-W09, Monday 26 February to Sunday
    # 3 March, four of its days (and its Thursday) in February.
    events, times = _dated(nlp, "Last week, the governor vetoed a bill on schools.")
    vetoed = _event(events, "vetoed")
    item = times[vetoed["time"]]
    assert item["value"] == "2024-02" and item["precision"] == "month"
    assert item["timeml"] == "2024-W09" and item["text"] == "Last week"
    assert [t["value"] for t in times.values() if t["text"] == "Last week"] == [
        "2024-W09",
        "2024-02",
    ]


def test_verbs_sharing_a_subject_share_the_time_of_their_predicate(nlp):
    events, times = _dated(
        nlp, "The envoys who met with and prayed for the king in late January went home."
    )
    assert _value(_event(events, "met"), times) == "2024-01-21/2024-01-31"


def test_without_a_document_date_a_day_without_its_year_takes_the_latest_year_named(nlp):
    events, times = _dated(
        nlp,
        "The minister was first charged in 2009 and cleared in 2021. "
        "He resigned on March 3 after the vote.",
        published=None,
    )
    item = times[_event(events, "resigned")["time"]]
    assert item["value"] == "2021-03-03" and item["source"] == "year"
    assert item["resolved"] is False  # a reading of the text, not of a document date
