"""Attribution candidates, one finder per construction (cue words from
``data/attribution_cues.yaml``):

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
* sourceless adverbs: "he reportedly left"
* coverage: "X did not cover Y" (negated coverage statement)

``rule_candidates`` holds what the lexicon finds; the cue model (``cue_scoring``) may drop
some and add verbs and nouns of its own (``learned_candidate``) before ``linked``
adds the via, labelled and signed ones.

A cue verb that borrows its speaker from the verb it hangs from takes that verb into the
cue ("took to Twitter to say").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.attributions.finders import (
    EMPTY_CONTENT,
    FIRST_PERSON_POSSESSIVES,
    clause_content,
    cue_lemma,
    cue_range,
    extend_cue_over_chain,
    find_source_head,
    for_clause_content,
    inverted_speaker,
    is_negated,
    object_content,
    parenthetical_content,
    passive_content,
    prepositional_content,
    quote_content,
    quoted_subject,
    source_apart_from,
    source_phrase,
    that_clause,
)
from newsgraph.extract.attributions.lexicon import CueLexicon
from newsgraph.extract.attributions.quotes import QuoteIndex
from newsgraph.extract.attributions.tree import (
    Candidate,
    TokenRange,
    chars,
    children_by_dep,
    clause_apart_from,
    clause_of,
    is_root,
    overlaps,
    sentence,
    subtree_range,
    trimmed,
)
from newsgraph.nlp.extensions import token_table

# Prepositions that carry the content of a cue noun ("endorsement of X", "call for X"),
# and of a light verb's noun ("took issue with X", "took aim at X").
NOMINAL_PREPOSITIONS = frozenset({"of", "for", "on", "against", "to", "about", "over"})

LIGHT_PREPOSITIONS = NOMINAL_PREPOSITIONS | {"with", "at", "in"}


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
    coverage = lemma in lexicon.coverage and is_negated(verb)
    taking_object = lemma in lexicon.object or learned
    if learned and not (speech or analysis or intention):
        cognition = True  # a verb the cue model chose: its clause, else its object
    if not (speech or cognition or analysis or intention or coverage or taking_object):
        if that_clause(verb) and verb.lemma_ not in ("be", "have", "do"):
            cognition = True  # any verb with a "that" clause and a subject: "X figured that Y"
        else:
            return None
    content: TokenRange | None = None
    kind = "clause"
    cue = cue_range(verb, lexicon)
    if speech or cognition or analysis or intention:
        content = clause_content(doc, verb, lexicon)
        if content is not None and not children_by_dep(verb, ("ccomp",)):
            kind = "intention"  # "vowed to X": an infinitive, not a reported clause
    if content is None and speech:
        content, kind = parenthetical_content(doc, verb), "parenthetical"
    if content is None and speech:
        content, kind = quote_content(doc, verb, quotes), "quote"
    head: Token | None = None
    if content is None and speech:
        found_quote = quoted_subject(doc, verb, quotes)
        if found_quote is not None:
            content, head = found_quote
    if content is None and (taking_object or analysis or coverage or intention):
        content, kind = object_content(doc, verb), "object"
    if content is None and (speech or taking_object):
        passive = passive_content(doc, verb)
        if passive is not None:
            content, kind = passive[0], "object"
            if passive[1] == cue[1]:
                cue = (cue[0], passive[1] + 1)  # "was first reported by"
    if content is None:
        found = prepositional_content(doc, verb, lexicon.prepositional) or for_clause_content(
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
            head = inverted_speaker(doc, cue)
    source = source_phrase(doc, head) if head is not None else None
    if source is not None and overlaps(source, content):
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
        content=chars(doc, content),
        kind=kind,
        negated=is_negated(verb),
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
    content = parenthetical_content(doc, verb)
    if content is not None:
        return content, "parenthetical", cue
    for xcomp in children_by_dep(verb, ("xcomp",)):
        if xcomp.i > verb.i:
            return trimmed(doc, *subtree_range(xcomp)), "object", cue
    for prep in children_by_dep(verb, ("prep",)):
        objects = children_by_dep(prep, ("pobj", "pcomp"))
        if prep.i > verb.i and objects:
            if prep.i - cue[1] <= 1:
                cue = (cue[0], prep.i + 1)
            return trimmed(doc, *subtree_range(objects[0])), "object", cue
    return quote_content(doc, verb, quotes), "quote", cue


def _light_verb_candidate(doc: Doc, verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """'X made comments about Y', 'X took issue with Y', 'X expressed concern that Y': a
    light verb and its noun are the cue, what the noun is about the content."""
    objects = children_by_dep(verb, ("dobj",))
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
                pobjs = children_by_dep(child, ("pobj", "pcomp"))
                if pobjs:
                    content = trimmed(doc, *subtree_range(pobjs[0]))
                    if child.i == noun.right_edge.i + 1 or child.i == noun.i + 1:
                        cue_end = child.i + 1
            elif child.dep_ in ("acl", "ccomp", "relcl") and child.pos_ in ("VERB", "AUX"):
                content = trimmed(doc, *subtree_range(child))
    if content is None:
        return None
    found_source = source_apart_from(doc, verb, lexicon, content)
    if found_source is None:
        return None
    head, source = found_source
    cue = cue_range(verb, lexicon)
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
        content=chars(doc, content),
        kind="object",
        negated=is_negated(verb),
        source_head=head.i,
        verb=verb.i,
    )


def _verb_preposition_candidate(
    doc: Doc, verb: Token, lexicon: CueLexicon, prepositions: frozenset[str]
) -> Candidate | None:
    """'spoke about X', 'voted for X', 'referred to X as Y': verbs that attribute only
    through their own preposition; the preposition belongs to the cue."""
    found = prepositional_content(doc, verb, prepositions)
    if found is None:
        return None
    content, prep = found
    found_source = source_apart_from(doc, verb, lexicon, content)
    if found_source is None:
        return None
    head, source = found_source
    cue = cue_range(verb, lexicon)
    if prep - cue[1] <= 1:
        cue = (cue[0], prep + 1)
    return _object_candidate(doc, verb, head, cue, source, content)


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
    pobjs = [t for t in doc[token.i : end] for t in children_by_dep(t, ("pobj",))]
    if not pobjs:
        return None
    phrase = subtree_range(token)
    source = trimmed(doc, *subtree_range(pobjs[0]))
    clause = clause_of(token if is_root(token) else token.head)
    while clause.dep_ == "conj" and not is_root(clause):
        clause = clause.head  # "A won 37 percent and B snagged 13, according to X"
    sent = sentence(token)
    outer = subtree_range(clause) if clause.i != token.i else sent
    bounded = trimmed(doc, max(outer[0], sent[0]), min(outer[1], sent[1]))
    if bounded is None:
        return None
    content = trimmed(doc, *clause_apart_from(bounded, phrase))
    if content is None or source is None or overlaps(source, content):
        return None
    return Candidate(
        cue=(token.i, end),
        source=source,
        content=chars(doc, content),
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
            objects = children_by_dep(child, ("pobj", "pcomp"))
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
    possessors = children_by_dep(noun, ("poss",))
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subjects = children_by_dep(noun.head, ("nsubj",))  # "X is (Y's) fiercest critic of Z"
        head = subjects[0] if subjects else None
    elif possessors:
        head = possessors[0]
    if head is None or head.lower_ in FIRST_PERSON_POSSESSIVES:
        return None
    source = trimmed(doc, *subtree_range(head))
    if source is None or overlaps(source, content):
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
        content=chars(doc, content),
        kind="nominal",
        source_head=head.i,
    )


def _sourceless_candidate(doc: Doc, token: Token, lexicon: CueLexicon) -> Candidate | None:
    """'he reportedly left': no one is named, the adverb itself is the cue."""
    if token.lower_ not in lexicon.sourceless or is_root(token):
        return None
    verb = clause_of(token.head)
    sent = sentence(token)
    outer = subtree_range(verb)
    outer = (max(outer[0], sent[0]), min(outer[1], sent[1]))
    content = trimmed(doc, *outer)
    if content is None:
        return None
    return Candidate(
        cue=(token.i, token.i + 1),
        source=None,
        content=chars(doc, content),
        kind="sourceless",
        hedges=[token.lower_],
    )


def _verb_cue_words(lexicon: CueLexicon) -> frozenset[str]:
    """Every lemma that ``_verb_candidate`` reads as a cue without a "that" clause."""
    return frozenset().union(
        lexicon.verb_prepositions,
        lexicon.light_verbs,
        lexicon.speech,
        lexicon.cognition,
        lexicon.analysis,
        lexicon.intention,
        lexicon.coverage,
        lexicon.object,
    )


def _that_clause_heads(doc: Doc, lower: list[str]) -> set[int]:
    """Token indices of the verbs with a complement clause opened by "that" (what
    ``that_clause`` looks for, less the subject), found from the few "that" tokens."""
    heads = set()
    for i, word in enumerate(lower):
        if word != "that":
            continue
        mark = doc[i]
        clause = mark.head
        if mark.dep_ == "mark" and clause.dep_ == "ccomp" and mark.i < clause.i:
            heads.add(clause.head.i)
    return heads


def rule_candidates(doc: Doc, lexicon: CueLexicon, quotes: QuoteIndex) -> list[Candidate]:
    """The lexicon's candidates of a parsed document, one per cue word, in text order."""
    candidates: list[Candidate] = []
    by_cue: dict[int, int] = {}
    table = token_table(doc)
    # A verb is a cue by its lemma (cue_lemma may add a final "e") or by a "that" clause;
    # the other verbs, most of them, are passed over before a Token is made for them.
    cue_verbs = _verb_cue_words(lexicon)
    that_heads = _that_clause_heads(doc, table.lower)
    for i, (lower, lemma, pos) in enumerate(zip(table.lower, table.lemma, table.pos, strict=True)):
        candidate: Candidate | None = None
        if lower in lexicon.prepositions:
            candidate = _preposition_candidate(doc, doc[i], lexicon)
        elif lower in lexicon.sourceless:
            candidate = _sourceless_candidate(doc, doc[i], lexicon)
        elif pos in ("VERB", "AUX") and lemma not in lexicon.via:
            if lemma in cue_verbs or lemma + "e" in cue_verbs or i in that_heads:
                candidate = _verb_candidate(doc, doc[i], lexicon, quotes)
        elif pos == "NOUN" and lemma in lexicon.nominal:
            candidate = _nominal_candidate(doc, doc[i], lexicon)
        if candidate is not None:
            candidate.anchor = i
            by_cue[i] = len(candidates)
            candidates.append(candidate)
    for candidate in candidates:
        extend_cue_over_chain(doc, candidate, by_cue, lexicon)
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
