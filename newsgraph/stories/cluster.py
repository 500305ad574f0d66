"""Incremental story clustering: each new document joins the story whose reports it
matches best — same names and places, close in time, compatible event types — or founds
a new story. Nothing already assigned is re-clustered.

Blocking keeps it sub-quadratic: a document is compared only with stories that share one
of its strongest terms (an inverted index whose lists keep the most recent stories), so
the work per document is bounded whatever the size of the collection.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph.record.types import Record
from newsgraph.stories.features import StoryFeatures, story_features

JOIN_SIMILARITY = 0.22  # cosine of TF-IDF vectors (names boosted) to join a story
# Time: a dated report within TIME_WINDOW of a story's dates is placed by content; up to
# FOLLOW_UP_WINDOW away it is a follow-up that needs a stronger match (its similarity times
# FOLLOW_UP_PENALTY: a rehab stay reported in May and again in June is one story); further
# away it is another story.
TIME_WINDOW = timedelta(days=7)
FOLLOW_UP_WINDOW = timedelta(days=60)
FOLLOW_UP_PENALTY = 0.7
OTHER_EVENT_PENALTY = 0.85  # both have event types and share none
BLOCKING_TERMS = 12  # strongest terms of a document used to find candidate stories
POSTING_LENGTH = 64  # stories kept per term: the most recent ones
CENTROID_TERMS = 400  # terms a story's centroid keeps


def story_id(founding_article_id: str) -> str:
    return "S" + hashlib.sha1(founding_article_id.encode("utf-8")).hexdigest()[:12]


@dataclass
class Story:
    id: str
    centroid: Counter[str] = field(default_factory=Counter)  # summed unit vectors
    size: int = 0
    first: date | None = None
    last: date | None = None
    event_types: Counter[str] = field(default_factory=Counter)
    # The weighted, normalised centroid, kept until the story changes: recomputing it for
    # every candidate comparison would dominate the cost at scale.
    vector: dict[str, float] | None = None

    def add(self, features: StoryFeatures, weights: dict[str, float]) -> None:
        self.vector = None
        self.size += 1
        self.centroid.update(weights)
        if len(self.centroid) > CENTROID_TERMS * 2:
            self.centroid = Counter(dict(self.centroid.most_common(CENTROID_TERMS)))
        self.event_types.update(features.event_types)
        if features.published:
            self.first = min(filter(None, (self.first, features.published)))
            self.last = max(filter(None, (self.last, features.published)))

    def time_factor(self, published: date | None) -> float:
        """How far the report's date lets it join: 1 near the story's dates, the follow-up
        penalty further on, 0 beyond the follow-up window."""
        if published is None or self.first is None or self.last is None:
            return 1.0  # undated reports are placed by content alone
        gap = max(self.first - published, published - self.last, timedelta(0))
        if gap <= TIME_WINDOW:
            return 1.0
        return FOLLOW_UP_PENALTY if gap <= FOLLOW_UP_WINDOW else 0.0


def _sublinear(terms: dict[str, float]) -> dict[str, float]:
    return {t: 1.0 + math.log(c) if c >= 1 else c for t, c in terms.items()}


@dataclass
class StoryIndex:
    """The stories seen so far, with the document frequencies their weights use."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    stories: dict[str, Story] = field(default_factory=dict)
    postings: dict[str, deque[str]] = field(default_factory=lambda: defaultdict(deque))

    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.df[term] + 1)) + 1.0

    def _vector(self, weights: Mapping[str, float]) -> dict[str, float]:
        vector = {t: w * self.idf(t) for t, w in weights.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def similarity(self, vector: dict[str, float], story: Story) -> float:
        if story.vector is None:
            story.vector = self._vector(story.centroid)
        centroid = story.vector
        return sum(v * centroid.get(t, 0.0) for t, v in vector.items())

    def candidates(self, vector: dict[str, float]) -> list[str]:
        strongest = sorted(vector, key=lambda t: (-vector[t], t))[:BLOCKING_TERMS]
        found: set[str] = set()
        for term in strongest:
            found.update(self.postings.get(term, ()))
        return sorted(found)

    def score(self, features: StoryFeatures, vector: dict[str, float], story: Story) -> float:
        factor = story.time_factor(features.published)
        if not factor:
            return 0.0
        similarity = factor * self.similarity(vector, story)
        if (
            features.event_types
            and story.event_types
            and not (features.event_types & set(story.event_types))
        ):
            similarity *= OTHER_EVENT_PENALTY
        return similarity

    def count(self, features: StoryFeatures) -> None:
        """Add a document to the term statistics (before or while assigning it)."""
        self.documents += 1
        self.df.update(features.terms.keys())

    def assign(self, features: StoryFeatures, *, counted: bool = False) -> str:
        """Put the document in a story (an existing one or a new one); return its id.
        ``counted``: its terms are already in the statistics (see :func:`cluster`)."""
        weights = _sublinear(features.terms)
        if not counted:
            self.count(features)
        vector = self._vector(weights)
        best_id, best_score = None, JOIN_SIMILARITY
        for candidate in self.candidates(vector):
            score = self.score(features, vector, self.stories[candidate])
            if score >= best_score and (best_id is None or score > best_score):
                best_id, best_score = candidate, score
        if best_id is None:
            best_id = story_id(features.article_id)
            self.stories.setdefault(best_id, Story(best_id))
        self.join(best_id, features, weights, vector)
        return best_id

    def join(
        self,
        identifier: str,
        features: StoryFeatures,
        weights: dict[str, float],
        vector: dict[str, float],
    ) -> None:
        story = self.stories.setdefault(identifier, Story(identifier))
        # The centroid sums unit-length documents so that long reports do not dominate.
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        story.add(features, {t: w / norm for t, w in weights.items()})
        for term in sorted(vector, key=lambda t: (-vector[t], t))[:BLOCKING_TERMS]:
            posting = self.postings[term]
            if identifier in posting:
                continue
            posting.append(identifier)
            if len(posting) > POSTING_LENGTH:
                posting.popleft()

    def restore(self, features: StoryFeatures, identifier: str) -> None:
        """Replay a stored assignment (rebuilding the index when a new process starts)."""
        weights = _sublinear(features.terms)
        self.count(features)
        self.join(identifier, features, weights, self._vector(weights))


def processing_order(records: list[Record]) -> list[int]:
    """Earlier reports first (publication date, undated last), then input order."""
    return sorted(
        range(len(records)),
        key=lambda i: ((records[i].get("published") or "~")[:10], i),
    )


def cluster(records: list[Record], index: StoryIndex | None = None) -> dict[str, str]:
    """Story id of each record, by record id."""
    index = index if index is not None else StoryIndex()
    features = [story_features(record) for record in records]
    # A batch known in advance gives its term statistics up front, so the first
    # documents are weighed as well as the last ones; assignment stays incremental.
    for item in features:
        index.count(item)
    return {
        features[position].article_id: index.assign(features[position], counted=True)
        for position in processing_order(records)
    }
