"""Measuring newsgraph: ``newsgraph eval ...`` against annotated data, and ``bench``.

Every eval command prints its result as one JSON object and, given a floor, exits 1 when
its headline figure is below it (``report``), so a CI job can gate on any of them.
"""

# No "from __future__ import annotations": the commands made by _evaluation need their
# annotations evaluated where they are defined, for Typer to read.
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli.app import app, eval_app
from newsgraph.cli.options import ConfigOpt, LimitOpt, ModelOpt, print_json, say, settings
from newsgraph.ingest import iter_inputs

FloorOpt = Annotated[
    float | None, typer.Option("--min-f1", help="Exit 1 when the headline F1 is below this.")
]


def report(
    result: dict[str, Any],
    *,
    what: str,
    score: Callable[[dict[str, Any]], float],
    floor: float | None,
) -> None:
    """Print ``result``; exit 1 when its ``score`` is below ``floor``."""
    print_json(result)
    value = score(result)
    if floor is not None and value < floor:
        say(f"newsgraph: {what} {value} is below the floor {floor}")
        raise typer.Exit(1)


def _key(name: str) -> Callable[[dict[str, Any]], float]:
    return lambda result: float(result[name])


def _evaluation(
    name: str,
    evaluator: str,
    *,
    data: str,
    doc: str,
    what: str,
    metric: str,
    floor_flag: str = "--min-f1",
) -> None:
    """Register ``newsgraph eval NAME DATA [--limit N] [--model] [--config] [FLOOR]``,
    which runs ``evaluator`` ("module:function", imported when the command runs)."""

    def command(
        path: Annotated[Path, typer.Argument(help=data)],
        limit: LimitOpt = None,
        model: ModelOpt = None,
        config_path: ConfigOpt = None,
        floor: Annotated[
            float | None, typer.Option(floor_flag, help=f"Exit 1 when {what} is below this.")
        ] = None,
    ) -> None:
        module, function = evaluator.split(":")
        evaluate = getattr(importlib.import_module(module), function)
        result = evaluate(path, config=settings(config_path, model), limit=limit)
        report(result, what=what, score=_key(metric), floor=floor)

    command.__doc__ = doc
    eval_app.command(name)(command)


@eval_app.command("extraction")
def eval_extraction_command(
    path: Annotated[Path, typer.Argument(help="Benchmark folder with ground-truth.json.")],
    limit: LimitOpt = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when extraction F1 is below this.")
    ] = None,
    per_page: Annotated[
        bool,
        typer.Option(
            "--per-page",
            help="Also list each page's scores beside those of bare trafilatura (a peer).",
        ),
    ] = False,
) -> None:
    """Body-text extraction: 4-gram shingle precision, recall and F1."""
    from newsgraph.eval.extraction import evaluate_extraction

    config = settings(config_path, model)
    result = evaluate_extraction(path, config=config, limit=limit, per_page=per_page)
    report(result, what="extraction F1", score=_key("f1"), floor=min_f1)


_evaluation(
    "case",
    "newsgraph.eval.case:evaluate_case",
    data="CASE 2021 task 2 TSV (id, EventSnippet, SubType).",
    doc="ACLED-style event categories: accuracy, weighted and macro F1, per-label table.",
    what="category weighted F1",
    metric="weighted_f1",
)
_evaluation(
    "events",
    "newsgraph.eval.events:evaluate_events",
    data="PLOVER gold-standard records (JSON list).",
    doc="PLOVER events: main-event type accuracy, macro-F1, source and target match.",
    what="event type accuracy",
    metric="type_accuracy",
    floor_flag="--min-accuracy",
)


@eval_app.command("geo")
def eval_geo_command(
    path: Annotated[Path, typer.Argument(help="GeoWebNews XML (GWN.xml).")],
    limit: LimitOpt = None,
    half: Annotated[
        int | None,
        typer.Option(
            "--half",
            min=1,
            max=2,
            help="Score one half only: 1 = articles with an even index, 2 = odd.",
        ),
    ] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_f1: FloorOpt = None,
) -> None:
    """Toponyms: span precision, recall and F1; accuracy within 161 km."""
    from newsgraph.eval.geo import evaluate_geo

    result = evaluate_geo(path, config=settings(config_path, model), limit=limit, half=half)
    report(result, what="toponym span F1", score=_key("geo_span_f1"), floor=min_f1)


_evaluation(
    "news",
    "newsgraph.eval.news:evaluate_news",
    data="Real news pages annotated whole, JSON Lines (../shared/data/news/dev.jsonl).",
    doc="Events on real news pages: typed precision, recall and F1, repeats, fields, "
    "actors' countries, attributions (the metric of ../shared/eval/news_events.py).",
    what="typed event F1",
    metric="F1",
)
_evaluation(
    "time",
    "newsgraph.eval.time:evaluate_time",
    data="Folder of TimeML .tml files (TimeBank).",
    doc="Time expressions: span and TIMEX3 value precision, recall and F1.",
    what="time value F1",
    metric="value_f1",
)


@eval_app.command("stories")
def eval_stories_command(
    folder: Annotated[Path, typer.Argument(help="ECB+ folder with one subfolder per topic.")],
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Score only these topics (repeatable).")
    ] = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_f1: FloorOpt = None,
) -> None:
    """Story clustering: B-cubed precision, recall and F1, with a TF-IDF baseline."""
    from newsgraph.eval.stories import evaluate_stories

    result = evaluate_stories(folder, config=settings(config_path, model), topics=topic)
    report(result, what="stories B-cubed F1", score=_key("f1"), floor=min_f1)


@eval_app.command("news-standoff")
def eval_news_standoff_command(
    annotations: Annotated[
        Path, typer.Argument(help="Standoff annotations (annotations/news_events.jsonl).")
    ],
    texts: Annotated[
        Path, typer.Option("--texts", help="The shared data folder that holds the texts.")
    ] = Path("../shared/data"),
    fold: Annotated[
        str | None, typer.Option("--fold", help="K/N: score every N-th text from the K-th.")
    ] = None,
    limit: LimitOpt = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
    min_f1: FloorOpt = None,
) -> None:
    """Events on the training texts (annotated as standoff on ../shared/data): the same
    metric as ``eval news``."""
    from newsgraph.eval.news import read_standoff_gold, score_articles

    where = None
    if fold:
        k, _, n = fold.partition("/")
        where = (int(k), int(n))
    articles = read_standoff_gold(annotations, texts, limit, fold=where)
    result = score_articles(articles, path=annotations, config=settings(config_path, model))
    report(result, what="typed event F1", score=_key("F1"), floor=min_f1)


@eval_app.command("quotes")
def eval_quotes_command(
    folder: Annotated[Path, typer.Argument(help="Folder with text/ and attributions/ (brat).")],
    limit: LimitOpt = None,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
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
        result = evaluate_quotes(folder, config=settings(config_path, model), limit=limit)
    report(
        result,
        what="attribution F1",
        score=lambda r: min(r["source_f1"], r["cue_f1"], r["content_f1"]),
        floor=min_f1,
    )


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

    config = settings(config_path, model)
    sources = paths or [str(corpus_dir())]
    inputs = iter_inputs(sources, max_bytes=config.max_bytes)
    print_json(run_bench(inputs, config=config, docs=docs, workers=workers))
