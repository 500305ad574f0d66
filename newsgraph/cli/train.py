"""Training the models newsgraph ships (``newsgraph train ...``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.app import train_app
from newsgraph.cli.options import ConfigOpt, ModelOpt, print_json, say, settings


@train_app.command("cues")
def train_cues_command(
    folder: Annotated[Path, typer.Argument(help="Folder with text/ and attributions/ (brat).")],
    out: Annotated[Path, typer.Option("--out", help="Model file to write (.json or .json.gz).")],
    l2: Annotated[float, typer.Option("--l2", min=0, help="L2 regularisation strength.")] = 3.0,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Keep features seen in N documents.")
    ] = 5,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Train the attribution cue model; use it with NEWSGRAPH_CUE_MODEL=<file>."""
    from newsgraph.train.cues import train_cue_model

    config = settings(config_path, model)
    cues = train_cue_model(folder, config=config, l2=l2, min_count=min_count, say=say)
    cues.save(out)
    print_json({"out": str(out), "features": len(cues.weights), **cues.about})


@train_app.command("events")
def train_events_command(
    annotations: Annotated[
        Path, typer.Argument(help="Standoff event annotations (annotations/news_events.jsonl).")
    ],
    out: Annotated[Path, typer.Option("--out", help="Model file to write (.json or .json.gz).")],
    texts: Annotated[
        Path, typer.Option("--texts", help="The shared data folder that holds the texts.")
    ] = Path("../shared/data"),
    l2: Annotated[float, typer.Option("--l2", min=0, help="L2 regularisation strength.")] = 1.0,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Keep features seen in N documents.")
    ] = 2,
    model: ModelOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Train the eventhood model; use it with NEWSGRAPH_EVENT_MODEL=<file>."""
    from newsgraph.train.events import train_event_model

    config = settings(config_path, model)
    trained = train_event_model(
        annotations, texts, config=config, l2=l2, min_count=min_count, say=say
    )
    trained.save(out)
    print_json({"out": str(out), "features": len(trained.weights), **trained.about})
