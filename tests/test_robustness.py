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
