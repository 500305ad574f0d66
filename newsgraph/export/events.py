"""Event-data shapes: GDELT 2.0 events (TSV), PLOVER (JSON Lines), ACLED (CSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import yaml

from newsgraph.store.event_queries import EventFilter, event_where

# GDELT 2.0 event table columns, in order (the codebook's 61 fields).
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_url",
    "notes",
)
# GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "region": 1, "feature": 4}  # feature: a point
# ACLED geo_precision: 1 exact town, 2 near/region of a town, 3 larger region.
_ACLED_GEO = {"city": 1, "admin1": 2, "region": 3, "country": 3, "feature": 2}


@lru_cache(maxsize=1)
def mappings() -> dict[str, Any]:
    text = files("newsgraph.export").joinpath("data/mappings.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def cameo_root(event_type: str, mode: str | None) -> str | None:
    table = mappings()
    for prefix, code in (table.get("cameo_by_mode_prefix") or {}).items():
        if mode and mode.startswith(prefix):
            return str(code)
    override = table["cameo_overrides_by_mode"].get(event_type, {}).get(mode or "")
    return override or table["plover_to_cameo"].get(event_type)


def _events(
    con: duckdb.DuckDBPyConnection, f: EventFilter, modalities: tuple[str, ...]
) -> Iterator[dict[str, Any]]:
    """Each event with its article's record (for actor, place and time details)."""
    clauses, params = event_where(f)
    if modalities:
        clauses.append(f"e.modality IN ({', '.join('?' * len(modalities))})")
        params += list(modalities)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (
        "SELECT e.event_id, e.event_date, a.id, a.record FROM events e"
        " JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.place_id"
        " LEFT JOIN attributions q ON q.article_id = e.article_id"
        " AND q.attribution_id = e.attribution_id"
        + where
        + " ORDER BY e.event_date NULLS LAST, a.seq, e.event_id"
    )
    cursor = con.execute(sql, params)
    last_id, record = None, {}
    while rows := cursor.fetchmany(500):
        for event_id, event_date, article_id, record_json in rows:
            if article_id != last_id:  # rows of one article come together: parse it once
                record, last_id = json.loads(record_json), article_id
            event = next(v for v in record.get("events", []) if v["id"] == event_id)
            yield {"event": event, "date": event_date, "record": record}


def _by_id(items: list[dict[str, Any]] | None) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items or []}


