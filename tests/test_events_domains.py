"""Event words used in another domain (a game, a market, a race), habits, what a request
asks for and things given that are no aid: no event of their own. Invented sentences, each
with its event reading beside it."""

from __future__ import annotations

import pytest

from newsgraph.config import Config
from newsgraph.extract.events.lexicon import _load
from newsgraph.nlp import load_pipeline

from conftest import assert_only_event_use, event_types, has_event


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Config(event_model="none"))


PAIRS = [
    # a game
    (
        "Lund attacked the basket in the second half, scoring four points for the team.",
        "Kelvian troops attacked the village of Marek on Monday.",
        "ASSAULT",
        "attacked",
    ),
    # a race
    (
        "Kovac is fighting Senator Lund in a tough race for the nomination, polls show.",
        "Kelvian troops are fighting the rebels of the Marek Front near Marek.",
        "ASSAULT",
        "fight",
    ),
    # a habit
    (
        "Kovac and the Norwegian prime minister often meet in Oslo.",
        "Kovac and the Norwegian prime minister met in Oslo on Monday.",
        "CONSULT",
        "me",
    ),
    # what is given is no aid
    (
        "Kovac gave the Norwegian prime minister the most valuable player award in Oslo.",
        "Norway gave food aid to the refugees in Marek on Monday.",
        "AID",
        "gave",
    ),
    # a journey that is nobody's
    (
        "The train trip from Oslo to Marek takes six hours.",
        "President Lena Kovac's trip to Oslo on Monday lasted two days.",
        "CONSULT",
        "trip",
    ),
]


@pytest.mark.parametrize(("other", "event", "event_type", "word"), PAIRS)
def test_only_the_event_use_makes_an_event(nlp, other, event, event_type, word):
    assert_only_event_use(nlp, other, event, event_type, word)


def test_a_move_in_a_market_is_no_event(nlp):
    text = "Kelvia Airlines would capture half of the graphics market, analysts said."
    assert not event_types(nlp, text), event_types(nlp, text)
    text = "Police captured the Kelvian gunman in Marek on Monday."
    assert has_event(nlp, text, "COERCE", "captured"), event_types(nlp, text)


def test_what_a_request_asks_for_is_its_content(nlp):
    """The news guidelines code the request; the withdrawal asked for is no event."""
    text = "The union urged the Kelvian government to withdraw its troops from Marek."
    types = event_types(nlp, text)
    assert any(t == "REQUEST" for t, _ in types), types
    assert not any(t == "RETREAT" for t, _ in types), types
    text = "The Kelvian government withdrew its troops from Marek on Monday."
    assert has_event(nlp, text, "RETREAT", "withdrew"), event_types(nlp, text)


def test_domains_are_data(tmp_path):
    """A user lexicon names its domains' vocabularies; an unknown domain or type fails."""
    extra = tmp_path / "extra.yaml"
    extra.write_text("domain_words:\n  chess: [pawn, rook]\nother_domains:\n  chess: [ASSAULT]\n")
    lexicon = _load(str(extra))
    entry = next(e for e in lexicon.verbs["attack"] if e.type == "ASSAULT")
    assert "rook" in lexicon.domain(entry)
    bad = tmp_path / "bad.yaml"
    bad.write_text("other_domains:\n  knitting: [ASSAULT]\n")
    with pytest.raises(ValueError, match="knitting"):
        _load(str(bad))
    bad.write_text("domain_words:\n  chess: [pawn]\nother_domains:\n  chess: [DUEL]\n")
    with pytest.raises(ValueError, match="DUEL"):
        _load(str(bad))


def test_a_question_asked_is_no_request(nlp):
    """A request asks someone to act; "asked whether ..." asks a question."""
    for text in (
        "The Kelvian spokesman asked why the talks had failed.",
        'Senator Lund asked, "Will you run again?"',
    ):
        assert not has_event(nlp, text, "REQUEST", "asked"), event_types(nlp, text)
    text = "The Kelvian foreign minister asked to join the talks in Oslo."
    assert has_event(nlp, text, "REQUEST", "asked"), event_types(nlp, text)
