"""Records written by ``newsgraph spark analyze`` (Parquet), read back for the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb

from newsgraph.clean.document import content_hash
from newsgraph.clean.urls import canonical_url
from newsgraph.errors import Reasons, failure
from newsgraph.types import Analyzed, CleanDocument, Failure


def is_parquet(path: Path) -> bool:
    if path.is_dir():
        return any(path.glob("*.parquet"))
    return path.suffix.lower() == ".parquet"


def analyzed_from_record(record: dict, ref: str) -> Analyzed:
    text = record["text"]
    document = CleanDocument(
        id=record["id"],
        ref=ref,
        text=text,
        content_hash=content_hash(text),
        title=record.get("title"),
        url=record.get("url"),
        canonical_url=canonical_url(record.get("url")),
        path=record.get("path"),
        language=record.get("language"),
        published=record.get("published"),
        published_source=record.get("published_source"),
        published_evidence=record.get("published_evidence"),
        source=record.get("source"),
        author=record.get("author"),
        rewrite_signals=record.get("rewrite_signals") or [],
    )
    return Analyzed(document=document, record=record)


def parquet_inputs(path: Path) -> Iterator[Analyzed | Failure]:
    pattern = str(path / "*.parquet") if path.is_dir() else str(path)
    with duckdb.connect() as con:
        try:
            cursor = con.execute(
                "SELECT kind, record, ref, reason, message FROM read_parquet(?) "
                "ORDER BY file_index, position",
                [pattern],
            )
        except duckdb.Error as error:
            yield failure(str(path), Reasons.UNREADABLE, error=error)
            return
        while rows := cursor.fetchmany(256):
            for kind, record_json, ref, reason, message in rows:
                if kind == "failure":
                    yield Failure(ref=ref, reason=reason, message=message)
                    continue
                record = json.loads(record_json)
                yield analyzed_from_record(record, f"{path}#{record['id']}")
