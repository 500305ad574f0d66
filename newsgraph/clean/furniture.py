"""Remove site furniture (navigation, related links, credit lines, share prompts, photo
captions, comment boxes) and paywall or reprint notices from text.

The patterns are data: ``data/furniture.txt`` (whole-paragraph patterns) and
``data/notices.txt`` (see ``notices.py``), plus the user's files of the ``furniture``
setting.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from newsgraph.clean.lexicon import pattern_lines, shipped_lines
from newsgraph.clean.notices import notice_kind
from newsgraph.errors import Errors, NewsgraphError

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Related-article titles are short and do not read as sentences.
_HEADLINE_MAX_WORDS = 22
_LINE = re.compile(r"[^\n]+")
# No furniture pattern matches a paragraph this long (the longest, a photo caption with its
# credit, stays under 800 characters); longer ones are article text and are not matched.
_FURNITURE_MAX_CHARS = 1000


@lru_cache(maxsize=4)
def furniture_patterns(user_files: str = "") -> re.Pattern[str]:
    """The shipped patterns plus those in ``user_files`` (the ``furniture`` setting)."""
    lines = shipped_lines("furniture.txt")
    for part in filter(None, user_files.strip().split(os.pathsep)):
        try:
            with open(part, encoding="utf-8") as handle:
                lines += pattern_lines(handle.read())
        except OSError as error:
            message = Errors.E016.format(key="furniture", path=part, error=error)
            raise NewsgraphError(message) from None
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


def is_furniture(paragraph: str, user_files: str = "") -> bool:
    if len(paragraph) > _FURNITURE_MAX_CHARS:
        return False
    text = " ".join(paragraph.split())
    return furniture_patterns(user_files).fullmatch(text) is not None or (
        notice_kind(text) is not None
    )


def is_headline_like(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= _HEADLINE_MAX_WORDS and not _SENTENCE_END.search(paragraph.strip())


def furniture_flags(paragraphs: list[str], user_files: str = "") -> list[bool]:
    """For each paragraph, whether it is furniture to drop.

    Leading furniture, the trailing furniture block, and stray furniture lines go. The
    trailing block starts at the earliest furniture line after which every paragraph is
    furniture or headline-like, so "Previous Article / <title> / Next Article / <title> /
    Leave a Comment" goes as a whole while a short closing sentence of the story stays.
    Blank paragraphs are never flagged (they carry no text).
    """
    furniture = [bool(p.strip()) and is_furniture(p, user_files) for p in paragraphs]
    blank = [not p.strip() for p in paragraphs]
    start = 0
    while start < len(paragraphs) and (furniture[start] or blank[start]):
        start += 1
    cut = len(paragraphs)
    for index in range(len(paragraphs) - 1, start - 1, -1):
        if furniture[index]:
            cut = index
        elif not (blank[index] or is_headline_like(paragraphs[index])):
            break
    return [
        not blank[i] and (i < start or i >= cut or furniture[i]) for i in range(len(paragraphs))
    ]


def strip_furniture(paragraphs: list[str], user_files: str = "") -> list[str]:
    """The paragraphs that are not furniture, in order."""
    flags = furniture_flags(paragraphs, user_files)
    return [p for p, drop in zip(paragraphs, flags, strict=True) if not drop]


def blank_furniture(text: str, user_files: str = "") -> tuple[str, list[str]]:
    """``text`` with each furniture line replaced by as many spaces, and those lines.

    For text whose character offsets must stay valid (a JSON Lines ``text`` field that
    annotations may point into): nothing moves, the furniture just reads as blank.
    """
    lines = list(_LINE.finditer(text))
    flags = furniture_flags([line.group() for line in lines], user_files)
    dropped = [line for line, drop in zip(lines, flags, strict=True) if drop]
    if not dropped:
        return text, []
    chars = list(text)
    for line in dropped:
        chars[line.start() : line.end()] = " " * (line.end() - line.start())
    return "".join(chars), [line.group() for line in dropped]
