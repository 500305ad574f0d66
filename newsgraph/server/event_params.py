"""Event filters read from request parameters, forgivingly and with every problem named.

The JSON API and the dashboard pages read the same parameters through ``read_event_filter``:
the API answers 400 with the problems, a page shows them inline in the form it keeps.
Forgiving means: codes in any case ("consult", "tur"), a country by its name or demonym
("Turkey", "Turkish"), a category by its label or its family ("violence"), and blank
values read as no filter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pycountry

from newsgraph.extract.actors.demonyms import country_code
from newsgraph.extract.category.lexicon import load_lexicon
from newsgraph.record.vocabulary import MODALITIES, PLACE_PRECISIONS, PLOVER_TYPES, SOURCE_TYPES
from newsgraph.store.event_queries import EventFilter

# An event's source type, or "none" for the outlet's own claim (no attribution).
EVENT_SOURCE_TYPES = (*SOURCE_TYPES, "none")
COUNTRY_CODE = re.compile(r"^[A-Za-z]{3}$")
# Events without a category are asked for with this word.
NO_CATEGORY = "none"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


@lru_cache(maxsize=1)
def category_families() -> dict[str, tuple[str, ...]]:
    """Family name ("violence", "protest", "disaster"...) -> its category labels, from the
    category lexicon, so a new label is filterable by its family without code changes."""
    families: dict[str, list[str]] = {}
    for rules in load_lexicon().labels:
        families.setdefault(rules.family, []).append(rules.label)
    return {name: tuple(labels) for name, labels in families.items()}


@lru_cache(maxsize=1)
def category_labels() -> tuple[str, ...]:
    return tuple(label for labels in category_families().values() for label in labels)


def category_family(label: str | None) -> str | None:
    for family, labels in category_families().items():
        if label in labels:
            return family
    return None


@dataclass
class FilterProblems:
    """Problems by parameter name, in the order found."""

    by_field: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, message)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def message(self) -> str:
        return "; ".join(f"{name}: {text}" for name, text in self.by_field.items())


def _day(value: str, name: str, problems: FilterProblems) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.add(name, f"{value!r} is not a date; write YYYY-MM-DD")
        return None


def _country(value: str, problems: FilterProblems) -> str | None:
    text = value.strip()
    if COUNTRY_CODE.match(text) and pycountry.countries.get(alpha_3=text.upper()):
        return text.upper()
    code = country_code(text)
    if code is None:
        problems.add(
            "country", f"{text!r} is no country we know; use a name or an ISO alpha-3 code (TUR)"
        )
    return code


def _categories(value: str, name: str, problems: FilterProblems) -> tuple[str, ...]:
    """Labels and families, comma-separated, expanded to labels (``none`` kept)."""
    families = category_families()
    wanted: set[str] = set()
    unknown = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        if part.lower() in families:
            wanted.update(families[part.lower()])
        elif part.upper() in category_labels():
            wanted.add(part.upper())
        elif part.lower() == NO_CATEGORY:
            wanted.add(NO_CATEGORY)
        else:
            unknown.append(part)
    if unknown:
        problems.add(
            name,
            f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; "
            f"use a family ({', '.join(families)}), a label such as ARMED_CLASH, or none",
        )
    return tuple(sorted(wanted))


def _codes(
    value: str, name: str, known: tuple[str, ...], problems: FilterProblems, what: str
) -> tuple[str, ...]:
    chosen = tuple(sorted({p.strip().upper() for p in value.split(",") if p.strip()}))
    unknown = [c for c in chosen if c not in known]
    if unknown:
        problems.add(name, f"unknown {what} {', '.join(unknown)}; expected e.g. {known[0]}")
    return chosen


def _bbox(value: str, problems: FilterProblems) -> tuple[float, float, float, float] | None:
    try:
        min_lon, min_lat, max_lon, max_lat = (float(x) for x in value.split(","))
    except ValueError:
        problems.add("bbox", "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
        return None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        problems.add(
            "bbox", "bbox is outside [-180,180] x [-90,90] or its minimum exceeds its maximum"
        )
        return None
    return min_lon, min_lat, max_lon, max_lat


def read_event_filter(params: Mapping[str, str | None]) -> tuple[EventFilter, FilterProblems]:
    """The filter the parameters ask for, and what was wrong with them (a parameter with
    a problem is left out of the filter)."""
    problems = FilterProblems()
    value = {k: (v or "").strip() for k, v in params.items()}
    since = _day(value["since"], "since", problems) if value.get("since") else None
    until = _day(value["until"], "until", problems) if value.get("until") else None
    if since and until and since > until:
        problems.add("until", "'since' is after 'until'")
    types: tuple[str, ...] = ()
    if value.get("type"):
        types = _codes(value["type"], "type", PLOVER_TYPES, problems, "event type(s)")
    modality = value.get("modality", "").lower() or None
    if modality and modality not in MODALITIES:
        problems.add("modality", f"modality must be one of {', '.join(MODALITIES)}")
        modality = None
    source_type = value.get("source_type", "").lower() or None
    if source_type and source_type not in EVENT_SOURCE_TYPES:
        problems.add(
            "source_type", f"source_type must be one of {', '.join(sorted(EVENT_SOURCE_TYPES))}"
        )
        source_type = None
    precisions: tuple[str, ...] = ()
    if value.get("precision"):
        precisions = tuple(
            p.lower()
            for p in _codes(
                value["precision"],
                "precision",
                tuple(p.upper() for p in PLACE_PRECISIONS),
                problems,
                "precision(s)",
            )
        )
    confidence = None
    if value.get("min_confidence"):
        try:
            confidence = float(value["min_confidence"])
            if not 0 <= confidence <= 1:
                raise ValueError
        except ValueError:
            problems.add("min_confidence", "min_confidence must be a number from 0 to 1")
            confidence = None
    limits = {"actor": 200, "from_actor": 200, "to_actor": 200, "place": 200, "outlet": 200}
    for name, limit in {**limits, "story": 100, "q": 500}.items():
        if len(value.get(name) or "") > limit:
            problems.add(name, f"{name} is longer than {limit} characters")
    built = EventFilter(
        since=since,
        until=until,
        types=types,
        modality=modality,
        actor=value.get("actor") or None,
        country=_country(value["country"], problems) if value.get("country") else None,
        bbox=_bbox(value["bbox"], problems) if value.get("bbox") else None,
        source_type=source_type,
        outlet=value.get("outlet") or None,
        story=value.get("story") or None,
        q=value.get("q") or None,
        categories=_categories(value["category"], "category", problems)
        if value.get("category")
        else (),
        exclude_categories=_categories(value["exclude_category"], "exclude_category", problems)
        if value.get("exclude_category")
        else (),
        min_confidence=confidence,
        named_only=value.get("named_only", "").lower() in TRUE_WORDS,
        unhedged=value.get("exclude_hedged", "").lower() in TRUE_WORDS,
        place=value.get("place") or None,
        from_actor=value.get("from_actor") or None,
        to_actor=value.get("to_actor") or None,
        precisions=precisions,
    )
    return built, problems


# Every parameter read_event_filter understands, in the order forms show them.
FILTER_PARAMS = (
    "since",
    "until",
    "type",
    "category",
    "exclude_category",
    "min_confidence",
    "modality",
    "actor",
    "from_actor",
    "to_actor",
    "country",
    "place",
    "precision",
    "bbox",
    "source_type",
    "named_only",
    "exclude_hedged",
    "outlet",
    "story",
    "q",
)