def _first_actor(ids: list[str], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return actors.get(ids[0], {}) if ids else {}


def _actor_code(actor: dict[str, Any]) -> str:
    # CAMEO-style actor code: country then sector (e.g. ISRSPY); unknown parts left out.
    parts = [actor.get("country") or "", actor.get("sector") or ""]
    return "".join(p for p in parts if p and p != "UNK")


def write_gdelt(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    f: EventFilter,
    modalities: tuple[str, ...] = ("asserted",),
) -> int:
    count = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        for number, item in enumerate(_events(con, f, modalities), start=1):
            event, record, day = item["event"], item["record"], item["date"]
            root = cameo_root(event["type"], event.get("mode"))
            actors = _by_id(record.get("actors"))
            place = _by_id(record.get("places")).get(event.get("place") or "", {})
            one, two = (
                _first_actor(event.get("actors") or [], actors),
                _first_actor(event.get("targets") or [], actors),
            )
            row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
            row.update(
                {
                    "GLOBALEVENTID": number,
                    "Actor1Code": _actor_code(one),
                    "Actor1Name": (one.get("name") or "").upper(),
                    "Actor1CountryCode": one.get("country") or "",
                    "Actor2Code": _actor_code(two),
                    "Actor2Name": (two.get("name") or "").upper(),
                    "Actor2CountryCode": two.get("country") or "",
                    "IsRootEvent": 1,
                    "EventCode": root or "",
                    "EventBaseCode": root or "",
                    "EventRootCode": root or "",
                    "QuadClass": mappings()["quad_class"].get(root, "") if root else "",
                    "NumMentions": len(event.get("mentions") or []) or 1,
                    "NumSources": 1,
                    "NumArticles": 1,
                    "SOURCEURL": record.get("url") or record.get("path") or record["id"],
                }
            )
            if day:
                row.update(
                    {
                        "SQLDATE": day.strftime("%Y%m%d"),
                        "MonthYear": day.strftime("%Y%m"),
                        "Year": day.year,
                        "FractionDate": round(day.year + (day.timetuple().tm_yday / 365), 4),
                    }
                )
            if place:
                row.update(
                    {
                        "ActionGeo_Type": _GEO_TYPE.get(place.get("precision") or "", ""),
                        "ActionGeo_FullName": place.get("name") or place.get("text"),
                        "ActionGeo_CountryCode": place.get("country") or "",
                        "ActionGeo_Lat": place.get("lat") or "",
                        "ActionGeo_Long": place.get("lon") or "",
                        "ActionGeo_FeatureID": place.get("geonameid") or "",
                    }
                )
            writer.writerow(row[c] for c in GDELT_COLUMNS)
            count += 1
    return count


def write_plover(
    con: duckdb.DuckDBPyConnection, target: Path, f: EventFilter, modalities: tuple[str, ...] = ()
) -> int:
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for item in _events(con, f, modalities):
            event, record, day = item["event"], item["record"], item["date"]
            actors = _by_id(record.get("actors"))
            place = _by_id(record.get("places")).get(event.get("place") or "", {})
            one, two = (
                _first_actor(event.get("actors") or [], actors),
                _first_actor(event.get("targets") or [], actors),
            )
            sentence = event.get("sentence") or {}
            out.write(
                json.dumps(
                    {
                        "id": f"{record['id']}-{event['id']}",
                        "date": day.isoformat() if day else None,
                        "event": event["type"],
                        "mode": event.get("mode"),
                        "modality": event.get("modality"),
                        "context": [event["category"]] if event.get("category") else [],
                        "source_actor": one.get("name"),
                        "source_agent": one.get("sector"),
                        "source_country": one.get("country"),
                        "target_actor": two.get("name"),
                        "target_agent": two.get("sector"),
                        "target_country": two.get("country"),
                        "location": {
                            "name": place.get("name"),
                            "country": place.get("country"),
                            "lat": place.get("lat"),
                            "lon": place.get("lon"),
                            "geonameid": place.get("geonameid"),
                        }
                        if place
                        else None,
                        "text": record["text"][sentence.get("start", 0) : sentence.get("end", 0)],
                        "trigger": event.get("trigger"),
                        "attribution": event.get("attribution"),
                        "url": record.get("url"),
                        "publication_date": record.get("published"),
                        "article_id": record["id"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            count += 1
    return count


def write_acled(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    f: EventFilter,
    modalities: tuple[str, ...] = ("asserted",),
) -> int:
    table = mappings()["acled"]
    count = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ACLED_COLUMNS)
        for item in _events(con, f, modalities):
            event, record, day = item["event"], item["record"], item["date"]
            kinds = table.get(event.get("category") or "")
            if not kinds:
                continue
            actors = _by_id(record.get("actors"))
            times = _by_id(record.get("times"))
            place = _by_id(record.get("places")).get(event.get("place") or "", {})
            own_time = times.get(event.get("time") or "", {})
            # ACLED time_precision: 1 day, 2 week or near a day, 3 month or vaguer.
            precision = {"day": 1, "week": 2}.get(own_time.get("precision") or "", 3)
            sentence = event.get("sentence") or {}
            count += 1
            writer.writerow(
                [
                    f"{record['id']}-{event['id']}",
                    day.isoformat() if day else "",
                    day.year if day else "",
                    precision,
                    kinds[0],
                    kinds[1],
                    _first_actor(event.get("actors") or [], actors).get("name", ""),
                    _first_actor(event.get("targets") or [], actors).get("name", ""),
                    place.get("country") or "",
                    place.get("name") or "",
                    place.get("lat") if place else "",
                    place.get("lon") if place else "",
                    _ACLED_GEO.get(place.get("precision") or "", "") if place else "",
                    (record.get("source") or {}).get("name") or "",
                    record.get("url") or "",
                    record["text"][sentence.get("start", 0) : sentence.get("end", 0)],
                ]
            )
    return count
