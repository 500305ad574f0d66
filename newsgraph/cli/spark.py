"""Running newsgraph on Apache Spark (``newsgraph spark ...``)."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli.app import spark_app
from newsgraph.cli.options import ConfigOpt, ModelOpt, print_json, settings


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
        inputs, output, config=settings(config_path, model), master=master, partitions=partitions
    )
    print_json(result)
