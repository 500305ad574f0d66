"""The actor dictionary (``data/actors.yaml`` + the files of the ``actors`` setting).

An entry codes a well-known actor: kind, country, sector, affiliation and an office with
the dates it was held. Lookup is by folded name or alias, so spelling variants meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.extract.common.datafiles import shipped_yaml, user_yaml
from newsgraph.extract.common.folding import fold, fold_keep_dots

KINDS = frozenset({"person", "organization", "state", "group", "media"})


@dataclass(frozen=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str
    affiliation: str | None = None
    role: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None

    def valid_on(self, date: str | None) -> bool:
        """Whether the role/sector held on ``date`` (unknown dates count as valid)."""
        if not date:
            return True
        if self.valid_from and date < self.valid_from:
            return False
        return not (self.valid_to and date > self.valid_to)


def _entry(raw: dict[str, Any]) -> ActorEntry:
    kind = str(raw.get("kind") or "organization")
    return ActorEntry(
        name=str(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        kind=kind if kind in KINDS else "organization",
        country=raw.get("country") or None,
        sector=str(raw.get("sector") or "UNK"),
        affiliation=raw.get("affiliation") or None,
        role=raw.get("role") or None,
        valid_from=str(raw["valid_from"]) if raw.get("valid_from") else None,
        valid_to=str(raw["valid_to"]) if raw.get("valid_to") else None,
    )


ActorIndex = dict[str, ActorEntry]


@lru_cache(maxsize=4)
def dictionary(user_files: str = "") -> ActorIndex:
    """Folded name/alias -> entry, from the shipped file and ``user_files`` (the ``actors``
    setting: paths joined by os.pathsep); a user entry with our name replaces ours."""
    by_name: dict[str, ActorEntry] = {}
    documents = [shipped_yaml("actors.yaml"), *user_yaml(user_files, "actors")]
    for document in documents:
        for raw in (document or {}).get("actors") or ():
            entry = _entry(raw)
            by_name[entry.name] = entry  # a user entry with the same name replaces ours
    index: dict[str, ActorEntry] = {}
    for entry in by_name.values():
        for form in (entry.name, *entry.aliases):
            index.setdefault(fold(form), entry)
            index.setdefault(fold_keep_dots(form), entry)
    return index


def lookup(text: str, index: ActorIndex | None = None) -> ActorEntry | None:
    """The entry named ``text`` in ``index`` (by default the shipped dictionary alone)."""
    index = dictionary() if index is None else index
    stripped = text[4:] if text.lower().startswith("the ") else text
    return index.get(fold(stripped)) or index.get(fold_keep_dots(stripped))


def surface_forms(index: ActorIndex) -> list[str]:
    """Every name and alias as written, for the phrase matcher."""
    seen: set[str] = set()
    forms = []
    for entry in index.values():
        for form in (entry.name, *entry.aliases):
            if form not in seen:
                seen.add(form)
                forms.append(form)
    return forms
