"""Events: triggers, participants, modality, place and time, one construction at a time."""

from __future__ import annotations

import json
import textwrap

import pytest

from newsgraph.config import Config
from newsgraph.eval.events import evaluate_events, plover_type, tagged_spans
from newsgraph.extract.events import lexicon as event_lexicon
from newsgraph.extract.events.component import main_event
from newsgraph.nlp import load_pipeline

from conftest import ROOT, coref_mention, events_dated, shared_path

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())


@pytest.fixture(scope="module")
def nlp():
    """The rules at work: every trigger mention kept (no eventhood model), so that each
    construction is tested on its own; the model is tested in test_event_model.py."""
    return load_pipeline(Config(event_model="none"))


def _run(nlp, text):
    doc = nlp(text)
    actors = {a["id"]: a for a in doc._.ng_actors}
    return doc, doc._.ng_events, actors


def _names(ids, actors):
    return {actors[i]["name"] for i in ids}


def _one(events, event_type):
    found = [e for e in events if e["type"] == event_type]
    assert found, [(e["type"], e["trigger"]["text"]) for e in events]
    return found[0]


def test_active_verb_with_actor_and_target(nlp):
    doc, events, actors = _run(nlp, "Egypt condemned Israel on Monday.")
    event = _one(events, "ACCUSE")
    assert _names(event["actors"], actors) == {"Egypt"}
    assert _names(event["targets"], actors) == {"Israel"}
    assert event["modality"] == "asserted"
    assert doc.text[event["trigger"]["start"] : event["trigger"]["end"]] == "condemned"
    sentence = event["sentence"]
    assert doc.text[sentence["start"] : sentence["end"]].startswith("Egypt")


def test_passive_with_agent(nlp):
    _, events, actors = _run(nlp, "Three Chadian soldiers were killed by Boko Haram militants.")
    event = _one(events, "ASSAULT")
    assert any("militants" in n or "Boko" in n for n in _names(event["actors"], actors))
    assert any("soldiers" in n for n in _names(event["targets"], actors))


def test_nominal_event_and_light_verb(nlp):
    _, events, actors = _run(
        nlp, "A gathering of Hamas leaders took place in Gaza. Egypt held talks with Qatar."
    )
    gathering = next(e for e in events if e["trigger"]["text"] == "gathering")
    assert gathering["type"] == "CONSULT"
    assert _names(gathering["actors"], actors) == {"Hamas leaders"}
    talks = next(e for e in events if "held" in e["trigger"]["text"])
    assert talks["type"] == "CONSULT" and talks["trigger"]["text"] == "held talks"
    assert _names(talks["actors"], actors) == {"Egypt"}
    assert _names(talks["targets"], actors) == {"Qatar"}


def test_compound_actors_and_several_events(nlp):
    _, events, actors = _run(
        nlp, "Israel and Egypt agreed on a truce, and Jordan criticized Syria."
    )
    agree = _one(events, "AGREE")
    assert {"Israel", "Egypt"} <= _names(agree["actors"], actors)
    accuse = _one(events, "ACCUSE")
    assert _names(accuse["actors"], actors) == {"Jordan"}


def test_reported_speech_future_threat(nlp):
    _, events, actors = _run(nlp, "The minister said Ruritania would attack the rebels.")
    event = _one(events, "THREATEN")
    assert event["modality"] == "future"
    assert _names(event["actors"], actors) == {"Ruritania"}
    assert any("rebels" in n for n in _names(event["targets"], actors))
    assert not [e for e in events if e["trigger"]["text"] == "said"]


def test_modalities(nlp):
    _, negated, _ = _run(nlp, "Peru did not condemn Chile.")
    assert _one(negated, "ACCUSE")["modality"] == "negated"
    _, denied, _ = _run(nlp, "Officials denied meeting the rebels.")
    assert _one(denied, "CONSULT")["modality"] == "negated"
    _, planned, _ = _run(nlp, "Chile plans to visit Peru next month.")
    assert _one(planned, "CONSULT")["modality"] == "future"  # a plan, pledged to no one
    _, pledged, _ = _run(nlp, "Chile said it would visit Peru next month.")
    pledge = _one(pledged, "CONSULT")  # a stated intention keeps its act's type
    assert pledge["modality"] == "future" and pledge["mode"] == "intend-visit"
    _, conditional, _ = _run(nlp, "If talks fail, Ruritania could attack its neighbour.")
    assert _one(conditional, "ASSAULT")["modality"] == "hypothetical"
    _, refused, _ = _run(nlp, "Turkey would not recognize the new government.")
    refusal = _one(refused, "REJECT")
    assert refusal["modality"] == "asserted"


