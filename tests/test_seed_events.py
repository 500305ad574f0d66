"""The reference page (../shared/seed): the events and actors SPEC's "reference input" lists."""

from __future__ import annotations

import pytest

from newsgraph.clean import clean
from newsgraph.config import Config
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import load_pipeline
from newsgraph.types import CleanDocument, RawInput

from conftest import shared_path

pytestmark = pytest.mark.shared_data

REFERENCE = "000_944e2e68a596274f.txt"


def _document(config):
    path = shared_path("seed", REFERENCE)
    raw = next(i for i in iter_inputs([str(path)], max_bytes=config.max_bytes))
    assert isinstance(raw, RawInput)
    document = clean(raw, config)
    assert isinstance(document, CleanDocument)
    return document


@pytest.fixture(scope="module")
def page(config):
    """The page through the rules alone (every trigger mention kept, then merged), so that
    each construction below is checked whatever the eventhood model keeps."""
    nlp = load_pipeline(Config(event_model="none"))
    doc = nlp(_document(config).text)
    actors = {a["id"]: a for a in doc._.ng_actors}
    places = {p["id"]: p["text"] for p in doc._.ng_places or []}
    times = {t["id"]: t["text"] for t in doc._.ng_times or []}
    return doc, doc._.ng_events, actors, places, times


def _actor(actors, name):
    found = [a for a in actors.values() if a["name"] == name]
    assert found, sorted(a["name"] for a in actors.values())
    return found[0]


def _names(ids, actors):
    return {actors[i]["name"] for i in ids}


def test_actors_with_roles_and_affiliations(page):
    _, _, actors, _, _ = page
    aruri = _actor(actors, "Salih al-Aruri")
    assert any("senior figure" in r["title"] for r in aruri["roles"])
    assert [a["name"] for a in aruri["affiliations"]] == ["Hamas"]
    meshaal = _actor(actors, "Khaled Meshaal")
    assert any(r["title"] == "former chief" for r in meshaal["roles"])
    assert [a["name"] for a in meshaal["affiliations"]] == ["Hamas"]
    assert [b["text"] for b in meshaal["based_in"]] == ["Doha"]
    bar = _actor(actors, "Ronen Bar")
    assert any(r["title"] == "head" for r in bar["roles"])
    assert [a["name"] for a in bar["affiliations"]] == ["Shin Bet"]
    assert bar["country"] == "ISR"
    erdogan = _actor(actors, "Recep Tayyip Erdoğan")
    assert erdogan["country"] == "TUR" and erdogan["sector"] == "GOV"
    assert any("president" in r["title"].lower() for r in erdogan["roles"])
    hamas = _actor(actors, "Hamas")
    assert {"group", "movement"} <= {s["text"] for s in hamas["spans"]}


def test_the_meeting_in_turkey_with_participants(page):
    _, events, actors, places, _ = page
    meetings = [
        e
        for e in events
        if e["type"] == "CONSULT"
        and e["actors"]
        and places.get(e["place"]) in {"Turkey", "Istanbul"}
    ]
    assert meetings
    assert any("Hamas" in n for e in meetings for n in _names(e["actors"], actors))


def test_travel_beirut_to_istanbul(page):
    _, events, actors, places, _ = page
    travel = next(e for e in events if e["trigger"]["text"] == "traveled")
    assert travel["type"] == "CONSULT" and travel["modality"] == "asserted"
    assert _names(travel["actors"], actors) == {"Salih al-Aruri"}  # "He" resolved
    assert places[travel["origin"]] == "Beirut"
    assert places[travel["destination"]] == "Istanbul"
    assert "reportedly" in travel["hedges"]
    assert "appears" in {h for e in events for h in e["hedges"]}
    assert [h["text"] for h in travel["hedge_spans"]] == ["reportedly"]


def test_the_shin_bet_chiefs_threat(page):
    _, events, actors, places, times = page
    threat = next(e for e in events if e["trigger"]["text"] == "pursue")
    assert threat["type"] == "THREATEN" and threat["modality"] == "future"
    assert "Israel" in _names(threat["actors"], actors)
    assert any("Hamas" in n for n in _names(threat["targets"], actors))
    assert {"Qatar", "Turkey"} <= {places[p] for p in threat["places"]}
    assert times.get(threat["time"]) == "early December"


def test_erdogans_refusal_and_demand(page):
    _, events, actors, _, _ = page
    turkish_side = {"Turkey", "Recep Tayyip Erdoğan"}
    refusal = next(e for e in events if e["type"] == "REJECT")
    assert _names(refusal["actors"], actors) & turkish_side
    assert "Hamas" in _names(refusal["targets"], actors)
    demand = next(e for e in events if e["type"] == "REQUEST" and e["actors"])
    assert _names(demand["actors"], actors) & turkish_side
    assert "United States" in _names(demand["targets"], actors)


def test_israeli_officials_accusation(page):
    _, events, actors, _, _ = page
    accusation = next(e for e in events if e["type"] == "ACCUSE" and e["actors"])
    assert {actors[i]["country"] for i in accusation["actors"]} == {"ISR"}
    assert "Hamas" in _names(accusation["targets"], actors)


def test_the_page_lists_each_real_event_once(config):
    """With the eventhood model: a coder finds about seven events on this page; every
    mention of the Istanbul meeting is one event, and no mention is listed twice."""
    doc = load_pipeline(Config(event_model="bundled"))(_document(config).text)
    events = doc._.ng_events
    assert 5 <= len(events) <= 10, [(e["type"], e["trigger"]["text"]) for e in events]
    meetings = [e for e in events if e["type"] == "CONSULT" and len(e["mentions"]) > 1]
    assert len(meetings) == 1
    starts = [m["trigger"]["start"] for e in events for m in e["mentions"]]
    assert len(starts) == len(set(starts))
