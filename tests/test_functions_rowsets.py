"""Rowset functions, rendered end to end: building rowsets and reading rows and fields."""

from __future__ import annotations

import pytest

import ampsms
from ampsms.jsonpath import JsonPathError, select


def render(source: str, **parts) -> str:
    return ampsms.render(source, **parts)


def render_error(source: str, **parts) -> ampsms.AmpscriptRuntimeError:
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        ampsms.render(source, **parts)
    return caught.value


# ---------------------------------------------------- BuildRowSetFromString


def test_from_string_count_and_field():
    source = '%%[ SET @r = BuildRowSetFromString("ONE|TWO|THREE|FOUR", "|") ]%%%%=RowCount(@r)=%% %%=Field(Row(@r, 2), 1)=%%'
    assert render(source) == "4 TWO"


def test_from_string_value_column():
    source = '%%[ SET @r = BuildRowSetFromString("a,b", ",") ]%%%%=Field(Row(@r, 2), "VALUE")=%%'
    assert render(source) == "b"


def test_from_string_trailing_delimiter():
    source = '%%[ SET @r = BuildRowSetFromString("a,b,", ",") ]%%%%=RowCount(@r)=%%[%%=Field(Row(@r, 3), 1)=%%]'
    assert render(source) == "3[]"


def test_from_string_no_delimiter_in_text():
    assert render('%%=RowCount(BuildRowSetFromString("abc", ","))=%%') == "1"


def test_from_string_empty_delimiter():
    source = '%%[ SET @r = BuildRowSetFromString("a,b", "") ]%%%%=RowCount(@r)=%%:%%=Field(Row(@r, 1), 1)=%%'
    assert render(source) == "1:a,b"


def test_from_string_empty_text():
    assert render('%%=RowCount(BuildRowSetFromString("", ","))=%%') == "0"


def test_from_string_unset_text():
    assert render('%%=RowCount(BuildRowSetFromString(@nothing, ","))=%%') == "0"


def test_from_string_multichar_delimiter():
    source = '%%[ SET @r = BuildRowSetFromString("a<>b<>c", "<>") ]%%%%=Field(Row(@r, 3), 1)=%%'
    assert render(source) == "c"


def test_from_string_loop():
    source = (
        '%%[ SET @r = BuildRowSetFromString("x|y|z", "|") '
        "FOR @i = 1 TO RowCount(@r) DO Output(Field(Row(@r, @i), 1)) NEXT @i ]%%"
    )
    assert render(source) == "xyz"


def test_from_string_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile('%%=RowCount(BuildRowSetFromString("a"))=%%')


# ------------------------------------------------------- RowCount, Row, Field


@pytest.mark.parametrize("index", ["5", "0", "-1"])
def test_row_out_of_range(index):
    source = f'%%[ SET @r = BuildRowSetFromString("ONE|TWO|THREE|FOUR", "|") SET @x = Row(@r, {index}) ]%%'
    error = render_error(source)
    assert error.function == "Row"


def test_row_error_names_count():
    error = render_error('%%[ SET @x = Row(BuildRowSetFromString("a|b", "|"), 3) ]%%')
    assert "2 rows" in error.message


def test_row_decimal_index():
    assert render_error('%%[ SET @x = Row(BuildRowSetFromString("a|b", "|"), 1.5) ]%%').function == "Row"


def test_row_of_text():
    assert render_error('%%[ SET @x = Row("abc", 1) ]%%').function == "Row"


def test_field_missing_column():
    error = render_error('%%=Field(Row(BuildRowSetFromString("a|b", "|"), 1), 2)=%%')
    assert error.function == "Field"


def test_field_missing_name_lists_columns():
    error = render_error('%%=Field(Row(BuildRowSetFromString("a|b", "|"), 1), "City")=%%')
    assert "Value" in error.message


@pytest.mark.parametrize("flag", ["0", "false", '"false"', '"0"'])
def test_field_missing_allowed(flag):
    assert render(f'[%%=Field(Row(BuildRowSetFromString("a", "|"), 1), "City", {flag})=%%]') == "[]"


@pytest.mark.parametrize("flag", ["1", "true"])
def test_field_missing_with_fail_flag(flag):
    assert render_error(f'%%=Field(Row(BuildRowSetFromString("a", "|"), 1), "City", {flag})=%%').function == "Field"


def test_field_of_rowset():
    error = render_error('%%=Field(BuildRowSetFromString("a", "|"), 1)=%%')
    assert "Row(" in (error.hint or "")


def test_row_count_null_is_zero():
    assert render("%%=RowCount(@nothing)=%%") == "0"


def test_row_count_of_text_is_zero():
    assert render('%%=RowCount("abc")=%%') == "0"


def test_row_count_of_text_notes():
    result = ampsms.compile('%%=RowCount("abc")=%%').run()
    assert [note.code for note in result.notes] == ["rowcount-not-rowset"]


