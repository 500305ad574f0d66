"""The clean stage: a RawInput becomes a CleanDocument (or a Failure)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from newsgraph.clean.dates import date_evidence, date_from_url, parse_given_date
from newsgraph.clean.furniture import blank_furniture, strip_furniture
from newsgraph.clean.html import extract_html
from newsgraph.clean.language import detect_language
from newsgraph.clean.normalize import normalize_inline, normalize_text
from newsgraph.clean.notices import forget_notices, notice_kinds
from newsgraph.clean.plaintext import split_title
from newsgraph.clean.rewrite import rewrite_signals
from newsgraph.clean.textdate import text_date
from newsgraph.clean.urls import canonical_url, domain_of
from newsgraph.config import Config
from newsgraph.errors import NewsgraphError, Reasons, failure
from newsgraph.types import CleanDocument, Failure, RawInput

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace folded: equal hashes = exact duplicates."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _strip_site_suffix(title: str | None, sitename: str | None) -> str | None:
    if not title or not sitename:
        return title
    for separator in (" | ", " - ", " – ", " — ", " :: "):
        suffix = separator + sitename
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def _body_beyond_title(text: str, title: str | None) -> bool:
    """Whether ``text`` holds anything besides the headline repeated."""
    headline = " ".join((title or "").split()).casefold()
    return any(
        line.strip() and " ".join(line.split()).casefold() != headline for line in text.split("\n")
    )


def _source(raw: RawInput, sitename: str | None, url: str | None) -> dict[str, Any] | None:
    given = dict(raw.source or {})
    name = given.get("name") or normalize_inline(sitename)
    domain = given.get("domain") or domain_of(url)
    if not name and not domain:
        return None
    return {"name": name, "domain": domain, "country": given.get("country")}


DateFound = tuple[str | None, str | None, dict[str, Any] | None]


def _publication_date(
    raw: RawInput,
    url: str | None,
    page_date: str | None,
    page_evidence: dict[str, Any] | None,
    text: str,
) -> DateFound:
    """(published, published_source, published_evidence), from the best evidence there is:
    the caller's date; the URL path; a date field of the page markup, else htmldate's
    reading of the whole page; the text's own publication, update or dateline line; the latest
    social-media post the text embeds. Raises NewsgraphError for a bad given date."""
    if raw.published:
        published = parse_given_date(raw.published, what=f"{raw.ref} published")
        return published, "given", date_evidence("given")
    # The URL spells the outlet's own calendar day; markup often stamps the time in UTC,
    # which puts an evening story on the next day.
    from_url = date_from_url(url)
    if from_url:
        return from_url, "url", date_evidence("url")
    if page_date:
        return page_date, "html-meta", page_evidence
    found = text_date(text)
    if found is None:
        return None, None, None
    source = "embedded-post" if found.kind == "embedded-post" else "text"
    return found.value, source, found.evidence()


def clean(raw: RawInput, config: Config) -> CleanDocument | Failure:
    """Clean one document. Never raises for bad content: returns a Failure instead."""
    forget_notices()
    title: str | None = normalize_inline(raw.title)
    author = normalize_inline(raw.author)
    sitename: str | None = None
    page_date: str | None = None
    page_date_evidence: dict[str, Any] | None = None
    canonical: str | None = None
    declared_language: str | None = None

    if raw.kind == "given-text":
        # Furniture lines are blanked, not removed: offsets annotated on the text stay valid.
        text, dropped = blank_furniture(raw.content, config.furniture)
        notices = notice_kinds(dropped)
    elif raw.kind == "text":
        paragraphs = _PARAGRAPH_BREAK.split(normalize_text(raw.content))
        if title is None:
            title, paragraphs = split_title(paragraphs)
        notices = notice_kinds(paragraphs)
        text = "\n\n".join(strip_furniture(paragraphs, config.furniture))
    else:
        page = extract_html(raw.content, url=raw.url)
        lines = [line for line in normalize_text(page.text).split("\n") if line]
        notices = notice_kinds(lines)
        text = "\n\n".join(strip_furniture(lines, config.furniture))
        sitename = page.sitename
        title = title or _strip_site_suffix(
            normalize_inline(page.title), normalize_inline(sitename)
        )
        author = author or normalize_inline(page.author)
        page_date, canonical = page.date, page.canonical_url
        page_date_evidence = page.date_evidence
        declared_language = page.declared_language

    if notices and not _body_beyond_title(text, title):
        # A paywall or reprint notice stood where the article should be.
        return failure(raw.ref, Reasons.NOTICE_ONLY, kind=" and ".join(notices))
    if not text.strip():
        return failure(raw.ref, Reasons.EMPTY)
    if len(text) > config.max_text_chars:
        return failure(raw.ref, Reasons.TEXT_TOO_LONG, chars=len(text), limit=config.max_text_chars)

    url = raw.url or canonical
    try:
        published, published_source, evidence = _publication_date(
            raw, url, page_date, page_date_evidence, text
        )
    except NewsgraphError as error:
        return Failure(ref=raw.ref, reason=Reasons.BAD_FIELD[0], message=str(error))

    digest = content_hash(text)
    return CleanDocument(
        id=raw.id or digest[:16],
        ref=raw.ref,
        text=text,
        content_hash=digest,
        title=title,
        url=url,
        canonical_url=canonical_url(canonical or url),
        path=raw.path,
        language=detect_language(text, declared_language),
        published=published,
        published_source=published_source,
        published_evidence=evidence,
        source=_source(raw, sitename, url),
        author=author,
        rewrite_signals=rewrite_signals(
            title=title, text=text, author=author, published=published, notices=notices
        ),
        feed_entry=raw.feed_entry,
    )
