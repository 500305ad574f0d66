"""The country prior for actors the text gives no country (``actor_country`` setting)."""

from __future__ import annotations

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.extract.actors.component import ActorExtractor

ONE_COUNTRY = (
    "Police in Denver arrested Carl Mott on Friday. Colorado officials said Mott, "
    "who works for Brightline Freight, had fled to Denver from Kansas City."
)
TWO_COUNTRIES = (
    "Norway and Chile signed a fishing deal in Oslo on Monday. Chile will send trawlers "
    "to Norway next year, and Norway will train crews in Valparaiso, said Lena Strand."
)


def _named(actors, name):
    found = [a for a in actors if a["name"] == name]
    assert found, (name, [a["name"] for a in actors])
    return found[0]


def _actors(nlp, text, setting):
    return ActorExtractor(nlp, "actors", country_prior=setting)(nlp(text))._.ng_actors


def test_a_one_country_report_gives_its_country_marked(nlp):
    actors = nlp(ONE_COUNTRY)._.ng_actors  # the default: "dominant"
    mott = _named(actors, "Carl Mott")
    assert mott["country"] == "USA" and mott["country_basis"] == "document"
    assert not any(a.get("country_basis") for a in actors if a["kind"] == "state")
    assert _named(_actors(nlp, ONE_COUNTRY, "text"), "Carl Mott")["country"] is None


def test_a_report_about_two_countries_guesses_only_when_asked_to(nlp):
    strand = _named(_actors(nlp, TWO_COUNTRIES, "dominant"), "Lena Strand")
    assert strand["country"] is None and "country_basis" not in strand
    always = _named(_actors(nlp, TWO_COUNTRIES, "document"), "Lena Strand")
    assert always["country"] in {"NOR", "CHL"} and always["country_basis"] == "document"


def test_people_with_evidence_who_agree_decide_a_split_report(nlp):
    # Peru is named most, but not by far (4 of 7 mentions); the people with titles and
    # party tags are American.
    text = (
        "Peru's debt talks stalled again. Sen. Tom Hale (D-Ore.) and Rep. Ann Cole "
        "(R-Ohio) urged Peru to act, and Mark Dunn agreed."
    )
    actors = _actors(nlp, text, "dominant")
    assert _named(actors, "Tom Hale")["country"] == "USA"
    assert "country_basis" not in _named(actors, "Tom Hale")
    dunn = _named(actors, "Mark Dunn")
    assert dunn["country"] == "USA" and dunn["country_basis"] == "document"


def test_unnamed_experts_take_no_prior(nlp):
    text = (
        "Police in Denver arrested Carl Mott on Friday. Analysts said the arrest in "
        "Colorado would not end the dispute over water rights in Denver."
    )
    actors = nlp(text)._.ng_actors
    analysts = [a for a in actors if a["name"].lower() == "analysts"]
    assert analysts and analysts[0]["country"] is None
    assert _named(actors, "Carl Mott")["country"] == "USA"


def test_an_unknown_setting_is_refused(nlp):
    with pytest.raises(NewsgraphError):
        ActorExtractor(nlp, "actors", country_prior="guess")
