"""The main job: analyse documents, ingest them into a store, poll feeds, cluster stories."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.clean.dates import parse_given_date
from newsgraph.cli.app import app
from newsgraph.cli.options import (
    DEFAULT_WORKERS,
    ConfigOpt,
    DbOpt,
    JsonOpt,
    ModelOpt,
    Paths,
    PrivateOpt,
    PublishedOpt,
    RateOpt,
    UrlOpt,
    WorkersOpt,
    print_json,
    report_failure,
    say,
    settings,
)
from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.ingest import iter_inputs
from newsgraph.ingest.fetch import Fetcher, FetchPolicy
from newsgraph.ingest.resolve import count_documents
from newsgraph.pipeline import IngestSummary, analyze, dumps, ingest
from newsgraph.progress import IngestProgress
from newsgraph.store import DEFAULT_DB, Store
from newsgraph.types import Failure


def fetcher_for(config: Config, allow_private: bool, rate: float) -> Fetcher:
    return Fetcher(
        FetchPolicy(max_bytes=config.max_bytes, allow_private=allow_private, min_interval=rate)
    )


def _start(
    config_path: Path | None,
    model: str | None,
    published: str | None,
    allow_private: bool,
    rate: float,
) -> tuple[Config, str | None, Fetcher]:
    """What a run that reads inputs starts from: its settings, the date given for inputs
    without one, and the guarded fetcher for URLs and feeds (close it when done)."""
    config = settings(config_path, model)
    given = parse_given_date(published) if published else None
    return config, given, fetcher_for(config, allow_private, rate)


@app.command("analyze")
def analyze_command(
    paths: Paths,
    published: PublishedOpt = None,
    url: UrlOpt = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here.")] = None,
    workers: WorkersOpt = DEFAULT_WORKERS,
    allow_private: PrivateOpt = False,
    rate: RateOpt = 1.0,
) -> None:
    """Print one Analysis record (JSON) per document."""
    config, given, fetcher = _start(config_path, model, published, allow_private, rate)
    inputs = iter_inputs(
        paths, max_bytes=config.max_bytes, url=url, published=given, fetcher=fetcher
    )
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    records = failures = 0
    try:
        for item in analyze(inputs, config=config, workers=workers):
            if isinstance(item, Failure):
                failures += 1
                report_failure(item)
                continue
            out.write(dumps(item) + "\n")
            records += 1
    finally:
        fetcher.close()
        if output:
            out.close()
    if failures:
        say(f"newsgraph: {records} analysed, {failures} failed")
    if failures and not records:
        raise typer.Exit(1)


def summary_line(summary: IngestSummary, db: Path) -> str:
    state = "interrupted after" if summary.interrupted else "done:"
    return (
        f"{state} {summary.ingested} ingested, {summary.duplicates} duplicates, "
        f"{summary.failed} failed -> {db}"
    )


def _run_ingest(
    paths: list[str],
    *,
    db: Path,
    config: Config,
    published: str | None,
    workers: int,
    fetcher: Fetcher,
) -> IngestSummary:
    """One ingest run with progress; Ctrl-C ends it with committed batches kept."""
    summary = IngestSummary()
    # Counting the input up front gives the progress bar its ETA (only where it is cheap).
    total = count_documents(paths) if sys.stderr.isatty() else None
    with Store(db) as store, IngestProgress(total) as progress:
        inputs = iter_inputs(
            paths,
            max_bytes=config.max_bytes,
            published=published,
            fetcher=fetcher,
            seen=store.feed_entry_seen,
        )
        try:
            ingest(
                inputs,
                store=store,
                config=config,
                summary=summary,
                workers=workers,
                on_batch=progress.update,
            )
        except KeyboardInterrupt:
            summary.interrupted = True
    return summary


def _report(summary: IngestSummary, db: Path, as_json: bool) -> None:
    if as_json:
        print_json({**summary.as_dict(), "db": str(db)})
    else:
        typer.echo(summary_line(summary, db))
    if summary.interrupted:
        say("newsgraph: interrupted; committed batches are kept, re-run to resume")
        raise typer.Exit(130)


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, -, article or feed URLs, feed files.")
    ],
    db: DbOpt = Path(DEFAULT_DB),
    published: PublishedOpt = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    as_json: JsonOpt = False,
    workers: WorkersOpt = DEFAULT_WORKERS,
    allow_private: PrivateOpt = False,
    rate: RateOpt = 1.0,
) -> None:
    """Analyse documents and store them (idempotent; re-run to resume)."""
    config, given, fetcher = _start(config_path, model, published, allow_private, rate)
    with fetcher:
        summary = _run_ingest(
            paths, db=db, config=config, published=given, workers=workers, fetcher=fetcher
        )
    _report(summary, db, as_json)


_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")


def parse_every(text: str) -> float:
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise NewsgraphError(Errors.E011.format(value=text))
    unit = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match[2]]
    return float(match[1]) * unit


@app.command("watch")
def watch_command(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs or files to poll.")],
    every: Annotated[str, typer.Option("--every", help="Interval: 90s, 15m, 1h.")] = "15m",
    db: DbOpt = Path(DEFAULT_DB),
    polls: Annotated[
        int | None, typer.Option("--polls", min=1, help="Stop after N polls (default: never).")
    ] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    as_json: JsonOpt = False,
    allow_private: PrivateOpt = False,
    rate: RateOpt = 1.0,
) -> None:
    """Poll feeds at an interval and ingest new entries (Ctrl-C to stop)."""
    interval = parse_every(every)
    config = settings(config_path, model)
    number = 0
    with fetcher_for(config, allow_private, rate) as fetcher:
        while polls is None or number < polls:
            number += 1
            summary = _run_ingest(
                feeds, db=db, config=config, published=None, workers=1, fetcher=fetcher
            )
            _report(summary, db, as_json)
            if polls is not None and number >= polls:
                break
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                break


@app.command("cluster")
def cluster_command(
    paths: Paths,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    published: PublishedOpt = None,
) -> None:
    """Print {"id", "story"} per document: reports of the same event share a story id."""
    from newsgraph.stories.cluster import cluster

    config = settings(config_path, model)
    given = parse_given_date(published) if published else None
    inputs = iter_inputs(paths, max_bytes=config.max_bytes, published=given)
    records = []
    for item in analyze(inputs, config=config):
        if isinstance(item, Failure):
            report_failure(item)
        else:
            records.append(item)
    stories = cluster(records)
    for record in records:
        print_json({"id": record["id"], "story": stories[str(record["id"])]})
    if not records:
        raise typer.Exit(1)
