"""Documents given as fields, by a JSON Lines line or an API request body.

Both doors build their documents here, so a field that one accepts the other accepts too,
and a value of the wrong shape is refused the same way by both: a ``ValueError`` whose
message names the field (a ``bad-field`` failure for a line, a 400 for a request).
"""

from __future__ import annotations

from typing import Any

from newsgraph.types import InputKind, RawInput

SOURCE_FIELDS = ("name", "domain", "country")


def as_source(value: Any) -> dict[str, Any] | None:
    """An outlet as {name, domain, country}: given as its name alone, or as an object."""
    if value is None:
        return None
    if isinstance(value, str):
        return {"name": value, "domain": None, "country": None}
    if not isinstance(value, dict):
        raise ValueError("'source' must be a string or an object")
    for key in SOURCE_FIELDS:
        if value.get(key) is not None and not isinstance(value[key], str):
            raise ValueError(f"'source.{key}' must be a string")
    return {key: value.get(key) for key in SOURCE_FIELDS}


def optional_str(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return value
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{key!r} must be a string")


def given_document(
    fields: dict[str, Any], *, ref: str, path: str | None, published: str | None
) -> RawInput:
    """The document that ``fields`` describe; ``ref`` is used when it has no ``id``.

    ``published`` is the caller's default for a document that gives no date of its own.
    """
    doc_id = optional_str(fields, "id")
    text, html = optional_str(fields, "text"), optional_str(fields, "html")
    if text is None and html is None:
        raise ValueError("needs a 'text' or an 'html' field")
    kind: InputKind = "given-text" if text is not None else "html"
    return RawInput(
        ref=ref,
        kind=kind,
        content=text if text is not None else str(html),
        id=doc_id,
        path=path,
        url=optional_str(fields, "url"),
        title=optional_str(fields, "title"),
        published=optional_str(fields, "published") or published,
        source=as_source(fields.get("source")),
        author=optional_str(fields, "author"),
    )
