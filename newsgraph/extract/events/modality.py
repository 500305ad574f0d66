"""Modality of an event trigger: asserted, negated, future or hypothetical, plus hedges.

The trigger's own auxiliaries and negation count, and so does every verb above it along
complement links ("refused to meet": negated; "plans to visit": future; "said it would
allow": future; "if they attack, ...": hypothetical). Nothing above a reporting verb's
subject clause counts: "officials said" does not make what they said hypothetical.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.events.lexicon import Lexicon

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
CONDITIONALS = frozenset({"if", "unless", "whether"})
# Links along which a governing verb's modality reaches the event.
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
    }
)
MAX_CLIMB = 6


@dataclass
class Modality:
    value: str  # asserted | negated | future | hypothetical
    negated: bool
    future: bool
    hypothetical: bool
    hedges: list[Token]


def _own(token: Token, lexicon: Lexicon) -> tuple[bool, bool, bool]:
    negated = future = hypothetical = False
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            negated = True
        elif child.dep_ in {"aux", "auxpass"}:
            if lexicon.listed("future_modals", word):
                future = True
            elif lexicon.listed("hypothetical_modals", word):
                hypothetical = True
        elif child.dep_ == "mark" and word in CONDITIONALS:
            hypothetical = True
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITIONALS for m in child.children
        ):
            hypothetical = True  # the "then" part of "if ..., then ..."
        if word == "going" and any(c.lower_ == "to" for c in token.children):
            future = True
    return negated, future, hypothetical


def modality_of(trigger: Token, lexicon: Lexicon) -> Modality:
    negated, future, hypothetical = _own(trigger, lexicon)
    hedges = [c for c in trigger.children if lexicon.listed("hedges", c.lower_)]
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.dep_ not in GOVERNING_DEPS or token.head.i == token.i:
            break
        link, token = token.dep_, token.head
        if token.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        lemma = token.lemma_.lower()
        hedges += [c for c in token.children if lexicon.listed("hedges", c.lower_)]
        if lexicon.listed("hedges", lemma):
            hedges.append(token)
        if link in {"advcl", "relcl", "acl", "conj", "nsubj", "nsubjpass"}:
            # A conditional clause is hypothetical; other adjuncts keep their own modality.
            if link == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in trigger.children
            ):
                hypothetical = True
            break
        if lexicon.listed("reporting_verbs", lemma):
            break  # what someone says keeps the modality it is said with
        if lexicon.listed("negating_verbs", lemma):
            negated = True
        if lexicon.listed("intent_verbs", lemma):
            future = True
        up_negated, up_future, up_hypothetical = _own(token, lexicon)
        negated |= up_negated
        future |= up_future
        hypothetical |= up_hypothetical
    value = (
        "negated"
        if negated
        else "hypothetical"
        if hypothetical
        else "future"
        if future
        else "asserted"
    )
    return Modality(value, negated, future, hypothetical, hedges)
