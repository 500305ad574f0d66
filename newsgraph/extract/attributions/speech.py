"""Find attribution candidates in the dependency parse: cue, source and content spans.

Constructions (cue words come from ``data/attribution_cues.yaml``):

* clause complement: "X said (that) Y", "X told reporters Y", '"Y," X said', 'X said: "Y"'
* parenthetical: "Y, sources said." / "Y, he added, Z" (the cue hangs off Y's verb)
* object content: "X reported the meeting", "X denied the claim"
* control: "prompting observers to scrutinise Y", "responded by signalling that Y"
  (the source is the controlling subject or object)
* prepositions: "according to X, Y"
* verb prepositions: "X spoke about Y", "X voted for Y" (the preposition joins the cue)
* "for" clauses: "X called for Y to act"
* nominal: "X's endorsement of Y", "X is a critic of Y", "X's claim that Y"
* light verbs: "X made comments about Y", "X took issue with Y"
* passive with agent: "Y was criticised by X"
* any verb with a subject and a "that" clause: "X figured that Y" (besides the lexicon's)
* via: "X reported Y, citing Z" (Z becomes its own attribution, linked by ``via``)
* sourceless adverbs: "he reportedly left"
* coverage: "X did not cover Y" (negated coverage statement)
* labelled lines and signed quotes: 'Trump: "..."', '"..." ― Dana Novak'

``rule_candidates`` holds what the lexicon finds; the cue model (``cue_scoring``) may drop
some and add verbs and nouns of its own (``learned_candidate``) before
``linked_candidates`` adds the via, labelled and signed ones.

A cue verb that borrows its speaker from the verb it hangs from takes that verb into the
cue ("took to Twitter to say").

Spans here are token ranges [start, end) except ``content``, which is a character range
because quotes later widen it past token and sentence boundaries.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extract.attributions.lexicon import CueLexicon
from newsgraph.extract.attributions.quotes import QUOTE_MARKS, QuoteIndex
from newsgraph.nlp.extensions import doc_text, token_table

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
# Prepositions that carry the content of a cue noun ("endorsement of X", "call for X"),
# and of a light verb's noun ("took issue with X", "took aim at X").
NOMINAL_PREPOSITIONS = frozenset({"of", "for", "on", "against", "to", "about", "over"})
LIGHT_PREPOSITIONS = NOMINAL_PREPOSITIONS | {"with", "at", "in"}
# Possessors that make a cue noun the speaker's own ("my view of X"), not a report.
FIRST_PERSON_POSSESSIVES = frozenset({"my", "our", "your"})
# One-word contents that report nothing ("said little", "said so", "asked what").
EMPTY_CONTENT = frozenset({"what", "little", "nothing", "so", "much", "more", "whatever"})
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
    verb: int | None = None  # token index of the cue verb, when the cue is a verb
    confirmed: bool = False  # the cue model is sure of it: kept whatever its source
    anchor: int = -1  # the word the candidate was found at (its verb, noun or preposition)


def _is_root(token: Token) -> bool:
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


def _clause_apart_from(clause: TokenRange, phrase: TokenRange) -> TokenRange:
    """The clause without a phrase inside it: when the phrase sits in the middle ("The
    plan, according to X, is ...", "But according to X, ..."), the longer of the two
    sides, since a record's content is one span."""
    if not (clause[0] < phrase[0] and phrase[1] < clause[1]):
        return range_without(clause, phrase)
    before, after = phrase[0] - clause[0], clause[1] - phrase[1]
    return (clause[0], phrase[0]) if before > after else (phrase[1], clause[1])


def _chars(doc: Doc, tokens: TokenRange) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


def _children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [child for child in token.children if child.dep_ in wanted]


def _source_phrase(doc: Doc, head: Token) -> TokenRange | None:
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
        subjects = _children(token, SUBJECT_DEPS)
        if subjects:  # the nearest, should the parser have given it two
            return min(subjects, key=lambda s: abs(s.i - verb.i))
        if token.i == verb.i and (share := _share_subject(verb)) is not None:
            return share
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


def _clause_content(doc: Doc, verb: Token, lexicon: CueLexicon) -> TokenRange | None:
    complements = _children(verb, ("ccomp",))
    if complements:
        # the nearest, when the parser gave the verb a second one from another sentence
        complement = min(complements, key=lambda c: abs(c.i - verb.i))
        start, end = subtree_range(complement)
        if start < verb.i < end:
            start = verb.i + 1  # "..., which he said were split": the speaker sits inside
        return trimmed(doc, *_without_trailing_aside(doc, complement, start, end))
    lemma = verb.lemma_.lower()
    if lemma in OBJECT_CONTROL_XCOMP or lemma in lexicon.intention:
        xcomps = _children(verb, ("xcomp",))
        if xcomps:
            start, end = _without_trailing_aside(doc, xcomps[0], *subtree_range(xcomps[0]))
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
    for i in range(own[0] - 1, outer[0] - 1, -1):
        if "\n" in doc[i].text:  # the parser ran the sentence over a paragraph break
            outer = (i + 1, outer[1])
            break
    return trimmed(doc, *range_without(outer, own))


def _prepositional_content(
    doc: Doc, verb: Token, prepositions: frozenset[str]
) -> tuple[TokenRange, int] | None:
    """'talked about X', 'called for X': the prepositional object, and the preposition."""
    for prep in _children(verb, ("prep",)):
        if prep.lower_ not in prepositions or prep.i < verb.i:
            continue
        objects = _children(prep, ("pobj", "pcomp"))
        if objects:
            start, end = subtree_range(objects[0])
            for xcomp in _children(verb, ("xcomp",)):
                if xcomp.i >= end:  # "called on X to act": the infinitive too
                    end = max(end, xcomp.right_edge.i + 1)
            content = trimmed(doc, start, end)
            if content is not None:
                return content, prep.i
    return None


def _for_clause_content(doc: Doc, verb: Token) -> tuple[TokenRange, int] | None:
    """'called for X to do Y': the clause after "for", and the "for"."""
    for clause in _children(verb, ("advcl",)):
        marks = [m for m in _children(clause, ("mark",)) if m.lower_ == "for"]
        if marks and marks[0].i > verb.i:
            content = trimmed(doc, marks[0].i + 1, clause.right_edge.i + 1)
            if content is not None:
                return content, marks[0].i
    return None


def _quote_content(doc: Doc, verb: Token, quotes: QuoteIndex) -> TokenRange | None:
    """A quote right before the speaker ('"...," she said') or after a colon or comma
    ('she said: "..."'), when the parser did not attach it to the verb."""
    sent = sentence(verb)
    # where the speaker's clause begins: its left edge, or (when the parser hung the
    # quote itself on the verb) the subject before the verb, or the verb
    subjects = [t for t in _children(verb, SUBJECT_DEPS) if t.i < verb.i]
    anchors = {doc[verb.left_edge.i].idx, verb.idx}
    if subjects:
        anchors.add(doc[subjects[0].left_edge.i].idx)
    text = doc_text(doc)
    earliest = doc[sentence(doc[max(sent[0] - 1, 0)])[0]].idx
    for region in quotes.regions:
        if region[0] >= earliest and any(
            region[1] <= left and _GAP_BEFORE.fullmatch(text[region[1] : left]) for left in anchors
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


def _quoted_subject(doc: Doc, verb: Token, quotes: QuoteIndex) -> tuple[TokenRange, Token] | None:
    """'"...," Dana Novak, the mayor, said': the parser took the quote for the subject and
    hung the speaker on it. The quote is the content; the speaker is the first name or
    pronoun between the quote and the verb."""
    subjects = _children(verb, SUBJECT_DEPS)
    if not subjects:
        return None
    region = quotes.containing(subjects[0].idx)
    if region is None or region[1] > verb.idx:
        return None
    content = _char_tokens(doc, region)
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


def _char_tokens(doc: Doc, region: tuple[int, int]) -> TokenRange | None:
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _object_content(doc: Doc, verb: Token) -> TokenRange | None:
    """The object, with what completes it ("called him a liar", "named X as Y")."""
    objects = _children(verb, ("dobj",))
    if not objects:
        return None
    start, end = _without_trailing_aside(doc, objects[0], *subtree_range(objects[0]))
    for child in verb.children:
        if child.i >= end and (
            child.dep_ in ("oprd", "ccomp") or (child.dep_ == "prep" and child.lower_ == "as")
        ):
            end = max(end, child.right_edge.i + 1)
    return trimmed(doc, start, end)


def _cue_range(verb: Token, lexicon: CueLexicon) -> TokenRange:
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
                for o in _children(child, ("pobj",))
                if child.dep_ == "prep" and o.lemma_.lower() in lexicon.channels
            ]
            if channels:  # "said in a statement" (without what the statement is about)
                end = channels[0].i + 1
    return start, end


def _inverted_speaker(doc: Doc, cue: TokenRange) -> Token | None:
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


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _verb_candidate(
    doc: Doc, verb: Token, lexicon: CueLexicon, quotes: QuoteIndex, learned: bool = False
) -> Candidate | None:
    lemma = cue_lemma(verb, lexicon)
    own_prepositions = lexicon.verb_prepositions.get(lemma)
    if own_prepositions is not None:
        return _verb_preposition_candidate(doc, verb, lexicon, own_prepositions)
    if lemma in lexicon.light_verbs:
        light = _light_verb_candidate(doc, verb, lexicon)
        if light is not None:
            return light
    speech = lemma in lexicon.speech
    cognition = lemma in lexicon.cognition
    analysis = lemma in lexicon.analysis
    intention = lemma in lexicon.intention
    coverage = lemma in lexicon.coverage and _negated(verb)
    taking_object = lemma in lexicon.object or learned
    if learned and not (speech or analysis or intention):
        cognition = True  # a verb the cue model chose: its clause, else its object
    if not (speech or cognition or analysis or intention or coverage or taking_object):
        if _that_clause(verb) and verb.lemma_ not in ("be", "have", "do"):
            cognition = True  # any verb with a "that" clause and a subject: "X figured that Y"
        else:
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
    head: Token | None = None
    if content is None and speech:
        found_quote = _quoted_subject(doc, verb, quotes)
        if found_quote is not None:
            content, head = found_quote
    if content is None and (taking_object or analysis or coverage or intention):
        content, kind = _object_content(doc, verb), "object"
    if content is None and (speech or taking_object):
        passive = _passive_content(doc, verb)
        if passive is not None:
            content, kind = passive[0], "object"
            if passive[1] == cue[1]:
                cue = (cue[0], passive[1] + 1)  # "was first reported by"
    if content is None:
        found = _prepositional_content(doc, verb, lexicon.prepositional) or _for_clause_content(
            doc, verb
        )
        if found is not None:
            content, kind = found[0], "object"
            if found[1] - cue[1] <= 1:
                cue = (cue[0], found[1] + 1)
    if content is None and learned:
        content, kind, cue = _learned_content(doc, verb, quotes, cue)
    if content is None:
        return None
    if coverage:
        kind = "coverage"
    if head is None:
        head = find_source_head(verb, lexicon)
        if head is not None and sentence(head) != sentence(verb):
            head = None  # borrowed across a paragraph break: not this verb's speaker
        if head is None and speech and content[1] <= cue[0]:
            head = _inverted_speaker(doc, cue)
    source = _source_phrase(doc, head) if head is not None else None
    if source is not None and _overlaps(source, content):
        # "Y, he said, Z": a parenthetical speaker may sit inside the content
        inside = content[0] < source[0] and source[1] < content[1]
        if not (kind == "parenthetical" and inside):
            source = None
    if head is None and kind in ("parenthetical", "object"):
        return None  # no speaker and no clause: too weak to call an attribution
    if content[1] - content[0] == 1 and doc[content[0]].lower_ in EMPTY_CONTENT:
        return None  # "he said little", "asked what": nothing is reported
    return Candidate(
        cue=cue,
        source=source,
        content=_chars(doc, content),
        kind=kind,
        negated=_negated(verb),
        expert_only=not (speech or cognition or intention or taking_object or coverage),
        source_head=head.i if head is not None else None,
        verb=verb.i,
    )


def _learned_content(
    doc: Doc, verb: Token, quotes: QuoteIndex, cue: TokenRange
) -> tuple[TokenRange | None, str, TokenRange]:
    """Content for a verb only the cue model chose, when the lexicon verbs' paths found
    none: the clause it interrupts ("as X pointed out, Y"), its infinitive or gerund
    complement ("proposes allowing Y"), the object of any preposition after it ("focused
    on Y", which joins the cue), or a quote next to it."""
    content = _parenthetical_content(doc, verb)
    if content is not None:
        return content, "parenthetical", cue
    for xcomp in _children(verb, ("xcomp",)):
        if xcomp.i > verb.i:
            return trimmed(doc, *subtree_range(xcomp)), "object", cue
    for prep in _children(verb, ("prep",)):
        objects = _children(prep, ("pobj", "pcomp"))
        if prep.i > verb.i and objects:
            if prep.i - cue[1] <= 1:
                cue = (cue[0], prep.i + 1)
            return trimmed(doc, *subtree_range(objects[0])), "object", cue
    return _quote_content(doc, verb, quotes), "quote", cue


def _light_verb_candidate(doc: Doc, verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """'X made comments about Y', 'X took issue with Y', 'X expressed concern that Y': a
    light verb and its noun are the cue, what the noun is about the content."""
    objects = _children(verb, ("dobj",))
    if not objects or objects[0].lemma_.lower() not in lexicon.light_nouns:
        return None
    noun = objects[0]
    content: TokenRange | None = None
    cue_end = noun.i + 1
    for holder in (noun, verb):
        for child in holder.children:
            if child.i <= noun.i or content is not None:
                continue
            if child.dep_ == "prep" and child.lower_ in LIGHT_PREPOSITIONS:
                pobjs = _children(child, ("pobj", "pcomp"))
                if pobjs:
                    content = trimmed(doc, *subtree_range(pobjs[0]))
                    if child.i == noun.right_edge.i + 1 or child.i == noun.i + 1:
                        cue_end = child.i + 1
            elif child.dep_ in ("acl", "ccomp", "relcl") and child.pos_ in ("VERB", "AUX"):
                content = trimmed(doc, *subtree_range(child))
    if content is None:
        return None
    found_source = _source_apart_from(doc, verb, lexicon, content)
    if found_source is None:
        return None
    head, source = found_source
    cue = _cue_range(verb, lexicon)
    cue_end = max(cue_end, cue[1])
    if cue_end > content[0]:
        cue_end = noun.i + 1
    return _object_candidate(doc, verb, head, (cue[0], cue_end), source, content)


def _object_candidate(
    doc: Doc,
    verb: Token,
    head: Token,
    cue: TokenRange,
    source: TokenRange,
    content: TokenRange,
) -> Candidate:
    """An attribution whose content is a phrase the cue governs (not a clause)."""
    return Candidate(
        cue=cue,
        source=source,
        content=_chars(doc, content),
        kind="object",
        negated=_negated(verb),
        source_head=head.i,
        verb=verb.i,
    )


def _source_apart_from(
    doc: Doc, verb: Token, lexicon: CueLexicon, content: TokenRange
) -> tuple[Token, TokenRange] | None:
    """The verb's source head and phrase, when it has one that stays out of ``content``."""
    head = find_source_head(verb, lexicon)
    if head is None:
        return None
    source = _source_phrase(doc, head)
    if source is None or _overlaps(source, content):
        return None
    return head, source


def _passive_content(doc: Doc, verb: Token) -> tuple[TokenRange, int] | None:
    """'The plan was criticised by the unions': the passive subject, when an agent is
    named (the agent is the source), and the index of "by"."""
    subjects = _children(verb, PASSIVE_SUBJECT_DEPS)
    agents = [a for a in _children(verb, ("agent",)) if _children(a, ("pobj",))]
    if not subjects or not agents:
        return None
    content = trimmed(doc, *subtree_range(subjects[0]))
    return (content, agents[0].i) if content is not None else None


def _that_clause(verb: Token) -> bool:
    """The verb has a subject and a complement clause opened by "that"."""
    subject = that = False
    for child in verb.children:
        dep = child.dep_
        if dep in SUBJECT_DEPS:
            subject = True
        elif dep == "ccomp":
            that = that or any(m.dep_ == "mark" and m.lower_ == "that" for m in child.lefts)
    return subject and that


def _verb_preposition_candidate(
    doc: Doc, verb: Token, lexicon: CueLexicon, prepositions: frozenset[str]
) -> Candidate | None:
    """'spoke about X', 'voted for X', 'referred to X as Y': verbs that attribute only
    through their own preposition; the preposition belongs to the cue."""
    found = _prepositional_content(doc, verb, prepositions)
    if found is None:
        return None
    content, prep = found
    found_source = _source_apart_from(doc, verb, lexicon, content)
    if found_source is None:
        return None
    head, source = found_source
    cue = _cue_range(verb, lexicon)
    if prep - cue[1] <= 1:
        cue = (cue[0], prep + 1)
    return _object_candidate(doc, verb, head, cue, source, content)


def cue_lemma(token: Token, lexicon: CueLexicon) -> str:
    """The token's lemma, repaired where the lemmatiser cut a final "e" that the
    lexicon's word has ("hopes" -> "hop" -> "hope")."""
    lemma = token.lemma_.lower()
    fuller = lemma + "e"
    known = fuller in lexicon.speech or fuller in lexicon.intention
    if known and (token.lower_.startswith(fuller) or token.lower_ == lemma + "ing"):
        return fuller
    return lemma


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
    while clause.dep_ == "conj" and not _is_root(clause):
        clause = clause.head  # "A won 37 percent and B snagged 13, according to X"
    sent = sentence(token)
    outer = subtree_range(clause) if clause.i != token.i else sent
    bounded = trimmed(doc, max(outer[0], sent[0]), min(outer[1], sent[1]))
    if bounded is None:
        return None
    content = trimmed(doc, *_clause_apart_from(bounded, phrase))
    if content is None or source is None or _overlaps(source, content):
        return None
    return Candidate(
        cue=(token.i, end),
        source=source,
        content=_chars(doc, content),
        kind="preposition",
        source_head=pobjs[0].i,
    )


def _nominal_candidate(doc: Doc, noun: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "X's endorsement of Y", "X is a fierce critic of Y", "X's claim that Y": the noun
    is the cue (with its adjectives and preposition), the possessor or the subject of the
    copula the source."""
    content: TokenRange | None = None
    prep_end: int | None = None
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ == "prep" and child.lower_ in NOMINAL_PREPOSITIONS:
            objects = _children(child, ("pobj", "pcomp"))
            if objects:
                content = trimmed(doc, *subtree_range(objects[0]))
                prep_end = child.i + 1
        elif child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            content = trimmed(doc, *subtree_range(child))
        if content is not None:
            break
    if content is None:
        return None
    head: Token | None = None
    possessors = _children(noun, ("poss",))
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subjects = _children(noun.head, ("nsubj",))  # "X is (Y's) fiercest critic of Z"
        head = subjects[0] if subjects else None
    elif possessors:
        head = possessors[0]
    if head is None or head.lower_ in FIRST_PERSON_POSSESSIVES:
        return None
    source = trimmed(doc, *subtree_range(head))
    if source is None or _overlaps(source, content):
        return None
    if head.dep_ == "poss" and head.head.i == noun.i:
        source = (source[0], max(source[0] + 1, min(source[1], noun.i)))
        while source[1] - source[0] > 1 and doc[source[1] - 1].tag_ == "POS":
            source = (source[0], source[1] - 1)
    start = noun.i
    while (
        start - 1 > source[1] - 1
        and doc[start - 1].dep_ == "amod"
        and doc[start - 1].head.i == noun.i
    ):
        start -= 1
    end = noun.i + 1
    if prep_end is not None and prep_end == end + 1:
        end = prep_end
    return Candidate(
        cue=(start, end),
        source=source,
        content=_chars(doc, content),
        kind="nominal",
        source_head=head.i,
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
    table = token_table(doc)
    for i, (lemma, pos) in enumerate(zip(table.lemma, table.pos, strict=True)):
        if lemma not in lexicon.via or pos != "VERB":
            continue
        token = doc[i]
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
        content = _char_tokens(doc, (start, end))
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


def rule_candidates(doc: Doc, lexicon: CueLexicon, quotes: QuoteIndex) -> list[Candidate]:
    """The lexicon's candidates of a parsed document, one per cue word, in text order."""
    candidates: list[Candidate] = []
    by_cue: dict[int, int] = {}
    table = token_table(doc)
    for i, (lower, lemma, pos) in enumerate(zip(table.lower, table.lemma, table.pos, strict=True)):
        candidate: Candidate | None = None
        if lower in lexicon.prepositions:
            candidate = _preposition_candidate(doc, doc[i], lexicon)
        elif lower in lexicon.sourceless:
            candidate = _sourceless_candidate(doc, doc[i], lexicon)
        elif pos in ("VERB", "AUX") and lemma not in lexicon.via:
            candidate = _verb_candidate(doc, doc[i], lexicon, quotes)
        elif pos == "NOUN" and lemma in lexicon.nominal:
            candidate = _nominal_candidate(doc, doc[i], lexicon)
        if candidate is not None:
            candidate.anchor = i
            by_cue[i] = len(candidates)
            candidates.append(candidate)
    for candidate in candidates:
        _extend_cue_over_chain(doc, candidate, by_cue, lexicon)
    _continue_sources(doc, candidates)
    return candidates


def _continue_sources(doc: Doc, candidates: list[Candidate]) -> None:
    """'..., he said, adding that ...': a participle right after the comma that closes
    another candidate's cue or source continues that speaker. The parser often hangs the
    participle from a verb of the quote instead, whose subject is not the speaker."""
    ends: dict[int, Candidate] = {}
    for candidate in candidates:
        participle = doc[candidate.anchor]  # rule_candidates sets every anchor
        if (
            candidate.kind != "preposition"  # "according" is tagged VBG too
            and participle.tag_ == "VBG"
            and participle.i >= 1
            and doc[participle.i - 1].text == ","
            and (speaker := ends.get(participle.i - 1)) is not None
            and speaker.source is not None
        ):
            candidate.source = speaker.source
            candidate.source_head = speaker.source_head
        for part in (candidate.cue, candidate.source):
            if part is not None:
                ends[part[1]] = candidate


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
            while node.head.i != root.i and not _is_root(node) and start <= node.head.i < end:
                node = node.head
            if node.head.i == root.i and node.i > root.i and node.dep_ in ("relcl", "acl"):
                cut = trimmed(doc, start, node.left_edge.i)
                if cut is not None:
                    start, end = cut
        candidate.source = (start, end)


def learned_candidate(
    doc: Doc, token: Token, lexicon: CueLexicon, quotes: QuoteIndex
) -> Candidate | None:
    """A candidate headed by a word the cue model chose and the lexicon does not hold."""
    candidate: Candidate | None = None
    if token.pos_ in ("VERB", "AUX"):
        candidate = _verb_candidate(doc, token, lexicon, quotes, learned=True)
    elif token.pos_ == "NOUN":
        candidate = _nominal_candidate(doc, token, lexicon)
    if candidate is not None:
        candidate.anchor = token.i
    return candidate


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


def _extend_cue_over_chain(
    doc: Doc, candidate: Candidate, by_cue: dict[int, int], lexicon: CueLexicon
) -> None:
    """'She took to Twitter to say ...': a cue verb that borrows its speaker from the
    verb it hangs from takes that verb (and what lies between) into the cue, unless that
    verb is a cue of its own or the stretch is long or broken by punctuation."""
    if candidate.verb is None or candidate.source is None:
        return
    node = doc[candidate.verb]
    top: Token | None = None
    while node.dep_ in CUE_CHAIN_DEPS and not _is_root(node):
        if _children(node, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
            break
        node = node.head
        if node.i in by_cue or node.i > candidate.verb:
            return
        if node.pos_ in ("VERB", "AUX"):
            top = node
    if top is None or top.i < candidate.source[1]:
        return
    start = _cue_range(top, lexicon)[0]
    if candidate.cue[0] - start > MAX_CUE_CHAIN or start < candidate.source[1]:
        return
    if any(t.is_punct for t in doc[start : candidate.cue[0]]):
        return
    if doc[top.i].idx < candidate.content[1] and candidate.content[0] < doc[candidate.cue[0]].idx:
        return  # the content lies between the two verbs
    candidate.cue = (start, candidate.cue[1])


_SENTENCES_KEY = "newsgraph_attributions.sentence_bounds"


def index_sentences(doc: Doc) -> None:
    """Store each token's sentence bounds once: ``Token.sent`` rescans the document on
    every call, which made sentence lookups the component's main cost. A line break also
    ends a sentence: the parser runs sentences over paragraph breaks."""
    bounds: list[TokenRange] = [(0, len(doc))] * len(doc)
    for span in doc.sents:
        start = span.start
        for token in span:
            if token.is_space and "\n" in token.text:
                _set_bounds(bounds, start, token.i + 1)
                start = token.i + 1
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
