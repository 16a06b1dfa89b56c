"""Rendering: every grammar form and Marketing Cloud's value rules, end to end."""

from __future__ import annotations

import pytest

import ampsms
from ampsms import AmpscriptRuntimeError, AmpscriptSyntaxError


def render(source: str, **context) -> str:
    return ampsms.render(source, **context)


# ------------------------------------------------------------ literal text


def test_text_is_byte_exact():
    source = "  Tabs\tand CRLF\r\nstay  \r\n"
    assert render(source) == source


def test_html_comment_is_text():
    assert render("<!-- kept -->") == "<!-- kept -->"


def test_comment_syntax_in_text_is_text():
    assert render("a /* not a comment */ b") == "a /* not a comment */ b"


def test_keywords_in_text_are_text():
    assert render("SET IF THEN Reply STOP") == "SET IF THEN Reply STOP"


def test_lone_percent_signs_are_text():
    assert render("50% off, 100%% sure%") == "50% off, 100%% sure%"


def test_other_script_tags_are_text():
    source = '<script>alert(1)</script><script runat="server">x</script>'
    assert render(source) == source


def test_empty_template():
    assert render("") == ""


def test_crlf_after_block_is_output():
    assert render("A\r\n%%[ SET @x = 1 ]%%\r\nB") == "A\r\n\r\nB"


# ------------------------------------------------------------ code forms


def test_empty_block():
    assert render("a%%[ ]%%b") == "ab"


def test_block_without_spaces():
    assert render('%%[SET @x="y"]%%%%=v(@x)=%%') == "y"


def test_inline_with_spaces_inside():
    assert render("%%=  Add( 1 , 2 )  =%%") == "3"


def test_inline_bare_variable_is_accepted():
    assert render('%%[ SET @x = "bare" ]%%%%=@x=%%') == "bare"


def test_inline_literals():
    assert render("%%=42=%%|%%='q'=%%|%%=true=%%") == "42|q|True"


def test_script_tag_attribute_order():
    source = '<script language="ampscript" runat="server">SET @a = "ok"</script>%%=v(@a)=%%'
    assert render(source) == "ok"


def test_script_tag_case_insensitive():
    source = '<SCRIPT RUNAT="SERVER" LANGUAGE="AMPSCRIPT">SET @a = "ok"</SCRIPT>%%=v(@a)=%%'
    assert render(source) == "ok"


def test_script_tag_emits_nothing():
    assert render('a<script runat="server" language="ampscript"></script>b') == "ab"


def test_if_spanning_script_and_block():
    source = (
        '<script runat="server" language="ampscript">IF 1 == 1 THEN</script>yes'
        "%%[ ENDIF ]%%"
    )
    assert render(source) == "yes"


def test_comment_between_statements():
    assert render('%%[ SET @a = /* value */ "x" ]%%%%=v(@a)=%%') == "x"


def test_comment_with_stars_inside():
    assert render('%%[ /** doc ** */ SET @a = "x" ]%%%%=v(@a)=%%') == "x"


# ------------------------------------------------------------ literals


