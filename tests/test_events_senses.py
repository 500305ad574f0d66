"""Trigger sense: a trigger word makes an event only in the sense its lexicon entry means
(the ``verb_senses`` / ``noun_senses`` constraints of the event lexicon). One invented
sentence per failure class, each with its event reading beside it."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.extract.events.lexicon import _load, load_lexicon
from newsgraph.nlp import load_pipeline

from conftest import assert_only_event_use, event_types, has_event


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


# (non-event use, event use, type, trigger word)
PAIRS = [
    # excluded complements: a speech given, a photo shared, a video released
    (
        "The mayor of Dunmore gave a long speech to the council on Monday.",
        "Norway gave emergency aid to the flood victims in Dunmore on Monday.",
        "AID",
        "gave",
    ),
    (
        "The minister shared a photo of her dog with her followers.",
        "Jordan shared intelligence with Norway about the smugglers.",
        "COOPERATE",
        "shar",
    ),
    (
        "The rebel group released a video of its leader on Tuesday.",
        "The rebel group released twelve hostages on Tuesday.",
        "RETREAT",
        "released",
    ),
    # a credit line is no contribution
    (
        "Anna Berg contributed reporting from Oslo.",
        "Japan contributed food and medicine to the refugees.",
        "AID",
        "contributed",
    ),
    # "help" with a clause under it is causal, not aid
    (
        "The tax cuts helped lift the governor's ratings.",
        "Red Cross volunteers helped the stranded villagers.",
        "AID",
        "help",
    ),
    # "in charge" and an adjectival "striking"
    (
        "General Omar Talib remained in charge of the northern command.",
        "Prosecutors charged the former minister with fraud.",
        "ACCUSE",
        "charge",
    ),
    (
        "The striking resemblance between the two plans surprised Kelvia's diplomats.",
        "Rebels struck an army convoy near Marek on Sunday.",
        "ASSAULT",
        "struck",
    ),
    # "settle" at a price, "sign up" for a class; an agreement needs parties or an object
    (
        "Crude oil settled at $61 a barrel on Friday.",
        "Kelvia and Norway settled their border dispute on Monday.",
        "AGREE",
        "settle",
    ),
    (
        "Many students signed up for the evening class.",
        "The two governments signed a trade agreement in Oslo.",
        "AGREE",
        "signed",
    ),
    # "recall" as remembering; "demonstrate" as showing; "fire" as dismissing
    (
        "The senator recalled that the vote had been close.",
        "Kelvia recalled its ambassador from Norway on Monday.",
        "SANCTION",
        "recalled",
    ),
    (
        "The tests demonstrated that the vaccine works.",
        "Thousands of farmers demonstrated outside parliament in Marek.",
        "PROTEST",
        "demonstrated",
    ),
    (
        "The club fired its coach after the defeat.",
        "Soldiers fired rockets at the rebel camp near Marek.",
        "ASSAULT",
        "fired",
    ),
    # a reception, a visit: someone received, somewhere visited
    (
        "The senator received an email from a constituent.",
        "President Kovac received the Norwegian foreign minister in Marek.",
        "CONSULT",
        "received",
    ),
    (
        "He went to college in 1990.",
        "The Kelvian prime minister went to Norway for two days of talks.",
        "CONSULT",
        "went",
    ),
    # a month is no march; market demand and a candidate's appeal are no requests
    (
        "The new port in Marek opened on March 31 after two years of work.",
        "Hundreds of students marched to parliament in Marek on Monday.",
        "PROTEST",
        "march",
    ),
    (
        "Analysts expect rising demand for fertiliser in Kelvia next year.",
        "Norway repeated its demand for the release of the two sailors.",
        "REQUEST",
        "demand",
    ),
    # a plea in court, a car pulled over, a vow with no one threatened
    (
        "The former mayor pleaded guilty to two counts of fraud.",
        "The mayor pleaded with Norway to send more doctors.",
        "REQUEST",
        "plead",
    ),
    (
        "Police pulled the driver over for speeding.",
        "Kelvia pulled its troops from the border region on Monday.",
        "RETREAT",
        "pulled",
    ),
    (
        "The senator vowed to stay in the race until the convention.",
        "The rebel commander vowed to punish the army for the raid on Marek.",
        "THREATEN",
        "vow",
    ),
    # support is someone's act, not a poll figure
    (
        "Support for the ruling coalition fell to 30 percent in the latest poll.",
        "The prime minister of Norway voiced support for the Kelvian reforms.",
        "SUPPORT",
        "support",
    ),
]


@pytest.mark.parametrize(("other", "event", "event_type", "word"), PAIRS)
def test_only_the_event_sense_makes_an_event(nlp, other, event, event_type, word):
    assert_only_event_use(nlp, other, event, event_type, word)


def test_topical_nouns_make_no_event(nlp):
    """An abstract or topical noun ("a broader discussion about", "the security
    dialogue") is no event; a meeting with participants is."""
    topical = "Experts called for a broader discussion about water management."
    assert not any(t == "CONSULT" for t, _ in event_types(nlp, topical)), event_types(nlp, topical)
    topical = "The report praised the security dialogue as a model."
    assert not any(w == "dialogue" for _, w in event_types(nlp, topical)), event_types(nlp, topical)
    real = "Kovac held talks with the Norwegian prime minister in Oslo."
    assert any(t == "CONSULT" for t, _ in event_types(nlp, real)), event_types(nlp, real)


def test_a_failed_sense_gives_way_to_the_next_entry(nlp):
    """ "welcome" is CONSULT when someone is received, SUPPORT when a decision is."""
    assert has_event(nlp, "Kovac welcomed the Norwegian delegation in Marek.", "CONSULT", "welcome")
    text = "Norway welcomed the court's decision."
    assert has_event(nlp, text, "SUPPORT", "welcome"), event_types(nlp, text)


def test_a_call_for_something_is_a_demand_not_a_phone_call(nlp):
    text = "The opposition leader renewed his call for early elections."
    assert not any(t == "CONSULT" for t, _ in event_types(nlp, text)), event_types(nlp, text)


def test_relative_pronoun_subject_is_the_noun_it_follows(nlp):
    doc = nlp("President Lena Kovac, who denies any wrongdoing, met reporters in Marek.")
    actors = {a["id"]: a["name"] for a in doc._.ng_actors}
    denial = [e for e in doc._.ng_events if e["trigger"]["text"] == "denies"]
    assert denial and [actors[a] for a in denial[0]["actors"]] == ["Lena Kovac"], denial


def test_senses_are_data(tmp_path):
    """A user lexicon file adds sense constraints of the same shape; unknown needs fail."""
    extra = tmp_path / "extra.yaml"
    extra.write_text("verb_senses:\n  AID:\n    donate:\n      not_with: [blood]\n")
    lexicon = load_lexicon(str(extra))
    entry = next(e for e in lexicon.verbs["donate"] if e.type == "AID")
    assert "blood" in lexicon.sense("verb", entry).not_with
    bad = tmp_path / "bad.yaml"
    bad.write_text("verb_senses:\n  AID:\n    donate:\n      needs: [moonlight]\n")
    with pytest.raises(ValueError, match="moonlight"):
        _load(str(bad))


def test_a_nominal_event_happens_where_its_verb_does(nlp):
    """ "A meeting of X took place in Y": the place tied to the noun's own verb anchors it,
    as "a discussion about water management" with no anchor is not."""
    text = "A secret gathering of Hamas commanders took place in Turkey."
    assert any(t == "CONSULT" for t, _ in event_types(nlp, text)), event_types(nlp, text)


def test_a_visit_is_someones(nlp):
    """A visit needs a visitor: a parcel that went to Oslo visited no one."""
    text = "The parcel went to Oslo by air mail."
    assert not any(t == "CONSULT" for t, _ in event_types(nlp, text)), event_types(nlp, text)
    text = "The Kelvian foreign minister went to Oslo on Monday."
    assert any(t == "CONSULT" for t, _ in event_types(nlp, text)), event_types(nlp, text)


def test_a_repeated_lexicon_key_is_refused(tmp_path):
    """YAML keeps the last of two equal keys: a second ``CONCEDE:`` section would silently
    drop the first one's constraints, so the loader refuses it."""
    from newsgraph.errors import NewsgraphError

    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "verb_senses:\n  AID:\n    donate: {not_with: [blood]}\n"
        "  AID:\n    send: {not_with: [letter]}\n"
    )
    with pytest.raises(NewsgraphError, match="repeated key"):
        _load(str(twice))


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # the noun a participle or relative clause acts on is its object
        ("The figures released to the council on Monday show a sharp rise.", False),
        ("The hostages released by the rebels on Monday returned to Dunmore.", True),
        ("The report which was released to the press on Monday names nobody.", False),
        ("The prisoners whom the junta released on Monday returned to Dunmore.", True),
    ],
)
def test_a_clause_noun_is_what_the_trigger_acts_on(nlp, text, event):
    assert has_event(nlp, text, "RETREAT", "released") is event, event_types(nlp, text)


