"""Finding toponym mentions: which spans of a document name a place.

Three sources:
- the model's GPE, LOC and FAC entities, minus demonyms the model sometimes tags as GPE
  ("Russian") and unknown one-word names; an entity written "Paris, Texas" is split into
  its two names; entities with other labels only when the whole name is a known place
  ("Liverpool" tagged ORG) or ends in a street or building word ("Royal Street");
- upper-case datelines ("BOSTON (Reuters) -");
- gazetteer names the model missed, read only outside other entities (so "Istanbul
  University", an ORG, never yields "Istanbul"): a multi-word name of a country, division
  or region ("Gaza Strip", "West Bank"), a country or division name on its own, or a
  capitalised town name after a preposition of place ("in", "from", "to", ...) when the town
  is big enough that the reading is likely.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_UPPER
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.places.gazetteer import (
    FEATURE_KINDS,
    Candidate,
    Gazetteer,
    normalise,
    places_data,
)
from newsgraph.nlp.extensions import doc_text, entities

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose entities are places only when the whole name is a known place.
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT"})
# A town read as a place from an ORG entity ("Liverpool") must be at least this big.
MIN_METONYMIC_TOWN = 100_000
# A dateline ("WASHINGTON (AP) --") names a town at least this big.
MIN_DATELINE_TOWN = 10_000
# Features that make a bare name a place reading on its own (areas, and the natural
# features and seats of government of places.yaml).
AREA_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "CONT", *FEATURE_KINDS.values()})
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "from",
        "to",
        "at",
        "near",
        "into",
        "across",
        "outside",
        "inside",
        "toward",
        "towards",
        "through",
        "via",
        "around",
        "throughout",
        "of",
    }
)
# Prepositions after which even an unknown one-word name is read as a place.
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "near", "outside", "inside", "across", "throughout", "around", "into"}
)
# A town named only by the gazetteer (no entity tag) must be at least this big.
MIN_UNTAGGED_TOWN = 10_000
MAX_NAME_TOKENS = 4
DATELINE_LABEL = "DATELINE"
# Word endings of nationality adjectives and demonyms ("Syrian", "Turkish", "Chinese",
# "Israeli", "Americans"): a span that ends so and is not itself a place name is no place.
_DEMONYM_ENDING = re.compile(r"(ian|ean|an|ish|ese|i|ic|ians|eans|ans|is|ers)$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into doc.text
    end: int
    text: str
    label: str  # the entity label, or "GAZ" for a gazetteer-only match
    qualifier: str | None = None  # "Texas" in "Paris, Texas"


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    return frozenset(normalise(word) for word in places_data().get("not_places") or ())


def _exact(candidates: list[Candidate], text: str) -> list[Candidate]:
    key = normalise(text)
    return [c for c in candidates if normalise(c.name) == key]


def is_demonym(text: str, gazetteer: Gazetteer) -> bool:
    words = text.split()
    if len(words) != 1 or not _DEMONYM_ENDING.search(words[-1]):
        return False
    return not _exact(gazetteer.lookup(text), text) and not any(
        c.feature in AREA_FEATURES for c in gazetteer.lookup(text)
    )


def _split_on_comma(span: Span) -> list[tuple[Span, Span | None]]:
    """ "Paris, Texas" -> [(Paris, Texas), (Texas, None)]; other spans unchanged."""
    commas = [t.i for t in span if t.text == ","]
    if len(commas) != 1 or commas[0] in (span.start, span.end - 1):
        return [(span, None)]
    head = span.doc[span.start : commas[0]]
    tail = span.doc[commas[0] + 1 : span.end]
    return [(head, tail), (tail, None)]


def _names_a_place(ent: Span, gazetteer: Gazetteer) -> bool:
    """An ORG, PERSON, NORP or PRODUCT entity whose whole text is a well-known place name.

    The model often tags a country or city used for its government or team ("Liverpool
    won", "the EU said") as ORG, and unfamiliar divisions as PERSON. A name that merely
    contains a place ("Istanbul University") never qualifies.
    """
    preferred = [c for c, ok in gazetteer.options(ent.text) if ok]
    if normalise(ent.text) in not_places() or not preferred:
        return False
    if any(c.feature in AREA_FEATURES for c in preferred):
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    after_preposition = before is not None and before.lower_ in PLACE_PREPOSITIONS
    # After "in", "from", "near"... a smaller town is the likely reading even of a name the
    # model took for a person or an organisation.
    smallest = MIN_UNTAGGED_TOWN if after_preposition else MIN_METONYMIC_TOWN
    towns = [c for c in preferred if c.population >= smallest]
    return bool(towns) and (ent.label_ == "ORG" or after_preposition)


@lru_cache(maxsize=1)
def site_words() -> frozenset[str]:
    return frozenset(word.lower() for word in places_data().get("site_words") or ())


@lru_cache(maxsize=1)
def direction_words() -> frozenset[str]:
    return frozenset(normalise(word) for word in places_data().get("direction_words") or ())


def _unknown_word(span: Span, gazetteer: Gazetteer) -> bool:
    # A one-word "GPE" the gazetteer has never heard of is mostly a person or a brand the
    # model mislabelled, unless a preposition of location precedes it ("in Toomevara");
    # longer unknown names are usually streets or buildings. A lone direction ("Southern",
    # "Centre") is part of a name, not a place; an unknown word in capitals is an acronym or
    # a headline's word ("in OT", "SURGE IN MURALS") even after such a preposition.
    if len(span) != 1:
        return False
    if normalise(span.text) in direction_words():
        return True
    if gazetteer.options(span.text):
        return False
    if span.text.isupper():
        return True  # an acronym or a word of a headline in capitals ("OT", "MURALS")
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or before.lower_ not in LOCATIVE_PREPOSITIONS


def _names_a_site(ent: Span) -> bool:
    """An ORG or PERSON entity that is really a street or a building ("Royal Street")."""
    return len(ent) > 1 and ent[-1].text.lower() in site_words()


def _entity_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    mentions = []
    ents = entities(doc)
    for index, ent in enumerate(ents):
        if ent.label_ in OTHER_LABELS:
            if not (
                _names_a_place(ent, gazetteer)
                or _names_a_site(ent)
                or (ent.label_ != "ORG" and _names_a_division(ent, gazetteer))
            ):
                continue
        elif ent.label_ not in PLACE_LABELS or is_demonym(ent.text, gazetteer):
            continue
        for part, qualifier in _split_on_comma(ent):
            if _unknown_word(part, gazetteer):
                continue
            if qualifier is None:
                qualifier = (
                    _following_qualifier(ents, index, gazetteer) if part.end == ent.end else None
                )
            mentions.append(
                Mention(
                    part.start_char,
                    part.end_char,
                    part.text,
                    ent.label_,
                    qualifier.text if isinstance(qualifier, Span) else None,
                )
            )
    return mentions


def _following_qualifier(ents: Sequence[Span], index: int, gazetteer: Gazetteer) -> Span | None:
    """The "Texas" in "Paris, Texas" when the model tagged the two names separately."""
    if index + 1 >= len(ents):
        return None
    here, after = ents[index], ents[index + 1]
    # The tokens between the two names, not doc.text: spaCy rebuilds that on every access.
    between = here.doc[here.end : after.start].text
    if between.strip() != "," or after.label_ not in PLACE_LABELS:
        return None
    if not any(c.feature in AREA_FEATURES for c in gazetteer.lookup(after.text)):
        return None
    return after


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


@lru_cache(maxsize=1)
def division_suffixes() -> frozenset[str]:
    data = places_data()
    words = [*(data.get("division_words") or ()), *(data.get("state_words") or ())]
    return frozenset(w.lower() for w in words)


def _names_a_division(span: Span, gazetteer: Gazetteer) -> bool:
    """ "Sokoto State", "Helmand Province": a known division or town name and a word for a
    division. (An entity the model tagged ORG is left alone: "Ohio State" is a university.)
    """
    if len(span) < 2 or span[-1].lower_ not in division_suffixes():
        return False
    if span.end < len(span.doc) and _capitalised(span.doc[span.end]):
        return False  # part of a longer name ("Borno State University")
    name = span.doc[span.start : span.end - 1].text
    if normalise(name) in not_places() or normalise(name) in direction_words():
        return False
    return any(
        ok and (c.feature in AREA_FEATURES or c.population >= MIN_UNTAGGED_TOWN)
        for c, ok in gazetteer.options(name)
    )


def _untagged_reading(span: Span, gazetteer: Gazetteer) -> bool:
    """Is this capitalised run, outside any entity, a place name worth taking?"""
    text = span.text
    key = normalise(text)
    if key in not_places():
        return False
    candidates = [c for c, ok in gazetteer.options(text) if ok]
    if not candidates:
        return _names_a_division(span, gazetteer)
    if any(c.feature == "PCLI" for c in candidates) and span[0].pos_ == "PROPN":
        return True
    if any(c.feature in AREA_FEATURES for c in candidates) and span[0].pos_ == "PROPN":
        # A division or region name; not the first name of a person ("Georgia Hale").
        after = span.doc[span.end] if span.end < len(span.doc) else None
        return after is None or not (after.pos_ == "PROPN" and _capitalised(after))
    if len(span) > 1 or _name_goes_on(span):
        return False  # "at Lombard Odier", "of Enterprise Scrum": a longer name
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None or before.lower_ not in PLACE_PREPOSITIONS:
        return False
    return any(c.population >= MIN_UNTAGGED_TOWN for c in candidates)


def _name_goes_on(span: Span) -> bool:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.pos_ == "PROPN" and _capitalised(after)


def _capitalised_words(doc: Doc) -> list[bool]:
    """For each token: alphabetic and capitalised, read off the document's arrays (the
    first letter of a token is the text at its offset) without making a Token."""
    text = doc_text(doc)
    return [
        bool(alpha) and text[idx].isupper() for idx, alpha in doc.to_array([IDX, IS_ALPHA]).tolist()
    ]


def _gazetteer_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    taken = [False] * len(doc)
    for ent in entities(doc):
        taken[ent.start : ent.end] = [True] * len(ent)
    word = _capitalised_words(doc) if len(doc) else []
    mentions = []
    i = 0
    while i < len(doc):
        if taken[i] or not word[i]:
            i += 1
            continue
        # Longest capitalised run first ("West Bank" before "West").
        for size in range(MAX_NAME_TOKENS, 0, -1):
            end = i + size
            if end > len(doc) or any(taken[i:end]) or not word[end - 1]:
                continue
            span = doc[i:end]
            if _untagged_reading(span, gazetteer):
                mentions.append(Mention(span.start_char, span.end_char, span.text, "GAZ"))
                i = end
                break
        else:
            i += 1
    return mentions


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


_DATELINE_FOLLOWERS = frozenset({"(", ",", "-", "--", "—", "–", "&", ":"})


def _dateline_start(doc: Doc, i: int) -> bool:
    # A paragraph start, or the first word after a sentence end ("By A. Reporter. BOSTON").
    return _line_start(doc, i) or doc[i - 1].text in {".", "&"}


def _dateline_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """An upper-case town name opening a report, as in "BOSTON (AP) -- ..."."""
    mentions: list[Mention] = []
    if not len(doc):
        return mentions
    # Only all-capital words can open a dateline: found on the document's arrays, so that
    # no Token is made for the other words.
    flags = doc.to_array([IS_ALPHA, IS_UPPER])
    for i in numpy.flatnonzero(numpy.logical_and(flags[:, 0], flags[:, 1])).tolist():
        token = doc[i]
        if not (len(token) > 2 and _dateline_start(doc, i)):
            continue
        for size in range(MAX_NAME_TOKENS, 0, -1):
            span = doc[i : i + size]
            if len(span) < size or not all(t.is_upper and t.is_alpha for t in span):
                continue
            if span.end < len(doc) and doc[span.end].text not in _DATELINE_FOLLOWERS:
                continue
            preferred = [c for c, ok in gazetteer.options(span.text) if ok]
            if any(
                c.feature in AREA_FEATURES or c.population >= MIN_DATELINE_TOWN for c in preferred
            ):
                mentions.append(Mention(span.start_char, span.end_char, span.text, DATELINE_LABEL))
                break
    return mentions


def _person_words(doc: Doc) -> frozenset[str]:
    """The surnames of the document's full person names ("Evo Morales" -> Morales): news
    names a person in full once, then by surname. (The model also tags some places as
    people, "Riverdale Gas Station"; their first word is no surname.)"""
    return frozenset(
        ent[-1].text for ent in entities(doc) if ent.label_ == "PERSON" and len(ent) > 1
    )


def _names_a_person(mention: Mention, people: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A one-word name that is the surname of a person named in full in the document
    ("Morales" after "Evo Morales") is that person, unless it names a country, a region or
    a natural feature ("Jordan" stays the country). A first-level division does not save it:
    many are named like people ("Paul", "Miranda")."""
    if mention.text not in people:
        return False
    return not any(
        ok and c.feature in AREA_FEATURES and c.feature != "ADM1"
        for c, ok in gazetteer.options(mention.text)
    )


