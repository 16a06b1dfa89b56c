"""Live HttpGet requests through httpx: ports, caching, charsets, size cap, failures.

The requests go to an httpx.MockTransport, so the real client code runs
without a network.
"""

from __future__ import annotations

import httpx
import pytest

import ampsms
from ampsms.http import HttpClient, HttpFailure, UnmockedUrl

STATUS_TEMPLATE = '%%[ SET @b = HttpGet("URL", true, 0, @s) ]%%%%=v(@s)=%%|%%=v(@b)=%%'


def client_for(handler, **options) -> HttpClient:
    return HttpClient(allow_network=True, transport=httpx.MockTransport(handler), **options)


def render_with(client: HttpClient, url: str) -> str:
    return ampsms.compile(STATUS_TEMPLATE.replace("URL", url)).render(http=client)


def test_offline_client_rejects_unmocked_url():
    with pytest.raises(UnmockedUrl):
        HttpClient().get("https://api.example.com/x")


def test_mock_answers_before_network():
    seen = []
    client = HttpClient({"https://api.example.com/x": "mocked"}, allow_network=True,
                        transport=httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(200)))
    assert client.get("https://api.example.com/x").body == "mocked"
    assert seen == []


def test_live_reply_body_and_status():
    client = client_for(lambda request: httpx.Response(200, text="CRM 212.40"))
    assert render_with(client, "https://quotes.example.com/q?s=crm") == "0|CRM 212.40"


def test_one_request_per_url():
    client = client_for(lambda request: httpx.Response(200, text=str(request.url)))
    template = ampsms.compile('%%=HttpGet("https://a.example.com/1")=%% %%=HttpGet("https://a.example.com/1")=%%')
    template.render(http=client)
    template.render(http=client)
    assert client.requests_made == 1


def test_each_url_requested_once():
    client = client_for(lambda request: httpx.Response(200, text="x"))
    client.get("https://a.example.com/1")
    client.get("https://a.example.com/2")
    client.get("https://a.example.com/1")
    assert client.requests_made == 2


def test_charset_from_content_type():
    body = "Zoë".encode("iso-8859-1")
    client = client_for(lambda request: httpx.Response(200, content=body, headers={"Content-Type": "text/plain; charset=iso-8859-1"}))
    assert client.get("https://a.example.com/").body == "Zoë"


def test_utf8_without_charset():
    client = client_for(lambda request: httpx.Response(200, content="Zoë ☕".encode("utf-8")))
    assert client.get("https://a.example.com/").body == "Zoë ☕"


def test_http_error_status_is_request_error():
    client = client_for(lambda request: httpx.Response(503, text="busy"))
    assert render_with(client, "https://a.example.com/") == "-2|"


def test_redirect_is_followed():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://a.example.com/new"})
        return httpx.Response(200, text="moved here")

    assert client_for(handler).get("https://a.example.com/old").body == "moved here"


def test_body_over_cap_fails():
    client = client_for(lambda request: httpx.Response(200, content=b"x" * 2000), max_body_bytes=1000)
    with pytest.raises(HttpFailure, match="larger than 1000 bytes"):
        client.get("https://a.example.com/")


def test_timeout_is_request_error():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    client = client_for(handler, timeout=2.5)
    with pytest.raises(HttpFailure, match="timed out after 2.5 s"):
        client.get("https://a.example.com/")
    assert render_with(client_for(handler), "https://a.example.com/") == "-2|"


def test_connection_failure_is_request_error():
    def handler(request):
        raise httpx.ConnectError("refused", request=request)

    assert render_with(client_for(handler), "https://a.example.com/") == "-2|"


@pytest.mark.parametrize("url", ["https://a.example.com:8443/", "http://a.example.com:8080/"])
def test_other_ports_never_requested(url):
    client = client_for(lambda request: httpx.Response(200, text="should not happen"))
    with pytest.raises(HttpFailure, match="only connects to port 80 for http and 443 for https"):
        client.get(url)
    assert client.requests_made == 0


@pytest.mark.parametrize("url", ["https://a.example.com:443/", "http://a.example.com:80/"])
def test_standard_ports_allowed(url):
    client = client_for(lambda request: httpx.Response(200, text="ok"))
    assert client.get(url).body == "ok"


@pytest.mark.parametrize("url", ["ftp://a.example.com/x", "not a url", "https:///path"])
def test_invalid_urls_are_url_errors(url):
    with pytest.raises(HttpFailure) as caught:
        client_for(lambda request: httpx.Response(200)).get(url)
    assert caught.value.url_invalid
