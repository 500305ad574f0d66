"""Load and compile the ACLED-style category lexicon (``data/category_lexicon.yaml``).

The YAML is the user-facing format (documented in the file itself); this module turns it
into immutable structures that the scorer can match quickly: every term becomes a tuple
of word patterns, every cue a tuple of concept names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from newsgraph.extract.common.datafiles import data_text

LEXICON_FILE = "category_lexicon.yaml"
# A prefix pattern ("kidnap*") needs this many letters so that it cannot swallow the
# vocabulary (and so the matcher can index prefixes by their first letters).
PREFIX_MIN = 3


@dataclass(frozen=True)
class WordPattern:
    text: str
    prefix: bool  # True: matches any word starting with ``text``

    def matches(self, keys: tuple[str, ...]) -> bool:
        if self.prefix:
            return any(key.startswith(self.text) for key in keys)
        return self.text in keys


@dataclass(frozen=True)
class Term:
    words: tuple[WordPattern, ...]
    concepts: frozenset[str]  # concept names this term stands for


@dataclass(frozen=True)
class Cue:
    all_of: tuple[str, ...]
    none_of: tuple[str, ...]
    any_of: tuple[str, ...]
    weight: float
    near: int | None = None
    linked: bool = False
    subject: bool = False
    each: float = 0.0


@dataclass(frozen=True)
class LabelRules:
    label: str
    family: str
    means: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    labels: tuple[LabelRules, ...]  # in file order, which is also the tie-break order
    min_score: float

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(rules.label for rules in self.labels)


def _split_words(term: str) -> tuple[WordPattern, ...]:
    # Hyphens count as spaces because the matcher skips punctuation tokens.
    patterns = []
    # "/" is kept: "fire/noun" names a lemma with its part of speech.
    for word in term.lower().replace("-", " ").split():
        if word.endswith("*") and len(word) > PREFIX_MIN:
            patterns.append(WordPattern(word[:-1], prefix=True))
        else:
            patterns.append(WordPattern(word.rstrip("*"), prefix=False))
    return tuple(patterns)


def _item_name(item: str) -> str:
    """A cue item: "@concept" names a concept; anything else is a literal term."""
    return item[1:] if item.startswith("@") else f"={item.lower()}"


def _cue(raw: dict[str, Any], label: str) -> Cue:
    all_of = tuple(_item_name(str(item)) for item in raw.get("all", ()))
    if not all_of:
        raise ValueError(f"category lexicon: a cue of {label} has an empty 'all'")
    return Cue(
        all_of=all_of,
        none_of=tuple(_item_name(str(item)) for item in raw.get("none", ())),
        any_of=tuple(_item_name(str(item)) for item in raw.get("any", ())),
        weight=float(raw["weight"]),
        near=int(raw["near"]) if raw.get("near") is not None else None,
        linked=bool(raw.get("linked", False)),
        subject=bool(raw.get("subject", False)),
        each=float(raw.get("each", 0.0)),
    )


def compile_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build a :class:`Lexicon` from the parsed YAML mapping."""
    concepts: dict[str, list[str]] = {
        name: [str(term) for term in terms] for name, terms in data["concepts"].items()
    }
    labels = []
    for raw_label in data["labels"]:
        label = str(raw_label["label"])
        cues = tuple(_cue(raw, label) for raw in raw_label["cues"])
        labels.append(
            LabelRules(label, str(raw_label["family"]), " ".join(raw_label["means"].split()), cues)
        )
    # Literal cue items become one-term concepts named "=term".
    for rules in labels:
        for cue in rules.cues:
            for name in cue.all_of + cue.none_of + cue.any_of:
                if name.startswith("="):
                    concepts.setdefault(name, [name[1:]])
                elif name not in concepts:
                    raise ValueError(f"category lexicon: {rules.label} uses unknown @{name}")
    owners: dict[tuple[WordPattern, ...], set[str]] = {}
    for name, terms in concepts.items():
        for term in terms:
            words = _split_words(term)
            if words:
                owners.setdefault(words, set()).add(name)
    compiled = tuple(Term(words, frozenset(names)) for words, names in owners.items())
    return Lexicon(compiled, tuple(labels), float(data["settings"]["min_score"]))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, read and compiled once per process."""
    text = data_text(LEXICON_FILE)
    return compile_lexicon(yaml.safe_load(text))
