"""Public hypothesis strategies, and property tests that fuzz the parser and the engine with them."""

from __future__ import annotations

import re

import pytest
from hypothesis import Phase, assume, find, given, settings

import ampsms
from ampsms import nodes
from ampsms.context import make_context
from ampsms.dates import parse_date
from ampsms.strategies import (
    COUNTRY_PATTERNS,
    attribute_values,
    contexts,
    http_replies,
    inbound_messages,
    mobile_numbers,
    programs,
    templates,
)
from ampsms.values import try_number


def simplest(strategy):
    """Return the first value hypothesis draws, the one made of all-zero choices: the simplest."""
    return find(strategy, lambda value: True, settings=settings(database=None, phases=[Phase.generate]))


# ------------------------------------------------------------------ inbound


@pytest.mark.parametrize("spelling", ["STOCK", "stock", "Stock", "sToCk"])
def test_inbound_keyword_spellings(spelling):
    text = find(inbound_messages(["STOCK"]), lambda text: text.split()[:1] == [spelling])
    assert text.split()[0] == spelling


def test_inbound_reaches_unknown_keyword():
    text = find(inbound_messages(["STOCK"]), lambda text: text.split() and text.split()[0].lower() != "stock")
    assert text.split()[0].lower() != "stock"


def test_inbound_simplest_is_keyword_alone():
    assert simplest(inbound_messages(["STOCK"])) == "STOCK"


def test_inbound_reaches_many_nouns():
    text = find(inbound_messages(["GO"]), lambda text: len(text.split()) >= 6)
    assert len(text.split()) >= 6


def test_inbound_reaches_non_gsm():
    assert find(inbound_messages(["GO"]), lambda text: not ampsms.sms.is_gsm(text))


def test_inbound_rejects_empty_keywords():
    with pytest.raises(ValueError, match="at least one keyword"):
        inbound_messages([])


# ----------------------------------------------------------- mobile numbers


@given(mobile_numbers())
def test_mobile_numbers_are_e164_digits(number):
    assert number.isdigit()
    assert 11 <= len(number) <= 15
    assert any(re.fullmatch(pattern, number) for pattern in COUNTRY_PATTERNS.values())


@given(mobile_numbers(["gb"]))
def test_mobile_numbers_of_one_country(number):
    assert number.startswith("447")
    assert len(number) == 12


def test_mobile_numbers_unknown_country():
    with pytest.raises(ValueError, match="unknown country code"):
        mobile_numbers(["XX"])


# --------------------------------------------------------- attribute values


def test_attribute_simplest_is_one_word_name():
    assert simplest(attribute_values()) == "Ana"


@pytest.mark.parametrize(
    "condition",
    [
        lambda value: value == "",
        lambda value: value != "" and value.strip() == "",
        lambda value: not ampsms.sms.is_gsm(value),
        lambda value: "’" in value,
        lambda value: len(value) >= 200,
    ],
    ids=["empty", "white space", "non-GSM", "smart quote", "very long"],
)
def test_attribute_values_reach(condition):
    assert condition(find(attribute_values(), condition))


@given(attribute_values())
def test_attribute_values_fit_context(value):
    assert make_context(attributes={"Name": value}).attributes["name"] == value


# ------------------------------------------------------------- HTTP replies


@given(http_replies())
def test_http_replies_are_valid_mocks(reply):
    client = make_context(http={"https://x.example/": reply}).http
    assert client.get("https://x.example/").body == (reply if isinstance(reply, str) else reply["body"])


@pytest.mark.parametrize(
    "condition",
    [
        lambda reply: reply == "",
        lambda reply: isinstance(reply, dict) and reply["status"] >= 500,
        lambda reply: isinstance(reply, str) and len(reply) > 160,
        lambda reply: isinstance(reply, str) and not ampsms.sms.is_gsm(reply),
    ],
    ids=["empty", "server error", "long", "non-GSM"],
)
def test_http_replies_reach(condition):
    assert condition(find(http_replies(), condition))


@given(contexts(attributes=["FirstName", "City"], urls=["https://q.example/a"]))
def test_contexts_are_valid(parts):
    context = make_context(**parts)
    assert set(context.attributes) == {"firstname", "city"}
    assert set(parts["http"]) == {"https://q.example/a", "*"}


# ---------------------------------------------------------------- templates


@given(templates())
def test_templates_parse(source):
    document = ampsms.parse(source)
    assert isinstance(document, nodes.Document)


@given(templates(parseable=False))
def test_parse_errors_are_syntax_errors(source):
    # Only AmpscriptSyntaxError may escape, and it must point into the text.
    try:
        ampsms.parse(source)
    except ampsms.AmpscriptSyntaxError as error:
        assert error.line is not None
        assert 1 <= error.line <= source.count("\n") + source.count("\r") + 1


def _loop_count(document: nodes.Document) -> int:
    return sum(isinstance(node, nodes.For) for node in document.walk())


@given(templates(), contexts(attributes=["FirstName", "City", "Points"], keywords=["JOIN", "STOP"]))
def test_render_raises_only_template_errors(source, parts):
    # One loop at most: a string doubled in nested loops grows without
    # bound, and the engine has no cap on the size of a value.
    assume(_loop_count(ampsms.parse(source)) <= 1)
    try:
        template = ampsms.compile(source)
    except ampsms.AmpscriptSyntaxError:
        return
    try:
        result = template.run(context=make_context(**parts))
    except ampsms.AmpscriptError as error:
        assert error.message
        return
    assert isinstance(result.text, str)


@given(programs())
def test_programs_compile(source):
    assert isinstance(ampsms.compile(source), ampsms.Template)


@given(programs(), contexts(attributes=["FirstName", "City", "Points"], keywords=["JOIN", "STOP"]))
def test_programs_raise_only_template_errors(source, parts):
    template = ampsms.compile(source)
    try:
        result = template.run(context=make_context(**parts))
    except ampsms.AmpscriptRuntimeError as error:
        assert error.message
        return
    assert isinstance(result.text, str)


@given(attribute_values("AppointmentDate"))
def test_date_attributes_are_dates_or_blank(value):
    assert value.strip() == "" or parse_date(value) is not None


@given(attribute_values("LoyaltyPoints"))
def test_number_attributes_are_numbers_or_blank(value):
    assert value.strip() == "" or try_number(value) is not None


@given(attribute_values("MobilePhone"))
def test_phone_attributes_hold_digits_or_blank(value):
    assert value == "" or any(c.isdigit() for c in value)


@given(attribute_values("Email"))
def test_email_attributes_are_addresses_or_blank(value):
    assert value == "" or "@" in value


def test_untyped_attribute_simplest_is_name():
    assert simplest(attribute_values("FullName")) == "Ana"


def test_http_reply_simplest_is_ok():
    assert simplest(http_replies()) == "OK"
