"""Main text and metadata of an HTML page, via trafilatura, with a plain fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from htmldate import find_date
from lxml.etree import ParserError

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


def _trafilatura(html: str, url: str | None, *, fast: bool) -> dict[str, Any]:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        favor_precision=True,  # measured best on the extraction benchmark (README)
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if isinstance(document, dict):
        return document
    return document.as_dict() if document is not None else {}


def extract_html(html: str, *, url: str | None) -> HtmlExtraction:
    found = _trafilatura(html, url, fast=True)
    if len((found.get("text") or "").strip()) < _SHORT_EXTRACTION:
        found = _trafilatura(html, url, fast=False)
    text = (found.get("text") or "").strip()
    title, author = found.get("title"), found.get("author")
    sitename, canonical = found.get("sitename"), found.get("url")
    if not text:
        text = _fallback_text(html)
    try:
        # No URL on purpose: a date read from the URL is labelled separately ("url").
        date = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises assorted errors on malformed markup
        date = None
    lang = _HTML_LANG.search(html[:4096])
    return HtmlExtraction(
        text=text,
        title=title,
        author=author,
        sitename=sitename,
        date=date,
        canonical_url=canonical,
        declared_language=lang.group(1).lower() if lang else None,
    )
