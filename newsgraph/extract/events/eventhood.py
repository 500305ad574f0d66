"""The eventhood model: is a trigger's mention a real event of the type it was given?

The lexicon and the parse propose every mention a trigger word could make; on real news
pages most are not events a coder would record (abstract and topical uses, speech acts,
word senses outside politics, repeats). A logistic regression over features of the
mention as the record states it (type, mode, trigger words, modality, depth, which
participants it has and of what kind, its sourcing and category) gives the probability
that an annotator would record the mention as an event of that type; mentions below the
model's ``threshold`` are dropped before mentions are merged into events.

The bundled model was trained by ``newsgraph train events`` on standoff annotations of
texts from ``../shared/data`` (``annotations/news_events.jsonl``), never on the real-news
gold pages; the file holds feature weights and the threshold, never text.
``Config.event_model`` picks it ("bundled"), a file of one's own, or "none" (keep all, the
default: on a held-out page set it raises precision from 0.34 to 0.56 but lowers recall
from 0.52 to 0.35, and it drops real visits, promises and journeys that other checks
catch, so it is opt-in until it is trained on more data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.extract.common.model_files import decode_model, model_source, sigmoid, write_model

BUNDLED_FILE = "event_model.json.gz"
FORMAT = "newsgraph-event-model/1"
MAX_DEPTH = 4


def mention_features(
    event: dict[str, Any], actors: dict[str, dict[str, Any]], attributions: dict[str, Any]
) -> list[str]:
    """What the model sees of one mention: only fields of the record, never the text
    around it beyond the trigger's own words."""
    trigger = event["trigger"]["text"].lower()
    kind = event["type"]
    features = [
        "bias",
        f"type={kind}",
        f"mode={event['mode']}",
        f"trigger={trigger}",
        f"words={min(len(trigger.split()), 3)}",
        f"modality={event['modality']}",
        f"type+modality={kind}|{event['modality']}",
        f"depth={min(event.get('depth', 0), MAX_DEPTH)}",
        f"confidence={event['confidence']}",
        f"has_actor={bool(event['actors'])}",
        f"has_target={bool(event['targets'])}",
        f"type+has_actor={kind}|{bool(event['actors'])}",
        f"has_place={bool(event['place'])}",
        f"time={event.get('time_source')}",
        f"category={event.get('category')}",
        f"hedged={bool(event['hedges'])}",
    ]
    for role in ("actors", "targets"):
        for actor_id in event[role]:
            actor = actors.get(actor_id, {})
            # Evidence only: a prior (``country_basis``) depends on the actor_country setting.
            known = bool(actor.get("country")) and not actor.get("country_basis")
            features += [
                f"{role}.kind={actor.get('kind')}",
                f"{role}.sector={actor.get('sector')}",
                f"{role}.country={known}",
            ]
    attribution = attributions.get(event.get("attribution") or "")
    features.append(f"source={attribution['source_type'] if attribution else None}")
    features.append(f"direct={attribution['direct'] if attribution else None}")
    return features


@dataclass(frozen=True)
class EventModel:
    weights: dict[str, float]
    threshold: float
    about: dict[str, Any] = field(default_factory=dict)  # how it was trained

    def probability(self, features: list[str]) -> float:
        return sigmoid(sum(self.weights.get(f, 0.0) for f in features))

    def keep(
        self,
        events: list[dict[str, Any]],
        doc_actors: list[dict[str, Any]],
        doc_attributions: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        actors = {a["id"]: a for a in doc_actors}
        attributions = {a["id"]: a for a in doc_attributions}
        return [
            e
            for e in events
            if self.probability(mention_features(e, actors, attributions)) >= self.threshold
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "about": self.about,
            "weights": dict(sorted(self.weights.items())),
        }

    def save(self, path: Path) -> None:
        write_model(path, self.to_json())


def _parse(data: Any, origin: str) -> EventModel:
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
        return EventModel(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            threshold=float(data["threshold"]),
            about=dict(data.get("about") or {}),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise NewsgraphError(Errors.E017.format(path=origin, error=error)) from None


@lru_cache(maxsize=4)
def load_event_model(spec: str) -> EventModel | None:
    """``spec``: "bundled", "none" (keep every mention), or the path of a model file."""
    source = model_source(spec, BUNDLED_FILE, Errors.E017)
    if source is None:
        return None
    raw, origin = source
    return _parse(decode_model(raw, origin, Errors.E017), origin)
