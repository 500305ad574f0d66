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
SINGULAR_PRONOUNS = frozenset({"it", "its"})
SKIP_SUBTREE = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "ccomp"})
MAX_CLIMB = 5
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


class ActorIndex:
    """Token -> actor id lookups over the actors component's output."""

    def __init__(self, doc: Doc, token_ids: dict[int, str], actors: list[dict]):
        self.doc = doc
        self.token_ids = token_ids
        kinds = {a["id"]: a["kind"] for a in actors}
        self.sectors = {a["id"]: a.get("sector") for a in actors}
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
        """The head's own phrase; for a subject, its modifiers and the prepositions that
        name a doer ("statements from X", "talks between X and Y") but not others ("the
        attack on the embassy killed ..." does not name the embassy as the killer)."""
        subject = head.dep_ in SUBJECT_DEPS
        stack = [head]
        seen: list[Token] = []
        while stack:
            token = stack.pop()
            seen.append(token)
            stack += [
                c
                for c in token.children
                if c.dep_ not in SKIP_SUBTREE
                and not (subject and c.dep_ == "prep" and c.lower_ not in NOMINAL_ACTOR_PREPS)
            ]
        return sorted(seen, key=lambda t: t.i)

    def pronoun(self, token: Token) -> str | None:
        speaker = self._speaker(token)
        if speaker:
            return speaker
        person = token.lower_ in PERSON_PRONOUNS
        # "it" is one body; "they" may be a group of people as well.
        kinds = {"state", "organization", "media"} | (
            set() if token.lower_ in SINGULAR_PRONOUNS else {"group"}
        )
        for start, actor, kind in reversed(self.mentions):
            if start >= token.i:
                continue
            if person and kind == "person":
                return actor
            if not person and kind in kinds:
                return actor
        return None

    def _speaker(self, token: Token) -> str | None:
        """In "X said it/he would ...", the pronoun is X; in '"We apologise," it added',
        "we" is whoever "it" is."""
        clause = token.head
        if token.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
            return None
        subjects = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            return None
        if subjects[0].pos_ != "PRON":
            return self.of_phrase(subjects[0])
        if subjects[0].lower_ in PERSON_PRONOUNS | OTHER_PRONOUNS:
            return self.token_ids.get(subjects[0].i) or self.pronoun(subjects[0])
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
        if not found and any(c.dep_ == "expl" for c in token.children):
            return [], False  # "there was an attack": no one named, not the clause above's
        if found and token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            # "Najib, who denies ...": the relative pronoun stands for the noun it follows.
            found = [_anchor(token.head) if c.lower_ in RELATIVE_PRONOUNS else c for c in found]
        if found:
            return found, _passive(verb, token, found)
        if token.dep_ in {"relcl", "acl"} and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            # "two officers charged over the shooting": a participle after a noun is a
            # reduced passive, its noun the one acted on.
            reduced = token.dep_ == "acl" and token.tag_ == "VBN" and token.i == verb.i
            return [_anchor(token.head)], reduced
        if token.dep_ not in INHERIT_DEPS or token.head.i == token.i:
            break
        token = token.head
    return [], False


def _anchor(noun: Token) -> Token:
    """The phrase a clause-modified noun stands for: "Raul Grijalva, the top Democrat who
    helped ..." and "Jane Doe was the first senator to endorse ..." are about the named
    person, not the title (an apposition, or the predicate of "be")."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subject:
            return subject[0]
    return noun


def _passive(verb: Token, governor: Token, found: list[Token]) -> bool:
    """Whether ``verb``'s subject (``found``, a child of ``governor``) is the one acted on:
    a passive verb of its own ("was arrested", "wanted to be arrested", "get killed",
    a headline's "leader arrested"), or a bare participle conjoined to a passive ("was
    arrested and charged", "were killed and injured")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    bare_conjunct = (
        verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)
    )
    if governor.i != verb.i and not bare_conjunct:
        return False
    return (
        any(c.dep_ == "nsubjpass" for c in found)
        or any(c.dep_ == "auxpass" for c in governor.children)
        or _headline_passive(governor)
    )


def _headline_passive(verb: Token) -> bool:
    """ "Opposition leader arrested in Harare": a headline's bare participle (tagged VBN
    with a subject of its own, no auxiliary and no object) is a passive without its
    "was". (Headlines parse badly, so the participle's own label is not asked.)"""
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass", "dobj", "ccomp", "xcomp"} for c in verb.children)
    )


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


