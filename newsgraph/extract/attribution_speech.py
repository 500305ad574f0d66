"""Find attribution candidates in the dependency parse: cue, source and content spans.

Constructions (cue words come from ``data/attribution_cues.yaml``):

* clause complement: "X said (that) Y", "X told reporters Y", '"Y," X said', 'X said: "Y"'
* parenthetical: "Y, sources said." / "Y, he added, Z" (the cue hangs off Y's verb)
* object content: "X reported the meeting", "X denied the claim"
* control: "prompting observers to scrutinise Y", "responded by signalling that Y"
  (the source is the controlling subject or object)
* prepositions: "according to X, Y"
* via: "X reported Y, citing Z" (Z becomes its own attribution, linked by ``via``)
* sourceless adverbs: "he reportedly left"
* coverage: "X did not cover Y" (negated coverage statement)

Spans here are token ranges [start, end) except ``content``, which is a character range
because quotes later widen it past token and sentence boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution_lexicon import CueLexicon
from newsgraph.extract.quotes import QUOTE_CHARS, QuoteIndex
from newsgraph.nlp.extensions import doc_text

TokenRange = tuple[int, int]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Relations through which a subject-less verb borrows the subject of the verb it hangs
# from ("responded by signalling ...", "... adding that ...", "and warned ...").
INHERITING_DEPS = frozenset({"xcomp", "advcl", "pcomp", "conj", "prep", "acl"})
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
# What may separate a quote from its speaker ('"...," she said' / '"..." -- she said').
_GAP_BEFORE = re.compile(r"[\s,—–-]*")
# Words right before a cue verb that belong to the cue ("has not yet said").
CUE_MODIFIER_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
# Verbs whose object plus infinitive is the content ("urged Congress to act").
OBJECT_CONTROL_XCOMP = frozenset(
    {
        "urge",
        "ask",
        "call",
        "tell",
        "warn",
        "advise",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "refuse",
        "demand",
        "expect",
        "want",
        "hope",
        "plan",
        "encourage",
        "invite",
        "order",
        "push",
        "press",
        "appeal",
        "decline",
        "offer",
        "agree",
    }
)


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


def _is_root(token: Token) -> bool:
    # spaCy builds a fresh Token object on each access, so identity tests never hold.
    return token.head.i == token.i


def _is_punct_edge(token: Token) -> bool:
    return token.is_punct and token.text not in QUOTE_CHARS or token.is_space


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


def _chars(doc: Doc, tokens: TokenRange) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


def _children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [child for child in token.children if child.dep_ in wanted]


def _source_phrase(doc: Doc, head: Token) -> TokenRange | None:
    return trimmed(doc, *subtree_range(head))


def find_source_head(verb: Token, lexicon: CueLexicon) -> Token | None:
    """The head of the phrase naming who speaks for ``verb``, climbing to borrow one."""
    token: Token | None = verb
    for _ in range(4):  # a few levels of "responded by signalling" nesting at most
        if token is None:
            return None
        subjects = _children(token, SUBJECT_DEPS)
        if subjects:
            return subjects[0]
        if _children(token, PASSIVE_SUBJECT_DEPS):
            agents = [a for a in _children(token, ("agent",)) if _children(a, ("pobj",))]
            return _children(agents[0], ("pobj",))[0] if agents else None
        if token.dep_ not in INHERITING_DEPS or _is_root(token):
            return None
        head = token.head
        if token.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head  # "a statement describing ...": the noun is the source
        if token.dep_ == "xcomp" or head.lemma_.lower() in lexicon.via:
            objects = _children(head, ("dobj",))
            if objects:  # object control: "prompted observers to ...", "quoted X as ..."
                return objects[0]
        token = head
    return None


def _clause_content(doc: Doc, verb: Token, lexicon: CueLexicon) -> TokenRange | None:
    complements = _children(verb, ("ccomp",))
    if complements:
        return trimmed(doc, *subtree_range(complements[0]))
    lemma = verb.lemma_.lower()
    if lemma in OBJECT_CONTROL_XCOMP or lemma in lexicon.intention:
        xcomps = _children(verb, ("xcomp",))
        if xcomps:
            start, end = subtree_range(xcomps[0])
            objects = _children(verb, ("dobj",))
            if objects and objects[0].i < start:
                start = objects[0].left_edge.i
            return trimmed(doc, start, end)
    return None


def _parenthetical_content(doc: Doc, verb: Token) -> TokenRange | None:
    """'Y, sources said.': the cue hangs off Y's verb; Y's clause minus the cue is content."""
    if verb.dep_ not in PARENTHETICAL_DEPS or _is_root(verb):
        return None
    if _children(verb, ("dobj", "xcomp")) or verb.right_edge.i - verb.left_edge.i > 8:
        return None  # a clause of its own ("..., urging a review"), not "..., he said"
    head = verb.head
    own = subtree_range(verb)
    before = doc[own[0] - 1] if own[0] > 0 else None
    if head.i < verb.i and (before is None or not before.is_punct):
        return None  # "... and said": a coordinated clause, not a parenthetical
    outer = subtree_range(head)
    sent = sentence(verb)
    outer = (max(outer[0], sent[0]), min(outer[1], sent[1]))
    return trimmed(doc, *range_without(outer, own))


def _prepositional_content(
    doc: Doc, verb: Token, lexicon: CueLexicon
) -> tuple[TokenRange, int] | None:
    """'talked about X', 'called for X': the prepositional object, and the preposition."""
    for prep in _children(verb, ("prep",)):
        if prep.lower_ not in lexicon.prepositional or prep.i < verb.i:
            continue
        objects = _children(prep, ("pobj", "pcomp"))
        if objects:
            content = trimmed(doc, *subtree_range(objects[0]))
            if content is not None:
                return content, prep.i
    return None


def _quote_content(doc: Doc, verb: Token, quotes: QuoteIndex) -> TokenRange | None:
    """A quote right before the speaker ('"...," she said') or after a colon or comma
    ('she said: "..."'), when the parser did not attach it to the verb."""
    sent = sentence(verb)
    left = doc[verb.left_edge.i].idx
    text = doc_text(doc)
    for region in quotes.regions:
        if (
            region[1] <= left
            and _GAP_BEFORE.fullmatch(text[region[1] : left])
            and region[0] >= doc[sentence(doc[max(sent[0] - 1, 0)])[0]].idx
        ):
            return _char_tokens(doc, region)
        cue_end = verb.idx + len(verb.text)
        if 0 <= region[0] - cue_end <= 40:
            gap = text[cue_end : region[0]].rstrip()
            if gap.endswith((":", ",")) and "\n\n" not in gap:
                return _char_tokens(doc, region)
        if region[0] > cue_end + 40:
            break
    return None


def _char_tokens(doc: Doc, region: tuple[int, int]) -> TokenRange | None:
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _object_content(doc: Doc, verb: Token) -> TokenRange | None:
    objects = _children(verb, ("dobj",))
    if not objects:
        return None
    return trimmed(doc, *subtree_range(objects[0]))


def _cue_range(verb: Token, lexicon: CueLexicon) -> TokenRange:
    """The cue verb with its particle, and the auxiliaries, negation and adverbs right
    before it ("has not yet said")."""
    start = verb.i
    left = {child.i for child in verb.children if child.dep_ in CUE_MODIFIER_DEPS}
    while start - 1 in left:
        start -= 1
    end = verb.i + 1
    particles = lexicon.particles.get(verb.lemma_.lower(), frozenset())
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ in particles and child.i == end:
            end += 1
    for child in verb.children:
        if child.i != end:
            continue
        if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            end = child.right_edge.i + 1  # "said Tuesday"
        elif child.dep_ == "prep" and any(
            o.lemma_.lower() in lexicon.channels for o in _children(child, ("pobj",))
        ):
            end = child.right_edge.i + 1  # "said in a statement"
    return start, end


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _verb_candidate(
    doc: Doc, verb: Token, lexicon: CueLexicon, quotes: QuoteIndex
) -> Candidate | None:
    lemma = verb.lemma_.lower()
    speech = lemma in lexicon.speech
    cognition = lemma in lexicon.cognition
    analysis = lemma in lexicon.analysis
    intention = lemma in lexicon.intention
    coverage = lemma in lexicon.coverage and _negated(verb)
    if not (speech or cognition or analysis or intention or coverage or lemma in lexicon.object):
        return None
    content: TokenRange | None = None
    kind = "clause"
    cue = _cue_range(verb, lexicon)
    if speech or cognition or analysis or intention:
        content = _clause_content(doc, verb, lexicon)
        if content is not None and not _children(verb, ("ccomp",)):
            kind = "intention"  # "vowed to X": an infinitive, not a reported clause
    if content is None and speech:
        content, kind = _parenthetical_content(doc, verb), "parenthetical"
    if content is None and speech:
        content, kind = _quote_content(doc, verb, quotes), "quote"
    if content is None and (lemma in lexicon.object or analysis or coverage or intention):
        content, kind = _object_content(doc, verb), "object"
    if content is None:
        found = _prepositional_content(doc, verb, lexicon)
        if found is not None:
            content, kind = found[0], "object"
            if found[1] - cue[1] <= 1:
                cue = (cue[0], found[1] + 1)
    if content is None:
        return None
    if coverage:
        kind = "coverage"
    head = find_source_head(verb, lexicon)
    source = _source_phrase(doc, head) if head is not None else None
    if source is not None and _overlaps(source, content):
        source = None
    if head is None and kind in ("parenthetical", "object"):
        return None  # no speaker and no clause: too weak to call an attribution
    return Candidate(
        cue=cue,
        source=source,
        content=_chars(doc, content),
        kind=kind,
        negated=_negated(verb),
        expert_only=not (speech or cognition or lemma in lexicon.object or coverage),
        source_head=head.i if head is not None else None,
    )


def _overlaps(a: TokenRange, b: TokenRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clause_of(token: Token) -> Token:
    """The verb a modifier belongs to (climbing out of noun phrases)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and not _is_root(node):
        node = node.head
    return node


