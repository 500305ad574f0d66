"""newsgraph_events_v1: who did what to whom, typed in PLOVER 2.0 (SPEC events[]).

For each sentence: find triggers (event_triggers), read actors and targets from the parse
(arguments), modality and hedges (modality), the tied place and time (event_context).
Record: {id, type, mode, modality, trigger{text,start,end}, sentence{start,end}, actors[],
targets[], place, place_source, places[], time, attribution, confidence, hedges[] (words),
hedge_spans[], origin, destination, depth, same_as (only on a definite event noun that
refers back to an earlier event: "the meeting"), governor (the start of the trigger this one
hangs from in the same clause, or null), definite (a definite or possessed event noun: "the
raid", "Trump's criticism"); the coref step reads and drops those two}.
``attribution`` is left null for the attributions component; ``place_source`` "document" is
set by ``placing`` after coreference.
``depth`` is the number of clause links between the trigger and the sentence's main
predicate, not counting reporting verbs; :func:`main_event` uses it.

Retyping (data-driven, see the lexicon): a hostile act announced for the future is a
THREATEN ("would pursue Hamas leaders"); a cooperative one announced towards another party
keeps its type, future, with an ``intend-`` mode ("will allow refugees to return": CONCEDE,
``intend-concede``; PLOVER's evaluation reads it as an AGREE), while "will resign" stays a
RETREAT, future, mode ``retreat``; a refused cooperative act ("would not recognize") is a
REJECT, stated, so asserted.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors import component as _actors  # noqa: F401  (registers ng_actor_tokens)
from newsgraph.extract.events.arguments import (
    ActorIndex,
    agents,
    conjuncts,
    content_of,
    governing_trigger,
    nominal_actors,
    objects,
    of_is_patient,
    of_objects,
    subjects,
)
from newsgraph.extract.events.context import PlaceFinder
from newsgraph.extract.events.coref import merge_mentions, place_identities
from newsgraph.extract.events.dating import DocumentDate, date_events
from newsgraph.extract.events.eventhood import load_event_model
from newsgraph.extract.events.lexicon import Lexicon, load_lexicon
from newsgraph.extract.events.modality import Modality, modality_of
from newsgraph.extract.events.placing import place_in_document
from newsgraph.extract.events.reference import anchored, definite_kind, has_antecedent, refer_back
from newsgraph.extract.events.senses import Evidence, gap_object, needs_met
from newsgraph.extract.events.timing import TimeFinder, event_time
from newsgraph.extract.events.triggers import Found, sentence_triggers
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.extensions import doc_text
from newsgraph.record.vocabulary import INTENTION_MODE_PREFIX, REFUSAL_MODE_PREFIX

BASE_CONFIDENCE = {"verb": 0.7, "light": 0.65, "noun": 0.45}
MAX_DEPTH_CLIMB = 12
# Actor kinds that do not act as one party: a crowd or population moving is no visit.
CROWDS = frozenset({"group"})
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "dative"})


def _char_span(tokens: list[Token]) -> dict[str, Any]:
    doc = tokens[0].doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def _depth(token: Token, lexicon: Lexicon) -> int:
    depth = 0
    for _ in range(MAX_DEPTH_CLIMB):
        if token.head.i == token.i:
            break
        token = token.head
        if not (token.pos_ == "VERB" and lexicon.listed("reporting_verbs", token.lemma_.lower())):
            depth += 1
    return depth


def _statement_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The reporting verb whose clause holds ``token`` ("said ... would pursue")."""
    for _ in range(MAX_DEPTH_CLIMB):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB" and lexicon.listed("reporting_verbs", token.lemma_.lower()):
            return token
    return None


def _type_and_mode(
    found: Found, modality: Modality, lexicon: Lexicon, targeted: bool
) -> tuple[str, str, str]:
    kind, mode, value = found.entry.type, found.entry.mode, modality.value
    if modality.negated and modality.future and kind in lexicon.retype_refusal:
        return lexicon.retype_refusal[kind], f"{REFUSAL_MODE_PREFIX}{mode}", "asserted"
    if not modality.future or modality.negated or not found.verbal:
        return kind, mode, value  # "the planned visit" stays a visit
    # "will extend the curfew" threatens: the act is coded as its announcement. "Will
    # visit Albania" pledges a visit to Albania: the news guidelines keep the act's own
    # type, future, and the ``intend-`` mode records the stated intention (PLOVER's
    # AGREE, see eval.events). "Will resign" or "will support the bill" pledge nothing
    # to anyone, and "plans to visit Peru" is a plan: the mode stays the act's own.
    retyped = lexicon.retype_future.get(kind)
    if retyped:
        return retyped, f"{INTENTION_MODE_PREFIX}{mode}", value
    if targeted and not modality.planned and kind in lexicon.pledge_types:
        return kind, f"{INTENTION_MODE_PREFIX}{mode}", value
    return kind, mode, value


