"""Load the attribution lexicons (package data in ``newsgraph/extract/data``) once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml


def _load(name: str) -> dict[str, Any]:
    text = files("newsgraph.extract").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in data.get(key) or ())


def _word_map(data: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    return {
        str(k).lower(): frozenset(str(w).lower() for w in v or ())
        for k, v in (data.get(key) or {}).items()
    }


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive whole-word regex for a list of phrases (longest first)."""
    if not phrases:
        return None
    parts = sorted((r"\s+".join(map(re.escape, p.split())) for p in phrases), key=len)
    return re.compile(r"\b(?:" + "|".join(reversed(parts)) + r")\b", re.IGNORECASE)


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
    nominal: frozenset[str]
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]


@dataclass(frozen=True)
class HedgeLexicon:
    words: frozenset[str]
    lemmas: frozenset[str]
    phrases: re.Pattern[str] | None


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


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    data = _load("attribution_cues.yaml")
    return CueLexicon(
        speech=_words(data, "speech"),
        cognition=_words(data, "cognition"),
        object=_words(data, "object"),
        analysis=_words(data, "analysis"),
        intention=_words(data, "intention"),
        prepositional=_words(data, "prepositional"),
        coverage=_words(data, "coverage"),
        channels=_words(data, "channels"),
        via=_words(data, "via"),
        prepositions={
            str(k).lower(): tuple(str(w).lower() for w in v or ())
            for k, v in (data.get("prepositions") or {}).items()
        },
        sourceless=_words(data, "sourceless"),
        particles=_word_map(data, "particles"),
        verb_prepositions=_word_map(data, "verb_prepositions"),
        nominal=_words(data, "nominal"),
        light_verbs=_words(data, "light_verbs"),
        light_nouns=_words(data, "light_nouns") | _words(data, "nominal"),
    )


@lru_cache(maxsize=1)
def hedge_lexicon() -> HedgeLexicon:
    data = _load("attribution_hedges.yaml")
    return HedgeLexicon(
        words=_words(data, "words"),
        lemmas=_words(data, "lemmas"),
        phrases=phrase_pattern([str(p) for p in data.get("phrases") or ()]),
    )


@lru_cache(maxsize=1)
def source_lexicon() -> SourceLexicon:
    data = _load("attribution_sources.yaml")
    return SourceLexicon(
        anonymity=phrase_pattern([str(p) for p in data.get("anonymity") or ()]),
        unnamed=_words(data, "unnamed"),
        vague=_words(data, "vague"),
        people=_words(data, "people"),
        expert=_words(data, "expert"),
        witness=_words(data, "witness"),
        media=_words(data, "media"),
        outlet_name_words=frozenset(str(w) for w in data.get("outlet_name_words") or ()),
        document=_words(data, "document"),
        official_body=_words(data, "official_body"),
    )
