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
