"""The times component: time expressions with TIMEX3-style values (SPEC ``times[]``).

``newsgraph_times_v1`` finds time expressions (``timespans``), reads the tense of the
clause each one sits in, and normalises it (``timenorm``) against ``doc._.ng_published``.
It writes ``doc._.ng_times``: ``{id, text, start, end, value, precision, resolved, type,
mod, timeml}`` dicts ordered by ``start``, ids ``T1``, ``T2``... ``type`` is the TIMEX3
type (DATE, TIME, DURATION, SET); ``mod`` the TimeML modifier (START, MID, END) of a part
of a period; ``timeml`` the value in TimeML notation, which differs from ``value`` only
for parts of periods ("early December" -> value "2023-12-01/2023-12-10", timeml "2023-12"
with mod START).

Without a document date, expressions that need one keep ``resolved: false`` and a value
that invents nothing: the known parts with an "XXXX" year ("XXXX-12" for "December",
"XXXX-12-01/XXXX-12-10" for "early December", "XXXX-WXX-2" for "Tuesday"), or ``null``
when nothing but the anchor would say it ("last week", "yesterday").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.times.normalise import normalise
from newsgraph.extract.times.spans import find_time_spans
from newsgraph.extract.times.values import FUTURE, NEAREST, PAST, TimeContext
from newsgraph.extract.times.words import time_words
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.extensions import doc_text

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PAST_TAGS = {"VBD"}


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def clause_direction(span: Span) -> str:
    """Which way in time the clause around ``span`` points: past, future or nearest.

    The governing verb is the first verb or auxiliary above the expression; "will" or
    "going to" among its auxiliaries mean future, a past-tense form means past.
    """
    if span.root.dep_ == "poss":
        # "Wednesday's ruling": the time belongs to the noun, not to the clause's verb,
        # whose tense says nothing about it.
        return NEAREST
    return _verb_direction(_governing_verb(span.root), depth=0)


def _governing_verb(token: Token) -> Token:
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return token


def _verb_direction(token: Token, depth: int) -> str:
    words = [token, *(child for child in token.children if child.dep_ in ("aux", "auxpass"))]
    lowered = {w.lower_ for w in words}
    if token.lemma_.lower() in time_words().forward_verbs and "had" not in lowered:
        # A plan points ahead of the report, unless it is a past perfect plan ("had been
        # scheduled to expire Friday"), which was due before the report.
        return FUTURE
    if lowered & _FUTURE_AUX or any(
        w.lower_ == "going" and any(c.lower_ == "to" for c in w.children) for w in words
    ):
        return FUTURE
    if any(w.tag_ in _PAST_TAGS for w in words):
        return PAST
    if token.tag_ == "VBN" and not any(w.lemma_ == "be" for w in words):
        return PAST  # "has said", or a participle such as "the year ended March 31"
    if token.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        # An infinitive looks ahead of the verb it hangs on: "is scheduled to close
        # Monday" is future, "voted to support it Friday" stays in the past.
        if depth < 3 and token.head is not token:
            above = _verb_direction(_governing_verb(token.head), depth + 1)
            if above == PAST:
                return PAST
        return FUTURE
    return NEAREST


class Times:
    """Find and normalise the time expressions of a document."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        anchor = _anchor(doc._.ng_published)
        reference = None
        records: list[dict[str, Any]] = []
        full_text = doc_text(doc)
        for start, end in find_time_spans(doc, full_text):
            span = doc.char_span(start, end, alignment_mode="expand")
            direction = clause_direction(span) if span is not None else NEAREST
            after = full_text[end : end + 12].split()
            context = TimeContext(
                anchor=anchor,
                direction=direction,
                reference=reference,
                next_word=after[0].lower() if after else "",
            )
            text = full_text[start:end]
            found = normalise(text, context)
            if found is None:
                continue
            if found.period is not None and found.resolved and not found.from_reference:
                reference = found.period
            records.append(
                {
                    "id": f"T{len(records) + 1}",
                    "text": text,
                    "start": start,
                    "end": end,
                    "value": found.value,
                    "precision": found.precision,
                    "resolved": found.resolved,
                    "type": found.kind,
                    "mod": found.mod,
                    "timeml": found.timeml or found.value,
                }
            )
        doc._.ng_times = records
        return doc


def time_id_at(doc: Doc, start: int, end: int) -> str | None:
    """The id of the first time expression overlapping characters ``[start, end)``, for
    components that attach times to events or quotes; None when none overlaps."""
    for record in doc._.ng_times or ():
        if record["start"] < end and start < record["end"]:
            return str(record["id"])
    return None


@Language.factory(
    "newsgraph_times_v1",
    assigns=["doc._.ng_times"],
    requires=["doc.ents", "token.dep", "token.tag"],
)
def make_times(nlp: Language, name: str) -> Times:
    return Times(name)
