"""Attributions and sourcing: constructions, source types, chains, hedges.

The PolNeAR evaluator (``newsgraph.eval.quotes``) is tested in ``test_eval_quotes``."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from newsgraph.extract.attributions.quotes import quote_regions
from newsgraph.nlp import load_pipeline

from conftest import shared_path


@pytest.fixture(scope="module")
def nlp(config):
    """The hand-written rules alone: these tests pin the constructions of
    ``attribution_speech``. What the bundled cue model keeps, drops and adds is tested in
    ``test_cue_model``, by the reference page test and by the quality floor below."""
    return load_pipeline(config.replace(cue_model="none"))


def _analyse(nlp, text: str):
    return nlp(text)


def _attributions(nlp, text: str) -> list[dict[str, Any]]:
    doc = _analyse(nlp, text)
    return doc._.ng_attributions


def _by_cue(attributions: list[dict[str, Any]], cue: str) -> dict[str, Any]:
    found = [a for a in attributions if cue in a["cue"]["text"]]
    assert found, (cue, attributions)
    return found[0]


def _content(text: str, attribution: dict[str, Any]) -> str:
    return text[attribution["content"]["start"] : attribution["content"]["end"]]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # a relative clause reporting a clause is an attribution of its own ...
        (
            "The harbour master, who predicted last year that the pier would collapse, "
            "said on Monday that it was safe.",
            "said",
            "The harbour master",
        ),
        # ... but not one that only takes an object
        (
            "The harbour master, who backed the new pier, said on Monday that it was safe.",
            "said",
            "The harbour master, who backed the new pier",
        ),
        # the parser hangs "adding" from "pay", whose subject is "they"
        (
            '"If they close the bridge, we will run the ferry," the mayor said, adding that '
            "residents deserve better, they pay their taxes.",
            "adding",
            "the mayor",
        ),
    ],
)
def test_source_of_a_cue(nlp, text, cue, source):
    assert _by_cue(_attributions(nlp, text), cue)["source"]["text"] == source


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The harbour master said recently that the pier would reopen in May.", "said recently"),
        ("The harbour master asked rhetorically whether anyone had read it.", "asked rhetorically"),
        ("The inspector said on Monday that the pier was safe.", "said"),
    ],
)
def test_cue_takes_in_the_adverb_right_after_the_verb(nlp, text, cue):
    (record,) = _attributions(nlp, text)
    assert text[record["cue"]["start"] : record["cue"]["end"]] == cue


def test_record_shape_and_offsets(nlp):
    text = "The ministry said that the border crossing would reopen on Friday."
    attributions = _attributions(nlp, text)
    assert len(attributions) == 1
    record = attributions[0]
    assert list(record) == [
        "id",
        "source",
        "source_actor",
        "source_type",
        "cue",
        "content",
        "direct",
        "hedges",
        "via",
        "negated",
    ]
    assert record["id"] == "Q1"
    for key in ("source", "cue"):
        span = record[key]
        assert text[span["start"] : span["end"]] == span["text"]
    assert record["source"]["text"] == "The ministry"
    assert record["source_type"] == "official_body"
    assert record["cue"]["text"] == "said"
    assert _content(text, record) == "that the border crossing would reopen on Friday"
    assert record["direct"] is False and record["via"] is None and record["negated"] is False


def test_quote_then_pronoun_speaker(nlp):
    text = (
        "Maria Lindqvist, the harbour director, walked along the pier on Monday. "
        '"We will not close the port," she said.'
    )
    record = _by_cue(_attributions(nlp, text), "said")
    assert record["source"]["text"] == "she"
    assert record["source_type"] == "named_person"
    assert record["direct"] is True
    assert _content(text, record).startswith('"We will not close the port')


def test_quote_then_named_speaker(nlp):
    text = '"The bridge will stay shut until the inspection ends," said Tomas Berger.'
    record = _by_cue(_attributions(nlp, text), "said")
    assert record["source"]["text"] == "Tomas Berger"
    assert record["direct"] is True


def test_colon_quote_running_over_paragraphs(nlp):
    text = (
        'The governor said: "We have asked for help from the army.\n\n'
        '"The water is still rising in the northern districts."\n\n'
        "Schools were closed."
    )
    record = _by_cue(_attributions(nlp, text), "said")
    content = _content(text, record)
    assert content.startswith('"We have asked')
    assert content.endswith('districts."')
    assert record["direct"] is True


def test_quote_regions_continue_across_paragraphs():
    text = '"First part of it.\n\n"Second part."\n\nNot quoted.'
    assert quote_regions(text) == [(0, text.index("Not") - 2)]


@pytest.mark.parametrize(
    ("text", "cue", "source", "source_type"),
    [
        (
            "According to the police, three cars were set on fire overnight.",
            "According to",
            "the police",
            "official_body",
        ),
        (
            "The army spokesperson told reporters that two soldiers were wounded.",
            "told",
            "The army spokesperson",
            "official_body",
        ),
        (
            "A senior official, who spoke on condition of anonymity, said the talks had stalled.",
            "said",
            None,
            "unnamed",
        ),
        (
            "People familiar with the matter said the deal could be signed next week.",
            "said",
            None,
            "unnamed",
        ),
        ("Local media reported that the mayor had resigned.", "reported", "Local media", "media"),
        (
            "State television said that the president had returned to the capital.",
            "said",
            "State television",
            "media",
        ),
        (
            "A report published by the agency found that prices had doubled.",
            "found",
            None,
            "document",
        ),
        (
            "Analysts cautioned that the ceasefire could collapse.",
            "cautioned",
            "Analysts",
            "expert",
        ),
        (
            "Observers noted that turnout was lower than in previous years.",
            "noted",
            "Observers",
            "expert",
        ),
        ("Residents said that the shelling lasted for hours.", "said", "Residents", "witness"),
        (
            "Witnesses told the agency that the convoy was hit twice.",
            "told",
            "Witnesses",
            "witness",
        ),
        (
            "Opposition leader Kemal Aydin warned that the vote would be rigged.",
            "warned",
            None,
            "named_person",
        ),
        ("The minister denied the allegations.", "denied", "The minister", "official_body"),
        (
            "The prosecutor indicated that charges would follow.",
            "indicated",
            "The prosecutor",
            "official_body",
        ),
    ],
)
def test_constructions_and_source_types(nlp, text, cue, source, source_type):
    record = _by_cue(_attributions(nlp, text), cue)
    if source is not None:
        assert record["source"]["text"] == source
    assert record["source_type"] == source_type
    assert record["content"]["end"] > record["content"]["start"]


def test_parenthetical_speaker_after_clause(nlp):
    text = "The convoy was stopped at the checkpoint, two officials said."
    record = _by_cue(_attributions(nlp, text), "said")
    assert record["source"]["text"] == "two officials"
    assert _content(text, record) == "The convoy was stopped at the checkpoint"


def test_added_and_indirect_chain_of_cues(nlp):
    text = "The company said profits fell, and added that it would cut jobs."
    attributions = _attributions(nlp, text)
    added = _by_cue(attributions, "added")
    assert added["source"]["text"] == "The company"
    assert _content(text, added) == "that it would cut jobs"


def test_media_via_unnamed_sources(nlp):
    text = "Israeli television reported the meeting, citing unnamed sources."
    attributions = _attributions(nlp, text)
    media = _by_cue(attributions, "reported")
    basis = _by_cue(attributions, "citing")
    assert media["source_type"] == "media"
    assert basis["source_type"] == "unnamed"
    assert media["via"] == basis["id"]
    assert _content(text, media) == "the meeting"


def test_negated_coverage(nlp):
    text = "Regional media outlets did not cover the summit."
    record = _by_cue(_attributions(nlp, text), "cover")
    assert record["source_type"] == "media"
    assert record["negated"] is True


def test_hedges_and_sourceless_reportedly(nlp):
    text = (
        "Local radio reported the arrests. The suspect reportedly fled across the border, "
        "and the report suggested that he had help."
    )
    doc = _analyse(nlp, text)
    attributions = doc._.ng_attributions
    reportedly = _by_cue(attributions, "reportedly")
    assert reportedly["source"] is None
    assert "reportedly" in reportedly["hedges"]
    radio = _by_cue(attributions, "reported")
    assert reportedly["via"] == radio["id"]
    assert "suggested" in _by_cue(attributions, "suggested")["hedges"]
    assert doc._.ng_sourcing["hedges"] >= 2


def test_sourcing_profile(nlp):
    text = (
        '"We are ready," said Dana Novak. Sources said the plan was delayed. '
        "Analysts argued that the delay was costly."
    )
    sourcing = _analyse(nlp, text)._.ng_sourcing
    for key in ("named", "unnamed", "media", "document", "expert", "direct_quotes", "hedges"):
        assert isinstance(sourcing[key], int)
    assert sourcing["named"] >= 1
    assert sourcing["unnamed"] >= 1
    assert sourcing["expert"] >= 1
    assert sourcing["direct_quotes"] >= 1


def test_pronoun_resolves_to_the_named_speakers_actor(nlp):
    text = (
        "Helga Brandt, the interior minister, visited the flooded town on Sunday. "
        "She said that more pumps would arrive."
    )
    doc = _analyse(nlp, text)
    assert doc._.ng_actors is not None, "the actors component is not in the pipeline"
    record = _by_cue(doc._.ng_attributions, "said")
    assert record["source"]["text"] == "She"
    helga = next(
        (
            actor["id"]
            for actor in doc._.ng_actors
            if any(
                e._.entity_id in actor.get("mentions", []) and "Brandt" in e.text
                for e in doc._.newsgraph_entities
            )
        ),
        None,
    )
    assert helga is not None, ("no actor was built for the named person", doc._.ng_actors)
    assert record["source_actor"] == helga


def test_event_points_to_the_attribution_that_carries_it(nlp):
    text = (
        "The army said that its troops attacked a rebel base near the border. "
        "Protesters marched through the capital on Friday."
    )
    doc = _analyse(nlp, text)
    assert doc._.ng_events is not None, "the events component is not in the pipeline"
    record = _by_cue(doc._.ng_attributions, "said")
    inside = [
        e
        for e in doc._.ng_events
        if record["content"]["start"] <= e["trigger"]["start"] < record["content"]["end"]
    ]
    outside = [e for e in doc._.ng_events if e["trigger"]["start"] > record["content"]["end"]]
    events = [(e["type"], e["trigger"]["text"]) for e in doc._.ng_events]
    assert inside, ("no event was extracted inside the attributed clause", events)
    assert outside, ("no event was extracted after the attributed clause", events)
    assert all(e["attribution"] == record["id"] for e in inside)
    assert all(e["attribution"] is None for e in outside)
    assert all(isinstance(e["hedges"], list) for e in doc._.ng_events)


@pytest.mark.shared_data
def test_seed_page_sourcing(nlp):
    page = shared_path("seed", "000_944e2e68a596274f.txt")
    from newsgraph.config import Config
    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import analyze

    record = next(
        r
        for r in analyze(iter_inputs([str(page)], max_bytes=10_000_000), config=Config(), nlp=nlp)
        if isinstance(r, dict)
    )
    text = record["text"]
    attributions = record["attributions"]
    by_id = {a["id"]: a for a in attributions}

    media = next(
        a
        for a in attributions
        if a["source"] and a["source"]["text"] == "Israeli television outlets"
    )
    assert media["source_type"] == "media"
    basis = by_id[media["via"]]
    assert basis["source_type"] == "unnamed" and "unnamed sources" in basis["source"]["text"]
    assert any("reportedly" in a["hedges"] for a in attributions)
    reportedly = next(a for a in attributions if a["cue"]["text"] == "reportedly")
    assert reportedly["via"] == media["id"]

    experts = [a for a in attributions if a["source_type"] == "expert"]
    assert {a["source"]["text"].lower() for a in experts} >= {"analysts", "observers"}
    assert len(experts) >= 4

    silent = next(
        a for a in attributions if a["source"] and a["source"]["text"] == "Arab media outlets"
    )
    assert silent["source_type"] == "media" and silent["negated"] is True

    for name, claim in (("Ronen Bar", "Israel would pursue"), ("Erdoğan", "Turkey would not")):
        statement = next(a for a in attributions if a["source"] and name in a["source"]["text"])
        assert statement["source_type"] == "named_person"
        assert claim in text[statement["content"]["start"] : statement["content"]["end"]]

    assert "events" in record, sorted(record)
    assert "appears" in {h for e in record["events"] for h in e["hedges"]}
    meeting = [
        e
        for e in record["events"]
        if "meeting" in {m["trigger"]["text"] for m in e["mentions"]}
        and e["attribution"] == media["id"]
    ]
    assert meeting, "the reported meeting rests on the media attribution"
    assert record["sourcing"]["media"] >= 2 and record["sourcing"]["hedges"] >= 2


def test_according_to_after_coordinated_clauses(nlp):
    text = "Turnout rose in the north and fell in the south, according to the electoral board."
    record = _by_cue(_attributions(nlp, text), "according to")
    assert record["source"]["text"] == "the electoral board"
    assert _content(text, record).startswith("Turnout rose")


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "The mayor is a fierce critic of the new parking tax.",
            "critic of",
            "The mayor",
            "the new parking tax",
        ),
        (
            "The senator's endorsement of the governor surprised the party.",
            "endorsement of",
            "The senator",
            "the governor",
        ),
        (
            "But according to reports in the local press, the mayor could not attend.",
            "according to",
            "reports in the local press",
            "the mayor could not attend",
        ),
        (
            "The plan, according to two port officials, is to reopen the harbour in May.",
            "according to",
            "two port officials",
            "is to reopen the harbour in May",
        ),
        (
            "The port hired 30 pilots last year, which she said were mostly from the coast.",
            "said",
            "she",
            "were mostly from the coast",
        ),
        (
            "Around 6 in 10 say they expect the ferry to be late.",
            "say",
            "Around 6 in 10",
            "they expect the ferry to be late",
        ),
        (
            "Just over a third agreed with the harbour board that fares should rise.",
            "agreed",
            "Just over a third",
            "that fares should rise",
        ),
    ],
)
def test_source_and_content_of_a_cue(nlp, text, cue, source, content):
    record = _by_cue(_attributions(nlp, text), cue)
    assert record["source"]["text"] == source
    assert _content(text, record) == content


def test_verb_with_its_own_preposition(nlp):
    text = "The minister spoke about the drought for an hour."
    record = _by_cue(_attributions(nlp, text), "spoke about")
    assert record["source"]["text"] == "The minister"
    assert _content(text, record) == "the drought"


def test_cue_takes_the_verb_it_hangs_from(nlp):
    text = "The governor took to Twitter to say that the roads were closed."
    record = _by_cue(_attributions(nlp, text), "say")
    assert record["cue"]["text"] == "took to Twitter to say"
    assert record["source"]["text"] == "The governor"


def test_call_for_clause_and_refusal(nlp):
    text = "The union is calling for the company to raise wages. The company refused to sign."
    attributions = _attributions(nlp, text)
    call = _by_cue(attributions, "calling for")
    assert _content(text, call) == "the company to raise wages"
    refused = _by_cue(attributions, "refused")
    assert refused["source"]["text"] == "The company"


def test_shares_of_people_are_sources(nlp):
    text = "Sixty percent of voters support the new ferry line."
    record = _by_cue(_attributions(nlp, text), "support")
    assert record["source"]["text"] == "Sixty percent of voters"
    assert record["source_type"] == "unnamed"


def test_quote_continues_after_the_rest_of_the_speakers_sentence(nlp):
    text = (
        '"We will rebuild the pier," Mayor Ana Ruiz said on Monday during a visit to the '
        'harbour. "The ferries will be back by spring."'
    )
    record = _by_cue(_attributions(nlp, text), "said")
    assert _content(text, record).endswith('back by spring."')


def test_source_leaves_out_a_participle_aside(nlp):
    text = "Farmer Jonas Berg, wearing a straw hat, said the harvest was poor."
    record = _by_cue(_attributions(nlp, text), "said")
    assert record["source"]["text"] == "Farmer Jonas Berg"


def test_light_verb_and_noun_form_the_cue(nlp):
    text = "The mayor took issue with the new budget plan."
    record = _by_cue(_attributions(nlp, text), "took issue with")
    assert record["source"]["text"] == "The mayor"
    assert _content(text, record) == "the new budget plan"


def test_passive_with_agent(nlp):
    text = "The plan was sharply criticised by the teachers' union."
    record = _by_cue(_attributions(nlp, text), "criticised by")
    assert record["source"]["text"] == "the teachers' union"
    assert _content(text, record) == "The plan"


def test_doubled_apostrophes_mark_quotes():
    text = "''We are ready,'' she said. ''The boats are out.''"
    assert quote_regions(text) == [(0, 17), (28, len(text))]
    nested = "“It was ''bold'' of him,” he said."
    assert quote_regions(nested) == [(0, nested.index(" he"))]


def test_speaker_after_a_quote_with_a_parenthetical_speaker(nlp):
    text = '"The harbour," she said, "will reopen in May."'
    record = _by_cue(_attributions(nlp, text), "said")
    assert record["source"]["text"] == "she"
    assert _content(text, record).endswith('May."')


def test_content_stops_at_the_paragraph_before_the_speaker(nlp):
    text = (
        "The council met for six hours on Monday\n\n"
        '"We will not raise the fares this year," the mayor said.'
    )
    record = _by_cue(_attributions(nlp, text), "said")
    assert _content(text, record).startswith('"We will not')


def test_first_person_belief_outside_quotes_is_not_an_attribution(nlp):
    text = "I think the bridge will be finished by June."
    assert not [a for a in _attributions(nlp, text) if "think" in a["cue"]["text"]]


def test_signed_quotes(nlp):
    text = (
        "Readers wrote in about the ferry.\n"
        "“The crossing is slower every winter.” ― Maren Holt\n"
        "“I will keep driving around the bay.”― Tomas Ek, Lindvik\n"
        "“Not a chance.” — the harbour office said nothing more."
    )
    attributions = _attributions(nlp, text)
    signed = {a["source"]["text"]: _content(text, a) for a in attributions if a["source"]}
    assert signed["Maren Holt"] == "“The crossing is slower every winter.”"
    assert signed["Tomas Ek"] == "“I will keep driving around the bay.”"
    dashes = [a for a in attributions if a["cue"]["text"].endswith(("―", "—"))]
    assert len(dashes) == 2  # a dash before lower-case words is no signature
    assert all(a["source_type"] == "named_person" for a in dashes)


def _misparsed(nlp, text: str, changes: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """The attributions of ``text`` after re-attaching some words by hand ({word: (new
    head word, relation)}): a parse error the model makes only on some sentences."""
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("newsgraph")]):
        parsed = nlp(text)
    index = {t.text: t.i for t in parsed}
    heads = [t.head.i for t in parsed]
    deps = [t.dep_ for t in parsed]
    for word, (head, dep) in changes.items():
        heads[index[word]], deps[index[word]] = index[head], dep
    doc = Doc(
        nlp.vocab,
        words=[t.text for t in parsed],
        spaces=[bool(t.whitespace_) for t in parsed],
        tags=[t.tag_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
        heads=heads,
        deps=deps,
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in parsed],
    )
    for name, component in nlp.pipeline:
        if name.startswith("newsgraph"):
            doc = component(doc)
    return doc._.ng_attributions


def test_speaker_after_the_verb_survives_a_misparse(nlp):
    # '"...," said NAME, who heads SOME GROUP': the parser sometimes makes NAME the subject
    # of a verb-like word in the group's name
    text = '"It will pass," said Ana Ruiz, who heads Save the Pier.'
    changes = {"Ruiz": ("Save", "nsubj"), "Save": ("said", "ccomp")}
    record = _by_cue(_misparsed(nlp, text, changes), "said")
    assert record["source"]["text"].startswith("Ana Ruiz")


def test_source_leaves_out_the_quote_mark_it_was_hung_on(nlp):
    text = "\u201cThe pier is safe,\u201d Ines Varga, a structural engineer, said."
    changes = {"\u201d": ("Varga", "punct")}
    record = _by_cue(_misparsed(nlp, text, changes), "said")
    assert record["source"]["text"] == "Ines Varga, a structural engineer"
