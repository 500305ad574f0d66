"""Event nouns that point back at an event the reader already knows ("the meeting",
"Trump's criticism"): whether one has an earlier event to point at, what it takes from
it, how the coref step should read it, and which nominal events are tied to the world at
all. Split from the events component, which calls these per trigger mention."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from newsgraph.extract.events.triggers import Found

DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those"})
POINTING_WORDS = frozenset({"the", "this", "that"})  # singular pointers: "the meeting"
REFER_BACK_CHARS = 600  # "the meeting" looks back about two or three sentences


def _pointed(noun: Token) -> bool:
    """The noun has a definite determiner of its own: "the meeting", "this raid"."""
    return any(c.dep_ == "det" and c.lower_ in POINTING_WORDS for c in noun.children)


def refer_back(record: dict[str, Any], found: Found, earlier: list[dict[str, Any]]) -> None:
    """ "the meeting" after "a gathering of Hamas leaders in Turkey": a definite event noun
    without participants of its own names the latest nearby event of its kind (same mode)
    that has them."""
    noun = found.noun
    if noun is None or not _pointed(noun):
        return
    for previous in reversed(earlier):
        if record["trigger"]["start"] - previous["trigger"]["start"] > REFER_BACK_CHARS:
            return
        if previous["mode"] == record["mode"] and previous["actors"]:
            record["actors"] = list(previous["actors"])
            record["targets"] = record["targets"] or list(previous["targets"])
            if record["place"] is None:
                record["place"] = previous["place"]
                record["place_source"] = previous["place_source"]
            return


def has_antecedent(found: Found, earlier: list[dict[str, Any]]) -> bool:
    """A definite event noun ("the meeting") with an earlier event of its type nearby."""
    noun = found.noun
    if noun is None or not _pointed(noun):
        return False
    types = {found.entry.type, *(e.type for e in found.others)}
    for previous in reversed(earlier):
        if noun.idx - previous["trigger"]["start"] > REFER_BACK_CHARS:
            return False
        if previous["type"] in types:
            return True
    return False


def definite_kind(found: Found) -> str | None:
    """How the event noun points at an event the reader knows: "bare" when a determiner or
    possessive pronoun is all that comes before it ("the raid", "her attacks"),
    "possessed" for a named possessor ("Trump's criticism"), "described" when other words
    come before it as well ("the aerial bombing", "the Oklahoma City bombing": such a
    phrase may also name a new event); None for other triggers."""
    noun = found.noun
    if noun is None or found.verb is not None:
        # A light verb's object ("launched its offensive against X") is the verb's event,
        # said for the first time: it points back at nothing.
        return None
    left = [c for c in noun.children if c.i < noun.i and c.dep_ not in {"punct", "case"}]
    pointers = [
        c for c in left if (c.dep_ == "det" and c.lower_ in DEFINITE_WORDS) or c.dep_ == "poss"
    ]
    if not pointers:
        return None
    if len(pointers) < len(left):
        return "described"
    # A named possessor ("Trump's criticism") is a participant, which must agree.
    named = any(c.dep_ == "poss" and c.pos_ != "PRON" for c in pointers)
    return "possessed" if named else "bare"


def anchored(record: dict[str, Any], found: Found) -> bool:
    """A nominal event is kept when something ties it to the world: a participant, a tied
    place or time, or a definite article pointing at a known event ("the meeting")."""
    noun = found.noun
    definite = noun is not None and _pointed(noun)
    return bool(
        record["actors"] or record["targets"] or record["places"] or record["time"] or definite
    )
