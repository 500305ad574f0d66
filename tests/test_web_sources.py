"""Article URLs and feeds against a real local HTTP server, hostile cases included."""

from __future__ import annotations

import pytest

from newsgraph.ingest import iter_inputs
from newsgraph.ingest.fetch import Fetcher, FetchError, FetchPolicy
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.types import Failure, RawInput

from webserver import rss, serve


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


def _feed_with_entity(base: str, *, before_doctype: str = "", encoding: str = "utf-8") -> bytes:
    """A feed whose DTD declares entities, with a link that must never be followed."""
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    text = (
        f"{declaration}{before_doctype}"
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<rss version="2.0"><channel><title>&b;</title>'
        f"<item><title>&b;</title><link>{base}/a1.html</link></item></channel></rss>"
    )
    return text.encode(encoding)


@pytest.mark.parametrize(
    "variant",
    ["after-long-comment", "utf-16", "utf-16-le-no-bom", "parameter-entity", "file"],
)
def test_feeds_declaring_entities_are_refused_however_hidden(server, tmp_path, variant):
    site, base = server
    if variant == "after-long-comment":
        body = _feed_with_entity(base, before_doctype="<!--" + "x" * 70_000 + "-->")
    elif variant == "utf-16":
        body = _feed_with_entity(base, encoding="utf-16")
    elif variant == "utf-16-le-no-bom":
        body = _feed_with_entity(base, encoding="utf-16-le")
    elif variant == "parameter-entity":
        body = (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM '
            f'"{base}/evil.dtd"> %remote;]><rss version="2.0"><channel><item>'
            f"<link>{base}/a1.html</link></item></channel></rss>"
        ).encode()
    else:
        body = _feed_with_entity(base, before_doctype="<!--" + "y" * 70_000 + "-->")
    site.static(f"/{variant}.xml", body, "application/rss+xml")
    before = site.hits.get("/a1.html", 0)
    if variant == "file":
        path = tmp_path / "hidden.rss"
        path.write_bytes(body)
        target = str(path)
    else:
        target = f"{base}/{variant}.xml"
    with fetcher() as f:
        items = list(iter_inputs([target], max_bytes=10**6, fetcher=f))
    assert reasons(items) == ["hostile-feed"]
    assert site.hits.get("/a1.html", 0) == before  # its entry links were not followed
    assert site.hits.get("/evil.dtd", 0) == 0


def test_utf16_feed_and_old_rss_doctype_still_read(server):
    site, base = server
    plain = rss(base, [("Story 2", "/a2.html")]).decode()
    site.static(
        "/utf16.xml",
        plain.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>').encode(
            "utf-16"
        ),
        "application/rss+xml",
    )
    old = plain.replace(
        '<?xml version="1.0"?>',
        '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
        '0.91//EN" "http://my.netscape.test/rss-0.91.dtd">',
    )
    site.static("/old.xml", old.encode(), "application/rss+xml")
    with fetcher() as f:
        items = list(
            iter_inputs([f"{base}/utf16.xml", f"{base}/old.xml"], max_bytes=10**6, fetcher=f)
        )
    assert reasons(items) == ["ok", "ok"]
    assert all(i.url == base + "/a2.html" and i.title == "Story 2" for i in items)


def test_a_feed_entry_with_a_bad_port_fails_alone(server):
    site, base = server
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Bad</title><link>http://a.test:99999/x</link></item>"
        f"<item><title>Story 1</title><link>{base}/a1.html</link></item></channel></rss>"
    )
    site.static("/badport.xml", body.encode(), "application/rss+xml")
    with fetcher() as f:
        items = list(iter_inputs([f"{base}/badport.xml"], max_bytes=10**6, fetcher=f))
    assert reasons(items) == ["fetch-refused", "ok"]
    assert "port" in items[0].message.lower()
