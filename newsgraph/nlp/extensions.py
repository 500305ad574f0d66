"""Custom attributes on spaCy objects, registered once, in one place.

Inputs set before the pipeline runs:
  ``doc._.ng_published``  ISO date of the document (anchor for relative times) or None
  ``doc._.ng_source``     the outlet dict ({name, domain, country}) or None

Outputs of newsgraph's extraction components: lists of dicts already in the Analysis
record's shape (SPEC), or ``None`` while the component that fills them is not in the
pipeline (so the record leaves the field out instead of claiming "nothing found").
  ``doc._.ng_times``        times[]         (newsgraph_times_v1)
  ``doc._.ng_places``       places[]        (newsgraph_places_v1)
  ``doc._.ng_actors``       actors[]        (newsgraph_actors_v1)
  ``doc._.ng_events``       events[]        (newsgraph_events_v1)
  ``doc._.ng_attributions`` attributions[]  (newsgraph_attributions_v1)
  ``doc._.ng_sourcing``     sourcing {}     (newsgraph_attributions_v1)
  ``doc._.ng_category``     category str    (newsgraph_category_v1; it also sets each
                            event's ``category``)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.attrs import LEMMA, LOWER, POS, SENT_START
from spacy.tokens import Doc, Span

DOC_ATTRIBUTES = (
    "ng_published",
    "ng_source",
    "newsgraph_entities",
    "ng_times",
    "ng_places",
    "ng_actors",
    "ng_events",
    "ng_attributions",
    "ng_sourcing",
    "ng_category",
)

for _name in DOC_ATTRIBUTES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("entity_id"):
    Span.set_extension("entity_id", default=None)

# Record field <- Doc attribute, in the order the fields appear in the record.
RECORD_FIELDS = (
    ("actors", "ng_actors"),
    ("places", "ng_places"),
    ("times", "ng_times"),
    ("events", "ng_events"),
    ("attributions", "ng_attributions"),
    ("sourcing", "ng_sourcing"),
    ("category", "ng_category"),
)


# Where doc_text keeps the document's text in ``Doc.user_data``.
DOC_TEXT_KEY = "newsgraph_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy re-joins every token on each access,
    which made repeated reads the largest cost of the extraction components."""
    cached = doc.user_data.get(DOC_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[DOC_TEXT_KEY] = doc.text
    return str(cached)


class TokenTable(NamedTuple):
    """Three token attributes of a parsed document, read once for all components.

    Each component walks every token at least once, and spaCy makes a new ``Token`` for
    every ``doc[i]`` and reads each string attribute through the string store. These lists
    let a walk test the few attributes that rule most tokens out, and make a ``Token``
    only for the rest. Valid once the model's pipes have run (they set POS and lemma).
    """

    lower: list[str]  # Token.lower_
    lemma: list[str]  # Token.lemma_, lower-cased
    pos: list[str]  # Token.pos_


_TABLE_COLUMNS = [LOWER, LEMMA, POS]


def token_table(doc: Doc) -> TokenTable:
    cached = doc.user_data.get("newsgraph_tokens")
    if isinstance(cached, TokenTable) and len(cached.lower) == len(doc):
        return cached
    strings = doc.vocab.strings
    lower: list[str] = []
    lemma: list[str] = []
    pos: list[str] = []
    if len(doc):
        for lower_id, lemma_id, pos_id in doc.to_array(_TABLE_COLUMNS).tolist():
            lower.append(strings[lower_id])
            lemma.append(strings[lemma_id].lower())
            pos.append(strings[pos_id])
    table = TokenTable(lower, lemma, pos)
    doc.user_data["newsgraph_tokens"] = table
    return table


def sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence: what
    ``token.sent.start`` gives, which spaCy finds anew (walking back) on every access.
    Valid once the parser has set the sentence boundaries."""
    cached = doc.user_data.get("newsgraph_sentence_starts")
    if isinstance(cached, list) and len(cached) == len(doc):
        return cached
    starts: list[int] = []
    current = 0
    for i, flag in enumerate(doc.to_array([SENT_START]).tolist()):
        if flag == 1:
            current = i
        starts.append(current)
    doc.user_data["newsgraph_sentence_starts"] = starts
    return starts


def entities(doc: Doc) -> Sequence[Span]:
    """The document's entities: the list the entity-spans component keeps once it has run
    (``doc.ents`` builds a new tuple of new Spans on every access), else ``doc.ents``.
    Shared, not copied: callers read it and never change it."""
    kept = doc._.newsgraph_entities
    return kept if kept is not None else doc.ents