def nominal_actors(noun: Token, patient_of: bool = False) -> list[Token]:
    """ "gathering of Hamas leaders", "a meeting between X and Y", "Turkey's refusal".

    ``patient_of``: the noun names an act done to someone ("the arrest of X"), so its "of"
    phrase is the one acted on, not the actor (see :func:`of_is_patient`). A participle
    with an agent names the actor outright ("the debt deal reached by X and Y")."""
    done_by = [g for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for g in agents(c)]
    if done_by:
        return done_by
    found = [
        c
        for c in noun.children
        if c.dep_ in {"poss", "compound", "amod"} and (c.ent_type_ or c.pos_ == "PROPN")
    ]
    preps = NOMINAL_ACTOR_PREPS - {"of"} if patient_of else NOMINAL_ACTOR_PREPS
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            found += [g for g in prep.children if g.dep_ == "pobj"]
    return found


def of_is_patient(noun: Token, patient_type: bool) -> bool:
    """Whether the "of" phrase of an event noun names the one acted on: always when a
    possessor names the actor ("Kenya's arrest of X", "the union's protest of the decision"),
    else when the noun's type is one of acts done to someone (``patient_type``: "the
    killing of X", against "a meeting of ministers")."""
    return patient_type or any(c.dep_ == "poss" for c in noun.children)


def of_objects(noun: Token) -> list[Token]:
    """The objects of the noun's "of" phrases."""
    return [
        g
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]


# Links through which a trigger elaborates the one above it in the same clause: conjoined
# verbs ("killed three and wounded twelve"), purposes and manners ("marched to protest",
# "killed in the offensive"), objects and subjects ("investigating allegations", "the
# attack killed"). Reported content (ccomp), relative clauses and appositions start
# another statement, so they stop the climb.
GOVERNOR_DEPS = frozenset(
    {"conj", "advcl", "xcomp", "prep", "pobj", "pcomp", "dobj", "nsubj", "nsubjpass", "npadvmod"}
)
GOVERNOR_CLIMB = 3


def governing_trigger(head: Token, triggers: frozenset[int], conjoined: bool = True) -> int | None:
    """The nearest other trigger head (of ``triggers``, token indices) above ``head``
    through :data:`GOVERNOR_DEPS` links, at most :data:`GOVERNOR_CLIMB` links up.
    ``conjoined``: whether a conjoined verb counts ("killed three and wounded twelve" is
    one attack; "raided a warehouse and arrested four men" are two steps)."""
    token = head
    for _ in range(GOVERNOR_CLIMB):
        if token.dep_ not in GOVERNOR_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "conj" and not conjoined:
            return None
        token = token.head
        if token.i in triggers:
            return token.i
    return None


# Links from what is asked for up to the asking: the clause asked for ("urged X to halt",
# "asked them not to stage protests") and its conjuncts. (An object asked for, "demanded
# the release of X", may be a gold event of its own: measured, it is left.)
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "conj"})
CONTENT_CLIMB = 3


def _content_step(token: Token, triggers: frozenset[int]) -> Token | None:
    """One link up from ``token`` towards what asks for it, or None when the link is not
    one of asking: a clause asked for, a "for"-clause ("called for X to leave"), the
    noun asked for by "for" ("called for the release of X"), or the object of a verb that
    is no trigger of its own ("called for X to throw their support behind Y")."""
    dep, head = token.dep_, token.head
    if head.i == token.i:
        return None
    if dep in CONTENT_DEPS:
        return head
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children):
        return head
    if dep == "pobj" and head.lower_ == "for" and head.head.i != head.i:
        return head.head
    if dep == "dobj" and token.pos_ == "NOUN" and head.i not in triggers:
        return head
    return None


def content_of(head: Token, askers: frozenset[int], triggers: frozenset[int] = frozenset()) -> bool:
    """Whether ``head`` sits in what a trigger of ``askers`` (token indices of requests)
    asks for, at most :data:`CONTENT_CLIMB` links up (``triggers``: the sentence's trigger
    heads). The news guidelines code the request; the act asked for is its content, no
    event of its own."""
    token: Token | None = head
    for _ in range(CONTENT_CLIMB):
        token = _content_step(token, triggers) if token is not None else None
        if token is None:
            return False
        if token.i in askers:
            return True
    return False
