"""Read brat standoff attribution annotations (PolNeAR layout).

A ``.ann`` file holds text-bound annotations (``T`` lines: ``T3<TAB>Content 10 20;25 40<TAB>
text``, fragments separated by ``;``) and event lines (``E`` lines: ``E1<TAB>Attribution:T4
Content:T3 Cue:T2 Source:T1``) that tie a Source, a Cue and one or more Content pieces into
one attribution relation. Other annotation kinds (Discard, Discuss, notes) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

Fragments = tuple[tuple[int, int], ...]

_ANN_NAME = re.compile(r"(?:_[0-9A-Za-z]+)?\.ann")

# Argument roles of an attribution relation; "Content2" and the like are extra pieces of
# the content, so every role is reduced to its alphabetic stem.
ROLES = ("source", "cue", "content")


@dataclass(frozen=True)
class TextBound:
    label: str
    fragments: Fragments
    text: str


@dataclass
class GoldAttribution:
    """One annotated relation: the character fragments of each role."""

    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)

    def role(self, name: str) -> list[tuple[int, int]]:
        fragments: list[tuple[int, int]] = getattr(self, name)
        return fragments


def _fragments(spec: str) -> Fragments:
    pieces = []
    for piece in spec.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def _role_stem(argument: str) -> str:
    return "".join(ch for ch in argument if ch.isalpha()).lower()


def parse_ann(content: str) -> tuple[dict[str, TextBound], list[GoldAttribution]]:
    """Parse one ``.ann`` file into its text-bound spans and attribution relations."""
    bounds: dict[str, TextBound] = {}
    events: list[list[str]] = []
    for line in content.splitlines():
        columns = line.split("\t")
        if len(columns) < 2 or not columns[0]:
            continue
        ident = columns[0]
        if ident.startswith("T"):
            label, _, spec = columns[1].partition(" ")
            try:
                fragments = _fragments(spec)
            except ValueError:
                continue
            bounds[ident] = TextBound(label, fragments, columns[2] if len(columns) > 2 else "")
        elif ident.startswith("E"):
            events.append(columns[1].split())
    relations = []
    for arguments in events:
        relation = GoldAttribution()
        for argument in arguments[1:]:  # the first names the relation's trigger
            role, _, target = argument.partition(":")
            stem = _role_stem(role)
            if stem in ROLES and target in bounds:
                relation.role(stem).extend(bounds[target].fragments)
        relations.append(relation)
    return bounds, relations


def check_offsets(text: str, bounds: dict[str, TextBound]) -> int:
    """Count text-bound annotations whose covered text does not match the file's text."""
    mismatches = 0
    for bound in bounds.values():
        covered = " ".join(text[start:end] for start, end in bound.fragments)
        if " ".join(covered.split()) != " ".join(bound.text.split()):
            mismatches += 1
    return mismatches


def annotation_files(folder: Path) -> list[tuple[Path, list[Path]]]:
    """Pair each ``text/<doc>.txt`` with its ``attributions/<doc>*.ann`` files, sorted."""
    pairs = []
    ann_paths = sorted((folder / "attributions").glob("*.ann"))
    for text_path in sorted((folder / "text").iterdir()):
        if text_path.name.startswith(".") or not text_path.is_file():
            continue
        stem = text_path.stem
        # "<doc>.ann" or "<doc>_<annotator>.ann"; a plain prefix test would also catch a
        # different document whose name merely starts with this one's.
        anns = [
            p
            for p in ann_paths
            if _ANN_NAME.fullmatch(p.name[len(stem) :]) and p.name.startswith(stem)
        ]
        if anns:
            pairs.append((text_path, anns))
    return pairs
