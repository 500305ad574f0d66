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

    def events(self) -> EventFilter:
        return EventFilter(
            since=self.since, until=self.until, types=self.types, country=self.country
        )

    def modalities(self) -> tuple[str, ...]:
        """The modalities kept by the GDELT and ACLED writers ("" = all)."""
        return () if self.all_modalities else ("asserted",)


# A writer takes the store, the output path and the scope, and returns the rows written.
Writer = Callable[[duckdb.DuckDBPyConnection, Path, ExportScope], int]

RECORD_WRITERS: dict[str, Writer] = {
    "jsonl": lambda con, out, scope: export_records(
        con, out, ArticleFilter(since=scope.since, until=scope.until)
    ),
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
