"""The registry of built-in functions, keyed by case-insensitive name.

Each built-in is a plain Python function registered with ``@builtin``. It
receives the render state first and then its evaluated arguments, and raises
``FunctionError`` for bad input. The call site adds the function name and the
position of the call. The registry records the argument counts, which the
compiler checks for the whole template before anything runs.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable

from ..values import DB_NULL, MAX_TEXT_LENGTH, Row, RowSet, is_whole, to_text, try_number

__all__ = [
    "Builtin",
    "FUNCTIONS",
    "FunctionError",
    "builtin",
    "lookup",
    "number_arg",
    "whole_number_arg",
]


class FunctionError(Exception):
    """A built-in rejected its arguments; the call site turns this into AmpscriptRuntimeError."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Builtin:
    """A built-in function and what the compiler must know about it."""

    name: str
    min_args: int
    max_args: int | None
    impl: Callable[..., Any]
    doc: str
    signature: str
    example: str
    category: str
    # Each argument is a zero-argument callable instead of a value, so the
    # function decides what to evaluate (IIf evaluates one branch only).
    lazy: bool = False
    # A literal true or false written straight into the call contributes the
    # empty string, as Marketing Cloud's string functions do.
    text_args: bool = False
    # Positions of arguments that must be @variables: the function receives
    # a setter for each, as HttpGet does for its status output.
    output_args: tuple[int, ...] = ()
    # Output and OutputLine: only function-call arguments write anything, and
    # the call must be a statement of its own.
    writes_output: bool = False

    def arity_text(self) -> str:
        """Describe the accepted argument count in words."""
        if self.max_args is None:
            return f"{self.min_args} or more arguments"
        if self.min_args == self.max_args:
            count = self.min_args
            return f"{count} argument" + ("" if count == 1 else "s")
        return f"{self.min_args} to {self.max_args} arguments"


FUNCTIONS: dict[str, Builtin] = {}


def builtin(
    name: str,
    min_args: int,
    max_args: int | None,
    *,
    signature: str,
    example: str,
    category: str,
    lazy: bool = False,
    text_args: bool = False,
    output_args: tuple[int, ...] = (),
    writes_output: bool = False,
):
    """Register the decorated function as the built-in ``name``.

    ``signature`` and ``example`` feed the generated function reference; the
    docstring's first paragraph is its description.
    """

    def register(impl: Callable[..., Any]) -> Callable[..., Any]:
        key = name.lower()
        if key in FUNCTIONS:
            raise RuntimeError(f"built-in {name} is registered twice")
        doc = inspect.cleandoc(impl.__doc__ or "")
        if not doc:
            raise RuntimeError(f"built-in {name} needs a docstring")
        FUNCTIONS[key] = Builtin(
            name=name,
            min_args=min_args,
            max_args=max_args,
            impl=impl,
            doc=doc,
            signature=signature,
            example=example,
            category=category,
            lazy=lazy,
            text_args=text_args,
            output_args=output_args,
            writes_output=writes_output,
        )
        return impl

    return register


def lookup(name: str) -> Builtin | None:
    """Return the built-in called ``name`` in any case, or None."""
    return FUNCTIONS.get(name.lower())


# ------------------------------------------------------------ argument helpers

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def ordinal(position: int) -> str:
    """Return 'first', 'second', ... for a 1-based argument position."""
    return _ORDINALS.get(position, f"{position}th")


def number_arg(value: Any, position: int, what: str = "a number") -> int | Decimal | float:
    """Return a numeric argument, reading numeric strings; anything else is an error.

    Marketing Cloud's math functions reject empty text, booleans, dates and
    words instead of reading them as 0.
    """
    if type(value) is not bool:
        number = try_number(value)
        if number is not None:
            return number
    raise FunctionError(f"the {ordinal(position)} argument must be {what}, not {describe(value)}")


def whole_number_arg(value: Any, position: int) -> int:
    """Return an argument that must be a whole number (numeric strings allowed)."""
    number = number_arg(value, position, "a whole number")
    if type(number) is float and not math.isfinite(number):
        raise FunctionError(f"the {ordinal(position)} argument must be a whole number, not {describe(value)}")
    if not is_whole(number):
        raise FunctionError(f"the {ordinal(position)} argument must be a whole number, not {describe(value)}")
    return int(number)


def check_text_length(length: int) -> None:
    """Reject a result of ``length`` characters when it passes MAX_TEXT_LENGTH."""
    if length > MAX_TEXT_LENGTH:
        raise FunctionError(
            f"the result would be {length} characters long, more than the {MAX_TEXT_LENGTH} ampsms allows",
            hint="check for a value that grows on every pass of a loop",
        )


def describe(value: Any) -> str:
    """Describe a value for an error message: its kind and, when short, its text."""
    if value is None:
        return "null (an unset variable)"
    if type(value) is bool:
        return f"the boolean {to_text(value)}"
    if type(value) is str:
        if value == "":
            return "empty text"
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if type(value) in (int, float, Decimal):
        return f"the number {to_text(value)}"
    if value is DB_NULL:
        return "a database null (an empty data extension field)"
    if isinstance(value, datetime):
        return f"the date {to_text(value)}"
    if isinstance(value, RowSet):
        return "a rowset"
    if isinstance(value, Row):
        return "a row"
    return f"a {type(value).__name__} value"