def _preposition_candidate(doc: Doc, token: Token, lexicon: CueLexicon) -> Candidate | None:
    """'according to X, Y': cue 'according to', source X, content the clause Y."""
    followers = lexicon.prepositions.get(token.lower_)
    if followers is None:
        return None
    end = token.i + 1
    for word in followers:
        if end >= len(doc) or doc[end].lower_ != word:
            return None
        end += 1
    pobjs = [t for t in doc[token.i : end] for t in _children(t, ("pobj",))]
    if not pobjs:
        return None
    phrase = subtree_range(token)
    source = trimmed(doc, *subtree_range(pobjs[0]))
    clause = _clause_of(token if _is_root(token) else token.head)
    sent = sentence(token)
    outer = subtree_range(clause) if clause.i != token.i else sent
    outer = (max(outer[0], sent[0]), min(outer[1], sent[1]))
    content = trimmed(doc, *range_without(outer, phrase))
    if content is None or source is None or _overlaps(source, content):
        return None
    return Candidate(
        cue=(token.i, end),
        source=source,
        content=_chars(doc, content),
        kind="preposition",
        source_head=pobjs[0].i,
    )


def _sourceless_candidate(doc: Doc, token: Token, lexicon: CueLexicon) -> Candidate | None:
    """'he reportedly left': no one is named, the adverb itself is the cue."""
    if token.lower_ not in lexicon.sourceless or _is_root(token):
        return None
    verb = _clause_of(token.head)
    sent = sentence(token)
    outer = subtree_range(verb)
    outer = (max(outer[0], sent[0]), min(outer[1], sent[1]))
    content = trimmed(doc, *outer)
    if content is None:
        return None
    return Candidate(
        cue=(token.i, token.i + 1),
        source=None,
        content=_chars(doc, content),
        kind="sourceless",
        hedges=[token.lower_],
    )


