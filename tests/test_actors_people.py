"""People and organisations: titles, appositions, surnames, pronouns and inner names.

Invented sentences only. Each test names the failure class it guards against."""

from __future__ import annotations

from newsgraph.extract.actors.linking import same_person
from newsgraph.extract.actors.role_words import role_words
from newsgraph.extract.actors.titles import gender_of_words, party_tag_country
from newsgraph.extract.common.folding import name_parts


def _actors(nlp, text):
    doc = nlp(text)
    return doc, doc._.ng_actors


def _named(actors, name):
    found = [a for a in actors if a["name"] == name]
    assert found, (name, [a["name"] for a in actors])
    return found[0]


def test_title_abbreviations_are_data_and_read_as_role_words():
    table = role_words()
    assert table["rep."] == table["representative"]
    assert table["gov."].phrase == "governor" and table["sen."].sector == "GOV"


def test_us_titles_and_party_tags_give_role_and_country(nlp):
    text = (
        "Rep. Dana Kowalczyk (D-Minn.) said on Monday that a man had threatened her. "
        "North Dakota Gov. Lyle Brandt signed the bill, and Sen. Tomas Ruiz, R-Texas, objected."
    )
    doc, actors = _actors(nlp, text)
    kowalczyk = _named(actors, "Dana Kowalczyk")
    assert kowalczyk["country"] == "USA" and kowalczyk["sector"] == "GOV"
    assert [r["title"] for r in kowalczyk["roles"]] == ["representative"]
    brandt = _named(actors, "Lyle Brandt")
    assert brandt["country"] == "USA" and brandt["roles"][0]["title"] == "governor"
    ruiz = _named(actors, "Tomas Ruiz")
    assert ruiz["country"] == "USA" and ruiz["roles"][0]["title"] == "senator"
    tag = party_tag_country(doc, 3)  # right after "Dana Kowalczyk"
    assert tag is not None and tag[0] == "USA" and doc.text[tag[1] : tag[2]] == " (D-Minn."


def test_party_tag_needs_a_region_of_that_country(nlp):
    doc = nlp("Dana Kowalczyk (D-Narnia) spoke.")
    assert party_tag_country(doc, 2) is None


def test_appositions_and_possessive_titles_give_the_country(nlp):
    text = (
        "Farid Haddadi, the Iraqi prime minister, met Jordan's foreign minister Samir Khatib "
        "in Amman on Sunday."
    )
    _, actors = _actors(nlp, text)
    assert _named(actors, "Farid Haddadi")["country"] == "IRQ"
    khatib = _named(actors, "Samir Khatib")
    assert khatib["country"] == "JOR" and khatib["sector"] == "GOV"


def test_a_demonym_before_a_name_gives_the_country(nlp):
    _, actors = _actors(nlp, "American Paul Ridley and Australian Mark Dunne were freed.")
    assert _named(actors, "Paul Ridley")["country"] == "USA"
    assert _named(actors, "Mark Dunne")["country"] == "AUS"


def test_a_destination_is_not_the_holders_country(nlp):
    text = (
        "Karl Vossberg, the former special envoy to Ukraine, testified. Later, Dana Wills, a "
        "top aide to Vice President Pence on a call with Ukrainian officials, testified too."
    )
    _, actors = _actors(nlp, text)
    for name in ("Karl Vossberg", "Dana Wills"):  # no evidence; at most the document's prior
        actor = _named(actors, name)
        assert actor["country"] != "UKR" or actor["country_basis"] == "document"
    pence = _named(actors, "Pence")
    assert [r["title"] for r in pence["roles"]] == ["vice president"]  # not "top aide"


def test_a_body_named_in_the_title_is_an_affiliation(nlp):
    text = (
        "Taliban spokesman Abdul Rahim Safi said the Lakewood Police Department arrested two men."
    )
    _, actors = _actors(nlp, text)
    safi = _named(actors, "Abdul Rahim Safi")
    assert [a["name"] for a in safi["affiliations"]] == ["Taliban"]
    assert safi["country"] == "AFG" and safi["sector"] == "REB"


def test_a_place_opening_an_organisation_name_gives_its_country(nlp):
    text = "Lt. Matt Hollis, Columbus Police Department spokesman, said six people were arrested."
    _, actors = _actors(nlp, text)
    assert _named(actors, "Columbus Police Department")["country"] == "USA"
    hollis = _named(actors, "Matt Hollis")
    assert hollis["country"] == "USA"
    assert [a["name"] for a in hollis["affiliations"]] == ["Columbus Police Department"]


def test_a_surname_tagged_as_a_place_joins_its_person(nlp):
    text = (
        "Lawmakers questioned Helga Brandvold on Monday. Brandvold told the committee that "
        "Brandvold had no role."
    )
    _, actors = _actors(nlp, text)
    assert not [a for a in actors if a["name"] == "Brandvold"]
    brandvold = _named(actors, "Helga Brandvold")
    assert sum(s["text"] == "Brandvold" for s in brandvold["spans"]) == 2