def test_row_count_of_null_no_note():
    assert ampsms.compile("%%=RowCount(@nothing)=%%").run().notes == []


# ------------------------------------------------------ BuildRowsetFromJSON

ORDERS = '{"items": [{"sku": "A1", "qty": 2, "price": 1.50, "gift": true, "note": null, "tags": ["x"]}, {"sku": "B2", "qty": 10}], "total": "3"}'


def rows_from(path: str, body: str = ORDERS, flag: str = "") -> str:
    return (
        f'%%[ SET @body = HttpGet("https://api.example.com/orders") '
        f'SET @r = BuildRowsetFromJSON(@body, "{path}"{flag}) ]%%'
    )


def render_json(path: str, template: str, body: str = ORDERS, flag: str = "") -> str:
    return ampsms.render(rows_from(path, flag=flag) + template, http={"https://api.example.com/orders": body})


def test_json_rows_from_array():
    assert render_json("$.items[*]", "%%=RowCount(@r)=%%") == "2"


def test_json_object_members_are_columns():
    assert render_json("$.items[*]", '%%=Field(Row(@r, 2), "SKU")=%%:%%=Field(Row(@r, 2), "qty")=%%') == "B2:10"


def test_json_number_as_written():
    assert render_json("$.items[0]", '%%=Field(Row(@r, 1), "price")=%%') == "1.50"


def test_json_boolean_text():
    assert render_json("$.items[0]", '%%=Field(Row(@r, 1), "gift")=%%') == "true"


def test_json_null_is_db_null():
    assert render_json("$.items[0]", '%%=IsNull(Field(Row(@r, 1), "note"))=%%') == "True"


def test_json_nested_array_as_text():
    assert render_json("$.items[0]", '%%=Field(Row(@r, 1), "tags")=%%') == '["x"]'


def test_json_scalar_value_column():
    assert render_json("$.items[*].sku", '%%=Field(Row(@r, 1), "Value")=%%,%%=Field(Row(@r, 2), 1)=%%') == "A1,B2"


def test_json_root_member():
    assert render_json("$.total", '%%=Field(Row(@r, 1), "Value")=%%') == "3"


def test_json_filter():
    assert render_json("$.items[?(@.qty > 5)]", '%%=RowCount(@r)=%%:%%=Field(Row(@r, 1), "sku")=%%') == "1:B2"


def test_json_no_match_is_empty():
    assert render_json("$.missing[*]", "%%=RowCount(@r)=%%") == "0"


def test_json_missing_field_in_second_row():
    assert render_json("$.items[*]", '[%%=Field(Row(@r, 2), "price", 0)=%%]') == "[]"


def test_json_root_array_dot_bracket():
    assert render_json("$.[*]", "%%=RowCount(@r)=%%", body='[{"a": 1}, {"a": 2}, {"a": 3}]') == "3"


def test_json_array_selected_whole():
    assert render_json("$.items", '%%=RowCount(@r)=%%:%%=Field(Row(@r, 1), "Value")=%%', body='{"items": [1, 2]}') == (
        "1:[1,2]"
    )


def test_json_nested_number_as_written():
    assert render_json("$[*]", '%%=Field(Row(@r, 1), "o")=%%', body='[{"o": {"k": 1.50, "s": "x"}}]') == '{"k":1.50,"s":"x"}'


def test_json_filter_number_not_text():
    assert render_json("$[?(@.n == 5)]", "%%=RowCount(@r)=%%", body='[{"n": 5}, {"n": "5"}, {"n": 5.0}]') == "2"


def test_json_filter_text_not_number():
    assert render_json("$[?(@.n == '5')]", "%%=RowCount(@r)=%%", body='[{"n": 5}, {"n": "5"}]') == "1"


def test_json_number_field_is_numeric_text():
    assert render_json("$[*]", '%%=Add(Field(Row(@r, 1), "n"), 1)=%%', body='[{"n": 41}]') == "42"


def test_json_byte_order_mark():
    assert render_json("$.items[*]", "%%=RowCount(@r)=%%", body="\ufeff" + ORDERS) == "2"


def test_json_invalid_is_error():
    error = render_error(
        rows_from("$.items[*]"), http={"https://api.example.com/orders": "<html>oops</html>"}
    )
    assert "not valid JSON" in error.message


def test_json_invalid_empty_on_error():
    assert render_json("$.items[*]", "%%=RowCount(@r)=%%", body="<html>", flag=", 1") == "0"


def test_json_unsupported_path_is_error():
    error = render_error(rows_from("$.items[?(@.qty > 1 && @.qty < 5)]"), http={"https://api.example.com/orders": ORDERS})
    assert "not supported" in error.message


def test_json_unsupported_path_even_with_flag():
    with pytest.raises(ampsms.AmpscriptRuntimeError):
        render_json("items[0]", "%%=RowCount(@r)=%%", flag=", 1")


