"""Every export format in one table, so that the command line and any other caller (the
dashboard) write the same files through the same code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.export import events as event_export
from newsgraph.export.event_table import write_event_table
from newsgraph.export.tables import export_records, export_tables
from newsgraph.store.event_queries import EventFilter
from newsgraph.store.queries import ArticleFilter


@dataclass(frozen=True)
class ExportScope:
    """What to export: a date range, PLOVER types and a country for event formats, and
    whether events that are not asserted (negated, future, hypothetical) are included."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    country: str | None = None
    all_modalities: bool = False
    # A dashboard view's whole event filter; when given, it replaces the fields above.
    view: EventFilter | None = None

    def events(self) -> EventFilter:
        if self.view is not None:
            return self.view
        return EventFilter(
            since=self.since, until=self.until, types=self.types, country=self.country
        )

    def modalities(self) -> tuple[str, ...]:
        """The modalities kept by the GDELT and ACLED writers ("" = all). A view that
        names a modality has chosen its events already."""
        if self.all_modalities or (self.view is not None and self.view.modality):
            return ()
        return ("asserted",)

    def articles(self) -> ArticleFilter:
        return ArticleFilter(since=self.since, until=self.until)


# A writer takes the store, the output path and the scope, and returns the rows written.
Writer = Callable[[duckdb.DuckDBPyConnection, Path, ExportScope], int]

RECORD_WRITERS: dict[str, Writer] = {
    # A view's records are those of the articles with an event in the view.
    "jsonl": lambda con, out, scope: export_records(con, out, scope.articles(), scope.view),
    # The events table as the dashboard shows it, every modality (a column says which).
    "events-csv": lambda con, out, scope: write_event_table(con, out, scope.events(), ()),
    "gdelt": lambda con, out, scope: event_export.write_gdelt(
        con, out, scope.events(), scope.modalities()
    ),
    # PLOVER records carry their own modality field, so every event is written.
    "plover": lambda con, out, scope: event_export.write_plover(con, out, scope.events(), ()),
    "acled": lambda con, out, scope: event_export.write_acled(
        con, out, scope.events(), scope.modalities()
    ),
}
TABLE_FORMATS = ("parquet", "csv")  # one file per table, into a folder
EXPORT_FORMATS = (*TABLE_FORMATS, *RECORD_WRITERS)


def export_store(
    con: duckdb.DuckDBPyConnection, fmt: str, output: Path, scope: ExportScope
) -> dict[str, Any]:
    """Write the store (or its ``scope``) as ``fmt`` to ``output``; what was written."""
    if fmt in TABLE_FORMATS:
        files = export_tables(con, output, fmt=fmt)
        return {"format": fmt, "files": [str(f) for f in files]}
    writer = RECORD_WRITERS.get(fmt)
    if writer is None:
        raise NewsgraphError(Errors.E012.format(value=fmt))
    return {"format": fmt, "file": str(output), "rows": writer(con, output, scope)}
