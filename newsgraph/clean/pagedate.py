"""The publication date a page's markup declares, and which field declared it.

Read, in order: the JSON-LD ``datePublished`` of the page's article, the ``<meta>``
fields listed as ``meta`` in ``data/page_dates.txt`` (``article:published_time``,
``pubdate``, ``dc.date`` ...), then a ``<time>`` element marked as the publication time
(``itemprop="datePublished"`` or ``pubdate``). Each answer names its field, so a record
can show where its date came from. Image paths and other dates in the page are never read
here: a guess from the whole page (htmldate) is the caller's last resort, below the URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

import lxml.html
from lxml.etree import ParserError

from newsgraph.clean.dates import date_evidence
from newsgraph.clean.lexicon import shipped_lines

_ISO_DAY = re.compile(r"^\s*((?:19|20)\d\d-[01]\d-[0-3]\d)")
# JSON-LD types whose datePublished is the article's (not a video's or an image's).
_UTC_OFFSET = re.compile(r"[+-]00:?00$")
_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|webpage|blog", re.IGNORECASE)


@lru_cache(maxsize=1)
def meta_fields() -> tuple[str, ...]:
    """The markup fields that hold a publication date, in order of trust."""
    fields = []
    for line in shipped_lines("page_dates.txt"):
        kind, _, name = line.partition(" ")
        if kind == "meta":
            fields.append(name.strip().lower())
    return tuple(fields)


def iso_day(value: Any) -> str | None:
    """The day of an ISO date or date-time string, or None when it is not one."""
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    try:
        return date.fromisoformat(match[1]).isoformat()
    except ValueError:
        return None


def json_nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in parsed JSON(-LD), at any depth."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from json_nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_nodes(item)


Candidate = tuple[str, str, str, str]  # (raw value, ISO day, kind, field name)


def _jsonld_dates(tree: Any) -> list[Candidate]:
    found = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for node in json_nodes(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                continue
            value = node.get("datePublished")
            day = iso_day(value)
            if day:
                found.append((str(value), day, "json-ld", "datePublished"))
    return found


def _meta_dates(tree: Any) -> list[Candidate]:
    found: dict[str, tuple[str, str]] = {}
    for meta in tree.xpath("//meta[@content]"):
        for attribute in ("property", "name", "itemprop"):
            name = (meta.get(attribute) or "").strip().lower()
            value = meta.get("content")
            day = iso_day(value)
            if name and day:
                found.setdefault(name, (value, day))
    return [(*found[name], "meta", name) for name in meta_fields() if name in found]


def _time_dates(tree: Any) -> list[Candidate]:
    found = []
    for element in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate]'):
        value = element.get("datetime")
        day = iso_day(value)
        if day:
            found.append((value, day, "time-element", "datePublished"))
    return found


def _in_utc(value: str) -> bool:
    """A time stamped in UTC ("...T04:58:46Z") may fall on the next day of the outlet's
    own calendar; a local one ("...T23:58:46-05:00") or a bare day does not."""
    stamp = value.strip()
    return len(stamp) > 10 and (stamp.endswith("Z") or bool(_UTC_OFFSET.search(stamp)))


def markup_date(html: str) -> tuple[str, dict[str, Any]] | None:
    """(ISO day, evidence) from the page's own markup, or None. The evidence names the
    field (``json-ld`` datePublished, a ``meta`` name, a ``time-element``). Fields are
    trusted in that order, a local time stamp before a UTC one."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return None
    candidates = _jsonld_dates(tree) + _meta_dates(tree) + _time_dates(tree)
    if not candidates:
        return None
    order = {id(c): i for i, c in enumerate(candidates)}
    _, day, kind, name = min(candidates, key=lambda c: (_in_utc(c[0]), order[id(c)]))
    return day, date_evidence(kind, name)
