"""Who did it and to whom: actors and targets of a trigger, read from the dependency parse.

Active verbs take the subject as actor and the object (or the object of a target
preposition) as target; passives swap (subject -> target, "by" agent -> actor). Verbs
without a subject of their own (complements, conjoined verbs, participles) borrow the
subject of the verb they hang from. Coordinated arguments ("Israel and Egypt") give one
actor each. Pronouns resolve to the latest compatible actor, or, inside reported speech
("Iraq said it would ..."), to the speaker.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp", "prep", "pobj"})
NOMINAL_ACTOR_PREPS = frozenset({"of", "by", "from", "between", "among"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
OTHER_PRONOUNS = frozenset({"it", "they", "them", "its", "their", "we", "us"})
SKIP_SUBTREE = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "ccomp"})
MAX_CLIMB = 5
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


class ActorIndex:
    """Token -> actor id lookups over the actors component's output."""

    def __init__(self, doc: Doc, token_ids: dict[int, str], actors: list[dict]):
        self.doc = doc
        self.token_ids = token_ids
        kinds = {a["id"]: a["kind"] for a in actors}
        self.kinds = kinds
        # Actors named only by a generic word ("leaders", "members", "thousands"): the
        # "of" phrase after them names who they are ("leaders of the coalition").
        # A country that is only the document's prior (``country_basis``) says nothing
        # about who they are.
        self.generic = {
            a["id"]
            for a in actors
            if a["sector"] == "UNK"
            and (a["country"] is None or a.get("country_basis") == "document")
            and not a["mentions"]
        }
        # (first token of each actor mention, actor id, kind) in text order, for pronouns.
        self.mentions = sorted((i, a, kinds.get(a, "")) for i, a in token_ids.items())

    def of_phrase(self, head: Token) -> str | None:
        """The actor a noun phrase refers to: its head's actor, else the first one inside."""
        if head.lower_ in PERSON_PRONOUNS | OTHER_PRONOUNS and head.pos_ == "PRON":
            # The actors step resolves "he"/"she" when the antecedent is clear.
            return self.token_ids.get(head.i) or self.pronoun(head)
        if head.dep_ == "relcl" or head.lower_ in {"who", "which", "that"}:
            return None
        found = self.token_ids.get(head.i)
        if found and found not in self.generic:
            return found
        inner = self._of_object(head)
        if inner:
            return inner
        if found:
            return found
        for token in self._phrase_tokens(head):
            if token.i in self.token_ids:
                return self.token_ids[token.i]
        return None

    def _of_object(self, head: Token) -> str | None:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        actor = self.of_phrase(obj)
                        if actor:
                            return actor
        return None

    def _phrase_tokens(self, head: Token) -> Iterable[Token]:
        stack = [head]
        seen: list[Token] = []
        while stack:
            token = stack.pop()
            seen.append(token)
            stack += [c for c in token.children if c.dep_ not in SKIP_SUBTREE]
        return sorted(seen, key=lambda t: t.i)

    def pronoun(self, token: Token) -> str | None:
        speaker = self._speaker(token)
        if speaker:
            return speaker
        person = token.lower_ in PERSON_PRONOUNS
        for start, actor, kind in reversed(self.mentions):
            if start >= token.i:
                continue
            if person and kind == "person":
                return actor
            if not person and kind in {"state", "organization", "group", "media"}:
                return actor
        return None

    def _speaker(self, token: Token) -> str | None:
        """In "X said it/he would ...", the pronoun is X."""
        clause = token.head
        if token.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
            return None
        subjects = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS]
        if subjects and subjects[0].pos_ != "PRON":
            return self.of_phrase(subjects[0])
        return None

    def of_arguments(self, heads: Iterable[Token]) -> list[str]:
        ids: list[str] = []
        for head in heads:
            for token in [head, *conjuncts(head)]:
                actor = self.of_phrase(token)
                if actor and actor not in ids:
                    ids.append(actor)
        return ids


def conjuncts(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "conj":
            found += [child, *conjuncts(child)]
    return found


def subjects(verb: Token) -> tuple[list[Token], bool]:
    """(subject heads, passive?) of ``verb``, borrowed from governing verbs when absent."""
    token = verb
    for _ in range(MAX_CLIMB):
        found = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if found and token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            # "Najib, who denies ...": the relative pronoun stands for the noun it follows.
            found = [token.head if c.lower_ in RELATIVE_PRONOUNS else c for c in found]
        if found:
            passive = any(c.dep_ == "nsubjpass" for c in found) and token.i == verb.i
            return found, passive
        if token.dep_ in {"relcl", "acl"} and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            # "two officers charged over the shooting": a participle after a noun is a
            # reduced passive, its noun the one acted on.
            reduced = token.dep_ == "acl" and token.tag_ == "VBN" and token.i == verb.i
            return [token.head], reduced
        if token.dep_ not in INHERIT_DEPS or token.head.i == token.i:
            break
        token = token.head
    return [], False


def agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def objects(verb: Token, target_preps: frozenset[str]) -> list[Token]:
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr", "oprd"}]
    found = []
    for obj in direct:
        # "rejected an offer from Afghanistan": the offer's source is the one acted upon.
        inner = [
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ in target_preps
            for g in p.children
            if g.dep_ == "pobj"
        ]
        found.append(obj)
        found += inner
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in target_preps:
            found += [g for g in prep.children if g.dep_ == "pobj"]
    return found


def nominal_actors(noun: Token) -> list[Token]:
    """ "gathering of Hamas leaders", "a meeting between X and Y", "Turkey's refusal"."""
    found = [
        c
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod"} and (c.ent_type_ or c.pos_ == "PROPN")
    ]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in NOMINAL_ACTOR_PREPS:
            found += [g for g in prep.children if g.dep_ == "pobj"]
    return found
