"""What story clustering compares: a weighted bag of terms per record.

Names (entities, actors, places) weigh more than ordinary content words because two
reports of the same kind of event share the vocabulary ("earthquake", "summit") but not
the who and where. Terms are namespaced: ``n:`` names and their words, ``w:`` words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.record.types import Record
from newsgraph.stories.fingerprints import NAME_LABELS, normal_name

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
NAME_WEIGHT = 2.0  # a name counts this many times a plain word
MAX_TERMS = 300  # the strongest terms a document keeps (bounds memory at scale)


@dataclass(frozen=True)
class StoryFeatures:
    article_id: str
    terms: dict[str, float]  # term -> weighted count
    event_types: frozenset[str]
    published: date | None


def _published(record: Record) -> date | None:
    value = record.get("published")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _name_terms(record: Record) -> Counter[str]:
    names: Counter[str] = Counter()
    spans: list[str] = [
        e.get("text") or "" for e in record.get("entities") or [] if e.get("label") in NAME_LABELS
    ]
    spans += [a.get("name") or "" for a in record.get("actors") or []]
    spans += [p.get("name") or "" for p in record.get("places") or []]
    for span in spans:
        name = normal_name(span)
        if not name:
            continue
        names["n:" + name] += 1
        # The single words of a name match short forms ("Reid" for "Tara Reid").
        for part in name.split():
            if len(part) > 2 and part not in STOP_WORDS:
                names["n:" + part] += 1
    return names


def story_features(record: Record) -> StoryFeatures:
    terms: Counter[str] = Counter()
    for word in _WORD.findall(record.get("text") or ""):
        lowered = word.lower()
        if lowered not in STOP_WORDS:
            terms["w:" + lowered] += 1
    weighted: dict[str, float] = {t: float(c) for t, c in terms.items()}
    for name, count in _name_terms(record).items():
        weighted[name] = weighted.get(name, 0.0) + NAME_WEIGHT * count
    strongest = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    event_types = frozenset(
        str(e.get("type"))
        for e in record.get("events") or []
        if e.get("type") and e.get("modality", "asserted") == "asserted"
    )
    return StoryFeatures(str(record["id"]), dict(strongest), event_types, _published(record))
