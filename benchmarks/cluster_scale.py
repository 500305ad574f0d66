"""Story clustering and lineage at scale: time and peak memory for N documents.

Usage: python benchmarks/cluster_scale.py [--sizes 10000 100000] [--records FILE.jsonl]

Records are real Analysis records (the sample corpus, analysed once at start, or a JSONL
file of records given with --records), replicated to size with perturbations: each copy
gets a new id, drops a share of its words, and belongs to a synthetic event (its own
invented names and a publication date spread over two years) so that stories of a few
reports each form, as in a real collection. Each size runs in a fresh process; peak
memory is that process's maximum resident set (including the records themselves).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Record = dict[str, Any]
REPORTS_PER_EVENT = 5


def base_records(path: str | None) -> list[Record]:
    if path:
        return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    from newsgraph.config import Config
    from newsgraph.demo import corpus_dir
    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import analyze

    inputs = iter_inputs([str(corpus_dir())], max_bytes=10**7)
    return [r for r in analyze(inputs, config=Config()) if isinstance(r, dict)]


def synthetic(bases: list[Record], size: int, seed: int = 1) -> list[Record]:
    rng = random.Random(seed)
    start = date(2022, 1, 1)
    records = []
    for i in range(size):
        base = bases[(i // REPORTS_PER_EVENT) % len(bases)]
        event = i // REPORTS_PER_EVENT
        words = (base.get("text") or "").split()
        kept = [w for w in words if rng.random() > 0.15]
        names = [f"Varenko{event}", f"Port Zellin{event}", f"Minister Okafor{event}"]
        text = " ".join(names) + ". " + " ".join(kept)
        day = start + timedelta(days=(event * 7) % 730 + rng.randint(0, 2))
        entities = [
            {"id": f"E{k}", "text": n, "start": 0, "end": 0, "label": label}
            for k, (n, label) in enumerate(zip(names, ["PERSON", "GPE", "PERSON"], strict=True))
        ] + list(base.get("entities") or [])
        records.append(
            dict(base, id=f"syn-{i}", text=text, published=day.isoformat(), entities=entities)
        )
    rng.shuffle(records)
    return records


def measure(size: int, records_path: str | None) -> dict[str, Any]:
    from newsgraph.stories.cluster import cluster
    from newsgraph.stories.lineage import lineage_of

    records = synthetic(base_records(records_path), size)
    records_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    stories = cluster(records)
    clustered = time.perf_counter() - began
    began = time.perf_counter()
    lineage = lineage_of(records)
    linked = time.perf_counter() - began
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "documents": size,
        "stories": len(set(stories.values())),
        "cluster_seconds": round(clustered, 1),
        "cluster_docs_per_second": round(size / clustered),
        "lineage_seconds": round(linked, 1),
        "lineage_links": sum(len(v) for v in lineage.values()),
        "peak_rss_mb": round(peak_kb / 1024),
        "rss_before_clustering_mb": round(records_kb / 1024),  # records and libraries
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--records", help="JSONL of Analysis records to replicate")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.records)))
        return
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size)]
        if args.records:
            command += ["--records", args.records]
        print(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
