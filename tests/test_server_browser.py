"""A real HTTP server in a subprocess, and a real Chromium driving the dashboard."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path):
    """`newsgraph serve` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _, err = process.communicate()
            pytest.fail(f"server did not start: {err.decode(errors='replace')}")
        time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def live_server(fixture_db: Path):
    yield from start_server(fixture_db)


@pytest.fixture(scope="module")
def events_server(events_db: Path):
    yield from start_server(events_db)


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (NEWSGRAPH_REQUIRE_BROWSER is set)")
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def open_page(browser, errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page


def test_real_server_serves_pages_and_api(live_server):
    page = httpx.get(live_server + "/")
    assert page.status_code == 200 and "Articles" in page.text
    assert "content-security-policy" in page.headers
    record = httpx.get(live_server + "/api/articles/hostile-1").json()
    assert record["id"] == "hostile-1"


@pytest.mark.browser
def test_article_view_in_a_real_browser(live_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)
    page.goto(live_server + "/?q=pwned")
    page.click("a.article-link")
    page.wait_for_url("**/articles/hostile-1")
    # The hostile title is visible as text and none of its scripts ran.
    assert page.inner_text("#article-title").startswith("<script>window.__pwned")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # Clicking an entity in the side panel marks its evidence span in the text.
    link = page.locator("aside ul.entity-list a.evidence-link").first
    target = link.get_attribute("data-target")
    link.click()
    active = page.locator("#article-text .seg.active")
    assert active.count() >= 1
    assert target in (active.first.get_attribute("data-keys") or "").split()
    assert page.evaluate("document.activeElement.getAttribute('data-keys')") == (
        active.first.get_attribute("data-keys")
    )
    page.screenshot(path=str(ARTIFACTS / "article-hostile.png"))
    # Highlights explain themselves on hover, and the legend names each style.
    assert (
        page.locator("#article-text mark[title]").count()
        == page.locator("#article-text mark").count()
    )
    assert page.locator("#highlight-legend mark").count() >= 6
    assert not errors, errors


@pytest.mark.browser
def test_home_overview_and_sticky_article_panel(live_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)
    page.goto(live_server + "/")
    assert page.locator("#overview-counts").is_visible()
    assert page.locator("ol.top-actors li a").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    # The hostile title is escaped in the list too: visible as text, nothing ran.
    page.goto(live_server + "/?q=pwned")
    assert page.inner_text("a.article-link").startswith("<script>")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # On the longest article, the side panel stays in view when the text scrolls.
    longest = max(
        httpx.get(live_server + "/api/articles?limit=100").json()["items"],
        key=lambda item: item["word_count"],
    )
    page.goto(live_server + f"/articles/{longest['id']}")
    # Scrolled past the top of the text by as far as the panel can travel in its column:
    # a panel that scrolled with the page would now start above the window.
    travel = page.evaluate(
        "(() => { const l = document.querySelector('.layout');"
        " const a = document.querySelector('aside.panel');"
        " const by = Math.max(0, l.offsetHeight - a.offsetHeight - 10);"
        " window.scrollTo(0, l.offsetTop + by); return by; })()"
    )
    assert travel > 40
    top = page.evaluate("document.querySelector('aside.panel').getBoundingClientRect().top")
    assert 0 <= top < 30
    page.screenshot(path=str(ARTIFACTS / "article-sticky-panel.png"))
    assert not errors, errors


@pytest.mark.browser
def test_event_views_in_a_real_browser(events_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)

    page.goto(events_server + "/events")
    assert page.locator("tr.event-row").count() == 5
    page.select_option("#f-type", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*type=CONSULT*")
    assert page.locator("tr.event-row").count() == 3
    assert page.inner_text("#result-count") == "1–3 of 3 events"
    page.screenshot(path=str(ARTIFACTS / "events.png"))
    page.click("tr.event-row a.evidence >> nth=0")
    page.wait_for_url("**/articles/*#V1")
    active = page.locator("#article-text .seg.active")
    assert active.count() >= 1 and "V1" in (active.first.get_attribute("data-keys") or "")

    # A country name and a lower-case code are both understood; a bad one is shown
    # beside its field, in the form as it was sent.
    page.goto(events_server + "/events?country=ukraine")
    assert page.locator("tr.event-row").count() == 1
    assert not errors, errors
    page.goto(events_server + "/events?country=Atlantis&actor=Tur")
    assert page.input_value("#f-actor") == "Tur"
    assert "no country we know" in page.inner_text("#err-country")
    page.screenshot(path=str(ARTIFACTS / "events-inline-error.png"))
    # The page answers 400 (the browser logs that); nothing else went wrong.
    assert all("status of 400" in e for e in errors), errors


@pytest.mark.browser
def test_timeline_bar_opens_its_events(events_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)
    page.goto(events_server + "/timeline?by=month")
    page.wait_for_selector("#timeline-chart .bars rect")
    # Two months, stacked by type: CONSULT and THREATEN in February, ASSAULT and CONSULT
    # in March.
    assert page.locator("#timeline-chart .bars rect").count() == 4
    assert "No undated events" in page.inner_text("#undated-count")
    page.screenshot(path=str(ARTIFACTS / "timeline.png"))
    page.click("#timeline-chart g[data-type='THREATEN'] a.bar-link")
    page.wait_for_url("**/events?*")
    assert "since=2023-02-01" in page.url and "until=2023-02-28" in page.url
    rows = page.locator("tr.event-row")
    assert rows.count() == 1 and "THREATEN" in rows.first.inner_text()
    assert not errors, errors


@pytest.mark.browser
def test_map_circle_opens_its_events_and_the_map_fits(events_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)
    page.goto(events_server + "/map")
    page.wait_for_selector("#event-map .countries path")
    assert page.locator("#event-map .countries path").count() > 100
    assert page.locator("#event-map .places circle.place-city").count() == 4
    # Fitted to the places (Paris to Doha), the map is zoomed in, not the whole world.
    transform = page.get_attribute("#event-map g.world", "transform") or ""
    assert "scale(" in transform and float(transform.split("scale(")[1].rstrip(")")) > 1.5
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    page.click("#event-map a.place-link[data-place='Ankara']")
    page.wait_for_url("**/events?*place=Ankara*")
    assert page.locator("tr.event-row").count() == 2
    assert all("Ankara" in t for t in page.locator("tr.event-row").all_inner_texts())
    assert not errors, errors


@pytest.mark.browser
def test_network_edge_opens_its_events_and_layout_is_stable(events_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)

    def positions():
        page.goto(events_server + "/network")
        page.wait_for_function("window.newsgraphNetwork && window.newsgraphNetwork.nodes().length")
        return page.evaluate(
            "window.newsgraphNetwork.nodes().map(n => [n.id(), Math.round(n.position('x')),"
            " Math.round(n.position('y'))])"
        )

    first = positions()
    assert len(first) == 8 and positions() == first
    assert page.locator("#actor-network canvas").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    point = page.evaluate(
        "(() => { const e = window.newsgraphNetwork.edges().filter(e =>"
        " e.source().data('label') === 'Turkey')[0]; const p = e.renderedMidpoint();"
        " const box = document.getElementById('actor-network').getBoundingClientRect();"
        " return [box.left + p.x, box.top + p.y]; })()"
    )
    page.mouse.click(point[0], point[1])
    page.wait_for_url("**/events?*from_actor=Turkey*")
    rows = page.locator("tr.event-row")
    assert rows.count() == 2
    assert all("Turkey → Greece" in t for t in rows.all_inner_texts())
    assert not errors, errors


@pytest.mark.browser
def test_export_of_the_view_downloads_and_parses(events_server, browser):
    import csv
    import json

    errors: list[str] = []
    page = open_page(browser, errors)
    page.goto(events_server + "/map?type=CONSULT")
    with page.expect_download() as download:
        page.click("a.export-link[data-format='events-csv']")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert sorted(r["article_id"] for r in rows) == ["art-1", "art-3", "art-5"]
    page.goto(events_server + "/network?type=CONSULT&modality=asserted")
    with page.expect_download() as download:
        page.click("a.export-link[data-format='plover']")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["CONSULT", "CONSULT"]
    assert not errors, errors


@pytest.mark.browser
def test_api_reference_renders_offline_without_errors(live_server, browser):
    errors: list[str] = []
    page = open_page(browser, errors)
    page.goto(live_server + "/api/docs")
    assert page.locator("section.api-operation").count() >= 10
    page.click("a[href='#get-api-events']")
    assert page.evaluate("location.hash") == "#get-api-events"
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    assert not errors, errors
