"""Hedges: words and phrases by which a text distances itself from a claim.

Found once per document (lexicon in ``data/attribution_hedges.yaml``) and then handed to whichever
attribution or event span contains them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.extract.attributions.lexicon import HedgeLexicon
from newsgraph.nlp.extensions import doc_text, token_table


@dataclass(frozen=True)
class Hedge:
    start: int
    end: int
    text: str  # lower case, whitespace collapsed: the form recorded in `hedges[]`


def find_hedges(doc: Doc, lexicon: HedgeLexicon) -> list[Hedge]:
    """Every hedge in ``doc``, in text order, phrases first where they overlap words."""
    found: list[Hedge] = []
    if lexicon.phrases is not None and lexicon.phrases_lower is not None:
        text = doc_text(doc)
        lowered = text.lower()
        # Lower-cased text keeps every offset unless a letter changed length in lowering
        # (rare: "İ"); then the case-insensitive pattern runs on the text itself.
        pattern, searched = (
            (lexicon.phrases_lower, lowered)
            if len(lowered) == len(text)
            else (lexicon.phrases, text)
        )
        for match in pattern.finditer(searched):
            found.append(Hedge(match.start(), match.end(), " ".join(match.group().lower().split())))
    taken = [(h.start, h.end) for h in found]
    table = token_table(doc)
    for i, (lower, lemma, pos) in enumerate(zip(table.lower, table.lemma, table.pos, strict=True)):
        is_hedge = lower in lexicon.words or (pos in ("VERB", "AUX") and lemma in lexicon.lemmas)
        if not is_hedge:
            continue
        token = doc[i]
        start, end = token.idx, token.idx + len(token.text)
        if any(s < end and start < e for s, e in taken):
            continue
        found.append(Hedge(start, end, lower))
    found.sort(key=lambda h: h.start)
    return found


def hedges_within(hedges: list[Hedge], start: int, end: int) -> list[str]:
    """Distinct hedge texts inside [start, end), in text order."""
    seen: list[str] = []
    for hedge in hedges:
        if start <= hedge.start and hedge.end <= end and hedge.text not in seen:
            seen.append(hedge.text)
    return seen
