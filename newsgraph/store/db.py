"""The DuckDB store: one file, a versioned schema, idempotent writes."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.record.types import Record
from newsgraph.store.migrations import latest_version, migrate, stored_version
from newsgraph.store.rows import STORED_COLUMNS, extraction_rows, index_words, insert_rows
from newsgraph.types import CleanDocument, Failure

DEFAULT_DB = "newsgraph.duckdb"


def _locked_or(error: duckdb.IOException, path: str) -> Exception:
    """DuckDB's lock conflict as a user-facing error; any other IO error unchanged."""
    text = str(error)
    if "Could not set lock" not in text:
        return error
    pid = re.search(r"\(PID (\d+)\)", text)
    return NewsgraphError(Errors.E015.format(path=path, holder=f" (PID {pid[1]})" if pid else ""))


class Store:
    """A newsgraph database file.

    Writers open it read-write (migrating the schema first); the web server opens it
    read-only so that nothing reachable over HTTP can change stored data.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = str(path)
        try:
            if read_only and stored_version(self.path) < latest_version():
                # Bring the schema up to date first; the read-only connection cannot.
                with duckdb.connect(self.path) as con:
                    migrate(con, path=self.path)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as error:
            raise _locked_or(error, self.path) from None
        self.read_only = read_only
        # Story and lineage indexes (newsgraph.store.stories), rebuilt on first write.
        self.story_state: Any = None
        if not read_only:
            self.schema_version = migrate(self.con, path=self.path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own for one thread (DuckDB connections are not shared)."""
        return self.con.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- deduplication -------------------------------------------------------------
    def existing_id(self, document: CleanDocument) -> str | None:
        """The stored article this document duplicates (same text or canonical URL)."""
        row = self.con.execute(
            "SELECT id FROM articles WHERE content_hash = ? "
            "OR (canonical_url IS NOT NULL AND canonical_url = ?) LIMIT 1",
            [document.content_hash, document.canonical_url],
        ).fetchone()
        return str(row[0]) if row else None

    def has_id(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    # -- writes --------------------------------------------------------------------
    def add(self, con: duckdb.DuckDBPyConnection, document: CleanDocument, record: Record) -> None:
        """Insert one analysed document; call inside :meth:`transaction`."""
        self.add_many(con, [(document, record)])

    def add_many(
        self, con: duckdb.DuckDBPyConnection, items: list[tuple[CleanDocument, Record]]
    ) -> None:
        """Insert analysed documents, one bulk insert per table; call inside
        :meth:`transaction`. Row by row, DuckDB spends more time per document on the
        statements' overhead than the NLP takes to analyse it."""
        tables: dict[str, list[list[Any]]] = defaultdict(list)
        for document, record in items:
            published = record.get("published")
            source = record.get("source") or {}
            tables["articles"].append(
                [
                    record["id"],
                    document.content_hash,
                    document.canonical_url,
                    record.get("url"),
                    record.get("path"),
                    record.get("title"),
                    record["text"],
                    record.get("language"),
                    published,
                    published[:10] if published else None,
                    source.get("name"),
                    source.get("domain"),
                    len(record["text"].split()),
                    json.dumps(record, ensure_ascii=False),
                ]
            )
            for table, rows in extraction_rows(record).items():
                tables[table].extend(rows)
            tables["entities"].extend(
                [record["id"], e["id"], e["text"], e["start"], e["end"], e["label"]]
                for e in record.get("entities") or []
            )
        # Articles first (STORED_COLUMNS' order), as foreign keys would need.
        for table, columns in STORED_COLUMNS.items():
            insert_rows(con, table, columns, tables.get(table, []))
        index_words(con, [record["id"] for _, record in items])

    def clear_failure(self, con: duckdb.DuckDBPyConnection, ref: str) -> None:
        con.execute("DELETE FROM failures WHERE ref = ?", [ref])

    def record_failure(self, failure: Failure) -> None:
        self.con.execute(
            "INSERT INTO failures (ref, reason, message) VALUES (?, ?, ?) "
            "ON CONFLICT (ref) DO UPDATE SET reason = excluded.reason, "
            "message = excluded.message, attempts = failures.attempts + 1, "
            "last_attempt = now()",
            [failure.ref, failure.reason, failure.message],
        )

    def mark_feed_entry(
        self, con: duckdb.DuckDBPyConnection, entry: tuple[str, str], article_id: str | None
    ) -> None:
        con.execute(
            "INSERT INTO feed_entries (feed, entry_key, article_id) VALUES (?, ?, ?) "
            "ON CONFLICT (feed, entry_key) DO NOTHING",
            [entry[0], entry[1], article_id],
        )

    def feed_entry_seen(self, feed: str, entry_key: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM feed_entries WHERE feed = ? AND entry_key = ?", [feed, entry_key]
        ).fetchone()
        return row is not None

    # -- reads used by the writer side ---------------------------------------------
    def article_record(self, article_id: str) -> Record | None:
        row = (
            self.cursor()
            .execute("SELECT record FROM articles WHERE id = ?", [article_id])
            .fetchone()
        )
        return json.loads(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        cur = self.cursor()
        articles = cur.execute("SELECT count(*) FROM articles").fetchone()
        failures = cur.execute("SELECT count(*) FROM failures").fetchone()
        return {
            "articles": int(articles[0]) if articles else 0,
            "failures": int(failures[0]) if failures else 0,
        }
