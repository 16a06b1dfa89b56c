""".NET numeric format strings (``N2``, ``C``, ``#,##0.00;(#0.00)``) applied the way Marketing Cloud applies them.

Marketing Cloud formats numbers as .NET Framework formats a double: the
value is first reduced to its 15 significant digits, then rounded half away
from zero at the requested position. So ``1.005`` with ``N2`` gives ``1.01``
and ``123.445`` gives ``123.45``, where exact binary rounding would give
``1.00`` and ``123.44``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from .cultures import Culture

__all__ = ["FormatError", "format_number", "parse_number"]

# A standard format: one letter and at most two precision digits.
_STANDARD = re.compile(r"([A-Za-z])(\d{0,2})\Z")
_DOUBLE_DIGITS = 15


class FormatError(ValueError):
    """A format string that .NET rejects, such as an unknown standard format letter."""


@dataclass(frozen=True)
class _Digits:
    """A number as .NET's formatter stores it: value = 0.<digits> × 10^scale.

    ``digits`` has no leading or trailing zeros; zero has no digits.
    """

    digits: str
    scale: int
    negative: bool

    @property
    def is_zero(self) -> bool:
        return not self.digits

    def digit(self, index: int) -> str:
        """Return the digit at ``index``, or "" past either end."""
        if 0 <= index < len(self.digits):
            return self.digits[index]
        return ""


_ZERO = _Digits("", 0, False)


def _to_digits(value: float, precision: int = _DOUBLE_DIGITS) -> _Digits:
    if value == 0:
        return _ZERO
    mantissa, exponent = format(abs(value), f".{precision - 1}e").split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    return _Digits(digits, int(exponent) + 1, value < 0)


def _round(number: _Digits, position: int) -> _Digits:
    """Keep ``position`` digits, rounding half away from zero; a result of zero loses its sign."""
    digits = number.digits
    if position >= len(digits):
        return number
    if position < 0:
        return _ZERO
    kept = digits[:position]
    scale = number.scale
    if digits[position] >= "5":
        raised = str(int(kept or "0") + 1)
        if len(raised) > len(kept):
            scale += 1
        kept = raised
    kept = kept.rstrip("0")
    if not kept:
        return _ZERO
    return _Digits(kept, scale, number.negative)


def parse_number(text: str) -> float | None:
    """Read a number from text as .NET's lenient parsing does; None when it is not one.

    Surrounding whitespace, a sign, thousands separators written as commas
    (``"1,234.56"``) and an exponent (``"1.5E3"``) are accepted.
    """
    match = _NUMBER_TEXT.match(text)
    if match is None:
        return None
    cleaned = match.group(1).replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


_NUMBER_TEXT = re.compile(r"\s*([-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*\Z")


# ------------------------------------------------------------ standard formats


def _group(integer: str, separator: str) -> str:
    if len(integer) <= 3:
        return integer
    head = len(integer) % 3 or 3
    parts = [integer[:head]] + [integer[i : i + 3] for i in range(head, len(integer), 3)]
    return separator.join(parts)


def _fixed(number: _Digits, decimals: int, culture: Culture, grouped: bool) -> str:
    """Return the unsigned fixed-point text of an already rounded number."""
    if number.scale > 0:
        integer = number.digits[: number.scale].ljust(number.scale, "0")
    else:
        integer = "0"
    if grouped:
        integer = _group(integer, culture.group_separator)
    if decimals <= 0:
        return integer
    fraction = "".join(number.digit(number.scale + i) or "0" for i in range(decimals))
    return integer + culture.decimal_separator + fraction


def _apply_pattern(pattern: str, number: str, symbol: str) -> str:
    out = []
    for char in pattern:
        if char == "n":
            out.append(number)
        elif char in "$%":
            out.append(symbol)
        else:
            out.append(char)
    return "".join(out)


def _exponent(value: int, letter: str, min_digits: int, always_sign: bool, culture: Culture) -> str:
    if value < 0:
        sign = culture.negative_sign
    elif always_sign:
        sign = culture.positive_sign
    else:
        sign = ""
    return f"{letter}{sign}{str(abs(value)).rjust(min_digits, '0')}"


def _scientific(number: _Digits, decimals: int, letter: str, culture: Culture) -> str:
    rounded = _round(number, decimals + 1)
    first = rounded.digit(0) or "0"
    text = first
    if decimals > 0:
        text += culture.decimal_separator + "".join(rounded.digit(1 + i) or "0" for i in range(decimals))
    exponent = 0 if rounded.is_zero else rounded.scale - 1
    text += _exponent(exponent, letter, 3, True, culture)
    return (culture.negative_sign if rounded.negative else "") + text


def _general(number: _Digits, precision: int, letter: str, culture: Culture) -> str:
    rounded = _round(number, precision)
    if rounded.is_zero:
        return "0"
    digits = rounded.digits
    scale = rounded.scale
    if scale > precision or scale < -3:
        text = digits[0]
        if len(digits) > 1:
            text += culture.decimal_separator + digits[1:]
        text += _exponent(scale - 1, letter, 2, True, culture)
    elif scale <= 0:
        text = "0" + culture.decimal_separator + "0" * -scale + digits
    else:
        text = digits[:scale].ljust(scale, "0")
        if len(digits) > scale:
            text += culture.decimal_separator + digits[scale:]
    return (culture.negative_sign if rounded.negative else "") + text


def _whole(value: float, letter: str) -> int:
    if not value.is_integer():
        raise FormatError(f"the format {letter} applies to whole numbers only, and {format(value, '.15g')} is not one")
    return int(value)


def _standard(value: float, letter: str, digits: str, culture: Culture) -> str:
    kind = letter.upper()
    precision = int(digits) if digits else None
    number = _to_digits(value)

    if kind in ("F", "N"):
        decimals = culture.number_decimals if precision is None else precision
        rounded = _round(number, number.scale + decimals)
        text = _fixed(rounded, decimals, culture, grouped=kind == "N")
        return (culture.negative_sign if rounded.negative else "") + text
    if kind == "C":
        decimals = culture.currency_decimals if precision is None else precision
        rounded = _round(number, number.scale + decimals)
        text = _fixed(rounded, decimals, culture, grouped=True)
        pattern = culture.currency_negative if rounded.negative else culture.currency_positive
        return _apply_pattern(pattern, text, culture.currency_symbol)
    if kind == "P":
        decimals = culture.number_decimals if precision is None else precision
        scaled = number if number.is_zero else _Digits(number.digits, number.scale + 2, number.negative)
        rounded = _round(scaled, scaled.scale + decimals)
        text = _fixed(rounded, decimals, culture, grouped=True)
        pattern = culture.percent_negative if rounded.negative else culture.percent_positive
        return _apply_pattern(pattern, text, culture.percent_symbol)
    if kind == "E":
        return _scientific(number, 6 if precision is None else precision, letter, culture)
    if kind == "G":
        letter_e = "E" if letter == "G" else "e"
        return _general(number, precision or _DOUBLE_DIGITS, letter_e, culture)
    if kind == "R":
        # .NET Framework tries 15 digits and falls back to 17 when 15 do
        # not read back as the same double.
        if float(format(value, ".15g")) == value:
            return _general(number, _DOUBLE_DIGITS, "E", culture)
        return _general(_to_digits(value, 17), 17, "E", culture)
    if kind == "D":
        whole = _whole(value, letter)
        text = str(abs(whole)).rjust(precision or 0, "0")
        return (culture.negative_sign if whole < 0 else "") + text
    if kind == "X":
        whole = _whole(value, letter)
        if whole < 0:
            raise FormatError(
                "the format X of a negative number depends on the integer width Marketing Cloud uses, "
                "which ampsms does not know, so it is not supported"
            )
        text = format(whole, "X" if letter == "X" else "x")
        return text.rjust(precision or 0, "0")
    raise FormatError(f"{letter!r} is not a standard numeric format; use one of C D E F G N P R X")


# -------------------------------------------------------------- custom formats


def _split_sections(pattern: str) -> list[str]:
    """Split a custom format on ``;`` outside quotes and escapes."""
    sections = []
    current = []
    quote = None
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if quote:
            current.append(char)
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
            current.append(char)
        elif char == "\\" and i + 1 < len(pattern):
            current.append(pattern[i : i + 2])
            i += 1
        elif char == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    sections.append("".join(current))
    return sections


def _pick_section(sections: list[str], wanted: int) -> int:
    """Return the section .NET uses: a missing or empty section falls back to the first."""
    if wanted < len(sections) and sections[wanted] != "":
        return wanted
    return 0


@dataclass
class _Layout:
    """The placeholders, separators and scaling of a custom format section, found by scanning it once."""

    digit_count: int = 0
    decimal_pos: int = -1
    first_digit: int = 1 << 30
    last_digit: int = 0
    scientific: bool = False
    thousand_pos: int = -1
    thousand_count: int = 0
    grouped: bool = False
    scale_adjust: int = 0


def _scan(section: str) -> _Layout:
    layout = _Layout()
    i = 0
    while i < len(section):
        char = section[i]
        i += 1
        if char == "#":
            layout.digit_count += 1
        elif char == "0":
            if layout.first_digit == 1 << 30:
                layout.first_digit = layout.digit_count
            layout.digit_count += 1
            layout.last_digit = layout.digit_count
        elif char == ".":
            if layout.decimal_pos < 0:
                layout.decimal_pos = layout.digit_count
        elif char == ",":
            if layout.digit_count > 0 and layout.decimal_pos < 0:
                if layout.thousand_pos >= 0:
                    if layout.thousand_pos == layout.digit_count:
                        layout.thousand_count += 1
                        continue
                    layout.grouped = True
                layout.thousand_pos = layout.digit_count
                layout.thousand_count = 1
        elif char == "%":
            layout.scale_adjust += 2
        elif char == "‰":
            layout.scale_adjust += 3
        elif char in "'\"":
            end = section.find(char, i)
            i = len(section) if end < 0 else end + 1
        elif char == "\\":
            i += 1
        elif char in "Ee":
            rest = section[i:]
            if rest.startswith("0") or (rest[:1] in ("+", "-") and rest[1:2] == "0"):
                if rest[:1] in ("+", "-"):
                    i += 1
                while i < len(section) and section[i] == "0":
                    i += 1
                layout.scientific = True
    if layout.decimal_pos < 0:
        layout.decimal_pos = layout.digit_count
    if layout.thousand_pos >= 0:
        if layout.thousand_pos == layout.decimal_pos:
            # Commas right before the decimal point divide by 1000 each.
            layout.scale_adjust -= layout.thousand_count * 3
        else:
            layout.grouped = True
    return layout


def _custom(value: float, pattern: str, culture: Culture) -> str:
    """Format with a custom pattern, following .NET's NumberToStringFormat step by step."""
    sections = _split_sections(pattern)
    number = _to_digits(value)
    if number.is_zero:
        wanted = 2
    elif number.negative:
        wanted = 1
    else:
        wanted = 0
    index = _pick_section(sections, wanted)

    # Rounding can turn a number into zero, which selects the zero section.
    while True:
        section = sections[index]
        layout = _scan(section)
        if number.is_zero:
            number = _ZERO
            break
        scaled = _Digits(number.digits, number.scale + layout.scale_adjust, number.negative)
        if layout.scientific:
            position = layout.digit_count
        else:
            position = scaled.scale + layout.digit_count - layout.decimal_pos
        number = _round(scaled, position)
        if number.is_zero:
            zero_index = _pick_section(sections, 2)
            if zero_index != index:
                index = zero_index
                continue
        break

    decimal_pos = layout.decimal_pos
    first_digit = decimal_pos - layout.first_digit if layout.first_digit < decimal_pos else 0
    last_digit = decimal_pos - layout.last_digit if layout.last_digit > decimal_pos else 0
    if layout.scientific:
        dig_pos = decimal_pos
        adjust = 0
    else:
        dig_pos = max(number.scale, decimal_pos)
        adjust = number.scale - decimal_pos

    # Group separators go after the digit at these positions, counted
    # leftwards from the decimal point, but only within the digits written.
    written_integer_digits = dig_pos + min(adjust, 0)
    separator_after = set(range(3, written_integer_digits, 3)) if layout.grouped else set()

    out: list[str] = []
    if number.negative and index == 0:
        out.append(culture.negative_sign)

    next_digit = 0
    decimal_written = False
    scientific = layout.scientific
    i = 0
    while i < len(section):
        char = section[i]
        i += 1
        if adjust > 0 and char in "#0.":
            # The number has more integer digits than the pattern has
            # placeholders: write the extra ones before the first placeholder.
            while adjust > 0:
                out.append(number.digit(next_digit) or "0")
                if number.digit(next_digit):
                    next_digit += 1
                if dig_pos > 1 and dig_pos - 1 in separator_after:
                    out.append(culture.group_separator)
                dig_pos -= 1
                adjust -= 1
        if char in "#0":
            if adjust < 0:
                adjust += 1
                shown = "0" if dig_pos <= first_digit else ""
            else:
                shown = number.digit(next_digit)
                if shown:
                    next_digit += 1
                elif dig_pos > last_digit:
                    shown = "0"
            if shown:
                out.append(shown)
                if dig_pos > 1 and dig_pos - 1 in separator_after:
                    out.append(culture.group_separator)
            dig_pos -= 1
        elif char == ".":
            if dig_pos != 0 or decimal_written:
                continue
            if last_digit < 0 or (decimal_pos < layout.digit_count and number.digit(next_digit)):
                out.append(culture.decimal_separator)
                decimal_written = True
        elif char == "‰":
            out.append(culture.per_mille_symbol)
        elif char == "%":
            out.append(culture.percent_symbol)
        elif char == ",":
            continue
        elif char in "'\"":
            end = section.find(char, i)
            if end < 0:
                out.append(section[i:])
                i = len(section)
            else:
                out.append(section[i:end])
                i = end + 1
        elif char == "\\":
            if i < len(section):
                out.append(section[i])
                i += 1
        elif char in "Ee":
            rest = section[i:]
            if scientific and (rest.startswith("0") or (rest[:1] in ("+", "-") and rest[1:2] == "0")):
                always_sign = rest[:1] == "+"
                if rest[:1] in ("+", "-"):
                    i += 1
                zeros = 0
                while i < len(section) and section[i] == "0":
                    zeros += 1
                    i += 1
                exponent = 0 if number.is_zero else number.scale - decimal_pos
                out.append(_exponent(exponent, char, min(zeros, 10), always_sign, culture))
                scientific = False
            else:
                out.append(char)
                if rest[:1] in ("+", "-"):
                    out.append(rest[0])
                    i += 1
                    while i < len(section) and section[i] == "0":
                        out.append("0")
                        i += 1
        else:
            out.append(char)
    return "".join(out)


# ----------------------------------------------------------------- public API


def format_number(value: int | float | Decimal, pattern: str, culture: Culture) -> str:
    """Format a number with a .NET standard or custom numeric format string.

    A standard format is one letter, in either case, with up to two
    precision digits (``N2``, ``c``, ``E10``). Anything else is a custom
    pattern, and a pattern without placeholders comes back as written.
    Raises FormatError for a letter that is not a standard format, ``D`` or
    ``X`` of a number with a fraction, and ``X`` of a negative number.
    """
    number = float(value)
    if math.isnan(number):
        return culture.nan
    if math.isinf(number):
        return culture.positive_infinity if number > 0 else culture.negative_infinity
    if pattern == "":
        return _general(_to_digits(number), _DOUBLE_DIGITS, "E", culture)
    standard = _STANDARD.match(pattern)
    if standard is not None:
        return _standard(number, standard.group(1), standard.group(2), culture)
    return _custom(number, pattern, culture)
