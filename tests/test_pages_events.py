"""Event views (table, timeline, map, network) over the hand-made events store."""

from __future__ import annotations

import json

import lxml.html


def page(client, path, **params):
    # httpx drops a query string written in the path when params={} is passed.
    response = client.get(path, params=params) if params else client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def test_event_table_and_filters(events_client):
    doc = page(events_client, "/events")
    assert len(doc.xpath("//tr[@class='event-row']")) == 5
    filtered = page(events_client, "/events", type="CONSULT", modality="asserted")
    rows = filtered.xpath("//tr[@class='event-row']")
    assert len(rows) == 2
    assert filtered.xpath("//select[@name='type']/option[@selected]/@value") == ["CONSULT"]
    links = filtered.xpath("//tr[@class='event-row']//a[@class='evidence']/@href")
    assert links == ["/articles/art-5#V1", "/articles/art-1#V1"]
    assert "Turkey" in rows[0].text_content() and "Greece" in rows[0].text_content()
    assert (
        len(
            page(events_client, "/events", type="consult", country="turkey").xpath(
                "//tr[@class='event-row']"
            )
        )
        == 2
    )


def test_timeline_map_network_pages_embed_their_data(events_client):
    timeline = page(events_client, "/timeline", by="month")
    data = json.loads(timeline.xpath("string(//script[@id='timeline-data'])"))
    assert {"period": "2023-02-01", "count": 2, "type": "CONSULT"} in data["series"]
    assert sum(p["count"] for p in data["series"]) == 5
    assert len(timeline.xpath("//table[contains(@class,'timeline-table')]/tbody/tr")) == 2
    assert "No undated events" in timeline.xpath("string(//*[@id='undated-count'])")
    world = page(events_client, "/map", country="TUR")
    places = json.loads(world.xpath("string(//script[@id='map-data'])"))["places"]
    assert [(p["name"], p["precision"], p["texts"]) for p in places] == [
        ("Ankara", "city", ["Ankara"])
    ]
    network = page(events_client, "/network")
    graph = json.loads(network.xpath("string(//script[@id='network-data'])"))["network"]
    pairs = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert pairs["Turkey", "Greece"]["weight"] == 2
    assert pairs["Turkey", "Greece"]["types"] == {"CONSULT": 2}
    link = network.xpath("//tr[@class='edge-row']//a[@class='edge-events']/@href")[0]
    assert "from_actor=Turkey" in link and "to_actor=Greece" in link


def test_vendored_libraries_are_served(events_client):
    for name in ("d3.min.js", "topojson-client.min.js", "cytoscape.min.js", "countries-110m.json"):
        assert events_client.get(f"/static/vendor/{name}").status_code == 200, name


def test_empty_form_fields_mean_no_filter(events_client):
    everything = "since=&until=&type=&modality=&actor=&country=&source_type=&outlet=&q="
    assert len(page(events_client, f"/events?{everything}").xpath("//tr[@class='event-row']")) == 5
    consult = page(events_client, f"/events?{everything}&type=CONSULT")
    assert len(consult.xpath("//tr[@class='event-row']")) == 3
    assert events_client.get("/?q=&since=&until=").status_code == 200


def test_event_rows_show_category_confidence_and_sourcing(events_client):
    doc = page(events_client, "/events")
    rows = {
        row.xpath("string(.//a[@class='article-link'])"): row
        for row in doc.xpath("//tr[@class='event-row']")
    }
    strike = rows["Story 4"]
    assert strike.xpath("string(.//td[@class='category'])").strip() == "air strike"
    assert strike.xpath("string(.//td[contains(@class,'confidence')])").strip() == "0.90"
    sourcing = " ".join(strike.xpath("string(.//td[@class='sourcing'])").split())
    assert "media" in sourcing and "← unnamed officials" in sourcing
    assert "reported speech" in sourcing
    hedged = " ".join(rows["Story 2"].xpath("string(.//td[@class='sourcing'])").split())
    assert "unnamed" in hedged and "hedged: reportedly" in hedged
    own = " ".join(rows["Story 3"].xpath("string(.//td[@class='sourcing'])").split())
    assert own == "outlet's own claim"
    assert rows["Story 1"].xpath(".//a[@class='article-link']/@href") == ["/articles/art-1"]


