"""Math functions, rendered end to end, with Marketing Cloud's printed results."""

from __future__ import annotations

import pytest

import ampsms

RESULTS = [
    ('Add("5", "42")', "47"),
    ("Add(2147483647, 2147483647)", "4294967294"),
    ("Subtract(42.51, 5)", "37.51"),
    ("Subtract(1.5, 2.25)", "-0.75"),
    ("Multiply(3, 9.99)", "29.97"),
    ("Divide(1, 3)", "0.333333333333333"),
    ("Divide(1, 0)", "∞"),
    ("Divide(0, 0)", "NaN"),
    ("Mod(10, 3)", "1"),
    ("Mod(-10, 3)", "-1"),
    ("Mod(10, -3)", "1"),
    ("Mod(10.5, 3)", "1.5"),
    ("Mod(-500.123, 12.456)", "-1.88300000000001"),
    ("Mod(7, 0)", "NaN"),
]


@pytest.mark.parametrize(("call", "expected"), RESULTS)
def test_math_result(call, expected):
    assert ampsms.render(f"%%={call}=%%") == expected


@pytest.mark.parametrize("call", ['Mod("abc", 3)', 'Mod(10, "")', "Mod(true, 3)", "Add(Now(), 1)"])
def test_math_rejects_non_numbers(call):
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        ampsms.render(f"%%={call}=%%")


def test_mod_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile("%%=Mod(10)=%%")
