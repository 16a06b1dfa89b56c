"""Trim, ReplaceList, Char and RegExMatch, rendered end to end."""

from __future__ import annotations

import pytest
from rendering import render, runtime_error, syntax_error


# ---------------------------------------------------------------- Trim


def test_trim_keeps_inner_whitespace():
    assert render('%%=Trim("  hi  there ")=%%') == "hi  there"


def test_trim_tab_and_line_feed():
    assert render("%%=Trim(Concat(Char(9), \"x\", Char(10)))=%%") == "x"


def test_trim_only_spaces():
    assert render('%%=Trim("     ")=%%') == ""


def test_trim_sage_example():
    assert render('%%=Trim("  Dale   ")=%%') == "Dale"


def test_trim_no_break_space():
    assert render("%%=Trim(Concat(Char(160), \"x\", Char(13)))=%%") == "x"


def test_trim_keeps_information_separator():
    # .NET's Trim keeps U+001F, which Python's str.strip would remove.
    assert render("%%=Length(Trim(Concat(Char(31), \"x\")))=%%") == "2"


def test_trim_boolean_literal_is_empty():
    assert render("%%=Trim(true)=%%") == ""


def test_trim_number():
    assert render("%%=Trim(42)=%%") == "42"


def test_trim_arity():
    assert "Trim takes 1 argument" in syntax_error('%%=Trim("a", "b")=%%').message


# ---------------------------------------------------------- ReplaceList


def test_replacelist_sage_example():
    source = '%%=ReplaceList("red/orange/yellow,green/blue,indigo/violet", "|", "/", ",")=%%'
    assert render(source) == "red|orange|yellow|green|blue|indigo|violet"


def test_replacelist_two_searches():
    assert render('%%=ReplaceList("1-2/3", "+", "-", "/")=%%') == "1+2+3"


def test_replacelist_rescans_inserted_text():
    assert render('%%=ReplaceList("cat", "dog", "cat", "d")=%%') == "dogog"


def test_replacelist_ignores_case():
    assert render('%%=ReplaceList("Stop STOP stop", "end", "stop")=%%') == "end end end"


def test_replacelist_empty_search_skipped():
    assert render('%%=ReplaceList("abc", "x", "", "b")=%%') == "axc"


def test_replacelist_needs_three_arguments():
    assert "ReplaceList takes 3 or more arguments" in syntax_error('%%=ReplaceList("a", "b")=%%').message


# ---------------------------------------------------------------- Char


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("Char(34)", '"'),
        ("Char(97, 4)", "aaaa"),
        ('Char("34")', '"'),
        ("Char(72)", "H"),
        ("Char(45, 3)", "---"),
        ("Char(10)", "\n"),
        ("Char(ADD(20.5, 13.5))", '"'),
        ("Char(65, 0)", ""),
        ("Char(233)", "é"),
        ("Char(65601)", "A"),
        ("Char(-1)", "\uffff"),
    ],
)
def test_char_values(call, expected):
    assert render(f"%%={call}=%%") == expected


@pytest.mark.parametrize(
    "call",
    ["Char(34.5)", 'Char("a")', "Char(true)", "Char(9223372036854775807)", "Char(65, -1)", "Char(65, 1.5)", "Char(@unset)"],
)
def test_char_errors(call):
    error = runtime_error(f"%%={call}=%%")
    assert error.function == "Char"


def test_char_repeat_limit():
    assert "over the limit" in runtime_error("%%=Char(65, 2000000)=%%").message


def test_char_arity():
    assert "Char takes 1 to 2 arguments" in syntax_error("%%=Char(1, 2, 3)=%%").message