def test_an_announced_act_is_a_pledge_only_towards_someone(nlp):
    """A cooperative act announced for another party is a pledge: its own type, future,
    mode intend- (the news guidelines; PLOVER reads it as an AGREE); one without a
    counterpart keeps its own mode too; a hostile one is coded as a threat."""
    _, pledged, _ = _run(nlp, "Norway will send emergency aid to Chile next week.")
    aid = _one(pledged, "AID")
    assert aid["modality"] == "future" and aid["mode"] == "intend-aid"
    assert plover_type(aid) == "AGREE"
    assert not [e for e in pledged if e["type"] == "AGREE"]
    _, resigning, _ = _run(nlp, "The Kelvian defence minister will resign next week.")
    resignation = _one(resigning, "RETREAT")
    assert resignation["modality"] == "future" and resignation["mode"] == "retreat"
    assert plover_type(resignation) == "RETREAT"
    _, curfew, _ = _run(nlp, "The junta announced that it will impose a curfew in Dunmore.")
    threat = _one(curfew, "THREATEN")
    assert threat["modality"] == "future" and plover_type(threat) == "THREATEN"


def test_plover_reads_a_stated_intention_as_agree():
    """PLOVER (after CAMEO) codes a stated intention to cooperate as AGREE; the record
    keeps the act's type and marks the intention in its mode."""
    event = {"type": "CONSULT", "mode": "intend-visit", "modality": "future"}
    assert plover_type(event) == "AGREE"
    assert plover_type({**event, "mode": "visit"}) == "CONSULT"  # a plan, pledged to no one
    assert plover_type({"type": "THREATEN", "mode": "intend-restrict"}) == "THREATEN"
    assert plover_type({"type": "REJECT", "mode": "refuse-recognize"}) == "REJECT"
    assert plover_type({"type": "AGREE", "mode": "agree"}) == "AGREE"


def test_travel_origin_and_destination(nlp):
    doc, events, actors = _run(
        nlp, "Omar al-Rashidi traveled to Ankara from Amman for the meeting."
    )
    assert doc._.ng_places is not None, "the places component is not in the pipeline"
    places = {p["id"]: p["text"] for p in doc._.ng_places}
    event = next(e for e in events if e["trigger"]["text"] == "traveled")
    assert event["type"] == "CONSULT" and event["mode"] == "visit"
    assert _names(event["actors"], actors) == {"Omar al-Rashidi"}
    assert event["destination"] in places and event["origin"] in places, (event, places)
    assert places[event["destination"]] == "Ankara"
    assert places[event["origin"]] == "Amman"


def test_hedges_are_listed(nlp):
    _, events, _ = _run(nlp, "The envoy reportedly met rebel commanders in Kabul.")
    event = _one(events, "CONSULT")
    assert "reportedly" in event["hedges"]
    assert [h["text"] for h in event["hedge_spans"]] == ["reportedly"]


def test_main_event_prefers_the_root_predicate(nlp):
    _, events, _ = _run(nlp, "Iran threatened to cut off electricity to Armenia.")
    assert main_event(events)["type"] == "THREATEN"


def test_lexicon_is_extendable_by_the_event_lexicon_setting(tmp_path, config, nlp):
    extra = tmp_path / "lexicon.yaml"
    extra.write_text(
        textwrap.dedent("""
        verbs:
          PROTEST:
            protest: [picnic]
    """),
        encoding="utf-8",
    )
    lexicon = event_lexicon.load_lexicon(str(extra))
    assert lexicon.verbs["picnic"][0].type == "PROTEST"
    assert "picnic" not in event_lexicon.load_lexicon().verbs
    extended = load_pipeline(config.replace(event_lexicon=str(extra)))
    _, events, _ = _run(extended, "Farmers picnicked outside the ministry.")
    assert _one(events, "PROTEST")
    _, events, _ = _run(nlp, "Farmers picnicked outside the ministry.")
    assert not any(e["type"] == "PROTEST" for e in events)


