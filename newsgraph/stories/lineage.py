"""Lineage: which earlier document a document duplicates, copies or rewrites.

Candidates come from two MinHash LSH indexes, so finding them is not quadratic: one over
word shingles (copies share long runs of words) and one over the meaning signature
(a rewrite keeps names, numbers, quotes and who-did-what while changing the wording).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from datasketch import MinHash, MinHashLSH

from newsgraph.record.types import Record
from newsgraph.stories.fingerprints import (
    NUM_PERM,
    meaning_signature,
    minhash,
    text_minhash,
)

DUPLICATE_SIMILARITY = 0.9  # shingle Jaccard: the same text up to furniture and typos
COPY_SIMILARITY = 0.5  # shingle Jaccard: syndicated or lightly edited copy
REWRITE_MEANING = 0.45  # meaning Jaccard of a reworded copy
REWRITE_MEANING_SIGNALLED = 0.3  # ... when the page says it is a revision
MIN_SHARED_FACTS = 4  # a rewrite shares at least this many names/numbers/quotes/events
LSH_TEXT_THRESHOLD = 0.4
LSH_MEANING_THRESHOLD = 0.25
MAX_CANDIDATES = 50  # earliest candidates verified per document
MAX_LINKS = 3  # strongest links kept per document


@dataclass(frozen=True)
class Fingerprint:
    article_id: str
    order: tuple[str, int]  # (published or "~" when undated, ingest position)
    text: MinHash
    meaning: MinHash
    facts: frozenset[str]
    revised: bool  # the page carries a rewrite signal ("title-prefix:Revised", ...)


def order_key(record: Record, position: int) -> tuple[str, int]:
    published = record.get("published")
    return ((published or "~")[:10], position)


def fingerprint(record: Record, position: int) -> Fingerprint:
    facts = frozenset(meaning_signature(record))
    signals = record.get("rewrite_signals") or []
    return Fingerprint(
        article_id=str(record["id"]),
        order=order_key(record, position),
        text=text_minhash(record),
        meaning=minhash(facts),
        facts=facts,
        revised=any(str(s).startswith("title-prefix:") for s in signals),
    )


@dataclass
class LineageLink:
    article_id: str  # the later document
    other_id: str  # the earlier one it duplicates, copies or rewrites
    relation: str
    similarity: float

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.other_id, "relation": self.relation, "similarity": self.similarity}


def relation(later: Fingerprint, earlier: Fingerprint) -> tuple[str, float] | None:
    """How ``later`` relates to ``earlier``, or None when it is its own report."""
    text_similarity = later.text.jaccard(earlier.text)
    if text_similarity >= DUPLICATE_SIMILARITY:
        return "duplicate", round(text_similarity, 3)
    if text_similarity >= COPY_SIMILARITY:
        return "copy", round(text_similarity, 3)
    shared = len(later.facts & earlier.facts)
    union = len(later.facts | earlier.facts) or 1
    meaning_similarity = shared / union
    floor = REWRITE_MEANING_SIGNALLED if later.revised else REWRITE_MEANING
    if shared >= MIN_SHARED_FACTS and meaning_similarity >= floor:
        return "rewrite", round(meaning_similarity, 3)
    return None


@dataclass
class LineageIndex:
    """Fingerprints seen so far, indexed for candidate lookup."""

    text_lsh: MinHashLSH = field(
        default_factory=lambda: MinHashLSH(threshold=LSH_TEXT_THRESHOLD, num_perm=NUM_PERM)
    )
    meaning_lsh: MinHashLSH = field(
        default_factory=lambda: MinHashLSH(threshold=LSH_MEANING_THRESHOLD, num_perm=NUM_PERM)
    )
    by_id: dict[str, Fingerprint] = field(default_factory=dict)

    def candidates(self, print_: Fingerprint) -> list[Fingerprint]:
        found = set(self.text_lsh.query(print_.text)) | set(self.meaning_lsh.query(print_.meaning))
        found.discard(print_.article_id)
        return sorted((self.by_id[i] for i in found), key=lambda f: f.order)

    def add(self, print_: Fingerprint) -> list[LineageLink]:
        """Return the lineage links ``print_`` forms with indexed documents (each pointing
        from the later document to the earlier one), then index it unless it derives from
        an indexed document: the original stands for all its copies and rewrites, which
        keeps LSH buckets small however often a story is syndicated."""
        links: list[LineageLink] = []
        for other in self.candidates(print_)[:MAX_CANDIDATES]:
            later, earlier = (print_, other) if other.order < print_.order else (other, print_)
            found = relation(later, earlier)
            if found:
                links.append(LineageLink(later.article_id, earlier.article_id, *found))
        links.sort(key=lambda link: (-link.similarity, link.other_id))
        links = links[:MAX_LINKS]
        if not any(link.article_id == print_.article_id for link in links):
            self.index(print_)
        return links

    def index(self, print_: Fingerprint) -> None:
        """Make ``print_`` findable by later documents (no links computed)."""
        if print_.article_id not in self.by_id:
            self.by_id[print_.article_id] = print_
            self.text_lsh.insert(print_.article_id, print_.text)
            self.meaning_lsh.insert(print_.article_id, print_.meaning)


def lineage_of(records: list[Record]) -> dict[str, list[dict[str, Any]]]:
    """Lineage of each record in ``records`` (list order is the ingest order)."""
    index = LineageIndex()
    result: dict[str, list[dict[str, Any]]] = {str(r["id"]): [] for r in records}
    prints = [fingerprint(record, position) for position, record in enumerate(records)]
    for print_ in sorted(prints, key=lambda p: p.order):  # earlier reports first
        for link in index.add(print_):
            result[link.article_id].append(link.as_dict())
    return result
