"""Fingerprints of a record: a MinHash of its word shingles (for copies) and a
meaning-level signature (names, numbers, quotes, event signatures) for reworded copies.

Both are pure functions of the record; MinHash uses a fixed seed and permutation count so
that signatures stored by one process can be compared with those of another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

from newsgraph.record.types import Record

NUM_PERM = 64
SEED = 7
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures depend on it
SHINGLE_WORDS = 5

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
# Straight and typographic double quotes; single quotes are too often apostrophes.
_QUOTE = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{12,300})[\"\u201c\u201d]")
# Entity labels that name something specific enough to tell one event from another.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def shingles(tokens: list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping word n-grams; a text shorter than ``size`` is one shingle."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def minhash(items: Iterable[str]) -> MinHash:
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    sketch.update_batch([item.encode("utf-8") for item in items])
    return sketch


def text_minhash(record: Record) -> MinHash:
    return minhash(shingles(words(record.get("text") or "")))


def signature_bytes(sketch: MinHash) -> bytes:
    """The MinHash values as bytes, for the store."""
    return np.asarray(sketch.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype=np.uint64).copy()
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME)


def normal_name(text: str) -> str:
    """A name folded for matching: lower case, no leading article or possessive."""
    folded = " ".join(words(text))
    folded = re.sub(r"^the ", "", folded)
    return re.sub(r" s$", "", folded)


def meaning_signature(record: Record) -> set[str]:
    """What a reworded copy keeps: the names, numbers, quotations and event signatures."""
    text = record.get("text") or ""
    signature: set[str] = set()
    for entity in record.get("entities") or []:
        if entity.get("label") in NAME_LABELS:
            name = normal_name(entity.get("text") or "")
            if name:
                signature.add("name:" + name)
    actor_names: dict[str, str] = {}
    for actor in record.get("actors") or []:
        name = normal_name(actor.get("name") or "")
        if name:
            actor_names[actor.get("id", "")] = name
            signature.add("name:" + name)
    for number in _NUMBER.findall(text):
        signature.add("num:" + number.replace(",", ""))
    for quote in _QUOTE.findall(text):
        signature.add("quote:" + " ".join(words(quote)))
    for event in record.get("events") or []:
        names = sorted(
            actor_names[a]
            for a in (event.get("actors") or []) + (event.get("targets") or [])
            if a in actor_names
        )
        signature.add("event:" + str(event.get("type")) + ":" + "|".join(names))
    return signature
