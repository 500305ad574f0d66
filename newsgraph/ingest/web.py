"""Inputs from the web: article URLs and RSS/Atom feeds (local files or URLs)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import feedparser
from lxml import etree

from newsgraph.errors import Reasons, failure
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.ingest.fetch import Fetched, Fetcher, FetchError, url_problem
from newsgraph.types import Failure, RawInput

FEED_SUFFIXES = (".rss", ".atom", ".xml")
ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)

# Called with (feed, entry key): was this entry's article stored on an earlier poll?
SeenCheck = Callable[[str, str], bool]


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def is_web_url(text: str) -> bool:
    """An absolute http(s) URL with a host: the only thing a caller over HTTP may name."""
    return url_problem(text.strip()) is None


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    kind = content_type.split(";")[0].strip()
    return kind in FEED_TYPES[:2] or bool(_FEED_START.match(content[:2048]))


def page_input(
    ref: str,
    page: Fetched,
    *,
    published: str | None = None,
    title: str | None = None,
    feed_entry: tuple[str, str] | None = None,
) -> RawInput | Failure:
    """A fetched article page as an input, or why it cannot be one."""
    kind = page.content_type.split(";")[0].strip()
    if kind and kind not in ARTICLE_TYPES:
        return failure(ref, Reasons.CONTENT_TYPE, url=ref, content_type=kind)
    try:
        text = decode_bytes(page.content, html=kind != "text/plain")
    except DecodeError as error:
        return failure(ref, Reasons.BINARY if error.reason == "binary" else Reasons.UNDECODABLE)
    return RawInput(
        ref=ref,
        kind="text" if kind == "text/plain" else "html",
        content=text,
        url=page.url,
        published=published,
        title=title,
        feed_entry=feed_entry,
    )


def _entry_published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _defused(feed_ref: str, content: bytes) -> tuple[bytes, str | None] | Failure:
    """The feed re-serialised as UTF-8 with no DTD and its first XML error, or why it is
    refused.

    lxml reads the document whatever its encoding (a UTF-16 feed, a declaration after a
    long comment) with entity substitution, DTD loading and network access off and libxml2's
    size limits on. Feeds never need entities of their own: a DTD that declares any
    (general or parameter) is an expansion or external-entity attack and the feed is
    refused. A plain DOCTYPE naming an external DTD (old RSS 0.91) is kept out, never read.
    feedparser then parses only what lxml wrote, so no DTD reaches its own XML parser.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=True,  # feeds are often slightly broken; feedparser is lenient too
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        return failure(feed_ref, Reasons.BAD_FEED, url=feed_ref, error=error)
    if root is None:
        return failure(feed_ref, Reasons.BAD_FEED, url=feed_ref, error="no XML element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return failure(feed_ref, Reasons.HOSTILE_FEED, url=feed_ref)
    errors = [entry for entry in parser.error_log if entry.level >= etree.ErrorLevels.ERROR]
    written = bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True))
    return written, (f"line {errors[0].line}: {errors[0].message}" if errors else None)


def feed_entries(feed_ref: str, content: bytes) -> list[dict[str, Any]] | Failure:
    """Entries of a feed document as {key, link, title, published}, in feed order."""
    defused = _defused(feed_ref, content)
    if isinstance(defused, Failure):
        return defused
    written, broken = defused
    parsed = feedparser.parse(written)
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        entries.append(
            {
                "key": entry.get("id") or link,
                "link": link,
                "title": entry.get("title"),
                "published": _entry_published(entry),
            }
        )
    if (broken or parsed.bozo) and not entries:
        # Broken XML with nothing usable in it: say so rather than report an empty feed.
        return failure(
            feed_ref,
            Reasons.BAD_FEED,
            url=feed_ref,
            error=broken or parsed.get("bozo_exception", "malformed"),
        )
    return entries


def feed_inputs(
    feed_ref: str,
    content: bytes,
    fetcher: Fetcher,
    *,
    seen: SeenCheck | None = None,
) -> Iterator[RawInput | Failure]:
    """The articles a feed links to; entries seen on an earlier poll are skipped.

    Each input carries its ``feed_entry`` so the store marks the entry as seen in the same
    transaction that stores the article: an interrupted poll loses nothing.
    """
    entries = feed_entries(feed_ref, content)
    if isinstance(entries, Failure):
        yield entries
        return
    for entry in entries:
        if seen is not None and seen(feed_ref, entry["key"]):
            continue
        link = entry["link"]
        try:
            page = fetcher.fetch(link)
        except FetchError as error:
            yield Failure(ref=link, reason=error.reason, message=str(error))
            continue
        yield page_input(
            link,
            page,
            published=entry["published"],
            title=entry["title"],
            feed_entry=(feed_ref, entry["key"]),
        )


def url_inputs(
    url: str,
    fetcher: Fetcher,
    *,
    published: str | None = None,
    seen: SeenCheck | None = None,
) -> Iterator[RawInput | Failure]:
    """An article URL or a feed URL (told apart by what the server sends)."""
    try:
        page = fetcher.fetch(url)
    except FetchError as error:
        yield Failure(ref=url, reason=error.reason, message=str(error))
        return
    if looks_like_feed(page.content, page.content_type):
        yield from feed_inputs(url, page.content, fetcher, seen=seen)
    else:
        yield page_input(url, page, published=published)


def web_inputs(
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    published: str | None = None,
    seen: SeenCheck | None = None,
) -> Iterator[RawInput | Failure]:
    """Articles and feeds at web addresses, and nothing else.

    This is the reader for callers that reach newsgraph over HTTP: unlike ``iter_inputs``
    it has no notion of files, folders or standard input, so no argument can make it read
    the server's disk.
    """
    urls = list(urls)
    for url in urls:
        if not is_web_url(url):
            raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    for url in urls:
        yield from url_inputs(url.strip(), fetcher, published=published, seen=seen)


def feed_file_inputs(
    path: Path, fetcher: Fetcher, *, max_bytes: int, seen: SeenCheck | None = None
) -> Iterator[RawInput | Failure]:
    if path.stat().st_size > max_bytes:
        yield failure(str(path), Reasons.TOO_LARGE, limit=max_bytes)
        return
    yield from feed_inputs(str(path), path.read_bytes(), fetcher, seen=seen)
