"""ACLED-style categories: lexicon, scorer, spaCy component, CASE evaluator.

The sentences below are written for these tests (one per common label); they are not
taken from any evaluation data.
"""

from __future__ import annotations

import json

import pytest

from newsgraph.eval.case import evaluate_case, per_label_scores, summary_scores
from newsgraph.extract.category.lexicon import compile_lexicon, load_lexicon
from newsgraph.extract.category.scorer import TermIndex, find_hits, score_hits

from conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())

INVENTED = [
    (
        "ARMED_CLASH",
        "Soldiers and insurgents exchanged fire for hours near the frontier, "
        "leaving four fighters dead.",
    ),
    ("AIR_STRIKE", "Warplanes bombed a rebel-held market town overnight, killing eleven people."),
    ("ART_MISS_ATTACK", "Artillery shells and mortar rounds landed in the village all night."),
    (
        "PEACE_PROTEST",
        "Hundreds of teachers rallied outside parliament on Tuesday, chanting "
        "slogans and demanding higher pay.",
    ),
    (
        "VIOL_DEMONSTR",
        "Demonstrators hurled stones at police and set fire to tyres after the "
        "result was announced.",
    ),
    (
        "PROTEST_WITH_INTER",
        "Police used tear gas and water cannon to disperse students who had "
        "gathered to protest against tuition fees.",
    ),
    (
        "FORCE_AGAINST_PROTEST",
        "Security forces opened fire on protesters in the capital, killing at least nine people.",
    ),
    ("ARREST", "Police arrested a former mayor on corruption charges on Monday."),
    ("REM_EXPLOS", "A roadside bomb exploded under a passing army truck, wounding three soldiers."),
    ("SUIC_BOMB", "A suicide bomber blew himself up at the entrance of a crowded mosque."),
    (
        "GRENADE",
        "Unknown assailants lobbed a grenade into a police station, injuring two officers.",
    ),
    ("DISR_WEAP", "Bomb disposal experts defused an explosive device found near the bus terminal."),
    (
        "CHEM_WEAP",
        "Doctors said chlorine gas was used against a residential district, leaving "
        "dozens of people struggling to breathe.",
    ),
    ("AGREEMENT", "The two armed movements signed a ceasefire agreement in the capital on Friday."),
    ("ABDUCT_DISSAP", "Gunmen kidnapped six aid workers on the road to the provincial capital."),
    ("SEX_VIOL", "A soldier was charged with raping a teenage girl during the operation."),
    (
        "NATURAL_DISASTER",
        "A powerful earthquake struck the coastal region, destroying hundreds of homes.",
    ),
    ("MAN_MADE_DISASTER", "A fire broke out in a garment factory, killing twelve workers."),
    ("MOB_VIOL", "An angry mob lynched a man suspected of stealing cattle."),
    (
        "DIPLO",
        "The foreign minister held talks with her Japanese counterpart during an "
        "official visit to Tokyo.",
    ),
    (
        "ORG_CRIME",
        "A drug cartel has been smuggling cocaine through the port for years, investigators said.",
    ),
    (
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "Rebels seized control of the town after government troops fled.",
    ),
    ("GOV_REGAINS_TERIT", "Government troops recaptured the town from the militants on Sunday."),
    ("HQ_ESTABLISHED", "The armed group set up a new headquarters in the hills above the valley."),
    (
        "CHANGE_TO_GROUP_ACT",
        "Two rebel factions announced that they had merged into a single movement.",
    ),
    (
        "NON_VIOL_TERRIT_TRANSFER",
        "Foreign troops withdrew from the base and handed it over to local forces.",
    ),
    ("ATTRIB", "The militant group claimed responsibility for the attack on the convoy."),
    ("PROPERTY_DISTRUCT", "Looters ransacked shops and vandalised cars in the market overnight."),
]
NEUTRAL = "The city council approved a new budget for schools and roads on Tuesday."


