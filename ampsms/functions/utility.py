"""Utility functions: V, Empty, IsNull, IIf, Output and OutputLine."""

from __future__ import annotations

from ..values import DB_NULL, is_true, to_text
from .registry import builtin


@builtin("V", 1, 1, signature="V(value)", example="V(Add(2, 3)) -> 5", category="Utility")
def v(state, value):
    """Return the value as text; null prints as "". ``V("p")`` is the letter p, not a lookup."""
    return to_text(value)


@builtin("Empty", 1, 1, signature="Empty(value)", example='Empty("") -> True', category="Utility")
def empty(state, value):
    """Return True for null, an unset variable or "", else False.

    Whitespace, 0, "0" and "false" are not empty.
    """
    return value is None or value is DB_NULL or value == ""


@builtin("IsNull", 1, 1, signature="IsNull(value)", example='IsNull("") -> False', category="Utility")
def is_null(state, value):
    """Return True only for a database null read from a data extension field.

    Unset variables and "" are not null for IsNull; use Empty to test for a
    missing value.
    """
    return value is DB_NULL


@builtin(
    "IIf",
    3,
    3,
    signature="IIf(condition, whenTrue, whenFalse)",
    example='IIf(Empty(@name), "there", @name)',
    category="Utility",
    lazy=True,
)
def iif(state, condition, when_true, when_false):
    """Return ``whenTrue`` if the condition is true, else ``whenFalse``, evaluating only that one.

    A condition that is not a boolean selects ``whenFalse`` unless it is 1,
    "1" or "true".
    """
    if is_true(condition()):
        return when_true()
    return when_false()


@builtin(
    "Output",
    0,
    None,
    signature="Output(call1 [, call2, ...])",
    example="Output(Concat(\"Hi \", @name))",
    category="Utility",
    writes_output=True,
)
def output(state, *values):
    """Write the value of each function-call argument where the code block stands.

    An argument that is a literal or a variable writes nothing, as observed on
    Marketing Cloud: wrap it, as in ``Output(V(@name))``.
    """
    state.out.extend([to_text(value) for value in values])


@builtin(
    "OutputLine",
    0,
    None,
    signature="OutputLine(call1 [, call2, ...])",
    example="OutputLine(V(@line))",
    category="Utility",
    writes_output=True,
)
def output_line(state, *values):
    """Write like Output, then a CR LF line break.

    With no function-call argument only the line break is written.
    """
    state.out.extend([to_text(value) for value in values])
    state.out.append("\r\n")
