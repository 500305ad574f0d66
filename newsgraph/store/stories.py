"""Stories and lineage in the store: assigned inside each ingest batch's transaction.

The clustering and lineage indexes live in memory; they are rebuilt from the
``fingerprints`` table the first time a process writes, so a new ingest process carries
on where the last one stopped. If the batch's transaction fails, the in-memory state is
dropped (see :func:`assign_batch`) and rebuilt from what was committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from newsgraph.record.types import Record
from newsgraph.stories.cluster import StoryIndex
from newsgraph.stories.features import StoryFeatures, story_features
from newsgraph.stories.fingerprints import from_bytes, minhash, signature_bytes
from newsgraph.stories.lineage import Fingerprint, LineageIndex, fingerprint
from newsgraph.stories.outlets import outlet_of


@dataclass
class StoryState:
    lineage: LineageIndex = field(default_factory=LineageIndex)
    stories: StoryIndex = field(default_factory=StoryIndex)


def load_state(con: duckdb.DuckDBPyConnection) -> StoryState:
    """Replay stored fingerprints and story assignments in ingest order."""
    state = StoryState()
    derived = {str(r[0]) for r in con.execute("SELECT DISTINCT article_id FROM lineage").fetchall()}
    rows = con.execute(
        "SELECT f.article_id, f.seq, f.text_minhash, f.facts, f.revised, f.terms,"
        " f.event_types, f.published_date, m.story_id, a.published"
        " FROM fingerprints f JOIN story_members m USING (article_id)"
        " JOIN articles a ON a.id = f.article_id ORDER BY f.seq"
    ).fetchall()
    for article_id, seq, blob, facts, revised, terms, event_types, published, story, pub in rows:
        fact_set = frozenset(json.loads(facts))
        # Copies and rewrites are found through their original, as when first ingested.
        if article_id not in derived:
            state.lineage.index(
                Fingerprint(
                    article_id=article_id,
                    order=((pub or "~")[:10], int(seq)),
                    text=from_bytes(bytes(blob)),
                    meaning=minhash(fact_set),
                    facts=fact_set,
                    revised=bool(revised),
                )
            )
        features = StoryFeatures(
            article_id, json.loads(terms), frozenset(json.loads(event_types)), published
        )
        state.stories.restore(features, story)
    return state


def _seqs(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, int]:
    marks = ", ".join("?" * len(ids))
    rows = con.execute(f"SELECT id, seq FROM articles WHERE id IN ({marks})", ids).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def _store_fingerprint(
    con: duckdb.DuckDBPyConnection, print_: Fingerprint, features: StoryFeatures
) -> None:
    con.execute(
        "INSERT INTO fingerprints (article_id, seq, text_minhash, facts, revised, terms,"
        " event_types, published_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            print_.article_id,
            print_.order[1],
            signature_bytes(print_.text),
            json.dumps(sorted(print_.facts)),
            print_.revised,
            json.dumps(features.terms),
            json.dumps(sorted(features.event_types)),
            features.published,
        ],
    )


def _update_story(
    con: duckdb.DuckDBPyConnection, story_id: str, record: Record, published: date | None
) -> None:
    day = published.isoformat() if published else None
    con.execute(
        "INSERT INTO stories (story_id, first_published, last_published, title, size)"
        " VALUES (?, ?, ?, ?, 1) ON CONFLICT (story_id) DO UPDATE SET"
        " size = stories.size + 1,"
        " first_published = least(stories.first_published, excluded.first_published),"
        " last_published = greatest(stories.last_published, excluded.last_published)",
        [story_id, day, day, record.get("title")],
    )


def _store_outlet(con: duckdb.DuckDBPyConnection, record: Record, outlets: str) -> None:
    outlet = outlet_of(record, outlets)
    if not outlet.get("domain"):
        return
    con.execute(
        "INSERT INTO outlets (domain, name, country, language, type) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (domain) DO NOTHING",
        [outlet["domain"], outlet["name"], outlet["country"], outlet["language"], outlet["type"]],
    )


def assign_batch(
    con: duckdb.DuckDBPyConnection, state: StoryState, records: list[Record], outlets: str = ""
) -> None:
    """Fingerprint, link and cluster the records just inserted (inside their transaction).
    ``outlets`` is the ``outlets`` setting (the user's outlet files)."""
    if not records:
        return
    seqs = _seqs(con, [str(r["id"]) for r in records])
    ordered = sorted(records, key=lambda r: ((r.get("published") or "~")[:10], seqs[r["id"]]))
    for record in ordered:
        print_ = fingerprint(record, seqs[str(record["id"])])
        features = story_features(record)
        for link in state.lineage.add(print_):
            con.execute(
                "INSERT INTO lineage (article_id, other_id, relation, similarity)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [link.article_id, link.other_id, link.relation, link.similarity],
            )
        story_id = state.stories.assign(features)
        con.execute(
            "INSERT INTO story_members (story_id, article_id) VALUES (?, ?)",
            [story_id, print_.article_id],
        )
        _update_story(con, story_id, record, features.published)
        _store_fingerprint(con, print_, features)
        _store_outlet(con, record, outlets)


def assign_in_store(
    store: Any, con: duckdb.DuckDBPyConnection, records: list[Record], outlets: str = ""
) -> None:
    """Assign stories and lineage for ``records`` with the store's in-memory state (built on
    first use). The caller drops ``store.story_state`` when the transaction fails."""
    if store.story_state is None:
        store.story_state = load_state(con)
    assign_batch(con, store.story_state, records, outlets)
