"""Rows for the extraction tables, taken from an Analysis record (SPEC field names)."""

from __future__ import annotations

import json
import re
from typing import Any

from newsgraph.record.types import Record

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _span(item: dict[str, Any] | None, key: str) -> Any:
    return (item or {}).get(key)


def event_date(event: Record, record: Record) -> str | None:
    """The day an event is placed on: its own resolved day, else the publication day."""
    times = {t["id"]: t for t in record.get("times") or []}
    own = times.get(event.get("time") or "") or {}
    value = own.get("value")
    if own.get("resolved") and isinstance(value, str) and _DAY.match(value):
        return value
    published = record.get("published")
    return published[:10] if published else None


def extraction_rows(record: Record) -> dict[str, list[list[Any]]]:
    article = record["id"]
    rows: dict[str, list[list[Any]]] = {}
    rows["actors"] = [
        [
            article,
            a["id"],
            a.get("name") or "",
            a.get("kind"),
            a.get("country"),
            a.get("sector"),
            json.dumps(a.get("roles") or []),
            json.dumps(a.get("affiliations") or []),
        ]
        for a in record.get("actors") or []
    ]
    rows["places"] = [
        [
            article,
            p["id"],
            p["text"],
            p["start"],
            p["end"],
            p.get("name"),
            p.get("country"),
            p.get("lat"),
            p.get("lon"),
            p.get("geonameid"),
            p.get("feature"),
            p.get("precision"),
        ]
        for p in record.get("places") or []
    ]
    rows["times"] = [
        [
            article,
            t["id"],
            t["text"],
            t["start"],
            t["end"],
            None if t.get("value") is None else str(t.get("value")),
            t.get("precision"),
            t.get("resolved"),
        ]
        for t in record.get("times") or []
        if t.get("start") is not None  # the document's date is no expression of the text
    ]
    rows["events"] = [
        [
            article,
            v["id"],
            v["type"],
            v.get("mode"),
            v.get("modality") or "asserted",
            v.get("category"),
            _span(v.get("trigger"), "text"),
            _span(v.get("trigger"), "start"),
            _span(v.get("trigger"), "end"),
            _span(v.get("sentence"), "start"),
            _span(v.get("sentence"), "end"),
            json.dumps(v.get("actors") or []),
            json.dumps(v.get("targets") or []),
            v.get("place"),
            v.get("time"),
            v.get("attribution"),
            v.get("confidence"),
            event_date(v, record),
            len(v.get("mentions") or []) or 1,
            v.get("time_source"),
            json.dumps(v.get("hedges") or []),
            v.get("place_source"),
        ]
        for v in record.get("events") or []
    ]
    # One row per distinct (event, actor, role): the join table behind actor filters.
    rows["event_actors"] = [
        list(row)
        for row in sorted(
            {
                (article, v["id"], actor_id, role)
                for v in record.get("events") or []
                for role, key in (("actor", "actors"), ("target", "targets"))
                for actor_id in v.get(key) or []
            }
        )
    ]
    rows["attributions"] = [
        [
            article,
            q["id"],
            _span(q.get("source"), "text"),
            q.get("source_type"),
            q.get("source_actor"),
            _span(q.get("cue"), "text"),
            _span(q.get("content"), "start"),
            _span(q.get("content"), "end"),
            q.get("direct"),
            q.get("via"),
            bool(q.get("negated")),
            json.dumps(q.get("hedges") or []),
        ]
        for q in record.get("attributions") or []
    ]
    return {table: values for table, values in rows.items() if values}


COLUMNS = {
    "event_actors": "article_id, event_id, actor_id, role",
    "actors": "article_id, actor_id, name, kind, country, sector, roles, affiliations",
    "places": "article_id, place_id, text, start_char, end_char, name, country, lat, lon, "
    "geonameid, feature, precision",
    "times": "article_id, time_id, text, start_char, end_char, value, precision, resolved",
    "events": "article_id, event_id, type, mode, modality, category, trigger_text, "
    "trigger_start, trigger_end, sentence_start, sentence_end, actors, targets, "
    "place_id, time_id, attribution_id, confidence, event_date, mention_count, time_source, "
    "hedges, place_source",
    "attributions": "article_id, attribution_id, source_text, source_type, source_actor, "
    "cue_text, content_start, content_end, direct, via, negated, hedges",
}

# Every table written at ingest, with the columns its rows fill, in row order.
STORED_COLUMNS = {
    "articles": "id, content_hash, canonical_url, url, path, title, text, language, published,"
    " published_date, source_name, source_domain, word_count, record",
    "entities": "article_id, entity_id, text, start_char, end_char, label",
    **COLUMNS,
}
# Rows handed to the database at once. DuckDB reads a Python column's type from all of
# its values only when they number no more than its analyse sample, set to this below;
# otherwise a column whose first rows are whole numbers could be read as integers.
_ROWS_PER_INSERT = 50_000


def insert_rows(con: Any, table: str, columns: str, rows: list[list[Any]]) -> None:
    """Insert ``rows`` through a registered DataFrame: one scan per table instead of one
    statement per row, which costs DuckDB tens of times more.

    Columns are plain Python objects (None stays NULL, never NaN) and are cast to the
    table's types on insert. ``table`` and ``columns`` come from this module's constants,
    never from input; values never enter the SQL text.
    """
    if not rows:
        return
    import pandas as pd  # only the writer needs it

    names = [name.strip() for name in columns.split(",")]
    con.execute(f"SET pandas_analyze_sample = {_ROWS_PER_INSERT}")
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        frame = pd.DataFrame(rows[start : start + _ROWS_PER_INSERT], columns=names, dtype=object)
        con.register("newsgraph_rows", frame)
        try:
            con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM newsgraph_rows")
        finally:
            con.unregister("newsgraph_rows")


def index_words(con: Any, article_ids: list[str]) -> None:
    """Add the stored articles ``article_ids`` to the word index behind article search.
    Their words come from the store's ``ng_words`` macro (migration 0007), the one the
    search applies to the query, so indexing and searching split text alike."""
    if not article_ids:
        return
    marks = ", ".join("?" * len(article_ids))
    con.execute(
        "INSERT INTO article_words SELECT unnest(ng_words(coalesce(title, '') || ' ' || text)),"
        f" id FROM articles WHERE id IN ({marks})",
        article_ids,
    )
