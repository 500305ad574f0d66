"""Toponym recognition and resolution on GeoWebNews (GWN.xml).

Scoring (the data README's conventions):
- gold toponyms are those with coordinates; adjectival modifier forms ("Russian",
  modifierType "Adjective") and annotations without coordinates are left out both ways:
  they are not gold, and a predicted place overlapping only such spans is not an error;
- a gold toponym is found when a predicted place span overlaps it;
- precision = predicted places overlapping a gold toponym / predicted places that count;
  recall = found gold toponyms / gold toponyms; span F1 from the two;
- accuracy@161 km = share of found gold toponyms for which an overlapping predicted place
  lies within 161 km of the gold point (great-circle distance).
Gold offsets are checked against the text (``text[start:end] == extractedName``); the
annotations whose offsets do not line up (a few point into the title) are counted and
left out.

Halves (``half=1`` or ``2``): the articles with an even index (0, 2, 4, ... in file order)
and those with an odd one. Interleaving, rather than first and second hundred, spreads the
outlets and topics of the file over both halves, so a change written while reading the
errors of one half can be checked on the other.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from spacy.language import Language

from newsgraph.config import Config

ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class GoldToponym:
    name: str
    kind: str
    modifier: str
    start: int
    end: int
    lat: float | None
    lon: float | None

    @property
    def scored(self) -> bool:
        return self.lat is not None and self.modifier != "Adjective"


@dataclass(frozen=True)
class Article:
    number: int
    text: str
    toponyms: list[GoldToponym]
    misaligned: int


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _float(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def read_gwn(path: Path, limit: int | None = None) -> Iterator[Article]:
    tree = etree.parse(str(path))
    for number, node in enumerate(tree.iter("article")):
        if limit is not None and number >= limit:
            return
        text = node.findtext("text") or ""
        toponyms, misaligned = [], 0
        for top in node.iter("toponym"):
            name = top.findtext("extractedName") or ""
            start, end = int(top.findtext("start") or -1), int(top.findtext("end") or -1)
            if start < 0 or text[start:end] != name:
                misaligned += 1
                continue
            toponyms.append(
                GoldToponym(
                    name=name,
                    kind=top.findtext("type") or "",
                    modifier=top.findtext("modifierType") or "",
                    start=start,
                    end=end,
                    lat=_float(top.findtext("latitude")),
                    lon=_float(top.findtext("longitude")),
                )
            )
        yield Article(number, text, toponyms, misaligned)


HALVES = (1, 2)


def in_half(article: Article, half: int | None) -> bool:
    """Whether ``article`` belongs to ``half`` (1: even index, 2: odd; None: all)."""
    return half is None or article.number % 2 == half - 1


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    within: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    misaligned: int = 0


def score_article(
    article: Article,
    places: list[dict[str, Any]],
    tally: Tally,
    errors: list[dict[str, Any]] | None = None,
) -> None:
    gold = [t for t in article.toponyms if t.scored]
    ignored = [t for t in article.toponyms if not t.scored]
    tally.gold += len(gold)
    tally.misaligned += article.misaligned
    for place in places:
        hits = [g for g in gold if _overlaps(place["start"], place["end"], g.start, g.end)]
        if hits:
            tally.predicted += 1
            tally.predicted_correct += 1
        elif not any(_overlaps(place["start"], place["end"], t.start, t.end) for t in ignored):
            tally.predicted += 1
            if errors is not None:
                errors.append({"kind": "fp", "article": article.number, "text": place["text"]})
    for toponym in gold:
        overlapping = [
            p for p in places if _overlaps(p["start"], p["end"], toponym.start, toponym.end)
        ]
        if not overlapping:
            if errors is not None:
                errors.append(
                    {
                        "kind": "fn",
                        "article": article.number,
                        "text": toponym.name,
                        "type": toponym.kind,
                    }
                )
            continue
        tally.found += 1
        assert toponym.lat is not None and toponym.lon is not None
        distances = [
            haversine_km(toponym.lat, toponym.lon, p["lat"], p["lon"])
            for p in overlapping
            if p.get("lat") is not None and p.get("lon") is not None
        ]
        if distances and min(distances) <= ACCURACY_KM:
            tally.within += 1
        elif errors is not None:
            errors.append(
                {
                    "kind": "far",
                    "article": article.number,
                    "text": toponym.name,
                    "km": round(min(distances)) if distances else None,
                    "predicted": [p.get("name") for p in overlapping],
                }
            )


def places_pipeline(config: Config) -> Language:
    """The model plus only the components places depend on (faster than the full one)."""
    from newsgraph.nlp.pipeline import PLACES_ONLY, load_pipeline

    return load_pipeline(config, components=PLACES_ONLY)


def evaluate_geo(
    path: Path,
    *,
    config: Config,
    limit: int | None = None,
    half: int | None = None,
    nlp: Language | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Span P/R/F1 and accuracy@161 km over GWN articles (the first ``limit`` if given,
    of those only ``half`` 1 or 2 if given: see the module's notes).

    ``nlp`` defaults to :func:`places_pipeline` for ``config``; ``errors``, when
    given, collects missed, spurious and far-off toponyms for error analysis.
    """
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be 1 or 2, not {half}")
    nlp = nlp or places_pipeline(config)
    articles = [a for a in read_gwn(Path(path), limit) if in_half(a, half)]
    tally = Tally()
    docs = nlp.pipe((a.text for a in articles), batch_size=config.batch_size)
    for article, doc in zip(articles, docs, strict=True):
        score_article(article, doc._.ng_places or [], tally, errors)
    precision = tally.predicted_correct / tally.predicted if tally.predicted else 0.0
    recall = tally.found / tally.gold if tally.gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "task": "geo",
        "half": half,
        "articles": len(articles),
        "gold_toponyms": tally.gold,
        "misaligned_offsets": tally.misaligned,
        "predicted": tally.predicted,
        "geo_span_precision": round(precision, 4),
        "geo_span_recall": round(recall, 4),
        "geo_span_f1": round(f1, 4),
        "geo_acc161": round(tally.within / tally.found, 4) if tally.found else 0.0,
    }
