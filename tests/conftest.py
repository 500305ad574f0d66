"""Shared fixtures: one spaCy pipeline per session, and a real DuckDB fixture store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline import ingest
from newsgraph.store import Store

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
    from fastapi.testclient import TestClient

    from newsgraph.server.app import create_app

    app = create_app(fixture_db)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()
