"""Time-expression quality on TimeML documents (TimeBank layout, ``*.tml``).

Scoring (../shared/data/README.md): each document's text is analysed with its DCT as the
publication date. A gold TIMEX3 is *found* when a predicted time span overlaps it; span
precision is the share of predicted spans that overlap a gold one. A found TIMEX3 is
*correct* when an overlapping prediction has the gold ``value``; value precision =
correct / predicted, value recall = correct / gold.

Two figures are reported. ``value_*`` compares the gold value with the prediction in
TimeML notation (the record's ``timeml`` field): TimeML writes "early 1990" as "1990" with
mod START where the record's ``value`` is the range "1990-01/1990-04". ``record_value_*``
compares with the record's ``value`` as it is. In both, notation differences that say the
same thing are forgiven both ways: a decade written "199" or "199X" (a century "19" or
"19XX"), an ISO week with or without its leading zero ("2000-W7", "2000-W07"), and unknown
trailing fields written out or left off ("1949-XX" is the year 1949, as "1949" is).
``misses_by_class`` counts, per class of gold value (day, duration, set, time of day...),
the gold expressions not found and those found with a wrong value.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from spacy.language import Language

from newsgraph.config import Config
from newsgraph.errors import NewsgraphError
from newsgraph.nlp import load_pipeline

TIMES_COMPONENT = "newsgraph_times_v1"


@dataclass(frozen=True)
class GoldTime:
    start: int
    end: int
    text: str
    value: str
    kind: str


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    dct: str | None
    times: tuple[GoldTime, ...]


def _flatten(element: Any, chars: list[str], gold: list[GoldTime]) -> None:
    """Append the element's text to ``chars``, recording the offsets of every TIMEX3."""
    start = sum(map(len, chars))
    if element.text:
        chars.append(element.text)
    for child in element:
        _flatten(child, chars, gold)
        if child.tail:
            chars.append(child.tail)
    if element.tag == "TIMEX3":
        end = sum(map(len, chars))
        text = "".join(chars)[start:end]
        gold.append(
            GoldTime(start, end, text, element.get("value") or "", element.get("type") or "")
        )


def read_timeml(path: Path) -> TimeMLDocument:
    root = etree.parse(str(path)).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    dct = dct_timex.get("value") if dct_timex is not None else None
    body = root.find("TEXT")
    chars: list[str] = []
    gold: list[GoldTime] = []
    if body is not None:
        # Offsets count from the TEXT element's own start; its tail is outside it.
        _flatten(body, chars, gold)
    return TimeMLDocument(path.stem, "".join(chars), dct, tuple(gold))


def canonical_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"(?:-XX)+$", "", value)
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    m = re.fullmatch(r"(\d{2,3})X+", value)
    return m[1] if m else value


# Classes of gold value, for reading what is missed (``misses_by_class``): first match wins.
_VALUE_CLASSES = (
    ("reference", re.compile(r"[A-Z]+_REF")),
    ("duration", re.compile(r"P.*")),
    ("time of day", re.compile(r".*T(?:\d|MO|AF|EV|NI|DT).*")),
    ("underspecified", re.compile(r".*X.*")),
    ("week", re.compile(r"\d{4}-W.*")),
    ("quarter or half", re.compile(r"\d{4}-[QH]\d")),
    ("season", re.compile(r"\d{4}-(?:SP|SU|FA|WI)")),
    ("day", re.compile(r"\d{4}-\d\d-\d\d")),
    ("month", re.compile(r"\d{4}-\d\d")),
    ("year", re.compile(r"\d{4}")),
    ("decade or century", re.compile(r"\d{2,3}")),
)


def value_class(value: str, kind: str) -> str:
    """The class of a gold TIMEX3: "set", "duration", "week", "time of day"..."""
    if kind == "SET":
        return "set"
    return next((name for name, shape in _VALUE_CLASSES if shape.fullmatch(value)), "other")


