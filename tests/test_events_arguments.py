"""Who did it and to whom (events/arguments.py) and which mentions name one happening
(events/coref.py), on invented sentences: passives, event nouns, relative clauses,
reported passives, and triggers of one clause."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.extract.events.coref import merge_mentions
from newsgraph.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


def _events(nlp, text):
    doc = nlp(text)
    names = {a["id"]: a["name"] for a in doc._.ng_actors}
    return [
        (
            e["type"],
            e["trigger"]["text"],
            {names[i] for i in e["actors"]},
            {names[i] for i in e["targets"]},
            [m["trigger"]["text"] for m in e["mentions"]],
        )
        for e in doc._.ng_events
    ]


def _by_trigger(events, trigger):
    found = [e for e in events if e[1] == trigger]
    assert found, events
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Ali Musa wanted to be arrested in Harare.",  # passive under a control verb
        "Opposition leader Ali Musa arrested in Harare",  # headline without "was"
    ],
)
def test_passives_of_their_own_make_the_subject_the_target(nlp, text):
    _, _, actors, targets, _ = _by_trigger(_events(nlp, text), "arrested")
    assert "Ali Musa" in targets and "Ali Musa" not in actors


def test_a_participle_conjoined_to_a_passive_is_passive(nlp):
    events = _events(nlp, "Ali Musa was arrested and charged with treason.")
    _, _, actors, targets, _ = _by_trigger(events, "charged")
    assert targets == {"Ali Musa"} and not actors


def test_the_of_phrase_of_an_arrest_is_the_one_arrested(nlp):
    _, _, actors, targets, _ = _by_trigger(
        _events(nlp, "Police ordered the arrest of Ali Musa."), "arrest"
    )
    assert actors == {"Police"} and targets == {"Ali Musa"}


def test_a_clause_on_a_title_belongs_to_the_named_person(nlp):
    events = _events(
        nlp, "Senator Jane Doe, the first Republican to endorse Jones, praised the union."
    )
    _, _, actors, targets, _ = _by_trigger(events, "endorse")
    assert actors == {"Jane Doe"} and targets == {"Jones"}


def test_a_subject_event_noun_does_not_make_its_target_the_actor(nlp):
    events = _events(nlp, "The attack on the Pakistani embassy killed four people.")
    assert all("Pakistani embassy" not in actors for _, _, actors, _, _ in events), events


def test_an_event_noun_takes_its_participle_agent_as_actor(nlp):
    events = _events(
        nlp, "Senators rejected the debt deal reached by the White House and Speaker Paul Ryan."
    )
    _, _, actors, _, _ = _by_trigger(events, "deal")
    assert actors == {"White House", "Paul Ryan"}


def test_a_judging_verb_does_not_run_the_event_it_judges(nlp):
    _, _, actors, _, _ = _by_trigger(
        _events(nlp, "UNHCR condemned the attack on the camp."), "attack"
    )
    assert "UNHCR" not in actors


def test_an_undergoer_verb_makes_its_subject_the_target(nlp):
    events = _events(nlp, "Ali Musa faced charges brought by the state prosecutor.")
    _, _, actors, targets, _ = _by_trigger(events, "charges")
    assert "Ali Musa" in targets and "Ali Musa" not in actors


def test_security_forces_reporting_a_passive_are_its_actor(nlp):
    _, _, actors, _, _ = _by_trigger(
        _events(nlp, "Police said two men were arrested in Lagos on Monday."), "arrested"
    )
    assert actors == {"Police"}
    _, _, actors, _, _ = _by_trigger(_events(nlp, "Witnesses said two men were killed."), "killed")
    assert not actors


def test_conjoined_verbs_of_one_attack_make_one_event(nlp):
    events = _events(nlp, "Hamas fighters killed three soldiers and wounded twelve others in Gaza.")
    assault = [e for e in events if e[0] == "ASSAULT"]
    assert len(assault) == 1 and assault[0][4] == ["killed", "wounded"], events


def test_a_march_to_protest_in_a_strike_is_one_protest(nlp):
    events = _events(
        nlp,
        "Thousands of workers marched through Paris to protest the government's pension "
        "reform in a general strike.",
    )
    protests = [e for e in events if e[0] == "PROTEST"]
    assert len(protests) == 1 and protests[0][4] == ["marched", "protest", "strike"], events


def _mention(start, text, **fields):
    record = {
        "type": "ASSAULT",
        "mode": "assault",
        "trigger": {"text": text, "start": start, "end": start + len(text)},
        "sentence": {"start": start, "end": start + 40},
        "actors": [],
        "targets": [],
        "place": None,
        "places": [],
        "time": None,
        "time_source": None,
        "attribution": None,
        "origin": None,
        "destination": None,
        "confidence": 0.7,
        "hedges": [],
        "hedge_spans": [],
        "governor": None,
    }
    return record | fields


def test_linked_triggers_merge_but_do_not_chain_other_targets():
    # "killed" (A1 -> T1) and "offensive" hang together; a later "killed" of other victims
    # hanging from another "offensive" mention does not join them through it.
    first = _mention(0, "killed", targets=["T1"])
    umbrella = _mention(20, "offensive", governor=0)
    later = _mention(200, "killed", actors=["A2"], targets=["T2"], governor=None)
    merged = merge_mentions([first, umbrella, later], "x" * 300, {})
    assert [len(e["mentions"]) for e in merged] == [2, 1]
    assert all("governor" not in e for e in merged)


def test_a_second_attack_is_another_event():
    text = "Gunmen attacked a post. Later a second attack hit the market."
    first = _mention(text.index("attacked"), "attacked", actors=["A1"])
    second = _mention(text.index("attack hit"), "attack")
    merged = merge_mentions([first, second], text, {})
    assert len(merged) == 2
