"""Catalogued functions ampsms does not support, and unknown function names."""

from __future__ import annotations

import pytest

import ampsms
from ampsms.functions import FUNCTIONS, lookup
from ampsms.functions.catalog import CATALOG, UNSUPPORTED_REASONS, unsupported_reason


def compile_error(source: str) -> ampsms.AmpscriptSyntaxError:
    with pytest.raises(ampsms.AmpscriptSyntaxError) as caught:
        ampsms.compile(source)
    return caught.value


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('InsertData("Log", "Mobile", MOBILE_NUMBER)', "InsertData is not supported in SMS templates: it inserts data extension rows"),
        ('UpsertData("Log", 1, "Id", 1, "Seen", 1)', "UpsertData is not supported in SMS templates: it inserts or updates data extension rows"),
        ('QueryParameter("id")', "QueryParameter is not supported in SMS templates: it reads the query string of a landing page request"),
        ('ContentBlockByKey("footer")', "ContentBlockByKey is not supported in SMS templates: it reads a Content Builder block"),
        ('HTTPPost("https://x.example.com", "text/plain", "a")', "HTTPPost is not supported in SMS templates: ampsms only simulates GET requests"),
    ],
)
def test_unsupported_function_message(call, expected):
    assert compile_error(f"%%[ {call} ]%%").message.startswith(expected)


def test_unsupported_in_dead_branch():
    error = compile_error('%%[ IF 1 == 2 THEN InsertData("Log", "A", 1) ENDIF ]%%')
    assert "not supported" in error.message


def test_unsupported_any_case():
    assert compile_error('%%[ insertdata("Log", "A", 1) ]%%').message.startswith("InsertData is not supported")


def test_unsupported_position():
    error = compile_error('Hi\n%%[ SET @x = RequestParameter("a") ]%%')
    assert (error.line, error.column) == (2, 14)


def test_every_reason_names_catalogued_function():
    assert sorted(set(UNSUPPORTED_REASONS) - set(CATALOG)) == []


def test_no_reason_for_supported_function():
    assert sorted(name for name in UNSUPPORTED_REASONS if name.lower() in FUNCTIONS) == []


def test_unsupported_reason_fallback():
    assert unsupported_reason("SomethingNew") == "ampsms does not implement it"


def test_unknown_function_message():
    error = compile_error('%%=Lookp("Stores", "Name", "City", "Oslo")=%%')
    assert error.message == "unknown function Lookp"


def test_unknown_function_suggests_match():
    error = compile_error('%%=Lookp("Stores", "Name", "City", "Oslo")=%%')
    assert (error.hint or "").startswith("did you mean Lookup")


def test_unknown_function_without_match():
    error = compile_error("%%=Xyzzy(1)=%%")
    assert "python -m ampsms.docs functions" in (error.hint or "")


def test_mms_content_url_catalogued_and_supported():
    assert "MMS_Content_URL" in CATALOG
    assert lookup("MMS_Content_URL") is not None
