"""The home overview, word search and the article view's side panel, in process, over
the demo corpus and the hostile article (the ``client`` fixture)."""

from __future__ import annotations

import re

import lxml.html


def html_of(response):
    assert response.status_code == 200, response.text
    return lxml.html.fromstring(response.text)


def test_home_shows_an_overview_of_the_store(client):
    doc = html_of(client.get("/"))
    counts = doc.xpath("string(//*[@id='overview-counts'])")
    articles = client.get("/api/health").json()["articles"]
    assert re.search(rf"Articles\s*{articles}\b", counts)
    assert doc.xpath("//ol[contains(@class,'latest-events')]/li/a")
    for name in ("top-actors", "top-places", "top-outlets"):
        assert doc.xpath(f"//ol[contains(@class,'{name}')]/li/a"), name
    assert doc.xpath("string(//ol[contains(@class,'recent-failures')])").strip() == "No failures."
    assert "No articles yet" not in doc.text_content()
    searched = html_of(client.get("/", params={"q": "zzzzqqq"}))
    assert not searched.xpath("//*[@id='overview-counts']")
    assert "No articles match this search" in searched.text_content()


def test_search_needs_every_word_not_one_substring(client):
    def found(q):
        return {i["id"] for i in client.get("/api/articles", params={"q": q}).json()["items"]}

    # Both words occur in the hostile article, apart and in the other order.
    assert "hostile-1" in found("Berlin Macron")
    assert "hostile-1" in found("berlin MACRON")
    assert "hostile-1" not in found("Berlin Atlantis")
    # A word finds its longer forms; a quoted phrase is kept whole.
    assert "hostile-1" in found("Ber")
    assert "hostile-1" in found('"met Olaf Scholz"')
    assert "hostile-1" not in found('"Scholz met Olaf"')
    # Markup in a title is text: its words are searchable, nothing runs.
    assert "hostile-1" in found("pwned")


def test_article_panel_shows_names_never_ids_or_raw_dicts(client):
    ids = [i["id"] for i in client.get("/api/articles", params={"limit": 50}).json()["items"]]
    internal = re.compile(r"\b(per|with|citing|relaying) [QAPVTE]\d+\b")
    for article_id in ids:
        doc = html_of(client.get(f"/articles/{article_id}"))
        panel = doc.xpath("string(//aside)")
        assert "{'" not in panel and "':" not in panel, article_id
        assert not internal.search(panel), (article_id, internal.search(panel))
        assert "named_person" not in panel and "official_body" not in panel
        # Every highlighted segment says what it is on hover.
        marks = doc.xpath("//section[@id='article-text']//mark")
        assert all(m.get("title") for m in marks), article_id
        assert doc.xpath("//*[@id='highlight-legend']/mark")


def test_attributions_show_what_was_said_with_cue_and_hedge_apart(client):
    record = None
    for item in client.get("/api/articles", params={"limit": 50}).json()["items"]:
        candidate = client.get(f"/api/articles/{item['id']}").json()
        if any(q.get("hedges") and q.get("cue") for q in candidate.get("attributions") or []):
            record = candidate
            break
    assert record is not None, "the demo corpus has a hedged attribution"
    doc = html_of(client.get(f"/articles/{record['id']}"))
    items = doc.xpath("//ol[contains(@class,'attributions')]/li")
    texts = [" ".join(li.text_content().split()) for li in items]
    quote = next(q for q in record["attributions"] if q.get("hedges") and q.get("cue"))
    shown = texts[record["attributions"].index(quote)]
    assert f"cue: {quote['cue']['text']}" in shown and f"hedge: {quote['hedges'][0]}" in shown
    content = quote["content"]
    said = " ".join(record["text"][content["start"] : content["end"]].split())
    assert said[:60] in shown


def test_hostile_title_is_escaped_on_every_page(client):
    for path in ("/", "/?q=pwned", "/articles/hostile-1", "/events", "/events?q=pwned"):
        response = client.get(path)
        assert "<script>window.__pwned" not in response.text, path
        assert "<img src=x" not in response.text, path