def test_sourcing_and_category_filters_on_the_page(events_client):
    def titles(**params):
        doc = page(events_client, "/events", **params)
        return sorted(doc.xpath("//tr[@class='event-row']//a[@class='article-link']/text()"))

    assert titles(named_only="1") == ["Story 1", "Story 5"]
    assert titles(exclude_hedged="1") == ["Story 1", "Story 3", "Story 4", "Story 5"]
    assert titles(category="violence,protest") == ["Story 4"]
    assert titles(exclude_category="AIR_STRIKE") == ["Story 1", "Story 2", "Story 3", "Story 5"]
    checked = page(events_client, "/events", named_only="1")
    assert checked.xpath("//input[@name='named_only']/@checked")


def test_bad_filters_are_shown_inline_in_the_kept_form(events_client):
    response = events_client.get(
        "/events", params={"country": "Atlantis", "since": "2023-13-01", "actor": "Turkey"}
    )
    assert response.status_code == 400
    doc = lxml.html.fromstring(response.text)
    assert doc.xpath("//input[@name='actor']/@value") == ["Turkey"]
    assert doc.xpath("//input[@name='country']/@value") == ["Atlantis"]
    assert doc.xpath("//input[@name='country']/@aria-invalid") == ["true"]
    assert "no country we know" in doc.xpath("string(//*[@id='err-country'])")
    assert "not a date" in doc.xpath("string(//*[@id='err-since'])")
    assert not doc.xpath("//tr[@class='event-row']")
    for path in ("/timeline", "/map", "/network"):
        assert events_client.get(path, params={"category": "weather"}).status_code == 400


def test_previous_and_next_pages_state_their_range(events_client, monkeypatch):
    from newsgraph.web import event_pages

    monkeypatch.setattr(event_pages, "EVENTS_PER_PAGE", 2)
    first = page(events_client, "/events", type="consult")
    assert first.xpath("string(//*[@id='result-count'])") == "1–2 of 3 events"
    assert not first.xpath("//a[@class='previous-page']")
    second = page(events_client, first.xpath("//a[@class='next-page']/@href")[0])
    assert second.xpath("string(//*[@id='result-count'])") == "3–3 of 3 events"
    assert not second.xpath("//a[@class='next-page']")
    back = second.xpath("//a[@class='previous-page']/@href")[0]
    assert "type=consult" in back and "page=1" in back


def test_export_of_the_current_view_uses_the_export_writers(events_client):
    import csv
    import io

    doc = page(events_client, "/events", type="consult")
    links = {a.get("data-format"): a.get("href") for a in doc.xpath("//a[@class='export-link']")}
    assert set(links) == {"events-csv", "acled", "gdelt", "plover", "jsonl"}
    table = events_client.get(links["events-csv"])
    assert table.status_code == 200 and "attachment" in table.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert sorted(r["article_id"] for r in rows) == ["art-1", "art-3", "art-5"]
    assert {r["type"] for r in rows} == {"CONSULT"}
    plover = events_client.get(links["plover"]).text.splitlines()
    assert len(plover) == 3 and all(json.loads(line)["event"] == "CONSULT" for line in plover)
    gdelt = events_client.get(links["gdelt"]).text.splitlines()
    assert len(gdelt) == 1 + 2  # header and the two asserted consultations
    records = events_client.get(links["jsonl"]).text.splitlines()
    assert sorted(json.loads(line)["id"] for line in records) == ["art-1", "art-3", "art-5"]
    relayed = events_client.get("/export", params={"format": "events-csv", "category": "violence"})
    [row] = list(csv.DictReader(io.StringIO(relayed.text)))
    assert (row["source_type"], row["relayed_from"]) == ("media", "unnamed officials")
    assert events_client.get("/export", params={"format": "exe"}).status_code == 400
