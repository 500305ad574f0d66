"""The Analysis record, the product: one per document, as ``newsgraph analyze`` prints it.

Keys are declared in the order the record is built, which is the order of its JSON.
Character offsets (``start``, ``end``) index the record's own ``text``. ``docs/record.md``
documents every field; ``tests/test_record.py`` holds the two together and checks real
records against these types.
"""

# No "from __future__ import annotations" here: Python 3.11 reads NotRequired only from
# evaluated annotations, and the required keys of each TypedDict depend on it. The
# TypedDict of typing_extensions is the one pydantic can turn into the API's schema.
from typing import Any, NotRequired

from typing_extensions import TypedDict

from newsgraph.record.vocabulary import (
    ActorKind,
    LineageRelation,
    Modality,
    PlaceSource,
    PloverType,
    PublishedSource,
    SourceType,
    TimeItemSource,
    TimeSource,
    TimeType,
)


class Span(TypedDict):
    """Evidence: ``text == record["text"][start:end]``."""

    text: str
    start: int
    end: int


class CharRange(TypedDict):
    start: int
    end: int


class Source(TypedDict):
    name: str | None
    domain: str | None
    country: str | None


class PublishedEvidence(TypedDict):
    """What gave a record its ``published`` date: ``kind`` (given, json-ld, meta,
    time-element, url, htmldate, text-published, text-updated, text-embedded-post), the
    markup field's ``name``, and for a date read in the text its span there."""

    kind: str
    name: str | None
    text: str | None
    start: int | None
    end: int | None


class Entity(TypedDict):
    id: str
    text: str
    start: int
    end: int
    label: str


class Role(TypedDict):
    """A title read from the text (with its span) or from the actor dictionary."""

    title: str
    text: NotRequired[str]
    start: NotRequired[int]
    end: NotRequired[int]
    source: NotRequired[str]


class Affiliation(TypedDict):
    actor: str
    name: str
    text: str
    start: int
    end: int


class Actor(TypedDict):
    id: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str
    roles: list[Role]
    affiliations: list[Affiliation]
    mentions: list[str]
    spans: list[Span]
    based_in: list[Span]
    references: NotRequired[list[Span]]  # pronouns resolved to this person ("he", "her")
    country_basis: NotRequired[str]  # "document": the country is the document's, a prior


class Place(TypedDict):
    id: str
    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None
    precision: str | None


class Time(TypedDict):
    id: str
    text: str
    start: int | None  # null only on the document's date (source "document")
    end: int | None
    value: str | None
    precision: str
    resolved: bool
    type: TimeType
    mod: str | None
    timeml: str | None
    # "document": the publication date, no span in the text; "week", "year": see record.md
    source: NotRequired[TimeItemSource]


class EventMention(TypedDict):
    trigger: Span
    sentence: CharRange


class Event(TypedDict):
    id: str
    type: PloverType
    mode: str
    modality: Modality
    trigger: Span
    sentence: CharRange
    actors: list[str]
    targets: list[str]
    place: str | None
    place_source: PlaceSource | None
    places: list[str]
    time: str | None
    time_source: TimeSource | None
    attribution: str | None
    confidence: float
    hedges: list[str]
    hedge_spans: list[Span]
    origin: str | None
    destination: str | None
    depth: int
    category: str | None
    mentions: list[EventMention]


class Attribution(TypedDict):
    id: str
    source: Span | None
    source_actor: str | None
    source_type: SourceType
    cue: Span
    content: CharRange
    direct: bool
    hedges: list[str]
    via: str | None
    negated: bool


class Sourcing(TypedDict):
    named: int
    unnamed: int
    media: int
    document: int
    expert: int
    direct_quotes: int
    hedges: int
    witness: int
    named_person: int
    official_body: int
    negated: int
    attributions: int


class ModelIdentity(TypedDict):
    name: str
    version: str
    spacy: str


class Provenance(TypedDict):
    newsgraph: str
    model: ModelIdentity
    pipeline: list[str]
    config_hash: str


class LineageLink(TypedDict):
    id: str
    relation: LineageRelation
    similarity: float


class AnalysisRecord(TypedDict):
    """One document's analysis. The lists and ``sourcing`` come from newsgraph's spaCy
    components (a pipeline without one leaves its field out); ``category`` is left out
    when no category is found; ``lineage`` and ``story`` exist on stored records only."""

    id: str
    url: str | None
    path: str | None
    title: str | None
    text: str
    language: str | None
    published: str | None
    published_source: PublishedSource | None
    published_evidence: NotRequired[PublishedEvidence | None]
    source: Source | None
    author: str | None
    rewrite_signals: list[str]
    entities: list[Entity]
    actors: NotRequired[list[Actor]]
    places: NotRequired[list[Place]]
    times: NotRequired[list[Time]]
    events: NotRequired[list[Event]]
    attributions: NotRequired[list[Attribution]]
    sourcing: NotRequired[Sourcing]
    category: NotRequired[str]
    provenance: Provenance
    lineage: NotRequired[list[LineageLink]]
    story: NotRequired[str | None]


# The sub-records of each list field, for code that walks a record generically.
LIST_ITEMS: dict[str, Any] = {
    "entities": Entity,
    "actors": Actor,
    "places": Place,
    "times": Time,
    "events": Event,
    "attributions": Attribution,
}

# A record or any part of one as the code that builds or reads it by key holds it: the
# TypedDicts above describe its shape; this is what flows between stages.
Record = dict[str, Any]
