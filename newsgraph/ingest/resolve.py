"""What a user names becomes a typed source, and each kind of source has one reader.

``resolve`` turns an argument (a path, ``-``, a URL) into a :class:`Source` of a declared
kind; ``READERS`` maps every kind to the one function that reads it; ``iter_inputs`` is
the two together, for the command line. A caller over HTTP never comes here: it reads
web addresses only, through :func:`newsgraph.ingest.web.web_inputs`, which has no reader
for anything on the server's disk.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Literal, cast

from newsgraph.errors import Reasons, failure
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.files import (
    FILE_KINDS,
    jsonl_file_inputs,
    page_inputs,
    stdin_inputs,
    suffix_of,
    walk_files,
)
from newsgraph.ingest.parquet import is_parquet, parquet_inputs
from newsgraph.ingest.warc import warc_inputs
from newsgraph.ingest.web import FEED_SUFFIXES, SeenCheck, feed_file_inputs, is_url, url_inputs
from newsgraph.types import Analyzed, Failure, RawInput

STDIN = "-"
SourceKind = Literal[
    "stdin",  # "-": one document, or JSON Lines when it starts with "{"
    "url",  # an http(s) article or feed
    "feed-file",  # a local .rss / .atom / .xml feed whose entries are fetched
    "parquet",  # records written by `newsgraph spark analyze`
    "folder",  # every supported file under it, sorted
    "page",  # one .html / .htm / .html.gz / .txt file
    "jsonl",  # documents given as fields, one per line
    "warc",  # the HTML responses of a crawl
    "unsupported",  # a file of a type newsgraph does not read
    "missing",  # nothing at that path
]
Input = RawInput | Failure | Analyzed


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    location: str  # the argument as given: a path, a URL or "-"


@dataclass(frozen=True)
class ReadOptions:
    """How to read: the size bound, defaults for single documents, network access."""

    max_bytes: int
    url: str | None = None  # for a single document read from a file or stdin
    published: str | None = None
    stdin: IO[bytes] | None = None
    fetcher: Fetcher | None = None  # None: no network access for this command
    seen: SeenCheck | None = None  # which feed entries an earlier poll stored


def resolve(argument: str) -> Source:
    """The kind of source ``argument`` names (the file system is looked at, not read)."""
    if argument == STDIN:
        return Source("stdin", argument)
    if is_url(argument):
        return Source("url", argument)
    if argument.lower().endswith(FEED_SUFFIXES):
        return Source("feed-file", argument)
    path = Path(argument)
    if is_parquet(path):
        return Source("parquet", argument)
    if path.is_dir():
        return Source("folder", argument)
    if not path.is_file():
        return Source("missing", argument)
    kind = cast(SourceKind, FILE_KINDS.get(suffix_of(path), "unsupported"))
    return Source(kind, argument)


def _network(source: Source, options: ReadOptions) -> Iterator[Input]:
    if options.fetcher is None:
        yield failure(
            source.location,
            Reasons.FETCH_REFUSED,
            url=source.location,
            why="network access is not enabled for this command",
        )
    elif source.kind == "url":
        yield from url_inputs(
            source.location, options.fetcher, published=options.published, seen=options.seen
        )
    elif Path(source.location).is_file():
        yield from feed_file_inputs(
            Path(source.location), options.fetcher, max_bytes=options.max_bytes, seen=options.seen
        )
    else:
        yield failure(source.location, Reasons.NOT_FOUND)


def _folder(source: Source, options: ReadOptions) -> Iterator[Input]:
    # Files in a folder take no --url: it names one document.
    inner = replace(options, url=None)
    for file in walk_files(Path(source.location)):
        yield from read(resolve(str(file)), inner)


Reader = Callable[[Source, ReadOptions], Iterable[Input]]
READERS: dict[SourceKind, Reader] = {
    "stdin": lambda s, o: stdin_inputs(
        o.stdin or sys.stdin.buffer, o.max_bytes, o.url, o.published
    ),
    "url": _network,
    "feed-file": _network,
    "parquet": lambda s, o: parquet_inputs(Path(s.location)),
    "folder": _folder,
    "page": lambda s, o: page_inputs(Path(s.location), o.max_bytes, o.url, o.published),
    "jsonl": lambda s, o: jsonl_file_inputs(Path(s.location), o.max_bytes, o.published),
    "warc": lambda s, o: warc_inputs(
        Path(s.location), max_bytes=o.max_bytes, published=o.published
    ),
    "unsupported": lambda s, o: [
        failure(s.location, Reasons.UNSUPPORTED, suffix=suffix_of(Path(s.location)))
    ],
    "missing": lambda s, o: [failure(s.location, Reasons.NOT_FOUND)],
}


def read(source: Source, options: ReadOptions) -> Iterator[Input]:
    yield from READERS[source.kind](source, options)


def iter_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int,
    url: str | None = None,
    published: str | None = None,
    stdin: IO[bytes] | None = None,
    fetcher: Fetcher | None = None,
    seen: SeenCheck | None = None,
) -> Iterator[Input]:
    """Yield every document the arguments name, in a stable order.

    ``url`` and ``published`` apply to single documents read from files or stdin; a JSONL
    line's own ``url``/``published`` take precedence over them. http(s) URLs (articles or
    feeds) and feed files (.rss .atom .xml) need a ``fetcher``; ``seen`` tells which feed
    entries an earlier poll already stored. Parquet written by ``newsgraph spark analyze``
    yields ready records (:class:`Analyzed`).
    """
    options = ReadOptions(max_bytes, url, published, stdin, fetcher, seen)
    for argument in paths:
        yield from read(resolve(argument), options)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents ``paths`` hold, when that is cheap to know; else None.

    Files and folders of single documents count one per file and JSONL one per non-empty
    line (read in blocks, never parsed). WARC crawls, URLs, feeds, Parquet and standard
    input cannot be counted without reading them through, so they give None: the progress
    display then shows no ETA rather than a wrong one.
    """
    total = 0
    for raw_path in paths:
        if raw_path == STDIN or is_url(raw_path) or raw_path.lower().endswith(FEED_SUFFIXES):
            return None
        path = Path(raw_path)
        files = list(walk_files(path)) if path.is_dir() else [path]
        for file in files:
            suffix = suffix_of(file)
            if suffix in (".warc", ".warc.gz") or is_parquet(file):
                return None
            if suffix == ".jsonl":
                total += _count_lines(file)
            else:
                total += 1  # a missing or unsupported file still counts as one failure
    return total


def _count_lines(path: Path) -> int:
    """Non-empty lines, read in bounded blocks (a line may span several blocks)."""
    count, open_line = 0, False
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                pieces = block.split(b"\n")
                for number, piece in enumerate(pieces):
                    open_line = open_line or bool(piece.strip())
                    if number < len(pieces) - 1:  # a newline ends this line
                        count += open_line
                        open_line = False
    except OSError:
        return 1
    return count + open_line
