"""Whole tables as Parquet or CSV files, and full Analysis records as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from newsgraph.store.event_queries import EventFilter, event_where, from_needed
from newsgraph.store.queries import ArticleFilter, date_range

TABLES = (
    "articles",
    "entities",
    "actors",
    "places",
    "times",
    "events",
    "event_actors",
    "attributions",
    "failures",
)


def export_tables(con: duckdb.DuckDBPyConnection, folder: Path, *, fmt: str) -> list[Path]:
    """One file per table; ``fmt`` is "parquet" or "csv"."""
    folder.mkdir(parents=True, exist_ok=True)
    options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
    written = []
    for table in TABLES:  # our own constant names, never user input
        target = folder / f"{table}.{fmt}"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{_quoted(target)}' {options}")
        written.append(target)
    return written


def _quoted(path: Path) -> str:
    # COPY takes a literal, not a parameter: double any quote in the path.
    return str(path).replace("'", "''")


def export_records(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    filters: ArticleFilter,
    events: EventFilter | None = None,
) -> int:
    """Full Analysis records, one JSON object a line, oldest first; with ``events``, only
    the articles that have an event it selects (a dashboard view's articles)."""
    if events is not None:
        clauses, params = event_where(events)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        chosen = "SELECT e.article_id" + from_needed(where) + where
        sql = f"SELECT record FROM articles WHERE id IN ({chosen}) ORDER BY seq"
    else:
        clauses, params = date_range("published_date", filters.since, filters.until)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT record FROM articles{where} ORDER BY seq"
    cursor = con.execute(sql, params)
    count = 0
    with target.open("w", encoding="utf-8") as out:
        while rows := cursor.fetchmany(500):
            for (record,) in rows:
                out.write(json.dumps(json.loads(record), ensure_ascii=False) + "\n")
                count += 1
    return count
