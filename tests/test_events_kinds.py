"""Uses of event words that tell no happening: what a kind of thing does, a speaker's
audience, a category, a question, what is protected, a name. One invented pair per class:
the non-event use, then an event use of the same word that must stay."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.nlp import load_pipeline

from conftest import assert_only_event_use, has_event


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


# (non-event use, event use, type, trigger word)
PAIRS = [
    # a simple-present clause whose subject is a kind: what such things do
    (
        "The amendment would shield some labor unions that oppose the new marriage law.",
        "The Dunmore council opposed the new marriage law on Monday.",
        "REJECT",
        "oppose",
    ),
    (
        "Governors who back him would defy the voters, the chairman said.",
        "Governor Anna Berg backed him in the vote on Monday.",
        "SUPPORT",
        "back",
    ),
    # a relative clause of what can be done describes its noun
    (
        "It is a scheme under which councils can provide housing aid to families.",
        "The Dunmore council provided housing aid to forty families on Monday.",
        "AID",
        "provide",
    ),
    # the meeting a speaker addresses is the setting of a speech
    (
        "Talks are over, the minister told the party meeting in Dunmore.",
        "The ministers held a meeting in Dunmore on Monday.",
        "CONSULT",
        "meeting",
    ),
    # a news conference is where something is said
    (
        "The president started the news conference by thanking the police.",
        "The two presidents held a conference in Dunmore on Monday.",
        "CONSULT",
        "conference",
    ),
    # a category of support, not support given
    (
        "The allowance is a form of housing support provided by the councils.",
        "Norway announced its support for the Dunmore government on Monday.",
        "SUPPORT",
        "support",
    ),
    # received emails, not a visitor
    (
        "The senator received several emails from the governor's office.",
        "King Harald received the Polish envoy in Oslo on Monday.",
        "CONSULT",
        "received",
    ),
    # defending what is protected backs no one
    (
        "The senators vowed to defend the dignity of the nation.",
        "The senator defended the minister against the charges on Monday.",
        "SUPPORT",
        "defend",
    ),
    # a question asked, not an act asked for
    (
        "The reporter asked whether the army would leave the town.",
        "The mayor asked the army to leave the town on Monday.",
        "REQUEST",
        "asked",
    ),
    # declining to comment refuses no one
    (
        "The general declined to comment on the report.",
        "The general declined the invitation from Russia to talks.",
        "REJECT",
        "declined",
    ),
    # "protesting that": a claim
    (
        "The minister wrote to the paper, protesting that the police had lied.",
        "Thousands protested against the new tax in Dunmore on Monday.",
        "PROTEST",
        "protest",
    ),
    # a bill killed is defeated
    (
        "The senators killed the education bill on Tuesday.",
        "The gunmen killed three guards on Tuesday.",
        "ASSAULT",
        "killed",
    ),
    # a card, not forces, pulled out
    (
        "The candidate pulled out the race card in the debate.",
        "Russia pulled out its troops from the border town on Monday.",
        "RETREAT",
        "pulled",
    ),
    # an organisation's name is no act
    (
        "Members of the National Rally voted against the bill in Paris.",
        "Thousands joined a rally against the new tax in Paris on Monday.",
        "PROTEST",
        "ally",
    ),
    # an obligation a speaker lays on their own side is resolve, no demand on anyone
    (
        '"We must never give the board that power," the senator said.',
        "The senator said that China must drop its trade barriers.",
        "REQUEST",
        "",
    ),
    # software, not people: an attack or a release in the technology domain
    (
        "Norsk Data is releasing Cloud Drive for all its business customers.",
        "The rebels released twelve hostages on Monday.",
        "RETREAT",
        "releas",
    ),
]


@pytest.mark.parametrize(("other", "event", "event_type", "word"), PAIRS)
def test_a_kind_or_setting_is_no_event(nlp, other, event, event_type, word):
    assert_only_event_use(nlp, other, event, event_type, word)


def test_a_headline_in_the_present_keeps_its_event(nlp):
    """Only subordinate clauses tell what a kind does: a headline's main clause tells news."""
    assert has_event(nlp, "Protesters clash with police in Dunmore.", "ASSAULT", "clash")
