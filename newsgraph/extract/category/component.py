"""ACLED-style event categories (spaCy component ``newsgraph_category_v1``).

Runs right after ``newsgraph_events_v1``. Classification is a weighted lexicon scorer
over lemmas (``data/category_lexicon.yaml``; see ``category_scorer``), no trained model.

* Each event (when ``doc._.ng_events`` is set) gets ``category``: the label that the
  event's sentence (``event["sentence"]`` start/end) scores, or None below the minimum.
* ``doc._.ng_category`` is the category of the document's main event, by this rule:
  1. the first event in text order whose modality is ``asserted`` and that has a
     category (a threatened or denied act is not what the report is about);
  2. otherwise, the lead paragraph (the text up to the first blank line, at most its
     first ``LEAD_SENTENCES`` sentences) classified as one window;
  3. otherwise None: nothing like political violence, protest, a strategic development,
     organised crime or a disaster was found.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.category.lexicon import Lexicon, load_lexicon
from newsgraph.extract.category.scorer import Hit, TermIndex, find_hits, hits_between, score_hits
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.extensions import doc_text

# News leads state the main event in the first sentence or two; three leaves room for a
# dateline or a one-line teaser without reaching into background paragraphs.
LEAD_SENTENCES = 3


def lead_end(doc: Doc) -> int:
    """Character offset where the lead paragraph (capped at LEAD_SENTENCES) ends."""
    text = doc_text(doc)
    body_start = len(text) - len(text.lstrip())
    blank = text.find("\n\n", body_start)
    end = blank if blank != -1 else len(text)
    if not doc.has_annotation("SENT_START"):
        return end
    for count, sentence in enumerate(doc.sents, start=1):
        if count == LEAD_SENTENCES:
            return min(end, sentence.end_char)
    return end


class CategoryClassifier:
    """Label event sentences and the document with an ACLED-style category."""

    def __init__(self, name: str, lexicon: Lexicon):
        self.name = name
        self.lexicon = lexicon
        self.index = TermIndex(lexicon)

    def window_category(self, doc: Doc, hits: list[Hit], start: int, end: int) -> str | None:
        return score_hits(hits_between(hits, start, end), doc, self.lexicon).label

    def __call__(self, doc: Doc) -> Doc:
        hits = find_hits(doc, self.index)
        events: list[dict[str, Any]] | None = doc._.ng_events
        main: str | None = None
        by_sentence: dict[tuple[int, int], str | None] = {}  # events often share a sentence
        for event in events or ():
            sentence = event.get("sentence") or {}
            start, end = sentence.get("start"), sentence.get("end")
            category = None
            if isinstance(start, int) and isinstance(end, int):
                if (start, end) not in by_sentence:
                    by_sentence[start, end] = self.window_category(doc, hits, start, end)
                category = by_sentence[start, end]
            event["category"] = category
            if main is None and category is not None and event.get("modality") == "asserted":
                main = category
        if main is None and len(doc):
            main = self.window_category(doc, hits, 0, lead_end(doc))
        doc._.ng_category = main
        return doc


@Language.factory(
    "newsgraph_category_v1",
    assigns=["doc._.ng_category"],
    requires=["token.lemma", "token.dep"],
)
def make_category(nlp: Language, name: str) -> CategoryClassifier:
    return CategoryClassifier(name, load_lexicon())
