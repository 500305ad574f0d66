"""Finding event triggers in a sentence: verbs, verb + particle/object phrases, light verbs
with an event noun ("held talks"), and event nouns on their own ("the meeting")."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsgraph.extract.events.lexicon import Lexicon, Trigger
from newsgraph.extract.events.senses import fitting
from newsgraph.nlp.extensions import token_table

# Children whose lemma can complete a two-word verb entry ("call off", "open fire"); a
# passive subject ("the curfew was lifted", "the charges were dropped") and a particle the
# parser labels an adverb ("stepped down") complete it as the object and particle do.
PHRASE_DEPS = frozenset(
    {"prt", "dobj", "prep", "acomp", "attr", "npadvmod", "oprd", "nsubjpass", "advmod"}
)
CLAUSE_DEPS = frozenset({"ccomp"})
FOR_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp"})


@dataclass
class Found:
    entry: Trigger
    verb: Token | None  # the verbal head (None for a nominal event)
    noun: Token | None  # the event noun (light-verb object or nominal event)
    tokens: list[Token]  # all tokens of the trigger, for its span
    obligation: bool = False  # "X said Y must ...": X demands, Y is the target
    # Other entries of the same words, in order, for when ``entry``'s sense needs fail
    # (see senses.needs_met): "welcome" a visitor (CONSULT) or a decision (SUPPORT).
    others: list[Trigger] = field(default_factory=list)
    # Words of the phrase left out of the trigger's span (a passive subject before the
    # verb: "the charges against X were dropped"): they make no nominal event of their own.
    spent: tuple[int, ...] = ()

    @property
    def part(self) -> str:
        """Whose sense constraints apply: the event noun's when there is one."""
        return "noun" if self.noun is not None else "verb"

    @property
    def head(self) -> Token:
        return self.verb if self.verb is not None else self.noun  # type: ignore[return-value]

    @property
    def verbal(self) -> bool:
        return self.verb is not None


def _phrase_words(verb: Token) -> dict[str, Token]:
    words: dict[str, Token] = {}
    for child in verb.children:
        # A small clause's adjective completes its verb too: "found X guilty".
        if child.dep_ in PHRASE_DEPS or (child.dep_ == "ccomp" and child.pos_ == "ADJ"):
            words.setdefault(child.lemma_.lower(), child)
            words.setdefault(child.lower_, child)
            for grand in child.children:
                if grand.dep_ in {"pobj", "dobj"}:
                    words.setdefault(grand.lemma_.lower(), grand)
        elif child.dep_ in FOR_CLAUSE_DEPS:
            # "called for Trump to be banned": "for" marks the clause asked for.
            for grand in child.children:
                if grand.dep_ == "mark" and grand.lower_ == "for" and grand.i > verb.i:
                    words.setdefault("for", grand)
    return words


def _complete(second: Token) -> bool:
    """A preposition completes a phrase only with a noun object ("described X as a threat",
    not "described as participating"), its own or that of a preposition under it ("backed
    out of the conference")."""
    return second.dep_ != "prep" or any(
        c.dep_ == "pobj" or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children))
        for c in second.children
    )


def noun_entries(token: Token, lexicon: Lexicon) -> list[Trigger]:
    """The noun entries ``token`` completes whose sense its use does not exclude."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
        return []
    doc = token.doc
    found: list[Trigger] = []
    for key in (token.lower_, token.lemma_.lower()):
        for entry in lexicon.nouns.get(key, ()):
            width = len(entry.words)
            start = token.i - width + 1
            if start < 0 or entry in found:
                continue
            before = [t.lower_ for t in doc[start : token.i]]
            if list(entry.words[:-1]) == before:
                found.append(entry)
    return fitting(found, "noun", lexicon, token) if found else []


def noun_entry(token: Token, lexicon: Lexicon) -> Trigger | None:
    entries = noun_entries(token, lexicon)
    return entries[0] if entries else None


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def imperative(verb: Token) -> bool:
    """An order ("Do not block his way", "Go, meet him"): a bare verb without a subject
    heading its sentence, or conjoined to one that does. It tells someone to act; it
    reports no act."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    if chain[-1].dep_ != "ROOT" or any(v.tag_ != "VB" for v in chain):
        return False
    return not any(
        c.dep_ in SUBJECT_DEPS or (c.dep_ == "aux" and c.lower_ == "to")
        for v in chain
        for c in v.children
    )


