"""Where and when an event happened: the place and time expressions tied to its trigger.

Tied means syntactically attached: a prepositional phrase or adverbial of the trigger
("met in Istanbul", "traveled to Istanbul from Beirut", "indicated in early December").
Places fall back to the nearest place in the same sentence (never a dateline). Times are
found by ``timing``, which keeps to the event's own clause.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import doc_text

PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "to",
        "into",
        "from",
        "near",
        "across",
        "inside",
        "outside",
        "toward",
        "towards",
        "within",
        "throughout",
        "including",
        "on",
        "around",
        "through",
        "between",
        "onto",
    }
)
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards", "onto"})
ORIGIN_PREPS = frozenset({"from"})
DATELINE_MAX_CHARS = 60
Ranges = list[tuple[int, int, str]]  # (start_char, end_char, preposition)


def _prep_ranges(token: Token) -> Ranges:
    """Every prepositional phrase hanging from ``token`` (also nested ones: "to X from Y"),
    as (start, end, preposition); a place belongs to the innermost phrase holding it."""
    ranges: Ranges = []
    stack = [c for c in token.children if c.dep_ == "prep"]
    while stack:
        prep = stack.pop()
        ranges.append((prep.left_edge.idx, char_end(prep.right_edge), prep.lower_))
        for grand in prep.children:
            stack += [c for c in grand.children if c.dep_ == "prep"]
            if grand.dep_ == "prep":
                stack.append(grand)
    return ranges


def char_end(token: Token) -> int:
    return token.idx + len(token.text)


def within(record: dict[str, Any], start: int, end: int) -> bool:
    return start <= record["start"] and record["end"] <= end


def _is_dateline(doc: Doc, record: dict[str, Any]) -> bool:
    """ "ISTANBUL (Reuters) -" style openings name where the report was filed, not an event."""
    if record["start"] > DATELINE_MAX_CHARS:
        return False
    tail = doc_text(doc)[record["end"] : record["end"] + 20].lstrip(" ,")
    return tail[:1] in {"(", "-", "–", "—", ":"}


class PlaceFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.places: list[dict[str, Any]] = [
            p for p in (doc._.ng_places or []) if not _is_dateline(doc, p)
        ]

    def tied(self, heads: list[Token], travel: bool) -> tuple[list[str], list[str], list[str]]:
        """(all tied place ids, origins, destinations) of the trigger tokens."""
        ranges: Ranges = []
        for head in heads:
            ranges += _prep_ranges(head)
            if travel:
                ranges += [
                    (c.left_edge.idx, char_end(c.right_edge), "to")
                    for c in head.children
                    if c.dep_ == "dobj"
                ]
        tied: list[str] = []
        origins: list[str] = []
        destinations: list[str] = []
        for place in self.places:
            holding = [r for r in ranges if within(place, r[0], r[1])]
            if not holding:
                continue
            prep = min(holding, key=lambda r: r[1] - r[0])[2]
            if prep not in PLACE_PREPS or place["id"] in tied:
                continue
            tied.append(place["id"])
            if prep in ORIGIN_PREPS:
                origins.append(place["id"])
            elif prep in DESTINATION_PREPS or (travel and prep in {"in", "at"}):
                destinations.append(place["id"])
        return tied, origins, destinations

    def nearest(self, sentence: Span, trigger_start: int) -> str | None:
        inside = [p for p in self.places if within(p, sentence.start_char, sentence.end_char)]
        if not inside:
            return None
        return min(inside, key=lambda p: (abs(p["start"] - trigger_start), p["start"]))["id"]
