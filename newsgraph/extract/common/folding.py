"""Name normalisation for matching: accents, case, quotes and name particles folded away.

"Erdoğan" and "Erdogan", "al-Aruri" and "Aruri" must meet, so every comparison of names
goes through :func:`fold` (and :func:`name_parts` for person names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Particles that may be dropped when a name is shortened ("Salih al-Aruri" -> "Aruri").
NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "an",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "del",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "dos",
        "das",
        "mc",
        "the",
    }
)
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents, turn punctuation runs into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
    plain = re.sub(r"'s\b", "", plain.lower())
    return _NON_WORD.sub(" ", plain).strip()


def fold_keep_dots(text: str) -> str:
    """Like :func:`fold` but "U.S." and "US" both become "us" (dots dropped, not spaced)."""
    return fold(text.replace(".", ""))


def name_parts(name: str) -> tuple[str, ...]:
    """The meaningful parts of a person name, folded, particles removed."""
    return tuple(p for p in fold(name).split() if p not in NAME_PARTICLES)
