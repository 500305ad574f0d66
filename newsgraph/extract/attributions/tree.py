"""The parse as attribution rules see it: token ranges, subtrees, clauses and sentences.

:class:`Candidate` is what every construction finds. Spans are token ranges [start, end)
except ``content``, a character range, because quotes later widen it past token and
sentence boundaries. Sentence bounds are indexed once per document (``index_sentences``)
so that ``sentence`` is a lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Token

from newsgraph.extract.attributions.quotes import QUOTE_MARKS
from newsgraph.nlp.extensions import token_table

TokenRange = tuple[int, int]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})

PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})

# Relations through which a subject-less verb borrows the subject of the verb it hangs
# from ("responded by signalling ...", "... adding that ...", "and warned ...").
INHERITING_DEPS = frozenset({"xcomp", "advcl", "pcomp", "conj", "prep", "acl"})

PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})


@dataclass
class Candidate:
    cue: TokenRange
    source: TokenRange | None
    content: tuple[int, int]  # character range
    kind: str  # clause | parenthetical | object | preposition | via | sourceless | coverage
    negated: bool = False
    expert_only: bool = False  # analysis verbs: kept only when the source is an expert
    via_target: int | None = None  # index of the candidate this one is the basis of
    source_head: int | None = None  # token index of the source phrase's head
    hedges: list[str] = field(default_factory=list)
    verb: int | None = None  # token index of the cue verb, when the cue is a verb
    confirmed: bool = False  # the cue model is sure of it: kept whatever its source
    anchor: int = -1  # the word the candidate was found at (its verb, noun or preposition)


def is_root(token: Token) -> bool:
    # spaCy builds a fresh Token object on each access, so identity tests never hold.
    return token.head.i == token.i


def _is_punct_edge(token: Token) -> bool:
    return token.is_punct and token.text not in QUOTE_MARKS or token.is_space


def trimmed(doc: Doc, start: int, end: int) -> TokenRange | None:
    """Strip punctuation (but not quote marks) and spaces from both edges of a range."""
    while start < end and _is_punct_edge(doc[start]):
        start += 1
    while end > start and _is_punct_edge(doc[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def subtree_range(token: Token) -> TokenRange:
    return token.left_edge.i, token.right_edge.i + 1


def range_without(outer: TokenRange, inner: TokenRange) -> TokenRange:
    """``outer`` minus ``inner`` when inner sits at one of its edges; else outer."""
    start, end = outer
    if inner[0] <= start < inner[1]:
        start = inner[1]
    if inner[0] < end <= inner[1]:
        end = inner[0]
    return start, end


def clause_apart_from(clause: TokenRange, phrase: TokenRange) -> TokenRange:
    """The clause without a phrase inside it: when the phrase sits in the middle ("The
    plan, according to X, is ...", "But according to X, ..."), the longer of the two
    sides, since a record's content is one span."""
    if not (clause[0] < phrase[0] and phrase[1] < clause[1]):
        return range_without(clause, phrase)
    before, after = phrase[0] - clause[0], clause[1] - phrase[1]
    return (clause[0], phrase[0]) if before > after else (phrase[1], clause[1])


def chars(doc: Doc, tokens: TokenRange) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


def children_by_dep(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [child for child in token.children if child.dep_ in wanted]


def overlaps(a: TokenRange, b: TokenRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def clause_of(token: Token) -> Token:
    """The verb a modifier belongs to (climbing out of noun phrases)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and not is_root(node):
        node = node.head
    return node


_SENTENCES_KEY = "newsgraph_attributions.sentence_bounds"


def index_sentences(doc: Doc) -> None:
    """Store each token's sentence bounds once: ``Token.sent`` rescans the document on
    every call, which made sentence lookups the component's main cost. A line break also
    ends a sentence: the parser runs sentences over paragraph breaks."""
    bounds: list[TokenRange] = [(0, len(doc))] * len(doc)
    if not len(doc):
        doc.user_data[_SENTENCES_KEY] = bounds
        return
    # Line breaks are found on the arrays (a space token's lower form is its text), so
    # that no Token is made for the other words.
    lower = token_table(doc).lower
    space = doc.to_array(IS_SPACE).tolist()
    for span in doc.sents:
        start = span.start
        for i in range(span.start, span.end):
            if space[i] and "\n" in lower[i]:
                _set_bounds(bounds, start, i + 1)
                start = i + 1
        _set_bounds(bounds, start, span.end)
    doc.user_data[_SENTENCES_KEY] = bounds


def _set_bounds(bounds: list[TokenRange], start: int, end: int) -> None:
    for i in range(start, end):
        bounds[i] = (start, end)


def forget_sentences(doc: Doc) -> None:
    doc.user_data.pop(_SENTENCES_KEY, None)


def sentence(token: Token) -> TokenRange:
    """Token range of the sentence holding ``token``."""
    bounds = token.doc.user_data.get(_SENTENCES_KEY)
    if bounds is None:
        index_sentences(token.doc)
        bounds = token.doc.user_data[_SENTENCES_KEY]
    result: TokenRange = bounds[token.i]
    return result
