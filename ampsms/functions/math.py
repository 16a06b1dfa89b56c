"""Math functions: Add, Subtract, Multiply, Divide, Mod and Random.

AMPscript has no arithmetic operators. These functions take two numbers or
numeric strings and compute in double precision, so results print with up to
15 significant digits (``Divide(10, 3)`` is ``3.33333333333333``).
"""

from __future__ import annotations

import math
import random

from .registry import FunctionError, builtin, describe, number_arg, ordinal


def _operands(left, right) -> tuple[float, float]:
    return float(number_arg(left, 1)), float(number_arg(right, 2))


@builtin("Add", 2, 2, signature="Add(a, b)", example='Add("5", "42") -> 47', category="Math")
def add(state, left, right):
    """Return a + b."""
    a, b = _operands(left, right)
    return a + b


@builtin("Subtract", 2, 2, signature="Subtract(a, b)", example="Subtract(42.51, 5) -> 37.51", category="Math")
def subtract(state, left, right):
    """Return a - b."""
    a, b = _operands(left, right)
    return a - b


@builtin("Multiply", 2, 2, signature="Multiply(a, b)", example="Multiply(3, 9.99) -> 29.97", category="Math")
def multiply(state, left, right):
    """Return a × b."""
    a, b = _operands(left, right)
    return a * b


@builtin("Divide", 2, 2, signature="Divide(a, b)", example="Divide(1, 3) -> 0.333333333333333", category="Math")
def divide(state, left, right):
    """Return a ÷ b. Division by zero is not an error: it gives ∞, -∞ or NaN for 0 ÷ 0."""
    a, b = _operands(left, right)
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        # .NET keeps the sign of a zero divisor: 1 / -0.0 is -∞.
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


@builtin("Mod", 2, 2, signature="Mod(a, b)", example="Mod(-10, 3) -> -1", category="Math")
def mod(state, left, right):
    """Return the remainder of a ÷ b with the sign of a (a truncated remainder); NaN when b is 0."""
    a, b = _operands(left, right)
    # .NET gives NaN for an infinite dividend, where Python's fmod raises.
    if b == 0 or math.isinf(a):
        return math.nan
    return math.fmod(a, b)


def random_source(state) -> random.Random:
    """Return the render's random number generator, seeded from the context's ``seed`` when it has one.

    Random and GUID share it, so a seeded render repeats both exactly.
    """
    if state.rng is None:
        state.rng = random.Random(state.context.seed)
    return state.rng


_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


def _bound(value, position: int) -> int:
    # Marketing Cloud rejects a bound written with a decimal point, even 1.0.
    number = number_arg(value, position, "a whole number")
    if type(number) is float:
        whole = math.isfinite(number) and number.is_integer()
    else:
        whole = type(number) is int
    if not whole:
        raise FunctionError(f"the {ordinal(position)} bound must be a whole number, not {describe(value)}")
    bound = int(number)
    if not _INT32_MIN <= bound <= _INT32_MAX:
        raise FunctionError(f"the {ordinal(position)} bound {bound} is outside the 32-bit integer range")
    return bound


@builtin("Random", 2, 2, signature="Random(low, high)", example="Random(1, 6) -> 4 (any whole number from 1 to 6)", category="Math")
def random_number(state, low, high):
    """Return a random whole number between the bounds, both included, in either order.

    Whole-number text is accepted; a bound with a decimal point, even
    ``1.0``, is an error. A seed in the render context makes the numbers
    repeatable.
    """
    first = _bound(low, 1)
    second = _bound(high, 2)
    return random_source(state).randint(min(first, second), max(first, second))
