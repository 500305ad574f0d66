"""The document's own country, as a fallback for actors the text gives no country
(the ``actor_country = "document"`` setting; off by default).

Most people and bodies in a news report belong to the country the report is about, which
is the country it names most: every mention of a coded actor counts, and so does every
place the places component resolved. An actor that the text gives no country (no title,
apposition, demonym, party tag, place in its name, or dictionary entry) takes that one
and is marked ``country_basis: "document"``, so that a reader can tell a prior from
evidence. States and dictionary entries (an international body's null country is a fact,
not a gap) are left alone; role-noun phrases ("protesters", "the police") take it too.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.extract.actors.linking import Draft

SETTINGS = frozenset({"text", "document"})
TAKES_PRIOR = frozenset({"person", "organization", "group", "media"})


def check_setting(value: str) -> str:
    if value not in SETTINGS:
        raise NewsgraphError(
            Errors.E006.format(
                key="actor_country", value=value, error=f"use one of {sorted(SETTINGS)}"
            )
        )
    return value


def document_country(doc: Doc, drafts: list[Draft]) -> str | None:
    """The country named most often: actors' mentions and resolved places. Ties go to
    the country named first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for draft in drafts:
        if draft.country:
            counts[draft.country] += len(draft.spans)
            start = min(s for s, _ in draft.spans) if draft.spans else len(doc)
            first[draft.country] = min(first.get(draft.country, start), start)
    for place in doc._.ng_places or ():
        if place.get("country"):
            counts[place["country"]] += 1
            token = doc.char_span(place["start"], place["end"], alignment_mode="expand")
            start = token.start if token is not None else len(doc)
            first[place["country"]] = min(first.get(place["country"], start), start)
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], first.get(code, len(doc)), code))


def apply_document_country(doc: Doc, drafts: list[Draft]) -> set[int]:
    """Give the document's country to named actors without one; the ids of those drafts."""
    code = document_country(doc, drafts)
    given: set[int] = set()
    if code is None:
        return given
    for draft in drafts:
        if draft.country is None and draft.kind in TAKES_PRIOR and draft.entry is None:
            draft.country = code
            given.add(id(draft))
    return given
