"""WARC crawls: HTML responses only, truncated files reported, not fatal."""

from __future__ import annotations

import tracemalloc
import zlib
from io import BytesIO

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import iter_inputs
from newsgraph.types import Failure, RawInput


def write_warc(path, *, gzip: bool = True) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)

        def response(url: str, body: bytes, content_type: str) -> None:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)

        for number in range(3):
            response(
                f"https://news.test/2024/01/0{number + 1}/story-{number}",
                f"<html><body><article><p>Crawled story {number}: the port of Durban "
                f"reopened after repairs.</p></article></body></html>".encode(),
                "text/html; charset=utf-8",
            )
            response(f"https://news.test/img/{number}.png", b"\x89PNG\x00\x00", "image/png")
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


def test_warc_yields_only_html_responses(tmp_path):
    for gz in (True, False):
        path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        write_warc(path, gzip=gz)
        items = list(iter_inputs([str(path)], max_bytes=10**6))
        assert [type(i) for i in items] == [RawInput] * 3
        assert items[0].url == "https://news.test/2024/01/01/story-0"
        assert "Crawled story 0" in items[0].content
        assert len({i.ref for i in items}) == 3


def write_pages(path, *, gzip: bool, pages: int = 3) -> None:
    """A crawl of article pages only, each long enough that a cut lands inside its body."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for number in range(pages):
            body = f"<html><body><article><p>Report {number} begins. " + "The ferry ran. " * 300
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"https://news.test/report-{number}",
                "response",
                payload=BytesIO((body + "Report ends.</p></article></body></html>").encode()),
                http_headers=headers,
            )
            writer.write_record(record)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_in_half_stores_no_cut_article(tmp_path, gz):
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    write_pages(whole, gzip=gz)
    data = whole.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) // 2])
    items = list(iter_inputs([str(cut)], max_bytes=10**6))
    assert [type(i) for i in items] == [RawInput, Failure]
    assert items[0].content.endswith("Report ends.</p></article></body></html>")
    assert items[1].reason == "bad-warc"


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_any_cut_yields_whole_pages_and_a_failure(tmp_path, gz):
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    write_pages(whole, gzip=gz, pages=2)
    data = whole.read_bytes()
    with whole.open("rb") as stream:
        records = ArchiveIterator(stream)
        ends = set()
        for _ in records:
            records.read_to_end()
            ends.add(records.get_record_offset() + records.get_record_length())
    step = max(1, len(data) // 150)
    for size in range(1, len(data), step):
        cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        cut.write_bytes(data[:size])
        items = list(iter_inputs([str(cut)], max_bytes=10**6))
        pages = [i for i in items if isinstance(i, RawInput)]
        assert all(p.content.endswith("</html>") for p in pages), size
        # Only a cut at a record's end may pass without a failure: in the blank lines after
        # it, or in the last bytes of its gzip member (end-of-stream marker and checksum),
        # once every byte of the record has been decompressed.
        if not any(isinstance(i, Failure) for i in items):
            assert any(-16 <= size - end <= 4 for end in ends), size


def test_truncated_warc_keeps_earlier_records_and_reports(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    items = list(iter_inputs([str(cut)], max_bytes=10**6))
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, Failure)]
    assert 1 <= len(good) < 3
    assert len(bad) == 1 and bad[0].reason == "bad-warc"
    assert items[-1] is bad[0]


def write_big_records(path, size: int) -> None:
    """A crawl: one page, a large video ``resource`` record, an over-large HTML page, a page."""
    zeros = path.with_name("zeros.bin")
    with zeros.open("wb") as sparse:
        sparse.truncate(size)  # a sparse file: the payloads are never whole in memory
    with path.open("wb") as stream, zeros.open("rb") as video, zeros.open("rb") as page_zeros:
        writer = WARCWriter(stream, gzip=True)
        html = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        page = b"<html><body><p>A short page about the harbour.</p></body></html>"
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/a", "response", payload=BytesIO(page), http_headers=html
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/video.mp4", "resource", payload=video, length=size
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/huge",
                "response",
                payload=page_zeros,
                length=size,
                http_headers=html,
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/b", "response", payload=BytesIO(page), http_headers=html
            )
        )


def test_large_records_are_skipped_or_refused_without_being_held(tmp_path):
    path = tmp_path / "big.warc.gz"
    size = 48 << 20
    write_big_records(path, size)
    max_bytes = 1 << 20
    tracemalloc.start()
    try:
        items = list(iter_inputs([str(path)], max_bytes=max_bytes))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i) for i in items] == [RawInput, Failure, RawInput]
    assert items[1].reason == "too-large"
    # Memory, not time: the 48 MB payloads were read in blocks, the HTML one only up to
    # the limit. Reading either whole would allocate at least 48 MB.
    assert peak < 8 * max_bytes


def _encoded_page(path, body: bytes, headers: list[tuple[str, str]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/enc",
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http,
            )
        )


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def _chunked(data: bytes, size: int = 1000) -> bytes:
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


PAGE = (
    b"<html><body><article><p>"
    + b"The ferry to Skye runs again. " * 60
    + b"</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (_gzip(PAGE), [("Content-Encoding", "gzip")]),
        (_chunked(PAGE), [("Transfer-Encoding", "chunked")]),
        (_chunked(_gzip(PAGE)), [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]),
        (zlib.compress(PAGE), [("Content-Encoding", "deflate")]),
        (PAGE, [("Transfer-Encoding", "chunked")]),  # says chunked, is not: taken as it is
    ],
    ids=["gzip", "chunked", "chunked-gzip", "deflate", "not-really-chunked"],
)
def test_encoded_payloads_are_decoded(tmp_path, body, headers):
    path = tmp_path / "enc.warc"
    _encoded_page(path, body, headers)
    [item] = iter_inputs([str(path)], max_bytes=10**6)
    assert isinstance(item, RawInput) and "The ferry to Skye runs again." in item.content


def test_a_compressed_bomb_in_a_chunk_is_refused_within_the_limit(tmp_path):
    bomb = _gzip(b"<html>" + bytes(64 << 20))  # 64 MB of zeros in about 64 KB
    path = tmp_path / "bomb.warc"
    _encoded_page(
        path,
        _chunked(bomb, len(bomb)),
        [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
    )
    tracemalloc.start()
    try:
        [item] = iter_inputs([str(path)], max_bytes=1 << 20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Failure) and item.reason == "too-large"
    assert peak < 8 << 20  # warcio inflates a whole chunk at once: 64 MB and more


def test_an_encoding_newsgraph_cannot_decode_is_a_clear_failure(tmp_path):
    path = tmp_path / "br.warc"
    _encoded_page(path, b"\x0b\x02\x80hello\x03", [("Content-Encoding", "br")])
    [item] = iter_inputs([str(path)], max_bytes=10**6)
    assert (
        isinstance(item, Failure) and item.reason == "undecodable-payload" and "br" in item.message
    )
