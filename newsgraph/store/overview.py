"""What the home page summarises: counts, the latest events, the most frequent actors,
places and outlets, and the latest failures. Each is one small aggregate query."""

from __future__ import annotations

import duckdb

from newsgraph.record.types import Record

TOP = 8


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    # ``table`` is one of this module's constants, never input.
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def overview(con: duckdb.DuckDBPyConnection, *, top: int = TOP) -> Record:
    counts = {t: _count(con, t) for t in ("articles", "events", "stories", "failures")}
    dated = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    actors = con.execute(
        "SELECT ac.name, ac.country, count(*) AS n FROM event_actors ea"
        " JOIN actors ac ON ac.article_id = ea.article_id AND ac.actor_id = ea.actor_id"
        " WHERE ac.country IS NOT NULL OR coalesce(ac.sector, 'UNK') <> 'UNK'"
        " GROUP BY ac.name, ac.country ORDER BY n DESC, ac.name LIMIT ?",
        [top],
    ).fetchall()
    places = con.execute(
        "SELECT p.name, p.country, p.precision, count(*) AS n FROM events e"
        " JOIN places p ON p.article_id = e.article_id AND p.place_id = e.place_id"
        " WHERE p.name IS NOT NULL GROUP BY ALL ORDER BY n DESC, p.name LIMIT ?",
        [top],
    ).fetchall()
    outlets = con.execute(
        "SELECT coalesce(a.source_name, a.source_domain) AS outlet, a.source_domain,"
        " o.type, o.country, count(*) AS n FROM articles a"
        " LEFT JOIN outlets o ON o.domain = a.source_domain"
        " WHERE a.source_name IS NOT NULL OR a.source_domain IS NOT NULL"
        " GROUP BY ALL ORDER BY n DESC, outlet LIMIT ?",
        [top],
    ).fetchall()
    failures = con.execute(
        "SELECT ref, reason, message, last_attempt FROM failures"
        " ORDER BY last_attempt DESC, ref LIMIT ?",
        [top],
    ).fetchall()
    return {
        "counts": counts,
        "first_event": dated[0].isoformat() if dated and dated[0] else None,
        "last_event": dated[1].isoformat() if dated and dated[1] else None,
        "actors": [{"name": r[0], "country": r[1], "events": r[2]} for r in actors],
        "places": [
            {"name": r[0], "country": r[1], "precision": r[2], "events": r[3]} for r in places
        ],
        "outlets": [
            {"name": r[0], "domain": r[1], "type": r[2], "country": r[3], "articles": r[4]}
            for r in outlets
        ],
        "failures": [
            {"ref": r[0], "reason": r[1], "message": r[2], "when": r[3].isoformat()[:16]}
            for r in failures
        ],
    }
