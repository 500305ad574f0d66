from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.config import Config
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import analyze, ingest
from newsgraph.store import Store
from newsgraph.store.migrations import latest_version
from newsgraph.types import CleanDocument, RawInput


def page(title: str, body: str, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<html><head><title>{title}</title>{link}</head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>"
    )


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = f"Report number {i}: the council of town {i} met on Monday and voted {i} times."
        (folder / f"{i:03d}.html").write_text(page(f"Story {i}", body))


def test_ingest_is_idempotent_and_counts(tmp_path, config, nlp):
    write_corpus(tmp_path / "in", 5)
    (tmp_path / "in" / "copy.html").write_text((tmp_path / "in" / "000.html").read_text())
    (tmp_path / "in" / "broken.html").write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = ingest(
            iter_inputs([str(tmp_path / "in")], max_bytes=10**6),
            store=store,
            config=config,
            nlp=nlp,
        )
        second = ingest(
            iter_inputs([str(tmp_path / "in")], max_bytes=10**6),
            store=store,
            config=config,
            nlp=nlp,
        )
        assert (first.ingested, first.duplicates, first.failed) == (5, 1, 1)
        assert (second.ingested, second.duplicates, second.failed) == (0, 6, 1)
        assert store.counts() == {"articles": 5, "failures": 1}
        [(ref, reason, attempts)] = store.con.execute(
            "SELECT ref, reason, attempts FROM failures"
        ).fetchall()
        assert ref.endswith("broken.html") and reason == "binary" and attempts == 2
        entity_rows = store.con.execute("SELECT count(*) FROM entities").fetchone()[0]
        assert entity_rows > 0


def test_duplicate_by_canonical_url_with_different_text(tmp_path, config, nlp):
    url = "https://www.example.test/2023/01/01/story?utm_source=feed"
    a = RawInput(
        ref="a", kind="html", content=page("A", "First version of the story text."), url=url
    )
    b = RawInput(
        ref="b",
        kind="html",
        content=page("A", "Edited version of the story text."),
        url="https://example.test/2023/01/01/story/",
    )
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([a, b], store=store, config=config, nlp=nlp)
    assert (summary.ingested, summary.duplicates) == (1, 1)


def test_failure_is_cleared_when_a_retry_succeeds(tmp_path, config, nlp):
    target = tmp_path / "later.html"
    target.write_bytes(b"\x00" * 50)
    with Store(tmp_path / "s.duckdb") as store:
        assert (
            ingest(
                iter_inputs([str(target)], max_bytes=10**6), store=store, config=config, nlp=nlp
            ).failed
            == 1
        )
        target.write_text(page("Fixed", "The page was repaired and now has a real body text."))
        again = ingest(
            iter_inputs([str(target)], max_bytes=10**6), store=store, config=config, nlp=nlp
        )
        assert again.ingested == 1
        assert store.counts() == {"articles": 1, "failures": 0}


def test_interrupted_ingest_keeps_committed_batches_and_resumes(tmp_path, nlp):
    config = Config(batch_size=2)
    write_corpus(tmp_path / "in", 7)

    def interrupted() -> Iterator:
        for number, item in enumerate(iter_inputs([str(tmp_path / "in")], max_bytes=10**6)):
            if number == 5:
                raise KeyboardInterrupt
            yield item

    db = tmp_path / "s.duckdb"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest(interrupted(), store=store, config=config, nlp=nlp)
    with Store(db) as store:
        assert store.counts()["articles"] == 4  # two whole batches, nothing half-written
        resumed = ingest(
            iter_inputs([str(tmp_path / "in")], max_bytes=10**6),
            store=store,
            config=config,
            nlp=nlp,
        )
        assert (resumed.ingested, resumed.duplicates) == (3, 4)
        assert store.counts()["articles"] == 7


