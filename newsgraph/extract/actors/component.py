"""newsgraph_actors_v1: who the document is about, resolved to coded actors (SPEC actors[]).

Every PERSON/ORG/GPE/NORP entity becomes or joins an actor. A GPE or NORP that names a
country always joins that country's state actor (kind "state"), so "Turkey", "Turkish" and
"Ankara" (as the subject or object of a verb) meet in one actor; a city or region named
only as a location is left to the places component and does not become an actor.

Record: {id, name, kind, country, sector, roles[], affiliations[], mentions[], spans[],
based_in[], references[], country_basis (only for a prior)}. ``spans`` hold every
mention's evidence, including role-noun phrases ("the group", "the Turkish president")
that are not named entities. Unknown actors keep their text with sector "UNK" and
country null, unless the ``actor_country`` setting gives them the country that leads the
document as a marked prior (``country_prior``). People: a title or apposition gives
role, sector and country (``roles``, ``titles``); "he"/"she" resolve to a clear
antecedent (``pronouns``), kept as ``references``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsgraph.extract.actors.country_prior import apply_country_prior, check_setting
from newsgraph.extract.actors.demonyms import country_code
from newsgraph.extract.actors.dictionary import dictionary, surface_forms
from newsgraph.extract.actors.linking import Draft, Linker, surname
from newsgraph.extract.actors.mentions import (
    Mention,
    dictionary_mentions,
    entity_mentions,
    nominal_mentions,
)
from newsgraph.extract.actors.pronouns import resolve_pronouns
from newsgraph.extract.actors.roles import (
    RoleReading,
    apposition_readings,
    base_of_name,
    title_reading,
)
from newsgraph.extract.actors.titles import party_tag_country
from newsgraph.extract.common.folding import fold
from newsgraph.extract.places.gazetteer import shared_gazetteer
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.extensions import token_table

# Token index -> actor id, for the events component (saves re-deriving it from spans).
if not Doc.has_extension("ng_actor_tokens"):
    Doc.set_extension("ng_actor_tokens", default=None)


def _country_beside_name(doc: Doc, mention: Mention, linker: Linker) -> str | None:
    """A demonym right before a name ("Australian Mark Dunne") or a party tag right after
    it ("Rep. Dana Kowalczyk (D-Minn.)") tells the person's country."""
    before = mention.start - 1
    if before >= 0 and doc[before].ent_type_ == "NORP":
        code = country_code(doc[before].text)
        if code is not None:
            return code
    tag = party_tag_country(doc, mention.end)
    return tag[0] if tag else None


def _span(doc: Doc, start: int, end: int) -> dict[str, Any]:
    span = doc[start:end]
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


