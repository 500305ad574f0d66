"""Where events happen: the place tied to the trigger, its clause's place, and the
document's place when the sentence names none (newsgraph/extract/events/context.py and
placing.py). Invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.extract.events.placing import document_place
from newsgraph.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


def _event(nlp, text: str, trigger: str) -> tuple[dict, dict[str, str]]:
    doc = nlp(text)
    places = {p["id"]: p["text"] for p in doc._.ng_places}
    # An event is found by any of its mentions: "bombing killed" is one event.
    found = [
        e
        for e in doc._.ng_events
        if trigger in [e["trigger"]["text"], *(m["trigger"]["text"] for m in e["mentions"])]
    ]
    assert found, [e["trigger"]["text"] for e in doc._.ng_events]
    return found[0], places


def test_locative_phrase_of_the_object_places_the_event(nlp):
    event, places = _event(nlp, "Militants attacked the British embassy in Tripoli.", "attacked")
    assert [places[p] for p in event["places"]] == ["Tripoli"]
    assert places[event["place"]] == "Tripoli" and event["place_source"] == "text"


def test_place_naming_an_event_noun_places_it(nlp):
    event, places = _event(nlp, "The Kabul bombing killed twelve people.", "bombing")
    assert [places[p] for p in event["places"]] == ["Kabul"]
    assert event["place_source"] == "text"


def test_coordinated_verb_shares_the_setting(nlp):
    text = "Prosecutors opened an inquiry in Zurich on Monday and charged Peter Hansen with fraud."
    event, places = _event(nlp, text, "charged")
    assert [places[p] for p in event["places"]] == ["Zurich"]
    assert event["place_source"] == "text"


def test_place_of_another_clause_gives_way_to_the_dateline(nlp):
    text = (
        "MARSEILLE, France (AP) - French police arrested two men who had lived in Lyon for years."
    )
    event, places = _event(nlp, text, "arrested")
    assert places[event["place"]] == "MARSEILLE"
    assert event["place_source"] == "document"


def test_participant_is_not_the_place(nlp):
    text = (
        "Ministers met in Vilnius on Monday. Vilnius hosted the talks again. "
        "Later Poland condemned Russia."
    )
    event, places = _event(nlp, text, "condemned")
    assert places[event["place"]] == "Vilnius" and event["place_source"] == "document"


def test_event_without_a_place_takes_the_most_named_one(nlp):
    text = (
        "Heavy rain flooded streets in Ballina on Monday. Ballina residents cleared the mud. "
        "The council agreed to repair the roads."
    )
    event, places = _event(nlp, text, "agreed")
    assert places[event["place"]] == "Ballina" and event["place_source"] == "document"


def test_sentence_place_of_the_trigger_clause_is_kept(nlp):
    event, places = _event(nlp, "Protesters in Paris condemned the decision.", "condemned")
    assert places[event["place"]] == "Paris" and event["place_source"] == "sentence"


def test_document_place_prefers_the_dateline():
    text = "SEOUL, South Korea - The court ruled. Busan and Busan and Busan."
    places = [
        {"id": "P1", "text": "SEOUL", "name": "Seoul", "start": 0, "end": 5},
        {"id": "P2", "text": "South Korea", "name": "South Korea", "start": 7, "end": 18},
        {"id": "P3", "text": "Busan", "name": "Busan", "start": 37, "end": 42},
        {"id": "P4", "text": "Busan", "name": "Busan", "start": 47, "end": 52},
    ]
    assert document_place(text, places) == "P1"
    assert document_place(text, places[1:]) == "P3"  # no dateline: the most-named place
    assert document_place(text, []) is None
