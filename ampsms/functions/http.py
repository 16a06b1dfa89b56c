"""HttpGet: fetch a URL and return the body as text."""

from __future__ import annotations

from ..errors import RaiseErrorCalled
from ..http import HttpFailure, UnmockedUrl
from ..values import is_true, to_text
from .registry import FunctionError, builtin, whole_number_arg

# Status codes HttpGet writes to its output variable.
STATUS_OK = 0
STATUS_URL_NOT_FOUND = -1
STATUS_REQUEST_ERROR = -2
STATUS_EMPTY_CONTENT = -3


def _mock_hint(url: str) -> str:
    return (
        f'add a reply under "http" in the context, e.g. {{"http": {{"{url}": "reply body"}}}} '
        '(a key may use * as a wildcard), or allow the network with --allow-network'
    )


@builtin(
    "HttpGet",
    1,
    4,
    signature="HttpGet(url [, continueOnError [, emptyContentHandling [, @status]]])",
    example='HttpGet("https://api.example.com/quote?s=crm", true, 0, @status)',
    category="HTTP",
    output_args=(3,),
)
def http_get(state, url, continue_on_error=False, empty_content_handling=0, set_status=None):
    """Request a URL with GET and return the reply body as text.

    With ``continueOnError`` false (the default) a failed request stops the
    render, and with true it returns "". ``emptyContentHandling`` sets what an
    empty body does: 0 allows it, 1 makes it an error, 2 skips the recipient.
    ``@status`` receives 0 on success, -1 for a missing or invalid URL, -2 for
    a failed request (including a non-2xx status) and -3 for an empty body.
    Offline, the reply comes from the context's mocks.
    """
    address = to_text(url)
    keep_going = is_true(continue_on_error)
    handling = whole_number_arg(empty_content_handling, 3)
    if handling not in (0, 1, 2):
        raise FunctionError(f"emptyContentHandling must be 0, 1 or 2, got {handling}")

    def fail(status: int, message: str, source: str = "mock", hint: str | None = None) -> str:
        if set_status is not None:
            set_status(status)
        state.record_http(address, status, message, source)
        if keep_going:
            return ""
        raise FunctionError(
            message, hint=hint or "pass true as the second argument to continue after a failed request"
        )

    if not address.strip():
        return fail(STATUS_URL_NOT_FOUND, "HttpGet was given an empty URL")

    try:
        reply = state.context.http.get(address)
    except UnmockedUrl:
        raise FunctionError(f"no mocked reply for {address}", hint=_mock_hint(address)) from None
    except HttpFailure as failure:
        status = STATUS_URL_NOT_FOUND if failure.url_invalid else STATUS_REQUEST_ERROR
        # Only a live request can fail this way; mocks always reply.
        return fail(status, failure.message, "network", failure.hint)

    if not reply.ok:
        return fail(STATUS_REQUEST_ERROR, f"the request to {address} returned HTTP status {reply.status}", reply.source)

    if reply.body == "":
        if set_status is not None:
            set_status(STATUS_EMPTY_CONTENT)
        state.record_http(address, STATUS_EMPTY_CONTENT, "empty content", reply.source)
        if handling == 1:
            raise FunctionError(f"the reply from {address} is empty and emptyContentHandling is 1")
        if handling == 2:
            raise RaiseErrorCalled(
                f"the reply from {address} is empty and emptyContentHandling is 2: the recipient is skipped",
                skip_subscriber_only=True,
                function="HttpGet",
            )
        return ""

    if set_status is not None:
        set_status(STATUS_OK)
    state.record_http(address, STATUS_OK, None, reply.source)
    return reply.body
