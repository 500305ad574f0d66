"""Load test of the API: a store of N articles, concurrent clients, bounded in count and time.

Usage: python benchmarks/api_load.py [--articles 10000] [--clients 8] [--requests 2000]
       [--db FILE]  (keep the built store in FILE; an existing FILE is reused)

The store is built from the sample corpus's analysed records, copied N times with fresh
ids, dates spread over two years and a numbered sentence so each is distinct (the NLP is
not re-run: this measures the API, not the analysis). `newsgraph serve` runs in its own
process on 127.0.0.1; httpx clients in this process send at most --requests requests per
endpoint, within --seconds, loopback only. Reports requests/second, p50/p99 latency and
errors per endpoint.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from newsgraph.clean import content_hash
from newsgraph.config import Config
from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import analyze
from newsgraph.store import Store
from newsgraph.types import CleanDocument

ENDPOINTS = {
    "list": "/api/articles?limit=50",
    "search": "/api/articles?q=minister&limit=50",
    "events filter": "/api/events?type=CONSULT,THREATEN&modality=asserted&limit=50",
    "events by country": "/api/events?country=TUR&limit=50",
    "stats": "/api/stats/events?by=month",
}


def build_store(db: Path, articles: int) -> None:
    config = Config()
    base = [
        r
        for r in analyze(
            iter_inputs([str(corpus_dir())], max_bytes=config.max_bytes), config=config
        )
        if isinstance(r, dict)
    ]
    start = date(2022, 1, 1)
    with Store(db) as store:
        for chunk in range(0, articles, 1000):
            items = []
            for number in range(chunk, min(chunk + 1000, articles)):
                record = copy.deepcopy(base[number % len(base)])
                record["id"] = f"load-{number}"
                record["published"] = (start + timedelta(days=number % 730)).isoformat()
                record["url"] = f"https://load.test/{number}"
                record["text"] = record["text"] + f"\n\nItem {number}."
                document = CleanDocument(
                    id=record["id"],
                    ref=record["id"],
                    text=record["text"],
                    content_hash=content_hash(record["text"]),
                    canonical_url=record["url"],
                )
                items.append((document, record))
            with store.transaction() as con:
                store.add_many(con, items)


async def hammer(base: str, path: str, clients: int, requests: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        while sent < requests and time.perf_counter() < deadline:
            sent += 1
            started = time.perf_counter()
            try:
                response = await client.get(base + path)
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--db", type=Path, help="Keep the built store here; an existing file is reused as is"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "load.duckdb"
        if not db.exists():
            started = time.perf_counter()
            build_store(db, args.articles)
            built = {"build_seconds": round(time.perf_counter() - started, 1)}
        else:
            built = {"reused": str(db)}
        with Store(db) as store:
            stored = store.counts()["articles"]
        print(json.dumps({"articles": stored, **built}), flush=True)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)],
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(base + "/api/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            for name, path in ENDPOINTS.items():
                result = asyncio.run(hammer(base, path, args.clients, args.requests, args.seconds))
                print(json.dumps({"endpoint": name, "path": path, **result}), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
