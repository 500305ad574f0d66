"""A careful HTTP fetcher for article pages, feeds and robots.txt.

Untrusted URLs are hostile: only http(s); every hop of a redirect chain is resolved and
refused when it points at a private, loopback, link-local or otherwise non-public address
(unless ``allow_private``); redirects are bounded; every response is capped in size and
in total time (a server that drips bytes forever is cut off); robots.txt is honoured; and
requests to one host are spaced by ``min_interval`` seconds.

Known limit: the address check happens before httpx connects, so a DNS answer that
changes between the check and the connection (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph.about import __version__
from newsgraph.errors import Reasons


class FetchError(Exception):
    def __init__(self, reason: tuple[str, str], **details: Any):
        self.reason = reason[0]
        super().__init__(reason[1].format(**details))


@dataclass(frozen=True)
class FetchPolicy:
    max_bytes: int = 10_000_000
    allow_private: bool = False
    timeout: float = 15.0  # connect / read / write, per operation
    deadline: float = 60.0  # whole response, however slowly it arrives
    max_redirects: int = 5
    min_interval: float = 1.0  # seconds between two requests to the same host
    respect_robots: bool = True
    user_agent: str = f"newsgraph/{__version__} (+offline news analysis)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) address with a host; None when it is one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port out of range)
    except ValueError as error:  # a malformed address or a port out of range
        return str(error)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "only http(s) URLs"
    return None


class Fetcher:
    def __init__(self, policy: FetchPolicy | None = None):
        self.policy = policy or FetchPolicy()
        self.client = httpx.Client(
            follow_redirects=False,
            timeout=self.policy.timeout,
            headers={"User-Agent": self.policy.user_agent},
            trust_env=False,  # no proxies from the environment: we check the addresses
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- checks --------------------------------------------------------------------
    def check_url(self, url: str) -> None:
        problem = url_problem(url)
        if problem:
            raise FetchError(Reasons.FETCH_REFUSED, url=url, why=problem)
        if self.policy.allow_private:
            return
        parts = urlsplit(url)
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 80, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise FetchError(Reasons.FETCH_FAILED, url=url, error=error) from None
        for info in infos:
            if not _public(str(info[4][0])):
                raise FetchError(
                    Reasons.FETCH_REFUSED,
                    url=url,
                    why=f"{parts.hostname} resolves to non-public {info[4][0]}"
                    " (use --allow-private to permit)",
                )

    def _pace(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = self.policy.min_interval - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last_request[host] = time.monotonic()

    # -- requests ------------------------------------------------------------------
    def _get(self, url: str) -> Fetched:
        for _hop in range(self.policy.max_redirects + 1):
            self.check_url(url)
            host = urlsplit(url).netloc.lower()
            self._pace(host)
            started = time.monotonic()
            try:
                with self.client.stream("GET", url) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                Reasons.HTTP_STATUS, url=url, status=response.status_code
                            )
                        url = urljoin(url, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(Reasons.HTTP_STATUS, url=url, status=response.status_code)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > self.policy.max_bytes:
                            raise FetchError(Reasons.TOO_LARGE, limit=self.policy.max_bytes)
                        if time.monotonic() - started > self.policy.deadline:
                            raise FetchError(
                                Reasons.FETCH_FAILED,
                                url=url,
                                error=f"no complete answer in {self.policy.deadline:g}s",
                            )
                    content_type = response.headers.get("content-type", "")
                    return Fetched(str(response.url), bytes(body), content_type.lower())
            except httpx.HTTPError as error:
                raise FetchError(Reasons.FETCH_FAILED, url=url, error=error) from None
        raise FetchError(
            Reasons.FETCH_FAILED, url=url, error=f"more than {self.policy.max_redirects} redirects"
        )

    def _allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: RobotFileParser | None = RobotFileParser()
            try:
                robots = self._get(origin + "/robots.txt")
                assert parser is not None
                parser.parse(robots.content.decode("utf-8", "replace").splitlines())
            except FetchError as error:
                # As the robots convention says: no file (4xx) means everything is allowed;
                # an unreachable host will fail on the page fetch itself.
                parser = None if error.reason in ("http-status", "fetch-failed") else parser
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.policy.user_agent, url)

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` under the policy; raise :class:`FetchError` with a reason code."""
        self.check_url(url)
        if self.policy.respect_robots and not self._allowed_by_robots(url):
            raise FetchError(Reasons.ROBOTS, host=urlsplit(url).netloc, url=url)
        return self._get(url)
