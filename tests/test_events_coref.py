"""Event coreference: how an event noun refers back, and the headline the opening retells."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.extract.events.coref import merge_mentions
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.pipeline import EVENT_COREF

from conftest import coref_mention


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


def _mentions(nlp, text):
    """Each trigger mention with its ``definite`` mark, before the coref step drops it."""
    with nlp.select_pipes(disable=[EVENT_COREF]):
        doc = nlp(text)
    return {e["trigger"]["text"]: e.get("definite") for e in doc._.ng_events}


def test_the_parse_says_how_an_event_noun_refers_back(nlp):
    found = _mentions(
        nlp,
        "Jets bombed a school in Aleppo on Monday. The army denied the aerial bombing. "
        "Rebels condemned the raid. The senator condemned her attacks on the judge. "
        "Smith's criticism followed.",
    )
    assert found.get("bombed") is None, found
    assert found.get("bombing") == "described", found
    assert found.get("raid") == "bare", found
    assert found.get("attacks") == "bare", found
    assert found.get("criticism") == "possessed", found


def test_a_described_reference_joins_an_event_only_where_it_shares_its_setting():
    """ "the aerial bombing" after "air attack" on the same day names that attack; "the
    Oklahoma City bombing", a different time and no participant in common, does not."""
    times = {"T1": "2024-03-04", "T2": "2024-03-04", "T3": "1995-04-19"}
    attack = coref_mention(
        0, "attack", type="ASSAULT", mode="assault", targets=["A2"], time="T1", time_source="text"
    )
    bombing = coref_mention(
        60,
        "bombing",
        type="ASSAULT",
        mode="assault",
        actors=[],
        targets=[],
        time="T2",
        time_source="text",
        definite="described",
    )
    (merged,) = merge_mentions([attack, bombing], " " * 100, times)
    assert [m["trigger"]["text"] for m in merged["mentions"]] == ["attack", "bombing"]
    other = {**bombing, "time": "T3", "actors": ["A7"]}
    assert len(merge_mentions([attack, other], " " * 100, times)) == 2
    # Agreeing by having no participants, time or place is not enough for a described noun.
    bare_setting = {**bombing, "time": None, "time_source": None}
    undated = {**attack, "time": None, "time_source": None}
    assert len(merge_mentions([undated, bare_setting], " " * 100, times)) == 2


def test_a_named_possessor_must_agree_with_the_actors():
    """ "Smith's criticism" names Smith's earlier criticism, not Jones's."""
    criticized = coref_mention(0, "criticized", type="ACCUSE", mode="criticize", targets=[])
    own = coref_mention(
        80,
        "criticism",
        type="ACCUSE",
        mode="criticize",
        actors=["A1"],
        targets=[],
        definite="possessed",
    )
    (merged,) = merge_mentions([criticized, own], " " * 100, {})
    assert len(merged["mentions"]) == 2
    someone_else = {**own, "actors": ["A5"]}
    assert len(merge_mentions([criticized, someone_else], " " * 100, {})) == 2


def test_the_opening_retells_the_headline():
    """The headline and the opening name the petitioners differently ("Rebels", "the
    rebel alliance"): the same verb of the same type still names one request, and the
    event stands on the opening's mention; a later paragraph's request stays apart."""
    headline = "Rebels ask court to halt vote\n\n"
    opening = (
        "The rebel alliance on Monday asked the Supreme Court to halt the count of the votes "
        "cast in the north."
    )
    later = "\n\nIn May the party asked the court again."
    text = headline + opening + later
    ask = coref_mention(7, "ask", type="REQUEST", mode="request", actors=["A1"], targets=["A2"])
    start = text.index("asked")
    asked = coref_mention(
        start, "asked", type="REQUEST", mode="request", actors=["A3"], targets=["A4"]
    )
    again_at = text.index("asked", start + 1)
    again = coref_mention(
        again_at, "asked", type="REQUEST", mode="request", actors=["A5"], targets=["A4"]
    )
    merged = merge_mentions([ask, asked, again], text, {})
    assert [[m["trigger"]["start"] for m in e["mentions"]] for e in merged] == [
        [7, start],
        [again_at],
    ]
    assert merged[0]["trigger"]["start"] == start
    # Crossed participants are two events, headline or not.
    crossed = {**asked, "actors": ["A2"], "targets": ["A1"]}
    assert len(merge_mentions([ask, crossed], text, {})) == 2


def test_a_light_verbs_object_points_back_at_nothing(nlp):
    text = (
        "Militants attacked Velmora on Saturday. "
        "Velmora launched its offensive against the militants on Saturday."
    )
    assert all(kind is None for kind in _mentions(nlp, text).values()), _mentions(nlp, text)
    assert len([e for e in nlp(text)._.ng_events if e["type"] == "ASSAULT"]) == 2


def test_a_demanded_passive_makes_no_event_of_its_subject(nlp):
    events = nlp("Ostrava's lawyer said the charges against Mr Hale must be dropped.")._.ng_events
    assert "charges" not in [e["trigger"]["text"] for e in events], events
