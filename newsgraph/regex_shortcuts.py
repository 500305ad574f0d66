"""Cheap tests that tell where a regular expression cannot match, derived from it.

``required_words``: words a pattern cannot match without.

For a pattern, ``required_words`` gives a set of strings of which every match contains at
least one (taken from the parts every match must pass through: literal runs, groups, and
alternations whose every branch has such a word), or None when it cannot tell. Testing a
short text for a few substrings is much cheaper than a regex search that tries every
position, and most texts hold none of the words, so the search is skipped for them.

``with_first_letters``: the pattern behind a lookahead for the characters a match can
start with. Python's engine tries a pattern at every position; a case-insensitive
alternation of words costs much at each, a one-character class test little.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The standard library's parser of regular expressions (private modules, hence looked up
# by name; without them there is no shortcut and every search runs).
try:
    _c: Any = importlib.import_module("re._constants")
    _p: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _c = _p = None

_MIN_WORD = 3  # shorter runs ("in", "a") occur in nearly every text: no use as a test


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which occurs in every match of ``pattern``, or None. Only for
    case-sensitive patterns: a case-insensitive one could match other casings."""
    if _p is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _sequence(list(_p.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no shortcut, same result
        return None


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_WORD:
            options.append(frozenset({"".join(run)}))
        run.clear()

    for op, value in items:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        close_run()
        found: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            found = _sequence(list(value[3]))
        elif op is _c.BRANCH:
            branches = [_sequence(list(branch)) for branch in value[1]]
            if all(branches):
                found = frozenset(word for words in branches if words for word in words)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and value[0] >= 1:
            found = _sequence(list(value[2]))
        if found:
            options.append(found)
    close_run()
    if not options:
        return None
    # The most telling choice: the one whose shortest word is longest.
    return max(options, key=lambda words: (min(map(len, words)), -len(words)))


def any_required(patterns: list[re.Pattern[str]]) -> frozenset[str] | None:
    """Strings one of which occurs in every match of any of ``patterns``, or None."""
    words: set[str] = set()
    for pattern in patterns:
        found = required_words(pattern)
        if found is None:
            return None
        words |= found
    return frozenset(words)


# Below this many distinct first letters the engine's own prefix scan does as well.
_MIN_FIRST_LETTERS = 3


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which begins every match of ``pattern`` (as written: under
    IGNORECASE a class of them matches their other cases alike), or None when a match may
    begin otherwise, or be empty."""
    if _p is None:
        return None
    try:
        found, may_be_empty = _first(list(_p.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no shortcut
        return None
    return None if found is None or may_be_empty else frozenset(found)


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence may match the empty string)."""
    found: set[str] = set()
    for op, value in items:
        if op is _c.AT:  # \b, ^: zero-width, the next item decides
            continue
        chars, may_be_empty = _first_of(op, value)
        if chars is None:
            return None, False
        found |= chars
        if not may_be_empty:
            return found, False
    return found, True


def _first_of(op: Any, value: Any) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(value)}, False
    if op is _c.IN:
        chars: set[str] = set()
        for kind, item in value:
            if kind is _c.LITERAL:
                chars.add(chr(item))
            elif kind is _c.RANGE and item[1] - item[0] < 128:
                chars.update(chr(code) for code in range(item[0], item[1] + 1))
            else:  # a negated class, a category such as \d: any of many characters
                return None, False
        return chars, False
    if op is _c.SUBPATTERN:
        return _first(list(value[3]))
    if op is _c.BRANCH:
        chars = set()
        empty = False
        for branch in value[1]:
            found, may_be_empty = _first(list(branch))
            if found is None:
                return None, False
            chars |= found
            empty = empty or may_be_empty
        return chars, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        found, may_be_empty = _first(list(value[2]))
        return found, may_be_empty or value[0] == 0
    return None, False


def with_first_letters(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a lookahead for its first characters in front, when they are
    known and several: the same matches, found sooner. Otherwise ``pattern`` itself."""
    first = first_characters(pattern)
    if first is None or len({c.lower() for c in first}) < _MIN_FIRST_LETTERS:
        return pattern
    letters = "".join(sorted(re.escape(c) for c in first))
    try:
        return re.compile(f"(?=[{letters}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. global inline flags, which must open the pattern
        return pattern
