"""Role words (``data/role_words.yaml``) and reading roles from titles and appositions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsgraph.extract.actors.titles import abbreviations
from newsgraph.extract.common.datafiles import shipped_yaml

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
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if not may_end_role(token.lower_, token.lemma_.lower()):
        return None  # cheap test first: most nouns end no role phrase
    table = role_words()
    doc = token.doc
    best = None
    sentence_start = token.sent.start  # spaCy finds the sentence anew on every access
    for width in range(MAX_ROLE_WORDS, 0, -1):
        start = token.i - width + 1
        if start < sentence_start:
            continue
        words = [t.lemma_.lower() for t in doc[start : token.i + 1]]
        texts = [t.lower_ for t in doc[start : token.i + 1]]
        candidates = [" ".join(words), " ".join(texts)]
        if "-" in texts:  # "inspector-general" as written
            candidates.append(doc[start : token.i + 1].text.lower())
        for candidate in candidates:
            if candidate in table:
                return table[candidate]
        if best:
            break
    return best


def role_title(token: Token, role: RoleWord) -> str:
    """The role noun with its qualifiers ("former chief", "senior figure")."""
    qualifiers = [
        c.lower_
        for c in token.lefts
        if c.dep_ in {"amod", "compound"} and c.lower_ in ROLE_QUALIFIERS
    ]
    words = role.phrase.split()
    return " ".join([q for q in qualifiers if q not in words] + words)
