"""Finding actor mentions: named entities, dictionary names, and role-noun phrases.

A mention is a token range that refers to an actor. Named entities (PERSON ORG GPE NORP)
are mentions; so are dictionary names the model missed, and noun phrases headed by a role
word ("Israeli officials", "the Turkish president", "the group").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from newsgraph.extract.actors.role_words import RoleWord, may_end_role, role_at
from newsgraph.extract.actors.titles import title_only
from newsgraph.nlp.extensions import entities, token_table

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Left dependents that belong to a role-noun phrase ("the new Turkish president").
PHRASE_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "nummod", "quantmod"})
# Right dependents whose named object tells where a group comes from or belongs
# ("Demonstrators in Baghdad", "leaders of the coalition").
ORIGIN_PREPOSITIONS = frozenset({"of", "from", "in", "within"})
# Bare nouns that refer back to an organisation already named ("the group").
ORGANISATION_ANAPHORS = frozenset(
    {"group", "movement", "organization", "organisation", "faction", "party", "militia"}
)
DEFINITE = frozenset({"the", "this", "that"})


@dataclass
class Mention:
    start: int  # token range [start, end)
    end: int
    head: int
    label: str  # PERSON ORG GPE NORP DICT NOMINAL
    entity_id: str | None = None
    role: RoleWord | None = None
    anaphor: bool = False  # "the group": joins the latest organisation, never stands alone
    definite_person: bool = False  # "the Turkish president": joins a known office holder


def entity_mentions(doc: Doc) -> list[Mention]:
    ents = entities(doc)
    return [
        Mention(e.start, e.end, e.root.i, e.label_, e._.entity_id)
        for e in ents
        if e.label_ in ENTITY_LABELS
    ]


def dictionary_mentions(doc: Doc, matcher: PhraseMatcher, taken: set[int]) -> list[Mention]:
    spans = filter_spans(matcher(doc, as_spans=True))
    return [
        Mention(s.start, s.end, s.root.i, "DICT")
        for s in spans
        if not any(i in taken for i in range(s.start, s.end))
    ]


def _is_role_head(token: Token, named: set[int]) -> RoleWord | None:
    """The role a common noun outside any name heads, if it stands for an actor here.

    ``nominal_mentions`` has already ruled out other parts of speech and named tokens."""
    if token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}:
        return None  # part of a longer noun ("television outlets"): the head decides
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.ent_type_ == "PERSON":
        return None  # a title before a name ("leader Kim Jong Un"): a role of the name
    if token.dep_ == "appos" and token.head.i in named:
        return None  # "X, head of Y": a role of X, read by the roles step
    if any(c.dep_ == "appos" and c.i in named for c in token.children):
        return None  # "a member of parliament, Mohammed Mamoun": a role of the name
    if token.dep_ in {"attr", "npadvmod"} or (token.dep_ == "pobj" and token.head.lower_ == "as"):
        return None  # predicate nominal ("is the head", "as a terrorist group")
    return role_at(token)


def nominal_mentions(doc: Doc, named: set[int]) -> list[Mention]:
    found = []
    table = token_table(doc)
    for i, (lower, lemma, pos) in enumerate(zip(table.lower, table.lemma, table.pos, strict=True)):
        # Common nouns outside names that may end a role phrase (role_at's own first
        # test), chosen before a Token is made.
        if pos != "NOUN" or i in named or not may_end_role(lower, lemma):
            continue
        token = doc[i]
        role = _is_role_head(token, named)
        if role is None or role.phrase.lower() in title_only():
            continue
        modifiers = [c for c in token.lefts if c.dep_ in PHRASE_MODIFIERS]
        start = min([c.left_edge.i for c in modifiers], default=token.i)
        start = min(start, token.i - len(role.phrase.split()) + 1)
        determiners = {c.lower_ for c in token.lefts if c.dep_ == "det"}
        bare = not modifiers and not any(
            c.dep_ == "prep" and c.lower_ in ORIGIN_PREPOSITIONS for c in token.rights
        )
        anaphor = bare and bool(determiners & DEFINITE) and token.lemma_ in ORGANISATION_ANAPHORS
        definite_person = (
            role.kind == "person"
            and token.tag_ in {"NN", "NNP"}
            and (bool(determiners & DEFINITE) or bool(modifiers))
        )
        if bare and not determiners and token.tag_ in {"NN"}:
            continue  # a bare singular role noun ("role", "figure") is rarely an actor
        if role.kind == "person" and token.tag_ in {"NNS", "NNPS"}:
            role = RoleWord(role.phrase, role.sector, "group")  # "officials": many people
        found.append(
            Mention(
                start,
                token.i + 1,
                token.i,
                "NOMINAL",
                role=role,
                anaphor=anaphor,
                definite_person=definite_person,
            )
        )
    return found
