"""Read queries behind the API and the pages. Parameterised SQL only."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from newsgraph.record.types import Record
from newsgraph.store.story_queries import article_lineage, article_story


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class ArticleFilter:
    q: str | None = None
    since: date | None = None
    until: date | None = None


def encode_json_cursor(key: list[Any]) -> str:
    """An opaque cursor: the sort key of the last row served, as URL-safe base64 JSON."""
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


# A cursor's integers go into SQL as BIGINT: anything outside that range is not ours.
_BIGINT = range(-(2**63), 2**63)


def decode_json_cursor(cursor: str, types: tuple[type, ...]) -> list[Any]:
    """The sort key in ``cursor``, checked to hold one value of each of ``types``."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(key, list) or len(key) != len(types):
            raise ValueError
        for value, kind in zip(key, types, strict=True):
            if type(value) is not kind or (kind is int and value not in _BIGINT):
                raise ValueError
            if isinstance(value, str):
                value.encode("utf-8")  # a lone surrogate is no text DuckDB can compare
        return key
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor("cursor is not one this server issued") from None


def encode_cursor(published: str | None, seq: int) -> str:
    return encode_json_cursor([published or "", seq])


def decode_cursor(cursor: str) -> tuple[str, int]:
    published, seq = decode_json_cursor(cursor, (str, int))
    return published, seq


def date_range(column: str, since: date | None, until: date | None) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) for ``column`` within [since, until]."""
    clauses: list[str] = []
    params: list[Any] = []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)
    return clauses, params


# A search word: letters and digits only (what the word index holds).
WORD = re.compile(r"[^\W_]+")
# Terms beyond this many are ignored: each is one more lookup.
MAX_TERMS = 12


def search_terms(query: str) -> list[str]:
    """The terms of a search, every one of which an article must contain: words split on
    spaces, or a "quoted phrase" kept whole as a literal substring."""
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query)]
    return list(dict.fromkeys(t for t in terms if t.strip()))[:MAX_TERMS]


def article_where(filters: ArticleFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions (and parameters) selecting the articles ``filters`` asks for."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in search_terms(filters.q or ""):
        if WORD.fullmatch(term):
            # A word: some word of the article starts with it ("quake" finds "quakes"),
            # looked up in the word index, folded by the same macro that built it.
            clauses.append(
                "id IN (SELECT article_id FROM article_words"
                " WHERE starts_with(word, ng_words(?)[1]))"
            )
            params.append(term)
        else:
            # Anything else ("100%", "U.N.") is a literal substring: the user's % and _
            # are escaped, not wildcards.
            needle = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
            params += [f"%{needle}%", f"%{needle}%"]
    dated, values = date_range("published_date", filters.since, filters.until)
    return clauses + dated, params + values


# Newest first by publication date; undated articles last; ingest order breaks ties.
_SORT_KEY = "coalesce(published, '')"


def list_articles(
    con: duckdb.DuckDBPyConnection,
    filters: ArticleFilter,
    *,
    limit: int,
    cursor: str | None = None,
) -> tuple[list[Record], str | None, int]:
    clauses, params = article_where(filters)
    total_sql = "SELECT count(*) FROM articles"
    if clauses:
        total_sql += " WHERE " + " AND ".join(clauses)
    total_row = con.execute(total_sql, params).fetchone()
    total = int(total_row[0]) if total_row else 0
    if cursor:
        after_published, after_seq = decode_cursor(cursor)
        clauses.append(f"({_SORT_KEY} < ? OR ({_SORT_KEY} = ? AND seq < ?))")
        params += [after_published, after_published, after_seq]
    sql = (
        "SELECT a.id, a.seq, a.title, a.url, a.published, a.source_name, a.source_domain,"
        " a.language, a.word_count,"
        " (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entity_count"
        " FROM articles a"
    )
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += f" ORDER BY {_SORT_KEY} DESC, seq DESC LIMIT ?"
    rows = con.execute(sql, [*params, limit + 1]).fetchall()
    items = [
        {
            "id": r[0],
            "title": r[2],
            "url": r[3],
            "published": r[4],
            "source": {"name": r[5], "domain": r[6]},
            "language": r[7],
            "word_count": r[8],
            "entity_count": r[9],
        }
        for r in rows[:limit]
    ]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(last[4], int(last[1]))
    return items, next_cursor, total


def get_record(con: duckdb.DuckDBPyConnection, article_id: str) -> Record | None:
    """The stored record, with what only the store knows merged in: its lineage (what it
    copies or rewrites) and its story."""
    row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
    if not row:
        return None
    record: Record = json.loads(row[0])
    record["lineage"] = article_lineage(con, article_id)
    record["story"] = article_story(con, article_id)
    return record


def list_failures(
    con: duckdb.DuckDBPyConnection, *, limit: int, offset: int
) -> tuple[list[Record], int]:
    total_row = con.execute("SELECT count(*) FROM failures").fetchone()
    rows = con.execute(
        "SELECT ref, reason, message, attempts, last_attempt FROM failures"
        " ORDER BY ref LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    items = [
        {
            "ref": r[0],
            "reason": r[1],
            "message": r[2],
            "attempts": r[3],
            "last_attempt": r[4].isoformat() if r[4] else None,
        }
        for r in rows
    ]
    return items, int(total_row[0]) if total_row else 0
