"""The newsgraph command line: thin wrappers over the library's typed functions.

One module per kind of command: ``run`` (analyze, ingest, watch, cluster), ``serve``
(serve, demo), ``export``, ``eval`` (eval ..., bench), ``train``, ``spark``; ``options``
holds what they share. Importing the modules registers their commands on ``app``.
"""

from __future__ import annotations

import sys

import typer

# Imported for their commands, in the order ``newsgraph --help`` lists them.
# isort: off
import newsgraph.cli.run
import newsgraph.cli.serve
import newsgraph.cli.export
import newsgraph.cli.eval
import newsgraph.cli.train
import newsgraph.cli.spark  # noqa: F401

# isort: on
from newsgraph.about import __version__
from newsgraph.cli.app import app
from newsgraph.cli.options import say
from newsgraph.errors import NewsgraphError

__all__ = ["app", "main"]


@app.command("version")
def version_command() -> None:
    """Print the newsgraph version."""
    typer.echo(__version__)


def main() -> None:
    try:
        app()
    except NewsgraphError as error:
        say(f"newsgraph: error: {error}")
        sys.exit(2)
