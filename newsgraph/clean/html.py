"""Main text and metadata of an HTML page, via trafilatura, with a plain fallback."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from htmldate import find_date
from lxml.etree import ParserError

from newsgraph.clean.dates import date_evidence
from newsgraph.clean.notices import article_chars, notice_kinds
from newsgraph.clean.pagedate import json_nodes, markup_date

# Elements that never hold article text, for the fallback path.
_NON_CONTENT = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
)
_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlExtraction:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    date: str | None  # from the page's own markup only, never guessed from the URL
    date_evidence: dict[str, Any] | None  # which field said so (see pagedate.markup_date)
    canonical_url: str | None
    declared_language: str | None


def _fallback_text(html: str) -> str:
    """Visible block text when trafilatura finds no main content (e.g. bare fragments)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for element in tree.xpath("|".join(f"//{tag}" for tag in _NON_CONTENT)):
        element.drop_tree()
    blocks = tree.xpath("//p|//li|//h1|//h2|//h3|//blockquote|//pre|//td")
    texts = [block.text_content().strip() for block in blocks]
    if not any(texts):
        texts = [tree.text_content().strip()]
    return "\n\n".join(t for t in texts if t)


# Below this many characters, trafilatura's own extraction is compared with its fallback
# extractors (readability, justext); above it, the comparison is skipped. The comparison
# only ever changed the result for pages whose own extraction came out short (on the
# extraction benchmark: one page, under 300 characters; F1 is the same with this cut-off
# as with the comparison on every page), and it costs about as much as the extraction.
_SHORT_EXTRACTION = 1000


def _trafilatura(html: str, url: str | None, *, fast: bool, recall: bool = False) -> dict[str, Any]:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        # Precision measured best on the extraction benchmark (README); recall is the
        # second try for a page whose body came out as a notice.
        favor_precision=not recall,
        favor_recall=recall,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if isinstance(document, dict):
        return document
    return document.as_dict() if document is not None else {}


def _jsonld_body(html: str) -> str:
    """The page's own ``articleBody`` in its JSON-LD, the longest if several."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    bodies = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for node in json_nodes(data):
            body = node.get("articleBody")
            if isinstance(body, str):
                bodies.append(lxml.html.fromstring(body).text_content() if "<" in body else body)
    return max(bodies, key=len, default="").strip()


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# A body whose text outside notices is shorter than this is taken for a notice page.
_NOTICE_PAGE_CHARS = 500


def _stands_in_for_article(text: str) -> bool:
    """The extracted body is a paywall teaser, or little besides a reprint notice."""
    paragraphs = _paragraphs(text)
    kinds = notice_kinds(paragraphs)
    return "paywall" in kinds or (bool(kinds) and article_chars(paragraphs) < _NOTICE_PAGE_CHARS)


def _second_candidate(html: str, url: str | None, text: str) -> str | None:
    """A fuller body for a page whose extraction came out as a notice, if there is one:
    the page's own JSON-LD articleBody, else trafilatura in recall mode, provided it is
    not a notice page itself."""
    have = article_chars(_paragraphs(text))
    for candidate in (
        _jsonld_body(html),
        (_trafilatura(html, url, fast=False, recall=True).get("text") or "").strip(),
    ):
        fuller = article_chars(_paragraphs(candidate)) > have
        if fuller and not _stands_in_for_article(candidate):
            return candidate
    return None


def _guessed_date(html: str) -> tuple[str | None, dict[str, Any] | None]:
    """htmldate's reading of the whole page, for a page that declares no date in the
    fields markup_date reads. It also looks at image paths and the like, so the caller
    trusts a date in the URL before it."""
    try:
        # No URL on purpose: a date read from the URL is labelled separately ("url").
        date = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises assorted errors on malformed markup
        date = None
    return (date, date_evidence("htmldate")) if date else (None, None)


def extract_html(html: str, *, url: str | None) -> HtmlExtraction:
    found = _trafilatura(html, url, fast=True)
    if len((found.get("text") or "").strip()) < _SHORT_EXTRACTION:
        found = _trafilatura(html, url, fast=False)
    text = (found.get("text") or "").strip()
    if text and _stands_in_for_article(text):
        text = _second_candidate(html, url, text) or text
    title, author = found.get("title"), found.get("author")
    sitename, canonical = found.get("sitename"), found.get("url")
    if not text:
        text = _fallback_text(html)
    declared = markup_date(html)
    date, evidence = declared if declared else _guessed_date(html)
    lang = _HTML_LANG.search(html[:4096])
    return HtmlExtraction(
        text=text,
        title=title,
        author=author,
        sitename=sitename,
        date=date,
        date_evidence=evidence,
        canonical_url=canonical,
        declared_language=lang.group(1).lower() if lang else None,
    )
