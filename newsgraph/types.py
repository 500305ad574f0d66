"""The typed hand-offs between pipeline stages: ingest -> clean -> nlp -> record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

InputKind = Literal["html", "text", "given-text"]


@dataclass(frozen=True)
class RawInput:
    """One document as read from a source, before any cleaning.

    ``kind`` says how to clean it: ``html`` goes through boilerplate removal, ``text`` is a
    scraped plain-text page (title line and furniture are detected), ``given-text`` is a
    JSONL ``text`` field whose offsets must stay valid: its furniture lines are blanked
    (replaced by as many spaces), nothing else changes.
    """

    ref: str  # where it came from, unique within a run: a path, "path#line:3", "<stdin>"
    kind: InputKind
    content: str
    id: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: dict[str, Any] | None = None
    author: str | None = None
    feed_entry: tuple[str, str] | None = None  # (feed, entry key) when it came from a feed


@dataclass(frozen=True)
class Failure:
    """A document that could not be analysed, and why. The batch carries on."""

    ref: str
    reason: str  # a stable code from errors.Reasons
    message: str


@dataclass
class CleanDocument:
    """Clean text plus page metadata; every offset later refers to ``text``."""

    id: str
    ref: str
    text: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    path: str | None = None
    language: str | None = None
    published: str | None = None
    published_source: str | None = None
    published_evidence: dict[str, Any] | None = None
    source: dict[str, Any] | None = None
    author: str | None = None
    rewrite_signals: list[str] = field(default_factory=list)
    feed_entry: tuple[str, str] | None = None


@dataclass(frozen=True)
class Analyzed:
    """A record analysed elsewhere (e.g. on Spark), on its way into the store."""

    document: CleanDocument
    record: dict[str, Any]
