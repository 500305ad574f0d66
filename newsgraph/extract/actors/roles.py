"""Reading roles, affiliations and bases from titles, appositions and relative clauses.

"President Emmanuel Macron"                 title before the name   -> role "President"
"Tom Berg, director of Norway's coast guard" apposition + "of" object -> role, affiliation
"an ex-leader of the party who now lives in Lyon"  relative clause  -> role, affiliation, based_in
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extract.actors.role_words import RoleWord, role_at, role_title
from newsgraph.extract.actors.titles import destination_prepositions

AFFILIATION_PREPS = frozenset({"of", "within", "in", "at", "for", "from", "with"})
BASE_VERBS = frozenset({"base", "live", "reside", "headquarter", "station", "exile", "stay"})
# Right dependents that end a role phrase: clauses and punctuation are not part of it.
MAX_TITLE_TOKENS = 6
ROLE_STOP_DEPS = frozenset({"relcl", "acl", "punct", "cc", "conj", "advcl"})


@dataclass
class RoleReading:
    role: RoleWord
    title: str
    start: int  # token range of the evidence
    end: int
    affiliation_tokens: list[int] = field(default_factory=list)  # heads of "of X" objects
    base: tuple[int, int] | None = None  # token range of "based in X"'s X
    # Tokens naming where the office is held or whom it deals with ("envoy to Ukraine"):
    # no country of the holder's is read from them.
    elsewhere: frozenset[int] = frozenset()


def _destinations(noun: Token, end: int) -> frozenset[int]:
    """Tokens under a destination preposition ("to", "for") inside the role phrase."""
    skipped: set[int] = set()
    for token in noun.subtree:
        if (
            token.i < end
            and token.dep_ == "prep"
            and token.lower_ in destination_prepositions()
            and token.i not in skipped
        ):
            skipped.update(t.i for t in token.subtree)
    return frozenset(skipped)


def _phrase_end(token: Token) -> int:
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ROLE_STOP_DEPS:
            break
        end = max(end, child.right_edge.i + 1)
    return end


def _base_of(token: Token) -> tuple[int, int] | None:
    for clause in token.children:
        if clause.dep_ not in {"relcl", "acl"}:
            continue
        verbs = [clause, *[c for c in clause.children if c.dep_ in {"xcomp", "conj"}]]
        for verb in verbs:
            if verb.lemma_ not in BASE_VERBS:
                continue
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0].left_edge.i, objects[0].right_edge.i + 1
    return None


def _reading(noun: Token, role: RoleWord, start: int | None = None) -> RoleReading:
    affiliations = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in AFFILIATION_PREPS:
            affiliations += [c.i for c in prep.children if c.dep_ == "pobj"]
    # "X, Columbus Police Department spokesman", "X, NASA's administrator": a named body
    # before the role noun is one the person belongs to.
    affiliations += [
        c.i for c in noun.lefts if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"
    ]
    base = _base_of(noun)
    for token in affiliations:
        # "leader of the party who is based in Lyon": the parser often hangs a
        # "who" clause on the nearest noun; "who" tells that it describes the person.
        pobj = noun.doc[token]
        if base is None and any(w.lower_ == "who" for c in pobj.children for w in c.children):
            base = _base_of(pobj)
    begin = noun.left_edge.i if start is None else start
    if noun.doc[begin].dep_ == "det":
        begin += 1
    end = _phrase_end(noun)
    elsewhere = _destinations(noun, end)
    affiliations = [t for t in affiliations if t not in elsewhere]
    return RoleReading(
        role, role_title(noun, role), begin, end, affiliations, base, elsewhere=elsewhere
    )


def title_reading(doc: Doc, start: int, head: int) -> RoleReading | None:
    """A title written right before a name: "Iraqi President", "Lebanon's new President",
    "U.S. Secretary of State". Only the words next to the name count (parsers often hang
    a title from the wrong name in "X and Y leader Z")."""
    first = start
    while first > 0 and start - first < MAX_TITLE_TOKENS:
        token = doc[first - 1]
        if token.ent_type_ == "PERSON" or not _title_word(token):
            break
        first -= 1
    while first < start and doc[first].pos_ in {"DET", "ADP", "PART"}:
        first += 1
    # "U.S. Ambassador to the European Union Gordon Sondland": what follows "to" is where
    # the office deals, not the holder's own country or body.
    away = next((t.i for t in doc[first:start] if t.lower_ in destination_prepositions()), start)
    roles = _person_roles(doc, away + 1, start)
    if roles:  # "aide to Vice President Pence": Pence's title is the one after "to"
        first, away = away + 1, start
        while first < start and doc[first].pos_ in {"DET", "ADP", "PART"}:
            first += 1
    else:
        roles = _person_roles(doc, first, away)
    if not roles:
        return None
    noun, role = roles[-1]
    # Names in the title other than the role words ("Taliban spokesman", "White House
    # Press Secretary") are bodies the person belongs to; so is "of X" after the name
    # ("Inspector-General X of the police").
    in_roles = {i for t, r in roles for i in range(t.i - len(r.phrase.split()) + 1, t.i + 1)}
    affiliations = [t.i for t in doc[first:away] if t.pos_ == "PROPN" and t.i not in in_roles]
    for prep in doc[head].children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            affiliations += [c.i for c in prep.children if c.dep_ == "pobj"]
    elsewhere = frozenset(range(away, start))
    return RoleReading(
        role, role_title(noun, role), first, start, affiliations, None, elsewhere=elsewhere
    )


def _person_roles(doc: Doc, start: int, end: int) -> list[tuple[Token, RoleWord]]:
    return [(t, r) for t in doc[start:end] if (r := role_at(t)) and r.kind == "person"]


def _title_word(token: Token) -> bool:
    if token.pos_ in {"PROPN", "NOUN", "ADJ"}:
        return True
    if token.pos_ == "PART" and token.lower_ in {"'s", "’s"}:
        return True
    if token.lower_ in destination_prepositions() and token.i > 0:
        return token.doc[token.i - 1].pos_ in {"PROPN", "NOUN"}  # "envoy to", not "said to"
    return token.lower_ in {"of", "the"} or (token.text == "-" and token.whitespace_ == "")


def apposition_readings(doc: Doc, head: int) -> list[RoleReading]:
    """Role nouns in apposition to the name, either way round."""
    token = doc[head]
    readings = []
    for child in token.children:
        if child.dep_ == "appos" and (role := role_at(child)):
            readings.append(_reading(child, role))
    if token.dep_ == "appos" and (role := role_at(token.head)):
        readings.append(_reading(token.head, role))
    return readings


def base_of_name(doc: Doc, head: int) -> tuple[int, int] | None:
    return _base_of(doc[head])
