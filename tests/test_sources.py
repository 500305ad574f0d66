from __future__ import annotations

import gzip
import io
import json

import pytest

from newsgraph.ingest import iter_inputs
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.types import Failure, RawInput


def collect(paths, **kwargs):
    kwargs.setdefault("max_bytes", 1_000_000)
    return list(iter_inputs([str(p) for p in paths], **kwargs))


def test_decode_declared_latin1_and_bom_and_binary():
    html = '<html><head><meta charset="iso-8859-1"></head><body>café</body></html>'
    assert "café" in decode_bytes(html.encode("latin-1"), html=True)
    assert decode_bytes("hello".encode("utf-16")) == "hello"
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert info.value.reason == "binary"


def test_folder_walk_is_sorted_and_skips_hidden_and_other_types(tmp_path):
    (tmp_path / "b.txt").write_text("Title\n\nBody text here.")
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("no")
    items = collect([tmp_path])
    assert [i.ref for i in items] == [str(tmp_path / "a.html"), str(tmp_path / "b.txt")]
    assert [i.kind for i in items] == ["html", "text"]


def test_bad_inputs_become_failures_and_the_batch_goes_on(tmp_path):
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    (tmp_path / "bin.html").write_bytes(bytes(range(256)) * 3)
    varied = "".join(str(i * 7919 % 10007) for i in range(200)).encode()
    packed = gzip.compress(varied)
    (tmp_path / "broken.html.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"a" * 5000))
    (tmp_path / "good.txt").write_text("Headline\n\nA body sentence.")
    (tmp_path / "file.doc").write_text("x")
    items = collect(
        [
            tmp_path / "big.html",
            tmp_path / "bin.html",
            tmp_path / "broken.html.gz",
            tmp_path / "bomb.html.gz",
            tmp_path / "missing.html",
            tmp_path / "file.doc",
            tmp_path / "good.txt",
        ],
        max_bytes=1000,
    )
    reasons = [i.reason if isinstance(i, Failure) else "ok" for i in items]
    assert reasons == [
        "too-large",
        "binary",
        "bad-gzip",
        "too-large",
        "not-found",
        "unsupported-type",
        "ok",
    ]


def test_jsonl_fields_errors_and_precedence(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "  Keep  me\u00a0exactly ",
                "url": "https://x.test/1",
                "published": "2023-01-02",
                "source": "Wire",
            }
        ),
        "not json",
        json.dumps({"id": "a2"}),
        json.dumps({"id": 7, "html": "<p>Hello</p>"}),
        "",
        json.dumps(["list"]),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = collect([path], published="2020-01-01")
    first = items[0]
    assert isinstance(first, RawInput)
    assert first.content == "  Keep  me\u00a0exactly "
    assert first.kind == "given-text" and first.id == "a1" and first.published == "2023-01-02"
    assert first.source == {"name": "Wire", "domain": None, "country": None}
    assert [getattr(i, "reason", "ok") for i in items[1:]] == [
        "bad-json",
        "bad-field",
        "ok",
        "bad-json",
    ]
    assert items[3].kind == "html" and items[3].id == "7" and items[3].published == "2020-01-01"


def test_overlong_jsonl_line_is_skipped_not_loaded(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    items = collect([path], max_bytes=1000)
    assert isinstance(items[0], Failure) and items[0].reason == "too-large"
    assert isinstance(items[1], RawInput) and items[1].content == "ok"


def test_stdin_detects_jsonl_html_and_text():
    as_jsonl = collect(["-"], stdin=io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n'))
    assert [i.content for i in as_jsonl] == ["a", "b"]
    as_html = collect(["-"], stdin=io.BytesIO(b"  <html><p>x</p></html>"), url="https://u.test/")
    assert as_html[0].kind == "html" and as_html[0].url == "https://u.test/"
    assert collect(["-"], stdin=io.BytesIO(b"Plain words."))[0].kind == "text"


def test_count_documents_for_the_progress_eta(tmp_path):
    from newsgraph.ingest import resolve as sources

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text("<p>a</p>")
    (folder / "b.txt").write_text("b")
    (folder / ".hidden.txt").write_text("c")
    lines = tmp_path / "docs.jsonl"
    lines.write_bytes(b'{"text": "one"}\n\n   \n{"text": "two"}\n{"text": "three"}')
    assert sources.count_documents([str(folder), str(lines)]) == 5
    # A line that spans block boundaries counts once.
    long_line = tmp_path / "long.jsonl"
    long_line.write_bytes(b'{"text": "' + b"x" * (3 << 20) + b'"}\n{"text": "y"}\n')
    assert sources.count_documents([str(long_line)]) == 2
    for uncountable in ("-", "https://example.org/a", "feed.rss", str(tmp_path / "c.warc.gz")):
        assert sources.count_documents([str(folder), uncountable]) is None


def test_every_argument_resolves_to_a_kind_with_one_reader(tmp_path):
    from typing import get_args

    from newsgraph.ingest.files import FILE_KINDS
    from newsgraph.ingest.resolve import READERS, SourceKind, resolve

    assert set(FILE_KINDS.values()) <= set(get_args(SourceKind))
    (tmp_path / "folder").mkdir()
    for name in ("a.html", "b.txt", "c.jsonl", "d.warc.gz", "e.pdf", "f.html.gz"):
        (tmp_path / name).write_bytes(b"x")
    kinds = {
        "-": "stdin",
        "https://example.test/a": "url",
        str(tmp_path / "news.rss"): "feed-file",
        str(tmp_path / "folder"): "folder",
        str(tmp_path / "a.html"): "page",
        str(tmp_path / "b.txt"): "page",
        str(tmp_path / "f.html.gz"): "page",
        str(tmp_path / "c.jsonl"): "jsonl",
        str(tmp_path / "d.warc.gz"): "warc",
        str(tmp_path / "e.pdf"): "unsupported",
        str(tmp_path / "nothing.html"): "missing",
    }
    assert {argument: resolve(argument).kind for argument in kinds} == kinds
    assert set(READERS) == set(kinds.values()) | {"parquet"}
