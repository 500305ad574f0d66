"""The closed vocabularies of the Analysis record, each defined once.

Each is a ``Literal`` type (for type checking and the API schema) and a tuple of its
values in a fixed order (for validation, filters and the docs), derived from the type so
the two cannot disagree.
"""

from __future__ import annotations

from typing import Literal, get_args

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
Modality = Literal["asserted", "negated", "future", "hypothetical"]
SourceType = Literal[
    "named_person", "official_body", "unnamed", "media", "document", "expert", "witness"
]
ActorKind = Literal["person", "organization", "state", "group", "media"]
PlacePrecision = Literal["city", "admin1", "country", "region"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
PublishedSource = Literal["given", "html-meta", "url", "text", "embedded-post"]
LineageRelation = Literal["duplicate", "copy", "rewrite"]
TimeSource = Literal["text", "context", "document"]
# Time items added when an event is dated: the publication day, the month of a week, a
# day given the text's latest year (docs/record.md).
TimeItemSource = Literal["document", "week", "year"]
PlaceSource = Literal["text", "sentence", "document"]

PLOVER_TYPES: tuple[str, ...] = get_args(PloverType)
MODALITIES: tuple[str, ...] = get_args(Modality)
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
# Source types that name who or what speaks: a person, an official body, an outlet or a
# document. Unnamed sources, and experts and witnesses (mostly left nameless: "experts
# say", "a witness said"), do not.
NAMED_SOURCE_TYPES: tuple[str, ...] = ("named_person", "official_body", "media", "document")
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
PLACE_PRECISIONS: tuple[str, ...] = get_args(PlacePrecision)
TIME_TYPES: tuple[str, ...] = get_args(TimeType)
PUBLISHED_SOURCES: tuple[str, ...] = get_args(PublishedSource)
LINEAGE_RELATIONS: tuple[str, ...] = get_args(LineageRelation)
TIME_SOURCES: tuple[str, ...] = get_args(TimeSource)
TIME_ITEM_SOURCES: tuple[str, ...] = get_args(TimeItemSource)

# Event modes (``events[].mode``) are open: the lexicon's finer kinds ("meet", "visit").
# Two prefixes mark how an announced act was read (docs/record.md). ``intend-``: a stated
# intention. A cooperative act announced towards another party keeps its own type, future
# ("will visit Peru": CONSULT, ``intend-visit``), as the news guidelines code it; PLOVER
# (after CAMEO) codes such a pledge as an AGREE, which is how ``eval events`` reads it. A
# hostile act announced for the future is recoded as its announcement (THREATEN,
# ``intend-restrict``). ``refuse-``: a refused cooperative act, recoded as a REJECT.
INTENTION_MODE_PREFIX = "intend-"
REFUSAL_MODE_PREFIX = "refuse-"
