"""Where and when an event happened: the place and time expressions tied to its trigger.

Tied means syntactically attached: a prepositional phrase or adverbial of the trigger
("met in Istanbul", "traveled to Istanbul from Beirut", "indicated in early December"),
else one its clause gives it (:func:`_clause_ranges`). Places fall back to the nearest
place in the same sentence (never a dateline), which ``placing`` keeps only when it belongs
to the trigger's clause (:func:`clause_place`). Times are found by ``timing``, which keeps
to the event's own clause.
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
# Where a participant is ("officials in Kyiv"), not where it comes from ("a man from Ohio").
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "within"})
PARTICIPANT_DEPS = frozenset({"dobj", "nsubjpass"})
NAMING_DEPS = frozenset({"compound", "nmod", "amod"})
VERBAL = frozenset({"VERB", "AUX"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj"})
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


def _participant_ranges(head: Token) -> Ranges:
    """Locative phrases of the trigger's object or passive subject: "attacked a compound
    in X" (where the target is, the attack is)."""
    return [
        r
        for child in head.children
        if child.dep_ in PARTICIPANT_DEPS
        for r in _prep_ranges(child)
        if r[2] in LOCATIVE_PREPS
    ]


def _clause_ranges(head: Token) -> Ranges:
    """Where the trigger's clause places it when its own phrases do not:
    * a locative phrase of its object or passive subject (:func:`_participant_ranges`);
    * a place naming a nominal trigger ("the Paris attack", "the Gaza talks");
    * the phrases of a verb it is coordinated with, and of that verb's object, which share
      its setting ("opened an inquiry in X and charged Y");
    * for an event noun that is its verb's subject, that verb's locative phrases ("talks
      were held in X")."""
    ranges = _participant_ranges(head)
    partners = [c for c in head.children if c.dep_ == "conj" and c.pos_ in VERBAL]
    if head.dep_ == "conj" and head.pos_ in VERBAL and head.head.pos_ in VERBAL:
        partners.append(head.head)
    for partner in partners:
        ranges += _prep_ranges(partner) + _participant_ranges(partner)
    if head.pos_ in {"NOUN", "PROPN"}:
        ranges += [
            (c.left_edge.idx, char_end(c), "in") for c in head.children if c.dep_ in NAMING_DEPS
        ]
        if head.dep_ in {"nsubj", "nsubjpass"}:
            # Only where its verb happens, not what it is about ("discussions focused on
            # the conflict in Gaza" are not in Gaza).
            ranges += [
                (c.left_edge.idx, char_end(c.right_edge), c.lower_)
                for c in head.head.children
                if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS
            ]
    return ranges


def _governing_predicate(token: Token) -> int:
    """The index of the nearest verb above ``token`` (the sentence root if none)."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in VERBAL:
            break
    return token.i


def _clause_predicates(heads: list[Token]) -> set[int]:
    """The tokens whose places are the trigger's: the trigger itself, the verb governing an
    event noun, verbs coordinated with either, and clauses describing an event noun
    ("the investigation that named X")."""
    clause: set[int] = set()
    for head in heads:
        predicate = head if head.pos_ in VERBAL else head.doc[_governing_predicate(head)]
        for token in (head, predicate):
            clause.add(token.i)
            clause.update(c.i for c in token.children if c.dep_ in {"conj", "acl", "relcl"})
            if token.dep_ == "conj":
                clause.add(token.head.i)
    return clause


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
        """(all tied place ids, origins, destinations) of the trigger tokens' own phrases."""
        ranges: Ranges = []
        for head in heads:
            ranges += _prep_ranges(head)
            if travel:
                ranges += [
                    (c.left_edge.idx, char_end(c.right_edge), "to")
                    for c in head.children
                    if c.dep_ == "dobj"
                ]
        return self._places_in(ranges, travel)

    def clause_tied(
        self, heads: list[Token], travel: bool
    ) -> tuple[list[str], list[str], list[str]]:
        """The same for the places the trigger's clause gives it (:func:`_clause_ranges`),
        asked when its own phrases name none."""
        return self._places_in([r for h in heads for r in _clause_ranges(h)], travel)

    def _places_in(self, ranges: Ranges, travel: bool) -> tuple[list[str], list[str], list[str]]:
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


def clause_place(doc: Doc, places: list[dict[str, Any]], heads: list[Token]) -> str | None:
    """The place of the trigger's clause nearest the trigger, among ``places`` (those of its
    sentence), or None: a place governed by another predicate of the sentence ("denied
    talks ... to stay under Moscow's protection") belongs to that predicate's event, and a
    place that is the trigger's own subject or object ("charged Liverpool") takes part in
    the event rather than hosting it."""
    clause = _clause_predicates(heads)
    local = []
    for place in places:
        span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ARGUMENT_DEPS and root.head.i in clause:
            continue
        if _governing_predicate(root) in clause:
            local.append(place)
    if not local:
        return None
    start = heads[0].idx
    return str(min(local, key=lambda p: (abs(p["start"] - start), p["start"]))["id"])
