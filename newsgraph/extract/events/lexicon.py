"""The event trigger lexicon (``data/event_lexicon.yaml`` + the ``event_lexicon`` setting's files).

Lemmas and two-word phrases map to a PLOVER type and mode; word lists steer modality,
reported speech, light verbs and travel. See the data file's comments for its layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.extract.common.datafiles import shipped_yaml, user_yaml
from newsgraph.record.vocabulary import PLOVER_TYPES

WORD_LISTS = (
    "light_verbs",
    "reporting_verbs",
    "intent_verbs",
    "plan_verbs",
    "negating_verbs",
    "hypothetical_modals",
    "future_modals",
    "target_preps",
    "nominal_patient_types",
    "undergoer_verbs",
    "judging_types",
    "conjoined_types",
    "hedges",
    "travel_verbs",
    "obligation_modals",
    "conditional_marks",
    "wish_verbs",
    "plan_nouns",
    "hypothesis_nouns",
    "claim_nouns",
    "denial_predicates",
    "not_in_entities",
    "content_types",
    "habitual_marks",
    "kind_determiners",
    "audience_verbs",
    "kind_nouns",
    "potential_modals",
)


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str
    words: tuple[str, ...]  # the lemma, then an optional second word (particle/object)


@dataclass(frozen=True)
class Sense:
    """What a use of one trigger word must look like to be an event of one type (the
    ``verb_senses`` / ``noun_senses`` sections of the lexicon). ``needs``: alternatives, any
    one of which must hold ("actor", "agent" (an actor not a crowd), "authority" (an actor
    of law enforcement or the courts), "target", "patient" (an actor as the object itself,
    not inside it: "received the envoy"), "parties",
    "place", "time", "clause", "intransitive", "antecedent", "definite", ("object", word
    set), ("modifier", word set), ("domain", vocabulary), or a tuple of these that must all
    hold); empty means no requirement.
    ``not_with``: words of the trigger's own phrase (particle, object, preposition and its
    object, the object's modifiers) that show another sense ("give a speech"); ``not_as``:
    dependency labels or fine tags of the trigger that show a non-event use ("striking" as
    a modifier); ``not_after``: the word just before it ("in charge"); ``no_clause``: a
    clause under it shows another sense ("help rebuild", "recalled that"); ``not_clause``:
    verbs of a clause under it that show another sense ("declined to comment");
    ``no_question``: a clause under it that asks something shows another sense ("asked
    whether they stayed")."""

    needs: tuple[Any, ...] = ()  # each a need or a tuple of needs that must all hold
    not_with: frozenset[str] = frozenset()
    not_as: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    no_clause: bool = False
    not_clause: frozenset[str] = frozenset()
    no_question: bool = False  # a question under it shows another sense: "asked why"


NO_SENSE = Sense()


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)  # keyed by first word
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)  # keyed by last word
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    retype_future: dict[str, str] = field(default_factory=dict)
    # Types whose act announced towards another party is a pledge: it keeps its type,
    # future, with an ``intend-`` mode (PLOVER reads it as an AGREE).
    pledge_types: frozenset[str] = frozenset()
    retype_refusal: dict[str, str] = field(default_factory=dict)
    obligation_type: str | None = None
    # TYPE -> actor sectors whose report of an agentless passive of that type names
    # themselves as its actor ("Police said two men were arrested").
    reporting_agents: dict[str, frozenset[str]] = field(default_factory=dict)
    # Actor sectors of law enforcement and courts, for a sense's "authority" need.
    authority_sectors: frozenset[str] = frozenset()
    # (verb or noun, TYPE, lemma) -> Sense; lemma "_default" holds the type's default.
    senses: dict[tuple[str, str, str], Sense] = field(default_factory=dict)
    # "TYPE" or "TYPE lemma" -> the words of the other domains where that type's (or that
    # word's) use is a move in a game, a market or a race (``other_domains``).
    domains: dict[str, frozenset[str]] = field(default_factory=dict)

    def sense(self, part: str, entry: Trigger) -> Sense:
        """The constraints on ``entry`` used as a ``part`` ("verb" or "noun")."""
        found = self.senses.get((part, entry.type, " ".join(entry.words)))
        if found is None:
            found = self.senses.get((part, entry.type, "_default"))
        if found is None:
            found = self.senses.get((part, "*", "_default"), NO_SENSE)
        return found

    def domain(self, entry: Trigger) -> frozenset[str]:
        """The words of the other domains in whose sentences ``entry`` is no event."""
        if not self.domains:
            return frozenset()
        return self.domains.get(entry.type, frozenset()) | self.domains.get(
            f"{entry.type} {' '.join(entry.words)}", frozenset()
        )

    def listed(self, name: str, word: str) -> bool:
        return word in self.words.get(name, frozenset())


def _add(table: dict[str, list[Trigger]], section: Any, key_last: bool) -> None:
    for event_type, modes in (section or {}).items():
        if event_type not in PLOVER_TYPES:
            raise ValueError(f"event lexicon: unknown PLOVER type {event_type!r}")
        for mode, phrases in (modes or {}).items():
            for phrase in phrases or ():
                words = tuple(str(phrase).lower().split())
                key = words[-1] if key_last else words[0]
                entries = table.setdefault(key, [])
                trigger = Trigger(event_type, str(mode), words)
                if trigger not in entries:
                    entries.append(trigger)


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


Need = str | tuple[str, frozenset[str]]


