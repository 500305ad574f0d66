"""Turning mentions into document actors: resolve each mention, then join or create.

Linking rules, in order (first that applies):
  dictionary entry        same entry -> same actor ("Erdogan" / "Recep Tayyip Erdoğan")
  person name             folded name parts of one contained in the other ("Aruri")
  country                 GPE/NORP resolving to a country -> that country's state actor
  organisation            same folded name, or an acronym of an earlier name
  "the group"             the latest organisation/group named in the last few sentences
  "the Turkish president" the person already holding that office (same country or none)
  other role-noun phrase  same folded text -> same actor ("Israeli officials")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors.demonyms import capital_country, country_code, country_name
from newsgraph.extract.actors.dictionary import ActorEntry, ActorIndex, lookup
from newsgraph.extract.actors.mentions import Mention
from newsgraph.extract.actors.named_places import leading_place_country
from newsgraph.extract.actors.role_words import role_at
from newsgraph.extract.common.folding import fold, name_parts
from newsgraph.extract.places.gazetteer import Gazetteer
from newsgraph.nlp.extensions import entities

# Dependencies that make a city name an actor by metonymy ("Ankara rejected ...").
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent"})
# ... and so does being the object of these prepositions ("aid to Jakarta", "talks with
# Kabul", "an offer from Tehran"), except after a verb or noun of motion, where the
# city is where someone went ("travelled to Istanbul from Beirut").
ACTING_PREPOSITIONS = frozenset({"to", "with", "against", "toward", "towards", "from", "by"})
MOTION_WORDS = frozenset(
    {
        "travel",
        "fly",
        "arrive",
        "go",
        "come",
        "head",
        "return",
        "move",
        "drive",
        "sail",
        "visit",
        "trip",
        "flight",
        "journey",
        "way",
    }
)
ANAPHOR_WINDOW_TOKENS = 150  # "the group" looks back at most this far (a few sentences)
KIND_OF_ROLE = {
    "person": "person",
    "group": "group",
    "organization": "organization",
    "media": "media",
}


@dataclass
class Draft:
    key: str
    name: str
    kind: str
    country: str | None
    sector: str
    entry: ActorEntry | None = None
    parts: tuple[str, ...] = ()
    mentions: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    roles: list[dict[str, Any]] = field(default_factory=list)
    affiliations: list[tuple[Draft, int, int]] = field(default_factory=list)
    based_in: list[tuple[int, int]] = field(default_factory=list)
    references: list[tuple[int, int]] = field(default_factory=list)  # pronouns ("he")
    last_token: int = 0

    def add(self, mention: Mention, start: int | None = None) -> None:
        if mention.entity_id and mention.entity_id not in self.mentions:
            self.mentions.append(mention.entity_id)
        span = (mention.start if start is None else start, mention.end)
        if span not in self.spans:
            self.spans.append(span)
        self.last_token = max(self.last_token, mention.end)


def _stance_prefixed(doc: Doc, i: int) -> bool:
    """ "pro-Iranian", "anti-Syrian": a stance towards a country, not membership of it."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in {"pro", "anti"}


def country_in(
    doc: Doc,
    start: int,
    end: int,
    ents: list[Span] | None = None,
    skip: frozenset[int] = frozenset(),
) -> str | None:
    """The first country named or implied by a demonym in tokens [start, end), leaving out
    the tokens in ``skip``."""
    for token in doc[start:end]:
        if token.i in skip:
            continue
        if _stance_prefixed(doc, token.i) or token.lower_.startswith(("pro-", "anti-")):
            continue
        if token.ent_type_ in {"GPE", "NORP"} or token.pos_ == "PROPN" or token.pos_ == "ADJ":
            code = country_code(token.text)
            if code:
                return code
    inside = [
        e
        for e in (entities(doc) if ents is None else ents)
        if e.start >= start and e.end <= end and not any(i in skip for i in range(e.start, e.end))
    ]
    for ent in inside:
        if ent.label_ in {"GPE", "NORP"} and (code := country_code(ent.text)):
            return code
    return None


def _acting(token: Token) -> bool:
    if token.dep_ in ACTING_DEPS:
        return True
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ACTING_PREPOSITIONS
        and prep.head.lemma_.lower() not in MOTION_WORDS
    )


def _place_countries(doc: Doc) -> dict[int, str]:
    """Token index -> country of the place (places component) that token is part of."""
    found: dict[int, str] = {}
    for place in doc._.ng_places or ():
        span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
        if span is not None and place.get("country"):
            for i in range(span.start, span.end):
                # Only where the model, too, read a place: the gazetteer alone matches
                # many capitalised words ("Vice" is a town in Peru).
                if doc[i].ent_type_ in PLACE_LABELS:
                    found.setdefault(i, place["country"])
    return found