def test_id_conflict_is_a_failure_not_an_overwrite(tmp_path, config, nlp):
    one = RawInput(ref="f#x", kind="given-text", content="Paris hosted the talks.", id="x")
    two = RawInput(ref="g#x", kind="given-text", content="Rome hosted the summit.", id="x")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([one, two], store=store, config=config, nlp=nlp)
        assert (summary.ingested, summary.failed) == (1, 1)
        assert store.article_record("x")["text"] == "Paris hosted the talks."


def test_schema_is_versioned_and_newer_schema_is_refused(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.schema_version == latest_version()
        names = store.con.execute("SELECT name FROM schema_migrations").fetchall()
        assert names[0] == ("initial",) and len(names) == latest_version()
    with Store(db) as store:  # re-opening applies nothing twice
        count = store.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert count == latest_version()
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    with pytest.raises(NewsgraphError, match="newer than this newsgraph"):
        Store(db)


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200
).filter(lambda t: t.strip())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=texts,
    title=st.none() | st.text(max_size=40),
    doc_id=st.text(alphabet="abcdefghij0123456789-_", min_size=1, max_size=12),
)
def test_store_round_trip(tmp_path_factory, config, nlp, text, title, doc_id):
    """What the store returns is exactly what analyze produced."""
    raw = RawInput(ref="r", kind="given-text", content=text, id=doc_id, title=title)
    [expected] = list(analyze([raw], config=config, nlp=nlp))
    db = tmp_path_factory.mktemp("rt") / "s.duckdb"
    with Store(db) as store:
        ingest([raw], store=store, config=config, nlp=nlp)
        stored = store.article_record(doc_id)
    assert stored == json.loads(json.dumps(expected))
    assert stored["text"] == text


def test_extraction_tables_are_filled_from_the_record(tmp_path, config):
    from newsgraph.clean import content_hash
    from newsgraph.types import CleanDocument

    text = "Ronen Bar said on 4 December 2023 that Israel would pursue Hamas in Qatar."
    record = {
        "id": "r1",
        "text": text,
        "published": "2023-12-05",
        "entities": [],
        "actors": [
            {
                "id": "A1",
                "name": "Ronen Bar",
                "kind": "person",
                "country": "ISR",
                "sector": "SPY",
                "roles": ["head of Shin Bet"],
                "affiliations": [],
                "mentions": [],
                "spans": [{"text": "Ronen Bar", "start": 0, "end": 9}],
            }
        ],
        "places": [
            {
                "id": "P1",
                "text": "Qatar",
                "start": 68,
                "end": 73,
                "name": "Qatar",
                "country": "QAT",
                "lat": 25.3,
                "lon": 51.2,
                "geonameid": 289688,
                "feature": "PCLI",
                "precision": "country",
            }
        ],
        "times": [
            {
                "id": "T1",
                "text": "4 December 2023",
                "start": 18,
                "end": 33,
                "value": "2023-12-04",
                "precision": "day",
                "resolved": True,
            }
        ],
        "events": [
            {
                "id": "V1",
                "type": "THREATEN",
                "mode": None,
                "modality": "future",
                "trigger": {"text": "pursue", "start": 53, "end": 59},
                "sentence": {"start": 0, "end": 74},
                "actors": ["A1"],
                "targets": [],
                "place": "P1",
                "time": "T1",
                "attribution": "Q1",
                "confidence": 0.8,
            }
        ],
        "attributions": [
            {
                "id": "Q1",
                "source": {"text": "Ronen Bar", "start": 0, "end": 9},
                "source_actor": "A1",
                "source_type": "named_person",
                "cue": {"text": "said", "start": 10, "end": 14},
                "content": {"start": 34, "end": 73},
                "direct": False,
                "hedges": [],
                "via": None,
            }
        ],
    }
    document = CleanDocument(id="r1", ref="r1", text=text, content_hash=content_hash(text))
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction() as con:
            store.add(con, document, record)
        event = store.con.execute(
            "SELECT type, modality, event_date, place_id, attribution_id FROM events"
        ).fetchone()
        assert event == ("THREATEN", "future", __import__("datetime").date(2023, 12, 4), "P1", "Q1")
        assert store.con.execute("SELECT country, sector FROM actors").fetchone() == ("ISR", "SPY")
        assert store.con.execute("SELECT lat FROM places").fetchone() == (25.3,)
        assert store.con.execute("SELECT source_type FROM attributions").fetchone() == (
            "named_person",
        )