def _need(need: Any, sets: dict[str, frozenset[str]], where: str) -> Need | tuple[Need, ...]:
    if isinstance(need, list):  # all of these at once
        return tuple(_need(part, sets, where) for part in need)  # type: ignore[misc]
    if isinstance(need, dict):  # {object|modifier: word_set_name} or {domain: name}
        if len(need) != 1 or next(iter(need)) not in SET_NEEDS:
            raise ValueError(f"event lexicon: {where} has unknown need {need!r}")
        kind, name = next(iter(need.items()))
        key = f"{DOMAIN_PREFIX}{name}" if kind == "domain" else str(name)
        if key not in sets:
            raise ValueError(f"event lexicon: {where} needs unknown {kind} {name!r}")
        return (str(kind), sets[key])
    if need in NEEDS:
        return str(need)
    raise ValueError(f"event lexicon: {where} has unknown need {need!r}")


def _sense(spec: Any, sets: dict[str, frozenset[str]], where: str) -> Sense:
    return Sense(
        needs=tuple(_need(need, sets, where) for need in spec.get("needs") or ()),
        not_with=_words(spec.get("not_with")),
        not_as=frozenset(str(v) for v in spec.get("not_as") or ()),
        not_after=_words(spec.get("not_after")),
        no_clause=bool(spec.get("no_clause")),
        not_clause=_words(spec.get("not_clause")),
        no_question=bool(spec.get("no_question")),
    )


# Needs that name a word set: the trigger's object ("object"), a modifier of the trigger
# ("modifier": "financial support"), or the domain its sentence speaks of ("domain": two
# words of a ``domain_words`` vocabulary, see senses.in_domain).
SET_NEEDS = frozenset({"object", "modifier", "domain"})
DOMAIN_PREFIX = "domain:"  # domain vocabularies among the word sets, apart from sense_words
NEEDS = frozenset(
    {
        "actor",
        "agent",
        "target",
        "patient",
        "parties",
        "place",
        "time",
        "clause",
        "infinitive",
        "intransitive",
        "antecedent",
        "definite",
        "authority",
    }
)


def _add_senses(
    lexicon: Lexicon, document: dict[str, Any], sets: dict[str, frozenset[str]]
) -> None:
    for part in ("verb", "noun"):
        if document.get(f"{part}_default") is not None:  # every type's fallback
            spec = document[f"{part}_default"]
            lexicon.senses[(part, "*", "_default")] = _sense(spec, sets, f"{part}_default")
        for event_type, lemmas in (document.get(f"{part}_senses") or {}).items():
            if event_type not in PLOVER_TYPES:
                raise ValueError(f"event lexicon: unknown PLOVER type {event_type!r}")
            for lemma, spec in (lemmas or {}).items():
                where = f"{part}_senses.{event_type}.{lemma}"
                lexicon.senses[(part, event_type, str(lemma))] = _sense(spec or {}, sets, where)


def _add_domains(lexicon: Lexicon, document: dict[str, Any]) -> None:
    vocabularies = {
        str(name): _words(values) for name, values in (document.get("domain_words") or {}).items()
    }
    for name, entries in (document.get("other_domains") or {}).items():
        if str(name) not in vocabularies:
            raise ValueError(f"event lexicon: other_domains names unknown domain {name!r}")
        for entry in entries or ():
            key = str(entry)
            if key.split()[0] not in PLOVER_TYPES:
                raise ValueError(f"event lexicon: other_domains.{name} has unknown {key!r}")
            known = lexicon.domains.get(key, frozenset())
            lexicon.domains[key] = known | vocabularies[str(name)]


@lru_cache(maxsize=4)
def _load(user_files: str) -> Lexicon:
    lexicon = Lexicon()
    lists: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
    sets: dict[str, frozenset[str]] = {}
    for document in [shipped_yaml("event_lexicon.yaml"), *user_yaml(user_files, "event_lexicon")]:
        document = document or {}
        for name, values in (document.get("sense_words") or {}).items():
            sets[str(name)] = sets.get(str(name), frozenset()) | _words(values)
        for name, values in (document.get("domain_words") or {}).items():
            key = f"{DOMAIN_PREFIX}{name}"
            sets[key] = sets.get(key, frozenset()) | _words(values)
        _add_senses(lexicon, document, sets)
        _add_domains(lexicon, document)
        _add(lexicon.verbs, document.get("verbs"), key_last=False)
        _add(lexicon.nouns, document.get("nouns"), key_last=True)
        for name in WORD_LISTS:
            lists[name].update(str(w).lower() for w in document.get(name) or ())
        lexicon.retype_future.update(document.get("retype_future") or {})
        lexicon.pledge_types |= {str(t).upper() for t in document.get("pledge_types") or ()}
        lexicon.retype_refusal.update(document.get("retype_refusal") or {})
        lexicon.obligation_type = document.get("obligation_type") or lexicon.obligation_type
        lexicon.authority_sectors |= {
            str(s).upper() for s in document.get("authority_sectors") or ()
        }
        for kind, sectors in (document.get("reporting_agents") or {}).items():
            known = lexicon.reporting_agents.get(str(kind), frozenset())
            lexicon.reporting_agents[str(kind)] = known | {str(s).upper() for s in sectors or ()}
    # Longer phrases first, so "call off" wins over "call".
    for table in (lexicon.verbs, lexicon.nouns):
        for entries in table.values():
            entries.sort(key=lambda t: -len(t.words))
    lexicon.words = {name: frozenset(values) for name, values in lists.items()}
    return lexicon


def load_lexicon(user_files: str = "") -> Lexicon:
    """The shipped lexicon with the files of the ``event_lexicon`` setting merged in."""
    return _load(user_files)
