from __future__ import annotations

import json

import pytest

from newsgraph.eval.geo import (
    Article,
    GoldToponym,
    Tally,
    evaluate_geo,
    haversine_km,
    read_gwn,
    score_article,
)
from newsgraph.extract.places import gazetteer as gazetteer_module
from newsgraph.extract.places.component import place_ids_in
from newsgraph.extract.places.gazetteer import Candidate, Gazetteer, load_gazetteer, normalise

from conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())
# The quality gate scores the first articles of GWN to keep the suite fast; the CLI
# (`newsgraph eval geo`) scores all 200.
GWN_TEST_ARTICLES = 80


def places(nlp, text: str) -> list[dict]:
    return nlp(text)._.ng_places


def by_text(found: list[dict]) -> dict[str, dict]:
    return {p["text"]: p for p in found}


def near(place: dict, lat: float, lon: float, km: float = 100.0) -> bool:
    return haversine_km(place["lat"], place["lon"], lat, lon) <= km


def test_country_is_a_place_with_a_point(nlp):
    found = places(nlp, "Heavy rain flooded villages across Bangladesh on Tuesday.")
    assert len(found) == 1
    place = found[0]
    assert place["id"] == "P1" and place["text"] == "Bangladesh"
    assert place["country"] == "BGD" and place["precision"] == "country"
    assert near(place, 23.7, 90.3, km=300)


def test_record_shape_and_offsets(nlp):
    text = "Ferries left Piraeus for Crete while storms closed the port of Patras."
    found = places(nlp, text)
    assert [p["id"] for p in found] == [f"P{i}" for i in range(1, len(found) + 1)]
    assert [p["start"] for p in found] == sorted(p["start"] for p in found)
    for place in found:
        assert text[place["start"] : place["end"]] == place["text"]
        assert set(place) == {
            "id",
            "text",
            "start",
            "end",
            "name",
            "country",
            "lat",
            "lon",
            "geonameid",
            "feature",
            "precision",
        }
    assert all(p["country"] == "GRC" for p in found)


def test_city_with_state_context(nlp):
    found = by_text(places(nlp, "She grew up in Paris, Texas, before moving to Dallas."))
    assert found["Paris"]["country"] == "USA"
    assert near(found["Paris"], 33.66, -95.56)
    assert found["Texas"]["precision"] == "admin1"


def test_ambiguous_name_follows_the_document(nlp):
    american = by_text(
        places(nlp, "The mayor of Alexandria, Louisiana, said the levee in Pineville held.")
    )
    assert american["Alexandria"]["country"] == "USA"
    egyptian = by_text(
        places(nlp, "Crowds filled the corniche in Alexandria as Cairo prepared for the holiday.")
    )
    assert egyptian["Alexandria"]["country"] == "EGY"


def test_organisation_named_after_a_place_is_not_a_place(nlp):
    found = places(nlp, "Students at Istanbul University protested against the new fees.")
    assert not any("Istanbul" in p["text"] for p in found)


def test_demonym_is_not_a_place(nlp):
    assert places(nlp, "Turkish officials welcomed the decision on Monday.") == []


def test_aliases_and_regions(nlp):
    text = (
        "Aid trucks entered the Gaza Strip while clashes went on in the West Bank. The envoy "
        "flew from Kiev to Burma via the U.S. and Britain."
    )
    found = by_text(places(nlp, text))
    assert found["Gaza Strip"]["country"] == "PSE" and found["Gaza Strip"]["precision"] == "region"
    assert found["West Bank"]["country"] == "PSE"
    assert found["Kiev"]["name"] == "Kyiv"
    assert found["Burma"]["country"] == "MMR"
    assert found["U.S."]["country"] == "USA"
    assert found["Britain"]["country"] == "GBR"


def test_outlet_country_breaks_a_tie(nlp):
    text = "Council members in Perth voted on the new bus routes."
    doc = nlp.make_doc(text)
    doc._.ng_source = {"name": "Highland Courier", "domain": "courier.test", "country": "GB"}
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert by_text(doc._.ng_places)["Perth"]["country"] == "GBR"
    assert by_text(places(nlp, text))["Perth"]["country"] == "AUS"


def test_place_ids_in_a_range(nlp):
    text = "Talks in Doha ended. Fighting resumed near Aleppo."
    doc = nlp(text)
    first_sentence_end = text.index(".") + 1
    ids = place_ids_in(doc, 0, first_sentence_end)
    assert [p["text"] for p in doc._.ng_places if p["id"] in ids] == ["Doha"]
    assert place_ids_in(doc, 0, len(text)) == [p["id"] for p in doc._.ng_places]


