"""A country for actors the text gives none, as a marked prior (the ``actor_country``
setting).

Most people and bodies in a news report belong to the country the report is about. An
actor that the text gives no country (no title, apposition, demonym, party tag, place in
its name, or dictionary entry) may take one, marked ``country_basis: "document"`` so that
a reader can tell a prior from evidence. States and dictionary entries (an international
body's null country is a fact, not a gap) are left alone; role-noun phrases ("protesters",
"the police") take it too.

``"document"`` gives every such actor the country the document names most (every mention
of an actor with a country counts, and so does every place the places component
resolved), whatever its share: one guess in four was wrong on the development pages,
mostly in reports about two countries, where the most-named one holds little more than
half of the mentions.

``"dominant"`` (the default) guesses only when one country clearly leads:

1. the most-named country, when it holds at least ``DOMINANT_SHARE`` of the country
   mentions;
2. else the country that at least ``AGREEING_SHARE`` of the people and bodies with a
   country from evidence (each counted once, states left out) have, if at least
   ``MIN_AGREEING`` of them do: a report about a US senator and Puerto Rico's debt names
   Puerto Rico most, but its people with titles and party tags are American;
3. else nothing.
Unnamed experts ("analysts", "defence experts") take no prior either: an analyst speaks
from outside and belongs to no side of the report. The thresholds were fitted on folds 0
and 1 of the training texts (``annotations/news_events.jsonl``) and checked on fold 2 and
the development pages (``docs/evaluation.md``).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.extract.actors.linking import Draft
from newsgraph.extract.common.datafiles import shipped_yaml

SETTINGS = frozenset({"text", "document", "dominant"})
TAKES_PRIOR = frozenset({"person", "organization", "group", "media"})
DOMINANT_SHARE = 0.6  # below it, a report is about two or more countries
AGREEING_SHARE = 0.7
MIN_AGREEING = 2


def check_setting(value: str) -> str:
    if value not in SETTINGS:
        raise NewsgraphError(
            Errors.E006.format(
                key="actor_country", value=value, error=f"use one of {sorted(SETTINGS)}"
            )
        )
    return value


def _leader(counts: Counter[str], first: dict[str, int]) -> tuple[str, float] | None:
    """The most frequent code (ties: the one named first) and its share."""
    if not counts:
        return None
    code = min(counts, key=lambda c: (-counts[c], first.get(c, 0), c))
    return code, counts[code] / sum(counts.values())


def _mention_counts(doc: Doc, drafts: list[Draft]) -> tuple[Counter[str], dict[str, int]]:
    """Country -> mentions (actors' and resolved places'), and where each is first named."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for draft in drafts:
        if draft.country:
            counts[draft.country] += len(draft.spans)
            start = min(s for s, _ in draft.spans) if draft.spans else len(doc)
            first[draft.country] = min(first.get(draft.country, start), start)
    for place in doc._.ng_places or ():
        if place.get("country"):
            counts[place["country"]] += 1
            token = doc.char_span(place["start"], place["end"], alignment_mode="expand")
            start = token.start if token is not None else len(doc)
            first[place["country"]] = min(first.get(place["country"], start), start)
    return counts, first


def document_country(doc: Doc, drafts: list[Draft]) -> str | None:
    """The country named most often: actors' mentions and resolved places. Ties go to
    the country named first."""
    leader = _leader(*_mention_counts(doc, drafts))
    return leader[0] if leader else None


def _agreeing_country(drafts: list[Draft]) -> str | None:
    """The country most people and bodies with one share, if they clearly agree."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for draft in drafts:
        if draft.country and draft.kind != "state":
            counts[draft.country] += 1
            first.setdefault(draft.country, len(first))
    leader = _leader(counts, first)
    if leader is None or counts[leader[0]] < MIN_AGREEING or leader[1] < AGREEING_SHARE:
        return None
    return leader[0]


def dominant_country(doc: Doc, drafts: list[Draft]) -> str | None:
    """The country that clearly leads the document, or None (see the module notes)."""
    leader = _leader(*_mention_counts(doc, drafts))
    if leader is not None and leader[1] >= DOMINANT_SHARE:
        return leader[0]
    return _agreeing_country(drafts)


@lru_cache(maxsize=1)
def _expert_words() -> frozenset[str]:
    # The attribution step's "expert" source words: the same people, read the same way.
    words = (shipped_yaml("attribution_sources.yaml") or {}).get("expert") or ()
    return frozenset(str(w).lower() for w in words)


def _unnamed_expert(doc: Doc, draft: Draft) -> bool:
    if not draft.key.startswith("nominal:") or not draft.spans:
        return False
    head = doc[min(draft.spans)[1] - 1]
    return head.lemma_.lower() in _expert_words() or head.lower_ in _expert_words()


def apply_country_prior(doc: Doc, drafts: list[Draft], setting: str) -> set[int]:
    """Give the prior country (``setting``: "document" or "dominant") to actors without
    one; the ids of those drafts."""
    dominant = setting == "dominant"
    code = dominant_country(doc, drafts) if dominant else document_country(doc, drafts)
    given: set[int] = set()
    if code is None:
        return given
    for draft in drafts:
        if draft.country is None and draft.kind in TAKES_PRIOR and draft.entry is None:
            if dominant and _unnamed_expert(doc, draft):
                continue
            draft.country = code
            given.add(id(draft))
    return given
