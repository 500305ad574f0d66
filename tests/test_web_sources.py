"""Article URLs and feeds against a real local HTTP server, hostile cases included."""

from __future__ import annotations

import pytest

from newsgraph.ingest import iter_inputs
from newsgraph.ingest.fetch import Fetcher, FetchError, FetchPolicy
from newsgraph.store import Store, ingest
from newsgraph.types import Failure, RawInput

from webserver import serve


@pytest.fixture(scope="module")
def server():
    httpd, site, base = serve()
    yield site, base
    httpd.shutdown()


def fetcher(**changes) -> Fetcher:
    options = dict(
        allow_private=True, min_interval=0.0, max_bytes=200_000, deadline=3.0, timeout=3.0
    )
    options.update(changes)
    return Fetcher(FetchPolicy(**options))


def reasons(items) -> list[str]:
    return [i.reason if isinstance(i, Failure) else "ok" for i in items]


def test_loopback_is_refused_unless_allowed(server):
    _, base = server
    with Fetcher(FetchPolicy(min_interval=0)) as strict, pytest.raises(FetchError) as info:
        strict.fetch(base + "/article.html")
    assert info.value.reason == "fetch-refused" and "--allow-private" in str(info.value)
    for url in ("file:///etc/passwd", "ftp://example.test/x", "javascript:alert(1)"):
        with Fetcher() as any_fetcher, pytest.raises(FetchError):
            any_fetcher.fetch(url)


def test_article_and_redirect(server):
    _, base = server
    with fetcher() as f:
        [page] = iter_inputs([base + "/article.html"], max_bytes=10**6, fetcher=f)
        [moved] = iter_inputs([base + "/moved"], max_bytes=10**6, fetcher=f)
    assert isinstance(page, RawInput) and "Water talks" in page.content
    assert isinstance(moved, RawInput) and moved.url == base + "/article.html"


def test_hostile_responses_become_failures(server):
    _, base = server
    urls = [
        base + p
        for p in (
            "/loop",
            "/endless",
            "/slow",
            "/image.png",
            "/missing",
            "/private/secret.html",
            "/broken.xml",
            "/bomb.xml",
        )
    ]
    with fetcher() as f:
        items = list(iter_inputs(urls, max_bytes=10**6, fetcher=f))
    assert reasons(items) == [
        "fetch-failed",
        "too-large",
        "fetch-failed",
        "wrong-content-type",
        "http-status",
        "robots-disallowed",
        "bad-feed",
        "hostile-feed",
    ]
    assert "redirects" in items[0].message


def test_urls_need_a_fetcher():
    [item] = iter_inputs(["https://example.test/a"], max_bytes=10**6)
    assert isinstance(item, Failure) and item.reason == "fetch-refused"


def test_per_host_rate_limit(server):
    site, base = server
    import time

    with fetcher(min_interval=0.3, respect_robots=False) as f:
        start = time.monotonic()
        for _ in range(3):
            f.fetch(base + "/article.html")
        assert time.monotonic() - start >= 0.6


def test_feed_repoll_ingests_only_new_entries(server, tmp_path, config, nlp):
    site, base = server
    site.feed_items[:] = [("Story 1", "/a1.html"), ("Story 2", "/a2.html")]
    db = tmp_path / "feed.duckdb"

    def poll():
        with Store(db) as store, fetcher() as f:
            inputs = iter_inputs(
                [base + "/feed.xml"], max_bytes=10**6, fetcher=f, seen=store.feed_entry_seen
            )
            return ingest(inputs, store=store, config=config, nlp=nlp)

    first = poll()
    assert (first.ingested, first.failed) == (2, 0)
    fetched_before = site.hits.get("/a1.html", 0)
    site.feed_items.append(("Story 3", "/a3.html"))
    second = poll()
    assert (second.ingested, second.duplicates, second.failed) == (1, 0, 0)
    assert site.hits.get("/a1.html", 0) == fetched_before  # old entries not fetched again
    with Store(db) as store:
        record = store.article_record(
            store.con.execute("SELECT id FROM articles WHERE title = 'Story 3'").fetchone()[0]
        )
    assert record["published"] == "2024-03-05" and record["url"] == base + "/a3.html"