def test_a_surname_tagged_as_an_organisation_joins_its_person(nlp):
    text = (
        "Tim Garrow, a former National Security Council official, testified. Garrow said "
        "the Security Council in New York was not told."
    )
    _, actors = _actors(nlp, text)
    assert not [a for a in actors if a["name"] == "Garrow" and a["kind"] != "person"]
    assert any(s["text"] == "Garrow" for s in _named(actors, "Tim Garrow")["spans"])


def test_a_national_council_is_not_the_un_security_council(nlp):
    text = (
        "Tim Garrow, a former National Security Council official, testified. Garrow said "
        "the Security Council in New York was not told."
    )
    _, actors = _actors(nlp, text)
    national = _named(actors, "National Security Council")
    assert not any(s["text"] == "Security Council" for s in national["spans"])
    un = _named(actors, "UN Security Council")
    assert [s["text"] for s in un["spans"]] == ["Security Council"]


def test_short_first_names_initials_and_suffixes_meet():
    assert same_person(name_parts("Pat Harlan"), name_parts("Patrick W. Harlan Jr."))
    assert same_person(name_parts("Harlan"), name_parts("Patrick Harlan Jr."))
    assert not same_person(name_parts("Joe Harlan"), name_parts("Hunter Harlan"))
    assert not same_person(name_parts("Jo Harlan"), name_parts("Jonathan Harlan"))  # too short


def test_name_variants_in_one_document_are_one_actor(nlp):
    text = (
        "Patrick W. Harlan Jr. pleaded guilty on Monday. Harlan, 55, had posted threats. "
        "Pat Harlan apologised in court."
    )
    _, actors = _actors(nlp, text)
    people = [a for a in actors if "Harlan" in a["name"]]
    assert len(people) == 1, [a["name"] for a in people]


def test_gender_words():
    assert gender_of_words(["mr.", "jonas"]) == "male"
    assert gender_of_words(["spokeswoman"]) == "female"
    assert gender_of_words(["mr.", "queen"]) is None and gender_of_words(["minister"]) is None


def test_pronouns_take_a_clear_antecedent_only(nlp):
    text = (
        "The minister, Ms. Ingrid Solberg, spoke with Mr. Jonas Pike on Friday. She said the "
        "talks went well. Jonas Pike arrived late, and he left early."
    )
    doc, actors = _actors(nlp, text)
    solberg, pike = _named(actors, "Ingrid Solberg"), _named(actors, "Jonas Pike")
    assert [r["text"] for r in solberg["references"]] == ["She"]
    assert [r["text"] for r in pike["references"]] == ["he"]
    for reference in solberg["references"] + pike["references"]:
        assert doc.text[reference["start"] : reference["end"]] == reference["text"]
    assert not any(r["text"] in {"She", "he"} for a in actors for r in a["spans"])


def test_an_ambiguous_pronoun_stays_unresolved(nlp):
    text = (
        "Karl Brenner called Erik Lund, and Lund thanked Brenner. Later, the call that he "
        "made was leaked."
    )
    _, actors = _actors(nlp, text)
    assert not any(a.get("references") for a in actors)


def test_a_hyphenated_title_and_of_phrase_after_the_name(nlp):
    text = "Inspector-General Musa Adeyemi of the Nigerian police said 12 people were arrested."
    _, actors = _actors(nlp, text)
    adeyemi = _named(actors, "Musa Adeyemi")
    assert [r["title"] for r in adeyemi["roles"]] == ["inspector-general"]
    assert adeyemi["country"] == "NGA" and adeyemi["sector"] == "COP"
    assert [a["name"] for a in adeyemi["affiliations"]] == ["Nigerian police"]


def test_an_acronym_joins_the_national_body_not_the_un(nlp):
    text = (
        "Officials at the National Security Council (NSC) met on Friday. The NSC said the "
        "Security Council would vote."
    )
    _, actors = _actors(nlp, text)
    national = _named(actors, "National Security Council")
    assert [s["text"] for s in national["spans"]] == ["National Security Council", "NSC", "NSC"]
    assert _named(actors, "UN Security Council")["spans"][0]["text"] == "Security Council"


def test_inner_known_names_need_describing_words_or_to_open_the_name(nlp):
    text = (
        "The Associated Press news agency and BBC One reported that the Israeli Security "
        "Council met."
    )
    _, actors = _actors(nlp, text)
    names = {a["name"] for a in actors}
    assert {"Associated Press", "BBC"} <= names  # a description, a part of the body
    assert "UN Security Council" not in names  # another country makes another body
    assert _named(actors, "Israeli Security Council")["country"] == "ISR"


def test_title_only_words_make_no_actor_alone(nlp):
    _, actors = _actors(nlp, "Her lawyer said the sheriff had called U.S. Attorney Jo Banner.")
    assert not [a for a in actors if a["name"].lower() in {"her lawyer", "sheriff", "lawyer"}]
    banner = _named(actors, "Jo Banner")
    assert banner["country"] == "USA" and banner["roles"][0]["title"] == "attorney"
