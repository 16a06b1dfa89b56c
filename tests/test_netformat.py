"""Properties of the .NET format engines: rounding against a decimal reference, and no crash on any pattern."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ampsms.netformat import INVARIANT, FormatError, find_culture, format_date, format_number
from ampsms.netregex import RegexInvalid, RegexNotSupported, compile_net_regex, parse_options

US = find_culture("en-US")
DE = find_culture("de-DE")

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


def reference_fixed(value: float, decimals: int) -> str:
    """Round the 15-significant-digit form half away from zero with Python's decimal module."""
    exact = Decimal(format(value, ".15g"))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    return format(rounded, "f")


@given(finite, st.integers(min_value=0, max_value=6))
def test_fixed_matches_decimal_reference(value, decimals):
    assert format_number(value, f"F{decimals}", US) == reference_fixed(value, decimals)


@given(finite)
def test_custom_grouping_matches_n2(value):
    assert format_number(value, "#,##0.00", US) == format_number(value, "N2", US)


@given(finite)
def test_custom_zeros_match_f2(value):
    assert format_number(value, "0.00", US) == format_number(value, "F2", US)


@given(finite)
def test_german_n2_swaps_separators(value):
    swapped = format_number(value, "N2", US).translate(str.maketrans(",.", ".,"))
    assert format_number(value, "N2", DE) == swapped


@given(finite, st.text(max_size=12))
def test_custom_pattern_never_crashes(value, pattern):
    try:
        result = format_number(value, pattern, US)
    except FormatError:
        return
    assert isinstance(result, str)


@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.text(alphabet="dMyhHmsfFtgzK:/'\"\\% -.,x", max_size=10),
)
def test_date_pattern_never_crashes(moment, pattern):
    try:
        result = format_date(moment, pattern, INVARIANT)
    except FormatError:
        return
    assert isinstance(result, str)


@pytest.mark.filterwarnings("error::FutureWarning")
@given(st.text(alphabet="ab()[]{}?*+|\\^$.<>=!:'-#0123456789kpPLuxine,&~", max_size=14), st.sampled_from([0, 1, 4, 32]))
def test_regex_translation_never_crashes(pattern, options):
    try:
        compiled = compile_net_regex(pattern, options)
    except (RegexInvalid, RegexNotSupported):
        return
    compiled.pattern.search("ab(a)b-1")


@pytest.mark.parametrize(
    ("value", "pattern", "expected"),
    [
        (5, "0,000", "0005"),
        (1234.5, "#,##0.0#", "1,234.5"),
        (0.1234, "0.0%", "12.3%"),
        (0.001234, "0.0‰", "1.2‰"),
        (-1.5, "0.0;minus 0.0", "minus 1.5"),
        (1e-10, "0.00E-00", "1.00E-10"),
        (123, "E0", "1E+002"),
        (1, '"a;b"0', "a;b1"),
        (1234567890, "(###) ###-####", "(123) 456-7890"),
        (1234567, "(###) ###-####", "() 123-4567"),
        (1234.5678, "00000.00", "01234.57"),
        (1234567.89, "#,#", "1,234,568"),
        (1234567.89, "#,##0,,", "1"),
        (86000, "0.###E+000", "8.6E+004"),
        (86000, "0.###E+0", "8.6E+4"),
        (-1.5, "##;(##)", "(2)"),
        (0.086, "#0.##%", "8.6%"),
        (0.5, "#", "1"),
        (12, "000-00", "000-12"),
        (1e21, "#,##0", "1,000,000,000,000,000,000,000"),
    ],
)
def test_custom_patterns(value, pattern, expected):
    assert format_number(value, pattern, US) == expected


def test_regex_options_reject_unknown_bits():
    with pytest.raises(RegexInvalid):
        parse_options(["1024"])


@pytest.mark.filterwarnings("error::FutureWarning")
@pytest.mark.parametrize(("pattern", "text", "expected"), [("[a-z--]+", "x-", "x-"), ("[!--]", ",", ","), ("[--a]", "+", None)])
def test_regex_dashes_in_class(pattern, text, expected):
    match = compile_net_regex(pattern, 0).pattern.search(text)
    assert (match.group() if match else None) == expected
