"""Several processes give exactly the records one process gives, in the same order."""

from __future__ import annotations

import json

from newsgraph.analyze import analyze, dumps
from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.parallel import split
from newsgraph.store import Store, ingest


def test_split_is_contiguous_and_balanced():
    assert split(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split([1], 4) == [[1]]
    assert split([], 2) == []


def test_two_workers_match_one_process_and_ingest_the_same(tmp_path, nlp):
    config = Config(batch_size=4)
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "x1", "text": "Lagos hosted the summit."}\nnot json\n')
    paths = [str(corpus_dir()), str(extra)]

    def as_lines(items):
        return [dumps(i) if isinstance(i, dict) else json.dumps(i.__dict__) for i in items]

    serial = as_lines(
        analyze(iter_inputs(paths, max_bytes=config.max_bytes), config=config, nlp=nlp)
    )
    parallel = as_lines(
        analyze(iter_inputs(paths, max_bytes=config.max_bytes), config=config, workers=2)
    )
    assert parallel == serial and len(serial) == 22

    with Store(tmp_path / "p.duckdb") as store:
        summary = ingest(
            iter_inputs(paths, max_bytes=config.max_bytes), store=store, config=config, workers=2
        )
        assert (summary.ingested, summary.duplicates, summary.failed) == (21, 0, 1)
        stored = store.article_record("x1")
    assert stored == json.loads(next(line for line in serial if '"x1"' in line))
