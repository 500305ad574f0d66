"""``newsgraph spark analyze``: analyse files on Spark, write Parquet.

The driver lists the input files (folders walked exactly as ``analyze`` walks them) and
hands (file number, path) pairs to Spark. Each partition loads the spaCy pipeline once
(cached per executor process) and runs the very same ``analyze`` over its files, so every
``record`` cell is byte for byte the JSON line ``newsgraph analyze`` prints for that
document. Rows keep ``file_index`` and ``position`` so the input order can be restored.

Output columns: file_index, position, kind ("record" | "failure"), id, url, title,
published, record (JSON text), ref, reason, message.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.config import Config
from newsgraph.ingest.files import SUPPORTED_SUFFIXES, suffix_of, walk_files

SCHEMA = (
    "file_index INT, position INT, kind STRING, id STRING, url STRING, title STRING, "
    "published STRING, record STRING, ref STRING, reason STRING, message STRING"
)


def list_files(inputs: Iterable[str]) -> list[str]:
    """Files to analyse, in the order ``analyze`` would read them."""
    files: list[str] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files.extend(str(p) for p in walk_files(path))
        elif path.is_file() and suffix_of(path) in SUPPORTED_SUFFIXES:
            files.append(str(path))
        else:
            raise FileNotFoundError(f"not a supported file or folder: {raw}")
    return files


def analyze_partition(
    pairs: Iterable[tuple[int, str]], config: Config
) -> Iterator[tuple[Any, ...]]:
    """Runs on an executor: analyse each (file_index, path); yield one row per document."""
    from newsgraph.ingest import iter_inputs
    from newsgraph.nlp import load_pipeline
    from newsgraph.pipeline import analyze, dumps

    nlp = load_pipeline(config)  # cached: once per executor process
    for file_index, path in pairs:
        inputs = iter_inputs([path], max_bytes=config.max_bytes)
        for position, item in enumerate(analyze(inputs, config=config, nlp=nlp)):
            if isinstance(item, dict):
                yield (
                    file_index,
                    position,
                    "record",
                    item["id"],
                    item.get("url"),
                    item.get("title"),
                    item.get("published"),
                    dumps(item),
                    None,
                    None,
                    None,
                )
            else:
                yield (
                    file_index,
                    position,
                    "failure",
                    None,
                    None,
                    None,
                    None,
                    None,
                    item.ref,
                    item.reason,
                    item.message,
                )


def spark_session(master: str | None = None, app_name: str = "newsgraph") -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if not master and not os.environ.get("SPARK_HOME") and "PYSPARK_SUBMIT_ARGS" not in os.environ:
        master = "local[*]"  # run on this machine unless spark-submit says otherwise
    if master:
        builder = builder.master(master)
    if master and master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local workers must run this interpreter (the one with newsgraph and its model
        # installed), not whatever python3 comes first on PATH.
        os.environ["PYSPARK_PYTHON"] = sys.executable
        builder = builder.config("spark.pyspark.python", sys.executable)
    return builder.getOrCreate()


def run_spark_analyze(
    inputs: list[str],
    output: str,
    *,
    config: Config,
    master: str | None = None,
    partitions: int | None = None,
    session: Any = None,
) -> dict[str, int]:
    """Analyse ``inputs`` on Spark and write Parquet to ``output`` (overwritten)."""
    files = list_files(inputs)
    spark = session or spark_session(master)
    context = spark.sparkContext
    slices = partitions or max(1, min(len(files), context.defaultParallelism * 2))
    rdd = context.parallelize(list(enumerate(files)), slices).mapPartitions(
        lambda pairs: analyze_partition(pairs, config)
    )
    frame = spark.createDataFrame(rdd, schema=SCHEMA)
    frame.write.mode("overwrite").parquet(output)
    counts = {
        row["kind"]: row["count"]
        for row in spark.read.parquet(output).groupBy("kind").count().collect()
    }
    return {
        "files": len(files),
        "records": counts.get("record", 0),
        "failures": counts.get("failure", 0),
    }
