"""Serving a store: the dashboard and the REST API, and the demo that ingests then serves."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.app import app
from newsgraph.cli.options import (
    DEFAULT_PORT,
    ConfigOpt,
    DbOpt,
    HostOpt,
    ModelOpt,
    PortOpt,
    PrivateOpt,
    RemoteOpt,
    say,
    settings,
)
from newsgraph.cli.run import summary_line
from newsgraph.config import Config, write_token_from_environment
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.store import DEFAULT_DB, Store


def _check_host(host: str, allow_remote: bool) -> None:
    if allow_remote or host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise NewsgraphError(Errors.E010.format(host=host))


def _serve(
    db: Path, host: str, port: int, *, config: Config | None = None, allow_private: bool = False
) -> None:
    import uvicorn

    from newsgraph.server.app import create_app

    # The token comes from the environment, never the command line, where `ps` shows it.
    token = write_token_from_environment()
    app = create_app(db, write_token=token, config=config, allow_private=allow_private)
    mode = "write endpoints on (token required)" if token else "read-only"
    say(f"newsgraph: serving {db} at http://{host}:{port}/ ({mode}; Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


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
    _serve(db, host, port, config=settings(config_path, model), allow_private=allow_private)


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
    config = settings(config_path, model)
    summary = ingest_demo(db, config=config)
    typer.echo("demo corpus " + summary_line(summary, db))
    with Store(db) as store:
        counts = store.counts()
    typer.echo(f"store holds {counts['articles']} articles, {counts['failures']} failures")
    if not no_serve:
        _serve(db, host, port, config=config)
