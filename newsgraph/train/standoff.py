"""Standoff annotations of news events: offsets into texts kept elsewhere, never the text.

The events training set (``annotations/news_events.jsonl``) is annotated like the real-news
gold (``../shared/eval/GUIDELINES.md``) on texts of ``../shared/data``. Each line names its
text by reference (see ``news_texts``) and gives every quote, trigger and name as
``[start, end]`` in that text. :func:`to_standoff` makes such a line from an annotation with
quoted strings; :func:`from_standoff` rebuilds the quoted form, text included, which is what
``eval.news.score_news`` reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.train.news_texts import training_text

Offsets = list[int]


def _offsets(text: str, quote: str | None, within: Offsets | None = None) -> Offsets | None:
    if not quote:
        return None
    low, high = within or (0, len(text))
    start = text.find(quote, low, high)
    return [start, start + len(quote)] if start >= 0 else None


def _named(text: str, name: str | None) -> Offsets | str | None:
    """A name's offsets when the text holds it, else the name itself (a resolved name an
    annotator wrote, such as a full name for a pronoun)."""
    return _offsets(text, name) or name


def to_standoff(annotation: dict[str, Any], text: str) -> dict[str, Any]:
    """``annotation`` (quotes as strings) with every quote replaced by its offsets."""
    events = []
    for event in annotation.get("events", []):
        mentions = []
        for mention in event.get("mentions", []):
            quote = _offsets(text, mention["quote"])
            if quote is None:
                raise ValueError(f"quote not in text: {mention['quote']!r}")
            trigger = _offsets(text, mention.get("trigger"), quote) or quote
            mentions.append({"quote": quote, "trigger": trigger})
        events.append(
            {
                "type": event["type"],
                "modality": event["modality"],
                "mentions": mentions,
                "actor": [_named(text, n) for n in event.get("actor") or []],
                "target": [_named(text, n) for n in event.get("target") or []],
                "place": _named(text, event.get("place")),
                "place_country": event.get("place_country"),
                "date": event.get("date"),
                "source": event.get("source")
                if event.get("source") in (None, "outlet")
                else _named(text, event["source"]),
            }
        )
    actors = [
        {
            "name": _named(text, actor.get("name")),
            "kind": actor.get("kind"),
            "country": actor.get("country"),
            "role": actor.get("role"),
            "mentions": [_named(text, m) for m in actor.get("mentions") or []],
        }
        for actor in annotation.get("actors", [])
    ]
    attributions = [
        {
            "source": _named(text, a.get("source")),
            "source_name": _named(text, a.get("source_name")),
            "source_type": a.get("source_type"),
            "cue": _named(text, a.get("cue")),
            "content_quote": _named(text, a.get("content_quote")),
            "direct": a.get("direct"),
        }
        for a in annotation.get("attributions", [])
    ]
    return {
        "ref": annotation["id"],
        "published": annotation.get("published"),
        "events": events,
        "actors": actors,
        "attributions": attributions,
    }


def _quoted(text: str, value: Any) -> Any:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return text[value[0] : value[1]]
    return value


def from_standoff(line: dict[str, Any], data_root: Path) -> dict[str, Any]:
    """The annotation of ``line`` in the gold's quoted form, with its text."""
    text = training_text(data_root, line["ref"])
    q = lambda value: _quoted(text, value)  # noqa: E731
    events = [
        {
            **event,
            "mentions": [
                {"quote": q(m["quote"]), "trigger": q(m["trigger"])} for m in event["mentions"]
            ],
            "actor": [q(n) for n in event["actor"]],
            "target": [q(n) for n in event["target"]],
            "place": q(event["place"]),
            "source": q(event["source"]),
        }
        for event in line["events"]
    ]
    actors = [
        {**a, "name": q(a["name"]), "mentions": [q(m) for m in a["mentions"]]}
        for a in line["actors"]
    ]
    attributions = [
        {
            **a,
            **{k: q(a[k]) for k in ("source", "source_name", "cue", "content_quote")},
        }
        for a in line["attributions"]
    ]
    return {
        "id": line["ref"],
        "url": None,
        "published": line.get("published"),
        "text": text,
        "events": events,
        "actors": actors,
        "attributions": attributions,
    }
