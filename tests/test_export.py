"""Exports and the notebook API over the hand-made events store."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import duckdb

import newsgraph

CLI = [sys.executable, "-m", "newsgraph.cli", "export"]


def export(db, *args):
    out = subprocess.run([*CLI, "--db", str(db), *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_gdelt_shape_and_codes(events_db, tmp_path):
    target = tmp_path / "events.tsv"
    assert export(events_db, "--format", "gdelt", "-o", str(target))["rows"] == 3
    rows = list(csv.DictReader(target.open(), delimiter="\t"))
    assert len(rows[0]) == 61
    first = rows[0]
    assert (first["SQLDATE"], first["EventRootCode"], first["QuadClass"]) == ("20230201", "04", "1")
    assert (first["Actor1CountryCode"], first["Actor1Code"], first["Actor2Name"]) == (
        "TUR",
        "TURGOV",
        "GREECE",
    )
    assert (first["ActionGeo_FullName"], first["ActionGeo_Lat"]) == ("Ankara", "39.93")
    assault = next(r for r in rows if r["EventRootCode"] == "18")
    assert assault["QuadClass"] == "4"


def test_plover_acled_jsonl_tables(events_db, tmp_path):
    plover = tmp_path / "events.jsonl"
    assert (
        export(events_db, "--format", "plover", "-o", str(plover), "--all-modalities")["rows"] == 5
    )
    first = json.loads(plover.read_text().splitlines()[0])
    assert first["event"] == "CONSULT" and first["source_country"] == "TUR"
    assert (
        export(
            events_db,
            "--format",
            "plover",
            "-o",
            str(plover),
            "--type",
            "threaten",
            "--all-modalities",
        )["rows"]
        == 1
    )

    acled = tmp_path / "acled.csv"
    assert export(events_db, "--format", "acled", "-o", str(acled))["rows"] == 1
    [row] = list(csv.DictReader(acled.open()))
    assert (row["event_type"], row["sub_event_type"], row["location"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        "Kyiv",
    )

    records = tmp_path / "records.jsonl"
    assert (
        export(events_db, "--format", "jsonl", "-o", str(records), "--since", "2023-03-01")["rows"]
        == 2
    )

    tables = tmp_path / "tables"
    files = export(events_db, "--format", "parquet", "-o", str(tables))["files"]
    assert len(files) == 9
    with duckdb.connect() as con:
        count = con.execute(
            "SELECT count(*) FROM read_parquet(?)", [str(tables / "events.parquet")]
        ).fetchone()
        roles = con.execute(
            "SELECT role, count(*) FROM read_parquet(?) GROUP BY role ORDER BY role",
            [str(tables / "event_actors.parquet")],
        ).fetchall()
    assert count == (5,)
    assert roles == [("actor", 5), ("target", 5)]
    export(events_db, "--format", "csv", "-o", str(tables))
    assert (tables / "actors.csv").read_text().startswith("article_id,actor_id,name")


def test_notebook_api(events_db):
    with newsgraph.open(events_db) as data:
        frame = data.events(types=("consult",), modality="asserted")
        assert list(frame["article_id"]) == ["art-1", "art-5"]
        assert set(frame.columns) >= {"type", "place_name", "lat", "source_type", "title"}
        assert len(data.articles()) == 5 and "record" not in data.articles().columns
        assert len(data.actors()) == 10
        assert data.sql("SELECT count(*) AS n FROM events WHERE type = ?", ["ASSAULT"])["n"][0] == 1


def test_a_stated_intention_exports_as_cameo_intent_to_cooperate():
    from newsgraph.export.events import cameo_root

    assert cameo_root("AID", "intend-aid") == "03"
    assert cameo_root("AID", None) == "07"
    assert cameo_root("REQUEST", "demand") == "10"
