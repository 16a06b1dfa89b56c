"""Marketing Cloud's value model: how AMPscript values print, compare and convert.

Runtime values are plain Python objects:

* ``None``: null, the value of an unset or undeclared variable;
* ``str``;
* ``bool``;
* ``int`` and ``Decimal``: number literals, printed as written;
* ``float``: results of arithmetic, printed like a .NET Framework double;
* ``datetime``: naive, in Marketing Cloud system time (UTC-6, no daylight saving);
* ``RowSet`` and ``Row``: results of rowset and lookup functions;
* ``DB_NULL``: a database null from a data extension field, the only value
  for which ``IsNull`` is true.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

__all__ = [
    "DB_NULL",
    "MAX_OUTPUT_LENGTH",
    "MAX_TEXT_LENGTH",
    "Row",
    "RowSet",
    "compare",
    "fold_case",
    "format_datetime",
    "format_double",
    "is_true",
    "lower_text",
    "to_text",
    "try_number",
    "upper_text",
]


# NOTE: Marketing Cloud documents no maximum length for a text value or a
# message. These caps are guesses, far above any SMS, that turn a template
# doubling a text in a loop into an error instead of exhausting memory.
MAX_TEXT_LENGTH = 1_000_000
MAX_OUTPUT_LENGTH = 10_000_000


class _DbNull:
    """A null read from a data extension; prints as empty text."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DB_NULL"

    def __bool__(self) -> bool:
        return False


DB_NULL = _DbNull()


class Row:
    """One row of a rowset: column names keep their spelling and match without case."""

    __slots__ = ("columns", "values", "_index")

    def __init__(self, columns: Iterable[str], values: Iterable[Any]) -> None:
        self.columns = list(columns)
        self.values = list(values)
        self._index = {name.lower(): i for i, name in reversed(list(enumerate(self.columns)))}

    def get(self, name: str) -> tuple[bool, Any]:
        """Return ``(found, value)`` for a column name, ignoring case."""
        index = self._index.get(name.lower())
        if index is None:
            return False, None
        return True, self.values[index]

    def as_dict(self) -> dict[str, Any]:
        """Return the row as a dict of column name to value."""
        return dict(zip(self.columns, self.values))

    def __repr__(self) -> str:
        return f"Row({self.as_dict()!r})"


