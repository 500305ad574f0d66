"""Shared fixtures and suite rules.

- one spaCy pipeline per session, and a real DuckDB fixture store of the demo corpus;
- a store of hand-made event records with known answers (``events_db``, ``events_client``),
  used by the events API, export, event page and browser tests;
- ``shared_path``: the evaluation data in ../shared. A test that reads it carries the
  ``shared_data`` marker (checked at collection: an unmarked one fails). A missing folder
  skips, unless ``NEWSGRAPH_REQUIRE_SHARED_DATA`` is set (as in CI), where it fails;
- the Hypothesis profile "ci" (fixed examples, no example database), loaded when ``CI`` or
  ``NEWSGRAPH_CI`` is set.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings

from newsgraph.clean import content_hash
from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline import ingest
from newsgraph.server.app import create_app
from newsgraph.store import Store
from newsgraph.types import CleanDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
DATA = Path(__file__).parent / "data"

REQUIRE_SHARED_DATA = "NEWSGRAPH_REQUIRE_SHARED_DATA"
SHARED_DATA_MARKER = "shared_data"


def env_flag(name: str) -> bool:
    """An environment switch: set and not empty, 0, false or no."""
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}


# ---------------------------------------------------------------- Hypothesis

# CI draws the same examples on every run (derived from each test's own code), and no
# example database carries failures over from an earlier run.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)


def hypothesis_profile() -> str:
    return "ci" if env_flag("CI") or env_flag("NEWSGRAPH_CI") else "default"


# Loaded here, before the test modules are imported: a test's own @settings(...) takes
# what it does not set from the profile that is loaded when the decorator runs.
settings.load_profile(hypothesis_profile())


# ---------------------------------------------------------------- shared evaluation data


def events_dated(nlp, text: str, published: str | None):
    """The events and times (by id) of ``text`` analysed as published on ``published``."""
    doc = nlp.make_doc(text)
    doc._.ng_published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc._.ng_events, {t["id"]: t for t in doc._.ng_times}


def event_types(nlp, text: str) -> list[tuple[str, str]]:
    """(type, trigger text) of each event the pipeline finds in ``text``."""
    return [(e["type"], e["trigger"]["text"]) for e in nlp(text)._.ng_events]


def has_event(nlp, text: str, event_type: str, word: str) -> bool:
    """Whether ``text`` holds an event of ``event_type`` whose trigger contains ``word``."""
    return any(t == event_type and word in trigger for t, trigger in event_types(nlp, text))


def coref_mention(start: int, text: str, **fields):
    """An event mention as the events component hands it to coref: an arrest of A2 by A1
    at ``start`` unless ``fields`` say otherwise."""
    base = {
        "id": "",
        "type": "COERCE",
        "mode": "arrest",
        "modality": "asserted",
        "trigger": {"text": text, "start": start, "end": start + len(text)},
        "sentence": {"start": start, "end": start + 40},
        "actors": ["A1"],
        "targets": ["A2"],
        "place": None,
        "places": [],
        "time": None,
        "time_source": None,
        "attribution": None,
        "confidence": 0.7,
        "hedges": [],
        "hedge_spans": [],
        "origin": None,
        "destination": None,
    }
    return base | fields


def assert_only_event_use(nlp, other: str, event: str, event_type: str, word: str) -> None:
    """``word`` makes an event of ``event_type`` in ``event`` and none in ``other``, a
    sentence where the same word is used in another sense."""
    assert not has_event(nlp, other, event_type, word), event_types(nlp, other)
    assert has_event(nlp, event, event_type, word), event_types(nlp, event)


def shared_path(*parts: str) -> Path:
    """A path in ../shared (or $NEWSGRAPH_SHARED). Absent: a skip on a user's machine, a
    failure where NEWSGRAPH_REQUIRE_SHARED_DATA is set. Callers carry the shared_data mark."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if env_flag(REQUIRE_SHARED_DATA):
            pytest.fail(
                f"{path} is absent, and {REQUIRE_SHARED_DATA} is set: the shared evaluation "
                f"data must be on this machine (set NEWSGRAPH_SHARED to the folder that holds "
                f"data/ and seed/)",
                pytrace=False,
            )
        pytest.skip(f"{path} is absent (shared evaluation data is not on this machine)")
    return path


def calls_shared_path(function: Callable[..., Any], seen: set[Any] | None = None) -> bool:
    """Whether ``function`` calls ``shared_path``, itself or through a function of its own
    module that it calls by name."""
    seen = set() if seen is None else seen
    function = inspect.unwrap(function)
    if function in seen or not inspect.isfunction(function):
        return False
    seen.add(function)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if isinstance(node.func, ast.Attribute):
            name = node.func.attr
        if name == "shared_path":
            return True
        callee = function.__globals__.get(name) if name else None
        if (
            inspect.isfunction(callee)
            and callee.__module__ == function.__module__
            and calls_shared_path(callee, seen)
        ):
            return True
    return False


_UNMARKED = pytest.StashKey[str]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that reaches shared_path, itself or through a fixture, carries the
    shared_data mark; one that does not fails at setup, naming what reads the data."""
    for item in items:
        function = getattr(item, "function", None)
        if function is None or item.get_closest_marker(SHARED_DATA_MARKER):
            continue
        readers = [item.name] if calls_shared_path(function) else []
        fixtureinfo = getattr(item, "_fixtureinfo", None)
        definitions = fixtureinfo.name2fixturedefs if fixtureinfo else {}
        for name, fixturedefs in definitions.items():
            if any(calls_shared_path(d.func) for d in fixturedefs):
                readers.append(f"fixture {name!r}")
        if readers:
            item.stash[_UNMARKED] = ", ".join(readers)


def pytest_runtest_setup(item: pytest.Item) -> None:
    readers = item.stash.get(_UNMARKED, None)
    if readers:
        pytest.fail(
            f"{item.nodeid} reads ../shared through shared_path ({readers}) but does not "
            f"carry @pytest.mark.{SHARED_DATA_MARKER} (or a module pytestmark)",
            pytrace=False,
        )


# ---------------------------------------------------------------- pipeline and demo store

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


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def nlp(config: Config):
    return load_pipeline(config)


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
# Art-2's event is hedged ("reportedly") and rests on unnamed sources.
RECORDS[1]["events"][0]["hedges"] = ["reportedly"]
# Art-4's source (media) relays an unnamed one: "TV, citing unnamed officials".
RECORDS[3]["attributions"].append(
    {
        "id": "Q2",
        "source": {"text": "unnamed officials", "start": 0, "end": 1},
        "source_actor": None,
        "source_type": "unnamed",
        "cue": {"text": "citing", "start": 0, "end": 1},
        "content": {"start": 0, "end": 2},
        "direct": False,
        "hedges": [],
        "via": None,
    }
)
RECORDS[3]["attributions"][0]["via"] = "Q2"


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