def _predict(nlp: Language, documents: list[TimeMLDocument]) -> list[list[dict[str, Any]]]:
    """Run the pipeline up to and including the times component (later components read
    times but never change them, so they are switched off to keep the run short)."""

    def prepared() -> Any:
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc._.ng_published = document.dct[:10] if document.dct else None
            yield doc

    names = list(nlp.pipe_names)
    later = names[names.index(TIMES_COMPONENT) + 1 :] if TIMES_COMPONENT in names else []
    with nlp.select_pipes(disable=later):
        return [list(doc._.ng_times or ()) for doc in nlp.pipe(prepared(), batch_size=16)]


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def evaluate_time(
    folder: Path, *, config: Config, limit: int | None = None, nlp: Language | None = None
) -> dict[str, Any]:
    paths = sorted(Path(folder).glob("*.tml"))
    if not paths:
        raise NewsgraphError(f"No TimeML (.tml) files were found in {folder}")
    if limit is not None:
        paths = paths[:limit]
    documents = [read_timeml(p) for p in paths]
    predictions = _predict(nlp or load_pipeline(config), documents)

    gold_total = found = correct = record_correct = predicted = predicted_overlapping = 0
    by_type: dict[str, Counter[str]] = {}
    wrong: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    classes: dict[str, Counter[str]] = {}
    examples: dict[str, str] = {}
    for document, predicted_times in zip(documents, predictions, strict=True):
        predicted += len(predicted_times)
        for p in predicted_times:
            if any(p["start"] < g.end and g.start < p["end"] for g in document.times):
                predicted_overlapping += 1
            else:
                spurious[p["text"].lower()] += 1
        for g in document.times:
            counts = by_type.setdefault(g.kind or "?", Counter())
            counts["gold"] += 1
            gold_total += 1
            value_kind = value_class(g.value, g.kind)
            by_class = classes.setdefault(value_kind, Counter())
            by_class["gold"] += 1
            overlapping = [p for p in predicted_times if p["start"] < g.end and g.start < p["end"]]
            if not overlapping:
                missed[g.text.lower()] += 1
                by_class["missed"] += 1
                examples.setdefault(value_kind, f"{g.text} ({g.value}): not found")
                continue
            found += 1
            counts["found"] += 1
            gold_value = canonical_value(g.value)
            if any(canonical_value(p["value"]) == gold_value for p in overlapping):
                record_correct += 1
            if any(canonical_value(p.get("timeml", p["value"])) == gold_value for p in overlapping):
                correct += 1
                counts["correct"] += 1
            else:
                shown = overlapping[0]
                shown_value = str(shown.get("timeml", shown["value"]))
                wrong[(f"{g.text} [{shown['text']}]", g.value, shown_value)] += 1
                by_class["wrong"] += 1
                examples.setdefault(value_kind, f"{g.text} ({g.value}): {shown_value}")

    span_p, span_r = _ratio(predicted_overlapping, predicted), _ratio(found, gold_total)
    value_p, value_r = _ratio(correct, predicted), _ratio(correct, gold_total)
    record_p, record_r = _ratio(record_correct, predicted), _ratio(record_correct, gold_total)
    return {
        "task": "time",
        "documents": len(documents),
        "gold": gold_total,
        "predicted": predicted,
        "found": found,
        "correct": correct,
        "span_precision": span_p,
        "span_recall": span_r,
        "span_f1": _f1(span_p, span_r),
        "value_precision": value_p,
        "value_recall": value_r,
        "value_f1": _f1(value_p, value_r),
        "record_value_precision": record_p,
        "record_value_recall": record_r,
        "record_value_f1": _f1(record_p, record_r),
        "by_type": {kind: dict(c) for kind, c in sorted(by_type.items())},
        "worst": [
            {"text": text, "gold": gold, "predicted": pred, "count": n}
            for (text, gold, pred), n in wrong.most_common(10)
        ],
        "missed": [{"text": text, "count": n} for text, n in missed.most_common(10)],
        "spurious": [{"text": text, "count": n} for text, n in spurious.most_common(10)],
        # Per class of gold value: how many there are, not found, found with a wrong value,
        # and the first such miss.
        "misses_by_class": {
            kind: {**dict(counts), "example": examples.get(kind, "")}
            for kind, counts in sorted(classes.items(), key=lambda item: -item[1]["gold"])
        },
    }
