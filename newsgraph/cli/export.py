"""Exporting a store: tables, records, or GDELT/PLOVER/ACLED-shaped event data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.clean.dates import parse_given_date
from newsgraph.cli.app import app
from newsgraph.cli.options import DbOpt, print_json
from newsgraph.export.writers import EXPORT_FORMATS, ExportScope, export_store
from newsgraph.store import DEFAULT_DB, Store


def _day(value: str | None, what: str) -> date | None:
    return date.fromisoformat(parse_given_date(value, what=what)) if value else None


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help=" | ".join(EXPORT_FORMATS))],
    output: Annotated[Path, typer.Option("-o", "--output", help="File, or folder for tables.")],
    db: DbOpt = Path(DEFAULT_DB),
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER types, comma-separated.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 of actor or place.")] = None,
    all_modalities: Annotated[
        bool, typer.Option("--all-modalities", help="Also negated/future/hypothetical events.")
    ] = False,
) -> None:
    """Export the store: tables, records, or GDELT/PLOVER/ACLED-shaped event data."""
    scope = ExportScope(
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        types=tuple(t.strip().upper() for t in event_type.split(",")) if event_type else (),
        country=country,
        all_modalities=all_modalities,
    )
    with Store(db, read_only=True) as store:
        print_json(export_store(store.cursor(), fmt, output, scope))
