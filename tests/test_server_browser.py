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
    page.screenshot(path=str(ARTIFACTS / "events.png"))
    page.click("tr.event-row a.evidence >> nth=0")
    page.wait_for_url("**/articles/*#V1")
    active = page.locator("#article-text .seg.active")
    assert active.count() >= 1 and "V1" in (active.first.get_attribute("data-keys") or "")

    page.goto(events_server + "/timeline?by=month")
    page.wait_for_selector("#timeline-chart .bars rect")
    assert page.locator("#timeline-chart .bars rect").count() == 2
    page.screenshot(path=str(ARTIFACTS / "timeline.png"))

    page.goto(events_server + "/map")
    page.wait_for_selector("#event-map .countries path")
    assert page.locator("#event-map .countries path").count() > 100
    assert page.locator("#event-map .places circle").count() == 4
    page.screenshot(path=str(ARTIFACTS / "map.png"))

    page.goto(events_server + "/network")
    page.wait_for_function("window.newsgraphNetwork && window.newsgraphNetwork.nodes().length")
    assert page.evaluate("window.newsgraphNetwork.nodes().length") == 8
    assert page.locator("#actor-network canvas").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "network.png"))
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
