"""Format, FormatNumber and FormatCurrency: .NET format strings, rounding and cultures."""

from __future__ import annotations

from datetime import datetime

import pytest

import ampsms
from ampsms.compiler import RenderState
from ampsms.functions import lookup
from rendering import render, runtime_error, syntax_error

NBSP = "\u00a0"


# --------------------------------------------------------------- FormatNumber


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('FormatNumber(123.4451, "N2")', "123.45"),
        ('FormatNumber("1234.56", "N")', "1,234.56"),
        ('FormatNumber("1,234.56", "G", "en_US")', "1234.56"),
        ('FormatNumber("123.4451", "C2", "de_DE")', "123,45 €"),
        ('FormatNumber(Divide(42, 326), "P3")', "12.883%"),
        ('FormatNumber(1234.555, "P")', "123,455.50%"),
        ('FormatNumber(2.5, "N0")', "3"),
        ('FormatNumber(-2.5, "N0")', "-3"),
        ('FormatNumber(1.005, "N2")', "1.01"),
        ('FormatNumber(123.445, "N2")', "123.45"),
        ('FormatNumber(1234.567, "n2")', "1,234.57"),
        ('FormatNumber(1234.567, "F")', "1234.57"),
        ('FormatNumber(1234.567, "F0")', "1235"),
        ('FormatNumber(1234.555, "E")', "1.234555E+003"),
        ('FormatNumber(1234.555, "e2")', "1.23e+003"),
        ('FormatNumber(1234.5, "G")', "1234.5"),
        ('FormatNumber(0.00001, "G")', "1E-05"),
        ('FormatNumber(Divide(1, 3), "R")', "0.33333333333333331"),
        ('FormatNumber(Add(0.1, 0.2), "R")', "0.30000000000000004"),
        ('FormatNumber(42, "D5")', "00042"),
        ('FormatNumber(-42, "D")', "-42"),
        ('FormatNumber(255, "X")', "FF"),
        ('FormatNumber(255, "x4")', "00ff"),
        ('FormatNumber(1234.5, "C")', "$1,234.50"),
        ('FormatNumber(-1234.5, "C")', "($1,234.50)"),
        ('FormatNumber(0, "N2")', "0.00"),
        ('FormatNumber(-0.001, "N2")', "0.00"),
        ('FormatNumber(1234.56, "#,##0.00")', "1,234.56"),
        ('FormatNumber(-1234.56, "#0.00;(#0.00)")', "(1234.56)"),
        ('FormatNumber(1234.56, "#0.00;(#0.00)")', "1234.56"),
        ('FormatNumber(0, "#0.00;(#0.00);zero")', "zero"),
        ('FormatNumber(-0.001, "0.00;(0.00);zero")', "zero"),
        ('FormatNumber(-5, "#;")', "-5"),
        ('FormatNumber(0.5, "#.##")', ".5"),
        ('FormatNumber(0.5, "0%")', "50%"),
        ('FormatNumber(1234567, "#,,")', "1"),
        ('FormatNumber(1234567, "#,#")', "1,234,567"),
        ('FormatNumber(12345.678, "0.00E+00")', "1.23E+04"),
        ('FormatNumber(5, "\'#\'0")', "#5"),
        ('FormatNumber(1234.5, "$#,##0.00")', "$1,234.50"),
        ('FormatNumber(1234.56, "qqqq")', "qqqq"),
        ('FormatNumber(9.995, "N2")', "10.00"),
        ('FormatNumber(Divide(1, 0), "N2")', "∞"),
        ('FormatNumber(Divide(0, 0), "N2")', "NaN"),
    ],
)
def test_formatnumber_values(call, expected):
    assert render(f"%%={call}=%%") == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "1,234,567.89"),
        ("en_US", "1,234,567.89"),
        ("EN-us", "1,234,567.89"),
        ("en-GB", "1,234,567.89"),
        ("de-DE", "1.234.567,89"),
        ("fr-FR", f"1{NBSP}234{NBSP}567,89"),
        ("es-ES", "1.234.567,89"),
        ("it-IT", "1.234.567,89"),
        ("nl-NL", "1.234.567,89"),
        ("pt-BR", "1.234.567,89"),
        ("ja-JP", "1,234,567.89"),
        ("de", "1.234.567,89"),
        ("", "1,234,567.89"),
        ("xx-XX", "1,234,567.89"),
        ("English", "1,234,567.89"),
    ],
)
def test_formatnumber_locales(locale, expected):
    assert render(f'%%=FormatNumber(1234567.891, "N2", "{locale}")=%%') == expected


