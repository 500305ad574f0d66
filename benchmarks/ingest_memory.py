"""Ingest at growing corpus sizes: time, documents/second and peak memory of the process.

Usage: python benchmarks/ingest_memory.py [--sizes 1000 10000] [--workers 1]

Documents are the sample corpus's clean texts, cycled, each made unique by a numbered
first sentence so deduplication does not skip them. Each size runs `newsgraph ingest` in
a fresh process on a JSONL file into a fresh DuckDB file; peak resident memory comes from
the kernel's accounting of that process (wait4). Flat memory across sizes means the
ingest streams.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import analyze


def corpus_texts() -> list[str]:
    config = Config()
    records = analyze(iter_inputs([str(corpus_dir())], max_bytes=config.max_bytes), config=config)
    return [r["text"] for r in records if isinstance(r, dict)]


def write_jsonl(path: Path, texts: list[str], size: int) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            text = f"Bulletin {number} follows. " + texts[number % len(texts)]
            words += len(text.split())
            out.write(json.dumps({"id": f"doc-{number}", "text": text}) + "\n")
    return words


def run(size: int, workers: int, texts: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        source, db = Path(folder) / "docs.jsonl", Path(folder) / "bench.duckdb"
        words = write_jsonl(source, texts, size)
        command = [
            sys.executable,
            "-m",
            "newsgraph.cli",
            "ingest",
            str(source),
            "--db",
            str(db),
            "--json",
            "--workers",
            str(workers),
        ]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        summary = json.loads(process.stdout.read() if process.stdout else b"{}")
        if status != 0 or summary.get("ingested") != size:
            raise SystemExit(f"ingest failed for size {size}: {summary}")
    return {
        "docs": size,
        "words": words,
        "seconds": round(seconds, 1),
        "docs_per_s": round(size / seconds, 1),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    texts = corpus_texts()
    for size in args.sizes:
        print(json.dumps({"workers": args.workers, **run(size, args.workers, texts)}), flush=True)


if __name__ == "__main__":
    main()
