"""The API and pages, in process, against the real DuckDB fixture store."""

from __future__ import annotations

import lxml.html


def html_of(response):
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def all_articles(client, **params):
    items, cursor = [], None
    while True:
        query = dict(params, limit=3, **({"cursor": cursor} if cursor else {}))
        page = client.get("/api/articles", params=query).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items, page["total"]


def test_health_and_openapi(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["articles"] > 15 and health["schema_version"] >= 1
    spec = client.get("/api/openapi.json").json()
    assert "/api/articles" in spec["paths"] and "/api/articles/{article_id}" in spec["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    # Offline and CSP-clean: nothing from elsewhere, no inline script.
    assert "cdn." not in docs.text and "<script>" not in docs.text
    page = html_of(docs)
    listed = page.xpath("//section[@class='api-operation']//h2/code/text()")
    assert "GET /api/events" in listed and "POST /api/ingest/documents" in listed
    events = page.xpath("//section[@id='get-api-events']//th[@scope='row']/code/text()")
    assert {"type", "country", "bbox", "story", "cursor"} <= set(events)


def test_cursor_pagination_visits_every_article_once_newest_first(client):
    items, total = all_articles(client)
    ids = [i["id"] for i in items]
    assert len(ids) == total == len(set(ids))
    dated = [i["published"] for i in items if i["published"]]
    assert dated == sorted(dated, reverse=True)
    undated = [i for i in items if not i["published"]]
    assert items[len(items) - len(undated) :] == undated  # undated last


def test_filters_by_text_and_date(client):
    items, total = all_articles(client, q="Macron")
    assert total == len(items) >= 1
    assert any(i["id"] == "hostile-1" for i in items)
    items, _ = all_articles(client, since="2023-05-01", until="2023-05-31")
    assert {i["id"] for i in items} >= {"hostile-1"}
    assert all("2023-05-01" <= i["published"][:10] <= "2023-05-31" for i in items)
    literal, total = all_articles(client, q="100%_")
    assert total == 0 and literal == []


def test_bad_parameters_get_clear_json_errors(client):
    response = client.get("/api/articles", params={"since": "yesterday"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid parameters" and body["problems"][0]["parameter"] == "since"
    assert client.get("/api/articles", params={"limit": 0}).status_code == 400
    bad_cursor = client.get("/api/articles", params={"cursor": "!!nope"})
    assert bad_cursor.status_code == 400 and "cursor" in bad_cursor.json()["error"]
    reversed_range = client.get(
        "/api/articles", params={"since": "2024-01-01", "until": "2023-01-01"}
    )
    assert reversed_range.status_code == 400
    missing = client.get("/api/articles/does-not-exist")
    assert missing.status_code == 404 and "does-not-exist" in missing.json()["error"]


def test_article_record_round_trips(client):
    record = client.get("/api/articles/hostile-1").json()
    assert record["id"] == "hostile-1"
    assert record["title"].startswith("<script>")
    for entity in record["entities"]:
        assert record["text"][entity["start"] : entity["end"]] == entity["text"]


def test_article_list_page(client):
    doc = html_of(client.get("/"))
    links = doc.xpath("//a[@class='article-link']")
    assert len(links) >= 15
    assert doc.xpath("//form[@role='search']//input[@name='q']")
    filtered = html_of(client.get("/", params={"q": "pwned"}))
    assert "1 article" in filtered.xpath("string(//p[@id='result-count'])")


def evidence_text(doc, key: str) -> str:
    """The text of every segment that carries ``key``, in order."""
    segs = doc.xpath("//section[@id='article-text']//*[contains(@class, 'seg')]")
    return "".join(s.text_content() for s in segs if key in s.get("data-keys", "").split())


def test_article_page_highlights_entities_from_their_spans(client):
    record = client.get("/api/articles/hostile-1").json()
    doc = html_of(client.get("/articles/hostile-1"))
    assert record["entities"]
    for entity in record["entities"]:
        assert evidence_text(doc, entity["id"]) == entity["text"]
        anchor = doc.xpath(f"//section[@id='article-text']//span[@id='{entity['id']}']")
        assert anchor, entity
        marks = doc.xpath(f"//mark[contains(concat(' ', @data-keys, ' '), ' {entity['id']} ')]")
        assert marks and all(f"ent-{entity['label']}" in m.get("class") for m in marks)
    assert doc.xpath("string(//section[@id='article-text'])") == record["text"]
    panel_targets = doc.xpath("//aside//ul[@class='entity-list']//a/@data-target")
    assert sorted(panel_targets) == sorted(e["id"] for e in record["entities"])


def test_every_layer_in_the_record_is_highlighted(client):
    """Whatever the record cites (places, times, triggers, sources) has its segments."""
    from newsgraph.web.highlight import evidence_spans

    for item in client.get("/api/articles", params={"limit": 50}).json()["items"][:5]:
        record = client.get(f"/api/articles/{item['id']}").json()
        doc = html_of(client.get(f"/articles/{item['id']}"))
        for span in evidence_spans(record):
            assert evidence_text(doc, span.key) == record["text"][span.start : span.end]


def test_hostile_article_is_shown_as_text_never_as_markup(client):
    response = client.get("/articles/hostile-1")
    assert "<script>window" not in response.text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in response.text
    doc = html_of(response)
    scripts = doc.xpath("//script")
    assert [s.get("src") for s in scripts] == ["/static/app.js"]
    assert not doc.xpath("//img") and not doc.xpath("//*[@onerror or @onmouseover]")
    assert not doc.xpath("//a[starts-with(@href, 'javascript:')]")
    assert doc.xpath("string(//span[@class='unsafe-url'])") == "javascript:window.__pwned=5"
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_html_errors_for_pages(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert "nope" in html_of(response).xpath("string(//p[@class='error-message'])")
    assert client.get("/", params={"since": "bad"}).status_code == 400


def test_static_assets_are_served_from_the_package(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_failures_endpoint(client):
    body = client.get("/api/failures").json()
    assert body == {"items": [], "total": 0}


def test_oversized_request_is_refused(client):
    response = client.post("/api/articles", content=b"x", headers={"content-length": "999999999"})
    assert response.status_code == 413


HUGE_INTEGERS = [2**63, 2**64 + 5, -(2**63) - 1, 10**30]


def _integer_query_parameters(client):
    """(path, parameter) for every integer query parameter of every GET route."""
    spec = client.get("/api/openapi.json").json()
    found = []
    for path, operations in spec["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            schema = parameter.get("schema", {})
            kinds = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
            if parameter["in"] == "query" and "integer" in kinds:
                found.append((path, parameter["name"]))
    return found


def test_every_integer_parameter_is_bounded(client):
    found = _integer_query_parameters(client)
    assert {("/api/actors", "offset"), ("/api/stories", "min_size")} <= set(found)
    for path, name in found:
        for value in HUGE_INTEGERS:
            url = path.replace("{story_id}", "s1").replace("{article_id}", "hostile-1")
            response = client.get(url, params={name: value})
            assert response.status_code == 400, (path, name, value, response.text)
            assert response.json()["problems"][0]["parameter"] == name
    for value in HUGE_INTEGERS:  # the dashboard's own paging gives an error page, not a 500
        page = client.get("/stories", params={"offset": value})
        assert page.status_code == 400 and "offset" in page.text


def test_forged_cursors_with_huge_numbers_or_odd_values_are_400(client):
    from newsgraph.store.queries import encode_json_cursor

    forged = [
        encode_json_cursor(["\ud800", 1]),  # a lone surrogate: no text DuckDB can take
        encode_json_cursor(["2023-01-01", 2**63]),
        encode_json_cursor(["2023-01-01", 1.5]),
        encode_json_cursor(["2023-01-01", True]),
        encode_json_cursor([{"a": 1}, 3]),
    ]
    for cursor in forged:
        response = client.get("/api/articles", params={"cursor": cursor})
        assert response.status_code == 400, response.text
    for key in (["", "a", 2**64], ["", "a", ["b"]], [None, "a", "b"], ["\ud800", "a", "b"]):
        response = client.get("/api/events", params={"cursor": encode_json_cursor(key)})
        assert response.status_code == 400, (key, response.text)
    # a cursor the server issued still works
    first = client.get("/api/events", params={"limit": 2}).json()
    assert client.get("/api/events", params={"cursor": first["next_cursor"]}).status_code == 200