def test_markup_spans():
    text = "The Kuala Group (KG) accused Nauru of fraud."
    markup = "The (SRC: Kuala Group) (KG) (EVT: accused) (TAR: Nauru) of fraud."
    spans = tagged_spans(markup, text)
    assert [text[s:e] for s, e in spans["SRC"]] == ["Kuala Group"]
    assert [text[s:e] for s, e in spans["TAR"]] == ["Nauru"]


@pytest.mark.shared_data
def test_events_quality_floor(config):
    """The quality gate on the PLOVER gold records (161 sentences, a few seconds)."""
    path = shared_path("data", "events", "plover_gsr.json")
    result = evaluate_events(path, config=config)
    assert result["type_accuracy"] >= FLOORS["events_type_accuracy"], result
    assert result["source_match"] >= FLOORS["events_source_match"], result


def test_definite_event_noun_refers_back(nlp):
    _, events, actors = _run(
        nlp, "Egypt and Qatar held a meeting in Cairo. The meeting lasted two hours."
    )
    meetings = [e for e in events if e["type"] == "CONSULT"]
    assert len(meetings) == 1, [(e["type"], e["trigger"]["text"]) for e in events]
    triggers = [m["trigger"]["text"] for m in meetings[0]["mentions"]]
    assert triggers == ["held a meeting", "meeting"]
    assert {"Egypt", "Qatar"} <= _names(meetings[0]["actors"], actors)


# -- one record per happening (coreference of event mentions) ------------------------


def test_repeated_mentions_of_one_raid_make_one_event(nlp):
    _, events, _ = _run(
        nlp,
        "Police raided a warehouse in Lagos on Friday and arrested four men. "
        "The raid followed a tip from neighbours. Officers said the arrests were lawful.",
    )
    by_trigger = {
        e["trigger"]["text"]: [m["trigger"]["text"] for m in e["mentions"]] for e in events
    }
    assert by_trigger.get("raided") == ["raided", "raid"], by_trigger
    assert by_trigger.get("arrested") == ["arrested", "arrests"], by_trigger
    for event in events:
        assert event["mentions"], event
        assert any(m["trigger"] == event["trigger"] for m in event["mentions"])


def test_two_attacks_in_opposite_directions_stay_two(nlp):
    _, events, actors = _run(
        nlp, "Armenia attacked Azerbaijan on Monday. Azerbaijan attacked Armenia on Tuesday."
    )
    attacks = [e for e in events if e["type"] == "ASSAULT"]
    assert len(attacks) == 2
    assert [_names(e["actors"], actors) for e in attacks] == [{"Armenia"}, {"Azerbaijan"}]


def test_different_steps_of_a_story_are_not_merged(nlp):
    _, events, _ = _run(
        nlp,
        "Riot police detained ten students on Sunday. "
        "Police then banned all gatherings near the campus.",
    )
    coerce = [e for e in events if e["type"] == "COERCE"]
    assert len(coerce) == 2, [(e["trigger"]["text"], len(e["mentions"])) for e in coerce]


# -- every event dated: its own time, else the document's date ------------------------


def test_event_without_a_time_takes_the_document_date(nlp):
    events, times = events_dated(
        nlp, "Police arrested two protesters outside parliament.", "2024-03-05"
    )
    event = _one(events, "COERCE")
    assert event["time_source"] == "document"
    document_time = times[event["time"]]
    assert document_time["value"] == "2024-03-05" and document_time["source"] == "document"
    assert document_time["start"] is None  # no span in the text: evidence is `published`


def test_event_with_its_own_time_keeps_it(nlp):
    events, times = events_dated(nlp, "Police arrested two protesters on Monday.", "2024-03-07")
    event = _one(events, "COERCE")
    assert event["time_source"] == "text"
    assert times[event["time"]]["text"] == "Monday"


def test_plans_and_conditions_stay_undated(nlp):
    events, _ = events_dated(nlp, "The union will strike if wages are cut.", "2024-03-07")
    for event in events:
        if event["modality"] in {"future", "hypothetical"}:
            assert event["time"] is None and event["time_source"] is None


def test_without_a_document_date_undated_events_stay_undated(nlp):
    events, times = events_dated(nlp, "Police arrested two protesters outside parliament.", None)
    event = _one(events, "COERCE")
    assert event["time"] is None and event["time_source"] is None
    assert not any(t.get("source") == "document" for t in times.values())


