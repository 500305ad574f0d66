"""When an event happened: its own time expression, else the article's reference time.

An analyst needs every event on a timeline (ACLED codes a date for every event and says how
precise it is). The order of evidence:

1. ``text``: a time expression tied to the trigger, or to the verb reporting it ("said on
   Tuesday that ..."), found by :func:`context.tied_time`;
2. ``document``: the article's publication date, for an event the text reports as current
   news: asserted or negated, not future or hypothetical, and with no time of its own. The
   date then has no span in the text; its evidence is the record's ``published`` (with
   ``published_source``), and the time item says so with ``source: "document"``.

Otherwise the event stays undated (``time`` and ``time_source`` null): a plan, a threat or a
condition has no date until the text gives one.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

CURRENT_MODALITIES = frozenset({"asserted", "negated"})


class DocumentDate:
    """The publication day as a time item, added to ``doc._.ng_times`` on first use."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.id: str | None = None

    def time_id(self) -> str | None:
        published = self.doc._.ng_published
        if not published:
            return None
        if self.id is None:
            times = list(self.doc._.ng_times or [])
            day = str(published)[:10]
            self.id = f"T{len(times) + 1}"
            times.append(
                {
                    "id": self.id,
                    "text": day,
                    "start": None,
                    "end": None,
                    "value": day,
                    "precision": "day",
                    "resolved": True,
                    "type": "DATE",
                    "mod": None,
                    "timeml": day,
                    "source": "document",
                }
            )
            self.doc._.ng_times = times
        return self.id


def date_event(record: dict[str, Any], document: DocumentDate) -> None:
    """Set ``time_source`` on ``record`` and, for current news without a time of its own,
    point ``time`` at the document date."""
    if record["time"] is not None:
        record["time_source"] = "text"
        return
    if record["modality"] in CURRENT_MODALITIES:
        record["time"] = document.time_id()
    record["time_source"] = "document" if record["time"] is not None else None