# ---------------------------------------------------------- RegExMatch


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('RegExMatch("Order #A-1042", "[0-9]+", 0)', "1042"),
        ('RegExMatch("12345", "^\\d+$", 0)', "12345"),
        ('RegExMatch("abc123", "^\\d+$", 0)', ""),
        ('RegExMatch("ABC", "^[a-z]+$", 0)', ""),
        ('RegExMatch("ABC", "^[a-z]+$", 0, "IgnoreCase")', "ABC"),
        ('RegExMatch("ABC", "^[a-z]+$", 0, "ignorecase")', "ABC"),
        ('RegExMatch("ABC", "^[a-z]+$", "0", "IgnoreCase")', "ABC"),
        ('RegExMatch("", "x*", 0)', ""),
        ('RegExMatch("abc", "z", 0)', ""),
        ('RegExMatch("abc", "(b)", 2)', ""),
        ('RegExMatch("abc", "(b)", "nope")', ""),
        ('RegExMatch("abc", "(x)?b", 1)', ""),
    ],
)
def test_regexmatch_values(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_regexmatch_named_group():
    assert render('%%=RegExMatch("2024-07-04", "(?<year>\\d{4})-(\\d\\d)", "year")=%%') == "2024"


def test_regexmatch_named_groups_numbered_last():
    # .NET numbers unnamed groups first: (\d\d) is group 1, year is group 2.
    source = '%%=RegExMatch("2024-07-04", "(?<year>\\d{4})-(\\d\\d)", 1)=%%|%%=RegExMatch("2024-07-04", "(?<year>\\d{4})-(\\d\\d)", 2)=%%'
    assert render(source) == "07|2024"


def test_regexmatch_named_backreference():
    assert render('%%=RegExMatch("xabab", "(?<p>ab)\\k<p>", 0)=%%') == "abab"


def test_regexmatch_numbered_backreference_follows_net_numbers():
    # \1 is the unnamed group (b) in .NET, not the named group that comes first.
    assert render('%%=RegExMatch("abb", "(?<n>a)(b)\\1", 0)=%%') == "abb"


def test_regexmatch_single_quoted_group_name():
    assert render("%%=RegExMatch(\"k=v\", \"(?'key'\\w)=\", \"key\")=%%") == "k"


def test_regexmatch_multiline():
    source = '%%[ SET @t = Concat("one", Char(10), "two") ]%%%%=RegExMatch(@t, "^two$", 0, "Multiline")=%%'
    assert render(source) == "two"


def test_regexmatch_without_multiline():
    source = '%%[ SET @t = Concat("one", Char(10), "two") ]%%%%=RegExMatch(@t, "^two$", 0)=%%'
    assert render(source) == ""


def test_regexmatch_singleline():
    source = '%%[ SET @t = Concat("a", Char(10), "b") ]%%%%=Length(RegExMatch(@t, "a.b", 0, "Singleline"))=%%'
    assert render(source) == "3"


def test_regexmatch_several_options():
    source = '%%[ SET @t = Concat("x", Char(10), "AB") ]%%%%=RegExMatch(@t, "^ab$", 0, "IgnoreCase", "Multiline")=%%'
    assert render(source) == "AB"


def test_regexmatch_comma_separated_options():
    source = '%%[ SET @t = Concat("x", Char(10), "AB") ]%%%%=RegExMatch(@t, "^ab$", 0, "IgnoreCase, Multiline")=%%'
    assert render(source) == "AB"


def test_regexmatch_numeric_option():
    assert render('%%=RegExMatch("ABC", "abc", 0, "1")=%%') == "ABC"


def test_regexmatch_ignore_pattern_whitespace():
    assert render('%%=RegExMatch("ab12", "[a-z]+ \\d+ # letters then digits", 0, "IgnorePatternWhitespace")=%%') == "ab12"


def test_regexmatch_explicit_capture():
    # Unnamed groups do not capture, so group 1 is the named group.
    assert render('%%=RegExMatch("ab", "(a)(?<n>b)", 1, "ExplicitCapture")=%%') == "b"


def test_regexmatch_ecmascript_word_is_ascii():
    assert render('%%=RegExMatch("café", "\\w+", 0, "ECMAScript")=%%') == "caf"


def test_regexmatch_word_is_unicode_by_default():
    assert render('%%=RegExMatch("café", "\\w+", 0)=%%') == "café"


def test_regexmatch_none_and_culture_invariant():
    assert render('%%=RegExMatch("ABC", "B", 0, "None", "CultureInvariant", "Compiled")=%%') == "B"


def test_regexmatch_inline_option_rest_of_group():
    assert render('%%=RegExMatch("aBC", "a(?i)bc", 0)=%%') == "aBC"


def test_regexmatch_inline_option_keeps_alternation():
    assert render('%%=RegExMatch("C", "a(?i)b|c", 0)=%%') == "C"


def test_regexmatch_unicode_category():
    assert render('%%=RegExMatch("abc ÉCOLE", "\\p{Lu}+", 0)=%%') == "ÉCOLE"


def test_regexmatch_negated_unicode_category_in_class():
    assert render('%%=RegExMatch("abc-12", "[\\P{Ll}]+", 0)=%%') == "-12"


def test_regexmatch_brace_without_quantifier_is_literal():
    assert render('%%=RegExMatch("a{,5}", "a{,5}", 0)=%%') == "a{,5}"


def test_regexmatch_end_before_final_newline():
    source = '%%[ SET @t = Concat("ab", Char(10)) ]%%%%=RegExMatch(@t, "b\\Z", 0)=%%|%%=RegExMatch(@t, "b\\z", 0)=%%'
    assert render(source) == "b|"


def test_regexmatch_escape_character():
    assert render('%%=Length(RegExMatch(Char(27), "\\e", 0))=%%') == "1"


def test_regexmatch_boolean_literal_pattern_is_empty():
    assert render('%%=RegExMatch("abc", true, 0)=%%') == ""


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('RegExMatch("a", "(", 0)', "more ( than )"),
        ('RegExMatch("a", "[a", 0)', "not closed"),
        ('RegExMatch("a", "a**", 0)', "nested quantifier"),
        ('RegExMatch("a", "a", 0, "Bogus")', "unknown regular expression option 'Bogus'"),
        ('RegExMatch("a", "(?P<x>a)", 0)', "(?P is not .NET syntax"),
        ('RegExMatch("a", "\\q", 0)', "invalid regular expression"),
        ('RegExMatch("a", "\\1", 0)', "undefined group 1"),
        ('RegExMatch("a", "a", 0, "ECMAScript", "Singleline")', "ECMAScript can only be combined"),
        ('RegExMatch("a", "\\p{Bogus}", 0)', "unknown Unicode category"),
    ],
)
def test_regexmatch_invalid(call, message):
    error = runtime_error(f"%%={call}=%%")
    assert message in error.message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('RegExMatch("a", "a", 0, "RightToLeft")', "RightToLeft option is not supported"),
        ('RegExMatch("a", "(?<o-c>a)", 0)', "balancing group"),
        ('RegExMatch("a", "[a-z-[aeiou]]", 0)', "subtraction"),
        ('RegExMatch("a", "\\p{IsGreek}", 0)', "Unicode block"),
        ('RegExMatch("a", "(?(?=a)a|b)", 0)', "is an expression"),
        ('RegExMatch("a", "(?<=a+)b", 0)', "look-behind"),
    ],
)
def test_regexmatch_not_supported(call, message):
    error = runtime_error(f"%%={call}=%%")
    assert message in error.message


def test_regexmatch_error_points_at_call():
    error = runtime_error('x %%=RegExMatch("a", "(", 0)=%%')
    assert (error.line, error.column) == (1, 6)


def test_regexmatch_needs_group():
    assert "RegExMatch takes 3 or more arguments" in syntax_error('%%=RegExMatch("a", "a")=%%').message
