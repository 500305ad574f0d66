"""Score text windows of a parsed Doc against the category lexicon.

Matching happens once per Doc (:func:`find_hits`); scoring a window (a sentence, a lead
paragraph, a whole snippet) then only filters the hits by character range and evaluates
each label's cues, so categorising many events of one document stays cheap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, SENT_START
from spacy.tokens import Doc, Token

from newsgraph.extract.category.lexicon import PREFIX_MIN, Cue, Lexicon, Term
from newsgraph.nlp.extensions import doc_text, token_table

# Phrases of this concept hide the shorter terms inside them from every other concept.
MASK_CONCEPT = "mask"
# Distinct word keys remembered by TermIndex before the memo starts afresh.
MEMO_LIMIT = 200_000
# At most this many repeated hits count towards a cue's ``each`` bonus.
EACH_CAP = 3


@dataclass(frozen=True)
class Hit:
    concept: str
    position: int  # index of the first word in the punctuation-free word stream
    token: int  # index of the first token in the Doc (for dependency checks)
    start_char: int


@dataclass(frozen=True)
class Scored:
    label: str | None  # None when the best score is below the lexicon's minimum
    score: float
    best: str | None  # the best-scoring label even when below the minimum
    scores: dict[str, float]


@dataclass(frozen=True)
class _Match:
    start: int  # word-stream positions, end exclusive
    end: int
    concepts: frozenset[str]


class TermIndex:
    """Terms indexed by their first word: exact words by text, prefixes by first letters."""

    def __init__(self, lexicon: Lexicon):
        self.exact: dict[str, list[Term]] = defaultdict(list)
        self.prefixed: dict[str, list[Term]] = defaultdict(list)
        # Word keys repeat a lot across documents; remember their candidate terms.
        self._memo: dict[tuple[str, ...], tuple[Term, ...]] = {}
        for term in lexicon.terms:
            first = term.words[0]
            if first.prefix:
                self.prefixed[first.text[:PREFIX_MIN]].append(term)
            else:
                self.exact[first.text].append(term)

    def candidates(self, keys: tuple[str, ...]) -> tuple[Term, ...]:
        cached = self._memo.get(keys)
        if cached is None:
            found: list[Term] = []
            for key in keys:
                found.extend(self.exact.get(key, ()))
            for key in set(key[:PREFIX_MIN] for key in keys):
                found.extend(self.prefixed.get(key, ()))
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()  # bounded memory on endless streams
            cached = self._memo[keys] = tuple(found)
        return cached


# Token attributes read in one numpy call; Token objects are slow to create per word.
_COLUMNS = [IDX, IS_PUNCT, IS_SPACE, SENT_START]


@lru_cache(maxsize=65536)
def _keys(orth: str, lemma: str, pos: str, sentence_start: bool) -> tuple[str, ...]:
    """The strings a word is looked up by: lower-cased form, lemma, and "lemma/pos"."""
    if orth == "March" and not sentence_start:
        return ("march_month",)  # the month, not a protest march
    lower = orth.lower()
    lemma = lemma.lower() or lower
    # "lemma/pos" lets a term name one part of speech ("fire/noun" is a blaze, not a shot).
    tagged = f"{lemma}/{pos.lower()}"
    return (lower, tagged) if lemma == lower else (lower, lemma, tagged)


def _word_stream(doc: Doc) -> tuple[list[int], list[tuple[str, ...]]]:
    """Token indices of the non-punctuation words and their lookup keys."""
    # The words' strings come from the document's token table (read once for every
    # component); only the flags are read here.
    table = token_table(doc)
    text = doc_text(doc)
    indices: list[int] = []
    keys: list[tuple[str, ...]] = []
    for i, (idx, punct, space, start) in enumerate(doc.to_array(_COLUMNS).tolist()):
        if punct or space:
            continue
        lower = table.lower[i]
        # The month is told from the protest march by its capital, so that one word
        # is compared as written.
        orth = text[idx : idx + 5] if lower == "march" else lower
        indices.append(i)
        keys.append(_keys(orth, table.lemma[i], table.pos[i], start == 1))
    return indices, keys


def _matches(keys: list[tuple[str, ...]], index: TermIndex) -> list[_Match]:
    found: list[_Match] = []
    total = len(keys)
    for position in range(total):
        for term in index.candidates(keys[position]):
            length = len(term.words)
            if position + length > total:
                continue
            if all(term.words[k].matches(keys[position + k]) for k in range(length)):
                found.append(_Match(position, position + length, term.concepts))
    return found


def _shadowed(match: _Match, concept: str, masks: list[_Match]) -> bool:
    # Words inside a phrase of the lexicon's "mask" concept do not count on their own for
    # other concepts: "riot" in "riot police", "bullets" in "rubber bullets".
    return concept != MASK_CONCEPT and any(
        mask.start <= match.start
        and match.end <= mask.end
        and mask.end - mask.start > match.end - match.start
        for mask in masks
    )


def find_hits(doc: Doc, index: TermIndex) -> list[Hit]:
    """Every occurrence of every lexicon term in ``doc`` (punctuation skipped)."""
    indices, keys = _word_stream(doc)
    matches = _matches(keys, index)
    masks = [m for m in matches if MASK_CONCEPT in m.concepts]
    hits: list[Hit] = []
    seen: set[tuple[str, int]] = set()
    for match in matches:
        token = doc[indices[match.start]]
        for concept in sorted(match.concepts):
            if (concept, match.start) in seen or _shadowed(match, concept, masks):
                continue
            seen.add((concept, match.start))
            hits.append(Hit(concept, match.start, token.i, token.idx))
    return hits


def _linked(doc: Doc, first: list[Hit], second: list[Hit]) -> bool:
    for a in first:
        for b in second:
            ta, tb = doc[a.token], doc[b.token]
            if ta.head.i == tb.i or tb.head.i == ta.i or ta.head.i == tb.head.i:
                return True
            if ta.head.head.i == tb.i or tb.head.head.i == ta.i:
                return True
    return False


# Dependency labels that attach a modifier to the noun it modifies ("security" in
# "security forces", "Taliban" in "Taliban fighters").
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}


def _phrase_head(token: Token) -> Token:
    while token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose doer ``noun`` is: active subject, or the agent of a passive."""
    head = _phrase_head(noun)
    if head.dep_ == "nsubj":
        return head.head
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return head.head.head
    return None


