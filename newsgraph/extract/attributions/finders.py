"""The parts of an attribution found around a cue word: its source, its content, the cue span.

Each finder reads one construction's shape in the parse (a subject, a clause
complement, a parenthetical, a quote next to the verb, an object, a passive agent) and
returns a token range, or a character range for content, or None when the shape is
not there.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.extract.attributions.lexicon import CueLexicon
from newsgraph.extract.attributions.quotes import QUOTE_MARKS, QuoteIndex
from newsgraph.extract.attributions.tree import (
    INHERITING_DEPS,
    PARENTHETICAL_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    Candidate,
    TokenRange,
    children_by_dep,
    is_root,
    overlaps,
    range_without,
    sentence,
    subtree_range,
    trimmed,
)
from newsgraph.nlp.extensions import doc_text

# What may separate a quote from its speaker ('"...," she said' / '"..." -- she said').
_GAP_BEFORE = re.compile(r"[\s,—–-]*")

# Words right before a cue verb that belong to the cue ("has not yet said").
CUE_MODIFIER_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})

# Adverbs that link the cue's clause to another rather than modify the cue ("when asked").
CLAUSE_ADVERBS = frozenset({"when", "then", "where", "while", "how", "why", "as", "so"})

# Relations through which a cue verb hangs from the verb of its speaker ("took to Twitter
# to say", "began by saying", "wrote an op-ed urging"): that verb joins the cue.
CUE_CHAIN_DEPS = frozenset({"xcomp", "advcl", "pcomp", "prep"})

MAX_CUE_CHAIN = 8  # tokens a cue may grow by to the left

# Entity types of a name that can speak ('"...," said NAME').
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})

# Punctuation that sets off a dateline or headline from the source's head.
SOURCE_BREAKS = frozenset({"—", "–", "--", ")", ":"})

# Possessors that make a cue noun the speaker's own ("my view of X"), not a report.
FIRST_PERSON_POSSESSIVES = frozenset({"my", "our", "your"})

# One-word contents that report nothing ("said little", "said so", "asked what").
EMPTY_CONTENT = frozenset({"what", "little", "nothing", "so", "much", "more", "whatever"})


def source_phrase(doc: Doc, head: Token) -> TokenRange | None:
    """The head's phrase, without a participle or adverbial clause after the head ("John
    Archer, wearing a T-shirt, said", "X when asked about Y said"), and without what a
    line break, a dash or a colon sets off before it (a dateline, a headline)."""
    start, end = subtree_range(head)
    for child in head.rights:
        if child.dep_ in ("acl", "advcl") and child.pos_ in ("VERB", "AUX"):
            end = min(end, child.left_edge.i)
    for i in range(head.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    for i in range(head.i - 1, start - 1, -1):
        token = doc[i]
        if token.text in SOURCE_BREAKS or "\n" in token.text:
            start = i + 1
            break
    phrase = trimmed(doc, start, end)
    if phrase is not None:
        # a lone quote mark at an edge closes or opens the quotation next to the speaker
        marks = [i for i in range(*phrase) if doc[i].text in QUOTE_MARKS]
        if len(marks) == 1 and marks[0] in (phrase[0], phrase[1] - 1):
            phrase = trimmed(doc, *range_without(phrase, (marks[0], marks[0] + 1)))
    return phrase


def find_source_head(verb: Token, lexicon: CueLexicon) -> Token | None:
    """The head of the phrase naming who speaks for ``verb``, climbing to borrow one."""
    token: Token | None = verb
    for _ in range(4):  # a few levels of "responded by signalling" nesting at most
        if token is None:
            return None
        subjects = children_by_dep(token, SUBJECT_DEPS)
        if subjects:  # the nearest, should the parser have given it two
            return min(subjects, key=lambda s: abs(s.i - verb.i))
        if token.i == verb.i and (share := _share_subject(verb)) is not None:
            return share
        if children_by_dep(token, PASSIVE_SUBJECT_DEPS):
            agents = [
                a for a in children_by_dep(token, ("agent",)) if children_by_dep(a, ("pobj",))
            ]
            return children_by_dep(agents[0], ("pobj",))[0] if agents else None
        if token.dep_ not in INHERITING_DEPS or is_root(token):
            return None
        head = token.head
        if token.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head  # "a statement describing ...": the noun is the source
        if token.dep_ == "xcomp" or head.lemma_.lower() in lexicon.via:
            objects = children_by_dep(head, ("dobj",))
            if objects:  # object control: "prompted observers to ...", "quoted X as ..."
                return objects[0]
        token = head
    return None


def _share_subject(verb: Token) -> Token | None:
    """'About 4 in 10 say ...', 'Less than a third agreed ...': a poll's share, which the
    parser hangs from the verb as a number or adverbial noun rather than its subject."""
    for child in verb.lefts:
        if child.dep_ not in ("nummod", "npadvmod"):
            continue
        if child.pos_ == "NUM" or any(
            g.dep_ in ("nummod", "quantmod", "det") for g in child.children
        ):
            return child
    return None


def _without_trailing_aside(doc: Doc, head: Token, start: int, end: int) -> tuple[int, int]:
    """Cut a comma-led participle clause that closes the phrase ('that X, pointing to
    Y'): the writer's comment, not part of what was said."""
    for child in head.rights:
        if child.right_edge.i + 1 < end or child.i - 1 < start:
            continue
        before = doc[child.left_edge.i - 1]
        participle = child.dep_ == "advcl" and child.tag_ == "VBG"
        if before.text == "," and participle:
            return start, before.i
    return start, end


def clause_content(doc: Doc, verb: Token, lexicon: CueLexicon) -> TokenRange | None:
    complements = children_by_dep(verb, ("ccomp",))
    if complements:
        # the nearest, when the parser gave the verb a second one from another sentence
        complement = min(complements, key=lambda c: abs(c.i - verb.i))
        start, end = subtree_range(complement)
        if start < verb.i < end:
            start = verb.i + 1  # "..., which he said were split": the speaker sits inside
        return trimmed(doc, *_without_trailing_aside(doc, complement, start, end))
    lemma = verb.lemma_.lower()
    if lemma in lexicon.object_control or lemma in lexicon.intention:
        xcomps = children_by_dep(verb, ("xcomp",))
        if xcomps:
            start, end = _without_trailing_aside(doc, xcomps[0], *subtree_range(xcomps[0]))
            objects = children_by_dep(verb, ("dobj",))
            if objects and objects[0].i < start:
                start = objects[0].left_edge.i
            return trimmed(doc, start, end)
    return None


def parenthetical_content(doc: Doc, verb: Token) -> TokenRange | None:
    """'Y, sources said.': the cue hangs off Y's verb; Y's clause minus the cue is content."""
    if verb.dep_ not in PARENTHETICAL_DEPS or is_root(verb):
        return None
    if children_by_dep(verb, ("dobj", "xcomp")) or verb.right_edge.i - verb.left_edge.i > 8:
        return None  # a clause of its own ("..., urging a review"), not "..., he said"
    head = verb.head
    own = subtree_range(verb)
    before = doc[own[0] - 1] if own[0] > 0 else None
    if head.i < verb.i and (before is None or not before.is_punct):
        return None  # "... and said": a coordinated clause, not a parenthetical
    outer = subtree_range(head)
    sent = sentence(verb)
    outer = (max(outer[0], sent[0]), min(outer[1], sent[1]))
    for i in range(own[0] - 1, outer[0] - 1, -1):
        if "\n" in doc[i].text:  # the parser ran the sentence over a paragraph break
            outer = (i + 1, outer[1])
            break
    return trimmed(doc, *range_without(outer, own))


def prepositional_content(
    doc: Doc, verb: Token, prepositions: frozenset[str]
) -> tuple[TokenRange, int] | None:
    """'talked about X', 'called for X': the prepositional object, and the preposition."""
    for prep in children_by_dep(verb, ("prep",)):
        if prep.lower_ not in prepositions or prep.i < verb.i:
            continue
        objects = children_by_dep(prep, ("pobj", "pcomp"))
        if objects:
            start, end = subtree_range(objects[0])
            for xcomp in children_by_dep(verb, ("xcomp",)):
                if xcomp.i >= end:  # "called on X to act": the infinitive too
                    end = max(end, xcomp.right_edge.i + 1)
            content = trimmed(doc, start, end)
            if content is not None:
                return content, prep.i
    return None


def for_clause_content(doc: Doc, verb: Token) -> tuple[TokenRange, int] | None:
    """'called for X to do Y': the clause after "for", and the "for"."""
    for clause in children_by_dep(verb, ("advcl",)):
        marks = [m for m in children_by_dep(clause, ("mark",)) if m.lower_ == "for"]
        if marks and marks[0].i > verb.i:
            content = trimmed(doc, marks[0].i + 1, clause.right_edge.i + 1)
            if content is not None:
                return content, marks[0].i
    return None


def quote_content(doc: Doc, verb: Token, quotes: QuoteIndex) -> TokenRange | None:
    """A quote right before the speaker ('"...," she said') or after a colon or comma
    ('she said: "..."'), when the parser did not attach it to the verb."""
    sent = sentence(verb)
    # where the speaker's clause begins: its left edge, or (when the parser hung the
    # quote itself on the verb) the subject before the verb, or the verb
    subjects = [t for t in children_by_dep(verb, SUBJECT_DEPS) if t.i < verb.i]
    anchors = {doc[verb.left_edge.i].idx, verb.idx}
    if subjects:
        anchors.add(doc[subjects[0].left_edge.i].idx)
    text = doc_text(doc)
    earliest = doc[sentence(doc[max(sent[0] - 1, 0)])[0]].idx
    for region in quotes.regions:
        if region[0] >= earliest and any(
            region[1] <= left and _GAP_BEFORE.fullmatch(text[region[1] : left]) for left in anchors
        ):
            return char_tokens(doc, region)
        cue_end = verb.idx + len(verb.text)
        if 0 <= region[0] - cue_end <= 40:
            gap = text[cue_end : region[0]].rstrip()
            if gap.endswith((":", ",")) and "\n\n" not in gap:
                return char_tokens(doc, region)
        if region[0] > cue_end + 40:
            break
    return None


def quoted_subject(doc: Doc, verb: Token, quotes: QuoteIndex) -> tuple[TokenRange, Token] | None:
    """'"...," Dana Novak, the mayor, said': the parser took the quote for the subject and
    hung the speaker on it. The quote is the content; the speaker is the first name or
    pronoun between the quote and the verb."""
    subjects = children_by_dep(verb, SUBJECT_DEPS)
    if not subjects:
        return None
    region = quotes.containing(subjects[0].idx)
    if region is None or region[1] > verb.idx:
        return None
    content = char_tokens(doc, region)
    if content is None or not content[1] < verb.i:
        return None
    for token in doc[content[1] : verb.i]:
        if token.pos_ in ("PROPN", "NOUN", "PRON") and token.text not in QUOTE_MARKS:
            speaker = token
            while (
                speaker.head.i < verb.i
                and speaker.head.i > speaker.i
                and speaker.dep_ in ("compound", "amod", "det", "poss", "nmod")
            ):
                speaker = speaker.head  # "Mayor Dana Novak": up to the phrase's head
            return content, speaker
        if not (token.is_punct or token.is_space):
            return None
    return None


def char_tokens(doc: Doc, region: tuple[int, int]) -> TokenRange | None:
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def object_content(doc: Doc, verb: Token) -> TokenRange | None:
    """The object, with what completes it ("called him a liar", "named X as Y")."""
    objects = children_by_dep(verb, ("dobj",))
    if not objects:
        return None
    start, end = _without_trailing_aside(doc, objects[0], *subtree_range(objects[0]))
    for child in verb.children:
        if child.i >= end and (
            child.dep_ in ("oprd", "ccomp") or (child.dep_ == "prep" and child.lower_ == "as")
        ):
            end = max(end, child.right_edge.i + 1)
    return trimmed(doc, start, end)


def cue_range(verb: Token, lexicon: CueLexicon) -> TokenRange:
    """The cue verb with its particle, and the auxiliaries, negation and adverbs right
    before it ("has not yet said")."""
    start = verb.i
    left = {
        child.i
        for child in verb.children
        if child.dep_ in CUE_MODIFIER_DEPS and child.lower_ not in CLAUSE_ADVERBS
    }
    while start - 1 in left:
        start -= 1
    end = verb.i + 1
    particles = lexicon.particles.get(verb.lemma_.lower(), frozenset())
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ in particles and child.i == end:
            end += 1
    # Annotators take in a particle and one-word adverbs right after the verb ("pointed
    # out", "said recently", "asked rhetorically"); measured on the PolNeAR training split.
    for child in verb.children:
        if child.i == end and child.dep_ in ("prt", "advmod") and child.right_edge.i == child.i:
            end += 1
    for child in verb.children:
        if child.i != end:
            continue
        if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            end = child.right_edge.i + 1  # "said Tuesday"
        else:
            channels = [
                o
                for o in children_by_dep(child, ("pobj",))
                if child.dep_ == "prep" and o.lemma_.lower() in lexicon.channels
            ]
            if channels:  # "said in a statement" (without what the statement is about)
                end = channels[0].i + 1
    return start, end


def inverted_speaker(doc: Doc, cue: TokenRange) -> Token | None:
    """'"...," said NAME, a ...': the name right after a speech verb that follows
    its content, when the parser made it the subject of some later verb instead."""
    if cue[1] >= len(doc):
        return None
    first = doc[cue[1]]
    end = first.i + 1
    if first.ent_iob_ == "B" and first.ent_type_ in SPEAKER_ENTITIES:
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    elif first.pos_ == "PROPN" and not first.ent_type_:  # a name the recogniser missed
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
            end += 1
    else:
        return None
    return doc[first.i : end].root


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def source_apart_from(
    doc: Doc, verb: Token, lexicon: CueLexicon, content: TokenRange
) -> tuple[Token, TokenRange] | None:
    """The verb's source head and phrase, when it has one that stays out of ``content``."""
    head = find_source_head(verb, lexicon)
    if head is None:
        return None
    source = source_phrase(doc, head)
    if source is None or overlaps(source, content):
        return None
    return head, source


def passive_content(doc: Doc, verb: Token) -> tuple[TokenRange, int] | None:
    """'The plan was criticised by the unions': the passive subject, when an agent is
    named (the agent is the source), and the index of "by"."""
    subjects = children_by_dep(verb, PASSIVE_SUBJECT_DEPS)
    agents = [a for a in children_by_dep(verb, ("agent",)) if children_by_dep(a, ("pobj",))]
    if not subjects or not agents:
        return None
    content = trimmed(doc, *subtree_range(subjects[0]))
    return (content, agents[0].i) if content is not None else None


def that_clause(verb: Token) -> bool:
    """The verb has a subject and a complement clause opened by "that"."""
    subject = that = False
    for child in verb.children:
        dep = child.dep_
        if dep in SUBJECT_DEPS:
            subject = True
        elif dep == "ccomp":
            that = that or any(m.dep_ == "mark" and m.lower_ == "that" for m in child.lefts)
    return subject and that


def cue_lemma(token: Token, lexicon: CueLexicon) -> str:
    """The token's lemma, repaired where the lemmatiser cut a final "e" that the
    lexicon's word has ("hopes" -> "hop" -> "hope")."""
    lemma = token.lemma_.lower()
    fuller = lemma + "e"
    known = fuller in lexicon.speech or fuller in lexicon.intention
    if known and (token.lower_.startswith(fuller) or token.lower_ == lemma + "ing"):
        return fuller
    return lemma


def extend_cue_over_chain(
    doc: Doc, candidate: Candidate, by_cue: dict[int, int], lexicon: CueLexicon
) -> None:
    """'She took to Twitter to say ...': a cue verb that borrows its speaker from the
    verb it hangs from takes that verb (and what lies between) into the cue, unless that
    verb is a cue of its own or the stretch is long or broken by punctuation."""
    if candidate.verb is None or candidate.source is None:
        return
    node = doc[candidate.verb]
    top: Token | None = None
    while node.dep_ in CUE_CHAIN_DEPS and not is_root(node):
        if children_by_dep(node, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
            break
        node = node.head
        if node.i in by_cue or node.i > candidate.verb:
            return
        if node.pos_ in ("VERB", "AUX"):
            top = node
    if top is None or top.i < candidate.source[1]:
        return
    start = cue_range(top, lexicon)[0]
    if candidate.cue[0] - start > MAX_CUE_CHAIN or start < candidate.source[1]:
        return
    if any(t.is_punct for t in doc[start : candidate.cue[0]]):
        return
    if doc[top.i].idx < candidate.content[1] and candidate.content[0] < doc[candidate.cue[0]].idx:
        return  # the content lies between the two verbs
    candidate.cue = (start, candidate.cue[1])
