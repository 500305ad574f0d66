"""Versioned schema: numbered SQL files applied in order, each once, in a transaction."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import duckdb

from newsgraph.errors import Errors, NewsgraphError

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


def available_migrations() -> list[tuple[int, str, str]]:
    folder = files("newsgraph.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return max(version for version, _, _ in available_migrations())


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def stored_version(path: str) -> int:
    """The schema version of the file at ``path`` (0 when absent), read without writing.

    Several readers (the web server, tests) may hold the file open read-only at once, so
    this must not take the write lock.
    """
    if not Path(path).exists():
        return 0
    with duckdb.connect(path, read_only=True) as con:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, *, path: str) -> int:
    """Bring the schema up to date; return the resulting version."""
    version = current_version(con)
    latest = latest_version()
    if version > latest:
        raise NewsgraphError(Errors.E008.format(path=path, found=version, known=latest))
    for number, name, sql in available_migrations():
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [number, name]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = number
    return version
