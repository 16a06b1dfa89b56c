"""Utility functions: V, Empty, IsNull, IIf, Output, AttributeValue, GUID, RaiseError and checks of phone numbers and email addresses."""

from __future__ import annotations

import re
import uuid

from ..errors import RaiseErrorCalled
from ..values import DB_NULL, is_true, to_text
from .math import random_source
from .registry import FunctionError, builtin, whole_number_arg


@builtin("V", 1, 1, signature="V(value)", example="V(Add(2, 3)) -> 5", category="Utility")
def v(state, value):
    """Return the value as text; null prints as "". ``V("p")`` is the letter p, not a lookup."""
    return to_text(value)


@builtin("Empty", 1, 1, signature="Empty(value)", example='Empty("") -> True', category="Utility")
def empty(state, value):
    """Return True for null, an unset variable or "", else False.

    Whitespace, 0, "0" and "false" are not empty.
    """
    return value is None or value is DB_NULL or value == ""


@builtin("IsNull", 1, 1, signature="IsNull(value)", example='IsNull("") -> False', category="Utility")
def is_null(state, value):
    """Return True only for a database null read from a data extension field.

    Unset variables and "" are not null for IsNull; use Empty to test for a
    missing value.
    """
    return value is DB_NULL


@builtin(
    "IIf",
    3,
    3,
    signature="IIf(condition, whenTrue, whenFalse)",
    example='IIf(Empty(@name), "there", @name)',
    category="Utility",
    lazy=True,
)
def iif(state, condition, when_true, when_false):
    """Return ``whenTrue`` if the condition is true, else ``whenFalse``, evaluating only that one.

    A condition that is not a boolean selects ``whenFalse`` unless it is 1,
    "1" or "true".
    """
    if is_true(condition()):
        return when_true()
    return when_false()


@builtin(
    "Output",
    0,
    None,
    signature="Output(call1 [, call2, ...])",
    example="Output(Concat(\"Hi \", @name))",
    category="Utility",
    writes_output=True,
)
def output(state, *values):
    """Write the value of each function-call argument at the position of the code block.

    An argument that is a literal or a variable writes nothing, as observed on
    Marketing Cloud: wrap it, as in ``Output(V(@name))``.
    """
    state.out.extend([to_text(value) for value in values])


@builtin(
    "OutputLine",
    0,
    None,
    signature="OutputLine(call1 [, call2, ...])",
    example="OutputLine(V(@line))",
    category="Utility",
    writes_output=True,
)
def output_line(state, *values):
    """Write like Output, then a CR LF line break.

    With no function-call argument only the line break is written.
    """
    state.out.extend([to_text(value) for value in values])
    state.out.append("\r\n")


@builtin(
    "AttributeValue",
    1,
    1,
    signature="AttributeValue(name)",
    example='AttributeValue("First Name") -> Ana',
    category="Utility",
)
def attribute_value(state, name):
    """Return the value of a contact attribute or system string, matched without regard to case.

    An attribute the context does not have gives "" without an error, even
    in strict mode, which makes this the safe way to read an attribute that
    may be missing. An empty name is an error.
    """
    key = to_text(name).strip()
    if not key:
        raise FunctionError("the attribute name is empty", hint='pass the attribute name, as in AttributeValue("First Name")')
    found, value = state.attribute(key)
    return value if found else ""


@builtin(
    "IsNullDefault",
    2,
    2,
    signature="IsNullDefault(value, default)",
    example='IsNullDefault(Field(@row, "Nickname"), "friend")',
    category="Utility",
)
def is_null_default(state, value, default):
    """Return ``default`` when the value is a database null, else the value.

    The test is IsNull's: only a null read from a data extension field
    counts, so an unset variable or "" is returned as it is.
    """
    return default if value is DB_NULL else value


# A North American (NANP) number: an optional +1 or 1, a three-digit area
# code (optionally in parentheses) and a seven-digit number, separated by
# nothing, spaces, dots or hyphens. Area codes and exchanges start with 2-9.
_US_PHONE = re.compile(
    r"(?:\+?1[ .-]?)?(?:\((?P<area1>[2-9]\d\d)\)|(?P<area2>[2-9]\d\d))[ .-]?[2-9]\d\d[ .-]?\d{4}",
    re.ASCII,
)


