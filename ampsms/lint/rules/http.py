"""HttpGet: failure handling, plain http:// URLs and ports Marketing Cloud cannot reach."""

from __future__ import annotations

import re

from ... import nodes
from ...functions import lookup
from ..diagnostics import Severity
from .base import Rule, register

# scheme://host[:port] at the start of a literal URL.
_URL_START = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/:?#\s]*)(?::([0-9]*))?")

# Functions whose first argument is the URL they return, changed or not.
_URL_PASS_THROUGH = frozenset({"concat", "urlencode", "trim", "lowercase", "v", "redirectto"})

_FALSE_TEXT = frozenset({"", "0", "false"})


def _http_get_calls(analysis) -> list[nodes.Call]:
    calls = []
    for call in analysis.calls:
        function = lookup(call.name)
        if function is not None and function.name == "HttpGet" and call.args:
            calls.append(call)
    return calls


def _is_false_literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.BooleanLiteral):
        return not node.value
    if isinstance(node, nodes.NumberLiteral):
        return node.value == 0
    if isinstance(node, nodes.StringLiteral):
        return node.value.strip().lower() in _FALSE_TEXT
    return False


@register
class HttpGetFailureHandling(Rule):
    """Report an HttpGet call that has no status variable or that stops the message when the request fails.

    With ``continueOnError`` false (the default) a failed or timed-out
    request stops the whole reply. Without the ``@status`` output argument
    the template cannot tell a failure from an empty reply, so it cannot
    send a fallback. Pass true and a status variable, and check it.

    Fails:

        %%[ SET @quote = HttpGet("https://quotes.example.com/?s=crm") ]%%%%=v(@quote)=%%

    Passes:

        %%[ SET @quote = HttpGet("https://quotes.example.com/?s=crm", true, 0, @status)
        IF @status != 0 THEN SET @quote = "Quotes are unavailable." ENDIF ]%%%%=v(@quote)=%%
    """

    code = "HT01"
    name = "httpget-failure-handling"
    summary = "HttpGet has no @status output or does not continue on error."
    severity = Severity.WARNING

    def check(self, context):
        for call in _http_get_calls(context.analysis):
            stops = len(call.args) < 2 or _is_false_literal(call.args[1])
            no_status = len(call.args) < 4
            if not stops and not no_status:
                continue
            if stops and no_status:
                message = "HttpGet stops the whole message when the request fails, and has no @status variable for a fallback"
            elif stops:
                message = "HttpGet stops the whole message when the request fails"
            else:
                message = "HttpGet has no @status variable, so the template cannot tell a failed request from an empty reply"
            yield self.report_at(
                context,
                call,
                message,
                "call HttpGet(url, true, 0, @status) and send a fallback text when @status is not 0",
            )


def url_literals(expression: nodes.Node, analysis, seen: set[str] | None = None) -> list[nodes.StringLiteral]:
    """Return the string literals that can begin a URL expression, following SET of variables and Concat."""
    seen = set() if seen is None else seen
    if isinstance(expression, nodes.StringLiteral):
        return [expression]
    if isinstance(expression, nodes.Call) and expression.name.lower() in _URL_PASS_THROUGH and expression.args:
        return url_literals(expression.args[0], analysis, seen)
    if isinstance(expression, nodes.Variable) and expression.name not in seen:
        seen.add(expression.name)
        found = []
        for value in analysis.values_of(expression.name):
            found.extend(url_literals(value, analysis, seen))
        return found
    return []


def _requested_urls(analysis) -> list[tuple[nodes.StringLiteral, re.Match]]:
    """Return each literal URL start that reaches an HttpGet, once per literal."""
    found: dict[int, tuple[nodes.StringLiteral, re.Match]] = {}
    for call in _http_get_calls(analysis):
        for literal in url_literals(call.args[0], analysis):
            match = _URL_START.match(literal.value)
            if match is not None:
                found.setdefault(id(literal), (literal, match))
    return sorted(found.values(), key=lambda item: (item[0].line, item[0].column))


@register
class PlainHttpUrl(Rule):
    """Report an HttpGet URL that starts with plain http://.

    The request sends whatever the template puts in the URL unencrypted,
    often the contact's mobile number and message. Many services also
    redirect http to https, which costs a round trip. The literal that starts
    the URL is reported, followed through SET and Concat.

    Fails:

        %%[ SET @reply = HttpGet(Concat("http://api.example.com/q?n=", MOBILE_NUMBER), true, 0, @status) ]%%

    Passes:

        %%[ SET @reply = HttpGet(Concat("https://api.example.com/q?n=", MOBILE_NUMBER), true, 0, @status)
        IF @status != 0 THEN SET @reply = "Try again later." ENDIF ]%%%%=v(@reply)=%%
    """

    code = "HT02"
    name = "plain-http-url"
    summary = "HttpGet requests a plain http:// URL instead of https://."
    severity = Severity.WARNING

    def check(self, context):
        for literal, match in _requested_urls(context.analysis):
            if match.group(1).lower() == "http":
                yield self.report_at(
                    context,
                    literal,
                    "HttpGet requests a plain http:// URL, so the request and its reply travel unencrypted",
                    "use https:// if the service supports it",
                )


@register
class HttpPort(Rule):
    """Report an HttpGet URL with an explicit port other than 80 or 443.

    Marketing Cloud's HttpGet connects only to port 80 for http and 443 for
    https. A request to any other port fails, which stops the message unless
    ``continueOnError`` is true.

    Fails:

        %%[ SET @reply = HttpGet("https://api.example.com:8443/q", true, 0, @status) ]%%

    Passes:

        %%[ SET @reply = HttpGet("https://api.example.com/q", true, 0, @status)
        IF @status != 0 THEN SET @reply = "Try again later." ENDIF ]%%%%=v(@reply)=%%
    """

    code = "HT03"
    name = "http-port"
    summary = "HttpGet requests a URL on a port other than 80 or 443, which Marketing Cloud cannot reach."
    severity = Severity.ERROR

    def check(self, context):
        for literal, match in _requested_urls(context.analysis):
            port = match.group(3)
            if port and int(port) not in (80, 443):
                yield self.report_at(
                    context,
                    literal,
                    f"HttpGet requests port {int(port)}, but Marketing Cloud connects only to ports 80 and 443",
                    "serve the endpoint on port 443 (https) or 80 (http) and drop the port from the URL",
                )
