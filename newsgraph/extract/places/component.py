"""Places: find toponyms in a document and resolve them to gazetteer entries.

Mentions come from the model's GPE, LOC and FAC entities and from gazetteer matches the
model missed (see :mod:`newsgraph.extract.places.mentions`). Each mention is resolved by
:mod:`newsgraph.extract.places.resolve`, which weighs population and feature type against the
evidence in the document. The component writes SPEC ``places[]`` dicts to
``doc._.ng_places``, ordered by start offset, with ids ``P1``, ``P2``...
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.places.cues import with_cues
from newsgraph.extract.places.gazetteer import Gazetteer, shared_gazetteer
from newsgraph.extract.places.mentions import find_mentions
from newsgraph.extract.places.resolve import resolve_mentions
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)


def place_ids_in(doc: Doc, start: int, end: int) -> list[str]:
    """Ids of the places whose span lies inside the character range [start, end)."""
    return [
        place["id"]
        for place in doc._.ng_places or ()
        if place["start"] >= start and place["end"] <= end
    ]


class PlaceExtractor:
    def __init__(self, name: str, gazetteer: Gazetteer | None = None, cache: str = ""):
        self.name = name
        self.gazetteer = gazetteer or shared_gazetteer(cache)

    def __call__(self, doc: Doc) -> Doc:
        mentions = with_cues(doc, self.gazetteer, find_mentions(doc, self.gazetteer))
        source = doc._.ng_source or {}
        outlet_country = source.get("country") if isinstance(source, dict) else None
        resolved = resolve_mentions(mentions, self.gazetteer, outlet_country=outlet_country)
        places: list[dict[str, Any]] = []
        for number, (mention, place) in enumerate(resolved, start=1):
            places.append(
                {
                    "id": f"P{number}",
                    "text": mention.text,
                    "start": mention.start,
                    "end": mention.end,
                    **place,
                }
            )
        doc._.ng_places = places
        return doc


@Language.factory(
    "newsgraph_places_v1",
    assigns=["doc._.ng_places"],
    requires=["doc.ents"],
    default_config={"cache": ""},
)
def make_places(nlp: Language, name: str, cache: str) -> PlaceExtractor:
    """``cache``: the ``cache`` setting, where the gazetteer index is kept."""
    return PlaceExtractor(name, cache=cache)
