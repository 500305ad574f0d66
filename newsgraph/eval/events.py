"""Event typing and participants on the PLOVER gold-standard records (plover_gsr.json).

Conventions (../shared/data/README.md): older PLOVER names are mapped (DEMAND -> REQUEST,
DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE); the main event of a record
is :func:`newsgraph.extract.events.component.main_event` over the events found in its
text; its type, read as PLOVER codes it (:func:`plover_type`), is right when it equals the
gold type.

PLOVER's gold follows CAMEO, which codes a stated intention to cooperate ("will visit
Peru", "will send aid to Chile") as AGREE. The record follows the news guidelines instead:
the act keeps its own type, modality future, and its mode marks the stated intention
(``intend-visit``, see docs/record.md). So an event with an ``intend-`` mode is read here
as an AGREE, unless it is a THREATEN (a hostile act announced for the future is already
recoded as its announcement, as PLOVER codes it). Its actors match the gold source when a predicted
actor's text overlaps a SRC span of the markup or the actor's country equals the first
three letters of a gold source ``code``; targets likewise with TAR. Source match is
counted over records with a gold source, target match over records with a gold target.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.config import Config
from newsgraph.errors import NewsgraphError
from newsgraph.record.vocabulary import INTENTION_MODE_PREFIX

OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
# A stated intention is read as an AGREE unless it is already coded as a threat.
INTENTION_TYPE = "AGREE"
INTENTION_KEEPS = frozenset({"THREATEN"})
_TAG = re.compile(r"\(((?:SRC|TAR|EVT|LOC)(?:/(?:SRC|TAR|EVT|LOC))*):\s?")
NO_EVENT = "NONE"


def gold_type(record: dict[str, Any]) -> str:
    event = str(record.get("event", ""))
    return OLD_NAMES.get(event, event)


def plover_type(event: dict[str, Any]) -> str:
    """The type PLOVER's coders would give ``event``: its own type, except that a stated
    intention to cooperate (an ``intend-`` mode) is an AGREE."""
    kind = str(event["type"])
    if str(event.get("mode") or "").startswith(INTENTION_MODE_PREFIX):
        return kind if kind in INTENTION_KEEPS else INTENTION_TYPE
    return kind


def tagged_spans(markup: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """Char ranges in ``text`` of the SRC and TAR annotations of ``markup``.

    The markup nests tags and has stray parentheses, so tags are stripped with a stack
    (a ")" closes the innermost open tag or literal "("), and each tagged string is then
    located in the plain text.
    """
    plain: list[str] = []
    stack: list[tuple[str | None, int]] = []
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(markup):
        match = _TAG.match(markup, i)
        if match:
            stack.append((match.group(1), len(plain)))
            i = match.end()
            continue
        char = markup[i]
        if char == "(":
            stack.append((None, len(plain)))
            plain.append(char)
        elif char == ")" and stack:
            tags, start = stack.pop()
            if tags is None:
                plain.append(char)
            else:
                found.append((tags, "".join(plain[start:]).strip()))
        else:
            plain.append(char)
        i += 1
    spans: dict[str, list[tuple[int, int]]] = {"SRC": [], "TAR": []}
    for tags, inner in found:
        at = text.find(inner) if inner else -1
        if at < 0:
            continue
        for tag in ("SRC", "TAR"):
            if tag in tags.split("/"):
                spans[tag].append((at, at + len(inner)))
    return spans


def _matches(
    actor_ids: list[str],
    actors: dict[str, dict[str, Any]],
    spans: list[tuple[int, int]],
    codes: list[str],
) -> bool:
    prefixes = {c[:3] for c in codes if c}
    for actor_id in actor_ids:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        if actor.get("country") and actor["country"] in prefixes:
            return True
        for span in actor.get("spans") or ():
            if any(span["start"] < end and start < span["end"] for start, end in spans):
                return True
    return False


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = sorted({g for g, _ in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def load_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NewsgraphError(f"cannot read event records {path}: {error}") from None
    records = [r for r in data if r.get("text") and gold_type(r) != "DOCUMENT"]
    return records[:limit] if limit is not None else records


def evaluate_events(
    path: Path, *, config: Config, limit: int | None = None, every: int = 1
) -> dict[str, Any]:
    """Score main-event type and participants; ``every`` keeps every n-th record (subset)."""
    from newsgraph.extract.events.component import main_event
    from newsgraph.nlp import load_pipeline

    records = load_records(path, limit)[::every]
    # Every gold sentence holds an event by construction: this measures the type and the
    # participants of its main event. Whether a mention is an event at all (the eventhood
    # model, trained on whole news texts) is measured by ``eval news``; with it switched
    # on, sentences whose only mention it drops would count as typed NONE.
    nlp = load_pipeline(config.replace(event_model="none"))
    pairs: list[tuple[str, str]] = []
    source_hits = source_total = target_hits = target_total = 0
    for record, doc in zip(
        records, nlp.pipe((r["text"] for r in records), batch_size=config.batch_size), strict=True
    ):
        actors = {a["id"]: a for a in doc._.ng_actors or []}
        event = main_event(doc._.ng_events or [])
        gold = gold_type(record)
        pairs.append((gold, plover_type(event) if event else NO_EVENT))
        spans = tagged_spans(record.get("textInfo", {}).get("markup", ""), record["text"])
        sources = [s.get("code", "") for s in record.get("source") or ()]
        targets = [t.get("code", "") for t in record.get("target") or ()]
        if sources:
            source_total += 1
            source_hits += event is not None and _matches(
                event["actors"], actors, spans["SRC"], sources
            )
        if targets:
            target_total += 1
            target_hits += event is not None and _matches(
                event["targets"], actors, spans["TAR"], targets
            )
    correct = sum(1 for g, p in pairs if g == p)
    confusion = Counter(f"{g}->{p}" for g, p in pairs if g != p)
    return {
        "task": "events",
        "records": len(pairs),
        "type_accuracy": round(correct / len(pairs), 4) if pairs else 0.0,
        "macro_f1": round(_macro_f1(pairs), 4),
        "source_match": round(source_hits / source_total, 4) if source_total else 0.0,
        "target_match": round(target_hits / target_total, 4) if target_total else 0.0,
        "no_event": sum(1 for _, p in pairs if p == NO_EVENT),
        "top_confusions": dict(confusion.most_common(8)),
    }
