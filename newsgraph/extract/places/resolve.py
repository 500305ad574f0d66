"""Resolving toponym mentions to gazetteer entries with evidence from the document.

A candidate's score adds:
- a prior: its feature (country, division, region, capital, town) and population;
- the name match: the place's own name beats an alternate name in some other language;
- document context: other places named in the document that lie in the same country or
  first-level division ("Alexandria" in a story that also names Louisiana), an explicit
  qualifier ("Paris, Texas"), and the outlet's country.
One sense per discourse: every mention of the same name in a document gets the same place.
Ties break on population, then the smaller geonameid, then index order, so the result is
deterministic.

Names the gazetteer does not know (streets, buildings, parks) are resolved through the
longest part of the name it does know ("Port of Beirut" -> Beirut), or else take the point
of the document's main place with ``geonameid`` null: a geoparser's usual fallback, since a
facility in a local story is almost always in the story's town.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.extract.places.gazetteer import (
    FEATURE_KINDS,
    PRECISION_BY_FEATURE,
    Candidate,
    Gazetteer,
    normalise,
    places_data,
)
from newsgraph.extract.places.mentions import DATELINE_LABEL, Mention

# Prior = feature base + POPULATION_WEIGHT * log10(population). Divisions and regions have
# no population in the index; their base makes them rank like a city of a few million, so
# "Florida" is the state, not a village of that name, while "New York" stays the city.
FEATURE_PRIOR = {"PCLI": 6.0, "RGN": 10.0, "CONT": 10.0, "ADM1": 9.5, "PPLC": 1.5, "PPL": 0.0}
# Natural features and seats of government are listed by hand because the name is famous:
# "White House" is the seat in Washington, not a town in Tennessee.
FEATURE_PRIOR.update({code: 10.0 for code in FEATURE_KINDS.values()})
POPULATION_WEIGHT = 1.5
ALTERNATE_NAME_PENALTY = 4.0
SAME_COUNTRY_BONUS = 2.0
MANY_IN_COUNTRY_BONUS = 1.0  # when three or more other names point to that country
SAME_DIVISION_BONUS = 2.0
QUALIFIER_BONUS = 10.0
OUTLET_COUNTRY_BONUS = 3.0
# A resolved town this big says which country and division the document is about.
CONTEXT_TOWN_POPULATION = 100_000
COUNTY_WORDS = frozenset({"County", "Parish", "Township", "Borough"})
# Mentions whose label says the sentence marks them as places (see cues): kept at the
# document's main point even when the gazetteer does not know them.
KEPT_UNKNOWN_LABELS = frozenset({"KIND"})
# An unknown site takes the point of a town named at most this many characters away
# (about two sentences), before the document's main place.
NEARBY_CHARS = 200
# A town named inside a longer unknown name ("Carnegie Library") must be this big to count.
PARTIAL_TOWN_POPULATION = 50_000


@dataclass(frozen=True)
class _Choice:
    candidate: Candidate
    exact: bool


def _prior(candidate: Candidate, exact: bool) -> float:
    score = FEATURE_PRIOR.get(candidate.feature, 0.0) + POPULATION_WEIGHT * math.log10(
        candidate.population + 1
    )
    return score if exact else score - ALTERNATE_NAME_PENALTY


def _rank_key(candidate: Candidate, index: int, score: float) -> tuple[float, int, int, int]:
    return (-score, -candidate.population, candidate.geonameid or 0, index)


def _candidates(gazetteer: Gazetteer, text: str) -> list[tuple[Candidate, bool]]:
    return gazetteer.options(text)


@lru_cache(maxsize=1)
def _partial_words() -> tuple[frozenset[str], frozenset[str]]:
    data = places_data()
    stop = frozenset(w.lower() for w in data.get("partial_stop_words") or ())
    directions = frozenset(w.lower() for w in data.get("direction_words") or ())
    return stop, directions


def _best_by_prior(options: list[tuple[Candidate, bool]]) -> _Choice | None:
    if not options:
        return None
    ranked = sorted(
        enumerate(options), key=lambda item: _rank_key(item[1][0], item[0], _prior(*item[1]))
    )
    candidate, exact = ranked[0][1]
    return _Choice(candidate, exact)


class _Context:
    """Countries and divisions the document names, by the names that point to them."""

    def __init__(self, gazetteer: Gazetteer, choices: dict[str, _Choice]):
        self.countries: dict[str, set[str]] = defaultdict(set)
        self.divisions: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key, choice in choices.items():
            candidate = choice.candidate
            if not choice.exact or candidate.country is None:
                continue
            telling = candidate.feature in ("PCLI", "ADM1", "RGN", "PPLC") or (
                candidate.population >= CONTEXT_TOWN_POPULATION
            )
            if not telling:
                continue
            self.countries[candidate.country].add(key)
            if candidate.admin1:
                self.divisions[(candidate.country, candidate.admin1)].add(key)

    def bonus(self, candidate: Candidate, key: str) -> float:
        if candidate.country is None:
            return 0.0
        score = 0.0
        others = len(self.countries.get(candidate.country, set()) - {key})
        if others:
            score += SAME_COUNTRY_BONUS + (MANY_IN_COUNTRY_BONUS if others >= 3 else 0.0)
        division_names = self.divisions.get((candidate.country, candidate.admin1), set())
        if candidate.admin1 and division_names - {key}:
            score += SAME_DIVISION_BONUS
        return score


def _qualifies(candidate: Candidate, qualifier: Candidate) -> bool:
    if candidate.country != qualifier.country or candidate is qualifier:
        return False
    if qualifier.feature == "PCLI":
        return True
    return qualifier.feature == "ADM1" and candidate.admin1 == qualifier.admin1


def _alpha3(code: Any) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    if len(code) == 3:
        return code.upper()
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return found.alpha_3 if found else None


def _partial(gazetteer: Gazetteer, text: str) -> list[tuple[Candidate, bool]]:
    """The longest run of words inside an unknown name that is a known place name."""
    words = text.split()
    stop, directions = _partial_words()
    if any(w.strip(".,'’s").lower() in stop for w in words):
        return []
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            part = " ".join(words[first : first + size])
            if not part[:1].isupper() or (size == 1 and part.lower() in directions):
                continue
            found: list[tuple[Candidate, bool]] = [
                (c, exact)
                for c, exact in _candidates(gazetteer, part)
                if exact
                and (c.feature not in ("PPL", "PPLC") or c.population >= PARTIAL_TOWN_POPULATION)
            ]
            if found:
                return found
    return []


def _record(candidate: Candidate) -> dict[str, Any]:
    return {
        "name": candidate.name,
        "country": candidate.country,
        "lat": round(candidate.lat, 5),
        "lon": round(candidate.lon, 5),
        "geonameid": candidate.geonameid,
        "feature": candidate.feature,
        "precision": PRECISION_BY_FEATURE.get(candidate.feature, "city"),
    }


def _fallback_record(text: str, focus: Candidate | None) -> dict[str, Any]:
    if focus is None:
        return {
            "name": text,
            "country": None,
            "lat": None,
            "lon": None,
            "geonameid": None,
            "feature": None,
            "precision": None,
        }
    return {**_record(focus), "name": text, "geonameid": None, "feature": None}


def _names_a_site(text: str) -> bool:
    """Whether an unknown name reads as a street, building, natural feature or named
    division ("Royal Street", "Lake Manassas", "Logar province"): a word of one of those
    kinds. Other unknown names of several
    words ("White Helmets") are mostly groups or brands the model took for places; they are
    dropped rather than put at the document's main place. (An unknown single word is kept
    only after a preposition of place, "in Toomevara": see mentions.)"""
    words = {w.strip(".,'’s").lower() for w in text.split()}
    stop, _ = _partial_words()
    return bool(words & (stop | _site_words()))


@lru_cache(maxsize=1)
def _site_words() -> frozenset[str]:
    data = places_data()
    words = [*(data.get("site_words") or ()), *(data.get("division_words") or ())]
    return frozenset(w.lower() for w in words)


def _county_seat(gazetteer: Gazetteer, text: str, context: _Context) -> Candidate | None:
    """For "Orange County" in a story about California: the town Orange, California.

    Counties are not in the index; a town of the county's name in a division the document
    names is usually in (or next to) the county, so its point stands for the county.
    """
    words = text.split()
    if len(words) < 2 or words[-1] not in COUNTY_WORDS:
        return None
    towns = [
        c
        for c, exact in _candidates(gazetteer, " ".join(words[:-1]))
        if exact and c.country and (c.country, c.admin1) in context.divisions
    ]
    if not towns:
        return None
    return min(towns, key=lambda c: (-c.population, c.geonameid or 0))


def _seat_record(text: str, seat: Candidate) -> dict[str, Any]:
    return {**_record(seat), "name": text, "geonameid": None, "feature": "ADM2"}


def _focus(
    chosen: dict[str, _Choice], counts: Counter[str], dateline: str | None
) -> Candidate | None:
    """The document's main place: the dateline's town or division ("ATLANTA (AP) -"),
    else the most-named town, else division, else country."""
    if dateline in chosen and chosen[dateline].candidate.feature in ("PPL", "PPLC", "ADM1"):
        return chosen[dateline].candidate
    for features in (("PPL", "PPLC"), ("ADM1",), ("PCLI",)):
        ranked = sorted(
            (
                key
                for key, c in chosen.items()
                if c.candidate.feature in features and c.exact and counts[key]
            ),
            key=lambda key: (
                -(counts[key] + math.log10(chosen[key].candidate.population + 1)),
                chosen[key].candidate.geonameid or 0,
                key,
            ),
        )
        if ranked:
            return chosen[ranked[0]].candidate
    return None


def _nearby_town(
    mention: Mention, mentions: list[Mention], keys: list[str], chosen: dict[str, _Choice]
) -> Candidate | None:
    """The town named closest to an unknown site, within NEARBY_CHARS: "the National
    Concert Hall" in a paragraph about Dublin, "the Palais des Nations in Geneva"."""
    best: tuple[int, int] | None = None
    found = None
    for other, key in zip(mentions, keys, strict=True):
        choice = chosen.get(key)
        if choice is None or not choice.exact or choice.candidate.feature not in ("PPL", "PPLC"):
            continue
        gap = max(other.start - mention.end, mention.start - other.end)
        if 0 <= gap <= NEARBY_CHARS and (best is None or (gap, other.start) < best):
            best, found = (gap, other.start), choice.candidate
    return found


