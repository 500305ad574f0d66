"""Shared fixtures: one spaCy pipeline per session, a real DuckDB fixture store of the demo
corpus, and a store of hand-made event records with known answers (``events_db``,
``events_client``) for the events API, export, event page and browser tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.clean import content_hash
from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import load_pipeline
from newsgraph.store import Store, ingest
from newsgraph.types import CleanDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
DATA = Path(__file__).parent / "data"

# Articles written to attack the dashboard: markup and script in every text field.
HOSTILE = [
    {
        "id": "hostile-1",
        "title": '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">',
        "text": (
            "Officials in Paris said on Monday that <script>window.__pwned = 3</script> the "
            'talks with <b onmouseover="window.__pwned=4">Germany</b> would resume. '
            "Emmanuel Macron met Olaf Scholz in Berlin."
        ),
        "url": "javascript:window.__pwned=5",
        "published": "2023-05-02",
        "source": {"name": "<i>Evil</i> Outlet", "domain": "evil.test"},
    }
]


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (shared evaluation data is not on this machine)")
    return path


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def nlp(config: Config):
    return load_pipeline(config.model)


@pytest.fixture(scope="session")
def hostile_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory, config: Config, nlp, hostile_jsonl):
    """The demo corpus plus hostile articles, ingested for real into a DuckDB file."""
    db = tmp_path_factory.mktemp("store") / "fixture.duckdb"
    with Store(db) as store:
        inputs = iter_inputs([str(corpus_dir()), str(hostile_jsonl)], max_bytes=config.max_bytes)
        summary = ingest(inputs, store=store, config=config, nlp=nlp)
    assert summary.failed == 0, summary
    return db


@pytest.fixture(scope="session")
def client(fixture_db: Path):
    app = create_app(fixture_db)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


# ---------------------------------------------------------------- hand-made events store


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
