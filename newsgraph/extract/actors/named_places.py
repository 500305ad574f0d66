"""The country of a place that opens an organisation's name ("Columbus Police Department",
"Hong Kong Police Force", "Lagos State Government").

The places component leaves toponyms inside organisation names alone (they are not where
anything happened), so the actors step asks the gazetteer itself. Only an unambiguous
reading counts: every sizeable place of that name lies in one country, and one of them is
big enough to be the obvious reading. A name that is the whole organisation ("Victoria")
or a small town that shares a brand's name ("Fox") gives nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.places.gazetteer import Gazetteer

# Place kinds that qualify an institution: towns, cities and divisions.
QUALIFYING_FEATURES = frozenset({"PPL", "PPLC", "ADM1", "ADM2"})
MIN_PLACE_POPULATION = 1_000  # smaller namesakes are ignored when checking for ambiguity
MIN_OBVIOUS_POPULATION = 50_000  # the largest namesake must be at least this big ...
DIVISION_FEATURES = frozenset({"ADM1", "ADM2"})  # ... unless it is a state or province
MAX_PLACE_TOKENS = 3


def _country_of_name(gazetteer: Gazetteer, name: str) -> str | None:
    # Only places whose own (or curated) name this is: "Drug" is an old spelling of
    # an Indian city's name, not the opening of "Drug Enforcement Administration".
    candidates = [
        c
        for c, own in gazetteer.options(name)
        if own
        and c.feature in QUALIFYING_FEATURES
        and c.country
        and (c.population >= MIN_PLACE_POPULATION or c.feature in DIVISION_FEATURES)
    ]
    countries = {c.country for c in candidates}
    if len(countries) != 1:
        return None
    obvious = any(
        c.population >= MIN_OBVIOUS_POPULATION or c.feature in DIVISION_FEATURES for c in candidates
    )
    return countries.pop() if obvious else None


def leading_place_country(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    """Country of the place named by the first capitalised words of tokens [start, end),
    when more of the name follows it."""
    while start < end and doc[start].pos_ in {"DET", "PUNCT"}:
        start += 1
    longest = min(MAX_PLACE_TOKENS, end - start - 1)  # some of the name must follow
    for width in range(longest, 0, -1):
        words = doc[start : start + width]
        if not all(t.pos_ == "PROPN" and t.text.istitle() for t in words):  # not "CBS"
            continue
        code = _country_of_name(gazetteer, words.text)
        if code is not None:
            return code
    return None
