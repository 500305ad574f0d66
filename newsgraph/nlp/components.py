"""newsgraph's own spaCy components, registered with spaCy's factory registry.

Each factory name carries a version suffix; a change in behaviour gets a new name so that
provenance (which lists the pipeline) tells which logic produced a record.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._/Span._ attributes)

# Tokens trimmed from entity edges: a lower-case leading article ("the Gaza Strip" ->
# "Gaza Strip", while "The Hague" stays), a trailing possessive ("Israel's" -> "Israel"),
# and stray punctuation or quotes.
_LEADING_TRIM = {"the", "a", "an"}
_TRAILING_TRIM = {"'s", "’s", "'", "’"}


def _trimmed(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _LEADING_TRIM or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING_TRIM or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label)


class EntitySpans:
    """Tidy entity boundaries and number the entities ``E1``, ``E2``... in text order."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = [t for t in (_trimmed(ent) for ent in doc.ents) if t is not None]
        doc.ents = spans
        for number, ent in enumerate(doc.ents, start=1):
            ent._.entity_id = f"E{number}"
        doc._.newsgraph_entities = list(doc.ents)
        return doc


@Language.factory(
    "newsgraph_entity_spans_v1",
    assigns=["doc.ents", "span._.entity_id", "doc._.newsgraph_entities"],
    requires=["doc.ents"],
)
def make_entity_spans(nlp: Language, name: str) -> EntitySpans:
    return EntitySpans(name)
