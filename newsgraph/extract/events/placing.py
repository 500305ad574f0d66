"""Where an event happened when its own sentence names no place: the document's place.

A report names its place once, in the dateline ("DURBAN, South Africa (CNN) -") or in the
opening, and then narrates what happens there without repeating it ("the council agreed
twelve purchases"). An event whose clause and sentence name no place takes the dateline's
place, else the place the document names most often. ``place_source`` says where the place
came from: ``text`` (tied to the trigger by the parse), ``sentence`` (the nearest place in
the trigger's sentence), ``document`` (the dateline or the most-named place), null when
the document names no place.

A sentence's place is the event's only when it belongs to the trigger's clause
(:func:`context.clause_place`); otherwise the next place of the clause, else the
document's, is taken. Runs after coreference, which keeps comparing the sentences' nearest
places (two mentions set in differently placed sentences stay apart), so that a mention's
own place always wins over the document's and the document's place never keeps two
mentions apart.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc

from newsgraph.extract.events.context import PlaceFinder, clause_place, within
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


def place_in_document(events: list[dict[str, Any]], doc: Doc) -> None:
    """Keep a sentence's place only if it is the trigger's clause's; give the document's
    place to each event left without one."""
    finder = PlaceFinder(doc)
    by_id = {p["id"]: p for p in finder.places}
    for event in events:
        if event.get("place_source") == "sentence" and event["place"] in by_id:
            event["place"] = _clause_place(doc, event, by_id[event["place"]], finder.places)
            event["place_source"] = "sentence" if event["place"] else None
    fallback = document_place(doc_text(doc), doc._.ng_places or [])
    for event in events:
        if event["place"] is None and fallback is not None:
            event["place"], event["place_source"] = fallback, "document"


def _clause_place(
    doc: Doc, event: dict[str, Any], place: dict[str, Any], places: list[dict[str, Any]]
) -> str | None:
    """The clause place of the mention whose sentence gave the event ``place``."""
    for mention in event["mentions"]:
        sentence = mention["sentence"]
        if not within(place, sentence["start"], sentence["end"]):
            continue
        trigger = doc.char_span(
            mention["trigger"]["start"], mention["trigger"]["end"], alignment_mode="expand"
        )
        if trigger is None:
            return str(place["id"])
        inside = [p for p in places if within(p, sentence["start"], sentence["end"])]
        return clause_place(doc, inside, [trigger.root])
    return str(place["id"])
