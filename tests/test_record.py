"""The Analysis record holds to its types (newsgraph/record), and the API publishes them."""

from __future__ import annotations

import copy

from newsgraph.record.check import problems
from newsgraph.record.vocabulary import PLOVER_TYPES, SOURCE_TYPES


def _records(client):
    listing = client.get("/api/articles", params={"limit": 500}).json()
    return [client.get(f"/api/articles/{item['id']}").json() for item in listing["items"]]


def test_every_stored_record_matches_the_types(client):
    records = _records(client)
    assert len(records) >= 20
    for record in records:
        assert problems(record) == [], record["id"]
    assert any(record.get("events") for record in records)


def test_the_checker_sees_what_breaks_the_contract(client):
    [record, *_] = [r for r in _records(client) if r.get("events") and r.get("attributions")]
    broken = copy.deepcopy(record)
    broken["events"][0]["type"] = "PARTY"
    broken["attributions"][0]["source_type"] = "rumour"
    broken["places"] = [{"id": "P1"}]
    broken["surprise"] = 1
    del broken["text"]
    found = problems(broken)
    assert "record: missing 'text'" in found
    assert "record: unknown field 'surprise'" in found
    assert any(p.startswith("record.events[0].type: 'PARTY'") for p in found)
    assert any(p.startswith("record.attributions[0].source_type: 'rumour'") for p in found)
    assert any(p.startswith("record.places[0]: missing") for p in found)


def test_vocabularies_are_defined_once():
    """No module but the vocabulary spells out a list of PLOVER types or source types."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "newsgraph"
    vocabularies = (set(PLOVER_TYPES), set(SOURCE_TYPES))
    copies = []
    for path in package.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if any(len(words & vocabulary) >= 3 for vocabulary in vocabularies):
                    copies.append(f"{path.relative_to(package)}:{node.lineno}")
    assert copies == []
    from newsgraph.extract.events import lexicon
    from newsgraph.server import event_params

    assert lexicon.PLOVER_TYPES is PLOVER_TYPES is event_params.PLOVER_TYPES
    assert event_params.SOURCE_TYPES is SOURCE_TYPES


def test_openapi_shows_the_record(client):
    spec = client.get("/api/openapi.json").json()
    answer = spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/AnalysisRecord")
    event = spec["components"]["schemas"]["Event"]
    assert set(event["properties"]["type"]["enum"]) == set(PLOVER_TYPES)
    assert "same_as" not in event["required"] and "trigger" in event["required"]


def _documented_fields(section: str) -> set[str]:
    """The field names in the first column of the table under ``section`` in record.md."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "record.md").read_text("utf-8")
    start = text.index(f"\n{section}\n")
    end = text.find("\n#", start + len(section) + 2)
    body = text[start : end if end != -1 else None]
    fields: set[str] = set()
    for line in body.splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            fields |= set(re.findall(r"`([a-z_]+)`", first))
    return fields


def test_docs_record_md_documents_exactly_the_typed_fields():
    from typing_extensions import get_type_hints

    from newsgraph.record import types

    sections = {
        "## Top-level fields": types.AnalysisRecord,
        "### `source`": types.Source,
        "### `entities[]`": types.Entity,
        "### `actors[]`": types.Actor,
        "### `places[]`": types.Place,
        "### `times[]`": types.Time,
        "### `events[]`": types.Event,
        "### `attributions[]`": types.Attribution,
        "### `sourcing`": types.Sourcing,
        "### `provenance`": types.Provenance,
    }
    for section, schema in sections.items():
        assert _documented_fields(section) == set(get_type_hints(schema)), section


def test_numbers_must_be_finite_json_numbers():
    from newsgraph.record.types import Place

    place = {
        "id": "P1",
        "text": "Oslo",
        "start": 0,
        "end": 4,
        "name": "Oslo",
        "country": "NOR",
        "lat": float("nan"),
        "lon": float("inf"),
        "geonameid": None,
        "feature": None,
        "precision": "city",
    }
    assert len(problems(place, Place, "place")) == 2
