"""Modality with scope: what governs an event's clause in the parse decides whether the
text says it happened, did not, will, or might."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


def _modality(nlp, text, trigger):
    events = nlp(text)._.ng_events
    found = [e for e in events if e["trigger"]["text"] == trigger]
    assert found, [(e["type"], e["trigger"]["text"]) for e in events]
    return found[0]["modality"]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # denial verbs and nouns
        ("The ministry denied that its troops shelled the village.", "shelled", "negated"),
        ("There is no evidence that the militia attacked the convoy.", "attacked", "negated"),
        ("She said she had no knowledge of efforts to arrest the mayor.", "arrest", "negated"),
        ("The idea that Ruritania invaded its neighbour is absurd.", "invaded", "negated"),
        ("The army rejected the claim that it bombed a school.", "bombed", "negated"),
        # cancellations
        ("The two leaders called off the summit.", "summit", "negated"),
        ("Organisers cancelled the march planned for Sunday.", "march", "negated"),
        # ideas, efforts, purposes, wishes and demands
        (
            "Analysts raised the possibility that the rebels would attack the port.",
            "attack",
            "hypothetical",
        ),
        ("The government sent soldiers to fight the insurgents.", "fight", "hypothetical"),
        ("The president is eager to withdraw troops from the border.", "withdraw", "hypothetical"),
        # (what a request asks for, "urged the police to release ...", is no event of its own
        # any more: tests/test_events_domains.py)
        # conditionals, questions, an unreported "would"
        ("If the talks fail, the rebels will attack the capital.", "attack", "hypothetical"),
        ("Will the two leaders meet in Geneva?", "meet", "hypothetical"),
        ("The bill would impose sanctions on the officials.", "impose", "hypothetical"),
        # a reported "would" is a plan; a claim keeps its speaker's modality
        ("The minister said the army would attack the rebels.", "attack", "future"),
        ("Rebels have accused the army of shelling the market.", "shelling", "asserted"),
        ("Prosecutors repeated the allegation that he attacked a guard.", "attacked", "asserted"),
        # a clause describing a noun keeps its own modality
        (
            "He hoped the deal would open talks with the rebels, who have long refused to "
            "negotiate.",
            "refused",
            "asserted",
        ),
        # a wh-question presupposes the event
        ("Why did the police arrest the reporter?", "arrest", "asserted"),
    ],
)
def test_modality_scope(nlp, text, trigger, expected):
    assert _modality(nlp, text, trigger) == expected
