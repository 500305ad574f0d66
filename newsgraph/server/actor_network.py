"""Who acts on whom: a network of resolved actors, merged across articles, with the event
types on each edge.

Actor ids are per article (A1, A2...), so one actor appears under many ids; nodes merge
them by a key built from what resolution found: the kind, the country and the folded
name (for people the family name, so "Zelenskiy" and "Volodymyr Zelenskiy" meet).
Only resolved actors become nodes: those with a country, or a sector other than
unknown. A hotel, a city read as an organisation or "most G20 members" have neither.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import duckdb

from newsgraph.extract.common.folding import fold, name_parts
from newsgraph.record.types import Record
from newsgraph.store.event_queries import EventFilter, event_where, from_needed

UNKNOWN_SECTORS = frozenset({"", "UNK"})


def resolved(kind: str | None, country: str | None, sector: str | None) -> bool:
    return bool(country) or (sector or "") not in UNKNOWN_SECTORS or kind == "state"


def actor_key(name: str, kind: str | None, country: str | None) -> str:
    if kind == "person":
        parts = name_parts(name)
        core = parts[-1] if parts else fold(name)
    else:
        core = fold(name)
    return f"{kind or 'actor'}:{country or '-'}:{core}"


def _merge_countryless(keys: set[str]) -> dict[str, str]:
    """A person key without a country joins the one key of that name that has one."""
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        kind, country, core = key.split(":", 2)
        if country != "-":
            by_name[kind, core].append(key)
    merged = {}
    for key in keys:
        kind, country, core = key.split(":", 2)
        candidates = by_name.get((kind, core), [])
        merged[key] = candidates[0] if country == "-" and len(candidates) == 1 else key
    return merged


def actor_network(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int) -> Record:
    """{"nodes": [{id, label, names, kind, country, events}], "edges": [{source,
    target, source_id, target_id, weight, types: {TYPE: n}}]}, heaviest edges first,
    at most ``limit`` edges, in a fixed order (the same input draws the same graph)."""
    clauses, params = event_where(f)
    where = " AND ".join(clauses) if clauses else "TRUE"
    sql = (
        "WITH chosen AS (SELECT e.article_id, e.event_id, e.type"
        + from_needed(where)
        + " WHERE "
        + where
        + ") SELECT sa.name, sa.kind, sa.country, sa.sector,"
        " ta.name, ta.kind, ta.country, ta.sector, c.type, count(*) FROM chosen c"
        " JOIN event_actors s ON s.article_id = c.article_id AND s.event_id = c.event_id"
        " AND s.role = 'actor'"
        " JOIN event_actors t ON t.article_id = c.article_id AND t.event_id = c.event_id"
        " AND t.role = 'target'"
        " JOIN actors sa ON sa.article_id = s.article_id AND sa.actor_id = s.actor_id"
        " JOIN actors ta ON ta.article_id = t.article_id AND ta.actor_id = t.actor_id"
        " GROUP BY ALL"
    )
    rows = con.execute(sql, params).fetchall()
    pairs: list[tuple[tuple[Any, ...], tuple[Any, ...], str, int]] = [
        (row[0:4], row[4:8], row[8], int(row[9]))
        for row in rows
        if resolved(*row[1:4]) and resolved(*row[5:8])
    ]
    raw_keys = {actor_key(a[0], a[1], a[2]) for pair in pairs for a in pair[:2]}
    merged = _merge_countryless(raw_keys)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    info: dict[str, tuple[Any, Any]] = {}
    edges: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, target, event_type, count in pairs:
        keys = []
        for actor in (source, target):
            key = merged[actor_key(actor[0], actor[1], actor[2])]
            names[key][actor[0]] += count
            info.setdefault(key, (actor[1], actor[2]))
            keys.append(key)
        if keys[0] != keys[1]:
            edges[keys[0], keys[1]][event_type] += count
    label = {
        key: max(counter.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        for key, counter in names.items()
    }
    ordered = sorted(
        edges.items(), key=lambda kv: (-sum(kv[1].values()), label[kv[0][0]], label[kv[0][1]])
    )[:limit]
    used = sorted({key for (a, b), _ in ordered for key in (a, b)}, key=lambda k: (label[k], k))
    weight: Counter[str] = Counter()
    for (a, b), types in ordered:
        weight[a] += sum(types.values())
        weight[b] += sum(types.values())
    # What the events filter searches to find a node's events: its shortest name, which
    # the other names of a merged person contain ("Zelenskiy" in "Volodymyr Zelenskiy").
    match = {key: min(names[key], key=lambda n: (len(n), n)) for key in used}
    return {
        "nodes": [
            {
                "id": key,
                "label": label[key],
                "names": sorted(names[key]),
                "match": match[key],
                "kind": info[key][0],
                "country": info[key][1],
                "events": weight[key],
            }
            for key in used
        ],
        "edges": [
            {
                "source": label[a],
                "target": label[b],
                "source_id": a,
                "target_id": b,
                "source_match": match[a],
                "target_match": match[b],
                "weight": sum(types.values()),
                "types": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            }
            for (a, b), types in ordered
        ],
    }
