"""Odd template text and extreme values end in the package's errors, never in a Python crash."""

from __future__ import annotations

import sys

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


DEEP_TEMPLATES = {
    "calls": "%%=" + "v(" * 500 + "1" + ")" * 500 + "=%%",
    "not": "%%[ IF " + "NOT " * 5000 + "true THEN ]%%x%%[ ENDIF ]%%",
    "if": "%%[ " + "IF 1 == 1 THEN " * 500 + " ENDIF" * 500 + " ]%%",
    "for": "%%[ " + "".join(f"FOR @i{k} = 1 TO 1 DO " for k in range(300)) + " NEXT" * 300 + " ]%%",
    "comparison chain": "%%[ IF " + " == ".join(["1"] * 5000) + " THEN ]%%x%%[ ENDIF ]%%",
    "and in parentheses": "%%[ IF " + "(true AND " * 500 + "true" + ")" * 500 + " THEN ]%%x%%[ ENDIF ]%%",
    "if across blocks": "%%[ IF 1 == 1 THEN ]%%x" * 500 + "%%[ ENDIF ]%%" * 500,
}


@pytest.mark.parametrize("source", DEEP_TEMPLATES.values(), ids=DEEP_TEMPLATES.keys())
def test_deep_nesting_is_syntax_error(source):
    with pytest.raises(ampsms.AmpscriptSyntaxError, match="nests too deeply"):
        ampsms.compile(source)


def test_deep_nesting_error_points_at_call():
    source = "Hi\n%%=" + "v(" * 150 + "1" + ")" * 150 + "=%%"
    with pytest.raises(ampsms.AmpscriptSyntaxError) as caught:
        ampsms.compile(source)
    assert caught.value.line == 2
    assert caught.value.column == 4 + 2 * 100


def test_nesting_at_limit_renders():
    calls = "%%=" + "v(" * 100 + "1" + ")" * 100 + "=%%"
    conditions = "%%[ " + "IF true THEN " * 98 + "Output(v(1))" + " ENDIF" * 98 + " ]%%"
    assert ampsms.render(calls) == "1"
    assert ampsms.render(conditions) == "1"


def test_deep_caller_stack_gets_template_error():
    source = "%%[ " + "IF true THEN " * 90 + "Output(v(1))" + " ENDIF" * 90 + " ]%%"

    def render_at_depth(depth):
        if depth == 0:
            return ampsms.compile(source).render()
        return render_at_depth(depth - 1)

    with pytest.raises(ampsms.AmpscriptError, match="nests too deeply"):
        render_at_depth(sys.getrecursionlimit() - _stack_depth() - 300)


def test_deep_caller_stack_at_render():
    template = ampsms.compile("%%[ " + "IF true THEN " * 90 + "Output(v(1))" + " ENDIF" * 90 + " ]%%")

    def render_at_depth(depth):
        if depth == 0:
            return template.render()
        return render_at_depth(depth - 1)

    # Leave about 80 free frames: enough to start the render, too few for 90 nested IFs.
    with pytest.raises(ampsms.AmpscriptRuntimeError, match="nests too deeply"):
        render_at_depth(sys.getrecursionlimit() - _stack_depth() - 80)


def _stack_depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


@pytest.mark.parametrize("source", [None, 5, b"%%=v(1)=%%"], ids=["none", "int", "bytes"])
def test_source_must_be_text(source):
    with pytest.raises(TypeError, match="template source must be str"):
        ampsms.compile(source)


ODD_TEXT = {
    "nul byte": "a\x00b",
    "lone surrogate": "a\ud800b",
    "percent signs at the end": "hello %%",
    "one percent sign at the end": "hello %",
    "closing delimiters in text": "a ]%% b =%% c </script>",
    "four percent signs": "%%%%",
    "unicode between percent signs": "%%Prénom%%",
    "byte order mark": "\ufeffHi",
}