def _via_candidates(
    doc: Doc, candidates: list[Candidate], by_cue: dict[int, int], lexicon: CueLexicon
) -> Iterator[Candidate]:
    """'X reported Y, citing Z': Z is an attribution of its own, the basis of X's."""
    for token in doc:
        if token.lemma_.lower() not in lexicon.via or token.pos_ != "VERB":
            continue
        objects = _children(token, ("dobj",))
        if not objects or _is_root(token):
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
            content = _chars(doc, clause)
        yield Candidate(
            cue=(token.i, token.i + 1),
            source=source,
            content=content,
            kind="via",
            via_target=parent,
            source_head=objects[0].i,
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
        )


def find_candidates(doc: Doc, lexicon: CueLexicon, quotes: QuoteIndex) -> list[Candidate]:
    """All attribution candidates of a parsed document, one per cue token, in text order."""
    candidates: list[Candidate] = []
    by_cue: dict[int, int] = {}
    for token in doc:
        candidate: Candidate | None = None
        if token.lower_ in lexicon.prepositions:
            candidate = _preposition_candidate(doc, token, lexicon)
        elif token.lower_ in lexicon.sourceless:
            candidate = _sourceless_candidate(doc, token, lexicon)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in lexicon.via:
            candidate = _verb_candidate(doc, token, lexicon, quotes)
        if candidate is not None:
            by_cue[token.i] = len(candidates)
            candidates.append(candidate)
    candidates.extend(_via_candidates(doc, candidates, by_cue, lexicon))
    taken = {c.cue[0] for c in candidates}
    candidates.extend(c for c in _labelled_lines(doc) if c.cue[0] not in taken)
    return candidates


_SENTENCES_KEY = "newsgraph_attributions.sentence_bounds"


def index_sentences(doc: Doc) -> None:
    """Store each token's sentence bounds once: ``Token.sent`` rescans the document on
    every call, which made sentence lookups the component's main cost."""
    bounds: list[TokenRange] = [(0, len(doc))] * len(doc)
    for span in doc.sents:
        for i in range(span.start, span.end):
            bounds[i] = (span.start, span.end)
    doc.user_data[_SENTENCES_KEY] = bounds


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
