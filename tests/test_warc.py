"""WARC crawls: HTML responses only, truncated files reported, not fatal."""

from __future__ import annotations

from io import BytesIO

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
