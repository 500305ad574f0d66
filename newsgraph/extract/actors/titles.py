"""What the words around a person's name tell, read from ``data/titles.yaml``.

- title abbreviations ("Rep.", "Gov.", "Lt. Col.") stand for role words (see
  :func:`newsgraph.extract.actors.role_words.role_words`, which merges them in);
- gender words ("Mr.", "spokeswoman", "Queen") keep a pronoun from taking an antecedent of
  the other gender;
- party tags ("(D-Minn.)", ", R-Texas,") right after a legislator's name give the country;
- destination prepositions ("envoy to Ukraine") mark a country the office deals with,
  which is not the holder's own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.extract.common.datafiles import shipped_yaml

# How far after a name a party tag may start (characters), e.g. " (" or ", ".
PARTY_TAG_WINDOW = 40
PARTY_TAG_TOKENS = 12  # enough tokens to cover the window


@lru_cache(maxsize=1)
def _data() -> dict:
    return shipped_yaml("titles.yaml") or {}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Lower-cased title abbreviation -> the role word it stands for."""
    return {str(k).lower(): str(v).lower() for k, v in (_data().get("abbreviations") or {}).items()}


@lru_cache(maxsize=1)
def title_only() -> frozenset[str]:
    """Role phrases that name a role beside a name but no actor on their own."""
    return frozenset(str(w).lower() for w in _data().get("title_only") or ())


@lru_cache(maxsize=1)
def gender_words() -> dict[str, str]:
    """Lower-cased word -> "male" or "female"."""
    table: dict[str, str] = {}
    for gender, words in (_data().get("gender") or {}).items():
        for word in words or ():
            table[str(word).lower()] = str(gender)
    return table


@lru_cache(maxsize=1)
def destination_prepositions() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _data().get("destination_prepositions") or ())


@lru_cache(maxsize=1)
def _party_patterns() -> list[tuple[re.Pattern[str], str]]:
    """One pattern per country: an opening "(" or ",", party letters, a hyphen, a region."""
    patterns = []
    for code, tag in (_data().get("party_tags") or {}).items():
        parties = "|".join(re.escape(str(p)) for p in tag.get("parties") or ())
        regions = sorted((str(r) for r in tag.get("regions") or ()), key=len, reverse=True)
        region = "|".join(re.escape(r) for r in regions)
        if not parties or not region:
            continue
        pattern = re.compile(
            rf"\s*[(,]\s*(?:{parties})\s*[-–]\s*(?:{region})(?=[\s),.;]|$)", re.UNICODE
        )
        patterns.append((pattern, str(code)))
    return patterns


def party_tag_country(doc: Doc, end: int) -> tuple[str, int, int] | None:
    """(country, start char, end char) of a party tag right after token ``end - 1``."""
    if end >= len(doc) or end <= 0 or doc[end].text not in {"(", ","}:
        return None  # most names are followed by neither: no window to read
    start_char = doc[end - 1].idx + len(doc[end - 1].text)
    # The next few tokens' text, not doc.text (which spaCy rebuilds on every access).
    following = doc[end : end + PARTY_TAG_TOKENS].text_with_ws
    window = (doc[end - 1].whitespace_ + following)[:PARTY_TAG_WINDOW]
    for pattern, code in _party_patterns():
        found = pattern.match(window)
        if found:
            return code, start_char, start_char + found.end()
    return None


def gender_of_words(words: list[str]) -> str | None:
    """The gender the lower-cased ``words`` agree on, None when none or both are told."""
    table = gender_words()
    found = {table[w] for w in words if w in table}
    return found.pop() if len(found) == 1 else None
