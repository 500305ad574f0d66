"""Remove site furniture (navigation, comment boxes, related-article lists) from text."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib.resources import files

from newsgraph.errors import Errors, NewsgraphError

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Related-article titles are short and do not read as sentences.
_HEADLINE_MAX_WORDS = 22


def _pattern_lines(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@lru_cache(maxsize=4)
def furniture_patterns(user_files: str = "") -> re.Pattern[str]:
    """The shipped patterns plus those in ``user_files`` (the ``furniture`` setting)."""
    lines = _pattern_lines(files("newsgraph.clean").joinpath("data/furniture.txt").read_text())
    for part in filter(None, user_files.strip().split(os.pathsep)):
        try:
            with open(part, encoding="utf-8") as handle:
                lines += _pattern_lines(handle.read())
        except OSError as error:
            message = Errors.E016.format(key="furniture", path=part, error=error)
            raise NewsgraphError(message) from None
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


def is_furniture(paragraph: str, user_files: str = "") -> bool:
    return furniture_patterns(user_files).fullmatch(paragraph.strip()) is not None


def is_headline_like(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= _HEADLINE_MAX_WORDS and not _SENTENCE_END.search(paragraph)


def strip_furniture(paragraphs: list[str], user_files: str = "") -> list[str]:
    """Drop leading furniture, the trailing furniture block, and stray furniture lines.

    The trailing block starts at the earliest furniture line after which every paragraph
    is furniture or headline-like, so "Previous Article / <title> / Next Article / <title>
    / Leave a Comment" goes as a whole while a short closing sentence of the story stays.
    """
    start = 0
    while start < len(paragraphs) and is_furniture(paragraphs[start], user_files):
        start += 1
    end = len(paragraphs)
    cut = end
    for index in range(end - 1, start - 1, -1):
        paragraph = paragraphs[index]
        if is_furniture(paragraph, user_files):
            cut = index
        elif not is_headline_like(paragraph):
            break
    kept = paragraphs[start:cut]
    return [p for p in kept if not is_furniture(p, user_files)]
