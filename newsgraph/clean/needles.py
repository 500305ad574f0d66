"""Words a regular expression cannot match without: a cheap test before the search.

For a pattern, ``required_words`` gives a set of strings of which every match contains at
least one (taken from the parts every match must pass through: literal runs, groups, and
alternations whose every branch has such a word), or None when it cannot tell. Testing a
short text for a few substrings is much cheaper than a regex search that tries every
position, and most texts hold none of the words, so the search is skipped for them.
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
