"""Rowset functions: build rowsets from text, JSON and XML, and read rows and fields.

Rows and ordinals are 1-based and column names ignore case. A rowset comes
from BuildRowSetFromString, BuildRowsetFromJSON, BuildRowsetFromXML or the
LookupRows family; Row picks one row and Field reads one value from it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from typing import Any

from ..jsonpath import JsonNumber, JsonPathError, select
from ..values import DB_NULL, Row, RowSet, is_true, is_whole, to_text, try_number
from .registry import FunctionError, builtin, describe, whole_number_arg

_VALUE_COLUMN = "Value"


@builtin(
    "BuildRowSetFromString",
    2,
    2,
    signature="BuildRowSetFromString(text, delimiter)",
    example='RowCount(BuildRowSetFromString("ONE|TWO|THREE", "|")) -> 3',
    category="Content",
)
def build_rowset_from_string(state, text, delimiter):
    """Split text on a delimiter into a rowset of one column, named ``Value`` and ordinal 1.

    The delimiter may be several characters. A trailing delimiter gives an
    empty last row, text without the delimiter or an empty delimiter gives
    one row, and empty or null text gives no rows at all.
    """
    source = to_text(text)
    if source == "":
        return RowSet()
    separator = to_text(delimiter)
    pieces = source.split(separator) if separator else [source]
    return RowSet(Row([_VALUE_COLUMN], [piece]) for piece in pieces)


# ------------------------------------------------------------------- JSON


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_text(value: Any) -> str:
    """Write a parsed JSON value back as compact JSON, numbers as they were written."""
    if isinstance(value, JsonNumber):
        return str(value)
    if isinstance(value, dict):
        members = ",".join(f"{json.dumps(key, ensure_ascii=False)}:{_json_text(item)}" for key, item in value.items())
        return "{" + members + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json_text(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _json_cell(value: Any) -> Any:
    if value is None:
        return DB_NULL
    if isinstance(value, bool):
        # NOTE: a JSON boolean reads as the text it is written as ("true");
        # Marketing Cloud's spelling of it was not observed.
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _json_text(value)
    # A plain str, so that JSON numbers behave as numeric text everywhere.
    return str(value)


def _json_row(value: Any) -> Row:
    if isinstance(value, dict):
        return Row(list(value), [_json_cell(item) for item in value.values()])
    return Row([_VALUE_COLUMN], [_json_cell(value)])


@builtin(
    "BuildRowsetFromJSON",
    2,
    3,
    signature="BuildRowsetFromJSON(json, jsonPath [, returnEmptyOnError])",
    example='BuildRowsetFromJSON(@reply, "$.items[*]", 1)',
    category="Content",
)
def build_rowset_from_json(state, text, path, return_empty_on_error=None):
    """Select values from JSON text with a JSONPath and return one row per value.

    An object becomes a row with one column per member. Nested objects and
    arrays read as their JSON text, JSON null as a database null (so IsNull
    is true) and numbers as written. Any other selected value becomes a row
    with one column, ``Value``: an array selected whole is one row holding
    its JSON text, so select its elements with ``[*]``. With
    ``returnEmptyOnError`` true, text that is not JSON gives an empty rowset
    instead of an error.

    ampsms supports this JSONPath subset: ``$``, ``.name``, ``['name']``,
    ``.*``, ``[*]``, ``[n]``, ``[-n]``, ``[n,m]``, ``[start:end]``,
    ``..name``, ``..*``, and filters ``[?(@.field)]`` and
    ``[?(@.field == value)]`` with ``== != < <= > >=``. Any other path is an
    error, even when ``returnEmptyOnError`` is true.
    """
    empty_on_error = return_empty_on_error is not None and is_true(return_empty_on_error)
    # A byte order mark left at the start of an HTTP reply is not part of the JSON.
    source = to_text(text).lstrip("\ufeff")
    try:
        document = json.loads(source, parse_float=JsonNumber, parse_int=JsonNumber, parse_constant=_reject_constant)
    except ValueError as error:
        if empty_on_error:
            return RowSet()
        shown = source if len(source) <= 40 else source[:37] + "..."
        raise FunctionError(
            f"the first argument is not valid JSON ({error}): {shown!r}",
            hint="pass true as the third argument to get an empty rowset instead of an error",
        ) from None
    try:
        selected = select(document, to_text(path))
    except JsonPathError as error:
        raise FunctionError(str(error)) from None
    return RowSet(_json_row(value) for value in selected)


# -------------------------------------------------------------------- XML


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_row(element: ElementTree.Element) -> Row:
    name = _local_name(element.tag)
    columns = ["NodeName", "Value", "Xml"]
    values: list[Any] = [name, "".join(element.itertext()), _outer_xml(element)]
    for attribute, value in element.attrib.items():
        columns.append(f"{name}_att_{_local_name(attribute)}")
        values.append(value)
    for child in element:
        if not isinstance(child.tag, str):
            continue
        child_name = _local_name(child.tag)
        columns.append(child_name)
        values.append("".join(child.itertext()))
        for attribute, value in child.attrib.items():
            columns.append(f"{child_name}_att_{_local_name(attribute)}")
            values.append(value)
    return Row(columns, values)


def _outer_xml(element: ElementTree.Element) -> str:
    tail = element.tail
    element.tail = None
    try:
        return ElementTree.tostring(element, encoding="unicode")
    finally:
        element.tail = tail


_XPATH_UNSUPPORTED = re.compile(r"::|\btext\(\)|@[\w:-]+\s*$|/@|\b(?:contains|starts-with|not|count|position|name)\(")
XPATH_SUPPORTED = (
    "element paths (/a/b, a/b, //b, *, ., ..) with predicates [@attr], [@attr='v'], [child], "
    "[child='v'], [n] and [last()]"
)


def _select_xml(root: ElementTree.Element, xpath: str) -> list[ElementTree.Element]:
    path = xpath.strip()
    if not path or _XPATH_UNSUPPORTED.search(path):
        raise FunctionError(
            f"the XPath {xpath!r} is not supported by ampsms; it supports {XPATH_SUPPORTED}",
            hint="select elements, then read attributes and child values with Field()",
        )
    # A wrapper element lets absolute paths start at the document element.
    wrapper = ElementTree.Element("document")
    wrapper.append(root)
    if path.startswith("//"):
        path = "." + path
    elif path.startswith("/"):
        path = "./" + path[1:]
    try:
        return wrapper.findall(path)
    except (SyntaxError, KeyError, TypeError) as error:
        raise FunctionError(
            f"the XPath {xpath!r} is not supported by ampsms ({error}); it supports {XPATH_SUPPORTED}"
        ) from None


@builtin(
    "BuildRowSetFromXML",
    2,
    3,
    signature="BuildRowSetFromXML(xml, xpath [, returnEmptyOnError])",
    example='BuildRowSetFromXML(@reply, "/quotes/quote", 1)',
    category="Content",
)
def build_rowset_from_xml(state, text, xpath, return_empty_on_error=None):
    """Select elements from XML text with an XPath and return one row per element.

    Each row has the columns ``NodeName``, ``Value`` (the element's text,
    children included) and ``Xml`` (the element as XML). Each attribute adds
    a column named ``NODE_att_ATTRIBUTE``. Each child element adds a column
    named after it that contains its text, and its attributes add
    ``CHILD_att_ATTRIBUTE`` columns. With ``returnEmptyOnError`` true, text that is
    not XML gives an empty rowset instead of an error.

    ampsms supports the XPath subset of Python's ElementTree: element paths
    (``/a/b``, ``a/b``, ``//b``, ``*``, ``.``, ``..``) with the predicates
    ``[@attr]``, ``[@attr='v']``, ``[child]``, ``[child='v']``, ``[n]`` and
    ``[last()]``. Axes, functions and paths that end in ``text()`` or an
    attribute are errors.
    """
    # NOTE: the column names follow Salesforce's description of the function
    # (NodeName, Value, Xml and NAME_att_ATTRIBUTE) and were not checked
    # against a live render. Column names leave out element namespaces, but
    # a path only matches elements without a namespace, as an XPath without
    # a namespace manager does.
    empty_on_error = return_empty_on_error is not None and is_true(return_empty_on_error)
    source = to_text(text)
    try:
        root = ElementTree.fromstring(source)
    except UnicodeEncodeError:
        # Substring can cut an emoji in half, and half a surrogate pair is
        # no character at all, so no XML parser can read the text.
        if empty_on_error:
            return RowSet()
        raise FunctionError(
            "the first argument is not valid XML: it contains half of a surrogate pair",
            hint="check where Substring cuts the text",
        ) from None
    except ElementTree.ParseError as error:
        if empty_on_error:
            return RowSet()
        raise FunctionError(
            f"the first argument is not valid XML ({error})",
            hint="pass true as the third argument to get an empty rowset instead of an error",
        ) from None
    return RowSet(_xml_row(element) for element in _select_xml(root, to_text(xpath)))


# ----------------------------------------------------------------- reading


def _is_false(value: Any) -> bool:
    """Tell whether a flag is explicitly off: false, 0, "0" or "false"."""
    if type(value) is bool:
        return not value
    if type(value) is str and value.strip().lower() == "false":
        return True
    return try_number(value) == 0


def _rowset_arg(value: Any, function: str) -> RowSet:
    if isinstance(value, RowSet):
        return value
    raise FunctionError(
        f"the first argument must be a rowset, not {describe(value)}",
        hint=f"pass the result of LookupRows or BuildRowSetFromString to {function}",
    )


@builtin(
    "RowCount",
    1,
    1,
    signature="RowCount(rowset)",
    example='RowCount(LookupRows("Stores", "City", "Oslo")) -> 2',
    category="Data Extension",
)
def row_count(state, rowset):
    """Return the number of rows in a rowset.

    RowCount never fails, as on Marketing Cloud: null, text or any other
    value that is not a rowset counts 0 rows. For such a value the render
    result gets a ``rowcount-not-rowset`` note, because it usually means the
    wrong variable was passed.
    """
    if isinstance(rowset, RowSet):
        return len(rowset)
    if rowset is not None and rowset is not DB_NULL:
        state.note("rowcount-not-rowset", f"RowCount was given {describe(rowset)}, not a rowset, and counted 0 rows")
    return 0


@builtin("Row", 2, 2, signature="Row(rowset, index)", example="Field(Row(@rows, 1), \"City\")", category="Data Extension")
def row(state, rowset, index):
    """Return the row at a 1-based index; 0, a negative index or one past the last row is an error."""
    rows = _rowset_arg(rowset, "Row")
    position = whole_number_arg(index, 2)
    if not 1 <= position <= len(rows):
        raise FunctionError(
            f"row {position} does not exist: the rowset has {len(rows)} row" + ("" if len(rows) == 1 else "s"),
            hint="rows count from 1; check RowCount() first",
        )
    return rows.rows[position - 1]


@builtin(
    "Field",
    2,
    3,
    signature="Field(row, column [, failIfMissing])",
    example='Field(Row(@rows, 1), "City") -> Oslo',
    category="Data Extension",
)
def field(state, row_value, column, fail_if_missing=None):
    """Return the value of a column of a row, by name (any case) or 1-based ordinal.

    A column the row lacks is an error, unless ``failIfMissing`` is false or
    0: then the result is "". An empty data extension cell is a database
    null, for which IsNull is true.
    """
    if not isinstance(row_value, Row):
        hint = "pick a row first, as in Field(Row(@rows, 1), \"City\")" if isinstance(row_value, RowSet) else None
        raise FunctionError(f"the first argument must be a row, not {describe(row_value)}", hint=hint)
    name = to_text(column)
    found, value = row_value.get(name)
    if not found and type(column) is not bool:
        number = try_number(column)
        if number is not None and is_whole(number) and 1 <= int(number) <= len(row_value.values):
            found, value = True, row_value.values[int(number) - 1]
    if found:
        return value
    if _is_false(fail_if_missing):
        return ""
    columns = ", ".join(row_value.columns) or "none"
    raise FunctionError(
        f"the row has no column {name!r}; its columns are {columns}",
        hint="pass false as the third argument to get \"\" for a missing column",
    )
