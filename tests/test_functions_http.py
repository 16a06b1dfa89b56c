"""HttpGet with mocked replies: bodies, status codes, continueOnError and emptyContentHandling."""

from __future__ import annotations

import pytest

import ampsms

URL = "https://api.example.com/quote?s=crm"


def run(source: str, http=None, **parts) -> ampsms.RenderResult:
    return ampsms.compile(source).run(http=http if http is not None else {}, **parts)


def render_error(source: str, http=None, **parts) -> ampsms.AmpscriptRuntimeError:
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        run(source, http, **parts)
    return caught.value


STATUS = f'%%[ SET @body = HttpGet(@url, true, 0, @status) ]%%[%%=v(@body)=%%] %%=v(@status)=%%'


def status_of(url: str, http) -> str:
    return run(STATUS.replace("@url", f'"{url}"'), http).text


def test_body_and_status_ok():
    assert status_of(URL, {URL: "CRM 212.40"}) == "[CRM 212.40] 0"


def test_mock_with_status_object():
    assert status_of(URL, {URL: {"status": 200, "body": "ok"}}) == "[ok] 0"


def test_wildcard_mock():
    assert status_of(URL, {"https://api.example.com/quote?s=*": "any"}) == "[any] 0"


def test_http_404_continues_with_minus_two():
    assert status_of(URL, {URL: {"status": 404, "body": "Not Found"}}) == "[] -2"


def test_http_500_continues_with_minus_two():
    assert status_of(URL, {URL: {"status": 500, "body": "oops"}}) == "[] -2"


def test_empty_url_minus_one():
    assert run('%%[ SET @b = HttpGet("", true, 0, @status) ]%%%%=v(@status)=%%').text == "-1"


def test_empty_body_minus_three():
    assert status_of(URL, {URL: ""}) == "[] -3"


def test_empty_body_allowed_by_default():
    assert run(f'[%%=HttpGet("{URL}")=%%]', {URL: ""}).text == "[]"


def test_empty_body_handling_one_fails():
    error = render_error(f'%%=HttpGet("{URL}", false, 1)=%%', {URL: ""})
    assert "empty" in error.message


def test_empty_body_handling_two_skips_recipient():
    with pytest.raises(ampsms.RaiseErrorCalled) as caught:
        run(f'%%=HttpGet("{URL}", false, 2)=%%', {URL: ""})
    assert caught.value.skip_subscriber_only is True


def test_empty_body_handling_two_sets_status():
    with pytest.raises(ampsms.RaiseErrorCalled):
        run(f'%%[ SET @b = HttpGet("{URL}", true, 2, @status) ]%%', {URL: ""})


def test_handling_out_of_range():
    error = render_error(f'%%=HttpGet("{URL}", false, 3)=%%', {URL: "x"})
    assert "emptyContentHandling" in error.message


def test_404_stops_without_continue():
    error = render_error(f'%%=HttpGet("{URL}")=%%', {URL: {"status": 404, "body": ""}})
    assert "404" in error.message


def test_404_stop_names_fix():
    error = render_error(f'%%=HttpGet("{URL}", false)=%%', {URL: {"status": 404, "body": ""}})
    assert "true" in (error.hint or "")


def test_empty_url_stops_without_continue():
    assert render_error('%%=HttpGet("")=%%').function == "HttpGet"


def test_unmocked_url_fails_even_with_continue():
    error = render_error(f'%%=HttpGet("{URL}", true)=%%')
    assert '"http"' in (error.hint or "")


def test_continue_flag_as_text():
    assert run(f'[%%=HttpGet("{URL}", "true")=%%]', {URL: {"status": 503, "body": "down"}}).text == "[]"


def test_status_variable_must_be_variable():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile(f'%%=HttpGet("{URL}", true, 0, 5)=%%')


def test_calls_recorded():
    result = run(STATUS.replace("@url", f'"{URL}"'), {URL: {"status": 404, "body": ""}})
    assert [(call.url, call.status, call.source) for call in result.http_calls] == [(URL, -2, "mock")]


def test_blocked_port_is_request_error():
    url = "https://api.example.com:8443/q"
    result = ampsms.compile(STATUS.replace("@url", f'"{url}"')).run(allow_network=True)
    assert result.text == "[] -2"


def test_blocked_port_recorded_as_network():
    url = "https://api.example.com:8443/q"
    result = ampsms.compile(STATUS.replace("@url", f'"{url}"')).run(allow_network=True)
    assert result.http_calls[0].source == "network"


def test_non_http_scheme_is_url_error():
    result = ampsms.compile(STATUS.replace("@url", '"ftp://files.example.com/x"')).run(allow_network=True)
    assert result.text == "[] -1"


def test_http_get_feeds_json_rowset():
    source = (
        f'%%[ SET @r = BuildRowsetFromJSON(HttpGet("{URL}"), "$.quotes[*]") ]%%'
        '%%=Field(Row(@r, 1), "price")=%%'
    )
    assert run(source, {URL: '{"quotes": [{"price": "212.40"}]}'}).text == "212.40"
