"""The notebook API: ``newsgraph.open(db)`` gives pandas DataFrames over a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from newsgraph.export.tables import TABLES
from newsgraph.store import Store
from newsgraph.store.event_queries import EventFilter, event_where


class Dataset:
    """Read-only access to a newsgraph store as DataFrames.

    >>> data = newsgraph.open("newsgraph.duckdb")
    >>> data.events(types=("THREATEN",), since="2023-12-01").head()
    """

    def __init__(self, path: str | Path):
        self.store = Store(path, read_only=True)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Any read query, with ``?`` parameters."""
        return self.store.cursor().execute(query, params or []).df()

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; tables: {', '.join(TABLES)}")
        return self.sql(f"SELECT * FROM {name}")  # name checked against our own list

    def articles(self) -> pd.DataFrame:
        return self.sql("SELECT * EXCLUDE (record) FROM articles ORDER BY seq")

    def entities(self) -> pd.DataFrame:
        return self.table("entities")

    def actors(self) -> pd.DataFrame:
        return self.table("actors")

    def places(self) -> pd.DataFrame:
        return self.table("places")

    def times(self) -> pd.DataFrame:
        return self.table("times")

    def attributions(self) -> pd.DataFrame:
        return self.table("attributions")

    def events(
        self,
        *,
        since: str | date | None = None,
        until: str | date | None = None,
        types: tuple[str, ...] = (),
        modality: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        source_type: str | None = None,
        outlet: str | None = None,
    ) -> pd.DataFrame:
        """Events joined with their article, place and attribution, filtered."""
        f = EventFilter(
            since=date.fromisoformat(since) if isinstance(since, str) else since,
            until=date.fromisoformat(until) if isinstance(until, str) else until,
            types=tuple(t.upper() for t in types),
            modality=modality,
            actor=actor,
            country=country,
            source_type=source_type,
            outlet=outlet,
        )
        clauses, params = event_where(f)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self.sql(
            "SELECT e.*, a.title, a.url, a.published, a.source_name, a.source_domain,"
            " p.name AS place_name, p.country AS place_country, p.lat, p.lon,"
            " q.source_type, q.source_text FROM events e"
            " JOIN articles a ON a.id = e.article_id"
            " LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.place_id"
            " LEFT JOIN attributions q ON q.article_id = e.article_id"
            " AND q.attribution_id = e.attribution_id"
            + where
            + " ORDER BY e.event_date NULLS LAST, a.seq, e.event_id",
            params,
        )