@pytest.mark.shared_data
def test_seed_page_places(nlp):
    text = shared_path("seed", "000_944e2e68a596274f.txt").read_text(encoding="utf-8")
    found = places(nlp, text)
    expected = {
        "Turkey": ("TUR", 39.0, 35.0, 400),
        "Istanbul": ("TUR", 41.01, 28.95, 50),
        "Beirut": ("LBN", 33.89, 35.50, 50),
        "Doha": ("QAT", 25.29, 51.53, 50),
        "Qatar": ("QAT", 25.3, 51.2, 150),
        "Gaza Strip": ("PSE", 31.4, 34.4, 50),
        "Lebanon": ("LBN", 33.9, 35.9, 150),
        "Israel": ("ISR", 31.5, 34.9, 150),
    }
    for name, (country, lat, lon, km) in expected.items():
        mentions = [p for p in found if p["text"] == name]
        assert mentions, f"{name} not found"
        for place in mentions:
            assert place["country"] == country, place
            assert near(place, lat, lon, km), place
            assert text[place["start"] : place["end"]] == name


def _tiny_index() -> Gazetteer:
    town = Candidate(1, "Testville", "XTS", 1.0, 2.0, 1000, "PPL", "")
    return Gazetteer([tuple(town)], {normalise("Testville"): (0,)})


def test_index_is_cached_on_disk(tmp_path, monkeypatch):
    built = []

    def build() -> Gazetteer:
        built.append(1)
        return _tiny_index()

    first, cached = load_gazetteer(cache=str(tmp_path), build=build)
    assert not cached and len(built) == 1
    assert list(tmp_path.glob("gazetteer-v*.pickle"))
    second, cached = load_gazetteer(cache=str(tmp_path), build=build)
    assert cached and len(built) == 1
    assert second.lookup("testville") == first.lookup("Testville")
    # A new index version is rebuilt, and the stale file is removed.
    monkeypatch.setattr(gazetteer_module, "INDEX_VERSION", gazetteer_module.INDEX_VERSION + 1)
    _, cached = load_gazetteer(cache=str(tmp_path), build=build)
    assert not cached and len(built) == 2
    assert len(list(tmp_path.glob("gazetteer-v*.pickle"))) == 1


def test_geo_scoring_conventions():
    text = "Russian envoys met in Lyon and then the Bureau of Trade."
    gold = [
        GoldToponym("Russian", "Non_Literal_Modifier", "Adjective", 0, 7, 55.0, 37.0),
        GoldToponym("Lyon", "Literal", "", 21, 25, 45.76, 4.84),
        GoldToponym("Bureau", "Non_Toponym", "", 40, 46, None, None),
    ]
    article = Article(0, text, gold, misaligned=0)
    predicted = [
        {"start": 0, "end": 7, "lat": 55.0, "lon": 37.0},  # adjectival: left out
        {"start": 21, "end": 25, "lat": 45.7, "lon": 4.9},  # found, within 161 km
        {"start": 40, "end": 46, "lat": 0.0, "lon": 0.0},  # no coordinates in gold: left out
        {"start": 8, "end": 14, "lat": 0.0, "lon": 0.0, "text": "envoys"},  # spurious
    ]
    tally = Tally()
    score_article(article, predicted, tally)
    assert (tally.gold, tally.found, tally.within) == (1, 1, 1)
    assert (tally.predicted, tally.predicted_correct) == (2, 1)
    assert round(haversine_km(0.0, 0.0, 0.0, 1.0)) == 111


@pytest.mark.shared_data
def test_gwn_offsets_line_up():
    articles = list(read_gwn(shared_path("data", "geo", "GWN.xml")))
    assert len(articles) == 200
    aligned = sum(len(a.toponyms) for a in articles)
    misaligned = sum(a.misaligned for a in articles)
    assert misaligned <= 10 and aligned > 6500
    for article in articles:
        for toponym in article.toponyms:
            assert article.text[toponym.start : toponym.end] == toponym.name


