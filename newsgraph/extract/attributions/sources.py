"""Who a source is: its type (SPEC ``source_type``), its actor, and pronoun antecedents.

Types, checked in this order (lexicons in ``data/attribution_sources.yaml``):
unnamed (anonymity phrases, "sources"), expert, witness, named_person (a PERSON entity),
media, document, official_body (institutions, and named organisations or states), then
vague plural heads without a name ("officials", "people"), groups of ordinary people
("voters") and counts of people ("56 percent", "who") are unnamed; anything else is
unnamed too, since nobody identifiable is given (a fallback that non-speech cues drop).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.attributions.lexicon import SourceLexicon
from newsgraph.nlp.extensions import entities

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ORGANISATION_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
# Entity labels and pronouns of a source that counts people ("56 percent", "who").
SHARE_LABELS = frozenset({"PERCENT", "CARDINAL"})
PERSONAL_PRONOUNS = frozenset({"who", "whom", "everyone", "everybody", "nobody", "anyone"})


@dataclass(frozen=True)
class Resolved:
    """The outcome of typing one source phrase."""

    source_type: str
    entity: Span | None  # the named entity the source refers to, if any
    # True when nothing in the lexicons or entities fitted and "unnamed" is only the
    # default (e.g. "the dialogue", "this stance": often not a source at all).
    fallback: bool = False


def _head_lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _entities_in(doc: Doc, start: int, end: int) -> list[Span]:
    return [e for e in entities(doc) if e.start < end and start < e.end]


def is_outlet_name(entity: Span, lexicon: SourceLexicon) -> bool:
    return any(word in lexicon.outlet_name_words for word in entity.text.replace("-", " ").split())


def classify(
    doc: Doc,
    source: tuple[int, int],
    head: Token,
    context: str,
    lexicon: SourceLexicon,
) -> Resolved:
    """Type the source phrase ``doc[source]`` whose head is ``head``.

    ``context`` is extra text around the source that may mark anonymity (the cue's own
    modifiers, e.g. "speaking on condition of anonymity").
    """
    start, end = source
    phrase = doc[start:end]
    forms = {_head_lemma(head), head.lower_}  # "media" is lemmatised to "medium"
    entities = _entities_in(doc, start, end)
    people = [e for e in entities if e.label_ == "PERSON"]
    bodies = [e for e in entities if e.label_ in ORGANISATION_LABELS]
    outlets = [
        e for e in entities if e.label_ in ORGANISATION_LABELS and is_outlet_name(e, lexicon)
    ]
    anonymity = lexicon.anonymity
    if anonymity is not None and (anonymity.search(phrase.text) or anonymity.search(context)):
        return Resolved("unnamed", None)
    if forms & lexicon.unnamed:
        return Resolved("unnamed", None)
    if forms & lexicon.expert:
        return Resolved("expert", people[0] if people else None)
    if forms & lexicon.witness:
        return Resolved("witness", people[0] if people else None)
    head_person = next((p for p in people if p.start <= head.i < p.end), None)
    if head_person is not None:
        return Resolved("named_person", head_person)
    if forms & lexicon.media or any(o.start <= head.i < o.end for o in outlets):
        return Resolved("media", outlets[0] if outlets else (bodies[0] if bodies else None))
    if forms & lexicon.document:
        return Resolved("document", bodies[0] if bodies else None)
    head_body = next((b for b in bodies if b.start <= head.i < b.end), None)
    if head_body is not None:
        return Resolved("official_body", head_body)
    if people:  # "spokesman John Smith", "Mr. Smith's aide": a named person in the phrase
        return Resolved("named_person", people[0])
    if forms & lexicon.official_body:
        return Resolved("official_body", bodies[0] if bodies else None)
    if bodies and forms & lexicon.vague:  # "Israeli officials", "Hamas members"
        return Resolved("official_body", bodies[0])
    if head.pos_ == "PROPN":
        return Resolved("named_person", None)
    if forms & lexicon.vague or forms & lexicon.people or _is_share(head):
        return Resolved("unnamed", None)  # "voters", "56 percent", "who", "nobody"
    return Resolved("unnamed", None, fallback=True)


def _is_share(head: Token) -> bool:
    """A count or share of people ("56 percent", "two-thirds", "half"), or a pronoun
    that can only stand for people."""
    return head.ent_type_ in SHARE_LABELS or head.pos_ == "NUM" or head.lower_ in PERSONAL_PRONOUNS


@dataclass
class Speaker:
    """A source already seen, a candidate antecedent for later pronouns."""

    end_char: int
    source_type: str
    entity: Span | None


def antecedent(pronoun: Token, speakers: Sequence[Speaker], doc: Doc) -> Speaker | None:
    """The last compatible named speaker or person before ``pronoun``.

    "he"/"she" take the latest earlier named person, whether a previous speaker or a
    PERSON entity that was a clause subject; "they" takes the latest earlier non-person
    source (a body, an outlet, sources).
    """
    word = pronoun.lower_
    position = pronoun.idx
    if word in PERSON_PRONOUNS:
        best: Speaker | None = None
        for speaker in speakers:
            if speaker.end_char <= position and speaker.source_type == "named_person":
                best = speaker
        for entity in entities(doc):
            if (
                entity.label_ == "PERSON"
                and entity.end_char <= position
                and entity.root.dep_ in ("nsubj", "nsubjpass")
                and (best is None or entity.end_char > best.end_char)
            ):
                best = Speaker(entity.end_char, "named_person", entity)
        return best
    if word in GROUP_PRONOUNS:
        group: Speaker | None = None
        for speaker in speakers:
            if speaker.end_char <= position and speaker.source_type != "named_person":
                group = speaker
        return group
    return None


def actor_index(actors: list[dict[str, Any]] | None) -> dict[str, str]:
    """Entity id -> actor id, from the actors' ``mentions`` lists."""
    index: dict[str, str] = {}
    for actor in actors or ():
        for mention in actor.get("mentions") or ():
            if isinstance(mention, str):
                index.setdefault(mention, actor["id"])
    return index


def actor_for_span(
    doc: Doc, start: int, end: int, index: dict[str, str], actors: list[dict[str, Any]] | None
) -> str | None:
    """The actor whose mention (entity or extra mention span) overlaps chars [start, end)."""
    entities: Sequence[Span] = doc._.newsgraph_entities or ()
    for entity in entities:
        if entity.start_char < end and start < entity.end_char:
            actor = index.get(entity._.entity_id or "")
            if actor is not None:
                return actor
    for actor_record in actors or ():
        for span in actor_record.get("mention_spans") or ():
            if (
                isinstance(span, dict)
                and span.get("start", end) < end
                and start < span.get("end", start)
            ):
                return str(actor_record["id"])
    return None
