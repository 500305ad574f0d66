"""Queries over the extraction tables: events with analyst filters, stats, actors, places.

Parameterised SQL only; every user value travels as a parameter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from newsgraph.record.types import Record
from newsgraph.record.vocabulary import NAMED_SOURCE_TYPES
from newsgraph.store.event_sourcing import attribution_chains, sourcing
from newsgraph.store.queries import (
    BadCursor,
    date_range,
    decode_json_cursor,
    encode_json_cursor,
)


@dataclass(frozen=True)
class EventFilter:
    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    modality: str | None = None
    actor: str | None = None  # name substring, actor or target
    country: str | None = None  # ISO alpha-3 of an actor, a target or the place
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    source_type: str | None = None  # "none" = the outlet's own assertion
    outlet: str | None = None  # domain or name
    story: str | None = None  # story id
    q: str | None = None
    # ACLED-style category labels wanted / left out ("none" = events without a category).
    categories: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()
    min_confidence: float | None = None
    named_only: bool = False  # only events attributed to named sources (NAMED_SOURCE_TYPES)
    unhedged: bool = False  # leave out events hedged themselves or through their source
    place: str | None = None  # resolved place name, exact (case-insensitive)
    from_actor: str | None = None  # name substring of one of the event's actors
    to_actor: str | None = None  # name substring of one of its targets
    precisions: tuple[str, ...] = ()  # place precision: city, admin1, country, region
    extra: dict[str, Any] = field(default_factory=dict)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# The joins behind every event query, by the alias they bring in. Each matches at most one row per
# event (article id; place and attribution primary keys), so leaving out those that no
# clause refers to changes no count, and spares the database joining 100,000s of rows.
_JOINS = {
    "a": " JOIN articles a ON a.id = e.article_id",
    "p": " LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.place_id",
    "q": " LEFT JOIN attributions q ON q.article_id = e.article_id"
    " AND q.attribution_id = e.attribution_id",
}


_FROM = " FROM events e" + "".join(_JOINS.values())


def from_needed(*sql: str) -> str:
    """FROM events with only the joins whose alias the given SQL pieces use."""
    text = " ".join(sql)
    return " FROM events e" + "".join(
        join for alias, join in _JOINS.items() if re.search(rf"\b{alias}\.", text)
    )


_INVOLVED = (
    "EXISTS (SELECT 1 FROM event_actors ea JOIN actors ac ON ac.article_id = ea.article_id"
    " AND ac.actor_id = ea.actor_id WHERE ea.article_id = e.article_id"
    " AND ea.event_id = e.event_id AND {test})"
)


def event_where(f: EventFilter) -> tuple[list[str], list[Any]]:
    clauses, params = date_range("e.event_date", f.since, f.until)
    if f.types:
        clauses.append(f"e.type IN ({', '.join('?' * len(f.types))})")
        params += list(f.types)
    if f.modality:
        clauses.append("e.modality = ?")
        params.append(f.modality)
    if f.actor:
        clauses.append(_INVOLVED.format(test="ac.name ILIKE ? ESCAPE '\\'"))
        params.append(_like(f.actor))
    if f.country:
        # Both sides as EXISTS: the database runs them as two semi-joins, where an OR over
        # a joined column forces the join onto every event first.
        clauses.append(
            "(EXISTS (SELECT 1 FROM places pc WHERE pc.article_id = e.article_id"
            " AND pc.place_id = e.place_id AND pc.country = ?) OR "
            + _INVOLVED.format(test="ac.country = ?")
            + ")"
        )
        params += [f.country, f.country]
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        clauses.append("p.lon BETWEEN ? AND ? AND p.lat BETWEEN ? AND ?")
        params += [min_lon, max_lon, min_lat, max_lat]
    if f.source_type == "none":
        clauses.append("e.attribution_id IS NULL")
    elif f.source_type:
        clauses.append("q.source_type = ?")
        params.append(f.source_type)
    if f.outlet:
        clauses.append("(a.source_domain = ? OR a.source_name = ?)")
        params += [f.outlet, f.outlet]
    if f.story:
        clauses.append(
            "EXISTS (SELECT 1 FROM story_members sm WHERE sm.article_id = e.article_id "
            "AND sm.story_id = ?)"
        )
        params.append(f.story)
    if f.q:
        clauses.append("(a.title ILIKE ? ESCAPE '\\' OR e.trigger_text ILIKE ? ESCAPE '\\')")
        params += [_like(f.q), _like(f.q)]
    _category_where(f, clauses, params)
    _sourcing_where(f, clauses, params)
    if f.min_confidence is not None:
        clauses.append("e.confidence >= ?")
        params.append(f.min_confidence)
    for role, name in (("actor", f.from_actor), ("target", f.to_actor)):
        if name:
            test = f"ea.role = '{role}' AND ac.name ILIKE ? ESCAPE '\\'"
            clauses.append(_INVOLVED.format(test=test))
            params.append(_like(name))
    if f.place:
        clauses.append("lower(p.name) = lower(?)")
        params.append(f.place)
    if f.precisions:
        clauses.append(f"p.precision IN ({', '.join('?' * len(f.precisions))})")
        params += list(f.precisions)
    return clauses, params


def _category_test(labels: tuple[str, ...], params: list[Any]) -> str:
    # Uncategorised events read as "none", so that leaving a category out keeps them.
    params += list(labels)
    return f"coalesce(e.category, 'none') IN ({', '.join('?' * len(labels))})"


def _category_where(f: EventFilter, clauses: list[str], params: list[Any]) -> None:
    if f.categories:
        clauses.append(_category_test(f.categories, params))
    if f.exclude_categories:
        clauses.append("NOT " + _category_test(f.exclude_categories, params))


def _sourcing_where(f: EventFilter, clauses: list[str], params: list[Any]) -> None:
    if f.named_only:
        # A named source (NAMED_SOURCE_TYPES) that relays no unnamed one.
        marks = ", ".join("?" * len(NAMED_SOURCE_TYPES))
        clauses.append(
            f"q.source_type IN ({marks}) AND NOT EXISTS (SELECT 1 FROM attributions qv"
            " WHERE qv.article_id = e.article_id AND qv.attribution_id = q.via"
            f" AND qv.source_type NOT IN ({marks}))"
        )
        params += [*NAMED_SOURCE_TYPES, *NAMED_SOURCE_TYPES]
    if f.unhedged:
        clauses.append(
            "coalesce(json_array_length(e.hedges), 0) = 0"
            " AND coalesce(json_array_length(q.hedges), 0) = 0"
        )


_SORT = "coalesce(CAST(e.event_date AS VARCHAR), '')"


def list_events(
    con: duckdb.DuckDBPyConnection,
    f: EventFilter,
    *,
    limit: int,
    cursor: str | None = None,
    newest_first: bool = True,
    offset: int = 0,
) -> tuple[list[Record], str | None, int]:
    """A page of events: after ``cursor`` (the API's paging) or after ``offset`` rows (the
    dashboard's numbered pages), with the total that match."""
    clauses, params = event_where(f)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total_row = con.execute("SELECT count(*)" + from_needed(where) + where, params).fetchone()
    total = int(total_row[0]) if total_row else 0
    order = "DESC" if newest_first else "ASC"
    compare = "<" if newest_first else ">"
    if cursor:
        key = decode_json_cursor(cursor, (str, str, str))
        clauses.append(f"({_SORT}, e.article_id, e.event_id) {compare} (?, ?, ?)")
        params += key
        where = " WHERE " + " AND ".join(clauses)
    sql = (
        "SELECT e.article_id, e.event_id, e.type, e.mode, e.modality, e.category,"
        " e.trigger_text, e.event_date, e.actors, e.targets, e.place_id, e.time_id,"
        " e.attribution_id, e.confidence, a.title, a.source_name, a.source_domain,"
        " p.name, p.country, p.lat, p.lon, q.source_type, q.source_text,"
        f" {_SORT}, e.hedges, p.text, p.precision, e.mention_count, e.time_source,"
        " e.place_source"
        # The page is chosen on the events (and only the joins the filters need), then
        # joined for display: sorting keys is cheaper than sorting joined rows.
        + _FROM
        + " JOIN (SELECT e.article_id, e.event_id"
        + from_needed(where)
        + where
        + f" ORDER BY {_SORT} {order}, e.article_id {order}, e.event_id {order}"
        " LIMIT ? OFFSET ?) page ON page.article_id = e.article_id AND page.event_id = e.event_id"
        + f" ORDER BY {_SORT} {order}, e.article_id {order}, e.event_id {order}"
    )
    rows = con.execute(sql, [*params, limit + 1, 0 if cursor else offset]).fetchall()
    names = _actor_names(con, {r[0] for r in rows[:limit]})
    sources = attribution_chains(con, {r[0] for r in rows[:limit] if r[12]})
    items = []
    for r in rows[:limit]:
        article_names = names.get(r[0], {})
        items.append(
            {
                "article_id": r[0],
                "id": r[1],
                "type": r[2],
                "mode": r[3],
                "modality": r[4],
                "category": r[5],
                "trigger": r[6],
                "date": r[7].isoformat() if r[7] else None,
                "actors": [{"id": i, "name": article_names.get(i)} for i in json.loads(r[8])],
                "targets": [{"id": i, "name": article_names.get(i)} for i in json.loads(r[9])],
                "place": {
                    "id": r[10],
                    "name": r[17],
                    "country": r[18],
                    "lat": r[19],
                    "lon": r[20],
                    "text": r[25],
                    "precision": r[26],
                }
                if r[10]
                else None,
                "time": r[11],
                "time_source": r[28],
                "place_source": r[29],
                "mentions": r[27] or 1,
                "attribution": sourcing(sources.get(r[0], {}), r[12]) if r[12] else None,
                "hedges": json.loads(r[24]) if r[24] else [],
                "confidence": r[13],
                "article": {"title": r[14], "outlet": r[15] or r[16]},
            }
        )
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_json_cursor([last[23], last[0], last[1]])
    return items, next_cursor, total


def _actor_names(con: duckdb.DuckDBPyConnection, articles: set[str]) -> dict[str, dict[str, str]]:
    if not articles:
        return {}
    marks = ", ".join("?" * len(articles))
    rows = con.execute(
        f"SELECT article_id, actor_id, name FROM actors WHERE article_id IN ({marks})",
        sorted(articles),
    ).fetchall()
    names: dict[str, dict[str, str]] = {}
    for article_id, actor_id, name in rows:
        names.setdefault(article_id, {})[actor_id] = name
    return names


PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def event_counts(
    con: duckdb.DuckDBPyConnection, f: EventFilter, *, by: str, split_by_type: bool = False
) -> list[Record]:
    """Events per period (day/week/month/year), optionally per type."""
    unit = PERIODS[by]  # validated by the caller; never user text in SQL
    clauses, params = event_where(f)
    clauses.append("e.event_date IS NOT NULL")
    group = ", e.type" if split_by_type else ""
    sql = (
        f"SELECT date_trunc('{unit}', e.event_date) AS period{group}, count(*)"
        + from_needed(*clauses)
        + " WHERE "
        + " AND ".join(clauses)
        + f" GROUP BY period{group} ORDER BY period{group}"
    )
    out = []
    for row in con.execute(sql, params).fetchall():
        item: Record = {"period": row[0].isoformat()[:10], "count": row[-1]}
        if split_by_type:
            item["type"] = row[1]
        out.append(item)
    return out


def undated_count(con: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    """Events the filter selects that have no date (left off any time axis)."""
    clauses, params = event_where(f)
    clauses.append("e.event_date IS NULL")
    where = " WHERE " + " AND ".join(clauses)
    row = con.execute("SELECT count(*)" + from_needed(where) + where, params).fetchone()
    return int(row[0]) if row else 0


def list_actors(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None,
    country: str | None,
    sector: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Record], int]:
    clauses, params = [], []
    if q:
        clauses.append("name ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    if country:
        clauses.append("country = ?")
        params.append(country)
    if sector:
        clauses.append("sector = ?")
        params.append(sector)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    base = (
        "SELECT name, kind, country, sector, count(DISTINCT article_id) AS articles"
        f" FROM actors{where} GROUP BY name, kind, country, sector"
    )
    total_row = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()
    rows = con.execute(
        base + " ORDER BY articles DESC, name LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    items = [
        {"name": r[0], "kind": r[1], "country": r[2], "sector": r[3], "articles": r[4]}
        for r in rows
    ]
    return items, int(total_row[0]) if total_row else 0


def list_places(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int) -> list[Record]:
    """Places with the number of (filtered) events placed there, for the map."""
    clauses, params = event_where(f)
    clauses.append("p.lat IS NOT NULL")
    sql = (
        "SELECT p.name, p.country, p.lat, p.lon, p.precision, count(*) AS events,"
        " list(DISTINCT p.text ORDER BY p.text)[1:5]"
        + _FROM
        + " WHERE "
        + " AND ".join(clauses)
        + " GROUP BY p.name, p.country, p.lat, p.lon, p.precision"
        " ORDER BY events DESC, p.name LIMIT ?"
    )
    return [
        {
            "name": r[0],
            "country": r[1],
            "lat": r[2],
            "lon": r[3],
            "precision": r[4],
            "events": r[5],
            "texts": r[6],  # how the reports wrote it (up to five forms)
        }
        for r in con.execute(sql, [*params, limit]).fetchall()
    ]


def list_attributions(
    con: duckdb.DuckDBPyConnection,
    *,
    source_type: str | None,
    q: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Record], int]:
    clauses, params = [], []
    if source_type:
        clauses.append("t.source_type = ?")
        params.append(source_type)
    if q:
        clauses.append("(t.source_text ILIKE ? ESCAPE '\\' OR t.cue_text ILIKE ? ESCAPE '\\')")
        params += [_like(q), _like(q)]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total_row = con.execute(f"SELECT count(*) FROM attributions t{where}", params).fetchone()
    rows = con.execute(
        "SELECT t.article_id, t.attribution_id, t.source_text, t.source_type, t.cue_text,"
        " t.direct, t.via, t.negated, a.title FROM attributions t"
        f" JOIN articles a ON a.id = t.article_id{where}"
        " ORDER BY t.article_id, t.attribution_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [
        {
            "article_id": r[0],
            "id": r[1],
            "source": r[2],
            "source_type": r[3],
            "cue": r[4],
            "direct": r[5],
            "via": r[6],
            "negated": r[7],
            "title": r[8],
        }
        for r in rows
    ]
    return items, int(total_row[0]) if total_row else 0


__all__ = [
    "BadCursor",
    "EventFilter",
    "event_counts",
    "list_actors",
    "list_attributions",
    "list_events",
    "list_places",
]