@pytest.mark.parametrize(
    ("text", "event_type", "word", "event"),
    [
        # an order reports no act
        ("Release the hostages now.", "RETREAT", "Release", False),
        ("Go to Oslo and meet the envoy.", "CONSULT", "meet", False),
        ("The rebels released the hostages in Dunmore on Monday.", "RETREAT", "released", True),
        # a crowd or population on the move visits no one
        ("Thousands of refugees are heading to Dunmore.", "CONSULT", "heading", False),
        ("The Kelvian foreign minister is heading to Oslo.", "CONSULT", "heading", True),
        # a passive subject is the object the sense constraints read
        ("The figures were released to the Kelvian parliament on Monday.", "RETREAT", "rel", False),
        ("The prisoners were released to the Red Cross on Monday.", "RETREAT", "rel", True),
    ],
)
def test_uses_that_report_no_act(nlp, text, event_type, word, event):
    assert has_event(nlp, text, event_type, word) is event, event_types(nlp, text)


@pytest.mark.parametrize(
    ("text", "event_type", "word"),
    [
        # an attack on ideas, policies or statements is criticism; on people or places, violence
        ("Senator Kelvin attacked the governor over his immigration policy.", "ACCUSE", "attack"),
        ("Senator Kelvin faced attacks from the governor over immigration.", "ACCUSE", "attack"),
        ("Rebels attacked the army base in Dunmore on Monday.", "ASSAULT", "attack"),
        ("The attack on the embassy in Dunmore killed five guards.", "ASSAULT", "attack"),
        # a warning is a threat when it is given to someone, not a forecast
        ("Israel warned Iran against any attack on its ships.", "THREATEN", "warn"),
    ],
)
def test_words_of_violence_and_warning_by_what_they_aim_at(nlp, text, event_type, word):
    assert has_event(nlp, text, event_type, word), event_types(nlp, text)
    others = {"ACCUSE": "ASSAULT", "ASSAULT": "ACCUSE"}
    if event_type in others:
        assert not has_event(nlp, text, others[event_type], word), event_types(nlp, text)


