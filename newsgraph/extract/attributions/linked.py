"""Attributions found beside or across others, after the cue model has spoken:

* via: "X reported Y, citing Z" (Z becomes its own attribution, linked by ``via``)
* labelled lines and signed quotes: 'Name: "..."', '"..." - Name'

and the last pass over all candidates: a source never runs into another's cue.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.tokens import Doc

from newsgraph.extract.attributions.finders import char_tokens
from newsgraph.extract.attributions.lexicon import CueLexicon
from newsgraph.extract.attributions.quotes import QUOTE_MARKS, QuoteIndex
from newsgraph.extract.attributions.tree import (
    Candidate,
    chars,
    children_by_dep,
    is_root,
    range_without,
    sentence,
    subtree_range,
    trimmed,
)
from newsgraph.nlp.extensions import doc_text, token_table


def _via_candidates(
    doc: Doc, candidates: list[Candidate], by_cue: dict[int, int], lexicon: CueLexicon
) -> Iterator[Candidate]:
    """'X reported Y, citing Z': Z is an attribution of its own, the basis of X's."""
    table = token_table(doc)
    for i, (lemma, pos) in enumerate(zip(table.lemma, table.pos, strict=True)):
        if lemma not in lexicon.via or pos != "VERB":
            continue
        token = doc[i]
        objects = children_by_dep(token, ("dobj",))
        if not objects or is_root(token):
            continue
        parent = by_cue.get(token.head.i)
        source = trimmed(doc, *subtree_range(objects[0]))
        if source is None:
            continue
        if parent is not None:
            content = candidates[parent].content
        else:
            sent = sentence(token)
            outer = subtree_range(token.head)
            outer = (max(outer[0], sent[0]), min(outer[1], sent[1]))
            clause = trimmed(doc, *range_without(outer, subtree_range(token)))
            if clause is None:
                continue
            content = chars(doc, clause)
        yield Candidate(
            cue=(token.i, token.i + 1),
            source=source,
            content=content,
            kind="via",
            via_target=parent,
            source_head=objects[0].i,
            anchor=token.i,
        )


# "Name: what they said" on a line of its own (headlines, interview transcripts).
_LABELLED_LINE = re.compile(
    r"^(?P<source>[A-Z][^:\n]{0,60}?)\s*:[ \t]+(?P<content>\S[^\n]*)$", re.M
)

_LABEL_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _labelled_lines(doc: Doc) -> Iterator[Candidate]:
    """'Trump: "I will win"' / 'Q: Why now?': the label is the source, the colon the cue."""
    for match in _LABELLED_LINE.finditer(doc_text(doc)):
        label = doc.char_span(match.start("source"), match.end("source"), alignment_mode="expand")
        colon = doc.char_span(match.end("source"), match.start("content"), alignment_mode="expand")
        if label is None or colon is None or len(label) > 8:
            continue
        named = any(t.ent_type_ in _LABEL_ENTITIES for t in label)
        if not named and not (len(label) == 1 and len(label.text) == 1):
            continue  # "Update: ..." / "Photo: ...": a caption label, not a speaker
        cue = next((t.i for t in colon if t.text == ":"), None)
        if cue is None:
            continue
        yield Candidate(
            cue=(cue, cue + 1),
            source=(label.start, label.end),
            content=(match.start("content"), match.end("content")),
            kind="labelled",
            source_head=label.root.i,
            anchor=cue,
        )


# '"..." ― Name': a dash after a closing quote mark, then a name to the end of the line
# or to a comma (pull quotes, collected reader comments, epigraphs).
_SIGNATURE = re.compile(
    r"[ \t]*(?:[―—–]|--)[ \t]*(?P<source>[A-Z][^\n,(;]{0,60}?)[ \t]*(?=[,(;\n]|$)"
)

MAX_SIGNATURE_TOKENS = 6


def _signed_quotes(doc: Doc, quotes: QuoteIndex) -> Iterator[Candidate]:
    """'"We will win." ― Dana Novak': the quote is the content, the dash the cue and the
    name after it the source."""
    text = doc_text(doc)
    for start, end in quotes.regions:
        match = _SIGNATURE.match(text, end)
        if match is None:
            continue
        label = doc.char_span(match.start("source"), match.end("source"), alignment_mode="expand")
        dash = doc.char_span(end, match.start("source"), alignment_mode="expand")
        content = char_tokens(doc, (start, end))
        if label is None or dash is None or content is None or not len(label):
            continue
        if len(label) > MAX_SIGNATURE_TOKENS or not all(t.is_title for t in label if t.is_alpha):
            continue
        cue = next((t.i for t in dash if t.is_punct and t.text not in QUOTE_MARKS), None)
        if cue is None:
            continue
        yield Candidate(
            cue=(cue, cue + 1),
            source=(label.start, label.end),
            content=(start, end),
            kind="labelled",
            source_head=label.root.i,
            anchor=cue,
        )


def cut_sources_at_other_cues(doc: Doc, candidates: list[Candidate]) -> None:
    """A word belongs to one attribution only (as in PolNeAR's annotation): a relative
    clause of the source that holds another candidate's cue ("X, who predicted that
    ...") is that candidate's, so the source ends before it. Only cues that report a
    clause count: annotators leave "who endorsed X" in the source, not an attribution."""
    cues = [c.cue[0] for c in candidates if c.kind == "clause"]
    for candidate in candidates:
        if candidate.source is None:
            continue
        start, end = candidate.source
        root = doc[start:end].root
        for cue in cues:
            if not (start <= cue < end) or cue == candidate.cue[0]:
                continue
            node = doc[cue]
            while node.head.i != root.i and not is_root(node) and start <= node.head.i < end:
                node = node.head
            if node.head.i == root.i and node.i > root.i and node.dep_ in ("relcl", "acl"):
                cut = trimmed(doc, start, node.left_edge.i)
                if cut is not None:
                    start, end = cut
        candidate.source = (start, end)


def linked_candidates(
    doc: Doc, candidates: list[Candidate], lexicon: CueLexicon, quotes: QuoteIndex
) -> list[Candidate]:
    """``candidates`` with the "citing X" ones that back them, then the labelled lines
    and signed quotes."""
    by_cue = {c.anchor: position for position, c in enumerate(candidates)}
    found = list(candidates)
    found.extend(_via_candidates(doc, candidates, by_cue, lexicon))
    taken = {c.cue[0] for c in found}
    for candidate in itertools.chain(_labelled_lines(doc), _signed_quotes(doc, quotes)):
        if candidate.cue[0] not in taken:
            taken.add(candidate.cue[0])
            found.append(candidate)
    return found
