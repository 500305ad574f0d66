"""Where an event happened when its own sentence names no place: the document's place.

A report names its place once, in the dateline ("DURBAN, South Africa (CNN) -") or in the
opening, and then narrates what happens there without repeating it ("the council agreed
twelve purchases"). An event whose clause and sentence name no place takes the dateline's
place, else the place the document names most often. ``place_source`` says where the place
came from: ``text`` (tied to the trigger by the parse), ``sentence`` (the nearest place in
the trigger's sentence), ``document`` (the dateline or the most-named place), null when
the document names no place.

Runs after coreference, so that a mention's own place always wins over the document's
and the document's place never keeps two mentions apart.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsgraph.nlp.extensions import doc_text

DATELINE_WINDOW = 400  # characters: a dateline follows at most a headline and a caption
DATELINE_FOLLOWERS = ("(", ",", "-", "–", "—", ":")


def _is_dateline(text: str, place: dict[str, Any]) -> bool:
    """An upper-case name at a line or sentence start, followed by a comma, a bracket or a
    dash: "SEOUL, South Korea (CNN) -", "GENEVA (Reuters) -"."""
    name = place["text"]
    if place["start"] > DATELINE_WINDOW or not (name.isupper() and len(name) > 2):
        return False
    before = text[: place["start"]].rstrip(" ")
    opens = not before or before[-1] in "\n.|"
    return opens and text[place["end"] :].lstrip(" ").startswith(DATELINE_FOLLOWERS)


def document_place(text: str, places: list[dict[str, Any]]) -> str | None:
    """The id of the dateline's place, else of the first mention of the most-named place
    (ties: the one named first)."""
    for place in places:
        if _is_dateline(text, place):
            return str(place["id"])
    if not places:
        return None
    counts = Counter(str(p.get("name") or p["text"]).lower() for p in places)
    best = max(places, key=lambda p: (counts[str(p.get("name") or p["text"]).lower()], -p["start"]))
    return str(best["id"])


def place_in_document(events: list[dict[str, Any]], doc: Any) -> None:
    """Give the document's place to each event without a place of its own."""
    fallback = document_place(doc_text(doc), doc._.ng_places or [])
    for event in events:
        if event["place"] is None and fallback is not None:
            event["place"], event["place_source"] = fallback, "document"
