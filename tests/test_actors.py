"""Actors: mentions become coded actors; names, titles and descriptions are linked."""

from __future__ import annotations

import textwrap

from newsgraph.extract.actors import dictionary as actor_dictionary
from newsgraph.extract.actors.demonyms import capital_country, country_code
from newsgraph.extract.common.folding import fold, name_parts


def _actors(nlp, text):
    doc = nlp(text)
    return doc, doc._.ng_actors


def _by_name(actors, fragment):
    found = [a for a in actors if fragment.lower() in a["name"].lower()]
    assert found, (fragment, [a["name"] for a in actors])
    return found[0]


def test_folding_and_countries():
    assert fold("Erdoğan") == fold("Erdogan") == "erdogan"
    assert name_parts("Omar al-Rashidi") == ("omar", "rashidi")
    assert country_code("Turkish") == "TUR" and country_code("U.S.") == "USA"
    assert country_code("the United Kingdom") == "GBR" and country_code("Nowhereland") is None
    assert capital_country("Ankara") == "TUR"


def test_every_named_entity_becomes_or_joins_an_actor(nlp):
    doc, actors = _actors(nlp, "Omar al-Rashidi met Canadian officials in Ottawa on Monday.")
    mentioned = {m for a in actors for m in a["mentions"]}
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "NORP"}:
            assert ent._.entity_id in mentioned
    officials = _by_name(actors, "officials")
    assert officials["country"] == "CAN" and officials["sector"] == "GOV"
    for actor in actors:
        for span in actor["spans"]:
            assert doc.text[span["start"] : span["end"]] == span["text"]


def test_partial_and_accent_variant_names_link(nlp):
    text = (
        "Omar al-Rashidi, a senior commander of the Northern Front, arrived on Monday. "
        "Rashidi later spoke to reporters. President Recep Tayyip Erdoğan welcomed him, "
        "and Erdogan said more talks would follow."
    )
    _, actors = _actors(nlp, text)
    rashidi = _by_name(actors, "Omar al-Rashidi")
    assert any(s["text"] == "Rashidi" for s in rashidi["spans"])
    assert not [a for a in actors if a["name"] == "Rashidi"]
    erdogan = _by_name(actors, "Erdoğan")
    assert any(s["text"] == "Erdogan" for s in erdogan["spans"])
    assert erdogan["country"] == "TUR" and erdogan["sector"] == "GOV"


def test_definite_description_joins_the_office_holder(nlp):
    text = (
        "President Recep Tayyip Erdogan addressed parliament in Ankara on Tuesday. "
        "The Turkish president said the border would stay open."
    )
    _, actors = _actors(nlp, text)
    erdogan = _by_name(actors, "Erdo")
    assert any("Turkish president" in s["text"] for s in erdogan["spans"])
    assert any("president" in r["title"].lower() for r in erdogan["roles"])


def test_roles_affiliations_and_base_from_appositions(nlp):
    text = (
        "On Monday Samir Haddad, head of the Jordanian intelligence agency, met Karim Nasser, "
        "a former chief of the Al-Wadi Brigades who has been based in Amman."
    )
    _, actors = _actors(nlp, text)
    haddad = _by_name(actors, "Samir Haddad")
    assert [r["title"] for r in haddad["roles"]] == ["head"]
    assert [a["name"] for a in haddad["affiliations"]] == ["Jordanian intelligence agency"]
    assert haddad["country"] == "JOR" and haddad["sector"] == "SPY"
    nasser = _by_name(actors, "Karim Nasser")
    assert nasser["roles"][0]["title"] == "former chief"
    assert [b["text"] for b in nasser["based_in"]] == ["Amman"]


def test_the_group_refers_back_to_the_organisation(nlp):
    text = "Hamas held a meeting in Doha. The group said its leaders were united."
    _, actors = _actors(nlp, text)
    hamas = _by_name(actors, "Hamas")
    assert any(s["text"] == "group" for s in hamas["spans"])
    assert hamas["country"] == "PSE"


def test_unknown_actor_keeps_text_and_unknown_codes(nlp):
    _, actors = _actors(nlp, "The Zentrix Collective said it would keep working.")
    unknown = _by_name(actors, "Zentrix")
    assert unknown["country"] is None and unknown["sector"] == "UNK"


def test_dictionary_is_extendable_by_env_var(tmp_path, monkeypatch):
    extra = tmp_path / "more_actors.yaml"
    extra.write_text(
        textwrap.dedent("""
        actors:
          - {name: Velmora Press Union, aliases: [VPU], kind: organization, country: ISL,
             sector: LAB}
    """),
        encoding="utf-8",
    )
    index = actor_dictionary.dictionary(str(extra))
    entry = actor_dictionary.lookup("VPU", index)
    assert entry is not None and entry.country == "ISL" and entry.sector == "LAB"
    assert actor_dictionary.lookup("Hamas", index) is not None  # the shipped entries stay
    assert actor_dictionary.lookup("VPU") is None  # the shipped dictionary alone


def test_dictionary_roles_respect_dates():
    entry = actor_dictionary.lookup("Erdogan")
    assert entry is not None
    assert entry.valid_on("2023-12-01") and not entry.valid_on("2001-01-01")


def test_a_descriptive_alias_joins_its_dictionary_actor(nlp):
    """ "The UN refugee agency" is UNHCR's alias in the dictionary, though "UN" inside it is
    an entity of its own."""
    text = "UNHCR opened a camp near the border. The UN refugee agency said it had room for more."
    _, actors = _actors(nlp, text)
    unhcr = _by_name(actors, "UNHCR")
    assert any("refugee agency" in s["text"] for s in unhcr["spans"])
    assert not [a for a in actors if a["name"].lower().endswith("refugee agency")]