@pytest.mark.parametrize("source", ODD_TEXT.values(), ids=ODD_TEXT.keys())
def test_odd_text_is_copied(source):
    assert ampsms.render(source) == source


ODD_CODE = {
    "nul byte in a block": "%%[ SET @x = 1 \x00 ]%%",
    "lone surrogate in a block": "%%[ SET @x = 1 \ud800 ]%%",
    "lone surrogate in a variable name": "%%[ SET @x\ud800 = 1 ]%%",
    "open inline at the end": "text %%=",
    "open block at the end": "text %%[",
    "open script at the end": '<script runat="server" language="ampscript">',
    "line separator in a block": "%%[ SET @x = 1\u2028SET @y = 2 ]%%",
}


@pytest.mark.parametrize("source", ODD_CODE.values(), ids=ODD_CODE.keys())
def test_odd_code_is_syntax_error(source):
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile(source)


def test_nul_and_surrogate_in_strings_pass_through():
    assert ampsms.render('%%=v("\x00")=%%|%%=Length("\ud800")=%%') == "\x00|1"


def test_crlf_is_kept_byte_for_byte():
    source = 'Line A\r\n%%[\r\nSET @x = "a\r\nb"\r\n]%%\r\n%%=v(@x)=%%\r\n'
    assert ampsms.render(source) == "Line A\r\n\r\na\r\nb\r\n"


def test_crlf_error_position():
    with pytest.raises(ampsms.AmpscriptSyntaxError) as caught:
        ampsms.compile("Line A\r\nLine B\r\n%%[ SET @x = ]%%")
    assert caught.value.line == 3
    assert caught.value.source_line == "%%[ SET @x = ]%%"


def test_outputline_writes_crlf():
    assert ampsms.render('%%[ OutputLine(Concat("x")) OutputLine(Concat("y")) ]%%') == "x\r\ny\r\n"


def test_outputline_of_literal_writes_only_crlf():
    assert ampsms.render('%%[ OutputLine("text") OutputLine() ]%%|') == "\r\n\r\n|"


def test_attribute_with_no_value():
    text = ampsms.render("[%%A%%][%%=v(A)=%%][%%=Length([A])=%%]", attributes={"A": None})
    assert text == "[][][0]"


def test_huge_substring_arguments():
    assert ampsms.render('%%=Substring("abc", 1, 9223372036854775807)=%%') == "abc"
    assert ampsms.render('%%=Substring("abc", 9223372036854775807, 9223372036854775807)=%%') == ""
    assert ampsms.render('%%=Substring("abc", 2, "99999999999999999999999")=%%') == "bc"


def test_huge_char_arguments():
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        ampsms.render("%%=Char(9223372036854775807)=%%")
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        ampsms.render("%%=Char(65, 9223372036854775807)=%%")


@pytest.mark.parametrize(
    "bounds",
    ["1 TO 9223372036854775807", "-9223372036854775808 TO 9223372036854775807", '1 TO "99999999999999999999999"'],
)
def test_huge_for_range_stops(bounds):
    with pytest.raises(ampsms.AmpscriptRuntimeError, match="FOR loops ran more than"):
        ampsms.render(f"%%[ FOR @i = {bounds} DO NEXT @i ]%%")


@pytest.mark.parametrize("bound", ["Divide(1, 0)", "Divide(0, 0)", "@unset", "1.5"])
def test_for_bound_that_is_not_whole(bound):
    with pytest.raises(ampsms.AmpscriptRuntimeError, match="must be a whole number"):
        ampsms.render(f"%%[ FOR @i = 1 TO {bound} DO NEXT @i ]%%")


def test_long_template_renders():
    source = "%%[ SET @x = 1 ]%%x" * 5000
    assert ampsms.render(source) == "x" * 5000


def test_many_arguments():
    assert ampsms.render("%%=Concat(" + ",".join(["1"] * 20000) + ")=%%") == "1" * 20000
