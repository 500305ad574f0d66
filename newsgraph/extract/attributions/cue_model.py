"""The cue model: which words head an attribution, learnt from annotated news.

The hand-written rules (``attribution_speech``) propose candidates from a lexicon and the
parse. They miss the long tail of reporting verbs and nouns, and they keep many verbs of
the lexicon where no attribution is made. The cue model is a logistic regression over the
features of ``cue_features`` (including what the rules made of the word); for each
candidate head it gives the probability that an annotator would mark a cue there:

* a rule candidate whose head scores below ``drop_below`` is dropped;
* a verb or noun the rules passed over that scores at least ``add_from`` becomes a
  candidate, its source and content found by the same parse rules as a lexicon verb's
  (only words whose lemma and part of speech often headed a cue in training, ``heads``,
  are scored: the others could almost never pass);
* a candidate scoring at least ``confirm_from`` is kept by the later filters that
  otherwise drop rule candidates with doubtful sources.

The bundled model was trained by ``newsgraph train cues`` on the PolNeAR training split
(see the README); the file holds feature weights and the three thresholds, never text.
``Config.cue_model`` picks it ("bundled"), a file of one's own, or "none" (rules only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.extract.common.model_files import (
    BUNDLED,
    NONE,
    decode_model,
    model_source,
    sigmoid,
    write_model,
)

__all__ = ["BUNDLED", "NONE", "CueModel", "load_cue_model"]

BUNDLED_FILE = "attribution_cue_model.json.gz"
FORMAT = "newsgraph-cue-model/1"


@dataclass(frozen=True)
class CueModel:
    weights: dict[str, float]
    drop_below: float
    add_from: float
    confirm_from: float
    # "lemma|POS" pairs that headed a cue in the training data: the only words, besides
    # the rules' candidates, that the model scores (``cue_features.scored_words``)
    heads: frozenset[str] = frozenset()
    about: dict[str, Any] = field(default_factory=dict)  # how it was trained

    def probability(self, features: list[str]) -> float:
        # map over dict.get with a default runs in C: the sum is most of the scoring time
        return sigmoid(sum(map(self.weights.get, features, repeat(0.0, len(features)))))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "thresholds": {
                "drop_below": self.drop_below,
                "add_from": self.add_from,
                "confirm_from": self.confirm_from,
            },
            "about": self.about,
            "heads": sorted(self.heads),
            "weights": dict(sorted(self.weights.items())),
        }

    def save(self, path: Path) -> None:
        write_model(path, self.to_json())


def _parse(data: Any, origin: str) -> CueModel:
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
        thresholds = data["thresholds"]
        return CueModel(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            drop_below=float(thresholds["drop_below"]),
            add_from=float(thresholds["add_from"]),
            confirm_from=float(thresholds["confirm_from"]),
            heads=frozenset(str(head) for head in data["heads"]),
            about=dict(data.get("about") or {}),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise NewsgraphError(Errors.E014.format(path=origin, error=error)) from None


@lru_cache(maxsize=4)
def load_cue_model(spec: str) -> CueModel | None:
    """``spec``: "bundled", "none" (rules only), or the path of a model file."""
    source = model_source(spec, BUNDLED_FILE, Errors.E014)
    if source is None:
        return None
    raw, origin = source
    return _parse(decode_model(raw, origin, Errors.E014), origin)
