"""Reading ECB+ token XML (stories/ecbplus) into plain texts with their gold story labels.

Each topic folder holds documents about two different real events of the same kind:
``*ecb.xml`` files report one, ``*ecbplus.xml`` files the other. The gold story of a
document is therefore (topic, "ecb" | "ecbplus").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# Tokens that attach to the previous token without a space, and ones the next attaches to.
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|''|')$")
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "#"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    story: str  # "<topic>:ecb" or "<topic>:ecbplus"


def join_tokens(tokens: list[tuple[int, str]]) -> str:
    """Detokenise (sentence number, token) pairs: one line per sentence, spaces between
    words but not before closing punctuation or clitics."""
    lines: list[str] = []
    current: list[str] = []
    sentence: int | None = None
    glue_next = False
    for number, token in tokens:
        if sentence is not None and number != sentence:
            lines.append("".join(current))
            current, glue_next = [], False
        sentence = number
        shown = _QUOTES.get(token, token)
        if current and not glue_next and not _NO_SPACE_BEFORE.match(token):
            current.append(" ")
        current.append(shown)
        glue_next = token in _NO_SPACE_AFTER
    if current:
        lines.append("".join(current))
    return "\n".join(lines)


def read_document(path: Path) -> str:
    root = etree.parse(str(path)).getroot()
    tokens = [
        (int(token.get("sentence", "0")), token.text or "")
        for token in root.iter("token")
        if (token.text or "").strip()
    ]
    return join_tokens(tokens)


def story_label(path: Path) -> str:
    kind = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
    return f"{path.parent.name}:{kind}"


def read_topics(folder: Path, *, topics: list[str] | None = None) -> list[GoldDocument]:
    """All documents under ``folder`` (or only the named topic folders), in a stable order."""
    documents: list[GoldDocument] = []
    for topic in sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.name):
        if topics is not None and topic.name not in topics:
            continue
        for path in sorted(topic.glob("*.xml")):
            documents.append(GoldDocument(path.stem, read_document(path), story_label(path)))
    return documents
