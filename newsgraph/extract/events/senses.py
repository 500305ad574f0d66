"""Trigger sense: is this use of a trigger word the event sense of its lexicon entry?

The constraints are lexicon data (``verb_senses`` / ``noun_senses`` in the event lexicon,
see :class:`~newsgraph.extract.events.lexicon.Sense`); this module only reads the parse
against them. Two checks, at two moments:

- :func:`excluded`, while triggers are found: the trigger's own phrase shows another
  sense ("gave a speech", "share a photo", "in charge", "striking" as a modifier,
  "helped rebuild").
- :func:`needs_met`, once participants, place and time are read: the entry's required
  argument kinds are there ("sent aid" or "sent X to Y", not "sent an email"; an
  agreement between two parties or about a deal, not "settled at $41").

An entry that fails either check gives way to the word's next entry (another type) or,
when none is left, to no event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from newsgraph.extract.events.lexicon import Lexicon, Sense, Trigger

# Children that belong to a trigger's own phrase, for ``not_with``.
PHRASE_DEPS = frozenset(
    {
        "prt",
        "dobj",
        "nsubjpass",
        "prep",
        "acomp",
        "attr",
        "npadvmod",
        "oprd",
        "compound",
        "amod",
        "dative",
    }
)
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
# Where the thing acted on stands: the object, a passive subject, a prepositional object.
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


RELATIVE_WORDS = frozenset({"which", "that", "who", "whom"})


def gap_object(token: Token) -> Token | None:
    """The noun a relative or participle clause says the trigger acts on: "figures
    released to councillors", "the power which was given to her", "the rent he charges".
    Not the noun that does it ("officials who released the hostages")."""
    noun = token.head
    if token.dep_ not in {"acl", "relcl"} or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    if token.dep_ == "acl":
        return noun if token.tag_ == "VBN" else None
    deps = {c.dep_: c for c in token.children}
    relative = [c for c in token.children if c.lower_ in RELATIVE_WORDS]
    if any(c.dep_ in {"dobj", "nsubjpass"} for c in relative):
        return noun
    subject = deps.get("nsubj")
    if subject is not None and subject.lower_ not in RELATIVE_WORDS and "dobj" not in deps:
        return noun  # "the rent he charges": the object is the gap
    return None


def phrase_words(token: Token) -> frozenset[str]:
    """Lemmas and forms of the trigger's phrase: its particle, object, prepositions and
    their objects, the object's own modifiers ("a campaign video"), and the noun a
    relative or participle clause makes its object ("figures released")."""
    words: set[str] = set()
    gap = gap_object(token)
    if gap is not None:
        words.update((gap.lemma_.lower(), gap.lower_))
    for child in token.children:
        if child.dep_ not in PHRASE_DEPS:
            continue
        words.update((child.lemma_.lower(), child.lower_))
        for grand in child.children:
            if grand.dep_ in {"pobj", "dobj", "compound", "amod", "conj"}:
                # "conj": a second object is acted on too ("a statement and a video").
                words.update((grand.lemma_.lower(), grand.lower_))
        if child.dep_ in OBJECT_DEPS:
            words.update(w for part in of_parts(child) for w in (part.lemma_.lower(), part.lower_))
    return frozenset(words)


def of_parts(noun: Token) -> list[Token]:
    """What an object counts or holds: "a series of orders", "volleys of teargas", "a
    shipment of rice" act on the orders, the teargas, the rice."""
    return [
        g
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for g in prep.children
        if g.dep_ == "pobj"
    ]


# Words that open a question: "asked why they stayed", "asked whether he would run".
QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who"})


def _question(clause: Token) -> bool:
    """A clause that asks something ("asked why ...", "asked, 'You think ...?'") rather
    than what someone is to do."""
    if any(c.lower_ in QUESTION_WORDS and c.i < clause.i for c in clause.children):
        return True
    end = clause.right_edge.i
    following = clause.doc[end + 1] if end + 1 < len(clause.doc) else None
    return clause.right_edge.text == "?" or (following is not None and following.text == "?")


