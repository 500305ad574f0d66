"""Load the attribution lexicons (package data in ``newsgraph/extract/data``) once."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

import yaml

from newsgraph.extract.common.datafiles import data_text


def _load(name: str) -> dict[str, Any]:
    text = data_text(name)
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in data.get(key) or ())


def _word_map(data: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    return {
        str(k).lower(): frozenset(str(w).lower() for w in v or ())
        for k, v in (data.get(key) or {}).items()
    }


def phrase_pattern(phrases: list[str], *, lower: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive whole-word regex for a list of phrases (longest first); with
    ``lower``, the lower-cased phrases matched case-sensitively, for lower-cased text
    (several times faster than case-insensitive matching)."""
    if not phrases:
        return None
    if lower:
        phrases = [p.lower() for p in phrases]
    parts = sorted((r"\s+".join(map(re.escape, p.split())) for p in phrases), key=len)
    flags = 0 if lower else re.IGNORECASE
    return re.compile(r"\b(?:" + "|".join(reversed(parts)) + r")\b", flags)


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    object: frozenset[str]
    analysis: frozenset[str]
    intention: frozenset[str]
    prepositional: frozenset[str]
    coverage: frozenset[str]
    channels: frozenset[str]
    via: frozenset[str]
    prepositions: dict[str, tuple[str, ...]]
    sourceless: frozenset[str]
    particles: dict[str, frozenset[str]]
    verb_prepositions: dict[str, frozenset[str]]
    object_control: frozenset[str]
    nominal: frozenset[str]
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]


@dataclass(frozen=True)
class HedgeLexicon:
    words: frozenset[str]
    lemmas: frozenset[str]
    phrases: re.Pattern[str] | None
    phrases_lower: re.Pattern[str] | None  # the same, for lower-cased text


@dataclass(frozen=True)
class SourceLexicon:
    anonymity: re.Pattern[str] | None
    unnamed: frozenset[str]
    vague: frozenset[str]
    people: frozenset[str]
    expert: frozenset[str]
    witness: frozenset[str]
    media: frozenset[str]
    outlet_name_words: frozenset[str]  # case kept: they mark proper names
    document: frozenset[str]
    official_body: frozenset[str]


def _built(kind: type[Any], data: dict[str, Any], **special: Any) -> Any:
    """``kind`` from ``data``: every field not given in ``special`` is the set of words
    under the key of the same name."""
    words = {f.name: _words(data, f.name) for f in fields(kind) if f.name not in special}
    return kind(**words, **special)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    data = _load("attribution_cues.yaml")
    lexicon: CueLexicon = _built(
        CueLexicon,
        data,
        prepositions={
            str(k).lower(): tuple(str(w).lower() for w in v or ())
            for k, v in (data.get("prepositions") or {}).items()
        },
        particles=_word_map(data, "particles"),
        verb_prepositions=_word_map(data, "verb_prepositions"),
        light_nouns=_words(data, "light_nouns") | _words(data, "nominal"),
    )
    return lexicon


@lru_cache(maxsize=1)
def hedge_lexicon() -> HedgeLexicon:
    data = _load("attribution_hedges.yaml")
    phrases = [str(p) for p in data.get("phrases") or ()]
    lexicon: HedgeLexicon = _built(
        HedgeLexicon,
        data,
        phrases=phrase_pattern(phrases),
        phrases_lower=phrase_pattern(phrases, lower=True),
    )
    return lexicon


@lru_cache(maxsize=1)
def source_lexicon() -> SourceLexicon:
    data = _load("attribution_sources.yaml")
    lexicon: SourceLexicon = _built(
        SourceLexicon,
        data,
        anonymity=phrase_pattern([str(p) for p in data.get("anonymity") or ()]),
        outlet_name_words=frozenset(str(w) for w in data.get("outlet_name_words") or ()),
    )
    return lexicon