class RowSet:
    """An ordered list of rows, 1-based in AMPscript."""

    __slots__ = ("rows",)

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self.rows = list(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"RowSet({self.rows!r})"


# ------------------------------------------------------------------ printing


def format_double(value: float) -> str:
    """Print a float as .NET Framework's ``Double.ToString()`` does: 15 significant digits.

    Trailing zeros are dropped, the exponent form starts at 1E+15 and is
    written with a capital E and at least two exponent digits, and division by
    zero prints the infinity sign or ``NaN``.
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == 0:
        return "0"
    text = format(value, ".15g")
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = exponent[0]
        digits = exponent[1:].lstrip("0").rjust(2, "0")
        text = f"{mantissa}E{sign}{digits}"
    return text


def format_decimal(value: Decimal) -> str:
    """Print a decimal literal as written, keeping its scale (``2.50`` stays ``2.50``)."""
    text = format(value, "f")
    if text.startswith("-") and value == 0:
        text = text[1:]
    return text


def format_datetime(value: datetime) -> str:
    """Print a date the way Marketing Cloud does: ``M/d/yyyy h:mm:ss AM``."""
    hour = value.hour % 12 or 12
    meridiem = "AM" if value.hour < 12 else "PM"
    return f"{value.month}/{value.day}/{value.year} {hour}:{value.minute:02d}:{value.second:02d} {meridiem}"


def to_text(value: Any) -> str:
    """Convert a value to the text Marketing Cloud prints for it."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "True" if value else "False"
    if kind is int:
        return str(value)
    if kind is float:
        return format_double(value)
    if kind is Decimal:
        return format_decimal(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if value is DB_NULL:
        return ""
    if isinstance(value, (RowSet, Row)):
        # Rowsets have no documented printed form; printing one shows nothing.
        return ""
    return str(value)


# --------------------------------------------------------------- case mapping


def _map_case(text: str, method: str) -> str:
    # Marketing Cloud maps one character to one character. Where Python's
    # mapping changes the length (ß -> SS, İ -> i + combining dot) the
    # original character stays, except İ, which lower-cases to a plain i.
    out = []
    for char in text:
        converted = getattr(char, method)()
        if len(converted) == 1:
            out.append(converted)
        elif char == "\u0130" and method == "lower":
            out.append("i")
        else:
            out.append(char)
    return "".join(out)


def lower_text(text: str) -> str:
    """Lower-case text one character at a time, as .NET's invariant culture does."""
    if text.isascii():
        return text.lower()
    return _map_case(text, "lower")


def upper_text(text: str) -> str:
    """Upper-case text one character at a time; ``ß`` stays ``ß``."""
    if text.isascii():
        return text.upper()
    return _map_case(text, "upper")


def fold_case(text: str) -> str:
    """Return the key used for case-insensitive equality and matching.

    This is ordinal case-insensitive comparison: one character stays one
    character, so positions found in the folded text are positions in the
    original text, and ``ß`` does not equal ``ss``.
    """
    return lower_text(text)


def _ordering_key(text: str) -> str:
    # NOTE: Marketing Cloud orders strings with .NET's en-US culture
    # comparison. This key approximates it with case folding and accents
    # removed, which puts "ß" level with "ss" as .NET does; other rare
    # characters may order differently.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ------------------------------------------------------------------- numbers

_NUMBER_TEXT = re.compile(r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*\Z")
_WHOLE_TEXT = re.compile(r"\s*[-+]?\d+\s*\Z")
_DOUBLE_MAX = Decimal(sys.float_info.max)


def _beyond_double(text: str) -> bool:
    # NOTE: numeric text beyond the double range (about 1.8E+308) is not a
    # number, as .NET Framework's Double.Parse rejects it. What Marketing
    # Cloud does with such text was not observed. Python's int() also
    # rejects text of more than 4300 digits.
    integer_digits = text.strip().lstrip("+-").split(".")[0].lstrip("0")
    return len(integer_digits) > 308 and abs(Decimal(text.strip())) > _DOUBLE_MAX


def try_number(value: Any) -> int | Decimal | float | None:
    """Return the number a value holds, reading numeric strings; None when it is not numeric."""
    kind = type(value)
    if kind is int or kind is float or kind is Decimal:
        return value
    if kind is str:
        if not _NUMBER_TEXT.match(value):
            return None
        if len(value) > 308 and _beyond_double(value):
            return None
        if _WHOLE_TEXT.match(value):
            return int(value)
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            return None
    return None


def is_whole(number: int | Decimal | float) -> bool:
    """Tell whether a number has no fractional part."""
    if type(number) is int:
        return True
    if type(number) is float:
        return math.isfinite(number) and number == int(number)
    return number == number.to_integral_value()


def to_decimal(number: int | Decimal | float) -> Decimal:
    """Convert a number to Decimal; a float goes through its 15-digit printed form."""
    if type(number) is float:
        if not math.isfinite(number):
            raise ValueError("infinite or NaN")
        return Decimal(format(number, ".15g"))
    return Decimal(number)


# ------------------------------------------------------------ truth and order


def is_true(value: Any) -> bool:
    """Convert a condition value to a boolean.

    Project decision where the sources disagree: null and "" are false. The
    number 1, "1" and "true" in any case are true. Every other value,
    "hello" and 1.5 included, is false without an error. Marketing Cloud's
    IIf behaves this way for every value it was probed with; Salesforce
    Labs' engine raises an error for text instead.
    """
    if value is True:
        return True
    if value is False or value is None:
        return False
    kind = type(value)
    if kind is str:
        text = value.strip()
        return text == "1" or text.lower() == "true"
    if kind is int:
        return value == 1
    if kind is float or kind is Decimal:
        return value == 1
    return False


def _to_boolean_for_compare(value: Any) -> bool:
    if type(value) is bool:
        return value
    if type(value) is str:
        text = value.strip().lower()
        if text == "true":
            return True
        if text == "false":
            return False
    number = try_number(value)
    if number is not None and is_whole(number):
        return number == 1
    return False


def _to_date_for_compare(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    from .dates import parse_date  # a late import: dates imports this module

    if type(value) is str:
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    return datetime.min


_EQUAL_RESULT = {"==": True, "<=": True, ">=": True, "!=": False, "<": False, ">": False}


def compare(op: str, left: Any, right: Any) -> bool:
    """Apply a comparison operator with Marketing Cloud's rules.

    The rules are tried in order: null on one side, a boolean on either side,
    a date on either side, a number (or numeric string) on either side, and
    otherwise text. Marketing Cloud's own generated comparison corpus agrees
    with every step.
    """
    left_null = left is None or left is DB_NULL
    right_null = right is None or right is DB_NULL
    if left_null or right_null:
        if left_null and right_null:
            return _EQUAL_RESULT[op]
        # Null against anything else: ==, <= and >= are false; !=, < and > are true.
        return not _EQUAL_RESULT[op]

    if type(left) is bool or type(right) is bool:
        # Booleans have no order: every operator asks "equal?" or "not equal?".
        equal = _to_boolean_for_compare(left) == _to_boolean_for_compare(right)
        return equal if _EQUAL_RESULT[op] else not equal

    if isinstance(left, datetime) or isinstance(right, datetime):
        return _ordered(op, _to_date_for_compare(left), _to_date_for_compare(right))

    left_number = try_number(left)
    right_number = try_number(right)
    if left_number is not None or right_number is not None:
        # NOTE: two numeric strings ("10" and "9") compare as numbers, as in
        # Salesforce Labs' engine; Marketing Cloud's corpus has no case that
        # separates numeric from text order.
        return _ordered(op, _number_key(left_number), _number_key(right_number))

    left_text = to_text(left)
    right_text = to_text(right)
    if op == "==":
        return fold_case(left_text) == fold_case(right_text)
    if op == "!=":
        return fold_case(left_text) != fold_case(right_text)
    return _ordered(op, _ordering_key(left_text), _ordering_key(right_text))


def _number_key(number) -> Decimal | float:
    if number is None:
        return Decimal(0)
    if type(number) is float:
        if not math.isfinite(number):
            return number
        return to_decimal(number)
    return Decimal(number)


def _ordered(op: str, left, right) -> bool:
    if isinstance(left, float) or isinstance(right, float):
        left, right = float(left), float(right)
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right
