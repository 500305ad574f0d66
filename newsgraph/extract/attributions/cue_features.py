"""What the cue model sees of a word: the features of one token, as strings.

The same function serves training (``newsgraph train cues``) and the component, so the
model is always scored on the features it was trained on. A feature is a short string
("l=say", "l|c.d=say|ccomp"); the model is a weight per string (``cue_model``).

The features follow the classic recipe for attribution cues (Pareti et al. 2013): the
word, its lemma and part of speech, its syntactic role and parent, the roles of its
children and what fills the subject, the neighbouring words, the quotation marks nearby,
what the hand-written rules made of the word (a rule candidate and its kind), so the
model learns when to trust the rules and where they miss, and whether the word lies in
what another candidate reports (annotators who give each word to one attribution mark
such nested attributions only sometimes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from newsgraph.extract.attributions.lexicon import CueLexicon
from newsgraph.extract.attributions.quotes import QUOTE_MARKS, QuoteIndex
from newsgraph.extract.attributions.tree import Candidate
from newsgraph.nlp.extensions import TokenTable, token_table

# Parts of speech of the words the model may turn into candidates of their own.
ADDABLE_POS = frozenset({"VERB", "AUX", "NOUN"})
QUOTE_WINDOW = 3  # tokens either side in which a quotation mark counts as "near"


def head_key(lemma: str, pos: str) -> str:
    """How the model names a (lemma, part of speech) pair it has seen head a cue."""
    return f"{lemma}|{pos}"


def scored_words(doc: Doc, kinds: dict[int, str], heads: frozenset[str]) -> list[int]:
    """The words the model scores: every rule candidate's anchor (to keep or drop it),
    and the verbs and nouns the rules passed over whose (lemma, POS) has headed a cue in
    the training data (to add them). Other words cannot change the outcome."""
    table = token_table(doc)
    found = []
    for i, (lemma, pos) in enumerate(zip(table.lemma, table.pos, strict=True)):
        kind = kinds.get(i)
        if kind is None:
            if pos in ADDABLE_POS and head_key(lemma, pos) in heads:
                found.append(i)
        elif kind != "inside":
            found.append(i)
    return found


def scored_features(
    doc: Doc,
    candidates: list[Candidate],
    kinds: dict[int, str],
    heads: frozenset[str],
    lexicon: CueLexicon,
    quotes: QuoteIndex,
) -> Iterator[tuple[int, list[str]]]:
    """(token index, features) of each word of ``scored_words``: what training labels
    and what the component scores. ``kinds`` is ``rule_kinds(candidates)``."""
    table = token_table(doc)
    contents = [(c.content, c.anchor, c.kind) for c in candidates]
    for i in scored_words(doc, kinds, heads):
        token = doc[i]
        features = token_features(token, table, lexicon, quotes, kinds.get(i))
        # inside what another candidate reports: a nested attribution, which annotators
        # who give each word one attribution mark only in some cases
        start = token.idx
        for (first, last), anchor, kind in contents:
            if first <= start < last and anchor != i:
                features += [f"in={kind}", f"rule|in={kinds.get(i, 'none')}|{kind}"]
                break
        yield i, features


def rule_kinds(candidates: list[Candidate]) -> dict[int, str]:
    """Token index -> what the rules made of the word: the kind of the candidate it
    anchors ("_x" marks one kept only for an expert source), or "inside" another's cue."""
    kinds: dict[int, str] = {}
    for candidate in candidates:
        for i in range(*candidate.cue):
            kinds.setdefault(i, "inside")
    for candidate in candidates:
        kinds[candidate.anchor] = candidate.kind + ("_x" if candidate.expert_only else "")
    return kinds


def _lexicon_classes(lemma: str, lexicon: CueLexicon) -> Iterable[str]:
    for name in ("speech", "cognition", "object", "analysis", "intention", "coverage"):
        if lemma in getattr(lexicon, name):
            yield name
    if lemma in lexicon.nominal:
        yield "nominal"
    if lemma in lexicon.via:
        yield "via"


def token_features(
    token: Token,
    table: TokenTable,
    lexicon: CueLexicon,
    quotes: QuoteIndex,
    rule_kind: str | None,
) -> list[str]:
    """The features of one word. ``rule_kind`` is the kind of the rule candidate whose
    cue head this word is ("clause", "object", ...), "inside" when the word lies in a
    candidate's cue without heading it, or None."""
    i = token.i
    lemma = table.lemma[i]
    pos = table.pos[i]
    dep = token.dep_
    feats = [
        "bias",
        f"w={table.lower[i]}",
        f"l={lemma}",
        f"p={pos}",
        f"t={token.tag_}",
        f"d={dep}",
        f"l|p={lemma}|{pos}",
        f"l|d={lemma}|{dep}",
        f"t|d={token.tag_}|{dep}",
    ]
    head = token.head
    if head.i == token.i:
        feats.append("root")
    else:
        feats += [
            f"h.l={head.lemma_.lower()}",
            f"d|h.p={dep}|{head.pos_}",
            f"l|h.l={lemma}|{head.lemma_.lower()}",
        ]
    for child in token.children:
        child_dep = child.dep_
        feats += [f"c.d={child_dep}", f"l|c.d={lemma}|{child_dep}"]
        if child_dep in ("nsubj", "nsubjpass", "poss", "agent"):
            subject = child
            if child_dep == "agent":
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if not objects:
                    continue
                subject = objects[0]
            feats += [
                f"s.e={subject.ent_type_ or '-'}",
                f"s.p={subject.pos_}",
                f"s.l={subject.lemma_.lower()}",
                f"l|s.e={lemma}|{subject.ent_type_ or '-'}",
            ]
        elif child_dep in ("ccomp", "xcomp", "dobj", "prep", "prt", "mark"):
            feats.append(f"c.d|c.l={child_dep}|{child.lemma_.lower()}")
        if child_dep == "mark" or (child_dep == "ccomp" and child.i > token.i):
            feats.append(f"c.d|dir={child_dep}|{'r' if child.i > token.i else 'l'}")
    words = table.lower
    before = words[i - 1] if i > 0 else "<s>"
    after = words[i + 1] if i + 1 < len(words) else "</s>"
    feats += [f"w-1={before}", f"w+1={after}", f"l|w+1={lemma}|{after}"]
    if quotes.containing(token.idx) is not None:
        feats.append("in_quote")
    for j in range(max(i - QUOTE_WINDOW, 0), min(i + QUOTE_WINDOW + 1, len(words))):
        if words[j] in QUOTE_MARKS:
            feats.append("quote_left" if j < i else "quote_right")
    feats += [f"lex={name}" for name in _lexicon_classes(lemma, lexicon)]
    if rule_kind is not None:
        feats += [f"rule={rule_kind}", f"rule|l={rule_kind}|{lemma}"]
    else:
        feats.append("rule=none")
    return feats
