"""Events on real news pages, annotated whole (``../shared/data/news/dev.jsonl``).

The metric is the one ``../shared/data/README.md`` and ``../shared/eval/news_events.py``
define; ``tests/test_eval_news.py`` checks that both give the same figures for the same
predictions. In short, per corpus:

* Each predicted event is matched to gold events whose mention triggers its spans overlap,
  failing that to those whose mention quote holds one of its spans. In record order it is
  then a true positive (the first such gold event of its type not yet credited), a repeat
  (all of them already credited), of the wrong type, or spurious (no gold event at all).
  Precision is true positives over predictions; recall, credited gold events over gold.
* On true positives: modality, actor and target (a name of the gold slot, or of that
  actor's mentions, shares half its words with a predicted one; an empty gold slot needs
  an empty prediction), place, date (the time value agrees to the gold date's
  precision) and source ("outlet" needs no attribution).
* Gold actors with a country that a predicted actor names: the share given that country.
* Attributions match when the predicted content overlaps the gold content quote.

Gold spans are quotes: each is located at its first occurrence in the text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError

Span = tuple[int, int]
_WORD = re.compile(r"\w+", re.UNICODE)


def word_f1(gold: str, predicted: str) -> float:
    """F1 of the two strings' lower-cased words, counted with repetition."""
    expected, found = (
        Counter(_WORD.findall(gold.lower())),
        Counter(_WORD.findall(predicted.lower())),
    )
    if not expected and not found:
        return 1.0
    shared = sum((expected & found).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(found.values()), shared / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def names_agree(gold_forms: Iterable[str], predicted_forms: Iterable[str]) -> bool:
    predicted = [p for p in predicted_forms if p]
    return any(word_f1(g, p) >= 0.5 for g in gold_forms if g for p in predicted)


def _overlap(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _find(text: str, quote: str | None) -> Span | None:
    start = text.find(quote) if quote else -1
    return (start, start + len(quote or "")) if start >= 0 else None


@dataclass
class GoldEvent:
    annotation: dict[str, Any]
    quotes: list[Span]  # each located mention's quote ...
    triggers: list[Span]  # ... and its trigger (the quote when the trigger is not in it)


@dataclass
class GoldArticle:
    annotation: dict[str, Any]
    events: list[GoldEvent] = field(default_factory=list)
    attributions: list[tuple[dict[str, Any], Span]] = field(default_factory=list)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    unlocated: int = 0

    @classmethod
    def read(cls, annotation: dict[str, Any]) -> GoldArticle:
        text = annotation["text"]
        article = cls(annotation)
        for event in annotation.get("events", []):
            located = GoldEvent(event, [], [])
            for mention in event.get("mentions", []):
                quote = _find(text, mention.get("quote"))
                if quote is None:
                    article.unlocated += 1
                    continue
                inner = mention.get("trigger")
                offset = text[quote[0] : quote[1]].find(inner) if inner is not None else -1
                trigger = (
                    (quote[0] + offset, quote[0] + offset + len(inner)) if offset >= 0 else None
                )
                located.quotes.append(quote)
                located.triggers.append(trigger or quote)
            article.events.append(located)
        for attribution in annotation.get("attributions", []):
            content = _find(text, attribution.get("content_quote"))
            if content is None:
                article.unlocated += 1
            else:
                article.attributions.append((attribution, content))
        for actor in annotation.get("actors", []):
            forms = [actor.get("name") or "", *(actor.get("mentions") or [])]
            for form in forms:
                article.aliases.setdefault(form.lower(), set()).update(f for f in forms if f)
        return article

    def forms_of(self, name: str) -> set[str]:
        """``name`` and every other name of the same gold actor."""
        return self.aliases.get(name.lower(), {name}) | {name}


class Predicted:
    """A predicted record, indexed for scoring."""

    def __init__(self, record: dict[str, Any]):
        self.text = record.get("text") or ""
        entities = {e.get("id"): e for e in record.get("entities", [])}
        self.actors: dict[Any, tuple[list[str], str]] = {}
        self.priors: set[Any] = set()  # actors whose country is a prior (country_basis)
        for actor in record.get("actors", []):
            forms = [actor.get("name") or ""]
            forms += [
                entities[m].get("text", "") for m in actor.get("mentions", []) if m in entities
            ]
            forms += [
                span.get("text") or self.text[span.get("start", 0) : span.get("end", 0)]
                for span in actor.get("spans", [])
                if isinstance(span, dict)
            ]
            country = (actor.get("country") or "").upper()
            self.actors[actor.get("id")] = ([f for f in forms if f], country)
            if actor.get("country_basis"):
                self.priors.add(actor.get("id"))
        self.places = {p.get("id"): p for p in record.get("places", [])}
        self.times = {t.get("id"): t for t in record.get("times", [])}
        self.attributions = {a.get("id"): a for a in record.get("attributions", [])}
        self.events = record.get("events", [])
        self.attribution_list = record.get("attributions", [])

    def actor_forms(self, ids: Iterable[Any]) -> list[list[str]]:
        return [self.actors[i][0] for i in ids if i in self.actors]

    def source_forms(self, attribution: dict[str, Any]) -> list[str]:
        """What names the source of ``attribution``: its text and its resolved actor."""
        source = attribution.get("source")
        forms = [(source or {}).get("text") or ""]
        if isinstance(source, dict) and source.get("start") is not None:
            forms.append(self.text[source["start"] : source["end"]])
        if attribution.get("source_actor") in self.actors:
            forms += self.actors[attribution["source_actor"]][0]
        return forms


def _slot_filled(gold_names: list[str], predicted: list[list[str]], gold: GoldArticle) -> bool:
    if not gold_names:
        return not predicted
    return any(names_agree(gold.forms_of(n), forms) for n in gold_names for forms in predicted)


def _event_spans(event: dict[str, Any]) -> list[Span]:
    marks = [event.get("trigger"), *(event.get("mentions") or [])]
    return [
        (m["start"], m["end"]) for m in marks if isinstance(m, dict) and m.get("start") is not None
    ]


def gold_matches(gold: GoldArticle, event: dict[str, Any]) -> list[int]:
    """The gold events a predicted event may match: those one of its trigger spans overlaps
    a trigger of, else those with a mention quote holding one of its trigger spans."""
    spans = _event_spans(event)
    by_trigger = [
        i
        for i, g in enumerate(gold.events)
        if any(_overlap(s, t) for s in spans for t in g.triggers)
    ]
    if by_trigger:
        return by_trigger
    return [
        i
        for i, g in enumerate(gold.events)
        if any(q[0] <= s[0] and s[1] <= q[1] for s in spans for q in g.quotes)
    ]


def _score_events(gold: GoldArticle, predicted: Predicted, tally: Counter[str]) -> None:
    credited: set[int] = set()
    touched: set[int] = set()
    for event in predicted.events:
        tally["pred"] += 1
        candidates = gold_matches(gold, event)
        typed = [
            i for i in candidates if gold.events[i].annotation.get("type") == event.get("type")
        ]
        if not candidates:
            tally["spurious"] += 1
            continue
        touched.add(typed[0] if typed else candidates[0])
        if not typed:
            tally["wrong_type"] += 1
            continue
        open_ = [i for i in typed if i not in credited]
        if not open_:
            tally["dup"] += 1
            continue
        credited.add(open_[0])
        tally["tp"] += 1
        _score_fields(gold.events[open_[0]].annotation, event, gold, predicted, tally)
    tally["credited"] += len(credited)
    tally["det"] += len(touched)


def _score_fields(
    g: dict[str, Any],
    event: dict[str, Any],
    gold: GoldArticle,
    predicted: Predicted,
    tally: Counter[str],
) -> None:
    """Modality, actor, target, place, date and source of a true positive."""
    tally["modality_ok"] += event.get("modality") == g.get("modality")
    actors = predicted.actor_forms(event.get("actors", []))
    tally["actor_ok"] += _slot_filled(g.get("actor") or [], actors, gold)
    targets = predicted.actor_forms(event.get("targets", []))
    tally["target_ok"] += _slot_filled(g.get("target") or [], targets, gold)
    if g.get("place"):
        tally["place_n"] += 1
        place = predicted.places.get(event.get("place")) or {}
        names = [x for x in (place.get("text"), place.get("name")) if x]
        tally["place_ok"] += any(word_f1(g["place"], x) >= 0.5 for x in names)
    if g.get("date"):
        tally["date_n"] += 1
        value = (predicted.times.get(event.get("time")) or {}).get("value")
        tally["date_ok"] += bool(value) and str(value)[: len(g["date"])] == g["date"]
    if g.get("source"):
        tally["source_n"] += 1
        attribution = predicted.attributions.get(event.get("attribution"))
        if g["source"] == "outlet":
            tally["source_ok"] += attribution is None
        elif attribution:
            forms = predicted.source_forms(attribution)
            tally["source_ok"] += names_agree(gold.forms_of(g["source"]), forms)


def _score_countries(gold: GoldArticle, predicted: Predicted, tally: Counter[str]) -> None:
    """Recall side: gold actors with a country that a predicted actor names, and how many
    of those have it. Precision side: predicted actors with a country that name a gold
    actor, and how many have its country (a gold null counts as wrong), apart for those
    whose country is a prior (``country_basis``)."""
    gold_actors = gold.annotation.get("actors", [])
    for actor_id, (forms, country) in predicted.actors.items():
        lowered = {f.lower() for f in forms}
        named = [
            g
            for g in gold_actors
            if any(
                n.lower() in lowered for n in [g.get("name") or "", *(g.get("mentions") or [])] if n
            )
        ]
        if not country or not named:
            continue
        kind = "prior" if actor_id in predicted.priors else "text"
        tally[f"country_{kind}_n"] += 1
        tally[f"country_{kind}_ok"] += any(
            (g.get("country") or "").upper() == country for g in named
        )
    for actor in gold_actors:
        if not actor.get("country"):
            continue
        names = {n.lower() for n in [actor.get("name") or "", *(actor.get("mentions") or [])] if n}
        countries = [
            country
            for forms, country in predicted.actors.values()
            if any(f.lower() in names for f in forms)
        ]
        tally["actor_gold"] += 1
        if countries:
            tally["actor_found"] += 1
            tally["actor_country_ok"] += actor["country"].upper() in countries


def _score_attributions(gold: GoldArticle, predicted: Predicted, tally: Counter[str]) -> None:
    tally["att_gold"] += len(gold.attributions)
    matched: set[int] = set()
    for attribution in predicted.attribution_list:
        tally["att_pred"] += 1
        content = attribution.get("content") or {}
        span: Any = (content["start"], content["end"]) if content.get("start") is not None else None
        hits = [i for i, (_, quote) in enumerate(gold.attributions) if _overlap(span, quote)]
        if not hits:
            continue
        tally["att_pred_ok"] += 1
        fresh = [i for i in hits if i not in matched]
        if not fresh:
            continue
        matched.add(fresh[0])
        annotation = gold.attributions[fresh[0]][0]
        named = {x for x in (annotation.get("source"), annotation.get("source_name")) if x}
        gold_forms = named.union(*(gold.aliases.get(x.lower(), set()) for x in named))
        tally["att_src_ok"] += names_agree(gold_forms, predicted.source_forms(attribution))
        tally["att_type_ok"] += attribution.get("source_type") == annotation.get("source_type")
    tally["att_gold_ok"] += len(matched)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def score_news(
    gold: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The figures for ``predictions`` (by document id) against the gold articles."""
    tally: Counter[str] = Counter()
    documents = 0
    for annotation in gold:
        documents += 1
        article = GoldArticle.read(annotation)
        predicted = Predicted(predictions.get(str(annotation["id"]), {}))
        tally["gold"] += len(article.events)
        tally["unlocated"] += article.unlocated
        _score_events(article, predicted, tally)
        _score_countries(article, predicted, tally)
        _score_attributions(article, predicted, tally)
    precision, recall = _share(tally["tp"], tally["pred"]), _share(tally["credited"], tally["gold"])
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    return {
        "P": precision,
        "R": recall,
        "F1": f1,
        "det_P": _share(tally["pred"] - tally["spurious"], tally["pred"]),
        "det_R": _share(tally["det"], tally["gold"]),
        "dup": _share(tally["dup"], tally["pred"]),
        "spurious": _share(tally["spurious"], tally["pred"]),
        "wrong_type": _share(tally["wrong_type"], tally["pred"]),
        "modality": _share(tally["modality_ok"], tally["tp"]),
        "actor": _share(tally["actor_ok"], tally["tp"]),
        "target": _share(tally["target_ok"], tally["tp"]),
        "place": _share(tally["place_ok"], tally["place_n"]),
        "date": _share(tally["date_ok"], tally["date_n"]),
        "source": _share(tally["source_ok"], tally["source_n"]),
        "actor_found": _share(tally["actor_found"], tally["actor_gold"]),
        "actor_country": _share(tally["actor_country_ok"], tally["actor_found"]),
        "country_P": _share(
            tally["country_text_ok"] + tally["country_prior_ok"],
            tally["country_text_n"] + tally["country_prior_n"],
        ),
        "country_P_prior": _share(tally["country_prior_ok"], tally["country_prior_n"]),
        "n_country_prior": tally["country_prior_n"],
        "attr_P": _share(tally["att_pred_ok"], tally["att_pred"]),
        "attr_R": _share(tally["att_gold_ok"], tally["att_gold"]),
        "attr_src": _share(tally["att_src_ok"], tally["att_gold_ok"]),
        "attr_type": _share(tally["att_type_ok"], tally["att_gold_ok"]),
        "n_gold": tally["gold"],
        "n_pred": tally["pred"],
        "docs": documents,
        "unlocated": tally["unlocated"],
    }


def read_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        raise NewsgraphError(Errors.E001.format(path=path))
    with path.open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    return articles[:limit] if limit else articles


def gold_inputs(articles: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """What the pipeline is given: each article's text (kept unchanged) and metadata,
    never its annotations."""
    for article in articles:
        fields = {"id": article["id"], "text": article["text"]}
        fields |= {k: article[k] for k in ("url", "published") if article.get(k)}
        yield fields


def evaluate_news(path: Path, *, config: Config, limit: int | None = None) -> dict[str, Any]:
    """Analyse the gold articles' texts and score the records."""
    return score_articles(read_gold(path, limit), path=path, config=config)


def read_standoff_gold(
    path: Path, texts: Path, limit: int | None = None, *, fold: tuple[int, int] | None = None
) -> list[dict[str, Any]]:
    """Standoff annotations (``annotations/news_events.jsonl``) rebuilt on the texts under
    ``texts`` (the shared data folder); ``fold=(k, n)`` keeps every n-th line from the k-th."""
    from newsgraph.train.standoff import from_standoff

    lines = read_gold(path)
    if fold is not None:
        lines = lines[fold[0] :: fold[1]]
    return [from_standoff(line, texts) for line in lines[:limit] if line]


def score_articles(articles: list[dict[str, Any]], *, path: Path, config: Config) -> dict[str, Any]:
    """Analyse ``articles`` (gold in the quoted form, texts included) and score them."""
    from newsgraph.ingest.given import given_document
    from newsgraph.pipeline import analyze

    inputs = [
        given_document(fields, ref=f"{path}#{fields['id']}", path=str(path), published=None)
        for fields in gold_inputs(articles)
    ]
    predictions = {
        str(record["id"]): record
        for record in analyze(inputs, config=config)
        if isinstance(record, dict)
    }
    return score_news(articles, predictions)