class EventExtractor:
    def __init__(self, nlp: Language, name: str, lexicons: str = ""):
        self.name = name
        self.lexicons = lexicons

    def __call__(self, doc: Doc) -> Doc:
        lexicon = load_lexicon(self.lexicons)
        actors = doc._.ng_actors or []
        index = ActorIndex(doc, doc._.ng_actor_tokens or _token_ids(doc, actors), actors)
        places = PlaceFinder(doc)
        times = TimeFinder(doc)
        records: list[dict[str, Any]] = []
        for sentence in doc.sents:
            founds = list(sentence_triggers(sentence, lexicon))
            heads = {found.head.i: found.entry.type for found in founds}
            kept: dict[int, dict[str, Any]] = {}  # trigger head -> its record
            for found in founds:
                record = self._record(
                    sentence, found, lexicon, index, places, (times, heads), records
                )
                if record is None:
                    continue  # no entry's sense needs are met: another sense of the word
                askers = frozenset(
                    i for i, r in kept.items() if lexicon.listed("content_types", r["type"].lower())
                )
                if askers and content_of(found.head, askers, frozenset(heads)):
                    continue  # what a request asks for: the request is the event
                if not found.verbal and not anchored(record, found):
                    continue
                if not found.verbal and not record["actors"]:
                    refer_back(record, found, records)
                record["id"] = f"V{len(records) + 1}"
                records.append(record)
                kept[found.head.i] = record
            _link_governors(doc, kept, lexicon)
        document_date = DocumentDate(doc)
        date_events(records, document_date)
        doc._.ng_events = records
        return doc

    def _record(
        self,
        sentence: Span,
        found: Found,
        lexicon: Lexicon,
        index: ActorIndex,
        places: PlaceFinder,
        times: tuple[TimeFinder, dict[int, str]],
        earlier: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        head = found.head
        actor_ids, target_ids = self._participants(found, lexicon, index, times[1])
        if found.obligation and not target_ids:
            return None  # "we must never give in": a speaker's own resolve, no demand on anyone
        heads = [t for t in (found.verb, found.noun) if t is not None]
        travel = found.verbal and lexicon.listed("travel_verbs", head.lemma_.lower())
        tied, origins, destinations = places.tied(heads, travel)
        # Only the trigger's own phrases (not its clause's) make a sense that needs a place.
        placed = bool(tied or destinations) or _placed_by_governor(found, places)
        if not tied:
            tied, origins, destinations = places.clause_tied(heads, travel)
        statement = _statement_verb(head, lexicon)
        time = event_time(times[0], heads, head, statement, frozenset(times[1]))
        evidence = Evidence(
            head=found.noun if found.noun is not None else head,
            actors=actor_ids,
            targets=target_ids,
            agents=any(index.kinds.get(a) not in CROWDS for a in actor_ids),
            authority=any(index.sectors.get(a) in lexicon.authority_sectors for a in actor_ids),
            patients=_patient(found.noun if found.noun is not None else head, index),
            placed=placed,
            timed=time is not None,
            antecedent=has_antecedent(found, earlier),
        )
        chosen = next(
            (
                entry
                for entry in [found.entry, *found.others]
                if needs_met(lexicon.sense(found.part, entry), evidence)
            ),
            None,
        )
        if chosen is None:
            return None
        found.entry = chosen
        modality = modality_of(head, lexicon)
        event_type, mode, modality_value = _type_and_mode(
            found, modality, lexicon, bool(target_ids)
        )
        place: str | None = (destinations or tied)[0] if (destinations or tied) else None
        place_source = "text" if place else None
        if place is None:
            place = places.nearest(sentence, found.tokens[0].idx)
            place_source = "sentence" if place else None
        pattern = "noun" if not found.verbal else ("light" if found.noun is not None else "verb")
        confidence = (
            BASE_CONFIDENCE[pattern]
            + (0.15 if actor_ids else 0.0)
            + (0.05 if target_ids else 0.0)
            - (0.05 if modality.hedges else 0.0)
        )
        return {
            "id": "",
            "type": event_type,
            "mode": mode,
            "modality": modality_value,
            "trigger": _char_span(found.tokens),
            "sentence": {"start": sentence.start_char, "end": sentence.end_char},
            "actors": actor_ids,
            "targets": target_ids,
            "place": place,
            "place_source": place_source,  # "document" set by placing.place_in_document
            "places": tied,
            "time": time,
            "time_source": None,  # set by dating.date_events
            "attribution": None,
            "confidence": round(min(confidence, 0.95), 2),
            # Hedge words as text (the attributions component appends its own the same way);
            # their evidence spans in hedge_spans.
            "hedges": list(dict.fromkeys(h.lower_ for h in modality.hedges)),
            "hedge_spans": [_char_span([h]) for h in modality.hedges],
            "origin": origins[0] if origins else None,
            "destination": destinations[0] if destinations else None,
            "depth": _depth(head, lexicon) + (0 if found.verbal else 1),
            "definite": definite_kind(found),  # read and dropped by the coref step
        }

    @staticmethod
    def _participants(
        found: Found, lexicon: Lexicon, index: ActorIndex, triggers: dict[int, str]
    ) -> tuple[list[str], list[str]]:
        """Actors and target of ``found``; ``triggers``: the sentence's trigger heads and
        their types."""
        preps = lexicon.words["target_preps"]
        if found.obligation and found.verb is not None:
            speaker, _ = subjects(found.verb.head)
            obliged, _ = subjects(found.verb)
            actor_ids = index.of_arguments(speaker)
            return actor_ids, [t for t in index.of_arguments(obliged) if t not in actor_ids]
        if found.verb is not None:
            subject_heads, passive = subjects(found.verb)
            if passive:
                actor_ids = index.of_arguments(agents(found.verb)) or _reporter_as_agent(
                    found, lexicon, index
                )
                target_ids = index.of_arguments(subject_heads)
            else:
                actor_ids = index.of_arguments(subject_heads)
                target_ids = index.of_arguments(objects(found.verb, preps))
            if found.noun is not None:
                heads = objects(found.noun, preps)
                if of_is_patient(found.noun, _patient_type(found, lexicon)):
                    heads += of_objects(found.noun)  # "launched an investigation of X"
                target_ids += [a for a in index.of_arguments(heads) if a not in target_ids]
            if not target_ids:
                target_ids = _complement_targets(found.verb, preps, index, actor_ids)
        else:
            actor_ids, target_ids = _nominal_participants(found, lexicon, index, triggers)
        target_ids = [t for t in target_ids if t not in actor_ids]
        return actor_ids, target_ids


def _patient(head: Token, index: ActorIndex) -> bool:
    """An actor is what ``head`` acts on, as its object or passive subject itself ("received
    the envoy", "received a mission of observers"), not a word of another phrase inside it
    ("received emails from X")."""
    slots = [c for c in head.children if c.dep_ in PATIENT_DEPS]
    gap = gap_object(head)
    for slot in [*slots, *([gap] if gap is not None else [])]:
        for token in (slot, *conjuncts(slot)):
            if token.i in index.token_ids or (token.pos_ == "PRON" and index.of_phrase(token)):
                return True
            if any(  # "a mission of observers", "a delegation of ministers"
                member.i in index.token_ids
                for of in token.children
                if of.dep_ == "prep" and of.lower_ == "of"
                for member in of.children
                if member.dep_ == "pobj"
            ):
                return True
    return False


def _reporter_as_agent(found: Found, lexicon: Lexicon, index: ActorIndex) -> list[str]:
    """ "The army said 30 fighters were killed": security forces report their own acts in
    the agentless passive; the lexicon's ``reporting_agents`` says which sectors for which
    types."""
    sectors = lexicon.reporting_agents.get(found.entry.type)
    statement = _statement_verb(found.head, lexicon) if sectors else None
    if statement is None:
        return []
    speakers, passive = subjects(statement)
    found_ids = [] if passive else index.of_arguments(speakers)
    return [a for a in found_ids if index.sectors.get(a) in (sectors or ())]


def _nominal_participants(
    found: Found, lexicon: Lexicon, index: ActorIndex, triggers: dict[int, str]
) -> tuple[list[str], list[str]]:
    """Actors and targets of an event noun without a light verb: its own modifiers and
    prepositions, else the verb it is an argument of ("Israel reimposed blockades", "X
    pleaded guilty to the bombings"). That verb's subject is no actor when the verb judges
    the event (an event of a type in the lexicon's ``judging_types``: "UNHCR condemned the
    attack", the condemner did not attack; but "X threatened sanctions", "police arrested
    Y in a raid") or reports it; an undergoer verb's subject is the one acted on ("X faces
    charges")."""
    noun = found.noun
    assert noun is not None
    preps = lexicon.words["target_preps"]
    patient_of = of_is_patient(noun, _patient_type(found, lexicon))
    actor_ids = index.of_arguments(nominal_actors(noun, patient_of))
    target_heads = objects(noun, preps - {"of", "from", "between", "among"})
    target_ids = index.of_arguments(target_heads + (of_objects(noun) if patient_of else []))
    if noun.dep_ not in {"dobj", "pobj", "attr"}:
        return actor_ids, target_ids
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if governor.dep_ == "acomp":  # "pleaded guilty to", "was responsible for"
        governor = governor.head
    lemma = governor.lemma_.lower()
    if governor.pos_ not in {"VERB", "AUX"} or lexicon.listed("reporting_verbs", lemma):
        return actor_ids, target_ids
    heads, passive = subjects(governor)
    if passive:
        return actor_ids, target_ids
    if lexicon.listed("undergoer_verbs", lemma):
        return actor_ids, target_ids + [a for a in index.of_arguments(heads) if a not in target_ids]
    if actor_ids or lexicon.listed("judging_types", triggers.get(governor.i, "").lower()):
        return actor_ids, target_ids
    return index.of_arguments(heads), target_ids


def _patient_type(found: Found, lexicon: Lexicon) -> bool:
    return lexicon.listed("nominal_patient_types", found.entry.type.lower())


def _link_governors(doc: Doc, kept: dict[int, dict[str, Any]], lexicon: Lexicon) -> None:
    """Each record's ``governor``: the trigger start of the record it hangs from in its
    clause (``kept``: trigger head -> record, one sentence). Read by the coref step
    ("killed ... and wounded" is one attack), which drops it. Conjoined verbs count only
    for the lexicon's ``conjoined_types``."""
    heads = frozenset(kept)
    for head_i, record in kept.items():
        conjoined = lexicon.listed("conjoined_types", record["type"].lower())
        governor = governing_trigger(doc[head_i], heads, conjoined)
        record["governor"] = None if governor is None else kept[governor]["trigger"]["start"]


def _complement_targets(
    verb: Token, preps: frozenset[str], index: ActorIndex, actor_ids: list[str], depth: int = 0
) -> list[str]:
    """Whom a typed verb's complement acts on: "threatened to cut off electricity to X",
    "demanded that the United States match ...", "refused to allow UN planes"."""
    found: list[str] = []
    for clause in verb.children:
        purpose = clause.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        )  # "... to protest X"
        if (clause.dep_ not in {"xcomp", "ccomp"} and not purpose) or clause.pos_ not in {
            "VERB",
            "AUX",
        }:
            continue
        heads = objects(clause, preps)
        if clause.dep_ == "ccomp":
            heads = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}] + heads
        found += [a for a in index.of_arguments(heads) if a not in actor_ids and a not in found]
        if not found and depth < 1:
            found = _complement_targets(clause, preps, index, actor_ids, depth + 1)
    return found


