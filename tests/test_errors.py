"""Syntax and runtime errors: the message, the position and how they print."""

from __future__ import annotations

import pytest

import ampsms
from ampsms import AmpscriptError, AmpscriptRuntimeError, AmpscriptSyntaxError


def syntax_error(source: str) -> AmpscriptSyntaxError:
    with pytest.raises(AmpscriptSyntaxError) as caught:
        ampsms.compile(source, name="t.amp")
    return caught.value


@pytest.mark.parametrize(
    "source,line,column,fragment",
    [
        ("Hi\n%%[ SET @x = 1", 2, 1, "code block opened here is not closed"),
        ("%%[ IF 1 == 1 THEN ]%%yes", 1, 5, "IF has no matching ENDIF"),
        ("%%[ FOR @i = 1 TO 2 DO ]%%x", 1, 5, "FOR has no matching NEXT"),
        ('%%[ SET @x = "abc ]%%', 1, 14, "string literal is never closed"),
        ("%%[ SET @x = 'abc ]%%", 1, 14, "string literal is never closed"),
        ("%%= Concat('a'", 1, 1, "inline expression opened here is not closed"),
        ("%%[ /* note ]%%", 1, 5, "comment is never closed"),
        ("%%[ SET @x = ]%%", 1, 14, "expected a value"),
        ("%%[ ENDIF ]%%", 1, 5, "ENDIF without a matching IF"),
        ("%%[ NEXT ]%%", 1, 5, "NEXT without a matching FOR"),
        ("%%[ ELSE ]%%", 1, 5, "ELSE without a matching IF"),
        ("%%[ IF @a SET @b = 1 ENDIF ]%%", 1, 11, "expected THEN"),
        ("%%[ FOR @i = 1 TO 3 NEXT ]%%", 1, 21, "expected DO"),
        ("%%[ FOR @i = 1 2 DO NEXT ]%%", 1, 16, "expected TO or DOWNTO"),
        ("%%[ SET x = 1 ]%%", 1, 9, "expected an @variable"),
        ("%%[ SET @x = 1 + 2 ]%%", 1, 16, "no '+' operator"),
        ("%%[ x = 2 ]%%", 1, 7, "unexpected '='"),
        ("%%= SET @x = 1 =%%", 1, 5, "inline expression holds one expression"),
        ("%%= v(@x) ]%%", 1, 11, "must be closed with =%%"),
        ("%%[ FOR @i = 1 TO 2 DO NEXT @j ]%%", 1, 29, "NEXT @j does not match FOR @i"),
        ("%%[ IF 1 == 1 THEN ]%%a%%[ ELSE ]%%b%%[ ELSE ]%%c%%[ ENDIF ]%%", 1, 41, "at most one ELSE"),
        ('%%[ SET @a = 1 </script>', 1, 16, "closes a block that was opened with %%["),
        ("%%=Frobnicate(1)=%%", 1, 4, "unknown function Frobnicate"),
        ('%%=Substring("abc")=%%', 1, 4, "Substring takes 2 to 3 arguments, but 1 was given"),
        ("%%=MSG(0).NOUN=%%", 1, 4, "needs a 0-based word number"),
        ("%%[ SET @x = [First Name ]%%", 1, 14, "bracketed name is never closed"),
        ("%%[ SET @ = 1 ]%%", 1, 9, "variable name needs letters"),
    ],
)
def test_syntax_error_position_and_message(source, line, column, fragment):
    error = syntax_error(source)
    assert fragment in error.message
    assert (error.line, error.column) == (line, column)


def test_syntax_error_str_shows_source_and_caret():
    error = syntax_error("Hello\n%%[ SET @x = ]%%")
    assert str(error) == (
        "t.amp:2:14: expected a value here, found ']%%'\n"
        "    %%[ SET @x = ]%%\n"
        "                 ^"
    )


def test_error_str_includes_hint():
    error = syntax_error("%%[ IF 1 == 1 THEN ]%%yes")
    assert str(error).endswith("hint: end the IF with %%[ ENDIF ]%%")


def test_caret_under_tab_indented_line():
    error = syntax_error("\t%%[ SET @x = ]%%")
    caret_line = str(error).splitlines()[2]
    source_line = str(error).splitlines()[1]
    assert caret_line.index("^") == source_line.index("]")


def test_unnamed_source_location():
    with pytest.raises(AmpscriptSyntaxError) as caught:
        ampsms.compile("%%[ SET @x = ]%%")
    assert str(caught.value).startswith("<template>:1:14: ")


def test_error_classes_share_base():
    assert issubclass(AmpscriptSyntaxError, AmpscriptError)
    assert issubclass(AmpscriptRuntimeError, AmpscriptError)
    assert issubclass(ampsms.RaiseErrorCalled, AmpscriptRuntimeError)


def test_runtime_error_str():
    template = ampsms.compile('Hi\n%%=Add("x", 1)=%%', name="r.amp")
    with pytest.raises(AmpscriptRuntimeError) as caught:
        template.render()
    text = str(caught.value)
    assert text.startswith("r.amp:2:4: Add: the first argument must be a number, not the text 'x'")
    assert text.splitlines()[1] == '    %%=Add("x", 1)=%%'


def test_unmocked_url_names_url_and_fix():
    template = ampsms.compile('%%=HttpGet("https://api.example.com/q")=%%')
    with pytest.raises(AmpscriptRuntimeError) as caught:
        template.render()
    assert "https://api.example.com/q" in caught.value.message
    assert '"http"' in caught.value.hint


def test_to_dict_has_position():
    error = syntax_error("%%[ SET @x = ]%%")
    data = error.to_dict()
    assert data["kind"] == "syntax"
    assert (data["line"], data["column"], data["path"]) == (1, 14, "t.amp")


def test_all_compile_problems_are_listed():
    document = ampsms.parse("%%=Nope(1)=%% %%=Lowercase()=%% %%=Trimm('a')=%%")
    problems = ampsms.check_document(document)
    assert len(problems) == 3
    assert [p.column for p in problems] == [4, 18, 36]


def test_status_argument_must_be_variable():
    error = syntax_error('%%=HttpGet("https://x.example.com", true, 0, "status")=%%')
    assert "must be an @variable" in error.message


def test_function_error_hint_names_signature():
    with pytest.raises(AmpscriptRuntimeError) as caught:
        ampsms.render('%%=Substring("abc", 1, -1)=%%')
    assert caught.value.hint.startswith("the function takes Substring(text, start [, length])")


def test_for_bound_error_has_hint():
    with pytest.raises(AmpscriptRuntimeError) as caught:
        ampsms.render("%%[ FOR @i = 1 TO 2.5 DO NEXT ]%%")
    assert "FOR @i = 1 TO RowCount(@rows) DO" in caught.value.hint
