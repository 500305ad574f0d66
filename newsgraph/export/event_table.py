"""Events as one flat CSV table: a row per event, with its actors, place, category,
confidence and sourcing spelled out, as the dashboard's events table shows them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb

# The event writers' own reader (each event with its article's record), so this table
# selects and orders events exactly as the GDELT, PLOVER and ACLED files do.
from newsgraph.export.events import _by_id as by_id
from newsgraph.export.events import _events as events_with_records
from newsgraph.store.event_queries import EventFilter

EVENT_TABLE_COLUMNS = (
    "article_id",
    "event_id",
    "date",
    "type",
    "mode",
    "modality",
    "category",
    "confidence",
    "trigger",
    "actors",
    "targets",
    "place",
    "place_text",
    "place_precision",
    "country",
    "latitude",
    "longitude",
    "source_type",
    "source",
    "relayed_from",
    "direct_quote",
    "hedges",
    "outlet",
    "title",
    "url",
)


def _names(ids: list[str], actors: dict[str, dict[str, Any]]) -> str:
    return "; ".join(actors.get(i, {}).get("name") or i for i in ids)


def _relayed(attribution: dict[str, Any], quotes: dict[str, dict[str, Any]]) -> str:
    """The sources an attribution relays, nearest first: "unnamed officials; ministry"."""
    chain, seen, via = [], {attribution.get("id")}, attribution.get("via")
    while via and via not in seen and via in quotes:
        seen.add(via)
        relayed = quotes[via]
        chain.append((relayed.get("source") or {}).get("text") or relayed.get("source_type"))
        via = relayed.get("via")
    return "; ".join(str(c) for c in chain)


def write_event_table(
    con: duckdb.DuckDBPyConnection, target: Path, f: EventFilter, modalities: tuple[str, ...] = ()
) -> int:
    count = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EVENT_TABLE_COLUMNS)
        for item in events_with_records(con, f, modalities):
            event, record, day = item["event"], item["record"], item["date"]
            actors = by_id(record.get("actors"))
            quotes = by_id(record.get("attributions"))
            place = by_id(record.get("places")).get(event.get("place") or "", {})
            quote = quotes.get(event.get("attribution") or "", {})
            hedges = [*(event.get("hedges") or []), *(quote.get("hedges") or [])]
            writer.writerow(
                [
                    record["id"],
                    event["id"],
                    day.isoformat() if day else "",
                    event["type"],
                    event.get("mode") or "",
                    event.get("modality") or "",
                    event.get("category") or "",
                    event.get("confidence") if event.get("confidence") is not None else "",
                    (event.get("trigger") or {}).get("text") or "",
                    _names(event.get("actors") or [], actors),
                    _names(event.get("targets") or [], actors),
                    place.get("name") or "",
                    place.get("text") or "",
                    place.get("precision") or "",
                    place.get("country") or "",
                    place.get("lat") if place.get("lat") is not None else "",
                    place.get("lon") if place.get("lon") is not None else "",
                    quote.get("source_type") or ("none" if not quote else ""),
                    (quote.get("source") or {}).get("text") or "",
                    _relayed(quote, quotes) if quote else "",
                    "yes" if quote.get("direct") else "no",
                    "; ".join(dict.fromkeys(hedges)),
                    (record.get("source") or {}).get("name") or "",
                    record.get("title") or "",
                    record.get("url") or "",
                ]
            )
            count += 1
    return count