def test_event_actor_rows_are_written_and_backfilled_by_the_migration(tmp_path):
    db = tmp_path / "old.duckdb"
    with Store(db) as store, store.transaction() as con:
        con.execute(
            "INSERT INTO events (article_id, event_id, type, modality, actors, targets) "
            "VALUES ('a', 'V1', 'ACCUSE', 'asserted', '[\"A1\", \"A2\"]', '[\"A3\"]'), "
            "('a', 'V2', 'AGREE', 'asserted', '[]', '[]')"
        )
        # Pretend the store predates migrations 5, 6 and 7.
        undo_migration_7(con)
        con.execute("DROP TABLE event_actors")
        con.execute("DELETE FROM schema_migrations WHERE version >= 5")
    with Store(db) as store:
        rows = store.con.execute(
            "SELECT event_id, actor_id, role FROM event_actors ORDER BY ALL"
        ).fetchall()
        counts = store.con.execute(
            "SELECT event_id, mention_count, time_source FROM events ORDER BY ALL"
        ).fetchall()
    assert rows == [("V1", "A1", "actor"), ("V1", "A2", "actor"), ("V1", "A3", "target")]
    # Events stored without a count are one mention each.
    assert counts == [("V1", 1, None), ("V2", 1, None)]


def undo_migration_7(con) -> None:
    con.execute("DROP TABLE article_words")
    con.execute("DROP MACRO ng_words")
    # Indexed tables cannot drop a column in DuckDB; the migration adds it if missing.
    con.execute("UPDATE events SET hedges = NULL")
    con.execute("UPDATE attributions SET hedges = NULL")
    # Later migrations go too: a store from before 0007 had none of them.
    con.execute("DELETE FROM schema_migrations WHERE version >= 7")


def test_hedges_and_word_index_are_backfilled_by_the_migration(tmp_path):
    db = tmp_path / "old.duckdb"
    text = "Rebels reportedly shelled the Éastern town, officials said."
    record = {
        "id": "w1",
        "title": "Shelling near the border",
        "text": text,
        "events": [
            {"id": "V1", "type": "ASSAULT", "modality": "asserted", "hedges": ["reportedly"]}
        ],
        "attributions": [{"id": "Q1", "source_type": "official_body", "hedges": ["said to"]}],
    }
    with Store(db) as store, store.transaction() as con:
        store.add(con, CleanDocument(id="w1", ref="w1", text=text, content_hash="h1"), record)
        undo_migration_7(con)
    with Store(db) as store:
        assert store.con.execute("SELECT hedges FROM events").fetchone() == ('["reportedly"]',)
        assert store.con.execute("SELECT hedges FROM attributions").fetchone() == ('["said to"]',)
        words = {w for (w,) in store.con.execute("SELECT word FROM article_words").fetchall()}
    assert {"shelling", "border", "rebels", "eastern", "officials"} <= words


def test_an_events_place_source_is_stored_and_listed(tmp_path):
    from newsgraph.store.event_queries import EventFilter, list_events

    text = "Talks were held in Geneva. Rebels shelled the town."
    record = {
        "id": "p1",
        "text": text,
        "places": [{"id": "P1", "text": "Geneva", "start": 19, "end": 25, "name": "Geneva"}],
        "events": [
            {"id": "V1", "type": "CONSULT", "place": "P1", "place_source": "text"},
            {"id": "V2", "type": "ASSAULT", "place": "P1", "place_source": "document"},
        ],
    }
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction() as con:
            store.add(con, CleanDocument(id="p1", ref="p1", text=text, content_hash="h"), record)
        items, _, _ = list_events(store.con, EventFilter(), limit=10)
    assert {i["id"]: i["place_source"] for i in items} == {"V1": "text", "V2": "document"}
