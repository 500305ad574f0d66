"""Toponyms that the sentence itself marks as places, whatever the model tagged them.

- A name in apposition to a lower-case word for a kind of place: "the small town of Kasba
  Bonli", "the suburb of Madinaty", "the island of Samos". The kind noun says what the
  name is, so it need not be in the gazetteer (it then takes the document's main point).
- A name the model tagged as a place, followed by a lower-case word for its kind: "New
  Guffa village", "Kurmuk town". The same kind noun after the name says what it is, so an
  unknown name of several words is kept (unresolved) instead of being dropped as a group
  the model took for a place.
- The parts of a hyphenated compound of place names: "Asia-Pacific", "the Nelson-Creston
  riding", "Armenia-Italy talks". The model tags (or misses) the compound as one name that
  no gazetteer knows; each part that is a known country, division, region or big town is a
  place of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.places.gazetteer import Gazetteer, normalise, places_data
from newsgraph.extract.places.mentions import (
    AREA_FEATURES,
    MAX_NAME_TOKENS,
    MIN_METONYMIC_TOWN,
    PLACE_LABELS,
    Mention,
    direction_words,
    not_places,
)
from newsgraph.nlp.extensions import entities

# The label of a name found by one of these cues: resolve keeps it even when the gazetteer
# does not know it (see resolve.KEPT_UNKNOWN_LABELS).
KIND_LABEL = "KIND"
COMPOUND_LABEL = "COMPOUND"
HYPHENS = frozenset({"-", "–", "‐"})


@lru_cache(maxsize=1)
def kind_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in places_data().get("place_kind_nouns") or ())


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> np.ndarray:
    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


def _positions(doc: Doc, attr: int, words: Iterable[str]) -> list[int]:
    """Indices of the tokens whose ``attr`` (ORTH or LOWER) is one of ``words``, found on
    the document's arrays rather than token by token (this runs on every document)."""
    values = doc.to_array(attr)
    return [int(i) for i in np.flatnonzero(np.isin(values, _hashes(frozenset(words))))]


def _name_word(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


def _name_after(doc: Doc, i: int) -> Span | None:
    """The capitalised run of at most MAX_NAME_TOKENS words starting at token ``i``."""
    end = i
    while end < len(doc) and end - i <= MAX_NAME_TOKENS and _name_word(doc[end]):
        end += 1
    if end == i or end - i > MAX_NAME_TOKENS:
        return None
    return doc[i:end]


def _kind_mentions(doc: Doc) -> list[Mention]:
    """ "the town of X": a lower-case kind noun, "of", then a capitalised name."""
    nouns = kind_nouns()
    found = []
    for i in _positions(doc, LOWER, ("of",)):
        if i == 0 or i + 1 >= len(doc) or doc[i - 1].text not in nouns:
            continue
        name = _name_after(doc, i + 1)
        if name is None or normalise(name.text) in not_places():
            continue
        found.append(Mention(name.start_char, name.end_char, name.text, KIND_LABEL))
    return found


@lru_cache(maxsize=1)
def head_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in places_data().get("place_head_nouns") or ())


def _name_before(doc: Doc, i: int) -> Span | None:
    """The capitalised run of at most MAX_NAME_TOKENS words ending just before token ``i``."""
    start = i
    while start > 0 and i - start <= MAX_NAME_TOKENS and _name_word(doc[start - 1]):
        start -= 1
    if start == i or i - start > MAX_NAME_TOKENS:
        return None
    return doc[start:i]


def _inside_longer_entity(name: Span) -> bool:
    """Whether ``name`` is part of a longer named entity ("Riverdale Lukoil South")."""
    return any(
        ent.start <= name.start and name.end <= ent.end and len(ent) > len(name)
        for ent in entities(name.doc)
    )


def _head_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """ "the Riverdale area", "Nelson residents": a known place name that modifies a
    lower-case noun for an area or the people living in it. The place need not be big:
    the noun says it is a place."""
    found = []
    for i in _positions(doc, ORTH, head_nouns()):
        name = _name_before(doc, i) if i > 0 else None
        if name is None or _inside_longer_entity(name):
            continue
        key = normalise(name.text)
        if key in not_places() or key in direction_words():
            continue
        if any(ok for _, ok in gazetteer.options(name.text)):
            found.append(Mention(name.start_char, name.end_char, name.text, KIND_LABEL))
    return found