SEAT_FEATURE = FEATURE_KINDS["seat"]
# Before a seat of government, these make it the building ("a dinner at the White House").
SEAT_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"at", "to", "from", "outside", "toward", "towards"}


def _stands_for_a_government(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "The White House said", "the Kremlin denied": a seat of government named for the
    government is an actor, not a place. Only after a preposition of place is it the
    building."""
    options = [c for c, ok in gazetteer.options(mention.text) if ok]
    if not any(c.feature == SEAT_FEATURE for c in options):
        return False  # (a town of the name, "White House, Tennessee", loses to the seat)
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return True
    i = span.start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i < 0 or doc[i].lower_ not in SEAT_PREPOSITIONS


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    found = _entity_mentions(doc, gazetteer) + _gazetteer_mentions(doc, gazetteer)
    people = _person_words(doc)
    found = [
        m
        for m in found
        if not _names_a_person(m, people, gazetteer)
        and not _stands_for_a_government(doc, m, gazetteer)
    ]
    # A mention that opens the report in capitals is its dateline ("CALAMBA CITY, ..."):
    # say so, resolve takes it for the document's focus.
    kept = sorted(
        (replace(m, label=DATELINE_LABEL) if _at_dateline(doc, m) else m for m in found),
        key=lambda m: (m.start, m.end),
    )
    for extra in _dateline_mentions(doc, gazetteer):
        if not any(m.start < extra.end and extra.start < m.end for m in kept):
            kept.append(extra)
    return sorted(kept, key=lambda m: (m.start, m.end))


def _at_dateline(doc: Doc, mention: Mention) -> bool:
    if not mention.text.isupper():
        return False
    span = doc.char_span(mention.start, mention.end)
    return (
        span is not None
        and _dateline_start(doc, span.start)
        and (span.end == len(doc) or doc[span.end].text in _DATELINE_FOLLOWERS)
    )