def resolve_mentions(
    mentions: list[Mention], gazetteer: Gazetteer, *, outlet_country: Any = None
) -> list[tuple[Mention, dict[str, Any]]]:
    keys = [normalise(m.text) for m in mentions]
    options: dict[str, list[tuple[Candidate, bool]]] = {}
    for mention, key in zip(mentions, keys, strict=True):
        if key not in options:
            options[key] = _candidates(gazetteer, mention.text) or _partial(gazetteer, mention.text)
    first_pass = {k: c for k, c in ((k, _best_by_prior(o)) for k, o in options.items()) if c}
    context = _Context(gazetteer, first_pass)
    outlet = _alpha3(outlet_country)

    qualifiers: dict[str, list[Candidate]] = defaultdict(list)
    for mention, key in zip(mentions, keys, strict=True):
        if mention.qualifier:
            qualifiers[key].extend(c for c, _ in _candidates(gazetteer, mention.qualifier))

    chosen: dict[str, _Choice] = {}
    for key, found in options.items():
        scored = []
        for index, (candidate, exact) in enumerate(found):
            score = _prior(candidate, exact) + context.bonus(candidate, key)
            if any(_qualifies(candidate, q) for q in qualifiers.get(key, ())):
                score += QUALIFIER_BONUS
            if outlet and candidate.country == outlet:
                score += OUTLET_COUNTRY_BONUS
            scored.append((_rank_key(candidate, index, score), candidate, exact))
        if scored:
            _, candidate, exact = min(scored, key=lambda item: item[0])
            chosen[key] = _Choice(candidate, exact)

    datelines = [k for m, k in zip(mentions, keys, strict=True) if m.label == DATELINE_LABEL]
    focus = _focus(chosen, Counter(keys), datelines[0] if datelines else None)
    results = []
    for mention, key in zip(mentions, keys, strict=True):
        choice = chosen.get(key)
        if choice:
            place = _record(choice.candidate)
        else:
            seat = _county_seat(gazetteer, mention.text, context)
            if seat:
                place = _seat_record(mention.text, seat)
            elif (
                len(mention.text.split()) == 1
                or _names_a_site(mention.text)
                or mention.label in KEPT_UNKNOWN_LABELS
            ):
                near = _nearby_town(mention, mentions, keys, chosen)
                place = _fallback_record(mention.text, near or focus)
            else:
                continue
        results.append((mention, place))
    return results
