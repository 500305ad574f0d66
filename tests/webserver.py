"""A real HTTP server on 127.0.0.1 serving pages and feeds, hostile ones included."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<html><head><title>{title}</title></head><body><nav>Home</nav><article>
<h1>{title}</h1><p>{body}</p><p>Officials from Chile and Peru met in Lima on Monday to
discuss water rights along the border, according to a statement.</p></article>
<footer>Leave a Comment</footer></body></html>"""


def article(title: str, body: str) -> bytes:
    return ARTICLE.format(title=title, body=body).encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for title, path in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
        f"<link>{base}/</link>{entries}</channel></rss>"
    ).encode()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""


class Site:
    """Routes are mutable so a test can add feed entries between polls."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.hits: dict[str, int] = {}
        self.feed_items: list[tuple[str, str]] = []

    def static(
        self, path: str, body: bytes, content_type: str = "text/html", status: int = 200
    ) -> None:
        def handler(request: BaseHTTPRequestHandler) -> None:
            request.send_response(status)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)

        self.routes[path] = handler


def make_site(base: str) -> Site:
    site = Site()
    site.static("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.static("/article.html", article("Water talks in Lima", "Delegations met."))
    site.static("/private/secret.html", article("Secret", "Not for robots."))
    site.static("/image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    site.static(
        "/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x", "application/rss+xml"
    )
    site.static("/bomb.xml", BOMB, "application/rss+xml")
    for number in range(1, 4):
        site.static(f"/a{number}.html", article(f"Story {number}", f"Body of story {number}."))

    def feed(request: BaseHTTPRequestHandler) -> None:
        body = rss(base, site.feed_items)
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def loop(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", "/loop")
        request.end_headers()

    def redirect_to_article(request: BaseHTTPRequestHandler) -> None:
        request.send_response(301)
        request.send_header("Location", "/article.html")
        request.end_headers()

    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        try:
            for _ in range(100_000):  # bounded, far beyond any size cap used in tests
                request.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def slow(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        try:
            for _ in range(60):  # a byte every 0.2 s: each read is quick, the whole is not
                request.wfile.write(b"x")
                request.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    site.routes.update(
        {
            "/feed.xml": feed,
            "/loop": loop,
            "/moved": redirect_to_article,
            "/endless": endless,
            "/slow": slow,
        }
    )
    return site


class Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        self.site.hits[path] = self.site.hits.get(path, 0) + 1
        route = self.site.routes.get(path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        route(self)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> tuple[ThreadingHTTPServer, Site, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    site = make_site(base)
    Handler.site = site
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site, base
