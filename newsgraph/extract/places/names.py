"""How place names are compared: the matching key and the shapes of a written name.

The key folds case, accents, full stops and a leading "the", so that "Sao Paulo" finds
São Paulo; the gazetteer undoes the folding where it misleads (see ``Gazetteer.options``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\-‐-―_/]+")
_DROP = re.compile(r"[.\"“”()]")
# Apostrophes are kept (as one sign): "Tong'an" is not "Tongan", nor "Ba'ath" "Baath".
_APOSTROPHES = re.compile(r"[’‘`ʻʼ´]")
_ACRONYM_LETTERS = 3


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= _ACRONYM_LETTERS and text.isupper()


@lru_cache(maxsize=65536)
def has_accents(text: str) -> bool:
    return not text.isascii() and any(
        unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text)
    )


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """``name_key`` of a name read in an article, memoised: articles repeat the same names
    and words, and every capitalised word is looked up."""
    return name_key(text)


def name_key(text: str) -> str:
    """Key for matching: accents, case, full stops and a leading article do not matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_like = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = _SPACES.sub(" ", _DROP.sub("", _APOSTROPHES.sub("'", ascii_like.lower()))).strip(" ,")
    if key.startswith("the "):
        key = key[4:]
    return key


def latin(name: str) -> bool:
    # Alternate names in other scripts never match English text; leaving them out keeps the
    # index small.
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)
