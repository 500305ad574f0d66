"""The events API over a store of hand-made records (known answers for every filter)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.clean import content_hash
from newsgraph.server.app import create_app
from newsgraph.store import Store
from newsgraph.types import CleanDocument


def make_record(
    number: int,
    *,
    event_type: str,
    modality: str,
    day: str,
    place: tuple,
    actor: tuple,
    target: tuple,
    source_type: str | None,
    outlet: str,
) -> dict:
    text = f"Story {number}: {actor[0]} and {target[0]} in {place[0]}."
    record = {
        "id": f"art-{number}",
        "text": text,
        "title": f"Story {number}",
        "published": day,
        "source": {"name": outlet, "domain": f"{outlet}.test"},
        "entities": [],
        "actors": [
            {
                "id": "A1",
                "name": actor[0],
                "kind": "state",
                "country": actor[1],
                "sector": "GOV",
                "roles": [],
                "affiliations": [],
                "mentions": [],
                "spans": [],
            },
            {
                "id": "A2",
                "name": target[0],
                "kind": "state",
                "country": target[1],
                "sector": "GOV",
                "roles": [],
                "affiliations": [],
                "mentions": [],
                "spans": [],
            },
        ],
        "places": [
            {
                "id": "P1",
                "text": place[0],
                "start": 0,
                "end": 1,
                "name": place[0],
                "country": place[1],
                "lat": place[2],
                "lon": place[3],
                "geonameid": None,
                "feature": "PPL",
                "precision": "city",
            }
        ],
        "times": [],
        "events": [
            {
                "id": "V1",
                "type": event_type,
                "mode": None,
                "modality": modality,
                "trigger": {"text": "met", "start": 0, "end": 3},
                "sentence": {"start": 0, "end": len(text)},
                "actors": ["A1"],
                "targets": ["A2"],
                "place": "P1",
                "time": None,
                "attribution": "Q1" if source_type else None,
                "confidence": 0.9,
            }
        ],
        "attributions": [
            {
                "id": "Q1",
                "source": {"text": "officials", "start": 0, "end": 1},
                "source_actor": None,
                "source_type": source_type,
                "cue": {"text": "said", "start": 0, "end": 1},
                "content": {"start": 0, "end": 2},
                "direct": False,
                "hedges": [],
                "via": None,
            }
        ]
        if source_type
        else [],
    }
    return record


RECORDS = [
    make_record(
        1,
        event_type="CONSULT",
        modality="asserted",
        day="2023-02-01",
        place=("Ankara", "TUR", 39.93, 32.86),
        actor=("Turkey", "TUR"),
        target=("Greece", "GRC"),
        source_type="named_person",
        outlet="wire",
    ),
    make_record(
        2,
        event_type="THREATEN",
        modality="future",
        day="2023-02-03",
        place=("Doha", "QAT", 25.29, 51.53),
        actor=("Israel", "ISR"),
        target=("Hamas", None),
        source_type="unnamed",
        outlet="herald",
    ),
    make_record(
        3,
        event_type="CONSULT",
        modality="negated",
        day="2023-02-10",
        place=("Paris", "FRA", 48.85, 2.35),
        actor=("France", "FRA"),
        target=("Germany", "DEU"),
        source_type=None,
        outlet="wire",
    ),
    make_record(
        4,
        event_type="ASSAULT",
        modality="asserted",
        day="2023-03-05",
        place=("Kyiv", "UKR", 50.45, 30.52),
        actor=("Russia", "RUS"),
        target=("Ukraine", "UKR"),
        source_type="media",
        outlet="herald",
    ),
    make_record(
        5,
        event_type="CONSULT",
        modality="asserted",
        day="2023-03-06",
        place=("Ankara", "TUR", 39.93, 32.86),
        actor=("Turkey", "TUR"),
        target=("Greece", "GRC"),
        source_type="named_person",
        outlet="monitor",
    ),
]


RECORDS[3]["events"][0]["category"] = "AIR_STRIKE"


@pytest.fixture(scope="module")
def events_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("events") / "events.duckdb"
    with Store(db) as store, store.transaction() as con:
        for record in RECORDS:
            document = CleanDocument(
                id=record["id"],
                ref=record["id"],
                text=record["text"],
                content_hash=content_hash(record["text"]),
            )
            store.add(con, document, record)
        for article_id in ("art-2", "art-4"):
            con.execute(
                "INSERT INTO story_members (story_id, article_id) VALUES (?, ?)",
                ["S-herald", article_id],
            )
    return db


@pytest.fixture(scope="module")
def events_client(events_db):
    app = create_app(events_db)
    with TestClient(app) as client:
        yield client
    app.state.store.close()


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
        ({"country": "Turkey"}, "alpha-3"),
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
    edges = events_client.get("/api/network").json()["edges"]
    assert edges[0] == {"source": "Turkey", "target": "Greece", "weight": 2}
    quotes = events_client.get("/api/attributions", params={"source_type": "unnamed"}).json()
    assert quotes["total"] == 1 and quotes["items"][0]["article_id"] == "art-2"
