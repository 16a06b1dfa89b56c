"""AttributeValue, IsNullDefault, IsPhoneNumber, IsEmailAddress, Domain, GUID, RaiseError, RedirectTo, WrapLongURL and Random."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ampsms
from rendering import render, runtime_error, syntax_error

DATA_EXTENSIONS = Path(__file__).parent / "data" / "de"


# ------------------------------------------------------------- AttributeValue


def test_attributevalue_found():
    assert render('%%=AttributeValue("First Name")=%%', attributes={"First Name": "Ana"}) == "Ana"


def test_attributevalue_ignores_case():
    assert render('%%=AttributeValue("first name")=%%', attributes={"First Name": "Ana"}) == "Ana"


def test_attributevalue_unknown_is_empty():
    assert render('[%%=AttributeValue("nope")=%%]') == "[]"


def test_attributevalue_unknown_is_empty_in_strict_mode():
    assert render('[%%=AttributeValue("nope")=%%]', strict=True) == "[]"


def test_attributevalue_unknown_is_empty_not_null():
    assert render('%%=Empty(AttributeValue("nope"))=%%') == "True"


def test_attributevalue_mobile_number():
    assert render('%%=AttributeValue("MOBILE_NUMBER")=%%', mobile_number="15555551212") == "15555551212"


def test_attributevalue_message_context():
    assert render('%%=AttributeValue("_messagecontext")=%%') == "SMS"


def test_attributevalue_from_variable():
    source = '%%[ SET @f = "City" ]%%%%=AttributeValue(@f)=%%'
    assert render(source, attributes={"city": "Oslo"}) == "Oslo"


def test_attributevalue_empty_name():
    assert "attribute name is empty" in runtime_error('%%=AttributeValue("")=%%').message


def test_attributevalue_arity():
    assert "AttributeValue takes 1 argument" in syntax_error('%%=AttributeValue("a", "b")=%%').message


def test_attributevalue_no_arguments():
    assert "AttributeValue takes 1 argument" in syntax_error("%%=AttributeValue()=%%").message


# -------------------------------------------------------------- IsNullDefault


def test_isnulldefault_unset_variable_is_not_null():
    assert render('[%%=IsNullDefault(@unset, "x")=%%]') == "[]"


def test_isnulldefault_empty_text_is_not_null():
    assert render('[%%=IsNullDefault("", "x")=%%]') == "[]"


def test_isnulldefault_value_kept():
    assert render('%%=IsNullDefault("a", "x")=%%') == "a"


def test_isnulldefault_database_null():
    source = '%%=IsNullDefault(Lookup("Stores", "Phone", "StoreID", 3), "no phone")=%%'
    assert render(source, data_extensions=DATA_EXTENSIONS) == "no phone"


def test_isnulldefault_database_value():
    source = '%%=IsNullDefault(Lookup("Stores", "Name", "StoreID", 3), "no name")=%%'
    assert render(source, data_extensions=DATA_EXTENSIONS) == "Grünerløkka"


def test_isnulldefault_arity():
    assert "IsNullDefault takes 2 arguments" in syntax_error("%%=IsNullDefault(1)=%%").message


# -------------------------------------------------------------- IsPhoneNumber


@pytest.mark.parametrize(
    "number",
    [
        "3175551212",
        "317-555-1212",
        "317.555.1212",
        "317 555 1212",
        "(317) 555-1212",
        "(317)555-1212",
        "13175551212",
        "1-317-555-1212",
        "+1 317 555 1212",
        "+13175551212",
        " 317-555-1212 ",
    ],
)
def test_isphonenumber_accepts(number):
    assert render(f'%%=IsPhoneNumber("{number}")=%%') == "True"


@pytest.mark.parametrize(
    "number",
    [
        "",
        "555-1212",
        "117-555-1212",
        "317-155-1212",
        "317-555-12123",
        "+44 20 7946 0958",
        "23175551212",
        "317-555-121a",
        "(317 555-1212",
        "317--555-1212",
        "317-555-1212 x12",
    ],
)
def test_isphonenumber_rejects(number):
    assert render(f'%%=IsPhoneNumber("{number}")=%%') == "False"


def test_isphonenumber_number_argument():
    assert render("%%=IsPhoneNumber(3175551212)=%%") == "True"


def test_isphonenumber_unset():
    assert render("%%=IsPhoneNumber(@unset)=%%") == "False"


# ------------------------------------------------------------- IsEmailAddress


@pytest.mark.parametrize(
    "address",
    ["ana@example.com", "ana.lee+sms@mail.example.co.uk", "a_b-c@ex-ample.io", "x@y.museum", "o'neil@example.ie"],
)
def test_isemailaddress_accepts(address):
    assert render(f'%%=IsEmailAddress("{address}")=%%') == "True"


@pytest.mark.parametrize(
    "address",
    [
        "",
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "ana@@example.com",
        "ana@example..com",
        "ana.@example.com",
        ".ana@example.com",
        "ana..lee@example.com",
        "ana lee@example.com",
        " ana@example.com",
        "ana@-example.com",
        "ana@example.c",
        "ana@[127.0.0.1]",
        "anä@example.com",
    ],
)
def test_isemailaddress_rejects(address):
    assert render(f'%%=IsEmailAddress("{address}")=%%') == "False"


def test_isemailaddress_local_part_limit():
    assert render(f'%%=IsEmailAddress("{"a" * 65}@example.com")=%%') == "False"


def test_isemailaddress_total_length_limit():
    domain = ".".join(["a" * 60] * 5) + ".com"
    assert render(f'%%=IsEmailAddress("ana@{domain}")=%%') == "False"


# --------------------------------------------------------------------- Domain


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("ana@example.com", "example.com"),
        ("Ana@Example.COM", "Example.COM"),
        ("a@b@c.io", "c.io"),
        ("no-at-sign", ""),
        ("", ""),
        (" ana@example.com ", "example.com"),
    ],
)
def test_domain_values(address, expected):
    assert render(f'[%%=Domain("{address}")=%%]') == f"[{expected}]"


def test_domain_arity():
    assert "Domain takes 1 argument" in syntax_error("%%=Domain()=%%").message


# ----------------------------------------------------------------------- GUID

GUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")


def test_guid_shape():
    assert GUID_SHAPE.match(render("%%=GUID()=%%"))


def test_guid_new_each_call():
    first, second = render("%%=GUID()=%%|%%=GUID()=%%").split("|")
    assert first != second


def test_guid_seeded_repeats():
    assert render("%%=GUID()=%%", seed=7) == render("%%=GUID()=%%", seed=7)


def test_guid_seeds_differ():
    assert render("%%=GUID()=%%", seed=7) != render("%%=GUID()=%%", seed=8)


def test_guid_rejects_argument():
    assert "GUID takes 0 arguments" in syntax_error("%%=GUID(1)=%%").message


# ------------------------------------------------------------------ RaiseError


def test_raiseerror_stops_render():
    error = runtime_error('Hi %%[ RaiseError("No code") ]%% there')
    assert isinstance(error, ampsms.RaiseErrorCalled)
    assert error.message == "No code"


def test_raiseerror_empty_message():
    assert runtime_error('%%[ RaiseError("") ]%%').message == "RaiseError was called with an empty message"


def test_raiseerror_defaults_to_whole_send():
    assert runtime_error('%%[ RaiseError("No code") ]%%').skip_subscriber_only is False


def test_raiseerror_skip_subscriber_only():
    assert runtime_error('%%[ RaiseError("No code", true) ]%%').skip_subscriber_only is True


def test_raiseerror_skip_flag_as_text():
    assert runtime_error('%%[ RaiseError("No code", "1") ]%%').skip_subscriber_only is True


def test_raiseerror_api_codes():
    error = runtime_error('%%[ RaiseError("Bad", false, "E42", 42, true) ]%%')
    assert (error.api_error_code, error.api_error_number, error.keep_data_extension_writes) == ("E42", 42, True)


def test_raiseerror_to_dict():
    data = runtime_error('%%[ RaiseError("Bad", true, "E42", 42) ]%%').to_dict()
    assert (data["kind"], data["skip_subscriber_only"], data["api_error_code"], data["api_error_number"]) == (
        "raise-error",
        True,
        "E42",
        42,
    )


def test_raiseerror_position_and_function():
    error = runtime_error('ab\n%%[ IF Empty(@code) THEN RaiseError("No code", true) ENDIF ]%%')
    assert (error.line, error.column, error.function) == (2, 26, "RaiseError")


def test_raiseerror_in_untaken_branch():
    assert render('%%[ IF 1 == 2 THEN RaiseError("x") ENDIF ]%%ok') == "ok"


def test_raiseerror_decimal_error_number():
    assert runtime_error('%%[ RaiseError("x", false, "c", 1.5) ]%%').function == "RaiseError"


def test_raiseerror_arity():
    assert "RaiseError takes 1 to 5 arguments" in syntax_error('%%[ RaiseError("a", 1, 2, 3, 4, 5) ]%%').message


# ------------------------------------------------------- RedirectTo, WrapLongURL


def test_redirectto_returns_url():
    assert render('%%=RedirectTo("http://example.com")=%%') == "http://example.com"


def test_redirectto_empty():
    assert render('[%%=RedirectTo("")=%%]') == "[]"


def test_redirectto_variable():
    assert render('%%[ SET @link = "https://x.io/a?b=1" ]%%%%=RedirectTo(@link)=%%') == "https://x.io/a?b=1"


def test_redirectto_arity():
    assert "RedirectTo takes 1 argument" in syntax_error('%%=RedirectTo("a", "b")=%%').message


def test_wraplongurl_returns_url():
    url = "https://example.com/" + "a" * 1200
    assert render(f'%%=WrapLongURL("{url}")=%%') == url


def test_wraplongurl_arity():
    assert "WrapLongURL takes 1 argument" in syntax_error("%%=WrapLongURL()=%%").message


# --------------------------------------------------------------------- Random


def test_random_within_bounds():
    values = {int(render("%%=Random(1, 6)=%%", seed=seed)) for seed in range(60)}
    assert values == {1, 2, 3, 4, 5, 6}


def test_random_bounds_any_order():
    values = {int(render("%%=Random(6, 1)=%%", seed=seed)) for seed in range(60)}
    assert values == {1, 2, 3, 4, 5, 6}


def test_random_equal_bounds():
    assert render("%%=Random(5, 5)=%%") == "5"


def test_random_whole_number_text():
    assert render('%%=Random("5", "5")=%%') == "5"


def test_random_negative_bounds():
    assert render("%%=Random(-3, -3)=%%") == "-3"


def test_random_seeded_repeats():
    source = "%%=Random(1, 1000000)=%% %%=Random(1, 1000000)=%%"
    assert render(source, seed=42) == render(source, seed=42)


def test_random_shares_seed_with_guid():
    source = "%%=Random(1, 1000000)=%% %%=GUID()=%%"
    assert render(source, seed=3) == render(source, seed=3)


@pytest.mark.parametrize("call", ["Random(1.5, 3)", "Random(1.0, 3)", 'Random("1.0", 3)', 'Random("a", 3)', "Random(1, true)", 'Random("", 3)'])
def test_random_bad_bounds(call):
    assert runtime_error(f"%%={call}=%%").function == "Random"


def test_random_bound_beyond_int32():
    assert "32-bit" in runtime_error("%%=Random(1, 3000000000)=%%").message


def test_random_arity():
    assert "Random takes 2 arguments" in syntax_error("%%=Random(1)=%%").message
