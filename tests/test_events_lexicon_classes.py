"""Event word classes of the lexicon (criticism, legal process, killing, praise, pleading,
legislative votes, investigators' questioning) and the phrasal triggers a passive subject, an
adverb particle or a small clause completes. Invented sentences, each class's event use
beside a use of the same word that is no event."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.nlp import load_pipeline

from conftest import event_types, has_event


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


@pytest.mark.parametrize(
    ("text", "event_type", "word"),
    [
        # criticism verbs: a person or an idea criticised
        ("Senator Halvorsen blasted the governor for the budget cuts.", "ACCUSE", "blasted"),
        ("The union castigated Mayor Oduya over the layoffs.", "ACCUSE", "castigated"),
        # legal process
        ("Judge Marsh sentenced Tom Keller to ten years in prison.", "COERCE", "sentenced"),
        ("A jury in Dunmore convicted Tom Keller of fraud on Friday.", "COERCE", "convicted"),
        ("The court in Dunmore found Tom Keller guilty of fraud.", "COERCE", "guilty"),
        ("The House voted to impeach Governor Brant on Tuesday.", "ACCUSE", "impeach"),
        # killing and throwing things at people
        ("Two men stabbed a guard outside the prison in Dunmore.", "ASSAULT", "stabbed"),
        ("Youths threw stones at police officers in Dunmore.", "ASSAULT", "threw"),
        # praise, pleading, instructing
        ("Mayor Oduya hailed the police for their work.", "SUPPORT", "hailed"),
        ("Senator Halvorsen implored the governor to sign the bill.", "REQUEST", "implored"),
        ("The minister instructed the embassy to close its doors.", "REQUEST", "instructed"),
        # legislative votes and obstruction
        ("The Senate of Norland passed the budget bill on Monday.", "AGREE", "passed"),
        ("The assembly of Norland voted down the reform bill.", "REJECT", "voted down"),
        # disapproval expressed; a crowd booing
        ("Senator Halvorsen expressed concern that the plan would fail.", "ACCUSE", "concern"),
        ("Delegates booed Senator Halvorsen at the convention in Dunmore.", "PROTEST", "booed"),
    ],
)
def test_word_classes_make_events(nlp, text, event_type, word):
    assert has_event(nlp, text, event_type, word), event_types(nlp, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a blast of music, a nail hammered: no criticism
        ("The neighbours blasted music all night in Dunmore.", "blasted"),
        ("The carpenter hammered a nail into the wall.", "hammered"),
        # a ball thrown is no assault; a ball passed is no law
        ("The boy threw a ball to his sister.", "threw"),
        ("The midfielder passed the ball to the striker.", "passed"),
        # a film directed, advice given with no act asked of anyone
        ("Jane Corr directed the film in Dunmore.", "directed"),
        # a trial of a product, a crime named as what someone is charged with
        ("The company is offering a free trial of its software.", "trial"),
        ("Police charged Tom Keller with murder on Friday.", "murder"),
    ],
)
def test_other_senses_of_the_same_words_make_no_event(nlp, text, word):
    assert not any(word in trigger for _, trigger in event_types(nlp, text)), event_types(nlp, text)


def test_investigators_question_journalists_interview(nlp):
    """An interview is an investigation's step when police, prosecutors or a court do it
    (the lexicon's authority_sectors), not when a broadcaster does."""
    assert has_event(nlp, "Police questioned Tom Keller for six hours.", "ACCUSE", "questioned")
    interview = "The broadcaster interviewed Senator Halvorsen on Monday."
    assert not any("interview" in trigger for _, trigger in event_types(nlp, interview))


@pytest.mark.parametrize(
    ("text", "event_type", "trigger"),
    [
        # a passive subject completes the phrase; the span stays the verb's
        ("The curfew in Dunmore was lifted on Monday by the army.", "CONCEDE", "lifted"),
        ("The charges against Tom Keller were dropped in 2009.", "CONCEDE", "dropped"),
        # a particle the parser labels an adverb
        ("Mayor Oduya stepped down as leader of the council on Tuesday.", "RETREAT", "stepped"),
    ],
)
def test_phrases_completed_by_a_passive_subject_or_adverb(nlp, text, event_type, trigger):
    found = event_types(nlp, text)
    assert (event_type, trigger) in found or any(
        t == event_type and trigger in w for t, w in found
    ), found


def test_a_passive_subject_of_a_phrase_makes_no_event_of_its_own(nlp):
    """ "The curfew was lifted": one concession, not also a curfew imposed."""
    found = event_types(nlp, "The curfew in Dunmore was lifted on Monday by the army.")
    assert [t for t, _ in found] == ["CONCEDE"], found
