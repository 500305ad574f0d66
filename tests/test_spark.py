"""Spark in local mode produces exactly the records of the single-process analyze."""

from __future__ import annotations

import json
import os

import pytest

from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import analyze, dumps, ingest
from newsgraph.store import Store


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from newsgraph.spark.job import spark_session

    session = spark_session("local[2]", app_name="newsgraph-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_records_equal_single_process_records(spark, tmp_path, nlp):
    from newsgraph.spark.job import run_spark_analyze

    config = Config()
    extra = tmp_path / "in"
    extra.mkdir()
    (extra / "lines.jsonl").write_text(
        '{"id": "s1", "text": "Ministers from Kenya met in Nairobi."}\nnot json\n'
    )
    (extra / "binary.html").write_bytes(b"\x00\x01\x02")
    inputs = [str(corpus_dir()), str(extra)]
    output = str(tmp_path / "out")
    counts = run_spark_analyze(inputs, output, config=config, partitions=3, session=spark)

    expected = list(
        analyze(iter_inputs(inputs, max_bytes=config.max_bytes), config=config, nlp=nlp)
    )
    expected_records = [dumps(r) for r in expected if isinstance(r, dict)]
    expected_failures = [(f.ref, f.reason) for f in expected if not isinstance(f, dict)]
    assert counts == {
        "files": 21,
        "records": len(expected_records),
        "failures": len(expected_failures),
    }

    rows = spark.read.parquet(output).orderBy("file_index", "position").collect()
    assert [r["record"] for r in rows if r["kind"] == "record"] == expected_records
    assert [(r["ref"], r["reason"]) for r in rows if r["kind"] == "failure"] == (expected_failures)

    db = tmp_path / "from-spark.duckdb"
    with Store(db) as store:
        summary = ingest(
            iter_inputs([output], max_bytes=config.max_bytes), store=store, config=config, nlp=nlp
        )
        assert (summary.ingested, summary.failed) == (len(expected_records), 2)
        stored = store.article_record("s1")
    assert stored == json.loads(next(r for r in expected_records if '"id": "s1"' in r))
