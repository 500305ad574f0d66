"""Toponyms found by the sentence's own cues, and the look-alikes they must not take.

Invented sentences; see newsgraph/extract/places/cues.py and mentions.py.
"""

from __future__ import annotations

from newsgraph.eval.geo import haversine_km


def places(nlp, text: str) -> list[dict]:
    return nlp(text)._.ng_places


def texts(found: list[dict]) -> set[str]:
    return {p["text"] for p in found}


def by_text(found: list[dict]) -> dict[str, dict]:
    return {p["text"]: p for p in found}


def test_name_after_a_kind_of_place_is_a_place(nlp):
    text = "Floods cut off the remote village of Qaryat Zilfa on Monday, officials in Homs said."
    found = by_text(places(nlp, text))
    assert "Qaryat Zilfa" in found
    # Unknown to the gazetteer, it takes the point of the town named next to it.
    assert found["Qaryat Zilfa"]["geonameid"] is None
    assert found["Qaryat Zilfa"]["country"] == "SYR"


def test_kind_noun_needs_its_of_and_a_name(nlp):
    found = texts(places(nlp, "The city council of the town met the state officials."))
    assert found == set()


def test_parts_of_a_hyphenated_compound(nlp):
    found = by_text(places(nlp, "Ministers discussed Armenia-Georgia border crossings."))
    assert found["Armenia"]["country"] == "ARM"
    assert found["Georgia"]["country"] == "GEO"


def test_compound_inside_a_longer_name_is_left_alone(nlp):
    text = "Forecasters expect the El Niño-Southern Oscillation to turn neutral."
    assert "Southern" not in texts(places(nlp, text))


def test_known_name_before_an_area_noun(nlp):
    text = "Officials urged Ashland residents to boil their water after the main broke."
    assert "Ashland" in texts(places(nlp, text))


def test_named_state_of_a_country(nlp):
    found = by_text(places(nlp, "Gunmen raided two villages in Zamfara State overnight."))
    assert any("Zamfara" in name for name in found)
    place = next(p for name, p in found.items() if "Zamfara" in name)
    assert place["country"] == "NGA"


def test_state_inside_a_longer_name_stays_an_organisation(nlp):
    text = "Students of Zamfara State University protested on Monday."
    assert not any("Zamfara" in p for p in texts(places(nlp, text)))


def test_surname_named_like_a_division_is_the_person(nlp):
    text = "Chris Paul scored 27 points for Houston. Paul later thanked the fans."
    found = places(nlp, text)
    assert [p["text"] for p in found if p["text"] == "Paul"] == []


def test_unknown_word_in_capitals_is_no_place(nlp):
    assert "OT" not in texts(places(nlp, "The Bulldogs finally won in OT on Friday night."))


def test_town_name_at_the_start_of_a_longer_name(nlp):
    text = "She held senior roles at Lombard Odier before joining the fund."
    assert "Lombard" not in texts(places(nlp, text))


def test_building_takes_the_point_of_the_town_named_next_to_it(nlp):
    text = (
        "Hundreds of fans queued outside the Barclays Center in Brooklyn. Earlier, the "
        "promoters had met sponsors in Los Angeles and Chicago."
    )
    found = by_text(places(nlp, text))
    hall = found["Barclays Center"]
    assert haversine_km(hall["lat"], hall["lon"], 40.68, -73.97) < 50


def test_dateline_town_is_the_focus_of_a_local_story(nlp):
    text = (
        "ATLANTA (AP) — Protesters gathered at City Hall on Tuesday to demand a vote on the "
        "budget, which has been argued over for weeks by council members, residents and "
        "business owners alike in long and heated public sessions.\n"
        "Similar budget fights have played out in New York and Los Angeles this year."
    )
    found = by_text(places(nlp, text))
    hall = found["City Hall"]
    assert haversine_km(hall["lat"], hall["lon"], 33.75, -84.39) < 50


def test_unknown_name_followed_by_its_kind_is_a_place(nlp):
    found = by_text(places(nlp, "Government aircraft bombed Dar Kulla village on Sunday."))
    assert "Dar Kulla" in found and found["Dar Kulla"]["geonameid"] is None


def test_known_name_before_a_kind_noun_stays_resolved(nlp):
    found = by_text(places(nlp, "Floods reached Mosul city on Sunday."))
    assert found["Mosul"]["geonameid"] is not None
