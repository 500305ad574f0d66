"""The word lists of time expressions, loaded once from ``extract/data/time_words.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from newsgraph.extract.common.datafiles import data_text


@dataclass(frozen=True)
class Unit:
    name: str  # "day", "week", ...
    code: str  # TIMEX3 duration letter(s): D, W, M, Y, DE, CE, ...
    clock: bool  # True for hours, minutes, seconds (written after the "T")


@dataclass(frozen=True)
class PeriodPart:
    start: float  # fraction of the period where the part begins
    end: float  # fraction where it ends
    mod: str  # TimeML mod (START, MID, END)


@dataclass(frozen=True)
class TimeWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    units: dict[str, Unit]  # every written form -> its unit
    numbers: dict[str, float | None]
    ordinals: dict[str, int]
    period_parts: dict[str, PeriodPart]
    deictic: dict[str, int]
    day_words: dict[str, int]
    directions: dict[str, str]  # written form -> back_from_anchor, ...
    references: dict[str, str]  # phrase -> PRESENT_REF / PAST_REF / FUTURE_REF
    set_every: tuple[str, ...]
    frequency: dict[str, str]  # "daily" -> "day": a word that repeats a unit
    leading_trim: frozenset[str]
    forward_verbs: frozenset[str]  # lemmas of verbs whose time lies ahead of them
    holidays: dict[str, dict[str, int]]  # name as written -> how its date is found

    def alternation(self, words: Any) -> str:
        """A regex alternation of ``words`` that prefers the longest ("sept" over "sep").

        Written as a trie ("sep(?:t(?:ember)?)?" rather than "september|sept|sep"): the
        words that match at one place are prefixes of each other, so a greedy trie tries
        them longest first, exactly as the flat list would, but the engine compares each
        character once instead of once per word. Word lists run to dozens of entries and
        are scanned over whole documents, so this matters. A space matches any whitespace.
        """
        return _trie_pattern({str(w) for w in words})


def _trie_pattern(words: set[str]) -> str:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def longest(node: dict[str, Any]) -> int:
        return max((1 + longest(child) for key, child in node.items() if key), default=0)

    def emit(node: dict[str, Any]) -> str:
        # Longest continuation first, so that letters equal under IGNORECASE keep the order.
        keys = sorted((k for k in node if k), key=lambda k: (-longest(node[k]), k))
        branches = [(r"\s+" if k == " " else re.escape(k)) + emit(node[k]) for k in keys]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    if not words:
        return "(?!)"  # matches nothing, as an empty alternation would not
    return emit(trie)


def _invert(table: dict[Any, list[str]]) -> dict[str, Any]:
    return {str(word).lower(): key for key, words in table.items() for word in words}


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    raw = yaml.safe_load(data_text("time_words.yaml"))
    units: dict[str, Unit] = {}
    for name, spec in raw["units"].items():
        unit = Unit(name, spec["code"], bool(spec.get("clock", False)))
        units.update({word: unit for word in spec["words"]})
    parts = {
        word: PeriodPart(float(spec["slice"][0]), float(spec["slice"][1]), spec["mod"])
        for word, spec in raw["period_parts"].items()
    }
    return TimeWords(
        months={k: int(v) for k, v in _invert(raw["months"]).items()},
        weekdays={k: int(v) for k, v in _invert(raw["weekdays"]).items()},
        seasons=_invert(raw["seasons"]),
        day_parts=_invert(raw["day_parts"]),
        units=units,
        numbers={str(k): (None if v is None else float(v)) for k, v in raw["numbers"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        period_parts=parts,
        deictic={str(k): int(v) for k, v in raw["deictic"].items()},
        day_words={str(k): int(v) for k, v in raw["day_words"].items()},
        directions=_invert(raw["directions"]),
        references=_invert(raw["references"]),
        set_every=tuple(raw["set_words"]["every"]),
        frequency={str(k): str(v) for k, v in raw["set_words"]["frequency"].items()},
        leading_trim=frozenset(raw["leading_trim"]),
        forward_verbs=frozenset(raw["forward_verbs"]),
        holidays={str(k): {a: int(b) for a, b in v.items()} for k, v in raw["holidays"].items()},
    )