def test_a_merged_event_keeps_its_time_and_where_it_came_from_together(nlp):
    events, times = events_dated(
        nlp,
        "Police arrested two men outside the stadium. The arrests on Saturday were lawful.",
        "2024-03-05",
    )
    for event in events:
        if event["time"] is None:
            assert event["time_source"] is None
        elif times[event["time"]].get("source") == "document":
            assert event["time_source"] == "document"
        else:  # its own time, or the day of an earlier event of its kind
            assert event["time_source"] in {"text", "context"}


def test_merging_takes_a_time_with_its_source():
    from newsgraph.extract.events.coref import merge_mentions

    mention = coref_mention
    # The fuller mention (a place) has no time; the other is dated by the document.
    first = mention(0, "arrested", place="P1")
    second = mention(50, "arrests", time="T9", time_source="document")
    (merged,) = merge_mentions([first, second], " " * 100, {"T9": "2024-03-05"})
    assert (merged["time"], merged["time_source"]) == ("T9", "document")


def test_a_definite_anaphor_names_the_event_of_its_own_mode():
    """ "The talks" after a meeting and then a journey to it names the meeting: both are
    CONSULT, but only the meeting shares its mode."""
    from newsgraph.extract.events.coref import merge_mentions

    text = "x" * 200 + " the talks"
    meeting = coref_mention(0, "meeting", type="CONSULT", mode="meet", actors=["A1"], targets=[])
    journey = coref_mention(
        100, "traveled", type="CONSULT", mode="visit", actors=["A3"], targets=[]
    )
    talks = coref_mention(205, "talks", type="CONSULT", mode="meet", actors=[], targets=[])
    merged = merge_mentions([meeting, journey, talks], text, {})
    by_mode = {e["mode"]: [m["trigger"]["text"] for m in e["mentions"]] for e in merged}
    assert by_mode == {"meet": ["meeting", "talks"], "visit": ["traveled"]}


def test_times_at_two_precisions_name_one_time():
    from newsgraph.extract.events.coref import _dates_agree, merge_mentions

    assert _dates_agree("2024-03-05", "2024-03-05T23:00")
    assert _dates_agree("2024-03", "2024-03-05") and _dates_agree("2024-W10", "2024-03-05")
    assert not _dates_agree("2023", "2024-03-05")
    assert not _dates_agree("2024-03-04", "2024-03-05")
    times = {"T1": "2024", "T2": "2024-03-05T23:00", "T3": "2024-03-09"}
    first = coref_mention(0, "arrested", time="T1", time_source="text")
    second = coref_mention(50, "arrested", time="T2", time_source="text")
    (merged,) = merge_mentions([first, second], " " * 100, times)
    assert len(merged["mentions"]) == 2
    third = coref_mention(50, "arrested", time="T3", time_source="text")
    fourth = coref_mention(90, "arrested", time="T2", time_source="text")
    assert len(merge_mentions([third, fourth], " " * 100, times)) == 2


def test_an_undated_mention_of_the_week_after_joins_its_event():
    """The publication day given to an undated mention stands for "lately": it agrees with
    last week's date of the same event, not with a date a year before."""
    from newsgraph.extract.events.coref import merge_mentions

    times = {"T1": "2024-W09", "T2": "2024-03-09", "T3": "2023"}
    dated = coref_mention(0, "arrested", time="T1", time_source="text")
    undated = coref_mention(60, "arrests", time="T2", time_source="document")
    (merged,) = merge_mentions([dated, undated], " " * 100, times)
    assert len(merged["mentions"]) == 2
    old = coref_mention(0, "arrested", time="T3", time_source="text")
    assert len(merge_mentions([old, undated], " " * 100, times)) == 2


def test_a_place_named_twice_does_not_part_two_mentions():
    """Two place items of one place (named in the headline and in the opening) agree; two
    different places keep the mentions apart."""
    from newsgraph.extract.events.coref import merge_mentions, place_identities

    places = place_identities(
        [
            {"id": "P1", "name": "Lisbon", "geonameid": 1},
            {"id": "P2", "name": "Lisbon", "geonameid": 1},
            {"id": "P3", "name": "Porto", "geonameid": 2},
        ]
    )
    first = coref_mention(0, "arrested", place="P1", place_source="text")
    second = coref_mention(60, "arrested", place="P2", place_source="text")
    (merged,) = merge_mentions([first, second], " " * 100, {}, places)
    assert len(merged["mentions"]) == 2
    elsewhere = coref_mention(60, "arrested", place="P3", place_source="text")
    assert len(merge_mentions([first, elsewhere], " " * 100, {}, places)) == 2
