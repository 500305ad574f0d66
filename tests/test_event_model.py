"""The eventhood model and the standoff events training set."""

from __future__ import annotations

import json

import pytest

from newsgraph.config import Config
from newsgraph.errors import NewsgraphError
from newsgraph.eval.news import read_standoff_gold
from newsgraph.extract.events.eventhood import EventModel, load_event_model, mention_features
from newsgraph.nlp import load_pipeline
from newsgraph.train.standoff import from_standoff, to_standoff

from conftest import ROOT, shared_path

ANNOTATIONS = ROOT / "annotations" / "news_events.jsonl"


def _event(**fields):
    event = {
        "type": "ASSAULT",
        "mode": "attack",
        "modality": "asserted",
        "trigger": {"text": "attacked", "start": 0, "end": 8},
        "actors": [],
        "targets": [],
        "place": None,
        "time_source": None,
        "category": None,
        "hedges": [],
        "confidence": 0.7,
        "depth": 0,
        "attribution": None,
    }
    return event | fields


def test_bundled_model_holds_weights_and_a_threshold():
    model = load_event_model("bundled")
    assert model is not None and 0.0 < model.threshold < 1.0
    assert model.about["texts"] >= 30 and "fold_f1_by_threshold" in model.about
    assert load_event_model("none") is None


def test_the_model_keeps_what_scores_above_its_threshold():
    liked = _event(actors=["A1"])
    disliked = _event(trigger={"text": "struck", "start": 20, "end": 26})
    actors = {"A1": {"id": "A1", "kind": "state"}}
    model = EventModel({"actors.kind=state": 4.0, "bias": -2.0}, threshold=0.5)
    assert model.keep([liked, disliked], list(actors.values()), []) == [liked]
    assert "actors.kind=state" in mention_features(liked, actors, {})


def test_an_unreadable_model_file_is_a_clear_error(tmp_path):
    broken = tmp_path / "model.json"
    broken.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(NewsgraphError, match="Cannot read the event model"):
        load_event_model(str(broken))
    with pytest.raises(NewsgraphError, match="Cannot read the event model"):
        load_event_model(str(tmp_path / "missing.json"))


def test_the_model_only_removes_mentions():
    text = "Protesters marched in the capital. Police arrested ten protesters on Monday."
    every = load_pipeline(Config(event_model="none"))(text)._.ng_events
    kept = load_pipeline(Config(event_model="bundled"))(text)._.ng_events
    assert len(kept) <= len(every)
    triggers = {m["trigger"]["start"] for e in every for m in e["mentions"]}
    assert {m["trigger"]["start"] for e in kept for m in e["mentions"]} <= triggers


def test_standoff_round_trip_keeps_every_quote():
    text = "The army shelled Kharkiv on Monday, officials said. The shelling killed two."
    annotation = {
        "id": "gwn:1",
        "published": None,
        "events": [
            {
                "type": "ASSAULT",
                "modality": "asserted",
                "mentions": [
                    {"quote": "The army shelled Kharkiv on Monday", "trigger": "shelled"},
                    {"quote": "The shelling killed two.", "trigger": "shelling"},
                ],
                "actor": ["The army"],
                "target": ["a resolved name not in the text"],
                "place": "Kharkiv",
                "place_country": "UKR",
                "date": None,
                "source": "officials",
            }
        ],
        "actors": [{"name": "The army", "kind": "organization", "mentions": ["The army"]}],
        "attributions": [],
    }
    standoff = to_standoff(annotation, text)
    assert "The army" not in json.dumps(standoff)  # offsets, not text
    assert standoff["events"][0]["mentions"][1]["trigger"] == [56, 64]


@pytest.mark.shared_data
def test_the_training_annotations_resolve_on_the_shared_texts():
    texts = shared_path("data")
    articles = read_standoff_gold(ANNOTATIONS, texts)
    assert len(articles) >= 30
    for article in articles:
        for event in article["events"]:
            for mention in event["mentions"]:
                assert mention["trigger"] and mention["trigger"] in mention["quote"]
                assert mention["quote"] in article["text"]
    line = json.loads(ANNOTATIONS.read_text().splitlines()[0])
    assert from_standoff(line, texts)["text"]
