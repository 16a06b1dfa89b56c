"""TreatAsContent: text rendered as AMPscript with the template's variables and context."""

from __future__ import annotations

import pytest

import ampsms
from ampsms.functions.content import MAX_CONTENT_DEPTH
from rendering import render, runtime_error


def test_treatascontent_inline_expression():
    source = '%%[ SET @c = "1+2=%%=Add(1,2)=%%" ]%%%%=TreatAsContent(@c)=%%'
    assert render(source) == "1+2=3"


def test_treatascontent_plain_text():
    assert render('%%=TreatAsContent("no code here")=%%') == "no code here"


def test_treatascontent_reads_variables():
    source = '%%[ SET @name = "Ana" SET @c = "Hi %%=v(@name)=%%" ]%%%%=TreatAsContent(@c)=%%'
    assert render(source) == "Hi Ana"


def test_treatascontent_sets_variables_seen_after():
    source = "%%[ SET @c = '%%[ SET @x = \"set inside\" ]%%' SET @out = TreatAsContent(@c) ]%%[%%=v(@out)=%%] %%=v(@x)=%%"
    assert render(source) == "[] set inside"


def test_treatascontent_output_is_returned_not_written():
    source = "%%[ SET @c = '%%[ Output(Concat(\"A\")) ]%%B' SET @r = TreatAsContent(@c) ]%%<%%=v(@r)=%%>"
    assert render(source) == "<AB>"


def test_treatascontent_personalization():
    source = '%%[ SET @c = "Hi %%FirstName%%" ]%%%%=TreatAsContent(@c)=%%'
    assert render(source, attributes={"FirstName": "Ana"}) == "Hi Ana"


def test_treatascontent_note_has_content_position():
    result = ampsms.compile('ab\n%%=TreatAsContent("x %%Nope%%")=%%').run()
    note = result.notes[0]
    assert (note.line, note.column) == (None, None)
    assert "(line 1, column 3 of the content)" in note.message


def test_treatascontent_nested():
    source = (
        "%%[ SET @inner = '%%=Concat(\"in\", \"ner\")=%%' "
        "SET @outer = 'outer %%=TreatAsContent(@inner)=%%' ]%%%%=TreatAsContent(@outer)=%%"
    )
    assert render(source) == "outer inner"


def test_treatascontent_script_tag():
    source = (
        "%%[ SET @c = '<script runat=\"server\" language=\"ampscript\">SET @y = 5</script>%%=v(@y)=%%' ]%%"
        "%%=TreatAsContent(@c)=%%"
    )
    assert render(source) == "5"


def test_treatascontent_syntax_error_is_runtime_error_at_call():
    source = 'ab %%=TreatAsContent("%%=Concat(=%%")=%%'
    error = runtime_error(source)
    assert (error.line, error.column, error.function) == (1, 7, "TreatAsContent")
    assert "content is not valid AMPscript" in error.message


def test_treatascontent_unknown_function_is_runtime_error():
    error = runtime_error('%%=TreatAsContent("%%=NoSuchFunction()=%%")=%%')
    assert "unknown function NoSuchFunction" in error.message


def test_treatascontent_syntax_error_only_when_run():
    source = '%%[ IF 1 == 2 THEN SET @x = TreatAsContent("%%=Concat(=%%") ENDIF ]%%ok'
    assert render(source) == "ok"


def test_treatascontent_runtime_error_points_at_call():
    source = 'x\n  %%=TreatAsContent("a %%=Add(1, \'b\')=%%")=%%'
    error = runtime_error(source)
    assert (error.line, error.column) == (2, 6)
    assert "line 1, column 6 of the content" in error.message


def test_treatascontent_raiseerror_passes_through():
    error = runtime_error('%%=TreatAsContent("%%[ RaiseError(\'stop\', true) ]%%")=%%')
    assert isinstance(error, ampsms.RaiseErrorCalled)
    assert (error.message, error.skip_subscriber_only) == ("stop", True)


def test_treatascontent_self_recursion_stops():
    source = "%%[ SET @c = '%%=TreatAsContent(@c)=%%' ]%%%%=TreatAsContent(@c)=%%"
    error = runtime_error(source)
    assert f"more than {MAX_CONTENT_DEPTH} levels deep" in error.message


def test_treatascontent_reuses_compiled_text():
    template = ampsms.compile('%%[ SET @c = Concat("n=", "%%=v(@n)=%%") ]%%%%=TreatAsContent(@c)=%%')
    first = template.render(attributes={}, seed=None)
    assert first == "n="
    assert template.render() == "n="


def test_treatascontent_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError) as caught:
        ampsms.compile("%%=TreatAsContent()=%%")
    assert "TreatAsContent takes 1 argument" in caught.value.message


def test_self_rendering_content_names_position_once():
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        ampsms.render('%%[ SET @s = "%%=TreatAsContent(@s)=%%" ]%%%%=TreatAsContent(@s)=%%')
    assert caught.value.message.count("of the content") == 1
