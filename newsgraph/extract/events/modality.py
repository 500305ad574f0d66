"""Modality of an event trigger: asserted, negated, future or hypothetical, plus hedges.

The trigger's own auxiliaries and negation count, and so does every word above it whose
scope holds it in the dependency parse, climbing up to the clause that reports it:

* verbs that take the event as a complement: negating ("denied attacking", "refused to
  meet", "called off the talks": negated), intent ("plans to visit": future), wish,
  attempt and demand ("wants to withdraw", "urged them to halt", "called for talks":
  hypothetical);
* nouns whose complement it is: "no evidence that", "no plans to" (negated), "the idea
  that", "efforts to" (hypothetical), "plans to" (future); "the claim that" keeps the
  claim's modality unless the claim is denied or called false ("dismissed the allegation
  that", "the idea that ... is absurd": negated);
* purpose clauses ("sent troops to fight") and conditionals ("if they attack"):
  hypothetical; a yes/no question ("Will they meet?"): hypothetical;
* "would" reads as a conditional ("the bill would impose sanctions": hypothetical) except
  in reported speech, where it is a past "will" ("said it would retaliate": future).

A clause that describes a noun ("the Taliban, who have long refused to talk") keeps its own
modality, and nothing above a reporting verb counts: what someone says keeps the modality
it is said with. The word lists are data, in ``data/event_lexicon.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.events.lexicon import Lexicon
from newsgraph.nlp.extensions import doc_text

# Links along which a governing word's modality reaches the event.
GOVERNING_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "pcomp",
        "dobj",
        "pobj",
        "acomp",
        "conj",
        "prep",
        "advcl",
        "relcl",
        "acl",
        "compound",
        "amod",
        "nsubj",
        "nsubjpass",
        "attr",
        "oprd",
    }
)
# Links of a clause that stands beside the one above it, with a modality of its own.
ADJUNCT_LINKS = frozenset({"advcl", "relcl", "conj", "nsubj", "nsubjpass"})
# Links by which an event is the complement of a noun ("the idea that", "efforts to").
NOUN_COMPLEMENT_LINKS = frozenset({"acl", "prep", "pobj", "ccomp", "relcl"})
WH_WORDS = frozenset({"who", "what", "why", "when", "where", "how", "which", "whom", "whose"})
MAX_CLIMB = 6


@dataclass
class Modality:
    value: str  # asserted | negated | future | hypothetical
    negated: bool
    future: bool
    hypothetical: bool
    hedges: list[Token]
    # The future is someone's plan, schedule or forecast ("planning to travel", "expected
    # to endorse"), not a commitment made to someone ("ready to send", "said it would").
    planned: bool = False


@dataclass
class _Flags:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    would: bool = False  # "would" seen: conditional, or a reported "will"
    reported: bool = False  # the climb reached a reporting verb
    planned: bool = False  # an intent word of planning or forecast above the event


def _is_conditional(token: Token, lexicon: Lexicon) -> bool:
    return any(
        c.dep_ == "mark" and lexicon.listed("conditional_marks", c.lower_) for c in token.children
    )


def _own(token: Token, lexicon: Lexicon, flags: _Flags) -> None:
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            flags.negated = True
        elif child.dep_ in {"aux", "auxpass"}:
            if word in {"would", "'d"}:
                flags.would = True
            elif lexicon.listed("future_modals", word):
                flags.future = True
            elif lexicon.listed("hypothetical_modals", word):
                flags.hypothetical = True
        elif child.dep_ == "mark" and lexicon.listed("conditional_marks", word):
            flags.hypothetical = True
        elif child.dep_ == "advcl" and _is_conditional(child, lexicon):
            flags.hypothetical = True  # the "then" part of "if ..., then ..."
        if word == "going" and any(c.lower_ == "to" for c in token.children):
            flags.future = True


def _phrase_listed(lexicon: Lexicon, name: str, token: Token, below: Token) -> bool:
    """``token``'s lemma is listed, alone or with a particle or preposition of its own
    ("call off", "call for"); a preposition must be the one the event hangs from."""
    lemma = token.lemma_.lower()
    if lexicon.listed(name, lemma):
        return True
    return any(
        lexicon.listed(name, f"{lemma} {c.lower_}")
        for c in token.children
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.i == below.i)
    )


def _purpose(token: Token) -> bool:
    """An infinitive adjunct without a subject: "sent troops to fight"."""
    return not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _denied(noun: Token, lexicon: Lexicon) -> bool:
    """A claim or idea that its sentence denies: "rejected the claim that", "the idea
    that ... is absurd"."""
    head = noun.head
    if noun.dep_ in {"dobj", "pobj", "nsubjpass"} and lexicon.listed(
        "denial_predicates", head.lemma_.lower()
    ):
        return True
    if noun.dep_ == "nsubj":
        return any(
            c.dep_ in {"acomp", "attr"} and lexicon.listed("denial_predicates", c.lemma_.lower())
            for c in head.children
        )
    return False


