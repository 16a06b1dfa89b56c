"""Replies for HttpGet: mocked by default, fetched with httpx only when allowed.

Rendering is offline unless the caller allows the network. A mock maps a URL
to a reply body, or to ``{"status": int, "body": str}``. A key containing ``*``
is a wildcard pattern (``https://api.example.com/quote?s=*``) tried after the
exact URLs, in the order given. Live requests follow Marketing Cloud's rules:
HTTP on port 80 and HTTPS on port 443 only, and one request per unique URL for
the life of the client, which is what Marketing Cloud does within one send.
"""

from __future__ import annotations

import fnmatch
import logging
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

from .errors import ContextError

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "HttpClient",
    "HttpFailure",
    "HttpReply",
    "MAX_BODY_BYTES",
    "UnmockedUrl",
]

logger = logging.getLogger("ampsms.http")

# Salesforce documents a 30-second timeout for the server-side JavaScript
# HTTP functions; none is documented for AMPscript's HttpGet.
DEFAULT_TIMEOUT_SECONDS = 30.0
# No body limit is documented for HttpGet; this one keeps a runaway reply
# from filling memory. An SMS reply never needs more.
MAX_BODY_BYTES = 1_000_000
ALLOWED_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class HttpReply:
    """A reply to one GET: the HTTP status code and the body as text."""

    status: int
    body: str
    source: str = "mock"

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        return 200 <= self.status < 300


class HttpFailure(Exception):
    """The request could not be made or completed: a bad URL, a refused port, a timeout."""

    def __init__(self, message: str, *, url_invalid: bool = False, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url_invalid = url_invalid
        self.hint = hint


class UnmockedUrl(Exception):
    """Offline rendering met a URL that no mock covers."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def _reply_from_mock(url: str, mock: Any) -> HttpReply:
    if isinstance(mock, str):
        return HttpReply(200, mock)
    if isinstance(mock, Mapping):
        unknown = set(mock) - {"status", "body"}
        if unknown:
            raise ContextError(
                f"the HTTP mock for {url} has unknown keys {sorted(unknown)}; use 'status' and 'body'"
            )
        status = mock.get("status", 200)
        body = mock.get("body", "")
        if not isinstance(status, int) or isinstance(status, bool):
            raise ContextError(f"the HTTP mock for {url} needs an integer 'status', got {status!r}")
        if not isinstance(body, str):
            raise ContextError(f"the HTTP mock for {url} needs a text 'body', got {type(body).__name__}")
        return HttpReply(status, body)
    raise ContextError(
        f"the HTTP mock for {url} must be the reply body as text or an object with 'status' and 'body', "
        f"got {type(mock).__name__}"
    )


class HttpClient:
    """Serve HttpGet requests from mocks, or from the network when allowed.

    One client is one cache: each URL is requested at most once, however many
    renders share the client.
    """

    def __init__(
        self,
        mocks: Mapping[str, Any] | None = None,
        *,
        allow_network: bool = False,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        max_body_bytes: int = MAX_BODY_BYTES,
        transport: Any = None,
    ) -> None:
        self.exact: dict[str, HttpReply] = {}
        self.patterns: list[tuple[str, HttpReply]] = []
        for url, mock in (mocks or {}).items():
            if not isinstance(url, str):
                raise ContextError(f"HTTP mock keys must be URLs as text, got {url!r}")
            reply = _reply_from_mock(url, mock)
            if "*" in url:
                self.patterns.append((url, reply))
            else:
                self.exact[url] = reply
        self.allow_network = allow_network
        self.timeout = timeout
        self.max_body_bytes = max_body_bytes
        # An httpx transport for live requests; tests pass httpx.MockTransport.
        self.transport = transport
        self.requests_made = 0
        self._cache: dict[str, HttpReply] = {}

    def get(self, url: str) -> HttpReply:
        """Return the reply for a URL; raise HttpFailure or UnmockedUrl when there is none."""
        reply = self.exact.get(url)
        if reply is not None:
            return reply
        for pattern, reply in self.patterns:
            if fnmatch.fnmatchcase(url, pattern):
                return reply
        if not self.allow_network:
            raise UnmockedUrl(url)
        cached = self._cache.get(url)
        if cached is None:
            cached = self._fetch(url)
            self._cache[url] = cached
        return cached

    def _fetch(self, url: str) -> HttpReply:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_PORTS or not parts.hostname:
            raise HttpFailure(f"{url!r} is not an http:// or https:// URL", url_invalid=True)
        try:
            port = parts.port
        except ValueError:
            raise HttpFailure(f"{url!r} has an invalid port", url_invalid=True) from None
        if port is not None and port != ALLOWED_PORTS[scheme]:
            raise HttpFailure(
                f"{url!r} uses port {port}, but Marketing Cloud's HttpGet only connects to "
                "port 80 for http and 443 for https",
                hint="serve the reply on port 80 or 443, or mock the URL in the context",
            )

        import httpx

        logger.info("GET %s", url)
        try:
            self.requests_made += 1
            with httpx.Client(timeout=self.timeout, follow_redirects=True, transport=self.transport) as client:
                with client.stream("GET", url) as response:
                    chunks = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.max_body_bytes:
                            raise HttpFailure(
                                f"the reply from {url} is larger than {self.max_body_bytes} bytes"
                            )
                        chunks.append(chunk)
                    # Newer Marketing Cloud accounts read a reply without a
                    # charset as UTF-8.
                    encoding = response.charset_encoding or "utf-8"
                    body = b"".join(chunks).decode(encoding, errors="replace")
                    logger.info("GET %s -> %s (%d bytes)", url, response.status_code, size)
                    return HttpReply(response.status_code, body, source="network")
        except httpx.TimeoutException:
            logger.info("GET %s timed out after %s s", url, self.timeout)
            raise HttpFailure(f"the request to {url} timed out after {self.timeout:g} s") from None
        except httpx.HTTPError as error:
            logger.info("GET %s failed: %s", url, error)
            raise HttpFailure(f"the request to {url} failed: {error}") from None
