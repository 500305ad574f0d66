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
    bad = events_client.get("/events", params={"country": "nowhere"})
    assert bad.status_code == 400 and "alpha-3" in bad.text


def test_timeline_map_network_pages_embed_their_data(events_client):
    timeline = page(events_client, "/timeline", by="month")
    series = json.loads(timeline.xpath("string(//script[@id='timeline-data'])"))
    assert series == [{"period": "2023-02-01", "count": 3}, {"period": "2023-03-01", "count": 2}]
    assert len(timeline.xpath("//table[contains(@class,'timeline-table')]/tbody/tr")) == 2
    world = page(events_client, "/map", country="TUR")
    places = json.loads(world.xpath("string(//script[@id='map-data'])"))
    assert [p["name"] for p in places] == ["Ankara"]
    network = page(events_client, "/network")
    edges = json.loads(network.xpath("string(//script[@id='network-data'])"))
    assert {"source": "Turkey", "target": "Greece", "weight": 2} in edges


def test_vendored_libraries_are_served(events_client):
    for name in ("d3.min.js", "topojson-client.min.js", "cytoscape.min.js", "countries-110m.json"):
        assert events_client.get(f"/static/vendor/{name}").status_code == 200, name


def test_empty_form_fields_mean_no_filter(events_client):
    everything = "since=&until=&type=&modality=&actor=&country=&source_type=&outlet=&q="
    assert len(page(events_client, f"/events?{everything}").xpath("//tr[@class='event-row']")) == 5
    consult = page(events_client, f"/events?{everything}&type=CONSULT")
    assert len(consult.xpath("//tr[@class='event-row']")) == 3
    assert events_client.get("/?q=&since=&until=").status_code == 200