def test_a_forecast_is_no_threat(nlp):
    text = "Experts warned of a famine in Kelvia next year."
    assert not has_event(nlp, text, "THREATEN", "warn"), event_types(nlp, text)


@pytest.mark.parametrize(
    ("text", "event_type", "word"),
    [
        # a person suspended is disciplined; ties or aid suspended, sanctioned
        ("The league suspended the Kelvian striker for four games.", "COERCE", "suspended"),
        ("Norway suspended aid to Kelvia on Monday.", "SANCTION", "suspended"),
        # an appeal against a ruling contests it; an appeal for something asks
        ("Her lawyers will appeal the verdict.", "REJECT", "appeal"),
        ("The Red Cross appealed for calm in Dunmore.", "REQUEST", "appeal"),
        ("The party challenged the ruling in court.", "REJECT", "challenged"),
    ],
)
def test_the_object_decides_the_type(nlp, text, event_type, word):
    types = event_types(nlp, text)
    assert [t for t, trigger in types if word in trigger] == [event_type], types


def test_a_challenger_in_a_race_contests_no_decision(nlp):
    text = "Senator Kelvin is challenging the governor in the primary."
    assert not has_event(nlp, text, "REJECT", "challeng"), event_types(nlp, text)


def test_the_month_is_no_march(nlp):
    """ "March" that the entity recogniser leaves outside a date is still the month."""
    text = (
        "During the Easter Vigil Mass on Holy Saturday, March 31, at the cathedral, "
        "the cardinal recounted the story."
    )
    assert not has_event(nlp, text, "PROTEST", "March"), event_types(nlp, text)
    text = "The march through Dunmore drew thousands of students on Monday."
    assert has_event(nlp, text, "PROTEST", "march"), event_types(nlp, text)