def _is_subject(doc: Doc, verbs: list[Hit], doers: list[Hit]) -> bool:
    verb_tokens = {v.token for v in verbs}
    for doer in doers:
        verb = _governing_verb(doc[doer.token])
        if verb is None:
            continue
        # Coordinated verbs share the subject: "stormed and captured the town".
        related = {verb.i} | {child.i for child in verb.children if child.dep_ in ("conj", "xcomp")}
        if related & verb_tokens:
            return True
    return False


def _near(by_concept: dict[str, list[Hit]], names: tuple[str, ...], distance: int) -> bool:
    for anchor in by_concept[names[0]]:
        if all(
            any(abs(h.position - anchor.position) <= distance for h in by_concept[name])
            for name in names[1:]
        ):
            return True
    return False


def _fires(cue: Cue, by_concept: dict[str, list[Hit]], doc: Doc) -> bool:
    if not all(name in by_concept for name in cue.all_of):
        return False
    if any(name in by_concept for name in cue.none_of):
        return False
    if cue.any_of and not any(name in by_concept for name in cue.any_of):
        return False
    if cue.near is not None and not _near(by_concept, cue.all_of, cue.near):
        return False
    pair = cue.all_of[:2] if len(cue.all_of) > 1 else None
    if cue.linked and pair and not _linked(doc, by_concept[pair[0]], by_concept[pair[1]]):
        return False
    if cue.subject and pair:
        return _is_subject(doc, by_concept[pair[0]], by_concept[pair[1]])
    return True


def _cue_weight(cue: Cue, by_concept: dict[str, list[Hit]]) -> float:
    if not cue.each:
        return cue.weight
    # Repeated evidence: distinct further words of the first concept add a little each.
    extra = len({hit.position for hit in by_concept[cue.all_of[0]]}) - 1
    return cue.weight + cue.each * min(extra, EACH_CAP)


def score_hits(hits: list[Hit], doc: Doc, lexicon: Lexicon) -> Scored:
    """Score one window given the hits that fall inside it."""
    by_concept: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_concept[hit.concept].append(hit)
    scores: dict[str, float] = {}
    for rules in lexicon.labels:
        # The first test of `_fires`, inline: most cues lack their first concept, and a
        # window is scored against every cue of every label.
        total = sum(
            _cue_weight(cue, by_concept)
            for cue in rules.cues
            if cue.all_of[0] in by_concept and _fires(cue, by_concept, doc)
        )
        if total > 0:
            scores[rules.label] = round(total, 3)
    if not scores:
        return Scored(None, 0.0, None, scores)
    # max() keeps the first of equal scores, and scores follow the file's label order.
    best = max(scores, key=lambda label: scores[label])
    label = best if scores[best] >= lexicon.min_score else None
    return Scored(label, scores[best], best, scores)


def hits_between(hits: list[Hit], start_char: int, end_char: int) -> list[Hit]:
    return [hit for hit in hits if start_char <= hit.start_char < end_char]
