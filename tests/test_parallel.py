"""Several processes give exactly the records one process gives, in the same order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import analyze, dumps, ingest
from newsgraph.pipeline.workers import split
from newsgraph.store import Store
from newsgraph.types import RawInput


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


# A task that says it has started, then sleeps: importable by spawned workers (the test
# puts this module's folder on their path).
SLEEPER = """
import pathlib, time


def start_and_sleep(marker):
    pathlib.Path(marker).touch()
    time.sleep(600)
"""

PARENT = """
import os, sys, time
from pathlib import Path
from newsgraph.config import Config
from newsgraph.pipeline.workers import WorkerPool
from sleeper import start_and_sleep

markers = [Path(sys.argv[1]) / f"started-{n}" for n in range(2)]
pool = WorkerPool(Config(), 2)
busy = [pool.pool.apply_async(start_and_sleep, (str(m),)) for m in markers]
while not all(m.exists() for m in markers):  # both workers are inside a 600 s task
    time.sleep(0.05)
print(" ".join(str(worker.pid) for worker in pool.pool._pool), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    (tmp_path / "sleeper.py").write_text(SLEEPER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    # Each worker is asleep in a 600 s task: only noticing the parent's death ends it.
    # The bound is a liveness limit, far from both outcomes (milliseconds vs ten minutes).
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        assert not any(_alive(pid) for pid in workers)
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_that_cannot_start_says_why_instead_of_hanging(tmp_path):
    """A pool whose initializer raises restarts workers forever; the error must surface."""
    from newsgraph.errors import NewsgraphError

    config = Config(batch_size=1, actors=str(tmp_path / "missing-actors.yaml"))
    inputs = [
        RawInput(ref=f"r{n}", kind="given-text", content=f"Talks {n} in Oslo.") for n in range(3)
    ]
    with pytest.raises(NewsgraphError, match="Config actors: cannot read"):
        list(analyze(inputs, config=config, workers=2))