def verb_trigger(verb: Token, lexicon: Lexicon) -> Found | None:
    lemma = verb.lemma_.lower()
    if imperative(verb):
        return None
    entries = lexicon.verbs.get(lemma, [])
    # Read the verb's phrase only for a verb with a multiword entry: most verbs have none.
    words = _phrase_words(verb) if any(len(e.words) > 1 for e in entries) else {}
    single = fitting([e for e in entries if len(e.words) == 1], "verb", lexicon, verb)
    phrases = [
        e
        for e in entries
        if len(e.words) > 1 and all(w in words and _complete(words[w]) for w in e.words[1:])
    ]
    phrases = fitting(phrases, "verb", lexicon, verb)
    if phrases:
        rest = [words[w] for w in phrases[0].words[1:]]
        # A passive subject stays out of the span, which would else reach over its modifiers.
        spent = tuple(t.i for t in rest if t.dep_ == "nsubjpass")
        tokens = sorted(
            {verb.i: verb, **{t.i: t for t in rest if t.i not in spent}}.values(),
            key=lambda t: t.i,
        )
        return Found(phrases[0], verb, None, tokens, others=[*phrases[1:], *single], spent=spent)
    if lexicon.listed("reporting_verbs", lemma) and any(
        c.dep_ in CLAUSE_DEPS for c in verb.children
    ):
        return None  # a statement: the events are in what is said
    if lexicon.listed("light_verbs", lemma):
        for child in verb.children:
            object_entries = noun_entries(child, lexicon) if child.dep_ in {"dobj", "attr"} else []
            if object_entries:
                return Found(
                    object_entries[0], verb, child, [verb, child], others=object_entries[1:]
                )
    return Found(single[0], verb, None, [verb], others=single[1:]) if single else None


def _obliged(verb: Token, lexicon: Lexicon) -> bool:
    """ "... that China must drop barriers": a reported obligation is a demand."""
    return verb.dep_ == "ccomp" and any(
        c.dep_ == "aux" and lexicon.listed("obligation_modals", c.lower_) for c in verb.children
    )


def _in_entity(hit: Found, lexicon: Lexicon) -> bool:
    """A trigger word inside a date, sum or count ("on March 31") names no event."""
    return hit.head.ent_type_.lower() in lexicon.words["not_in_entities"]


def sentence_triggers(sentence: Span, lexicon: Lexicon) -> list[Found]:
    found: list[Found] = []
    used_nouns: set[int] = set()
    doc = sentence.doc
    table = token_table(doc)
    for i in range(sentence.start, sentence.end):
        if table.pos[i] == "VERB":
            token = doc[i]
            hit = verb_trigger(token, lexicon)
            if _obliged(token, lexicon) and lexicon.obligation_type:
                entry = Trigger(lexicon.obligation_type, "demand", (token.lemma_.lower(),))
                hit = Found(
                    entry,
                    token,
                    hit.noun if hit else None,
                    hit.tokens if hit else [token],
                    obligation=True,
                    spent=hit.spent if hit else (),  # "the charges ... must be dropped"
                )
            if hit is not None and not _in_entity(hit, lexicon):
                found.append(hit)
                if hit.noun is not None:
                    used_nouns.add(hit.noun.i)
                used_nouns.update(t.i for t in hit.tokens)
                used_nouns.update(hit.spent)
    for i in range(sentence.start, sentence.end):
        # noun_entry's own first tests, made before a Token is: most words are no noun of
        # the lexicon.
        if i in used_nouns or table.pos[i] not in {"NOUN", "PROPN"}:
            continue
        if table.lower[i] not in lexicon.nouns and table.lemma[i] not in lexicon.nouns:
            continue
        token = doc[i]
        noun_hits = noun_entries(token, lexicon)
        if noun_hits and token.ent_type_.lower() not in lexicon.words["not_in_entities"]:
            start = token.i - len(noun_hits[0].words) + 1
            found.append(
                Found(
                    noun_hits[0], None, token, list(doc[start : token.i + 1]), others=noun_hits[1:]
                )
            )
    return sorted(found, key=lambda f: f.tokens[0].i)
