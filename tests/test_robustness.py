"""Odd template text and extreme values end in the package's errors, never in a Python crash."""

from __future__ import annotations

import pytest

import ampsms

LONG_DIGITS = "9" * 5000


def test_long_integer_literal_is_zero():
    assert ampsms.render(f"%%=v({LONG_DIGITS})=%%") == "0"


def test_long_msg_index_in_text_is_zero():
    assert ampsms.render(f"%%MSG({LONG_DIGITS}).VERB%%", inbound="JOIN gold") == "JOIN"


def test_long_noun_index_in_brackets_is_zero():
    assert ampsms.render(f"%%=v([MSG(0).NOUN({LONG_DIGITS})])=%%", inbound="JOIN gold") == "gold"


def test_long_numeric_text_is_not_a_number():
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        ampsms.render(f'%%=Add("{LONG_DIGITS}", 1)=%%')


def test_long_numeric_text_compares_as_text():
    # Against a number, text that is not a number reads as 0.
    assert ampsms.render(f'%%=v("{LONG_DIGITS}" > "8")=%%') == "False"
    assert ampsms.render(f'%%=v("{LONG_DIGITS}" < "a")=%%') == "True"


def test_long_numeric_text_in_whole_number_argument():
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        ampsms.render(f'%%=Char("{LONG_DIGITS}")=%%')


def test_long_numeric_text_as_loop_bound():
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        ampsms.render(f'%%[ FOR @i = 1 TO "{LONG_DIGITS}" DO NEXT @i ]%%')


def test_numeric_text_at_double_limit_is_a_number():
    text = "1" + "0" * 308
    assert ampsms.render(f'%%=Add("{text}", 0)=%%') == "1E+308"