@pytest.mark.parametrize(
    "literal,printed",
    [
        ("0", "0"),
        ("-0", "0"),
        ("42.51", "42.51"),
        ("2.50", "2.50"),
        ("-1.5", "-1.5"),
        (".5", "0.5"),
        ("9223372036854775807", "9223372036854775807"),
        ("9223372036854775808", "0"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("-9223372036854775809", "0"),
    ],
)
def test_number_literal_prints_as_written(literal, printed):
    assert render(f"%%=v({literal})=%%") == printed


def test_string_quotes_doubled():
    assert render("%%=v('It''s')=%%|%%=v(\"say \"\"hi\"\"\")=%%") == 'It\'s|say "hi"'


def test_string_spans_lines():
    assert render('%%[ SET @a = "one\ntwo" ]%%%%=v(@a)=%%') == "one\ntwo"


def test_empty_strings():
    assert render("[%%=v('')=%%%%=v(\"\")=%%]") == "[]"


def test_string_holding_code_is_not_evaluated():
    assert render('%%[ SET @a = "%%=Add(1,2)=%%" ]%%%%=v(@a)=%%') == "%%=Add(1,2)=%%"


@pytest.mark.parametrize("literal", ["true", "TRUE", "True", "false", "FALSE"])
def test_boolean_literal_any_case(literal):
    assert render(f"%%[ SET @b = {literal} ]%%%%=v(@b)=%%") == literal.capitalize()


# ------------------------------------------------------------ variables


def test_variable_names_ignore_case():
    assert render('%%[ SET @Name = "x" ]%%%%=v(@NAME)=%%%%=v(@name)=%%') == "xx"


def test_variable_may_start_with_digit():
    assert render('%%[ SET @1st = "a" ]%%%%=v(@1st)=%%') == "a"


def test_assignment_copies_value():
    assert render("%%[ SET @a = 1 SET @b = @a SET @a = 2 ]%%%%=v(@a)=%%%%=v(@b)=%%") == "21"


def test_var_declares_several():
    assert render('%%[ SET @a = "x" SET @b = "y" VAR @a, @b ]%%[%%=v(@a)=%%%%=v(@b)=%%]') == "[]"


def test_var_then_set_again():
    assert render("%%[ VAR @v, @w SET @v = 1 VAR @v SET @v = 2 ]%%%%=v(@v)=%%") == "2"


def test_set_without_var():
    assert render("%%[ SET @new = 5 ]%%%%=v(@new)=%%") == "5"


def test_variables_shared_across_blocks():
    assert render('%%[ SET @a = "one" ]%% %%[ SET @b = Concat(@a, "two") ]%%%%=v(@b)=%%') == " onetwo"


def test_comparison_result_stored():
    assert render("%%[ SET @r = 2 > 1 ]%%%%=v(@r)=%%") == "True"


# ------------------------------------------------------------ IF


def test_if_else_inside_one_block():
    source = '%%[ IF 1 == 2 THEN SET @a = "x" ELSE SET @a = "y" ENDIF ]%%%%=v(@a)=%%'
    assert render(source) == "y"


def test_first_true_branch_wins():
    source = "%%[ IF 1 == 1 THEN ]%%a%%[ ELSEIF 2 == 2 THEN ]%%b%%[ ENDIF ]%%"
    assert render(source) == "a"


def test_elseif_chain_to_else():
    source = "%%[ IF 1 == 2 THEN ]%%a%%[ ELSEIF 2 == 3 THEN ]%%b%%[ ELSE ]%%c%%[ ENDIF ]%%"
    assert render(source) == "c"


def test_empty_if_body():
    assert render("%%[ IF 1 == 1 THEN ENDIF ]%%ok") == "ok"


def test_nested_if_across_blocks():
    source = (
        "%%[ IF 1 == 1 THEN ]%%A%%[ IF 2 == 3 THEN ]%%B%%[ ELSE ]%%C%%[ ENDIF ]%%D"
        "%%[ ENDIF ]%%"
    )
    assert render(source) == "ACD"


def test_else_if_two_words_nests():
    source = "%%[ IF 1 == 2 THEN ]%%a%%[ ELSE IF 1 == 1 THEN ]%%b%%[ ENDIF ENDIF ]%%"
    assert render(source) == "b"


def test_untaken_branch_has_no_side_effects():
    source = '%%[ SET @a = "kept" IF 1 == 2 THEN SET @a = "changed" ENDIF ]%%%%=v(@a)=%%'
    assert render(source) == "kept"


def test_untaken_branch_runtime_error_is_harmless():
    assert render('%%[ IF 1 == 2 THEN SET @x = Add("a", 1) ENDIF ]%%ok') == "ok"


def test_inline_and_personalization_in_branch():
    source = "%%[ IF 1 == 1 THEN ]%%Hi %%FirstName%%, %%=v(Add(1,1))=%%%%[ ENDIF ]%%"
    assert render(source, attributes={"FirstName": "Ana"}) == "Hi Ana, 2"


@pytest.mark.parametrize(
    "condition,taken",
    [
        ("@unset", False),
        ('""', False),
        ("1", True),
        ('"1"', True),
        ('"true"', True),
        ('"TRUE"', True),
        ("0", False),
        ('"0"', False),
        ('"false"', False),
        ('"hello"', False),
        ("1.5", False),
        ("2", False),
        ("true", True),
        ("false", False),
    ],
)
def test_truthiness_of_conditions(condition, taken):
    source = f"%%[ IF {condition} THEN ]%%yes%%[ ELSE ]%%no%%[ ENDIF ]%%"
    assert render(source) == ("yes" if taken else "no")


# ------------------------------------------------------------ logic


def test_and_or_same_level_left_to_right():
    # (true OR false) AND false is false; true OR (false AND false) would be true.
    assert render("%%=v(1 == 1 OR 1 == 2 AND 1 == 2)=%%") == "False"


def test_not_covers_the_rest():
    # NOT (true AND false) is true; (NOT true) AND false would be false.
    assert render("%%=v(NOT 1 == 1 AND 1 == 2)=%%") == "True"


def test_not_after_and():
    assert render("%%=v(1 == 1 AND NOT 1 == 2)=%%") == "True"


def test_not_of_comparison():
    assert render("%%=v(NOT 0 <= 1)=%%") == "False"


def test_double_not():
    assert render("%%=v(NOT NOT 1 == 1)=%%") == "True"


def test_parentheses_group():
    assert render("%%=v(1 == 1 OR (1 == 2 AND 1 == 2))=%%") == "True"


def test_keywords_ignore_case_in_logic():
    assert render("%%=v(not 1 == 2 and 1 == 1 Or 1 == 2)=%%") == "True"


def test_and_short_circuits():
    assert render('%%=v(1 == 2 AND Add("x", 1) == 1)=%%') == "False"


def test_or_short_circuits():
    assert render('%%=v(1 == 1 OR Add("x", 1) == 1)=%%') == "True"


def test_relational_binds_tighter_than_equality():
    # (1 < 2) == (2 < 3) is True == True.
    assert render("%%=v(1 < 2 == 2 < 3)=%%") == "True"


# ------------------------------------------------------------ FOR


def test_for_counter_after_loop():
    assert render("%%[ FOR @i = 1 TO 3 DO NEXT @i ]%%%%=v(@i)=%%") == "4"


def test_for_downto_counter_after_loop():
    assert render("%%[ FOR @i = 3 DOWNTO 1 DO NEXT @i ]%%%%=v(@i)=%%") == "0"


def test_for_zero_passes_keeps_start():
    assert render("%%[ FOR @i = 5 TO 1 DO NEXT ]%%%%=v(@i)=%%") == "5"


def test_for_bounds_from_functions_and_strings():
    assert render('%%[ FOR @i = "2" TO Add(1, 2) DO Output(v(@i)) NEXT ]%%') == "23"


def test_for_bounds_evaluated_once():
    source = "%%[ SET @n = 3 FOR @i = 1 TO @n DO SET @n = 1 Output(v(@i)) NEXT ]%%"
    assert render(source) == "123"


def test_for_decimal_bound_is_error():
    with pytest.raises(AmpscriptRuntimeError, match="whole number"):
        render("%%[ FOR @i = 1 TO 2.5 DO NEXT ]%%")


def test_nested_for_loops():
    source = "%%[ FOR @i = 1 TO 2 DO FOR @j = 1 TO 2 DO Output(Concat(@i, @j, ' ')) NEXT @j NEXT @i ]%%"
    assert render(source) == "11 12 21 22 "


def test_for_counter_keywords_case():
    assert render("%%[ for @i = 1 to 2 do ]%%x%%[ next @I ]%%") == "xx"


def test_runaway_loop_is_stopped():
    with pytest.raises(AmpscriptRuntimeError, match="more than"):
        render("%%[ FOR @i = 1 TO 10000000 DO NEXT ]%%")


# ------------------------------------------------------------ statements


def test_bare_expression_statements_are_ignored():
    assert render("%%[ @foo 5 < 5 (1 == 1) [First Name] FirstName ]%%ok") == "ok"


def test_function_call_statement_runs():
    assert render("%%[ Output(Concat('A')) Output(Concat('B')) ]%%") == "AB"


def test_output_line_writes_crlf():
    assert render("%%[ OutputLine(Concat('x')) OutputLine(Concat('y')) ]%%") == "x\r\ny\r\n"


def test_output_literal_writes_nothing():
    assert render('%%[ SET @v = "x" Output("text") Output(@v) Output(123) ]%%|') == "|"


def test_output_line_literal_writes_only_line_break():
    assert render('%%[ OutputLine("text") ]%%') == "\r\n"


def test_output_line_no_arguments():
    assert render("%%[ OutputLine() ]%%") == "\r\n"


def test_output_several_arguments():
    assert render("%%[ OutputLine(v('a'), 'skip', v('b')) ]%%") == "ab\r\n"


def test_output_position_in_text():
    assert render("a%%[ Output(v('b')) ]%%c") == "abc"


def test_output_is_not_a_value():
    with pytest.raises(AmpscriptSyntaxError, match="cannot be used as a value"):
        render("%%=Output(v('x'))=%%")


def test_output_nested_in_call_is_error():
    with pytest.raises(AmpscriptSyntaxError, match="cannot be used as a value"):
        render("%%[ SET @a = Concat(Output(v('x'))) ]%%")


# ------------------------------------------------------------ attributes


def test_attribute_names_ignore_case():
    assert render("%%first name%%|%%FIRST NAME%%", attributes={"First Name": "Ana"}) == "Ana|Ana"


def test_unknown_personalization_left_verbatim():
    assert render("Hi %%Last Name%%") == "Hi %%Last Name%%"


def test_unknown_personalization_strict_is_error():
    with pytest.raises(AmpscriptRuntimeError, match="unknown personalization"):
        ampsms.compile("Hi %%Nick%%").render(strict=True)


def test_unknown_attribute_in_code_is_empty():
    assert render("[%%=v([No Such])=%%%%=v(NoSuch)=%%]") == "[]"


def test_unknown_attribute_strict_is_error():
    with pytest.raises(AmpscriptRuntimeError, match="unknown attribute"):
        ampsms.compile("%%[ SET @a = NoSuch ]%%").render(strict=True)


def test_attribute_with_special_characters():
    assert render("%%=v([Total-Expense])=%%", attributes={"Total-Expense": "12"}) == "12"


def test_system_strings():
    source = "%%=v(MOBILE_NUMBER)=%%|%%=v([SHORT_CODE])=%%|%%_messagecontext%%|%%=v(_MobileNumber)=%%"
    assert render(source, mobile_number="15551234567", short_code="55555") == (
        "15551234567|55555|SMS|15551234567"
    )


def test_mobile_number_in_text():
    assert render("%%MOBILE_NUMBER%%", mobile_number="4915112345678") == "4915112345678"


def test_missing_mobile_number_is_unknown():
    assert render("%%MOBILE_NUMBER%%") == "%%MOBILE_NUMBER%%"


def test_attribute_values_are_not_evaluated():
    assert render("%%Name%%", attributes={"Name": "%%=Add(1,1)=%%"}) == "%%=Add(1,1)=%%"


def test_numeric_attribute_values_become_text():
    assert render("%%=v(Add(Points, 1))=%%", attributes={"Points": 41}) == "42"


# ------------------------------------------------------------ MSG(0)


@pytest.mark.parametrize(
    "inbound,verb,nouns,noun0,noun1",
    [
        ("OFFER John Smith", "OFFER", "John Smith", "John", "Smith"),
        ("OFFER 2065550042", "OFFER", "2065550042", "2065550042", ""),
        ("MOREFUN YES PLEASE", "MOREFUN", "YES PLEASE", "YES", "PLEASE"),
        ("stock", "stock", "", "", ""),
        ("  stock   crm  now ", "stock", "crm  now ", "crm", "now"),
        ("STOCK\tcrm\nx", "STOCK", "crm\nx", "crm", "x"),
        ("", "", "", "", ""),
    ],
)
def test_msg_members(inbound, verb, nouns, noun0, noun1):
    source = (
        "%%=v(MSG(0).VERB)=%%|%%=v(MSG(0).NOUNS)=%%|%%=v(MSG(0).NOUN(0))=%%|%%=v(MSG(0).NOUN(1))=%%"
    )
    assert render(source, inbound=inbound) == f"{verb}|{nouns}|{noun0}|{noun1}"


def test_msg_whole_message_unchanged():
    assert render("%%=Msg(0)=%%", inbound="  Hi there ") == "  Hi there "


@pytest.mark.parametrize(
    "spelling",
    ["Msg(0).Nouns", "[MSG(0).NOUNS]", "msg(0).nouns", "[Msg( 0 ).Nouns]", "MSG(0).NOUNS"],
)
def test_msg_spellings_in_code(spelling):
    assert render(f"%%=v({spelling})=%%", inbound="GO a b") == "a b"


@pytest.mark.parametrize("spelling", ["%%MSG(0).NOUNS%%", "%%msg(0).nouns%%", "%%Msg(0).Noun(1)%%"])
def test_msg_spellings_in_text(spelling):
    expected = "b" if "Noun(1)" in spelling else "a b"
    assert render(spelling, inbound="GO a b") == expected


def test_msg_noun_index_from_variable():
    assert render("%%[ SET @i = 1 ]%%%%=v(MSG(0).NOUN(@i))=%%", inbound="GO a b") == "b"


def test_msg_without_inbound_is_empty():
    assert render("[%%=v(MSG(0))=%%]") == "[]"


def test_msg_other_index_is_runtime_error():
    with pytest.raises(AmpscriptRuntimeError, match="MSG\\(1\\)"):
        render("%%=v(MSG(1).VERB)=%%", inbound="GO")


def test_msg_unknown_member_is_syntax_error():
    with pytest.raises(AmpscriptSyntaxError, match="no member"):
        ampsms.compile("%%=MSG(0).KEYWORD=%%")


def test_msg_nouns_takes_no_argument():
    with pytest.raises(AmpscriptSyntaxError, match="takes no argument"):
        ampsms.compile("%%=MSG(0).NOUNS(1)=%%")


# ------------------------------------------------------------ errors


def test_runtime_error_produces_no_output():
    template = ampsms.compile('before %%=Add("a", 1)=%% after')
    with pytest.raises(AmpscriptRuntimeError):
        template.render()


def test_runtime_error_names_function_and_position():
    with pytest.raises(AmpscriptRuntimeError) as caught:
        render('x\n  %%=Add("a", 1)=%%')
    error = caught.value
    assert error.function == "Add"
    assert (error.line, error.column) == (2, 6)


def test_nested_error_points_at_inner_call():
    with pytest.raises(AmpscriptRuntimeError) as caught:
        render('%%=Concat("a", Substring("abc", "x"))=%%')
    assert caught.value.function == "Substring"
    assert caught.value.column == 16


def test_arity_error_in_dead_branch():
    with pytest.raises(AmpscriptSyntaxError, match="Lowercase takes 1 argument, but 2 were given"):
        ampsms.compile('%%[ IF 1 == 2 THEN SET @x = Lowercase("a", "b") ENDIF ]%%')


def test_unknown_function_suggests_names():
    with pytest.raises(AmpscriptSyntaxError) as caught:
        ampsms.compile("%%=Uppercas('x')=%%")
    assert "Uppercase" in caught.value.hint


def test_function_names_ignore_case():
    assert render("%%=uPpErCaSe('x')=%%") == "X"


def test_long_inbound_keeps_first_gsm_segment():
    inbound = "NOTE " + "x" * 200
    result = ampsms.compile("%%=Length(MSG(0))=%%|%%=Length(MSG(0).NOUNS)=%%").run(inbound=inbound)
    assert result.text == "153|148"
    assert [note.code for note in result.notes] == ["inbound-truncated"]


def test_long_unicode_inbound_keeps_first_ucs2_segment():
    inbound = "NOTE " + "é" * 40 + "ł" * 40
    assert render("%%=Length(MSG(0))=%%", inbound=inbound) == "67"


def test_inbound_of_one_segment_is_whole():
    inbound = "NOTE " + "x" * 155
    assert render("%%=Length(MSG(0))=%%", inbound=inbound) == "160"


def test_text_doubling_in_loop_is_stopped():
    source = '%%[ SET @a = "x" FOR @i = 1 TO 40 DO SET @a = Concat(@a, @a) NEXT @i ]%%'
    with pytest.raises(AmpscriptRuntimeError, match="more than the 1000000 ampsms allows"):
        render(source)


def test_replace_growth_is_stopped():
    source = '%%[ SET @a = Replace(Replace(Replace(Char(97, 200), "a", Char(97, 200)), "a", Char(97, 200)), "a", "bb") ]%%'
    with pytest.raises(AmpscriptRuntimeError, match="ampsms allows"):
        render(source)


def test_output_growth_is_stopped():
    source = '%%[ SET @a = Char(97, 900000) FOR @i = 1 TO 1000 DO Output(v(@a)) NEXT @i ]%%'
    with pytest.raises(AmpscriptRuntimeError, match="the message has grown"):
        render(source)
