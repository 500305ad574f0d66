"""Train the eventhood model on standoff event annotations: ``newsgraph train events``.

1. Rebuild the annotated texts from ``../shared/data`` (``eval.news.read_standoff_gold``)
   and parse each with the full pipeline, keeping every trigger mention (no eventhood
   model, no merging).
2. One example per mention: its features (``eventhood.mention_features``), and as label
   whether it names an annotated event of the same type (its trigger overlaps a mention's
   trigger, or lies inside a mention's quote: the matching rule of ``eval news``).
3. Fit an L2-regularised logistic regression (``train.cues.fit_weights``) on the folds but
   one, score the held-out fold with ``eval news``'s metric after filtering and merging,
   and choose the threshold with the best mean F1 over folds; then refit on all texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from newsgraph.config import Config
from newsgraph.eval.news import GoldArticle, gold_matches, read_standoff_gold, score_news
from newsgraph.extract.events.coref import merge_mentions, place_identities
from newsgraph.extract.events.eventhood import EventModel, mention_features
from newsgraph.train.cues import Example, fit_weights

FOLDS = 4
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
Parsed = list[tuple[dict[str, Any], dict[str, Any]]]  # (gold article, record-like mentions)


def _parse(articles: list[dict[str, Any]], config: Config) -> Parsed:
    from newsgraph.nlp import load_pipeline
    from newsgraph.nlp.pipeline import EVENT_COREF

    nlp = load_pipeline(config.replace(event_model="none"))
    parsed: Parsed = []
    with nlp.select_pipes(disable=[EVENT_COREF]):
        docs = []
        for article in articles:
            doc = nlp.make_doc(article["text"])
            doc._.ng_published = article.get("published")
            docs.append(doc)
        for article, doc in zip(
            articles, nlp.pipe(docs, batch_size=config.batch_size), strict=True
        ):
            parsed.append(
                (
                    article,
                    {
                        "id": article["id"],
                        "text": article["text"],
                        "events": doc._.ng_events or [],
                        "actors": doc._.ng_actors or [],
                        "attributions": doc._.ng_attributions or [],
                        "times": doc._.ng_times or [],
                        "places": doc._.ng_places or [],
                        "entities": [],
                    },
                )
            )
    return parsed


def _label(event: dict[str, Any], gold: GoldArticle) -> float:
    """1.0 when the mention names an annotated event of its type (``eval news``'s match)."""
    return float(
        any(
            gold.events[i].annotation.get("type") == event["type"]
            for i in gold_matches(gold, event)
        )
    )


def _examples(parsed: Parsed, documents: Sequence[int]) -> list[Example]:
    examples = []
    for number in documents:
        article, record = parsed[number]
        gold = GoldArticle.read(article)
        actors = {a["id"]: a for a in record["actors"]}
        attributions = {a["id"]: a for a in record["attributions"]}
        for event in record["events"]:
            features = mention_features(event, actors, attributions)
            examples.append(Example(number, features, _label(event, gold)))
    return examples


def _score(parsed: Parsed, documents: Sequence[int], model: EventModel) -> dict[str, Any]:
    predictions = {}
    for number in documents:
        article, record = parsed[number]
        kept = model.keep(record["events"], record["actors"], record["attributions"])
        times = {t["id"]: t.get("value") for t in record["times"]}
        places = place_identities(record.get("places") or [])
        merged = merge_mentions([dict(e) for e in kept], record["text"], times, places)
        predictions[str(article["id"])] = {**record, "events": merged}
    return score_news([parsed[n][0] for n in documents], predictions)


def train_event_model(
    annotations: Path,
    texts: Path,
    *,
    config: Config,
    l2: float = 1.0,
    min_count: int = 2,
    say: Callable[[str], None] = lambda _: None,
) -> EventModel:
    articles = read_standoff_gold(annotations, texts)
    say(f"parsing {len(articles)} annotated texts")
    parsed = _parse(articles, config)
    every = range(len(parsed))
    by_threshold: dict[float, list[float]] = {t: [] for t in THRESHOLDS}
    for fold in range(FOLDS):
        train = [n for n in every if n % FOLDS != fold]
        held = [n for n in every if n % FOLDS == fold]
        weights = fit_weights(_examples(parsed, train), l2=l2, min_count=min_count)
        for threshold in THRESHOLDS:
            scores = _score(parsed, held, EventModel(weights, threshold))
            by_threshold[threshold].append(scores["F1"])
    folds = {t: round(mean(f1s), 4) for t, f1s in by_threshold.items()}
    threshold = max(THRESHOLDS, key=lambda t: (folds[t], -t))
    say(f"held-out fold F1 by threshold: {folds}; chose {threshold}")
    baseline = _score(parsed, list(every), EventModel({"bias": 10.0}, 0.5))
    examples = _examples(parsed, every)
    weights = fit_weights(examples, l2=l2, min_count=min_count)
    return EventModel(
        weights,
        threshold,
        about={
            "data": annotations.name,
            "texts": len(parsed),
            "examples": len(examples),
            "l2": l2,
            "min_count": min_count,
            "fold_f1_by_threshold": {str(t): f for t, f in folds.items()},
            "all_mentions_f1": baseline["F1"],
        },
    )