def test_lexicon_labels_are_the_case_label_set():
    lexicon = load_lexicon()
    assert len(lexicon.label_names) == 29  # the 30 CASE labels minus the OTHER fallback
    assert "OTHER" not in lexicon.label_names
    assert all(rules.means for rules in lexicon.labels)


@pytest.mark.parametrize(("label", "text"), INVENTED, ids=[label for label, _ in INVENTED])
def test_component_sets_the_document_category(nlp, label, text):
    assert nlp(text)._.ng_category == label


def test_nothing_conflict_like_gives_no_category(nlp):
    assert nlp(NEUTRAL)._.ng_category is None


def test_lead_paragraph_decides_without_events(nlp):
    text = (
        "Rebels seized control of the town after government troops fled.\n\n"
        "Separately, teachers rallied outside parliament demanding higher pay."
    )
    doc = nlp(text)
    doc._.ng_events = None  # as when the events component is not in the pipeline
    nlp.get_pipe("newsgraph_category_v1")(doc)
    assert doc._.ng_category == "NON_STATE_ACTOR_OVERTAKES_TER"


def test_events_get_a_category_from_their_sentence(nlp):
    text = (
        "Security forces opened fire on protesters in the capital on Friday, killing at least "
        "nine people. The foreign minister said she would visit Tokyo next month."
    )
    doc = nlp(text)
    events = doc._.ng_events
    assert events is not None
    assert all("category" in event for event in events)
    first_sentence_end = text.index("Tokyo") - 40
    first = [e for e in events if e["sentence"]["end"] <= first_sentence_end]
    assert first, [(e["type"], e["trigger"]["text"]) for e in events]
    assert all(event["category"] == "FORCE_AGAINST_PROTEST" for event in first), first
    assert doc._.ng_category == "FORCE_AGAINST_PROTEST"


def test_user_extension_through_the_data_format(nlp):
    data = {
        "settings": {"min_score": 2},
        "concepts": {"flood": ["inundat*", "flash flood"], "help": ["relief"]},
        "labels": [
            {
                "label": "NATURAL_DISASTER",
                "family": "disaster",
                "means": "water",
                "cues": [
                    {"all": ["@flood"], "weight": 2},
                    {"all": ["@flood", "@help"], "weight": 1},
                    {"all": ["dam"], "none": ["@help"], "weight": -5},
                ],
            }
        ],
    }
    lexicon = compile_lexicon(data)
    index = TermIndex(lexicon)
    doc = nlp.make_doc("Relief teams reached villages inundated by a flash-flood.")
    scored = score_hits(find_hits(doc, index), doc, lexicon)
    assert scored.label == "NATURAL_DISASTER" and scored.score == 3.0
    doc = nlp.make_doc("The dam overflowed and a flash flood followed.")
    assert score_hits(find_hits(doc, index), doc, lexicon).label is None


def test_metrics_follow_the_weighted_f1_definition():
    gold = ["A", "A", "B", "C"]
    predicted = ["A", "B", "B", "B"]
    table = per_label_scores(gold, predicted)
    assert table["A"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert table["B"]["precision"] == 0.3333 and table["B"]["recall"] == 1.0
    assert table["C"]["f1"] == 0.0
    scores = summary_scores(gold, predicted)
    # weighted: (2 * 2/3 + 1 * 0.5 + 1 * 0) / 4; macro: (2/3 + 0.5 + 0) / 3
    assert scores == {"accuracy": 0.5, "weighted_f1": 0.4583, "macro_f1": 0.3889}


@pytest.mark.shared_data
def test_case_quality_floor(config):
    """The quality gate: weighted F1 on the CASE 2021 development snippets."""
    path = shared_path("data", "events", "case2021_task2.tsv")
    result = evaluate_case(path, config=config)
    assert result["snippets"] > 500
    assert result["weighted_f1"] >= FLOORS["case_weighted_f1"], result