def _noun_scope(noun: Token, lexicon: Lexicon, flags: _Flags) -> str | None:
    """Apply a noun whose complement holds the event: "stop" when the noun settles the
    modality, "climb" when what is above the noun still counts, None for other nouns."""
    lemma = noun.lemma_.lower()
    if any((c.dep_ == "det" and c.lower_ == "no") or c.dep_ == "neg" for c in noun.children):
        flags.negated = True  # "no evidence that", "no knowledge of efforts to"
        return "stop"
    claim = lexicon.listed("claim_nouns", lemma)
    idea = lexicon.listed("hypothesis_nouns", lemma)
    if (claim or idea) and _denied(noun, lexicon):
        flags.negated = True
        return "stop"
    # An idea or a plan may itself be denied further up ("no knowledge of efforts to").
    if idea:
        flags.hypothetical = True
        return "climb"
    if lexicon.listed("plan_nouns", lemma):
        flags.future = True
        return "climb"
    return "stop" if claim else None  # a claim keeps the modality it is made with


def _question(trigger: Token) -> bool:
    """The trigger's sentence is a yes/no question (a wh-question presupposes the event:
    "Why did they attack?")."""
    sentence = trigger.sent
    # The sentence's last characters, read from the document's text: Span.text would
    # re-join every token of the sentence for each trigger.
    tail = doc_text(trigger.doc)[
        max(sentence.start_char, sentence.end_char - 64) : sentence.end_char
    ]
    if not tail.rstrip(" \"'”’»)").endswith("?"):
        return False
    return not any(t.lower_ in WH_WORDS for t in sentence)


def _climb(trigger: Token, lexicon: Lexicon, flags: _Flags, hedges: list[Token]) -> None:
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.dep_ not in GOVERNING_DEPS or token.head.i == token.i:
            return
        link, below, token = token.dep_, token, token.head
        if token.pos_ in {"NOUN", "PROPN"}:
            scope = _noun_scope(token, lexicon, flags) if link in NOUN_COMPLEMENT_LINKS else None
            if scope == "stop" or (scope is None and link in {"relcl", "acl"}):
                return  # settled, or a clause describing a noun: it keeps its own modality
            continue
        if token.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        lemma = token.lemma_.lower()
        hedges += [c for c in token.children if lexicon.listed("hedges", c.lower_)]
        if lexicon.listed("hedges", lemma):
            hedges.append(token)
        if link in ADJUNCT_LINKS or link == "acl":
            # A conditional or purpose clause is hypothetical; other adjuncts keep their own.
            if link == "advcl" and (_is_conditional(below, lexicon) or _purpose(below)):
                flags.hypothetical = True
            return
        if lexicon.listed("reporting_verbs", lemma):
            flags.reported = True
            return  # what someone says keeps the modality it is said with
        if _phrase_listed(lexicon, "negating_verbs", token, below):
            flags.negated = True
        elif _phrase_listed(lexicon, "wish_verbs", token, below):
            flags.hypothetical = True
        elif lexicon.listed("intent_verbs", lemma):
            flags.future = True
            flags.planned |= lexicon.listed("plan_verbs", lemma)
        _own(token, lexicon, flags)


def modality_of(trigger: Token, lexicon: Lexicon) -> Modality:
    flags = _Flags()
    _own(trigger, lexicon, flags)
    hedges = [c for c in trigger.children if lexicon.listed("hedges", c.lower_)]
    _climb(trigger, lexicon, flags, hedges)
    if flags.would and not flags.future:
        # Reported "would" is the past of "will"; elsewhere it is a conditional.
        flags.future = flags.reported
        flags.hypothetical |= not flags.reported
    if _question(trigger):
        flags.hypothetical = True
    value = (
        "negated"
        if flags.negated
        else "hypothetical"
        if flags.hypothetical
        else "future"
        if flags.future
        else "asserted"
    )
    # Retyping reads ``future``: a conditional "would attack" is still an announced act.
    future = flags.future or flags.would
    return Modality(value, flags.negated, future, flags.hypothetical, hedges, flags.planned)
