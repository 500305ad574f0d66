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


@pytest.fixture(scope="module")
def live_server(fixture_db: Path):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph.cli",
            "serve",
            "--db",
            str(fixture_db),
            "--port",
            str(port),
        ],
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
    yield base
    process.terminate()
    process.wait(timeout=20)


def test_real_server_serves_pages_and_api(live_server):
    page = httpx.get(live_server + "/")
    assert page.status_code == 200 and "Articles" in page.text
    assert "content-security-policy" in page.headers
    record = httpx.get(live_server + "/api/articles/hostile-1").json()
    assert record["id"] == "hostile-1"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
def test_dashboard_in_a_real_browser(live_server, tmp_path):
    executable = _chromium()
    if executable is None:
        if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (NEWSGRAPH_REQUIRE_BROWSER is set)")
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
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
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
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
            page.screenshot(path=str(tmp_path / "article.png"))
            assert not errors, errors
        finally:
            browser.close()
