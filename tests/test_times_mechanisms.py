"""Time expressions: the mechanisms added for the second corpus (issue #18), each tested on
invented sentences."""

from __future__ import annotations

from datetime import date

from newsgraph.extract.times.normalise import normalise
from newsgraph.extract.times.surroundings import not_a_time
from newsgraph.extract.times.values import NEAREST, PAST, TimeContext


def times_of(nlp, text: str, published: str | None) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.ng_published = published
    return [t for t in nlp(doc)._.ng_times if t.get("source") is None]


def texts_of(nlp, text: str, published: str = "2024-05-02") -> list[str]:
    return [t["text"] for t in times_of(nlp, text, published)]


def value(text: str, anchor: date | None, direction: str = NEAREST) -> str | None:
    found = normalise(text, TimeContext(anchor=anchor, direction=direction))
    assert found is not None, text
    return found.value


# ---------------------------------------------------------------- not a time


def test_counts_of_units_apart_are_gaps_not_times(nlp):
    text = "The two trains left minutes apart and arrived three hours later than planned."
    found = texts_of(nlp, text)
    assert not any("minutes" in t for t in found)
    assert any("three hours" in t for t in found)


def test_fractions_of_a_thing_are_not_quarters():
    text = "The port handles three-quarters of the grain and a quarter of its oil."
    for phrase in ("three-quarters", "a quarter"):
        start = text.index(phrase)
        assert not_a_time(text, start, start + len(phrase)), phrase
    # a quarter of a time, and quarters of something undetermined, are still times
    text = "It took a quarter of a century, after several quarters of losses."
    for phrase in ("a quarter", "several quarters"):
        start = text.index(phrase)
        assert not not_a_time(text, start, start + len(phrase)), phrase


def test_quoted_titles_with_capitalised_units_are_names(nlp):
    text = 'The senator said on the show "Sixty Hours" that he met the envoy this week.'
    found = texts_of(nlp, text)
    assert "Sixty Hours" not in found
    assert "this week" in found
    start = text.index("Sixty")
    assert not_a_time(text, start, start + len("Sixty Hours"))
    # the same words, not a title: a length of time
    plain = "He spent sixty hours there."
    start = plain.index("sixty")
    assert not not_a_time(plain, start, start + len("sixty hours"))


def test_second_as_an_ordinal_is_not_a_length(nlp):
    text = "A second convoy reached the town, and the crew rested for a second before leaving."
    found = texts_of(nlp, text)
    assert "A second" not in found


def test_part_of_a_day_named_after_it_has_no_day_of_its_own(nlp):
    text = "The guard was hurt on the night of the blast, and the convoy left on Tuesday."
    found = texts_of(nlp, text)
    assert not any("night" in t for t in found)
    assert "Tuesday" in found
    # read alone, a part of day cut before its object is no time either
    assert normalise("the night of", TimeContext(date(2024, 5, 2))) is None
    assert value("the night", date(2024, 5, 2)) == "2024-05-02TNI"


# ---------------------------------------------------------------- durations


def test_unknown_counts_of_decades_and_centuries_are_written_in_years():
    anchor = date(2024, 5, 2)
    assert value("decades", anchor) == "PXY"
    assert value("centuries", anchor) == "PXY"
    assert value("two decades", anchor) == "P20Y"  # a known count, as before
    assert value("several quarters", anchor) == "PXM"


def test_lengths_said_with_long_are_durations(nlp):
    text = "After a day-long hearing and a decades-long feud, the two sides signed."
    found = {t["text"]: t["value"] for t in times_of(nlp, text, "2024-05-02")}
    assert found["day-long"] == "P1D"
    assert any(v == "PXY" for t, v in found.items() if "decades" in t)
    assert value("year-long", date(2024, 5, 2)) == "P1Y"


# ---------------------------------------------------------------- calendar periods


def test_the_week_of_a_date_is_the_week_that_holds_it(nlp):
    text = "The court will hear the case the week of March 6, the clerk said."
    found = {t["text"]: t["value"] for t in times_of(nlp, text, "2000-02-24")}
    assert found.get("the week of March 6") == "2000-W10"
    assert value("the month of March", date(2000, 2, 24), PAST) == "2000-03"
    assert value("the month of March", None) == "XXXX-03"
    assert normalise("the week of the vote", TimeContext(date(2000, 2, 24))) is None


def test_years_with_pre_and_post_are_found(nlp):
    text = "Prices are back at pre-2008 levels, and post-1990 rules still apply."
    found = {t["text"]: t["value"] for t in times_of(nlp, text, "2024-05-02")}
    assert found.get("pre-2008") == "2008"
    assert found.get("post-1990") == "1990"


# ---------------------------------------------------------------- times of day


def test_an_hour_with_its_part_of_day_is_a_clock_time(nlp):
    anchor = date(2024, 5, 2)
    assert value("4 in the morning", anchor) == "2024-05-02T04:00"
    assert value("8 o'clock in the evening", anchor) == "2024-05-02T20:00"
    text = "The ferry left at 5 in the afternoon, an hour late."
    found = [(t["text"], t["value"]) for t in times_of(nlp, text, "2024-05-02")]
    assert ("5 in the afternoon", "2024-05-02T17:00") in found


# ---------------------------------------------------------------- sets


def test_frequency_words_are_sets_unless_they_make_a_rate(nlp):
    text = (
        "Supporters have marched almost daily since March, and the mayor gives a weekly "
        "speech. Sales should rise 6% annually, and the plant makes 400 cars monthly."
    )
    found = {t["text"]: (t["value"], t["type"]) for t in times_of(nlp, text, "2024-05-02")}
    assert found["daily"] == ("P1D", "SET")
    assert found["weekly"] == ("P1W", "SET")
    assert "annually" not in found and "monthly" not in found


def test_a_day_written_before_its_month_is_part_of_the_date(nlp):
    text = "Refugee camp bombed 11 November 2011. The governor signed the order on 2nd Oct 2017."
    found = {t["text"]: t["value"] for t in times_of(nlp, text, None)}
    assert found.get("11 November 2011") == "2011-11-11"
    assert found.get("2nd Oct 2017") == "2017-10-02"
    assert not any("300" in t for t in texts_of(nlp, "About 300 March marchers came."))
