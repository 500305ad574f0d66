"""Article text cut into segments at every evidence boundary, for highlighting.

Every extracted value carries a character span; spans of different layers (entities,
places, times, actors, event triggers and sentences, attribution sources, cues and
contents) overlap freely. Cutting the text at all their boundaries gives segments that
each lie wholly inside or outside any span, so a page can mark a segment with every span
covering it and a script can light up any span (or range) by its segments. The template
escapes every segment: nothing from an article is ever emitted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EvidenceSpan:
    key: str  # unique on the page: "E1", "P2", "V3", "V3-sentence", "Q1-cue" ...
    start: int
    end: int
    css: str  # classes for the segments it covers
    inline: bool = True  # short spans are shaded; long ones (sentences) only on demand
    title: str = ""  # what the span is, for the hover text of its segments


@dataclass
class Segment:
    text: str
    start: int
    end: int
    keys: list[str] = field(default_factory=list)
    css: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # span keys that begin here
    titles: list[str] = field(default_factory=list)  # hover text of the shaded spans

    @property
    def marked(self) -> bool:
        return bool(self.css)


def _span(obj: dict[str, Any] | None) -> tuple[int, int] | None:
    if not obj or obj.get("start") is None or obj.get("end") is None:
        return None
    return int(obj["start"]), int(obj["end"])


def _words(value: Any) -> str:
    return str(value).replace("_", " ") if value is not None else ""


def evidence_spans(record: dict[str, Any]) -> list[EvidenceSpan]:
    """Every span the record cites, keyed for the page, each with its hover text."""
    spans: list[EvidenceSpan] = []
    for e in record.get("entities") or []:
        css, title = f"ent ent-{e['label']}", f"entity: {e['label']}"
        spans.append(EvidenceSpan(e["id"], e["start"], e["end"], css, title=title))
    for p in record.get("places") or []:
        where = ", ".join(x for x in (p.get("name"), p.get("country")) if x)
        title = f"place: {where or 'unresolved'} ({_words(p.get('precision')) or '?'})"
        spans.append(EvidenceSpan(p["id"], p["start"], p["end"], "place", title=title))
    for t in record.get("times") or []:
        if t.get("start") is None:  # the document's date has no span in the text
            continue
        title = f"time: {t.get('value') or 'unresolved'}"
        spans.append(EvidenceSpan(t["id"], t["start"], t["end"], "time", title=title))
    for a in record.get("actors") or []:
        for number, s in enumerate(a.get("spans") or []):
            spans.append(
                EvidenceSpan(f"{a['id']}-{number}", s["start"], s["end"], "actor", inline=False)
            )
    for v in record.get("events") or []:
        trigger, sentence = _span(v.get("trigger")), _span(v.get("sentence"))
        title = f"event: {v['type']} ({_words(v.get('modality'))})"
        if trigger:
            spans.append(EvidenceSpan(v["id"], *trigger, "trigger", title=title))
        if sentence:
            spans.append(EvidenceSpan(f"{v['id']}-sentence", *sentence, "sentence", inline=False))
        # Later mentions of the same event ("the raid") are shown as its triggers too.
        for number, mention in enumerate(v.get("mentions") or []):
            bounds = _span(mention.get("trigger"))
            if bounds and bounds != trigger:
                key = f"{v['id']}-m{number}"
                spans.append(
                    EvidenceSpan(key, *bounds, "trigger", title=f"{title}, another mention")
                )
        for number, hedge in enumerate(v.get("hedge_spans") or []):
            bounds = _span(hedge)
            if bounds:
                key = f"{v['id']}-hedge{number}"
                spans.append(EvidenceSpan(key, *bounds, "hedge", title="hedge"))
    for q in record.get("attributions") or []:
        for part, inline in (("source", True), ("cue", True), ("content", False)):
            bounds = _span(q.get(part))
            if bounds:
                title = {
                    "source": f"source: {_words(q.get('source_type'))}",
                    "cue": "attribution cue",
                    "content": "what is attributed",
                }[part]
                spans.append(
                    EvidenceSpan(
                        f"{q['id']}-{part}", *bounds, f"q-{part}", inline=inline, title=title
                    )
                )
    return spans


def segments(text: str, spans: list[EvidenceSpan]) -> list[Segment]:
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    pieces = [Segment(text[a:b], a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    index = {piece.start: number for number, piece in enumerate(pieces)}
    for span in sorted(valid, key=lambda s: (s.start, -s.end, s.key)):
        first = index[span.start]
        pieces[first].anchors.append(span.key)
        number = first
        while number < len(pieces) and pieces[number].end <= span.end:
            pieces[number].keys.append(span.key)
            if span.inline:
                for css in span.css.split():
                    if css not in pieces[number].css:
                        pieces[number].css.append(css)
                if span.title and span.title not in pieces[number].titles:
                    pieces[number].titles.append(span.title)
            number += 1
    return pieces
