"""Within-document event coreference: one record per happening, with all its mentions.

An article names one meeting as "talks", "the meeting" and "Tuesday's session", and one
raid as "raided" and "the raid". Each of those is a trigger; the analyst counts one event.
Mentions are merged into the latest earlier event they are compatible with:

* the same PLOVER type (after retyping: a threatened attack is not the attack);
* participants that do not conflict: when both name actors they share one, when both name
  targets they share one, and one's actors are not the other's targets;
* times and places that do not conflict (two different days, two different places);
* and positive evidence of identity: the same word stem with a shared participant
  ("arrested" ... "the arrests"), the same word stem within ``ANAPHOR_WINDOW`` characters,
  or a definite or possessive event noun ("the raid", "Tuesday's talks") within that
  window of the event it names (only type and time must agree for such an anaphor, and a
  named possessor with the actors; a noun with words of its own, "the aerial bombing",
  must agree in all and share a participant, place or time of the text).

The opening paragraph retells the headline ("Sanders pushes Dems to reject ..." then
"Bernie Sanders is pushing fellow Senate Democrats to ..."): a mention of the opening with
the stem and type of a headline mention names its event when times agree and participants
do not cross, however differently both name them.

Triggers of one clause that hang from each other (each record's ``governor``: "killed
three and wounded twelve", "marched to protest", "killed in the offensive") name one
happening when type and time agree (and a journey is not linked to the meeting it goes
to: "traveled for the talks" are two) and their actors neither differ nor cross; their
targets may differ ("three" and "twelve" were hurt in the same attack).

The merged record keeps the fullest mention (most participant slots, then one of the body,
then the earliest) as its ``trigger``/``sentence``; ``mentions`` lists every mention in
text order; participants, places, hedges are the union over mentions, so no mention's
evidence is lost.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from newsgraph.extract.times import timex

ANAPHOR_WINDOW = 2500  # characters: an anaphor names an event of the last few paragraphs
RECENT_DAYS = 7  # a publication date stands for an event of the week before it
STEM_CHARS = 5  # a crude stem: "arrest"/"arrested", "investigat(e|ion)"
SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")
# A headline is a few short lines ("Republicans ask DOJ to investigate Clinton.") before
# the opening paragraph, which reports the same happening at length.
HEADLINE_LINES = 3
HEADLINE_CHARS = 200
LEDE_CHARS = 80
ANAPHOR_WORDS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
JOURNEY_MODES = frozenset({"visit"})  # the lexicon's mode of travel verbs and nouns
# Words just before an event noun that announce another occurrence of its kind ("a second
# attack", "another arrest", "the team's second such arrest"): such a mention starts an
# event of its own (English closed class: ordinals and "other"-words).
ANOTHER_WORDS = frozenset(
    {
        "another",
        "second",
        "third",
        "fourth",
        "fifth",
        "new",
        "fresh",
        "further",
        "separate",
        "other",
        "earlier",
        "previous",
        "latest",
        "subsequent",
        "renewed",
        "such",
    }
)


_CALENDAR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?(?:$|[T-])")


def _days(value: str) -> tuple[date, date] | None:
    """The first and last day a TimeML date value covers ("2011" a year, "2011-11" a
    month, "2011-W45" a week, "2011-11-11T23:00" a day, "a/b" a range); None for others
    (durations, "PAST_REF")."""
    if "/" in value:
        first, _, last = value.partition("/")
        start, end = _days(first), _days(last)
        return (start[0], end[1]) if start and end else None
    found = _CALENDAR.match(value)
    if found is None:
        return None
    number, month, day, week = found.groups()
    try:
        if week:
            return timex.bounds(timex.Period(timex.WEEK, int(number), int(week)))
        if day:
            one = date(int(number), int(month), int(day))
            return one, one
        if month:
            return timex.bounds(timex.month(int(number), int(month)))
        return timex.bounds(timex.year(int(number)))
    except ValueError:
        return None


def _dates_agree(first: str, second: str) -> bool:
    """Two time values name the same time when equal, or when the periods they cover
    overlap: "2009-02-03" is within "2009" and is the day of "2009-02-03T23:00" (values at
    two precisions name one day; only two different periods keep mentions apart)."""
    if first == second:
        return True
    a, b = _days(first), _days(second)
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def place_identities(items: list[dict[str, Any]]) -> dict[str, str]:
    """Place id -> what the place item names: its gazetteer id, else its folded name.
    Each time a text names a place it is a new item ("South Sudan" in the headline and
    again in the opening): both name one place."""
    return {
        p["id"]: str(p.get("geonameid") or (p.get("name") or p.get("text") or p["id"]).lower())
        for p in items
        if p.get("id")
    }


def _participants(event: dict[str, Any]) -> set[str]:
    return set(event["actors"]) | set(event["targets"])


def _agree(a: list[str], b: list[str]) -> bool:
    """Two participant lists agree when either is empty or they share a member."""
    return not a or not b or bool(set(a) & set(b))


def _same_kind(event: dict[str, Any], mention: dict[str, Any], times: dict[str, str]) -> bool:
    """The same type, and not on two different dates."""
    if event["type"] != mention["type"]:
        return False
    dated = [e for e in (event, mention) if e["time"] and times.get(e["time"])]
    if len(dated) < 2:
        return True
    first, second = (times[e["time"]] for e in dated)
    if _dates_agree(first, second):
        return True
    # The publication day given to a mention without a time of its own stands for "lately":
    # it agrees with a period of the text that ended in the week before it ("last week's
    # attack" ... "the attacks", undated, on a page of Saturday).
    guessed = [e for e in dated if e.get("time_source") == "document"]
    if len(guessed) != 1:
        return False
    day = _days(times[guessed[0]["time"]])
    other = _days(second if guessed[0] is dated[0] else first)
    return (
        day is not None
        and other is not None
        and timedelta(0) <= day[0] - other[1] <= timedelta(days=RECENT_DAYS)
    )


def _crossed(event: dict[str, Any], mention: dict[str, Any]) -> bool:
    return bool(
        set(event["actors"]) & set(mention["targets"])
        or set(event["targets"]) & set(mention["actors"])
    )


def _compatible(
    event: dict[str, Any],
    mention: dict[str, Any],
    times: dict[str, str],
    places: dict[str, str],
) -> bool:
    if not _same_kind(event, mention, times):
        return False
    if not (
        _agree(event["actors"], mention["actors"]) and _agree(event["targets"], mention["targets"])
    ):
        return False
    if _crossed(event, mention):  # "A attacked B" and "B attacked A" are two events
        return False
    # A place named twice is two place items of one place: when both triggers name their
    # own place, compare what the items name.
    both_own = event.get("place_source") == mention.get("place_source") == "text"
    same = places if both_own else {}
    named = {same.get(p, p) for p in (event["place"], mention["place"]) if p}
    return len(named) <= 1 or bool(set(event["places"]) & set(mention["places"]))


def _shared_setting(
    event: dict[str, Any], mention: dict[str, Any], times: dict[str, str], places: dict[str, str]
) -> bool:
    """Both name a participant, a place or a time of the text, and the same one."""
    if _participants(event) & _participants(mention):
        return True
    own = [e for e in (event, mention) if e.get("place_source") == "text" and e["place"]]
    if len(own) == 2 and len({places.get(e["place"], e["place"]) for e in own}) == 1:
        return True
    dated = [e for e in (event, mention) if e.get("time_source") == "text" and times.get(e["time"])]
    return len(dated) == 2 and _dates_agree(times[event["time"]], times[mention["time"]])


def _headline_and_lede(text: str) -> tuple[int, int]:
    """Where a page's headline ends and its opening paragraph ends: the headline is its
    first line when short (after an address line), the opening the first line after it
    of ``LEDE_CHARS`` or more (a date line may come between); (0, 0) when the page starts
    with a paragraph."""
    lines, position = [], 0
    for line in text.split("\n"):
        if line.strip() and not line.lstrip().startswith(("http:", "https:")):
            lines.append((position, position + len(line)))
        position += len(line) + 1
        if len(lines) > HEADLINE_LINES:
            break
    if not lines or lines[0][1] - lines[0][0] > HEADLINE_CHARS:
        return (0, 0)
    opening = next((end for start, end in lines[1:] if end - start >= LEDE_CHARS), None)
    return (lines[0][1], opening) if opening is not None else (0, 0)


def _one_occasion(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """ "met ... to discuss" is one meeting; "traveled ... for the talks" is a journey and
    the meeting it goes to."""
    modes = {first.get("mode"), second.get("mode")}
    return len(modes) == 1 or not modes & JOURNEY_MODES


def _linked(
    cluster: list[dict[str, Any]],
    mention: dict[str, Any],
    times: dict[str, str],
    places: dict[str, str],
) -> bool:
    """``mention`` hangs from a mention of ``cluster`` in the same clause, or one of them
    hangs from it (see the module docstring), and may name the same happening."""
    start = mention["trigger"]["start"]
    tied = [
        e
        for e in cluster
        if (e["trigger"]["start"] == mention.get("governor") or e.get("governor") == start)
        and _one_occasion(e, mention)
    ]
    # The mention it hangs from may name other targets; the cluster's other mentions
    # must agree as any merge requires (an umbrella "offensive" does not chain two killings).
    return bool(tied) and all(
        _same_kind(e, mention, times)
        and _agree(e["actors"], mention["actors"])
        and not (set(e["actors"]) & set(mention["targets"]))
        and not (set(e["targets"]) & set(mention["actors"]))
        if e in tied
        else _compatible(e, mention, times, places)
        for e in cluster
    )


def _same_mode(cluster: list[dict[str, Any]], mention: dict[str, Any]) -> bool:
    return bool(mention.get("mode")) and any(e.get("mode") == mention["mode"] for e in cluster)


def _anaphoric(mention: dict[str, Any], text: str) -> str | None:
    """How a mention refers back: "bare" for a definite reference or a possessive pronoun
    ("the raid", "her attacks"), "possessed" for a named possessor ("Tuesday's talks"),
    "described" when words between the pointer and the noun describe it ("the aerial
    bombing"), else None. The parse's ``definite`` when it has one, else the word just
    before the trigger."""
    if mention.get("definite"):
        return str(mention["definite"])
    before = text[max(0, mention["trigger"]["start"] - 30) : mention["trigger"]["start"]].split()
    last = before[-1].lower() if before else ""
    return "bare" if last in ANAPHOR_WORDS else "possessed" if last.endswith("'s") else None


def _another(mention: dict[str, Any], text: str) -> bool:
    """ "a second attack", "another arrest", "a separate raid": a new occurrence."""
    before = text[max(0, mention["trigger"]["start"] - 30) : mention["trigger"]["start"]].split()
    return any(w.lower().strip(",;") in ANOTHER_WORDS for w in before[-2:])


def _stem(event: dict[str, Any]) -> str:
    """The trigger's first word without its inflection or nominal suffix, cut to
    ``STEM_CHARS``: "raided"/"raid", "arrested"/"arrests", "investigating"/"investigation"."""
    words = event["trigger"]["text"].lower().split()
    word = words[0] if words else ""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:STEM_CHARS]


def _fullness(event: dict[str, Any], headline: int = 0) -> tuple[int, bool, int]:
    """The mention that stands for the event: most participant slots, then one of the body
    rather than of the headline (whose telegraphic words are parsed worst), then the
    earliest."""
    slots = (
        bool(event["actors"]) + bool(event["targets"]) + bool(event["place"]) + bool(event["time"])
    )
    start = event["trigger"]["start"]
    return (-slots, start < headline, start)


def _mention(event: dict[str, Any]) -> dict[str, Any]:
    return {"trigger": dict(event["trigger"]), "sentence": dict(event["sentence"])}


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    return first + [x for x in second if x not in first]


def _merge(cluster: list[dict[str, Any]], headline: int = 0) -> dict[str, Any]:
    main = min(cluster, key=lambda e: _fullness(e, headline))
    merged = dict(main)
    merged.pop("governor", None)
    merged.pop("definite", None)
    others = [e for e in cluster if e is not main]
    for other in others:
        merged["actors"] = _union(merged["actors"], other["actors"])
        merged["places"] = _union(merged["places"], other["places"])
        merged["hedges"] = _union(merged["hedges"], other["hedges"])
        merged["hedge_spans"] = _union(merged["hedge_spans"], other["hedge_spans"])
        for field in ("attribution", "origin", "destination"):
            merged[field] = merged[field] or other[field]
        # Likewise a place tied to a mention's own trigger wins over its sentence's place.
        closer = other.get("place_source") == "text" and merged.get("place_source") != "text"
        if other["place"] is not None and (merged["place"] is None or closer):
            merged["place"], merged["place_source"] = other["place"], other.get("place_source")
        # A time of the text wins over the document's date; the time and where it came
        # from travel together.
        better = other.get("time_source") == "text" and merged.get("time_source") != "text"
        if other["time"] is not None and (merged["time"] is None or better):
            merged["time"], merged["time_source"] = other["time"], other.get("time_source")
        merged["confidence"] = max(merged["confidence"], other["confidence"])
    targets: list[str] = []
    for event in [main, *others]:
        targets = _union(targets, [t for t in event["targets"] if t not in merged["actors"]])
    merged["targets"] = targets
    merged["mentions"] = [_mention(e) for e in sorted(cluster, key=lambda e: e["trigger"]["start"])]
    return merged


def _belongs(
    cluster: list[dict[str, Any]],
    mention: dict[str, Any],
    times: dict[str, str],
    places: dict[str, str],
    *,
    near: bool,
    anaphor: str | None,
    stems: list[str],
    stem: str,
    headlined: bool = False,
) -> bool:
    """Whether ``mention`` (of stem ``stem``) names the happening of ``cluster`` (whose
    mentions have ``stems``). A repeated word names the same happening ("arrested" ... "the
    arrest"), while a different verb with the same participants is usually the next step of
    a story ("besieged", then "banned")."""
    if near and anaphor in {"bare", "possessed"}:
        # "the raid" names the latest raid: its own participants come from a parse that is
        # least reliable on such noun phrases, so only the type and the time must agree,
        # and the possessor named in "Trump's criticism" must not be another actor.
        return all(
            _same_kind(e, mention, times)
            and (anaphor == "bare" or _agree(e["actors"], mention["actors"]))
            for e in cluster
        )
    if headlined and stem in stems:
        # The opening paragraph reports at length what the headline said: its participants
        # are named anew ("Dems", "fellow Senate Democrats"), so they need not agree; they
        # must not be crossed.
        return all(_same_kind(e, mention, times) and not _crossed(e, mention) for e in cluster)
    if not all(_compatible(e, mention, times, places) for e in cluster):
        return False
    if near and anaphor == "described":
        # "the aerial bombing" after "air attack": a described reference may name a new
        # event ("the Oklahoma City bombing", "the corruption investigation"), so it must
        # agree in all and share something of its own: a participant, a place or a time.
        return any(_shared_setting(e, mention, times, places) for e in cluster)
    repeats = [e for e, s in zip(cluster, stems, strict=True) if s == stem]
    return bool(repeats) and (
        near or any(_participants(e) & _participants(mention) for e in repeats)
    )


def merge_mentions(
    events: list[dict[str, Any]],
    text: str,
    times: dict[str, str],
    places: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """``events`` (one per trigger, in text order) as one record per happening.

    ``times`` maps time ids to their values; ``places`` maps place ids to what they name
    (see :func:`place_identities`), so that two mentions of one place agree. Records are
    renumbered V1, V2, ... in the order of their first mention.
    """
    places = places or {}
    headline, opening = _headline_and_lede(text)
    clusters: list[list[dict[str, Any]]] = []
    stems: list[list[str]] = []  # the stem of each mention of each cluster
    for mention in sorted(events, key=lambda e: e["trigger"]["start"]):
        stem = _stem(mention)
        anaphor = _anaphoric(mention, text)
        # An anaphor names the latest event of the same word if there is one ("the raid"
        # after "raided ... arrested"), else the latest of the same mode ("the talks" names
        # the meeting, not the journey to it), else the latest of its type.
        latest_first = range(len(clusters) - 1, -1, -1)
        same_word = [n for n in latest_first if stem in stems[n]]
        others = [n for n in latest_first if stem not in stems[n]]
        same_mode = [n for n in others if _same_mode(clusters[n], mention)]
        home = next((n for n in latest_first if _linked(clusters[n], mention, times, places)), None)
        order = same_word + same_mode + [n for n in others if n not in same_mode]
        if home is not None or _another(mention, text):
            order = []
        for n in order:
            cluster = clusters[n]
            near = mention["trigger"]["start"] - cluster[-1]["trigger"]["start"] <= ANAPHOR_WINDOW
            if _belongs(
                cluster,
                mention,
                times,
                places,
                near=near,
                anaphor=anaphor,
                stems=stems[n],
                stem=stem,
                headlined=cluster[0]["trigger"]["start"] < headline
                and headline <= mention["trigger"]["start"] < opening,
            ):
                home = n
                break
        if home is None:
            clusters.append([mention])
            stems.append([stem])
        else:
            clusters[home].append(mention)
            stems[home].append(stem)
    merged = [_merge(cluster, headline) for cluster in clusters]
    merged.sort(key=lambda e: e["mentions"][0]["trigger"]["start"])
    for number, event in enumerate(merged, start=1):
        event["id"] = f"V{number}"
    return merged
