"""Formatting functions: Format, FormatNumber and FormatCurrency, with .NET format strings and cultures."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

from ..dates import parse_date
from ..netformat import (
    INVARIANT,
    SUPPORTED_NAMES,
    Culture,
    FormatError,
    find_culture,
    format_date,
    format_number,
    is_real_culture_name,
    parse_number,
)
from ..values import to_text
from .registry import FunctionError, builtin, whole_number_arg

_US = find_culture("en-US")


def _culture(value, *, fallback: Culture) -> Culture:
    """Return the culture a locale argument names; "" means en-US, an unknown name ``fallback``.

    A real culture that ampsms has no data for is an error rather than a
    silently wrong format.
    """
    name = to_text(value).strip()
    if not name:
        return _US
    culture = find_culture(name)
    if culture is not None:
        return culture
    if is_real_culture_name(name):
        raise FunctionError(
            f"the culture {name!r} is not supported by ampsms",
            hint=f"use one of {', '.join(SUPPORTED_NAMES)}",
        )
    return fallback


def _number(value) -> float | None:
    """Return the number in a value, reading text leniently ("1,234.56"); None if there is none."""
    kind = type(value)
    if kind is int or kind is float or kind is Decimal:
        try:
            return float(value)
        except OverflowError:
            return None
    if kind is str:
        return parse_number(value)
    return None


def _format_number(number: float, pattern: str, culture: Culture) -> str:
    try:
        return format_number(number, pattern, culture)
    except FormatError as error:
        raise FunctionError(str(error)) from None


@builtin(
    "FormatNumber",
    2,
    3,
    signature="FormatNumber(number, format [, locale])",
    example='FormatNumber(1234.567, "N2") -> 1,234.57',
    category="Utility",
)
def format_number_function(state, value, pattern, locale=None):
    """Format a number with a .NET numeric format string: ``C D E F G N P R X`` with precision, or a custom pattern.

    Rounding is half away from zero on the number's 15 significant digits,
    so ``FormatNumber(1.005, "N2")`` is ``1.01``. Numeric text may contain
    thousands separators (``"1,234.56"``). Text that is not a number, null
    and booleans give "". The locale is a culture name such as ``en-US`` or
    ``de_DE``; an empty or unknown name formats as en-US.
    """
    number = _number(value)
    if number is None:
        # NOTE: Salesforce Labs' engine returns "" here; Marketing Cloud's
        # result for non-numeric input was not observed.
        return ""
    culture = _culture(locale, fallback=_US)
    return _format_number(number, to_text(pattern), culture)


@builtin(
    "FormatCurrency",
    2,
    4,
    signature="FormatCurrency(number, locale [, decimals [, symbol]])",
    example='FormatCurrency(-1234.555, "en-US") -> ($1,234.56)',
    category="Utility",
)
def format_currency(state, value, locale, decimals=None, symbol=None):
    """Format a number as money the way the locale writes it: symbol, its place, separators, negatives, decimals.

    ``decimals`` overrides the locale's number of decimals and ``symbol``
    replaces only the currency sign; an empty value keeps the locale's.
    Rounding is half away from zero. An empty locale formats as en-US and
    an unknown one uses the generic currency sign ¤, as Marketing Cloud does.
    Text that is not a number, null and booleans give "".
    """
    number = _number(value)
    if number is None:
        return ""
    culture = _culture(locale, fallback=INVARIANT)
    pattern = "C"
    if decimals is not None and decimals != "":
        count = whole_number_arg(decimals, 3)
        if not 0 <= count <= 99:
            raise FunctionError(f"the number of decimals must be from 0 to 99, got {count}")
        pattern = f"C{count}"
    glyph = to_text(symbol)
    if glyph:
        culture = dataclasses.replace(culture, currency_symbol=glyph)
    return _format_number(number, pattern, culture)


_DATA_FORMATS = ("date", "numeric", "")


@builtin(
    "Format",
    2,
    4,
    signature="Format(value, format [, dataFormat [, culture]])",
    example='Format(1234.5, "N2") -> 1,234.50',
    category="Utility",
)
def format_value(state, value, pattern, data_format=None, culture_name=None):
    """Format a number or a date with a .NET format string, in a culture (en-US by default).

    ``dataFormat`` is "Date" or "Numeric" (any case) to say how to read the
    value. Without it, or with "", a number or numeric text is formatted as
    a number, and a date or date text as a date. A value that cannot be read
    as the requested kind is returned unformatted. An unknown culture name
    formats with .NET's invariant culture data.
    """
    kind = to_text(data_format).strip().lower()
    if kind not in _DATA_FORMATS:
        # Project decision on Format's third argument: Marketing Cloud ran
        # "Date", "" and "Numeric" (the last through its SMS render path) but
        # aborted on "Number", although its documentation lists "Number".
        raise FunctionError(
            f"dataFormat must be \"Date\", \"Numeric\" or \"\", not {to_text(data_format)!r}",
            hint='Marketing Cloud rejects "Number" at run time; use "Numeric" or leave the argument out',
        )
    culture = _culture(culture_name, fallback=INVARIANT)
    text_pattern = to_text(pattern)

    if kind != "date":
        number = _number(value)
        if number is not None:
            return _format_number(number, text_pattern, culture)
        if kind == "numeric":
            return to_text(value)

    moment = _date(value)
    if moment is None:
        return to_text(value)
    try:
        return format_date(moment, text_pattern, culture)
    except FormatError as error:
        raise FunctionError(str(error)) from None


def _date(value) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if type(value) is str:
        return parse_date(value)
    return None