def _known_area_or_town(text: str, gazetteer: Gazetteer) -> bool:
    if normalise(text) in direction_words():
        return False  # "Southern", "Central": part of a name, not a place
    preferred = [c for c, ok in gazetteer.options(text) if ok]
    return any(c.feature in AREA_FEATURES or c.population >= MIN_METONYMIC_TOWN for c in preferred)


def _compound_at(doc: Doc, i: int) -> list[Token]:
    """The words of a hyphenated compound of capitalised words starting at token ``i``,
    written without spaces ("Asia-Pacific"); [] when there is none."""
    if i > 0 and (
        doc[i - 1].text in HYPHENS or doc[i - 1].whitespace_ == "" or _name_word(doc[i - 1])
    ):
        return []  # inside a longer name ("El Niño-Southern Oscillation")
    words = [doc[i]]
    j = i + 1
    while (
        j + 1 < len(doc)
        and doc[j].text in HYPHENS
        and words[-1].whitespace_ == ""
        and doc[j].whitespace_ == ""
        and _name_word(doc[j + 1])
    ):
        words.append(doc[j + 1])
        j += 2
    if j < len(doc) and doc[j].text in HYPHENS and words[-1].whitespace_ == "":
        return []  # "Asia-Pacific-wide": the compound goes on in lower case
    if j < len(doc) and _name_word(doc[j]):
        return []  # part of a longer name ("Armenia-Italy Friendship Group")
    return words if len(words) > 1 else []


def _compound_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Known place names joined by hyphens into one name ("Asia-Pacific"), unless the
    whole compound is itself a known name ("Guinea-Bissau")."""
    found = []
    starts = set()
    for hyphen in _positions(doc, ORTH, HYPHENS):
        # Walk back over "Word-Word-" to the compound's first word.
        i = hyphen - 1
        while i >= 2 and doc[i - 1].text in HYPHENS and doc[i - 2].whitespace_ == "":
            i -= 2
        if i >= 0 and _name_word(doc[i]):
            starts.add(i)
    for start in sorted(starts):
        words = _compound_at(doc, start)
        if not words or gazetteer.options(doc[words[0].i : words[-1].i + 1].text):
            continue
        for word in words:
            if _known_area_or_town(word.text, gazetteer):
                found.append(Mention(word.idx, word.idx + len(word), word.text, COMPOUND_LABEL))
    return found


def _kind_named(doc: Doc, gazetteer: Gazetteer, mention: Mention) -> Mention:
    """``mention`` labelled as named by its kind when it is an unknown place-tagged name
    followed by a kind noun ("New Guffa village")."""
    if mention.label not in PLACE_LABELS or gazetteer.options(mention.text):
        return mention
    span = doc.char_span(mention.start, mention.end)
    if span is None or span.end >= len(doc) or doc[span.end].text not in kind_nouns():
        return mention
    return replace(mention, label=KIND_LABEL)


def with_cues(doc: Doc, gazetteer: Gazetteer, found: list[Mention]) -> list[Mention]:
    """``found`` (from :func:`mentions.find_mentions`) with the names the cues add.

    A compound's parts replace a mention of the whole compound that the gazetteer does not
    know; any other cue name is added only where no mention is yet.
    """
    kept = [_kind_named(doc, gazetteer, m) for m in found]
    compounds = _compound_mentions(doc, gazetteer)
    for part in compounds:
        kept = [
            m
            for m in kept
            if not (m.start <= part.start and part.end <= m.end and not gazetteer.options(m.text))
        ]
    for extra in _kind_mentions(doc) + _head_mentions(doc, gazetteer) + compounds:
        if not any(m.start < extra.end and extra.start < m.end for m in kept):
            kept.append(extra)
    return sorted(kept, key=lambda m: (m.start, m.end))