DOCUMENT = {
    "store": {
        "book": [
            {"title": "A", "price": 8, "isbn": "1"},
            {"title": "B", "price": 12},
            {"title": "C", "price": 9, "isbn": "3"},
        ],
        "bicycle": {"color": "red", "price": 20},
    }
}

SELECTIONS = [
    ("$.store.book[0].title", ["A"]),
    ("$['store']['book'][1]['title']", ["B"]),
    ("$.store.book[-1].title", ["C"]),
    ("$.store.book[0,2].title", ["A", "C"]),
    ("$.store.book[1:].title", ["B", "C"]),
    ("$.store.book[:1].title", ["A"]),
    ("$.store.book[*].title", ["A", "B", "C"]),
    ("$.store.*.color", ["red"]),
    ("$..price", [8, 12, 9, 20]),
    ("$..book[?(@.isbn)].title", ["A", "C"]),
    ("$.store.book[?(@.price < 10)].title", ["A", "C"]),
    ("$.store.book[?(@.title == 'B')].price", [12]),
    ("$.store.book[?(@.title != 'B')].title", ["A", "C"]),
    ("$.store.book[?(@.price >= 12)].title", ["B"]),
    ("$.store.missing", []),
    ("$.store.book[7]", []),
]


@pytest.mark.parametrize(("path", "expected"), SELECTIONS)
def test_jsonpath_select(path, expected):
    assert select(DOCUMENT, path) == expected


@pytest.mark.parametrize(
    "path",
    ["store.book", "$.store.book[?(@.price < 10 || @.x)]", "$.store.book[(@.length-1)]", "$.store.book[", "$.", "$!"],
)
def test_jsonpath_rejects(path):
    with pytest.raises(JsonPathError):
        select(DOCUMENT, path)


# ------------------------------------------------------- BuildRowSetFromXML

QUOTES = (
    '<?xml version="1.0"?><quotes source="x">'
    '<quote symbol="CRM" currency="USD"><price>212.40</price><change dir="up">1.2</change></quote>'
    '<quote symbol="ORCL"><price>101.00</price></quote>'
    "</quotes>"
)


def render_xml(xpath: str, template: str, body: str = QUOTES, flag: str = "") -> str:
    source = (
        '%%[ SET @body = HttpGet("https://api.example.com/q.xml") '
        f'SET @r = BuildRowSetFromXML(@body, "{xpath}"{flag}) ]%%' + template
    )
    return ampsms.render(source, http={"https://api.example.com/q.xml": body})


def test_xml_absolute_path():
    assert render_xml("/quotes/quote", "%%=RowCount(@r)=%%") == "2"


def test_xml_descendant_path():
    assert render_xml("//price", '%%=Field(Row(@r, 2), "Value")=%%') == "101.00"


def test_xml_child_columns():
    assert render_xml("/quotes/quote", '%%=Field(Row(@r, 1), "price")=%%') == "212.40"


def test_xml_attribute_columns():
    assert render_xml("/quotes/quote", '%%=Field(Row(@r, 1), "quote_att_symbol")=%%') == "CRM"


def test_xml_child_attribute_columns():
    assert render_xml("/quotes/quote", '%%=Field(Row(@r, 1), "change_att_dir")=%%') == "up"


def test_xml_node_name():
    assert render_xml("//quote", '%%=Field(Row(@r, 1), "NodeName")=%%') == "quote"


def test_xml_outer_xml():
    assert render_xml("//price", '%%=Field(Row(@r, 1), "Xml")=%%') == "<price>212.40</price>"


def test_xml_attribute_predicate():
    assert render_xml("//quote[@symbol='ORCL']", '%%=Field(Row(@r, 1), "price")=%%') == "101.00"


def test_xml_root_element():
    assert render_xml("/quotes", '%%=Field(Row(@r, 1), "quotes_att_source")=%%') == "x"


def test_xml_no_match():
    assert render_xml("/quotes/trade", "%%=RowCount(@r)=%%") == "0"


def test_xml_invalid_is_error():
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        render_xml("/a", "", body="not xml <")
    assert "not valid XML" in caught.value.message


def test_xml_invalid_empty_on_error():
    assert render_xml("/a", "%%=RowCount(@r)=%%", body="not xml <", flag=", true") == "0"


@pytest.mark.parametrize("xpath", ["//quote/@symbol", "//price/text()", "//quote[contains(@symbol, 'C')]", "child::quote"])
def test_xml_unsupported_xpath(xpath):
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        render_xml(xpath, "")
    assert "not supported" in caught.value.message


def test_xml_with_half_surrogate_is_error():
    with pytest.raises(ampsms.AmpscriptRuntimeError, match="half of a surrogate pair"):
        ampsms.render('%%[ SET @rows = BuildRowSetFromXML(Substring("👍", 1, 1), "/a") ]%%')


def test_xml_with_half_surrogate_empty_on_error():
    source = '%%[ SET @rows = BuildRowSetFromXML(Substring("👍", 1, 1), "/a", true) ]%%%%=RowCount(@rows)=%%'
    assert ampsms.render(source) == "0"