class ActorExtractor:
    def __init__(
        self,
        nlp: Language,
        name: str,
        dictionaries: str = "",
        cache: str = "",
        country_prior: str = "dominant",
    ):
        self.name = name
        self.country_prior = check_setting(country_prior)
        self.index = dictionary(dictionaries)
        self.gazetteer = shared_gazetteer(cache)  # the places component's, loaded once
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ACTOR", [nlp.make_doc(form) for form in surface_forms(self.index)])

    def __call__(self, doc: Doc) -> Doc:
        linker = Linker(doc, doc._.ng_published, self.index, self.gazetteer)
        named = entity_mentions(doc)
        taken = {i for m in named for i in range(m.start, m.end)}
        named += dictionary_mentions(doc, self.matcher, taken)
        named_heads = {m.head for m in named} | {i for m in named for i in range(m.start, m.end)}
        nominal = nominal_mentions(doc, named_heads)
        readings: list[tuple[Draft, RoleReading]] = []
        for mention in self._in_order(named, nominal):
            draft = linker.link(mention)
            if draft is not None and mention.label in {"PERSON", "ORG", "DICT"}:
                readings += [(draft, r) for r in self._read_roles(doc, mention, draft, linker)]
        self._link_bare_surnames(doc, linker)
        self._attach(doc, linker, readings)
        for i, person in resolve_pronouns(doc, linker.drafts).items():
            person.references.append((i, i + 1))
            linker.token_draft.setdefault(i, person)
        prior = set()
        if self.country_prior != "text":
            prior = apply_country_prior(doc, linker.drafts, self.country_prior)
        records = self._records(doc, linker.drafts, prior)
        doc._.ng_actors = records
        doc._.ng_actor_tokens = {
            i: linker_id for i, linker_id in self._token_ids(linker, records).items()
        }
        return doc

    @staticmethod
    def _in_order(named: list[Mention], nominal: list[Mention]) -> list[Mention]:
        # A country word inside a role-noun phrase ("Israeli officials") joins that phrase's
        # actor, not the state, so the phrase is linked and the bare word is dropped.
        covering = {i: n for n in nominal if not n.anaphor for i in range(n.start, n.end)}
        kept = []
        for mention in named:
            phrase = covering.get(mention.start)
            inside = phrase is not None and mention.end <= phrase.end
            if mention.label in {"NORP", "GPE"} and inside and phrase is not None:
                phrase.entity_id = phrase.entity_id or mention.entity_id
            else:
                kept.append(mention)
        return sorted(kept + nominal, key=lambda m: (m.start, m.end))

    @staticmethod
    def _link_bare_surnames(doc: Doc, linker: Linker) -> None:
        """A surname repeated alone ("Rashidi" after "Omar al-Rashidi") that the model did
        not tag as a name still refers to that person, if only one person has it."""
        owners: dict[str, list[Draft]] = {}
        for draft in linker.drafts:
            last = surname(draft.parts)
            if draft.kind == "person" and len(draft.parts) >= 2 and last:
                owners.setdefault(last, []).append(draft)
        for i, pos in enumerate(token_table(doc).pos):
            if i in linker.token_draft or pos != "PROPN":
                continue
            token = doc[i]
            found = owners.get(fold(token.text))
            if found and len(found) == 1 and token.i >= found[0].spans[0][0]:
                found[0].spans.append((token.i, token.i + 1))
                linker.token_draft[token.i] = found[0]

    @staticmethod
    def _read_roles(doc: Doc, mention: Mention, draft: Draft, linker: Linker) -> list[RoleReading]:
        readings = apposition_readings(doc, mention.head)
        if mention.label == "PERSON":
            title = title_reading(doc, mention.start, mention.head)
            if title is not None:
                readings.insert(0, title)
                draft.spans[-1] = (title.start, mention.end)  # the title is evidence too
            base = base_of_name(doc, mention.head)
            if base and base not in draft.based_in:
                draft.based_in.append(base)
            if draft.country is None:
                draft.country = _country_beside_name(doc, mention, linker)
        for reading in readings:
            if all(r.get("title") != reading.title for r in draft.roles):
                draft.roles.append(
                    {"title": reading.title, **_span(doc, reading.start, reading.end)}
                )
            if reading.base and reading.base not in draft.based_in:
                draft.based_in.append(reading.base)
            if draft.country is None:
                draft.country = linker.country_between(
                    reading.start, reading.end, reading.elsewhere
                )
            if draft.sector == "UNK" and reading.role.sector != "UNK":
                draft.sector = reading.role.sector
        return readings

    @staticmethod
    def _attach(doc: Doc, linker: Linker, readings: list[tuple[Draft, RoleReading]]) -> None:
        """Resolve "of X" affiliations once every mention is linked; inherit codes."""
        for draft, reading in readings:
            for token in reading.affiliation_tokens:
                head = doc[token]
                target = linker.token_draft.get(token) or next(
                    (
                        linker.token_draft[i]
                        for i in range(head.left_edge.i, head.right_edge.i + 1)
                        if i in linker.token_draft
                    ),
                    None,
                )
                if target is None or target is draft:
                    continue
                if all(a[0] is not target for a in draft.affiliations):
                    draft.affiliations.append((target, head.left_edge.i, head.right_edge.i + 1))
                if draft.country is None:
                    draft.country = target.country
                # The body a person serves says more than the role word ("Taliban
                # spokesman": REB, not the GOV a spokesman has by default).
                if target.kind != "state" and target.sector != "UNK":
                    draft.sector = target.sector
        for draft in linker.drafts:  # "Hamas leaders": a modifier organisation is one too
            for start, end in draft.spans:
                for i in range(start, end):
                    other = linker.token_draft.get(i)
                    if (
                        other is not None
                        and other is not draft
                        and draft.key.startswith("nominal:")
                        and other.kind in {"organization", "group"}
                    ):
                        if all(a[0] is not other for a in draft.affiliations):
                            draft.affiliations.append((other, i, i + 1))
                        draft.country = draft.country or other.country
                        if draft.sector == "UNK":
                            draft.sector = other.sector

    @staticmethod
    def _records(doc: Doc, drafts: list[Draft], prior: set[int]) -> list[dict[str, Any]]:
        ordered = sorted(drafts, key=lambda d: min(d.spans) if d.spans else (0, 0))
        ids = {id(d): f"A{n}" for n, d in enumerate(ordered, start=1)}
        records = []
        for draft in ordered:
            records.append(
                {
                    "id": ids[id(draft)],
                    "name": draft.name,
                    "kind": draft.kind,
                    "country": draft.country,
                    "sector": draft.sector or "UNK",
                    "roles": draft.roles,
                    "affiliations": [
                        {"actor": ids[id(target)], "name": target.name, **_span(doc, s, e)}
                        for target, s, e in draft.affiliations
                    ],
                    "mentions": draft.mentions,
                    "spans": [_span(doc, s, e) for s, e in sorted(draft.spans)],
                    "based_in": [_span(doc, s, e) for s, e in draft.based_in],
                    "references": [_span(doc, s, e) for s, e in draft.references],
                }
            )
            if id(draft) in prior:
                records[-1]["country_basis"] = "document"
        return records

    @staticmethod
    def _token_ids(linker: Linker, records: list[dict[str, Any]]) -> dict[int, str]:
        by_draft = {}
        for draft, record in zip(
            sorted(linker.drafts, key=lambda d: min(d.spans) if d.spans else (0, 0)),
            records,
            strict=True,
        ):
            by_draft[id(draft)] = record["id"]
        return {i: by_draft[id(d)] for i, d in linker.token_draft.items()}


@Language.factory(
    "newsgraph_actors_v1",
    assigns=["doc._.ng_actors"],
    requires=["doc.ents", "token.dep", "token.lemma"],
    default_config={"dictionaries": "", "cache": "", "country_prior": "dominant"},
)
def make_actors(
    nlp: Language, name: str, dictionaries: str, cache: str, country_prior: str
) -> ActorExtractor:
    """``dictionaries``: the ``actors`` setting, the user's dictionary files; ``cache``: the
    gazetteer's folder (the ``cache`` setting), shared with the places component;
    ``country_prior``: the ``actor_country`` setting."""
    return ActorExtractor(nlp, name, dictionaries, cache, country_prior)
