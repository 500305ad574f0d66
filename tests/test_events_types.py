"""Event types read from the trigger's use: what a request asks for, the sense a word's
object or modifier gives it (invented sentences)."""

from __future__ import annotations

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