@builtin(
    "IsPhoneNumber",
    1,
    1,
    signature="IsPhoneNumber(text)",
    example='IsPhoneNumber("(317) 555-1212") -> True',
    category="Utility",
)
def is_phone_number(state, text):
    """Return True when the text is a valid US phone number, else False.

    Marketing Cloud validates US numbers only. ampsms accepts ten digits,
    optionally after ``1`` or ``+1``, grouped as 3-3-4 with spaces, dots or
    hyphens (``317-555-1212``, ``(317) 555-1212``, ``+1 317.555.1212``,
    ``13175551212``). The area code and the exchange must start with 2-9.
    Surrounding whitespace is ignored; letters, extensions and numbers of
    other countries give False.
    """
    # NOTE: Marketing Cloud documents only "a valid US phone number"; the
    # accepted spellings above are ampsms's reading of that rule.
    return _US_PHONE.fullmatch(to_text(text).strip()) is not None


_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})",
    re.ASCII,
)


@builtin(
    "IsEmailAddress",
    1,
    1,
    signature="IsEmailAddress(text)",
    example='IsEmailAddress("ana@example.com") -> True',
    category="Utility",
)
def is_email_address(state, text):
    """Return True when the text is a valid email address, else False.

    ampsms accepts ``local@domain`` where the local part is at most 64
    characters of letters, digits and ``!#$%&'*+/=?^_`{|}~-`` in dot-separated
    runs, and the domain is at least two dot-separated labels of letters,
    digits and inner hyphens, ending in a top-level domain of two or more
    letters. The whole address is at most 254 characters. Quoted local
    parts, IP-address domains, non-ASCII characters and surrounding
    whitespace give False.
    """
    address = to_text(text)
    match = _EMAIL.fullmatch(address)
    return match is not None and len(address) <= 254 and len(match.group("local")) <= 64


@builtin(
    "Domain",
    1,
    1,
    signature="Domain(emailAddress)",
    example='Domain("ana@example.com") -> example.com',
    category="Utility",
)
def domain(state, address):
    """Return the domain of an email address: the text after its last ``@``, or "" without one.

    Surrounding whitespace is ignored and the domain keeps its case.
    """
    text = to_text(address).strip()
    at = text.rfind("@")
    return text[at + 1 :] if at >= 0 else ""


@builtin(
    "GUID",
    0,
    0,
    signature="GUID()",
    example="GUID() -> 7c9e6679-7425-40de-944b-e07fc1f90ae7 (new each call)",
    category="Utility",
)
def guid(state):
    """Return a new random version-4 GUID: 36 characters, lower-case hex, no braces.

    A seed in the render context makes the values repeatable.
    """
    bits = random_source(state).getrandbits(128)
    return str(uuid.UUID(int=bits, version=4))


@builtin(
    "RaiseError",
    1,
    5,
    signature="RaiseError(message [, skipSubscriberOnly [, apiErrorCode [, apiErrorNumber [, keepDEWrites]]]])",
    example='RaiseError("No code on file", true)',
    category="Utility",
)
def raise_error(state, message, skip_subscriber_only=False, api_error_code=None, api_error_number=None, keep_de_writes=False):
    """Stop the render with the message; no text is sent for this contact.

    With ``skipSubscriberOnly`` true Marketing Cloud skips only this contact
    and the send goes on; with false (the default) the whole send stops.
    The error carries that flag, the API error code and number, and the
    ``keepDEWrites`` flag, which keeps data extension writes made before the
    error. An empty message is replaced by one that names RaiseError.
    """
    code = to_text(api_error_code) or None
    number = None
    if api_error_number is not None and api_error_number != "":
        number = whole_number_arg(api_error_number, 4)
    text = to_text(message) or "RaiseError was called with an empty message"
    raise RaiseErrorCalled(
        text,
        skip_subscriber_only=is_true(skip_subscriber_only),
        api_error_code=code,
        api_error_number=number,
        keep_data_extension_writes=is_true(keep_de_writes),
        function="RaiseError",
    )


@builtin(
    "RedirectTo",
    1,
    1,
    signature="RedirectTo(url)",
    example='RedirectTo("https://example.com/offer") -> https://example.com/offer',
    category="Utility",
)
def redirect_to(state, url):
    """Return the URL as text: click tracking applies to email sends, not to SMS. Null gives ""."""
    return to_text(url)


@builtin(
    "WrapLongURL",
    1,
    1,
    signature="WrapLongURL(url)",
    example='WrapLongURL("https://example.com/a/very/long/path") -> https://example.com/a/very/long/path',
    category="Utility",
)
def wrap_long_url(state, url):
    """Return the URL unchanged.

    In a tracked email send Marketing Cloud wraps long URLs in a shorter
    tracking link, so that old Outlook versions do not break them. An SMS
    render has no such tracking, so the URL comes back as it is.
    """
    return to_text(url)