@pytest.mark.shared_data
def test_geo_quality_floor(config, nlp):
    """The quality gate: span F1 and accuracy@161 km on the first GWN articles."""
    path = shared_path("data", "geo", "GWN.xml")
    result = evaluate_geo(path, config=config, limit=GWN_TEST_ARTICLES, nlp=nlp)
    assert result["articles"] == GWN_TEST_ARTICLES
    assert result["geo_span_f1"] >= FLOORS["geo_span_f1"], result
    assert result["geo_acc161"] >= FLOORS["geo_acc161"], result


# --- misplacements fixed as classes (invented sentences) ---------------------------------


def test_division_outside_the_united_states(nlp):
    found = by_text(places(nlp, "Tourists returned to Bali once the airport in Denpasar opened."))
    assert found["Bali"]["country"] == "IDN" and found["Bali"]["precision"] == "admin1"
    assert near(found["Bali"], -8.4, 115.2, km=100)


def test_divisions_from_a_town_table():
    from newsgraph.extract.places.divisions import divisions

    table = (
        "lat,lon,name,admin1,admin2,cc\r\n"
        "1.00,2.00,Alpha,Upland,,XX\r\n"
        "1.50,2.50,Beta,Upland,,XX\r\n"
        "9.00,9.00,Gamma,Lowland,,XX\r\n"
    )
    cities = {
        "1": {
            "countrycode": "XX",
            "name": "Alpha",
            "latitude": 1.0,
            "longitude": 2.0,
            "admin1code": "07",
        },
    }
    found = {d.name: d for d in divisions(cities, table)}
    assert found["Upland"].code == "07" and len(found["Upland"].points) == 2
    assert found["Lowland"].code == "" and found["Lowland"].points == [(9.0, 9.0)]


def test_folded_spellings_do_not_become_small_towns(nlp):
    text = "The UN envoy met Tongan officials and later flew to Korea for talks."
    found = places(nlp, text)
    assert not any(p["text"] in ("UN", "Tongan") for p in found), found
    korea = by_text(found).get("Korea")
    assert korea is None or korea["country"] != "CIV"


def test_surname_of_a_person_is_not_a_place(nlp):
    text = "Evo Morales addressed supporters in La Paz. Later Morales flew to Cochabamba."
    found = places(nlp, text)
    assert "Morales" not in by_text(found)
    assert by_text(found)["La Paz"]["country"] == "BOL"


def test_seat_of_government_is_a_place_only_as_a_building(nlp):
    said = places(nlp, "The Kremlin denied the report, and White House aides declined to comment.")
    assert not any(p["text"] in ("Kremlin", "White House") for p in said), said
    found = by_text(places(nlp, "Protesters gathered outside the White House on Sunday."))
    house = found["White House"]
    assert house["country"] == "USA" and house["precision"] == "feature"
    assert near(house, 38.9, -77.04, km=5)


def test_canals_and_capes(nlp):
    text = (
        "Tankers queued at the Suez Canal while others sailed around the Cape of Good Hope "
        "to reach London."
    )
    found = by_text(places(nlp, text))
    assert found["Suez Canal"]["country"] == "EGY" and near(found["Suez Canal"], 30.6, 32.3)
    assert found["Cape of Good Hope"]["country"] == "ZAF"
    assert near(found["Cape of Good Hope"], -34.36, 18.47)
    assert {found[n]["precision"] for n in ("Suez Canal", "Cape of Good Hope")} == {"feature"}


def test_unknown_group_is_not_put_at_the_main_place(nlp):
    text = "In Aleppo the White Helmets pulled survivors from the rubble of Aleppo's old city."
    assert "White Helmets" not in by_text(places(nlp, text))


def test_an_unknown_named_division_stays_a_place(nlp):
    # A name the gazetteer lacks, followed by a division word, is a place of that kind
    # (kept unresolved), not a group the model mistook for one.
    text = "A roadside bomb struck a police convoy in Logar province on Sunday."
    assert "Logar province" in by_text(places(nlp, text))


def test_every_place_keeps_its_precision(nlp):
    text = (
        "From Bavaria to Texas, from Bangladesh to the Strait of Hormuz and the Sahel, "
        "reporters in Lyon and at the Pentagon followed the storm."
    )
    found = places(nlp, text)
    assert len(found) >= 6
    allowed = {"country", "admin1", "city", "region", "feature"}
    assert all(p["precision"] in allowed for p in found), found
    precision = {p["text"]: p["precision"] for p in found}
    assert precision["Bavaria"] == "admin1" and precision["Bangladesh"] == "country"
    assert precision["Strait of Hormuz"] == "feature" and precision["Lyon"] == "city"