SURNAME_LABELS = frozenset({"ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def describes(token: Token, country: str | None) -> bool:
    """Whether a word beside a known name (of ``country``) only describes it: an article,
    punctuation, a stance prefix, a role word ("group", "movement"), another lower-case
    word ("news agency"), or that same country ("Israeli Mossad"). A capitalised word is
    part of a different name, and another country makes another body ("Israeli Security
    Council" is not the UN's)."""
    if token.pos_ in {"DET", "PUNCT", "PART"} or token.lower_ in {"pro", "anti"}:
        return True
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    code = country_code(token.text)
    if code is not None:
        return code == country
    if token.is_lower and token.pos_ in {"NOUN", "ADJ"}:
        return True
    return role_at(token) is not None


def _core(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in parts if p not in NAME_SUFFIXES)


def surname(parts: tuple[str, ...]) -> str | None:
    core = _core(parts)
    return core[-1] if core else None


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two folded names may name one person: one's parts inside the other's
    ("Rashidi", "Omar al-Rashidi"), or the same surname with first names that agree up to
    a short form or an initial ("Pat Carlineo", "Patrick W. Carlineo Jr.")."""
    core_a, core_b = _core(a), _core(b)
    if not core_a or not core_b:
        return False
    if set(core_a) <= set(core_b) or set(core_b) <= set(core_a):
        return True
    if core_a[-1] != core_b[-1]:
        return False
    first_a = [p for p in core_a[:-1] if len(p) > 1]
    first_b = [p for p in core_b[:-1] if len(p) > 1]
    if not first_a or not first_b:
        return False
    short, long = sorted((first_a[0], first_b[0]), key=len)
    return len(short) >= 3 and long.startswith(short)


class Linker:
    """Holds the document's drafts and resolves one mention at a time (in text order)."""

    def __init__(
        self,
        doc: Doc,
        published: str | None,
        index: ActorIndex,
        gazetteer: Gazetteer | None = None,
    ):
        self.doc = doc
        self.gazetteer = gazetteer
        self.published = published
        self.index = index
        self.drafts: list[Draft] = []
        self.by_key: dict[str, Draft] = {}
        self.token_draft: dict[int, Draft] = {}
        self.ents = [e for e in entities(doc) if e.label_ in {"GPE", "NORP"}]
        self.place_country = _place_countries(doc)

    def country_between(
        self, start: int, end: int, skip: frozenset[int] = frozenset()
    ) -> str | None:
        """The country named in tokens [start, end) (not in ``skip``): a country name or
        demonym first, else the country of a place the places component resolved there
        ("South Dakota Gov.", "the London-based group")."""
        code = country_in(self.doc, start, end, self.ents, skip)
        if code is not None:
            return code
        return next(
            (
                self.place_country[i]
                for i in range(start, end)
                if i in self.place_country and i not in skip
            ),
            None,
        )

    def _new(self, key: str, **values: Any) -> Draft:
        draft = Draft(key=key, **values)
        self.drafts.append(draft)
        self.by_key[key] = draft
        return draft

    def _keyed(self, key: str, **values: Any) -> Draft:
        return self.by_key.get(key) or self._new(key, **values)

    def _from_entry(self, entry: ActorEntry) -> Draft:
        valid = entry.valid_on(self.published)
        draft = self._keyed(
            "dict:" + entry.name,
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            sector=entry.sector if valid else "UNK",
            entry=entry,
            parts=name_parts(entry.name),
        )
        if valid and entry.role and not any(r.get("source") == "dictionary" for r in draft.roles):
            draft.roles.append({"title": entry.role, "source": "dictionary"})
        return draft

    def link(self, mention: Mention) -> Draft | None:
        draft = self._resolve(mention)
        if draft is not None:
            draft.add(mention)
            for i in range(mention.start, mention.end):
                self.token_draft.setdefault(i, draft)
            self.token_draft[mention.head] = draft
        return draft

    def _resolve(self, m: Mention) -> Draft | None:
        text = self.doc[m.start : m.end].text
        if m.label == "NOMINAL":
            return self._nominal(m, text)
        entry = lookup(text, self.index)
        if m.label == "PERSON":
            return self._person(text, entry)
        if m.label in SURNAME_LABELS and entry is None:
            owner = self._surname_owner(text)
            if owner is not None:
                return owner  # "Sondland" tagged as a place after "Gordon Sondland"
        if entry is not None:
            return self._from_entry(entry)
        if m.label in {"GPE", "NORP"}:
            return self._place_or_people(m, text)
        return self._organisation(m, text)

    def _person(self, text: str, entry: ActorEntry | None) -> Draft:
        parts = name_parts(text)
        for draft in reversed(self.drafts):
            if draft.kind != "person" or not parts or not draft.parts:
                continue
            if same_person(parts, draft.parts):
                if len(parts) > len(draft.parts) and draft.entry is None:
                    draft.name, draft.parts = text, parts  # keep the fullest form
                return draft
        if entry is not None:
            return self._from_entry(entry)
        return self._new(
            "person:" + fold(text),
            name=text,
            kind="person",
            country=None,
            sector="UNK",
            parts=parts,
        )

    def _surname_owner(self, text: str) -> Draft | None:
        """The one person named earlier whose name holds all of ``text``'s parts, unless
        ``text`` names a country or capital (the model tags a repeated surname as an
        organisation or a place now and then)."""
        parts = name_parts(text)
        owners = [
            d
            for d in self.drafts
            if d.kind == "person" and len(d.parts) > len(parts) and set(parts) <= set(d.parts)
        ]
        if not parts or len(owners) != 1 or country_code(text) or capital_country(text):
            return None
        return owners[0]

    def _place_or_people(self, m: Mention, text: str) -> Draft | None:
        code = country_code(text)
        if code:
            return self._keyed(
                "state:" + code, name=country_name(code), kind="state", country=code, sector="GOV"
            )
        acting = _acting(self.doc[m.head])
        if m.label == "GPE":
            if not acting:
                return None  # a place, not an actor: the places component has it
            capital = capital_country(text)
            if capital:
                return self._keyed(
                    "state:" + capital,
                    name=country_name(capital),
                    kind="state",
                    country=capital,
                    sector="GOV",
                )
            return self._keyed(
                "gpe:" + fold(text),
                name=text,
                kind="state",
                country=self.place_country.get(m.head),  # a city's country ("Dubai")
                sector="UNK",
            )
        return self._keyed(
            "group:" + fold(text), name=text, kind="group", country=None, sector="UNK"
        )

    def _organisation(self, m: Mention, text: str) -> Draft:
        key = "org:" + fold(text)
        if key in self.by_key:
            return self.by_key[key]
        inner = self._entry_inside(m)
        if inner is not None:
            return self._from_entry(inner)
        if text.isupper() and 2 <= len(text) <= 6:
            for draft in self.drafts:
                initials = "".join(w[0] for w in draft.name.split() if w[0].isupper())
                if draft.kind in {"organization", "group", "media"} and initials == text:
                    return draft
        role = role_at(self.doc[m.end - 1])
        kind = "media" if role and role.kind == "media" else "organization"
        country = self.country_between(m.start, m.end)
        if country is None and m.label == "ORG" and self.gazetteer is not None:
            country = leading_place_country(self.doc, m.start, m.end, self.gazetteer)
        return self._new(
            key, name=text, kind=kind, country=country, sector=role.sector if role else "UNK"
        )

    def _entry_inside(self, m: Mention) -> ActorEntry | None:
        """A known name inside a longer one ("The pro-Iranian Hizbollah group"), when the
        other words only describe it, or when it opens the name of one of its parts ("BBC
        One", "UN Relief and Works Agency"). "National Security Council" is not the UN
        Security Council: a word of the name before it changes whom it names."""
        opening = m.start
        while opening < m.end and self.doc[opening].pos_ == "DET":
            opening += 1
        for width in range(min(4, m.end - m.start - 1), 0, -1):
            for start in range(m.start, m.end - width + 1):
                entry = lookup(self.doc[start : start + width].text, self.index)
                if entry is None:
                    continue
                rest = [*self.doc[m.start : start], *self.doc[start + width : m.end]]
                if start == opening or all(describes(t, entry.country) for t in rest):
                    return entry
        return None

    def _nominal(self, m: Mention, text: str) -> Draft | None:
        assert m.role is not None
        if m.anaphor:
            return self._latest_organisation(m.start)
        # A descriptive alias of a known actor ("the UN refugee agency" for UNHCR): the
        # phrase matcher misses it when a name inside it ("UN") is an entity already.
        entry = lookup(text, self.index)
        if entry is not None:
            return self._from_entry(entry)
        country = self.country_between(m.start, m.end)
        if m.definite_person:
            holder = self._office_holder(m.role.phrase, country)
            if holder is not None:
                return holder
        return self._keyed(
            "nominal:" + fold(text),
            name=text,
            kind=KIND_OF_ROLE[m.role.kind],
            country=country,
            sector=m.role.sector,
        )

    def _latest_organisation(self, before: int) -> Draft | None:
        candidates = [
            d
            for d in self.drafts
            if d.kind in {"organization", "group"}
            and d.last_token <= before
            and before - d.last_token <= ANAPHOR_WINDOW_TOKENS
            and not d.key.startswith("nominal:")
        ]
        return max(candidates, key=lambda d: d.last_token, default=None)

    def _office_holder(self, office: str, country: str | None) -> Draft | None:
        for draft in reversed(self.drafts):
            if draft.kind != "person":
                continue
            titles = " ".join(str(r.get("title", "")).lower() for r in draft.roles)
            holds = office in titles.split() or f" {office} " in f" {titles} "
            if holds and (country is None or draft.country in {None, country}):
                return draft
        return None
