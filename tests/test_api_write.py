"""Write endpoints: off without an operator token, token-checked, same ingest as the CLI."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.errors import NewsgraphError
from newsgraph.server.app import create_app
from newsgraph.store import Store

TOKEN = "t0ken-for-tests-only-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "Officials in Cairo said on Tuesday that Egypt and Jordan agreed to reopen a border "
    "crossing. The foreign ministers met in Amman to sign the accord."
)


@pytest.fixture()
def writable(tmp_path: Path, config):
    db = tmp_path / "write.duckdb"
    Store(db).close()
    app = create_app(db, write_token=TOKEN, config=config)
    with TestClient(app) as client:
        yield client
    app.state.store.close()


def test_without_an_operator_token_writes_are_refused_and_the_store_is_read_only(
    tmp_path: Path,
):
    db = tmp_path / "ro.duckdb"
    Store(db).close()
    app = create_app(db)
    assert app.state.store.read_only
    with TestClient(app) as client:
        response = client.post(
            "/api/ingest/documents", json={"documents": [{"text": ARTICLE}]}, headers=AUTH
        )
        assert response.status_code == 403
        assert "NEWSGRAPH_WRITE_TOKEN" in response.json()["error"]
        assert client.get("/api/articles").json()["total"] == 0
    app.state.store.close()


def test_a_short_token_is_refused_at_start(tmp_path: Path):
    with pytest.raises(NewsgraphError, match="at least"):
        create_app(tmp_path / "x.duckdb", write_token="short")


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": TOKEN}],
)
def test_missing_or_wrong_token_is_401(writable: TestClient, headers):
    response = writable.post(
        "/api/ingest/documents", json={"documents": [{"text": ARTICLE}]}, headers=headers
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/articles").json()["total"] == 0


def test_documents_are_ingested_once_and_served(writable: TestClient):
    body = {"documents": [{"id": "w1", "text": ARTICLE, "published": "2024-03-05"}]}
    first = writable.post("/api/ingest/documents", json=body, headers=AUTH)
    assert first.status_code == 200, first.text
    assert first.json()["ingested"] == 1
    record = writable.get("/api/articles/w1").json()
    assert record["text"] == ARTICLE  # a given text comes back unchanged
    assert record["published"] == "2024-03-05"
    assert record["events"], "the full analysis runs on written documents"
    again = writable.post("/api/ingest/documents", json=body, headers=AUTH).json()
    assert (again["ingested"], again["duplicates"]) == (0, 1)


def test_bad_documents_are_clear_errors(writable: TestClient):
    missing = writable.post(
        "/api/ingest/documents", json={"documents": [{"id": "x"}]}, headers=AUTH
    )
    assert missing.status_code == 400
    assert "'text' or an 'html'" in missing.json()["error"]
    bad_date = writable.post(
        "/api/ingest/documents",
        json={"documents": [{"text": ARTICLE, "published": "next Tuesday-ish"}]},
        headers=AUTH,
    )
    assert bad_date.status_code == 400


def test_uploaded_files_keep_only_their_name_and_failures_are_reported(writable: TestClient):
    page = f"<html><head><title>Border accord</title></head><body><p>{ARTICLE}</p></body></html>"
    ok = writable.post(
        "/api/ingest/file",
        params={"filename": "../../etc/accord.html"},
        content=page.encode(),
        headers=AUTH,
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["ingested"] == 1
    items = writable.get("/api/articles").json()["items"]
    assert [item["title"] for item in items] == ["Border accord"]

    binary = writable.post(
        "/api/ingest/file",
        params={"filename": "blob.html"},
        content=bytes(range(256)) * 40,
        headers=AUTH,
    ).json()
    assert binary["failed"] == 1
    assert binary["failures"][0]["reason"] == "binary"
    assert binary["failures"][0]["ref"] == "upload:blob.html"
    assert "/tmp" not in binary["failures"][0]["message"]

    refused = writable.post(
        "/api/ingest/file", params={"filename": "run.sh"}, content=b"echo", headers=AUTH
    )
    assert refused.status_code == 400


def test_url_ingest_refuses_loopback_unless_the_operator_allows_it(writable: TestClient):
    result = writable.post(
        "/api/ingest/urls", json={"urls": ["http://127.0.0.1:9/article"]}, headers=AUTH
    ).json()
    assert result["failed"] == 1
    assert result["failures"][0]["reason"] == "fetch-refused"


def test_oversized_and_unsized_bodies_are_refused(writable: TestClient):
    too_big = writable.post(
        "/api/ingest/file",
        params={"filename": "big.html"},
        headers={**AUTH, "Content-Length": str(30_000_000)},
        content=b"x",
    )
    assert too_big.status_code == 413

    def chunks():
        yield b"<p>hello</p>"

    unsized = writable.post(
        "/api/ingest/file", params={"filename": "a.html"}, headers=AUTH, content=chunks()
    )
    assert unsized.status_code == 411


def test_url_ingest_takes_web_addresses_only_never_server_paths(
    writable: TestClient, tmp_path: Path
):
    secret_dir = tmp_path / "private"
    secret_dir.mkdir()
    secret = secret_dir / "secret.txt"
    secret.write_text("Quarterly figures: the vault code is 4417. " * 5, encoding="utf-8")
    (secret_dir / "notes.html").write_text(f"<p>{ARTICLE}</p>", encoding="utf-8")
    (secret_dir / "feed.rss").write_text("<rss/>", encoding="utf-8")
    for named in (
        str(secret),
        str(secret_dir),
        str(secret_dir / "feed.rss"),
        "/etc/passwd",
        str(tmp_path / "missing.html"),
        "-",
        f"file://{secret}",
        "ftp://example.test/a.html",
        "http:///no-host",
        "javascript:alert(1)",
    ):
        response = writable.post("/api/ingest/urls", json={"urls": [named]}, headers=AUTH)
        assert response.status_code == 400, (named, response.text)
        problems = response.json()["problems"]
        assert "not an http(s) URL" in problems[0]["message"]
        # The answer is the same whether the path exists: it tells nothing of the disk.
        assert "not-found" not in response.text and "unsupported" not in response.text
    # One bad address refuses the whole request, fetched or not.
    mixed = writable.post(
        "/api/ingest/urls", json={"urls": ["https://example.test/a", str(secret)]}, headers=AUTH
    )
    assert mixed.status_code == 400
    assert writable.get("/api/articles").json()["total"] == 0
    assert writable.get("/api/articles", params={"q": "vault"}).json()["total"] == 0
    assert writable.get("/api/failures").json()["total"] == 0


def test_web_inputs_refuse_anything_but_web_addresses(tmp_path: Path):
    from newsgraph.ingest.fetch import Fetcher
    from newsgraph.ingest.web import web_inputs

    with Fetcher() as fetcher, pytest.raises(ValueError, match="not an http"):
        list(web_inputs(["https://example.test/a", str(tmp_path)], fetcher))


def test_records_written_over_http_name_no_server_path(writable: TestClient):
    jsonl = json.dumps({"id": "j1", "text": ARTICLE}) + '\n{"id": "j2"}\n'
    for name, body in (
        ("batch.jsonl", jsonl.encode()),
        ("page.html", f"<p>{ARTICLE.replace('Cairo', 'Aqaba')}</p>".encode()),
    ):
        response = writable.post(
            "/api/ingest/file", params={"filename": name}, content=body, headers=AUTH
        )
        assert response.status_code == 200, response.text
        assert "newsgraph-upload-" not in response.text
    listing = writable.get("/api/articles").json()
    assert listing["total"] == 2
    for item in listing["items"]:
        record = writable.get(f"/api/articles/{item['id']}").text
        assert "newsgraph-upload-" not in record and tempfile.gettempdir() not in record
    failures = writable.get("/api/failures").text
    assert "j2" in failures or "line:2" in failures
    assert "newsgraph-upload-" not in failures and tempfile.gettempdir() not in failures


@pytest.mark.parametrize(
    ("source", "status", "stored"),
    [
        ("Harbour Herald", 200, {"name": "Harbour Herald", "domain": None, "country": None}),
        ({"name": "Harbour Herald", "domain": "herald.test"}, 200, None),
        ({"name": {"x": 1}}, 400, None),
        ({"country": 7}, 400, None),
        (["Harbour Herald"], 400, None),
    ],
)
def test_api_and_jsonl_accept_and_refuse_the_same_sources(
    writable: TestClient, tmp_path: Path, source, status, stored
):
    from newsgraph.ingest import iter_inputs
    from newsgraph.types import Failure, RawInput

    fields = {"id": "s1", "text": ARTICLE, "source": source}
    response = writable.post("/api/ingest/documents", json={"documents": [fields]}, headers=AUTH)
    assert response.status_code == status, response.text
    line = tmp_path / "one.jsonl"
    line.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    [item] = iter_inputs([str(line)], max_bytes=10**6)
    if status == 200:
        assert isinstance(item, RawInput)
        record = writable.get("/api/articles/s1").json()
        assert record["source"]["name"] == "Harbour Herald" == item.source["name"]
        if stored:
            assert {k: record["source"].get(k) for k in stored} == stored
    else:
        assert "source" in response.text
        assert isinstance(item, Failure) and item.reason == "bad-field"
        assert "source" in item.message


@pytest.mark.parametrize(("doc_id", "status"), [(5, 200), ("7", 200), (True, 400), (1.5, 400)])
def test_document_ids_may_be_integers_as_in_jsonl(writable: TestClient, doc_id, status):
    body = {"documents": [{"id": doc_id, "text": ARTICLE}]}
    response = writable.post("/api/ingest/documents", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    if status == 200:
        assert writable.get(f"/api/articles/{doc_id}").status_code == 200


def test_a_port_out_of_range_is_refused_not_an_error(writable: TestClient):
    response = writable.post(
        "/api/ingest/urls", json={"urls": ["http://example.test:99999/a"]}, headers=AUTH
    )
    assert response.status_code == 400 and "not an http(s) URL" in response.text
