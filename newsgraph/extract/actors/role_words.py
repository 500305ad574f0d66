"""Role words (``data/role_words.yaml``) and reading roles from titles and appositions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsgraph.extract.actors.titles import abbreviations
from newsgraph.extract.common.datafiles import shipped_yaml
from newsgraph.nlp.extensions import sentence_starts, token_table

# Qualifiers worth keeping in a role's title ("former chief", "senior figure").
ROLE_QUALIFIERS = frozenset(
    {
        "former",
        "senior",
        "deputy",
        "acting",
        "interim",
        "chief",
        "top",
        "ousted",
        "new",
        "exiled",
        "late",
        "outgoing",
        "incoming",
        "vice",
        "assistant",
        "foreign",
        "defence",
        "defense",
        "interior",
        "prime",
        "high-ranking",
        "leading",
        "prominent",
    }
)
MAX_ROLE_WORDS = 4


@dataclass(frozen=True)
class RoleWord:
    phrase: str
    sector: str
    kind: str


@lru_cache(maxsize=1)
def role_words() -> dict[str, RoleWord]:
    table: dict[str, RoleWord] = {}
    for sector, by_kind in (shipped_yaml("role_words.yaml") or {}).items():
        for kind, phrases in (by_kind or {}).items():
            for phrase in phrases or ():
                # First listing wins, so put the specific sector before UNK in the file.
                table.setdefault(str(phrase).lower(), RoleWord(str(phrase), sector, kind))
    # Title abbreviations ("Rep.", "Gov.") read as the role word they stand for.
    for short, full in abbreviations().items():
        if full in table:
            table.setdefault(short, table[full])
    return table


@lru_cache(maxsize=1)
def _final_words() -> frozenset[str]:
    return frozenset(phrase.split()[-1] for phrase in role_words())


def may_end_role(lower: str, lemma: str) -> bool:
    """Whether a word (its lower-cased text and lemma) is the last word of a role phrase:
    the cheap test ``role_at`` starts with, for walks that have not made a Token yet."""
    finals = _final_words()
    return lower in finals or lemma in finals


def role_at(token: Token) -> RoleWord | None:
    """The longest role phrase that ends at ``token`` (a noun), e.g. "prime minister"."""
    doc = token.doc
    i = token.i
    # Words are read from the document's token table, not from Tokens: this runs for
    # every noun of every document, and spaCy makes a new Token on each ``doc[j]``.
    table = token_table(doc)
    if table.pos[i] not in {"NOUN", "PROPN"}:
        return None
    if not may_end_role(table.lower[i], table.lemma[i]):
        return None  # cheap test first: most nouns end no role phrase
    roles = role_words()
    sentence_start = sentence_starts(doc)[i]
    for width in range(MAX_ROLE_WORDS, 0, -1):
        start = i - width + 1
        if start < sentence_start:
            continue
        texts = table.lower[start : i + 1]
        candidates = [" ".join(table.lemma[start : i + 1]), " ".join(texts)]
        if "-" in texts:  # "inspector-general" as written
            candidates.append(doc[start : i + 1].text.lower())
        for candidate in candidates:
            if candidate in roles:
                return roles[candidate]
    return None


def role_title(token: Token, role: RoleWord) -> str:
    """The role noun with its qualifiers ("former chief", "senior figure")."""
    qualifiers = [
        c.lower_
        for c in token.lefts
        if c.dep_ in {"amod", "compound"} and c.lower_ in ROLE_QUALIFIERS
    ]
    words = role.phrase.split()
    return " ".join([q for q in qualifiers if q not in words] + words)
