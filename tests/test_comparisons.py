"""Comparison operators against Marketing Cloud's generated truth table.

Each row gives the result of ``L op R`` for the six operators, in the order
< <= == != >= >. The rows come from comparisons that Marketing Cloud's own
interpreter produced; every row is also checked with NOT, which inverts it.
"""

from __future__ import annotations

import pytest

import ampsms

OPERATORS = ["<", "<=", "==", "!=", ">=", ">"]

# (left expression, right expression, results for < <= == != >= >)
TABLE = [
    ("true", "false", "TFFTFT"),
    ("true", "0", "TFFTFT"),
    ("true", "0.0", "TFFTFT"),
    ("true", "1", "FTTFTF"),
    ("true", "1.5", "TFFTFT"),
    ("true", "2", "TFFTFT"),
    ("false", "0", "FTTFTF"),
    ("false", "0.0", "FTTFTF"),
    ("false", "1", "TFFTFT"),
    ("false", "1.5", "FTTFTF"),
    ("false", "2", "FTTFTF"),
    ("@null", "true", "TFFTFT"),
    ("@null", "false", "TFFTFT"),
    ("@null", "0", "TFFTFT"),
    ("@null", "1", "TFFTFT"),
    ("@null", "'0'", "TFFTFT"),
    ("@null", "'1'", "TFFTFT"),
    ("@null", "'a'", "TFFTFT"),
    ("@null", "0.0", "TFFTFT"),
    ("@null", "'0.0'", "TFFTFT"),
    ("@null", "0.5", "TFFTFT"),
    ("@null", "'0.5'", "TFFTFT"),
    ("0", "@null", "TFFTFT"),
    ("2147483647", "@null", "TFFTFT"),
    ("0", "1", "TTFTFF"),
    ("0", "9223372036854775807", "TTFTFF"),
    ("2147483647", "9223372036854775807", "TTFTFF"),
    ("9223372036854775800.0239532", "1", "FFFTTT"),
    ("0.010000000000005116", "1", "TTFTFF"),
    ("0.01000000000000511007", "0.01000000000000511007", "FTTFTF"),
    ("'a'", "'b'", "TTFTFF"),
    ("'a'", "'A'", "FTTFTF"),
    ("'a'", "1", "TTFTFF"),
    ("'a'", "true", "TFFTFT"),
    ("'a'", "false", "FTTFTF"),
    ("'4'", "'50'", "TTFTFF"),
    ("'4'", "1", "FFFTTT"),
    ("'Andreas Graßl'", "'Andreas Grassl'", "FTFTTF"),
    ("Now()", "true", "TFFTFT"),
    ("Now()", "false", "FTTFTF"),
    ("Now()", "0", "FFFTTT"),
    ("Now()", "1", "FFFTTT"),
    ("Now()", "'0'", "FFFTTT"),
    ("Now()", "'1'", "FFFTTT"),
    ("Now()", "'a'", "FFFTTT"),
    ("Now()", "0.0", "FFFTTT"),
    ("Now()", "'0.0'", "FFFTTT"),
    ("Now()", "0.5", "FFFTTT"),
    ("Now()", "'0.5'", "FFFTTT"),
    ("'10/20/2024'", "'10/21/2024'", "TTFTFF"),
    ("'01/01/0001'", "0", "FTTFTF"),
    ("'12/31/9999 23:59:59'", "0", "FTTFTF"),
]


def _render_comparison(left: str, op: str, right: str, negate: bool) -> str:
    condition = f"{'NOT ' if negate else ''}{left} {op} {right}"
    template = f"%%[ VAR @null SET @result = {condition} ]%%%%=v(@result)=%%"
    return ampsms.render(template, now="2026-03-04T13:52:07-06:00")


NEEDS_NOW = any(left.startswith("Now()") for left, _, _ in TABLE)


@pytest.mark.parametrize("left,right,expected", TABLE, ids=[f"{l} vs {r}" for l, r, _ in TABLE])
def test_comparison_row(left, right, expected):
    if left.startswith("Now()") and ampsms.functions.lookup("Now") is None:
        pytest.skip("Now() is not registered")
    for op, flag in zip(OPERATORS, expected):
        want = "True" if flag == "T" else "False"
        assert _render_comparison(left, op, right, negate=False) == want, f"{left} {op} {right}"


@pytest.mark.parametrize("left,right,expected", TABLE, ids=[f"NOT {l} vs {r}" for l, r, _ in TABLE])
def test_comparison_row_negated(left, right, expected):
    if left.startswith("Now()") and ampsms.functions.lookup("Now") is None:
        pytest.skip("Now() is not registered")
    for op, flag in zip(OPERATORS, expected):
        want = "False" if flag == "T" else "True"
        assert _render_comparison(left, op, right, negate=True) == want, f"NOT {left} {op} {right}"


def test_both_null_are_equal():
    assert ampsms.render("%%[ VAR @a, @b ]%%%%=v(@a == @b)=%%") == "True"


def test_null_differs_from_empty_string():
    assert ampsms.render('%%[ VAR @a ]%%%%=v(@a == "")=%%') == "False"


def test_empty_result_equals_true_and_text_true():
    assert ampsms.render('%%=v(Empty("") == true)=%%|%%=v(Empty("") == "True")=%%') == "True|True"


def test_string_equality_keeps_accents():
    assert ampsms.render("%%=v('é' == 'e')=%%") == "False"


def test_numeric_strings_compare_as_numbers():
    assert ampsms.render("%%=v('10' > '9')=%%") == "True"
