"""Who an event rests on, for a row of the events table: its attribution's source, type,
cue, hedges and whether it is a direct quote, and the chain of sources it relays
("Israeli TV <- unnamed sources"), read from the attributions table."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from newsgraph.record.types import Record

# A relayed chain longer than this is cut: real reports relay two or three times at most.
MAX_CHAIN = 5


def attribution_chains(
    con: duckdb.DuckDBPyConnection, articles: set[str]
) -> dict[str, dict[str, Record]]:
    """Every attribution of ``articles``: article id -> attribution id -> its fields."""
    if not articles:
        return {}
    marks = ", ".join("?" * len(articles))
    rows = con.execute(
        "SELECT article_id, attribution_id, source_text, source_type, cue_text, direct, via,"
        f" negated, hedges FROM attributions WHERE article_id IN ({marks})",
        sorted(articles),
    ).fetchall()
    found: dict[str, dict[str, Record]] = {}
    for article, qid, source, kind, cue, direct, via, negated, hedges in rows:
        found.setdefault(article, {})[qid] = {
            "id": qid,
            "source": source,
            "source_type": kind,
            "cue": cue,
            "direct": bool(direct),
            "via": via,
            "negated": bool(negated),
            "hedges": _words(hedges),
        }
    return found


def _words(value: Any) -> list[str]:
    return [str(w) for w in json.loads(value)] if value else []


def sourcing(attributions: dict[str, Record], attribution_id: str) -> Record:
    """The event's attribution with ``chain``: the sources it relays, nearest first."""
    own = dict(attributions.get(attribution_id) or {"id": attribution_id})
    chain: list[Record] = []
    seen = {attribution_id}
    via = own.get("via")
    while via and via not in seen and len(chain) < MAX_CHAIN:
        seen.add(via)
        relayed = attributions.get(via)
        if relayed is None:
            break
        chain.append(
            {"id": via, "source": relayed["source"], "source_type": relayed["source_type"]}
        )
        via = relayed.get("via")
    own["chain"] = chain
    return own
