"""Event types read from the trigger's use: what a request asks for, the sense a word's
object or modifier gives it (invented sentences)."""

from __future__ import annotations

import pytest

from newsgraph.extract.events.lexicon import _load

from conftest import event_types, has_event


def test_what_is_called_for_is_the_request(nlp):
    """ "called for X to be banned", "called for the release of X": the request is the
    event; the act asked for is its content, not an event of its own type."""
    text = "A Kelvian lawmaker is calling for Senator Lund to be banned from the country."
    types = event_types(nlp, text)
    assert ("REQUEST", "calling for") in types, types
    assert not any(t == "COERCE" for t, _ in types), types
    text = "The Kelvian union wrote to parliament calling for the release of the activists."
    types = event_types(nlp, text)
    assert any(t == "REQUEST" for t, _ in types), types
    assert not any(t == "RETREAT" for t, _ in types), types
    text = "Kelvian police banned Senator Lund from the country on Monday."
    assert has_event(nlp, text, "COERCE", "banned"), event_types(nlp, text)


# (text, type, trigger word): the object or a modifier picks the word's sense.
SENSES = [
    ("The Kelvian court granted immunity to the former aide.", "CONCEDE", "granted"),
    ("The Kelvian court granted the refugees food and shelter.", "AID", "granted"),
    ("The Kelvian party offered a sincere apology to Senator Lund.", "SUPPORT", "offered"),
    ("Senator Lund said she agrees with the minister's remarks.", "SUPPORT", "agrees with"),
    ("The minister did not ask for input from the opposition.", "CONSULT", "ask for"),
    ("The university conferred an honorary degree on the governor.", "SUPPORT", "conferred"),
    ("Riot police fired volleys of teargas at protesters in Marek.", "COERCE", "fired"),
    ("Two of the soldiers then fired a total of 12 rounds at the driver.", "ASSAULT", "fired"),
    ("The Kelvian government pledged financial support to the farmers.", "AID", "support"),
    ("Senator Lund backed out of the conference in Marek on Friday.", "RETREAT", "backed out"),
    ("Senator Lund backed the Kelvian government's plan on Friday.", "SUPPORT", "backed"),
]


@pytest.mark.parametrize(("text", "event_type", "word"), SENSES)
def test_the_sense_comes_from_the_object_or_modifier(nlp, text, event_type, word):
    assert has_event(nlp, text, event_type, word), event_types(nlp, text)


def test_an_attack_in_a_race_is_criticism(nlp):
    """One candidate's attack on another in a sentence about the campaign is verbal."""
    text = "Lund's sharp attack on Marek shows she is turning to the election campaign."
    assert has_event(nlp, text, "ACCUSE", "attack"), event_types(nlp, text)
    text = "Militants carried out an attack on the Kelvian convoy in Marek on Monday."
    assert has_event(nlp, text, "ASSAULT", "attack"), event_types(nlp, text)


def test_needs_name_known_sets(tmp_path):
    """A need names a word set of the lexicon or a domain; an unknown one fails."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("verb_senses:\n  AID:\n    give: {needs: [{modifier: nosuchset}]}\n")
    with pytest.raises(ValueError, match="nosuchset"):
        _load(str(bad))
    bad.write_text("verb_senses:\n  AID:\n    give: {needs: [{domain: knitting}]}\n")
    with pytest.raises(ValueError, match="knitting"):
        _load(str(bad))


def test_a_warning_to_do_something_is_a_request(nlp):
    """ "warned people not to swim" tells them what to do; "warned X that it would
    strike" announces an act."""
    text = "The Kelvian water agency is warning people not to swim near the outlet."
    assert has_event(nlp, text, "REQUEST", "warning"), event_types(nlp, text)
    text = "The Kelvian army warned Marek that it would strike the base."
    assert has_event(nlp, text, "THREATEN", "warned"), event_types(nlp, text)


def test_a_question_asked_is_no_request_even_of_someone(nlp):
    """A quoted question with its asker is reported speech, whoever it is put to."""
    text = '"Why did you go to the Kelvian committee instead," the spokesman asked.'
    assert not has_event(nlp, text, "REQUEST", "asked"), event_types(nlp, text)
    text = "The Kelvian minister asked the UN to send troops to Marek."
    assert has_event(nlp, text, "REQUEST", "asked"), event_types(nlp, text)


def test_what_is_sent_must_be_aid(nlp):
    """ "sent the referral to the prosecutor" gives nothing; "sent food to X" is aid."""
    text = "The Kelvian committee sent the referral to the prosecutor in Marek."
    assert not has_event(nlp, text, "AID", "sent"), event_types(nlp, text)
    text = "The Kelvian government sent food and blankets to the refugees in Marek."
    assert has_event(nlp, text, "AID", "sent"), event_types(nlp, text)
