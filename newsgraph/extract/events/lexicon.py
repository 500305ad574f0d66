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
    "negating_verbs",
    "hypothetical_modals",
    "future_modals",
    "target_preps",
    "hedges",
    "travel_verbs",
    "obligation_modals",
    "conditional_marks",
    "wish_verbs",
    "plan_nouns",
    "hypothesis_nouns",
    "claim_nouns",
    "denial_predicates",
)


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str
    words: tuple[str, ...]  # the lemma, then an optional second word (particle/object)


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)  # keyed by first word
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)  # keyed by last word
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    retype_future: dict[str, str] = field(default_factory=dict)
    retype_refusal: dict[str, str] = field(default_factory=dict)
    obligation_type: str | None = None

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


@lru_cache(maxsize=4)
def _load(user_files: str) -> Lexicon:
    lexicon = Lexicon()
    lists: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
    for document in [shipped_yaml("event_lexicon.yaml"), *user_yaml(user_files, "event_lexicon")]:
        document = document or {}
        _add(lexicon.verbs, document.get("verbs"), key_last=False)
        _add(lexicon.nouns, document.get("nouns"), key_last=True)
        for name in WORD_LISTS:
            lists[name].update(str(w).lower() for w in document.get(name) or ())
        lexicon.retype_future.update(document.get("retype_future") or {})
        lexicon.retype_refusal.update(document.get("retype_refusal") or {})
        lexicon.obligation_type = document.get("obligation_type") or lexicon.obligation_type
    # Longer phrases first, so "call off" wins over "call".
    for table in (lexicon.verbs, lexicon.nouns):
        for entries in table.values():
            entries.sort(key=lambda t: -len(t.words))
    lexicon.words = {name: frozenset(values) for name, values in lists.items()}
    return lexicon


def load_lexicon(user_files: str = "") -> Lexicon:
    """The shipped lexicon with the files of the ``event_lexicon`` setting merged in."""
    return _load(user_files)