def _verb_clauses(token: Token) -> list[Token]:
    """The heads of the verb clauses under ``token`` (its complements and purposes)."""
    return [c for c in token.children if c.dep_ in CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"}]


def _clause(token: Token, questions: bool = True) -> bool:
    """A verb clause under ``token``; with ``questions=False`` not one that asks something
    (a request needs what someone is to do, "asked X to leave", not "asked why")."""
    return any(questions or not _question(c) for c in _verb_clauses(token))


def _infinitive(token: Token) -> bool:
    """A to-clause under ``token`` that tells someone what to do ("warned people not to
    swim"), not a reported statement ("warned that it would strike")."""
    return any(
        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in _verb_clauses(token)
    )


def _clause_lemmas(token: Token) -> frozenset[str]:
    """The verbs of the clauses under ``token`` ("declined to comment": comment)."""
    return frozenset(c.lemma_.lower() for c in _verb_clauses(token))


def excluded(sense: Sense, token: Token, words: frozenset[str] | None = None) -> bool:
    """True when ``token``'s use shows a sense other than ``sense``'s."""
    if token.dep_ in sense.not_as or token.tag_ in sense.not_as:
        return True
    if sense.not_clause and not sense.not_clause.isdisjoint(_clause_lemmas(token)):
        return True
    if sense.no_question and any(_question(c) for c in _verb_clauses(token)):
        return True  # "asked whether he would run": a question, not a request
    if sense.not_after and token.i > 0 and token.doc[token.i - 1].lower_ in sense.not_after:
        return True
    if sense.no_clause and _clause(token):
        return True
    if sense.not_with:
        return not sense.not_with.isdisjoint(words if words is not None else phrase_words(token))
    return False


def object_lemmas(head: Token) -> frozenset[str]:
    """What the trigger acts on: object, passive subject, objects of its prepositions, the
    noun of its relative or participle clause."""
    found: set[str] = set()
    gap = gap_object(head)
    if gap is not None:
        found.add(gap.lemma_.lower())
    for child in head.children:
        if child.dep_ in OBJECT_DEPS:
            found.update(c.lemma_.lower() for c in (child, *_conjoined(child)))
            found.update(part.lemma_.lower() for part in of_parts(child))
        elif child.dep_ in {"prep", "dative"}:
            found.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return frozenset(found)


def modifier_lemmas(head: Token) -> frozenset[str]:
    """The words that modify the trigger: "financial support", "fund support"."""
    return frozenset(c.lemma_.lower() for c in head.children if c.dep_ in {"compound", "amod"})


def _conjoined(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj"]


@dataclass(frozen=True)
class Evidence:
    """What was read around one trigger mention, for :func:`needs_met`."""

    head: Token
    actors: list[str]
    targets: list[str]
    agents: bool  # an actor that acts as one party: a person, organisation or state
    patients: bool  # an actor stands as what the trigger acts on: its object
    placed: bool  # a place tied to the trigger's clause (or a destination)
    timed: bool  # a time tied to the trigger
    antecedent: bool  # a definite noun naming an earlier event of its type
    authority: bool = False  # an actor of law enforcement or the courts


def needs_met(sense: Sense, evidence: Evidence) -> bool:
    if not sense.needs:
        return True
    return any(_holds(need, evidence) for need in sense.needs)


def _holds(need: Any, evidence: Evidence) -> bool:
    if isinstance(need, tuple) and need and need[0] == "object":
        return not need[1].isdisjoint(object_lemmas(evidence.head))
    if isinstance(need, tuple) and need and need[0] == "modifier":
        return not need[1].isdisjoint(modifier_lemmas(evidence.head))
    if isinstance(need, tuple) and need and need[0] == "domain":
        return in_domain(evidence.head, need[1])
    if isinstance(need, tuple):  # all at once
        return all(_holds(part, evidence) for part in need)
    if need == "actor":
        return bool(evidence.actors)
    if need == "agent":
        return evidence.agents
    if need == "authority":
        return evidence.authority
    if need == "target":
        return bool(evidence.targets)
    if need == "patient":
        return evidence.patients
    if need == "parties":
        return len(set(evidence.actors) | set(evidence.targets)) >= 2
    if need == "place":
        return evidence.placed
    if need == "time":
        return evidence.timed
    if need == "clause":
        return _clause(evidence.head, questions=False)
    if need == "infinitive":
        return _infinitive(evidence.head)
    if need == "intransitive":
        return not any(c.dep_ in {"dobj", "ccomp"} for c in evidence.head.children)
    if need == "definite":
        return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in evidence.head.children)
    return evidence.antecedent  # "antecedent"


# Distinct words of another domain's vocabulary that make a sentence that domain's.
DOMAIN_WORDS = 2


def in_domain(token: Token, vocabulary: frozenset[str]) -> bool:
    """Whether ``token``'s sentence speaks of the domain of ``vocabulary`` (a game, a
    market, a race): two distinct of its words there, as lemma or form."""
    seen: set[str] = set()
    for word in token.sent:
        lemma = word.lemma_.lower()
        if lemma in vocabulary or word.lower_ in vocabulary:
            seen.add(lemma)
            if len(seen) >= DOMAIN_WORDS:
                return True
    return False


# Tenses of a clause that can tell what a kind of thing does ("groups that oppose X").
SIMPLE_PRESENT = frozenset({"VBP", "VBZ"})


def _kind_noun(noun: Token, lexicon: Lexicon) -> bool:
    """A bare plural common noun ("protesters", "some groups"): a kind, not a party named."""
    return (
        noun.tag_ == "NNS"
        and not noun.ent_type_
        and all(
            c.dep_ != "poss"
            and c.dep_ != "nummod"
            and (c.dep_ != "det" or lexicon.listed("kind_determiners", c.lower_))
            for c in noun.children
        )
    )


def characterizing(verb: Token, lexicon: Lexicon) -> bool:
    """A subordinate clause in the simple present whose subject is a kind ("statutes that
    prohibit perjury", "superdelegates who back him", "said individuals kill people"): it
    tells what such things do, not something that happened. Main clauses are left alone:
    a headline tells its news in the present ("Protesters clash with police"). A relative
    clause of what may or can be done ("a scheme under which councils can provide aid",
    "things that might kill them") describes its noun too."""
    if verb.dep_ == "relcl" and any(
        c.dep_ == "aux" and lexicon.listed("potential_modals", c.lower_) for c in verb.children
    ):
        return True  # "a scheme under which they can provide X": what the noun allows
    if verb.tag_ not in SIMPLE_PRESENT or verb.dep_ == "ROOT":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if verb.dep_ == "relcl" and subject.lower_ in RELATIVE_WORDS:
        subject = verb.head
    return _kind_noun(subject, lexicon)


def kind_of(noun: Token | None, lexicon: Lexicon) -> bool:
    """A noun that names a category ("a form of social housing support", "this kind of
    attack"), and no occurrence: the object of "of" after a word of ``kind_nouns``."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    return lexicon.listed("kind_nouns", noun.head.head.lemma_.lower())


def audience(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun that is whom a speaker addresses ("told the meeting", "told a news
    conference"): the setting of what was said, not an event of its own."""
    return noun.dep_ in {"dobj", "dative"} and lexicon.listed(
        "audience_verbs", noun.head.lemma_.lower()
    )


def fitting(entries: Iterable[Trigger], part: str, lexicon: Lexicon, token: Token) -> list[Trigger]:
    """The ``entries`` whose ``part`` ("verb" or "noun") sense this use of ``token`` does
    not exclude, in their order. A use in a sentence of another domain where the entry's
    words are moves of that domain ("struck again in the second half") is excluded too."""
    if part == "verb" and (
        any(
            c.dep_ == "advmod" and lexicon.listed("habitual_marks", c.lower_)
            for c in token.children
        )
        or characterizing(token, lexicon)
    ):
        return []  # "they often meet", "groups that oppose X": a habit or a kind, no happening
    if part == "noun" and (
        audience(token, lexicon)
        or kind_of(token, lexicon)
        or (token.dep_ == "dobj" and characterizing(token.head, lexicon))
    ):
        # "told a news conference", "a form of support", "groups that provide assistance":
        # a setting, a category, what a kind of thing does
        return []
    if part == "verb" and kind_of(gap_object(token), lexicon):
        return []  # "a form of support provided by X": what such support is
    words: frozenset[str] | None = None
    kept = []
    for entry in entries:
        sense = lexicon.sense(part, entry)
        if sense.not_with and words is None:
            words = phrase_words(token)
        if excluded(sense, token, words):
            continue
        domain = lexicon.domain(entry)
        if domain and in_domain(token, domain):
            continue
        kept.append(entry)
    return kept
