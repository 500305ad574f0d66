"""Read queries for stories: the list, one story's members and lineage, its coverage by
outlet and country, and its blindspots. Parameterised SQL only."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import duckdb

from newsgraph.record.types import Record
from newsgraph.stories.outlets import outlet_of

BLINDSPOT_ACTORS = 8  # the story's most mentioned actors that blindspots are measured on
MIN_SHARED_ACTORS = 2  # of them, named together in an article about something else


def article_story(con: duckdb.DuckDBPyConnection, article_id: str) -> str | None:
    row = con.execute(
        "SELECT story_id FROM story_members WHERE article_id = ?", [article_id]
    ).fetchone()
    return str(row[0]) if row else None


def article_lineage(con: duckdb.DuckDBPyConnection, article_id: str) -> list[Record]:
    rows = con.execute(
        "SELECT other_id, relation, similarity FROM lineage WHERE article_id = ?"
        " ORDER BY similarity DESC, other_id",
        [article_id],
    ).fetchall()
    return [{"id": r[0], "relation": r[1], "similarity": r[2]} for r in rows]


def _outlet(
    con: duckdb.DuckDBPyConnection, name: str | None, domain: str | None, outlets: str
) -> Record:
    """Registry entry, else the outlet row stored from page metadata, else the page's own.
    ``outlets`` is the ``outlets`` setting (the user's outlet files)."""
    outlet = outlet_of({"source": {"name": name, "domain": domain}}, outlets)
    if outlet.get("country") is None and outlet.get("domain"):
        row = con.execute(
            "SELECT name, country, language, type FROM outlets WHERE domain = ?",
            [outlet["domain"]],
        ).fetchone()
        if row:
            outlet.update(name=row[0] or outlet["name"], country=row[1], language=row[2])
            outlet["type"] = row[3]
    return outlet


def list_stories(
    con: duckdb.DuckDBPyConnection,
    *,
    limit: int,
    offset: int,
    min_size: int = 1,
    outlets: str = "",
) -> tuple[list[Record], int]:
    total_row = con.execute("SELECT count(*) FROM stories WHERE size >= ?", [min_size]).fetchone()
    rows = con.execute(
        "SELECT s.story_id, s.title, s.size, s.first_published, s.last_published,"
        " list(DISTINCT a.source_domain ORDER BY a.source_domain)"
        "   FILTER (WHERE a.source_domain IS NOT NULL),"
        " list(DISTINCT a.source_name ORDER BY a.source_name)"
        "   FILTER (WHERE a.source_name IS NOT NULL)"
        " FROM stories s JOIN story_members m USING (story_id) JOIN articles a ON a.id ="
        " m.article_id WHERE s.size >= ?"
        " GROUP BY ALL ORDER BY 3 DESC, 5 DESC NULLS LAST, 1"
        " LIMIT ? OFFSET ?",
        [min_size, limit, offset],
    ).fetchall()
    items = [
        {
            "id": r[0],
            "title": r[1],
            "size": r[2],
            "first_published": r[3],
            "last_published": r[4],
            "outlets": sorted({_outlet(con, None, d, outlets)["name"] or d for d in (r[5] or [])}),
            "outlet_names": list(r[6] or []),
        }
        for r in rows
    ]
    return items, int(total_row[0]) if total_row else 0


def _members(con: duckdb.DuckDBPyConnection, story_id: str, outlets: str) -> list[Record]:
    rows = con.execute(
        "SELECT a.id, a.title, a.published, a.source_name, a.source_domain, a.record"
        " FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
        " ORDER BY coalesce(a.published, '~'), a.seq",
        [story_id],
    ).fetchall()
    members = []
    for article_id, title, published, name, domain, record_json in rows:
        record = json.loads(record_json)
        members.append(
            {
                "id": article_id,
                "title": title,
                "published": published,
                "outlet": _outlet(con, name, domain, outlets),
                "sourcing": record.get("sourcing"),
                "lineage": article_lineage(con, article_id),
            }
        )
    return members


def _coverage(members: list[Record]) -> dict[str, list[Record]]:
    by_outlet: dict[str, Record] = {}
    for member in members:  # members are in publication order: the first seen is first
        outlet = member["outlet"]
        key = outlet.get("domain") or outlet.get("name") or "(unknown)"
        entry = by_outlet.setdefault(
            key,
            {
                "outlet": outlet,
                "first_report": member["published"],
                "first_article": member["id"],
                "reports": 0,
                "sourcing": Counter(),
            },
        )
        entry["reports"] += 1
        for kind, count in (member.get("sourcing") or {}).items():
            if isinstance(count, int | float):
                entry["sourcing"][kind] += count
    outlets = [dict(e, sourcing=dict(e["sourcing"])) for e in by_outlet.values()]
    by_country: dict[str, Record] = {}
    for entry in outlets:
        country = entry["outlet"].get("country") or "unknown"
        row = by_country.setdefault(
            country, {"country": country, "first_report": entry["first_report"], "outlets": []}
        )
        row["outlets"].append(entry["outlet"].get("name") or entry["outlet"].get("domain"))
    return {"outlets": outlets, "countries": list(by_country.values())}


def _story_actors(con: duckdb.DuckDBPyConnection, story_id: str) -> list[str]:
    rows = con.execute(
        "SELECT ac.name, count(*) AS n FROM actors ac JOIN story_members m"
        " ON m.article_id = ac.article_id WHERE m.story_id = ? AND ac.kind <> 'media'"
        " GROUP BY ac.name ORDER BY n DESC, ac.name LIMIT ?",
        [story_id, BLINDSPOT_ACTORS],
    ).fetchall()
    return [str(r[0]) for r in rows]


def _blindspots(
    con: duckdb.DuckDBPyConnection,
    story_id: str,
    coverage: dict[str, list[Record]],
    outlet_files: str,
) -> dict[str, Any]:
    """Outlets (and their countries) that report on this story's actors elsewhere in the
    store but did not report this story. An article counts as reporting on the actors when
    it names at least two of them together: one shared country or organisation alone is
    too common to say an outlet follows the story's subject."""
    actors = _story_actors(con, story_id)
    if not actors:
        return {"actors": [], "outlets": [], "countries": []}
    marks = ", ".join("?" * len(actors))
    rows = con.execute(
        "WITH related AS ("
        "  SELECT ac.article_id, list(DISTINCT ac.name) AS names FROM actors ac"
        f"  WHERE ac.name IN ({marks}) AND ac.article_id NOT IN"
        "  (SELECT article_id FROM story_members WHERE story_id = ?)"
        "  GROUP BY ac.article_id HAVING count(DISTINCT ac.name) >= ?)"
        " SELECT a.source_name, a.source_domain, count(*), flatten(list(r.names))"
        " FROM related r JOIN articles a ON a.id = r.article_id"
        " WHERE a.source_domain IS NOT NULL OR a.source_name IS NOT NULL"
        " GROUP BY ALL ORDER BY 3 DESC, 2",
        [*actors, story_id, min(MIN_SHARED_ACTORS, len(actors))],
    ).fetchall()
    covering = {(e["outlet"].get("domain") or e["outlet"].get("name")) for e in coverage["outlets"]}
    covering_countries = {c["country"] for c in coverage["countries"]}
    outlets: list[Record] = []
    for name, domain, articles, names in rows:
        outlet = _outlet(con, name, domain, outlet_files)
        if (outlet.get("domain") or outlet.get("name")) in covering:
            continue
        outlets.append(
            {"outlet": outlet, "articles_on_actors": articles, "actors": sorted(set(names))}
        )
    countries = sorted(
        {o["outlet"]["country"] for o in outlets if o["outlet"].get("country")} - covering_countries
    )
    return {"actors": actors, "outlets": outlets, "countries": countries}


def _negated_media(con: duckdb.DuckDBPyConnection, story_id: str) -> list[Record]:
    rows = con.execute(
        "SELECT q.article_id, q.source_text, q.cue_text, q.content_start, q.content_end, a.text"
        " FROM attributions q JOIN story_members m ON m.article_id = q.article_id"
        " JOIN articles a ON a.id = q.article_id"
        " WHERE m.story_id = ? AND q.negated AND q.source_type = 'media'"
        " ORDER BY q.article_id, q.attribution_id",
        [story_id],
    ).fetchall()
    return [
        {
            "article": r[0],
            "source": r[1],
            "cue": r[2],
            "content": r[5][r[3] : r[4]] if r[3] is not None and r[4] is not None else None,
        }
        for r in rows
    ]


def story_detail(con: duckdb.DuckDBPyConnection, story_id: str, outlets: str = "") -> Record | None:
    row = con.execute(
        "SELECT story_id, title, size, first_published, last_published FROM stories"
        " WHERE story_id = ?",
        [story_id],
    ).fetchone()
    if row is None:
        return None
    members = _members(con, story_id, outlets)
    coverage = _coverage(members)
    lineage = [{"article": m["id"], **link} for m in members for link in m["lineage"]]
    return {
        "id": row[0],
        "title": row[1],
        "size": row[2],
        "first_published": row[3],
        "last_published": row[4],
        "members": members,
        "lineage": lineage,
        "coverage": coverage,
        "blindspots": _blindspots(con, story_id, coverage, outlets),
        "negated_media_reports": _negated_media(con, story_id),
    }
