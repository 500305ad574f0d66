"""newsgraph's own spaCy components, registered with spaCy's factory registry.

Each factory name carries a version suffix; a change in behaviour gets a new name so that
provenance (which lists the pipeline) tells which logic produced a record.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_PUNCT
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._/Span._ attributes)
from newsgraph.nlp.extensions import doc_text, token_table

# Tokens trimmed from entity edges: a lower-case leading article ("the Gaza Strip" ->
# "Gaza Strip", while "The Hague" stays), a trailing possessive ("Israel's" -> "Israel"),
# and stray punctuation or quotes.
_LEADING_TRIM = {"the", "a", "an"}
_TRAILING_TRIM = {"'s", "’s", "'", "’"}


def _trimmed(span: Span, words: _Words) -> Span | None:
    start, end = span.start, span.end
    while start < end and (words.text(start) in _LEADING_TRIM or words.punct[start]):
        start += 1
    while end > start and (words.lower[end - 1] in _TRAILING_TRIM or words.punct[end - 1]):
        end -= 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label)


class _Words:
    """What ``_trimmed`` reads of each token, from the document's arrays: spaCy makes a
    new Token for every ``doc[i]``."""

    def __init__(self, doc: Doc):
        self.lower = token_table(doc).lower
        columns = doc.to_array([IDX, IS_PUNCT]).tolist() if len(doc) else []
        self.idx = [idx for idx, _ in columns]
        self.punct = [bool(punct) for _, punct in columns]
        self._text = doc_text(doc)

    def text(self, i: int) -> str:
        # A token's text is as long as its lower-case form for the few words compared
        # here; for any other word the slice merely differs from them, as the text does.
        return self._text[self.idx[i] : self.idx[i] + len(self.lower[i])]


class EntitySpans:
    """Tidy entity boundaries and number the entities ``E1``, ``E2``... in text order."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        words = _Words(doc)
        spans = [t for t in (_trimmed(ent, words) for ent in doc.ents) if t is not None]
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