def _placed_by_governor(found: Found, places: PlaceFinder) -> bool:
    """ "A gathering of X occurred in Turkey": a nominal event that is the subject of its
    verb happens where that verb does."""
    noun = found.noun
    if found.verbal or noun is None or noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return bool(places.tied([noun.head], False)[0])


def _token_ids(doc: Doc, actors: list[dict[str, Any]]) -> dict[int, str]:
    """Token -> actor id from the actors' spans (when the actors component left no index)."""
    ids: dict[int, str] = {}
    for actor in actors:
        for span in actor.get("spans") or ():
            char_span = doc.char_span(span["start"], span["end"], alignment_mode="expand")
            if char_span is not None:
                for token in char_span:
                    ids.setdefault(token.i, actor["id"])
    return ids


def main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event a sentence (or list of events) is mainly about, chosen deterministically:
    the root-most trigger (fewest clause links, verbs before nouns), then the highest
    confidence, then the earliest trigger."""
    if not events:
        return None
    return min(events, key=lambda e: (e.get("depth", 0), -e["confidence"], e["trigger"]["start"]))


@Language.factory(
    "newsgraph_events_v1",
    assigns=["doc._.ng_events", "doc._.ng_times"],
    requires=["doc._.ng_actors", "token.dep", "token.lemma"],
    default_config={"lexicons": ""},
)
def make_events(nlp: Language, name: str, lexicons: str) -> EventExtractor:
    """``lexicons``: the ``event_lexicon`` setting, the user's lexicon files."""
    return EventExtractor(nlp, name, lexicons)


@Language.factory(
    "newsgraph_event_coref_v1",
    assigns=["doc._.ng_events"],
    requires=["doc._.ng_events", "doc._.ng_times", "doc._.ng_attributions"],
    default_config={"event_model": "none"},
)
def make_event_coref(nlp: Language, name: str, event_model: str) -> Any:
    """One record per happening: drops the mentions the eventhood model rejects, then
    merges the mentions of each event (see ``coref``). Runs after attributions, so that
    each mention's own source is known to both steps. ``event_model``: the setting."""
    model = load_event_model(event_model)

    def merge(doc: Doc) -> Doc:
        mentions = doc._.ng_events or []
        if model is not None:
            mentions = model.keep(mentions, doc._.ng_actors or [], doc._.ng_attributions or [])
        times = {t["id"]: t.get("value") for t in doc._.ng_times or []}
        places = place_identities(doc._.ng_places or [])
        doc._.ng_events = merge_mentions(mentions, doc_text(doc), times, places)
        place_in_document(doc._.ng_events, doc)
        return doc

    return merge
