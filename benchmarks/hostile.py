"""Every kind of bad input in one batch, beside the demo corpus: failures and peak memory.

Usage: python benchmarks/hostile.py [--workers 1] [--resource-gb 1.5] [--keep DIR]

Builds a folder of hostile files (binary, a 50 MB page, a gzip bomb, bad gzip, undeclared
windows-1251 and Shift-JIS pages, mojibake, an empty file, NUL bytes, malformed and
oversize JSON Lines, a truncated WARC, a small WARC holding one huge non-HTML record, two
feed bombs that hide their entity declarations, a symlink loop), then runs
`newsgraph ingest` on it and on the demo corpus in a fresh process. Prints the summary,
the failures by reason, and the peak resident memory of the ingest (the kernel's
accounting of the process and its workers, from wait4). Nothing here is a pass/fail test:
it is the figure the hostile-input issue asks for (under 1 GB with --workers 1).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

import duckdb
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.demo import corpus_dir

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p></article></body></html>"
)
CYRILLIC = "Министры иностранных дел встретились в Москве в понедельник. " * 40
JAPANESE = "東京で火曜日に外相会談が開かれ、両国は協力の拡大で合意した。" * 40
ENGLISH = "Delegates from the two ports met on Monday to discuss the new ferry route. " * 30


def _sparse_zeros(path: Path, size: int) -> Path:
    """A file of ``size`` zero bytes that takes no disk and is never whole in memory."""
    with path.open("wb") as out:
        out.truncate(size)
    return path


def _page(title: str, body: str) -> str:
    return PAGE.format(title=title, body=body)


def _warc(path: Path, pages: int, *, resource_bytes: int = 0) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        html = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        for number in range(pages):
            body = _page(f"Crawled report {number}", ENGLISH + f" Report {number} ends.")
            writer.write_record(
                writer.create_warc_record(
                    f"https://crawl.test/{number}",
                    "response",
                    payload=BytesIO(body.encode()),
                    http_headers=html,
                )
            )
            if resource_bytes and number == 0:
                zeros = _sparse_zeros(path.with_name("zeros.bin"), resource_bytes)
                with zeros.open("rb") as video:
                    record = writer.create_warc_record(
                        "https://crawl.test/video.mp4",
                        "resource",
                        payload=video,
                        length=resource_bytes,
                    )
                    writer.write_record(record)
                zeros.unlink()


def _feed_bomb(link: str, *, encoding: str, padding: int) -> bytes:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {n} "' + f"&{p};" * 10 + '">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?><!--{"x" * padding}-->'
        f'<!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>&i;</title>'
        f"<item><title>&i;</title><link>{link}</link></item></channel></rss>"
    )
    return text.encode(encoding)


def build(folder: Path, resource_bytes: int) -> list[str]:
    """Write the hostile batch into ``folder``; the paths to give ``ingest``."""
    files = folder / "files"
    files.mkdir(parents=True)
    (files / "binary.html").write_bytes(os.urandom(4096))
    with (files / "fifty-mb.html").open("wb") as out:
        out.write(b"<html><body><p>")
        for _ in range(50):
            out.write(b"word " * 209_716)
        out.write(b"</p></body></html>")
    with gzip.open(files / "bomb.html.gz", "wb") as out:
        for _ in range(1024):  # 1 GB of zeros, 1 MB at a time
            out.write(bytes(1 << 20))
    whole = gzip.compress(_page("Cut", ENGLISH).encode())
    (files / "bad.html.gz").write_bytes(whole[: len(whole) // 2])
    (files / "cyrillic-1251.html").write_bytes(_page("Москва", CYRILLIC).encode("cp1251"))
    (files / "japanese-sjis.html").write_bytes(_page("東京", JAPANESE).encode("shift_jis"))
    mojibake = _page("Café talks", ENGLISH + " São Paulo, Zürich, naïve résumé.")
    (files / "mojibake.html").write_bytes(mojibake.encode("utf-8").decode("latin-1").encode())
    (files / "empty.html").write_bytes(b"")
    (files / "nul.txt").write_bytes(b"Headline\n\n" + b"\0" * 2048 + ENGLISH.encode())
    (files / "malformed.jsonl").write_text(
        '{"id": "m1", "text": "fine"\n[1, 2]\n{"id": "m3"}\n{"id": {"x": 1}, "text": "t"}\n'
        '{"id": "m5", "text": "Officials in Oslo met on Friday.", "source": {"name": 5}}\n',
        encoding="utf-8",
    )
    with (files / "oversize.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "big", "text": "word " * 2_200_000}) + "\n")
        out.write(json.dumps({"id": "after-big", "text": "Talks in Lima ended."}) + "\n")
    _warc(folder / "crawl.warc.gz", 3)
    data = (folder / "crawl.warc.gz").read_bytes()
    (files / "truncated.warc.gz").write_bytes(data[: len(data) // 2])
    _warc(folder / "crawl.warc", 3)
    data = (folder / "crawl.warc").read_bytes()
    (files / "truncated.warc").write_bytes(data[: len(data) // 2])
    (folder / "crawl.warc.gz").unlink()
    (folder / "crawl.warc").unlink()
    _warc(files / "huge-resource.warc.gz", 2, resource_bytes=resource_bytes)
    loop = files / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    feeds = []
    for name, encoding, padding in (("comment", "utf-8", 70_000), ("utf16", "utf-16", 10)):
        feed = folder / f"bomb-{name}.rss"
        feed.write_bytes(_feed_bomb("https://example.org/a", encoding=encoding, padding=padding))
        feeds.append(str(feed))
    return [str(corpus_dir()), str(files), *feeds]


def run(paths: list[str], db: Path, workers: int) -> dict[str, object]:
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", *paths]
    command += ["--db", str(db), "--json", "--workers", str(workers)]
    start = time.perf_counter()
    with (db.parent / "ingest.stderr").open("wb") as log:  # a file: a pipe could fill up
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log)
        output = process.stdout.read() if process.stdout else b"{}"
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    summary = json.loads(output or b"{}")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT reason, count(*) FROM failures GROUP BY 1").fetchall()
        reasons = Counter(dict(rows))
    return {
        "exit_status": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 1),
        "summary": summary,
        "failures_by_reason": dict(sorted(reasons.items())),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--resource-gb", type=float, default=1.5)
    parser.add_argument("--keep", type=Path, help="build the batch here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-hostile-") as temp:
        folder = args.keep or Path(temp)
        started = time.perf_counter()
        paths = build(folder / "batch", int(args.resource_gb * (1 << 30)))
        sizes = {p.name: p.stat().st_size for p in (folder / "batch" / "files").iterdir()}
        print(
            json.dumps(
                {"built_seconds": round(time.perf_counter() - started, 1), "file_bytes": sizes}
            )
        )
        result = run(paths, folder / "hostile.duckdb", args.workers)
        print(json.dumps({"workers": args.workers, **result}, indent=1))


if __name__ == "__main__":
    main()
