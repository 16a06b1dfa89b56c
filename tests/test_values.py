"""The value model: printing, truth, numbers and case mapping."""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

import pytest

from ampsms.values import (
    DB_NULL,
    Row,
    RowSet,
    format_double,
    is_true,
    lower_text,
    to_text,
    try_number,
    upper_text,
)


@pytest.mark.parametrize(
    "value,printed",
    [
        (10 / 3, "3.33333333333333"),
        (math.fmod(-500.123, 12.456), "-1.88300000000001"),
        (3 * 9.99, "29.97"),
        (4294967294.0, "4294967294"),
        (1 / 3, "0.333333333333333"),
        (-0.75, "-0.75"),
        (5.0, "5"),
        (-0.0, "0"),
        (1e15, "1E+15"),
        (1.5e-7, "1.5E-07"),
        (123456789012345.0, "123456789012345"),
        (math.inf, "∞"),
        (-math.inf, "-∞"),
        (math.nan, "NaN"),
    ],
)
def test_format_double(value, printed):
    assert format_double(value) == printed


@pytest.mark.parametrize(
    "value,printed",
    [
        (None, ""),
        (True, "True"),
        (False, "False"),
        (0, "0"),
        (-12, "-12"),
        (Decimal("2.50"), "2.50"),
        (Decimal("-0.0"), "0.0"),
        (Decimal("1E-7"), "0.0000001"),
        (datetime(2023, 5, 1, 0, 0, 0), "5/1/2023 12:00:00 AM"),
        (datetime(2026, 3, 18, 13, 52, 7), "3/18/2026 1:52:07 PM"),
        (datetime(2026, 3, 18, 12, 5, 0), "3/18/2026 12:05:00 PM"),
        (DB_NULL, ""),
        (RowSet([Row(["Value"], ["a"])]), ""),
        ("text", "text"),
    ],
)
def test_to_text(value, printed):
    assert to_text(value) == printed


@pytest.mark.parametrize(
    "value,truth",
    [
        (None, False),
        ("", False),
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (2, False),
        (1.0, True),
        (Decimal("1.0"), True),
        (Decimal("1.5"), False),
        ("1", True),
        (" 1 ", True),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("yes", False),
        ("hello", False),
        ("0", False),
        (DB_NULL, False),
    ],
)
def test_is_true(value, truth):
    assert is_true(value) is truth


@pytest.mark.parametrize(
    "text,number",
    [
        ("15", 15),
        (" -3 ", -3),
        ("+4", 4),
        ("3.14", Decimal("3.14")),
        (".5", Decimal(".5")),
        ("5.", Decimal("5")),
        ("abc", None),
        ("", None),
        ("1,234", None),
        ("1e5", None),
        ("0x10", None),
    ],
)
def test_try_number_reads_numeric_text(text, number):
    assert try_number(text) == number


def test_try_number_rejects_booleans_and_dates():
    assert try_number(datetime(2026, 1, 1)) is None
    assert try_number(None) is None


@pytest.mark.parametrize(
    "text,lowered",
    [("HeLLo 123", "hello 123"), ("ÀÉÎ", "àéî"), ("ß", "ß"), ("\u0130stanbul", "istanbul"), ("ΣΑΣ", "σασ")],
)
def test_lower_text_one_to_one(text, lowered):
    assert lower_text(text) == lowered
    assert len(lower_text(text)) == len(text)


@pytest.mark.parametrize("text,uppered", [("en-us", "EN-US"), ("straße", "STRAßE"), ("ﬁ", "ﬁ"), ("àé", "ÀÉ")])
def test_upper_text_one_to_one(text, uppered):
    assert upper_text(text) == uppered


def test_row_columns_ignore_case():
    row = Row(["Name", "City"], ["Ana", "Oslo"])
    assert row.get("CITY") == (True, "Oslo")
    assert row.get("zip") == (False, None)
