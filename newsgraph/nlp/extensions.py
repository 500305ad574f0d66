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


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy re-joins every token on each access,
    which made repeated reads the largest cost of the extraction components."""
    cached = doc.user_data.get("newsgraph_text")
    if cached is None:
        cached = doc.user_data["newsgraph_text"] = doc.text
    return str(cached)