@pytest.mark.parametrize("value", ['"abc"', '""', "@unset", "true"])
def test_formatnumber_not_a_number_is_empty(value):
    assert render(f'%%=FormatNumber({value}, "N2")=%%') == ""


def test_formatnumber_unknown_standard_letter():
    assert "not a standard numeric format" in runtime_error('%%=FormatNumber(5, "Q")=%%').message


def test_formatnumber_d_needs_whole_number():
    assert "whole numbers only" in runtime_error('%%=FormatNumber(1.5, "D")=%%').message


def test_formatnumber_negative_hex_not_supported():
    assert "not supported" in runtime_error('%%=FormatNumber(-1, "X")=%%').message


def test_formatnumber_real_unsupported_culture():
    error = runtime_error('%%=FormatNumber(5, "N", "sv-SE")=%%')
    assert "'sv-SE' is not supported" in error.message


def test_formatnumber_arity_fails_in_dead_branch():
    source = '%%[ IF 1 == 2 THEN SET @x = FormatNumber(1) ENDIF ]%%'
    assert "FormatNumber takes 2 to 3 arguments" in syntax_error(source).message


# ------------------------------------------------------------- FormatCurrency


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('FormatCurrency(1234.555, "en-US")', "$1,234.56"),
        ('FormatCurrency(1234.555, "de-DE")', "1.234,56 €"),
        ('FormatCurrency(-1234.555, "en-US")', "($1,234.56)"),
        ('FormatCurrency(-1234.555, "de-DE")', "-1.234,56 €"),
        ('FormatCurrency(1234.555, "en-GB")', "£1,234.56"),
        ('FormatCurrency(-1234.555, "en-GB")', "-£1,234.56"),
        ('FormatCurrency(1234.555, "fr-FR")', f"1{NBSP}234,56 €"),
        ('FormatCurrency(1234.555, "es-ES")', "1.234,56 €"),
        ('FormatCurrency(1234.555, "it-IT")', "1.234,56 €"),
        ('FormatCurrency(1234.555, "nl-NL")', "€ 1.234,56"),
        ('FormatCurrency(-1234.555, "nl-NL")', "€ -1.234,56"),
        ('FormatCurrency(1234.555, "pt-BR")', "R$ 1.234,56"),
        ('FormatCurrency(-1234.555, "pt-BR")', "-R$ 1.234,56"),
        ('FormatCurrency(1234.555, "ja-JP")', "¥1,235"),
        ('FormatCurrency(1234.555, "")', "$1,234.56"),
        ('FormatCurrency(1234.555, "xx-XX")', "¤1,234.56"),
        ('FormatCurrency(1234.555, "en_US")', "$1,234.56"),
        ('FormatCurrency(1234.555, "en-US", 0)', "$1,235"),
        ('FormatCurrency(1234.555, "en-US", 3)', "$1,234.555"),
        ('FormatCurrency(1234.555, "ja-JP", 2)', "¥1,234.56"),
        ('FormatCurrency(1234.555, "en-US", 2, "US$")', "US$1,234.56"),
        ('FormatCurrency(1234.555, "de-DE", "", "EUR")', "1.234,56 EUR"),
        ('FormatCurrency(1234.555, "en-US", 2, "")', "$1,234.56"),
        ('FormatCurrency("1,234.5", "en-US")', "$1,234.50"),
        ('FormatCurrency("abc", "en-US")', ""),
    ],
)
def test_formatcurrency_values(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_formatcurrency_negative_decimals():
    assert "from 0 to 99" in runtime_error('%%=FormatCurrency(1, "en-US", -1)=%%').message


def test_formatcurrency_decimal_decimals():
    assert runtime_error('%%=FormatCurrency(1, "en-US", 1.5)=%%').function == "FormatCurrency"


def test_formatcurrency_needs_locale():
    assert "FormatCurrency takes 2 to 4 arguments" in syntax_error("%%=FormatCurrency(1)=%%").message


# --------------------------------------------------------------------- Format


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('Format(1234.5, "N2")', "1,234.50"),
        ('Format(12345, "C", "Numeric")', "$12,345.00"),
        ('Format(1234.555, "C2", "", "de-DE")', "1.234,56 €"),
        ('Format(1234.555, "E")', "1.234555E+003"),
        ('Format("1234.5", "N1")', "1,234.5"),
        ('Format(-1234.555, "C")', "($1,234.56)"),
        ('Format(1234.5, "N2", "numeric", "fr-FR")', f"1{NBSP}234,50"),
    ],
)
def test_format_numbers(call, expected):
    assert render(f"%%={call}=%%") == expected


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('Format("2023-06-01T14:00:00.0", "D", "Date")', "Thursday, June 1, 2023"),
        ('Format("2023-06-01T14:00:00.0", "d", "Date")', "6/1/2023"),
        ('Format("2024-02-29 08:05:00", "dd MMM yyyy", "Date")', "29 Feb 2024"),
        ('Format("2024-02-29 08:05:00", "dd MMM yyyy")', "29 Feb 2024"),
        ('Format("2024-07-04 18:05:09", "yyyy-MM-dd HH:mm:ss", "date")', "2024-07-04 18:05:09"),
        ('Format("2024-07-04 18:05:09", "hh:mm tt", "Date")', "06:05 PM"),
        ('Format("2024-07-04 18:05:09", "G", "Date")', "7/4/2024 6:05:09 PM"),
        ('Format("2024-07-04 18:05:09", "t", "Date")', "6:05 PM"),
        ('Format("2024-07-04 18:05:09", "s", "Date")', "2024-07-04T18:05:09"),
        ('Format("2024-07-04 18:05:09", "u", "Date")', "2024-07-04 18:05:09Z"),
        ('Format("2024-07-04 18:05:09", "r", "Date")', "Thu, 04 Jul 2024 18:05:09 GMT"),
        ('Format("2024-07-04 18:05:09", "o", "Date")', "2024-07-04T18:05:09.0000000"),
        ('Format("2024-07-04 18:05:09", "M", "Date")', "July 4"),
        ('Format("2024-07-04 18:05:09", "y", "Date")', "July 2024"),
        ('Format("2024-07-04 18:05:09", "dddd", "Date")', "Thursday"),
        ('Format("2024-07-04 18:05:09", "ddd", "Date")', "Thu"),
        ('Format("2024-07-04 18:05:09", "zzz", "Date")', "-06:00"),
        ('Format("2024-07-04 18:05:09", "\'Day\' d", "Date")', "Day 4"),
        ('Format("2024-07-04", "D", "Date", "de-DE")', "Donnerstag, 4. Juli 2024"),
        ('Format("2024-07-04", "d", "Date", "de-DE")', "04.07.2024"),
        ('Format("2024-07-04", "D", "Date", "fr-FR")', "jeudi 4 juillet 2024"),
        ('Format("2024-07-04", "D", "Date", "es-ES")', "jueves, 4 de julio de 2024"),
        ('Format("2024-07-04", "D", "Date", "it-IT")', "giovedì 4 luglio 2024"),
        ('Format("2024-07-04", "D", "Date", "nl-NL")', "donderdag 4 juli 2024"),
        ('Format("2024-07-04", "D", "Date", "pt-BR")', "quinta-feira, 4 de julho de 2024"),
        ('Format("2024-07-04", "D", "Date", "ja-JP")', "2024年7月4日"),
        ('Format("2024-07-04", "d", "Date", "en-GB")', "04/07/2024"),
        ('Format("2024-07-04", "MMMM", "Date", "fr-FR")', "juillet"),
    ],
)
def test_format_dates(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_format_date_value():
    state = RenderState(ampsms.make_context())
    assert lookup("Format").impl(state, datetime(2024, 7, 5, 9, 30), "g") == "7/5/2024 9:30 AM"


def test_format_minutes_are_minutes():
    # Unlike FormatDate, Format reads mm as minutes.
    assert render('%%=Format("2024-07-04 18:05:09", "dd/MM/yyyy HH:mm", "Date")=%%') == "04/07/2024 18:05"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('Format("not a date", "d", "Date")', "not a date"),
        ('Format("abc", "N2", "Numeric")', "abc"),
        ('Format("abc", "N2")', "abc"),
        ('Format(5, "d", "Date")', "5"),
    ],
)
def test_format_returns_unreadable_input(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_format_number_data_format_rejected():
    error = runtime_error('%%=Format(5, "N", "Number")=%%')
    assert 'not \'Number\'' in error.message


def test_format_unknown_date_letter():
    assert "not a standard date format" in runtime_error('%%=Format("2024-07-04", "Q", "Date")=%%').message


def test_format_unknown_culture_uses_invariant():
    assert render('%%=Format(1234.5, "C", "", "xx-XX")=%%') == "¤1,234.50"


def test_format_arity():
    assert "Format takes 2 to 4 arguments" in syntax_error("%%=Format(1)=%%").message
