"""The events API over a store of hand-made records (known answers for every filter).

The records and the ``events_db`` / ``events_client`` fixtures live in ``conftest.py``:
the export, event page and browser tests use the same store."""

from __future__ import annotations

import pytest


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["article_id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["art-5", "art-4", "art-3", "art-2", "art-1"]),
        ({"sort": "date"}, ["art-1", "art-2", "art-3", "art-4", "art-5"]),
        ({"type": "consult"}, ["art-5", "art-3", "art-1"]),
        ({"type": "CONSULT,ASSAULT", "modality": "asserted"}, ["art-5", "art-4", "art-1"]),
        ({"since": "2023-02-02", "until": "2023-03-05"}, ["art-4", "art-3", "art-2"]),
        ({"actor": "turk"}, ["art-5", "art-1"]),
        ({"actor": "Hamas"}, ["art-2"]),
        ({"country": "UKR"}, ["art-4"]),
        ({"country": "ukr"}, ["art-4"]),
        ({"country": "Ukraine"}, ["art-4"]),
        ({"country": "Ukrainian"}, ["art-4"]),
        ({"modality": "NEGATED"}, ["art-3"]),
        ({"category": "violence"}, ["art-4"]),
        ({"category": "air_strike"}, ["art-4"]),
        ({"category": "none"}, ["art-5", "art-3", "art-2", "art-1"]),
        ({"exclude_category": "violence"}, ["art-5", "art-3", "art-2", "art-1"]),
        ({"exclude_category": "disaster"}, ["art-5", "art-4", "art-3", "art-2", "art-1"]),
        ({"min_confidence": "0.95"}, []),
        ({"named_only": "1"}, ["art-5", "art-1"]),
        ({"exclude_hedged": "1"}, ["art-5", "art-4", "art-3", "art-1"]),
        ({"place": "ankara"}, ["art-5", "art-1"]),
        ({"precision": "city"}, ["art-5", "art-4", "art-3", "art-2", "art-1"]),
        ({"precision": "country"}, []),
        ({"country": "QAT"}, ["art-2"]),
        ({"bbox": "25,35,45,55"}, ["art-5", "art-4", "art-1"]),
        ({"source_type": "named_person"}, ["art-5", "art-1"]),
        ({"source_type": "none"}, ["art-3"]),
        ({"outlet": "herald.test"}, ["art-4", "art-2"]),
        ({"story": "S-herald"}, ["art-4", "art-2"]),
        ({"story": "S-nothing"}, []),
    ],
)
def test_event_filters(events_client, params, expected):
    assert ids(events_client.get("/api/events", params=params)) == expected


def test_event_cursor_pagination(events_client):
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = events_client.get("/api/events", params=params).json()
        seen += [i["article_id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["art-5", "art-4", "art-3", "art-2", "art-1"]
    item = events_client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert item["actors"] == [{"id": "A1", "name": "Turkey"}]
    assert item["place"]["name"] == "Ankara" and item["article"]["outlet"] == "monitor"


@pytest.mark.parametrize(
    "params, message",
    [
        ({"type": "MEET"}, "unknown event type"),
        ({"country": "Atlantis"}, "alpha-3"),
        ({"category": "weather"}, "unknown category"),
        ({"min_confidence": "high"}, "from 0 to 1"),
        ({"precision": "street"}, "unknown precision"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "10,0,5,1"}, "minimum exceeds"),
        ({"source_type": "rumour"}, "source_type must be one of"),
        ({"since": "2023-05-01", "until": "2023-01-01"}, "after"),
        ({"cursor": "garbage"}, "cursor"),
    ],
)
def test_event_filter_errors(events_client, params, message):
    response = events_client.get("/api/events", params=params)
    assert response.status_code == 400 and message in response.json()["error"]
    assert events_client.get("/api/events", params={"modality": "maybe"}).status_code == 400


def test_stats_actors_places_network_attributions(events_client):
    months = events_client.get("/api/stats/events", params={"by": "month"}).json()["series"]
    assert months == [{"period": "2023-02-01", "count": 3}, {"period": "2023-03-01", "count": 2}]
    consult = events_client.get(
        "/api/stats/events", params={"by": "month", "type": "CONSULT", "split": "type"}
    )
    assert consult.json()["series"][0] == {"period": "2023-02-01", "count": 2, "type": "CONSULT"}
    actors = events_client.get("/api/actors", params={"country": "TUR"}).json()
    assert actors["items"] == [
        {"name": "Turkey", "kind": "state", "country": "TUR", "sector": "GOV", "articles": 2}
    ]
    places = events_client.get("/api/places").json()["items"]
    assert places[0]["name"] == "Ankara" and places[0]["events"] == 2
    network = events_client.get("/api/network").json()
    first = network["edges"][0]
    assert (first["source"], first["target"], first["weight"]) == ("Turkey", "Greece", 2)
    assert first["types"] == {"CONSULT": 2} and first["source_id"] == "state:TUR:turkey"
    assert "Hamas" in {n["label"] for n in network["nodes"]}
    quotes = events_client.get("/api/attributions", params={"source_type": "unnamed"}).json()
    assert quotes["total"] == 2
    assert [q["article_id"] for q in quotes["items"]] == ["art-2", "art-4"]


def test_event_rows_carry_their_sourcing(events_client):
    items = {i["article_id"]: i for i in events_client.get("/api/events").json()["items"]}
    relayed = items["art-4"]["attribution"]
    assert relayed["source_type"] == "media" and relayed["direct"] is False
    assert relayed["chain"] == [
        {"id": "Q2", "source": "unnamed officials", "source_type": "unnamed"}
    ]
    assert items["art-2"]["hedges"] == ["reportedly"]
    assert items["art-3"]["attribution"] is None
    assert items["art-1"]["place"]["precision"] == "city"
    assert items["art-4"]["category"] == "AIR_STRIKE"
