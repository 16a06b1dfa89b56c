"""Data extension lookups: Lookup, LookupRows, LookupOrderedRows and their case-sensitive forms.

Data extensions are local CSV files named by the context part
``data_extensions``: a dict of data extension name to CSV path, or a folder
holding ``NAME.csv`` files. Names ignore case. The first line of a file
names the columns and an empty cell is a database null, for which IsNull is
true. Each file is read once per RenderContext and kept in its cache, so
rendering one context many times reads each file once.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from ..dates import parse_date
from ..values import DB_NULL, Row, RowSet, fold_case, to_text, try_number
from .registry import FunctionError, builtin, whole_number_arg

# Salesforce documents that LookupRows and LookupOrderedRows return at most
# 2,000 rows.
MAX_LOOKUP_ROWS = 2000

_CACHE_KEY = "data_extensions"
_CONTEXT_HINT = 'name the CSV files in the context, e.g. {"data_extensions": {"Stores": "stores.csv"}}, or pass --data-extensions DIR'


@dataclass
class Table:
    """One data extension read from a CSV file."""

    name: str
    path: Path
    columns: list[str]
    rows: list[list[Any]]
    # Lookup indexes and sort keys, built on first use and kept with the
    # table so that renders sharing a context do not rebuild them.
    indexes: dict[tuple, Any] = field(default_factory=dict, repr=False)

    def column_index(self, column: Any) -> int:
        """Return the position of a column, ignoring case; raise FunctionError when absent."""
        expected_name = to_text(column).strip().lower()
        for index, name in enumerate(self.columns):
            if name.lower() == expected_name:
                return index
        raise FunctionError(
            f"data extension {self.name!r} ({self.path}) has no column {to_text(column)!r}; "
            f"its columns are {', '.join(self.columns)}"
        )

    def row(self, values: list[Any]) -> Row:
        """Wrap one row of values as a Row."""
        return Row(self.columns, values)


# ------------------------------------------------------------------ loading


def _csv_path(source: Any, name: str) -> Path:
    if source is None:
        raise FunctionError(f"data extension {name!r} cannot be read: the context has no data extensions", hint=_CONTEXT_HINT)
    if isinstance(source, Mapping):
        for key, path in source.items():
            if isinstance(key, str) and key.strip().lower() == name.strip().lower():
                if not isinstance(path, (str, os.PathLike)):
                    raise FunctionError(f"the context names data extension {key!r} with {path!r}, which is not a file path")
                return Path(path)
        known = ", ".join(sorted(str(key) for key in source)) or "none"
        raise FunctionError(
            f"data extension {name!r} not found: the context's data_extensions name {known}", hint=_CONTEXT_HINT
        )
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        expected = folder / f"{name}.csv"
        if not folder.is_dir():
            raise FunctionError(
                f"data extension {name!r} not found: looked for {expected}, but {folder} is not a folder",
                hint=_CONTEXT_HINT,
            )
        file_name = f"{name}.csv".lower()
        for entry in folder.iterdir():
            if entry.name.lower() == file_name and entry.is_file():
                return entry
        raise FunctionError(f"data extension {name!r} not found: looked for {expected}", hint=_CONTEXT_HINT)
    raise FunctionError(
        f"the context part data_extensions must be a folder or a dict of name to CSV file, not {type(source).__name__}",
        hint=_CONTEXT_HINT,
    )


def _read_table(name: str, path: Path) -> Table:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            records = list(csv.reader(stream))
    except FileNotFoundError:
        raise FunctionError(f"data extension {name!r} not found: looked for {path}", hint=_CONTEXT_HINT) from None
    except OSError as error:
        raise FunctionError(f"cannot read data extension {name!r} from {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise FunctionError(f"data extension {name!r}: {path} is not UTF-8 text") from None
    except csv.Error as error:
        raise FunctionError(f"data extension {name!r}: {path} is not valid CSV: {error}") from None

    if not records or not any(cell.strip() for cell in records[0]):
        raise FunctionError(f"data extension {name!r}: {path} has no header line naming the columns")
    columns = [cell.strip() for cell in records[0]]
    seen: set[str] = set()
    for column in columns:
        if not column:
            raise FunctionError(f"data extension {name!r}: {path} has an empty column name in its header line")
        if column.lower() in seen:
            raise FunctionError(f"data extension {name!r}: {path} names the column {column!r} twice")
        seen.add(column.lower())

    rows = []
    for line_number, record in enumerate(records[1:], start=2):
        if not record:
            continue
        if len(record) != len(columns):
            raise FunctionError(
                f"data extension {name!r}: line {line_number} of {path} has {len(record)} fields, "
                f"but the header names {len(columns)} columns"
            )
        rows.append([DB_NULL if cell == "" else cell for cell in record])
    return Table(name, path, columns, rows)


def load_table(state, name: Any) -> Table:
    """Return the data extension called ``name``, reading its CSV file on first use per context."""
    text = to_text(name)
    if not text.strip():
        raise FunctionError("the data extension name is empty")
    context = state.context
    tables = context.cache.setdefault(_CACHE_KEY, {})
    key = text.strip().lower()
    table = tables.get(key)
    if table is None:
        table = _read_table(text, _csv_path(context.data_extensions, text))
        tables[key] = table
    return table


# ----------------------------------------------------------------- matching


def _text_key(text: str, case_sensitive: bool) -> str:
    """Return the key two texts share when SQL Server's "=" finds them equal.

    SQL Server ignores trailing spaces when it compares text, so "Oslo " equals
    "Oslo"; the case-insensitive lookups also ignore case.
    """
    text = text.rstrip(" ")
    return text if case_sensitive else fold_case(text)


def _same(cell: Any, expected: Any, case_sensitive: bool) -> bool:
    # An empty cell is a null, and SQL's "= value" never matches null.
    if cell is DB_NULL:
        return False
    if isinstance(expected, datetime):
        return parse_date(cell) == expected
    if _text_key(cell, case_sensitive) == _text_key(to_text(expected), case_sensitive):
        return True
    # NOTE: CSV files carry no column types, so numeric text also matches by
    # value ("7" finds 7.0), as a number column in Marketing Cloud would.
    cell_number = try_number(cell)
    expected_number = try_number(expected) if type(expected) is not bool else None
    if cell_number is not None and expected_number is not None:
        return Decimal(str(cell_number)) == Decimal(str(expected_number))
    return False


def _criteria(table: Table, pairs: tuple[Any, ...], function: str) -> list[tuple[int, Any]]:
    if len(pairs) % 2:
        raise FunctionError(
            f"{function} needs column and value pairs, but the column {to_text(pairs[-1])!r} has no value",
            hint="pass the search as column, value, column, value, ...",
        )
    return [(table.column_index(pairs[i]), pairs[i + 1]) for i in range(0, len(pairs), 2)]


def _text_index(table: Table, column: int, case_sensitive: bool) -> dict[str, list[int]]:
    """Return row numbers by the text key of each cell (see _text_key) for one column."""
    key = ("text", column, case_sensitive)
    index = table.indexes.get(key)
    if index is None:
        index = {}
        for number, values in enumerate(table.rows):
            cell = values[column]
            if cell is not DB_NULL:
                index.setdefault(_text_key(cell, case_sensitive), []).append(number)
        table.indexes[key] = index
    return index


def _number_index(table: Table, column: int) -> dict[Decimal, list[int]]:
    """Return row numbers by numeric value for the cells of one column that hold a number."""
    key = ("number", column)
    index = table.indexes.get(key)
    if index is None:
        index = {}
        for number, values in enumerate(table.rows):
            value = try_number(values[column]) if values[column] is not DB_NULL else None
            if value is not None:
                index.setdefault(Decimal(str(value)), []).append(number)
        table.indexes[key] = index
    return index


def _candidates(table: Table, column: int, expected: Any, case_sensitive: bool) -> list[int]:
    """Return, in file order, the numbers of the rows whose cell in ``column`` matches ``expected``."""
    if isinstance(expected, datetime):
        return [number for number, values in enumerate(table.rows) if _same(values[column], expected, case_sensitive)]
    found = set(_text_index(table, column, case_sensitive).get(_text_key(to_text(expected), case_sensitive), ()))
    expected_number = try_number(expected) if type(expected) is not bool else None
    if expected_number is not None:
        found.update(_number_index(table, column).get(Decimal(str(expected_number)), ()))
    return sorted(found)


def _matching_numbers(table: Table, pairs: tuple[Any, ...], function: str, case_sensitive: bool) -> list[int]:
    """Return, in file order, the numbers of the rows that match every column and value pair."""
    criteria = _criteria(table, pairs, function)
    first_column, first_expected = criteria[0]
    rest = criteria[1:]
    return [
        number
        for number in _candidates(table, first_column, first_expected, case_sensitive)
        if all(_same(table.rows[number][index], expected, case_sensitive) for index, expected in rest)
    ]


def _matching_rows(table: Table, pairs: tuple[Any, ...], function: str, case_sensitive: bool) -> list[list[Any]]:
    return [table.rows[number] for number in _matching_numbers(table, pairs, function, case_sensitive)]


@builtin(
    "Lookup",
    4,
    None,
    signature="Lookup(dataExtension, returnColumn, column1, value1 [, column2, value2, ...])",
    example='Lookup("Stores", "Phone", "City", "Oslo") -> 22 00 11 22',
    category="Data Extension",
)
def lookup(state, name, return_column, *pairs):
    """Return one column of the first row whose columns hold the given values.

    All pairs must match. Values match without regard to case or trailing
    spaces, as SQL Server compares text, and numeric text also matches by
    value. An empty cell in the returned column is a database null (IsNull
    is true). When no row matches the result is "".
    """
    table = load_table(state, name)
    index = table.column_index(return_column)
    found = _matching_rows(table, pairs, "Lookup", case_sensitive=False)
    if not found:
        # Sources disagree: Marketing Cloud's CloudPages return "" for no
        # match, while Salesforce Labs' engine returns a database null. ampsms
        # follows the observed "", so IsNull is false and Empty is true.
        return ""
    return found[0][index]


def _rows(state, name, pairs, function: str, case_sensitive: bool) -> RowSet:
    table = load_table(state, name)
    found = _matching_rows(table, pairs, function, case_sensitive)
    return RowSet(table.row(values) for values in found[:MAX_LOOKUP_ROWS])


@builtin(
    "DataExtensionRowCount",
    1,
    1,
    signature="DataExtensionRowCount(dataExtension)",
    example='DataExtensionRowCount("Stores") -> 3',
    category="Data Extension",
)
def data_extension_row_count(state, name):
    """Return the number of rows in a data extension: the data lines of its CSV file."""
    return len(load_table(state, name).rows)


@builtin(
    "LookupRows",
    3,
    None,
    signature="LookupRows(dataExtension, column1, value1 [, column2, value2, ...])",
    example='RowCount(LookupRows("Stores", "City", "oslo")) -> 2',
    category="Data Extension",
)
def lookup_rows(state, name, *pairs):
    """Return a rowset of the rows whose columns hold the given values, ignoring case.

    All pairs must match. Rows keep the order of the CSV file, and at most
    2,000 are returned. No match gives an empty rowset.
    """
    return _rows(state, name, pairs, "LookupRows", case_sensitive=False)


@builtin(
    "LookupRowsCS",
    3,
    None,
    signature="LookupRowsCS(dataExtension, column1, value1 [, column2, value2, ...])",
    example='RowCount(LookupRowsCS("Stores", "City", "oslo")) -> 0',
    category="Data Extension",
)
def lookup_rows_cs(state, name, *pairs):
    """Return a rowset of the rows whose columns hold the given values, matching case.

    Like LookupRows, but "Oslo" does not match "oslo".
    """
    return _rows(state, name, pairs, "LookupRowsCS", case_sensitive=True)


# ----------------------------------------------------------------- ordering


def _order_spec(table: Table, text: Any) -> list[tuple[int, bool]]:
    spec = []
    for part in to_text(text).split(","):
        words = part.split()
        if not words:
            continue
        descending = False
        if len(words) > 1 and words[-1].lower() in ("asc", "desc"):
            descending = words[-1].lower() == "desc"
            words = words[:-1]
        spec.append((table.column_index(" ".join(words)), descending))
    return spec


def _sort_keys(table: Table, index: int) -> list[tuple]:
    """Return the sort key of every row for one column, computed once per table.

    A column sorts as numbers when every value is a number, as dates when
    every value is a date, and as text otherwise. A null sorts before any
    value, as in SQL Server.
    """
    cache_key = ("sort", index)
    keys = table.indexes.get(cache_key)
    if keys is None:
        values = [values[index] for values in table.rows if values[index] is not DB_NULL]
        if values and all(try_number(value) is not None for value in values):
            convert = _number_sort_key
        elif values and all(parse_date(value) is not None for value in values):
            convert = parse_date
        else:
            convert = fold_case
        keys = [(False, 0) if values[index] is DB_NULL else (True, convert(values[index])) for values in table.rows]
        table.indexes[cache_key] = keys
    return keys


def _number_sort_key(value: str) -> Decimal:
    return Decimal(str(try_number(value)))


def _ordered(table: Table, numbers: list[int], spec: list[tuple[int, bool]]) -> list[int]:
    # Sort by the last column first: Python's sort is stable, so earlier
    # columns take precedence. Nulls come first in ascending order and last in
    # descending order.
    for index, descending in reversed(spec):
        keys = _sort_keys(table, index)
        numbers = sorted(numbers, key=keys.__getitem__, reverse=descending)
    return numbers


def _ordered_rows(state, name, count, order, pairs, function: str, case_sensitive: bool) -> RowSet:
    table = load_table(state, name)
    limit = whole_number_arg(count, 2)
    spec = _order_spec(table, order)
    found = _ordered(table, _matching_numbers(table, pairs, function, case_sensitive), spec)
    if limit <= 0 or limit > MAX_LOOKUP_ROWS:
        limit = MAX_LOOKUP_ROWS
    return RowSet(table.row(table.rows[number]) for number in found[:limit])


@builtin(
    "LookupOrderedRows",
    5,
    None,
    signature="LookupOrderedRows(dataExtension, count, orderBy, column1, value1 [, column2, value2, ...])",
    example='LookupOrderedRows("Stores", 1, "Opened DESC", "City", "Oslo")',
    category="Data Extension",
)
def lookup_ordered_rows(state, name, count, order, *pairs):
    """Return up to ``count`` matching rows, sorted; matching ignores case.

    ``orderBy`` lists columns with an optional ``ASC`` or ``DESC``, separated
    by commas (``"Opened DESC, Name"``). A column sorts as numbers when every
    value in it is a number, as dates when every value is a date, and as
    text otherwise. Empty cells sort first in ascending order. A count of 0
    or less returns every match, up to 2,000 rows.
    """
    return _ordered_rows(state, name, count, order, pairs, "LookupOrderedRows", case_sensitive=False)


@builtin(
    "LookupOrderedRowsCS",
    5,
    None,
    signature="LookupOrderedRowsCS(dataExtension, count, orderBy, column1, value1 [, column2, value2, ...])",
    example='LookupOrderedRowsCS("Stores", 0, "Name", "City", "Oslo")',
    category="Data Extension",
)
def lookup_ordered_rows_cs(state, name, count, order, *pairs):
    """Return up to ``count`` matching rows, sorted; matching is case-sensitive.

    Like LookupOrderedRows, but "Oslo" does not match "oslo".
    """
    return _ordered_rows(state, name, count, order, pairs, "LookupOrderedRowsCS", case_sensitive=True)
