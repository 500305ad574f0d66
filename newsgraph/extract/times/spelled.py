"""Numbers written in words inside dates: years ("nineteen ninety-six", "two thousand
and two") and the tens of decades ("the nineties")."""

from __future__ import annotations

_SPELLED_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}

SPELLED_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def _spelled_pair(words: list[str]) -> int | None:
    """ "ninety six" -> 96, "eighty" -> 80, "oh five" -> 5; None if not a 0-99 number."""
    if not words:
        return 0
    if words[0] == "oh" and len(words) == 2:
        return _SPELLED_UNITS.get(words[1])
    if words[0] in SPELLED_TENS and len(words) <= 2:
        rest = _SPELLED_UNITS.get(words[1], 0) if len(words) == 2 else 0
        return SPELLED_TENS[words[0]] + rest if rest < 10 else None
    if len(words) == 1:
        return _SPELLED_UNITS.get(words[0])
    return None


def spelled_year(text: str) -> int | None:
    """A year written in words: "nineteen ninety six", "two thousand", "twenty ten"."""
    words = text.replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        tail = _spelled_pair(rest)
        return 2000 + tail if tail is not None else None
    if len(words) >= 2 and words[0] in ("nineteen", "twenty", "eighteen"):
        tail = _spelled_pair(words[1:])
        # "twenty four" is a count; a year needs its last two digits as tens ("twenty ten").
        if tail is None or (words[0] == "twenty" and tail < 10):
            return None
        return _SPELLED_UNITS.get(words[0], 20) * 100 + tail
    return None
