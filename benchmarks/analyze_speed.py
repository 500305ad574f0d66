"""Words per second of `analyze` (clean + nlp + record) beside bare spaCy `nlp.pipe`.

Usage: python benchmarks/analyze_speed.py PATH... [--repeat N]

Both runs use the same model and the same clean texts, in one process; the first pass
warms up the model and is not timed. `newsgraph bench` (a later issue) will supersede this.
"""

from __future__ import annotations

import argparse
import time

import spacy

from newsgraph.analyze import analyze
from newsgraph.clean import clean
from newsgraph.config import load_config
from newsgraph.ingest import iter_inputs
from newsgraph.types import CleanDocument, RawInput


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = load_config()
    raws = [
        i for i in iter_inputs(args.paths, max_bytes=config.max_bytes) if isinstance(i, RawInput)
    ]
    texts = [d.text for d in (clean(r, config) for r in raws) if isinstance(d, CleanDocument)]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(config.model)
    list(bare.pipe(texts[:5]))
    list(analyze(raws[:5], config=config))

    start = time.perf_counter()
    for _ in range(args.repeat):
        for _doc in bare.pipe(texts, batch_size=config.batch_size):
            pass
    bare_wps = words * args.repeat / (time.perf_counter() - start)

    start = time.perf_counter()
    for _ in range(args.repeat):
        for _record in analyze(iter(raws), config=config):
            pass
    full_wps = words * args.repeat / (time.perf_counter() - start)
    print(f"documents {len(texts)}, words {words}, repeat {args.repeat}")
    print(f"bare spaCy nlp.pipe : {bare_wps:9.0f} words/s")
    print(f"newsgraph analyze   : {full_wps:9.0f} words/s (ratio {full_wps / bare_wps:.2f})")


if __name__ == "__main__":
    main()
