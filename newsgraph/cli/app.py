"""The ``newsgraph`` command and its groups; each command lives in the module of its kind."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn news reports into sourced event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure newsgraph against annotated data.", no_args_is_help=True)
train_app = typer.Typer(help="Train newsgraph's models on annotated data.", no_args_is_help=True)
spark_app = typer.Typer(help="Run newsgraph on Apache Spark.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.add_typer(spark_app, name="spark")
