""".NET date and time format strings (``D``, ``dd MMM yyyy``, ``HH:mm``) with culture names and patterns.

Dates are naive values in Marketing Cloud system time, US Central Standard
Time without daylight saving (UTC-6). The offset specifiers ``z``, ``zz`` and
``zzz`` therefore write -6, -06 and -06:00, and ``K`` writes nothing, as .NET
does for a date of unspecified kind.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .cultures import INVARIANT, Culture
from .numbers import FormatError

__all__ = ["format_date"]

_SYSTEM_OFFSET_HOURS = -6

# Standard formats that use fixed invariant patterns whatever the culture.
_INVARIANT_STANDARD = {
    "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
}


def _standard_pattern(letter: str, culture: Culture) -> tuple[str, Culture]:
    if letter in _INVARIANT_STANDARD:
        return _INVARIANT_STANDARD[letter], INVARIANT
    patterns = {
        "d": culture.short_date,
        "D": culture.long_date,
        "f": f"{culture.long_date} {culture.short_time}",
        "F": f"{culture.long_date} {culture.long_time}",
        "U": f"{culture.long_date} {culture.long_time}",
        "g": f"{culture.short_date} {culture.short_time}",
        "G": f"{culture.short_date} {culture.long_time}",
        "m": culture.month_day,
        "M": culture.month_day,
        "t": culture.short_time,
        "T": culture.long_time,
        "y": culture.year_month,
        "Y": culture.year_month,
    }
    if letter not in patterns:
        raise FormatError(f"{letter!r} is not a standard date format; use one of d D f F g G m o r s t T u U y")
    return patterns[letter], culture


def _repeat_count(pattern: str, index: int) -> int:
    char = pattern[index]
    end = index
    while end < len(pattern) and pattern[end] == char:
        end += 1
    return end - index


def _offset(count: int) -> str:
    hours = _SYSTEM_OFFSET_HOURS
    sign = "-" if hours < 0 else "+"
    if count == 1:
        return f"{sign}{abs(hours)}"
    if count == 2:
        return f"{sign}{abs(hours):02d}"
    return f"{sign}{abs(hours):02d}:00"


def _custom(moment: datetime, pattern: str, culture: Culture) -> str:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        count = _repeat_count(pattern, i)
        if char == "d":
            if count <= 2:
                out.append(str(moment.day).rjust(count, "0"))
            else:
                names = culture.day_abbreviations if count == 3 else culture.days
                out.append(names[(moment.weekday() + 1) % 7])
        elif char == "M":
            if count <= 2:
                out.append(str(moment.month).rjust(count, "0"))
            else:
                names = culture.month_abbreviations if count == 3 else culture.months
                out.append(names[moment.month - 1])
        elif char == "y":
            if count <= 2:
                out.append(str(moment.year % 100).rjust(count, "0"))
            else:
                out.append(str(moment.year).rjust(count, "0"))
        elif char == "h":
            out.append(str(moment.hour % 12 or 12).rjust(min(count, 2), "0"))
        elif char == "H":
            out.append(str(moment.hour).rjust(min(count, 2), "0"))
        elif char == "m":
            out.append(str(moment.minute).rjust(min(count, 2), "0"))
        elif char == "s":
            out.append(str(moment.second).rjust(min(count, 2), "0"))
        elif char in "fF":
            if count > 7:
                raise FormatError(f"{char * count!r} asks for more than 7 fraction digits")
            ticks = moment.microsecond * 10
            digits = str(ticks).rjust(7, "0")[:count]
            if char == "F":
                digits = digits.rstrip("0")
                if not digits and out and out[-1].endswith("."):
                    # .NET drops the decimal point before an all-zero F fraction.
                    out[-1] = out[-1][:-1]
            out.append(digits)
        elif char == "t":
            designator = culture.am if moment.hour < 12 else culture.pm
            out.append(designator[:1] if count == 1 else designator)
        elif char == "g":
            out.append(culture.era)
        elif char == "z":
            out.append(_offset(count))
        elif char == "K":
            pass
        elif char == ":":
            out.append(culture.time_separator)
            count = 1
        elif char == "/":
            out.append(culture.date_separator)
            count = 1
        elif char in "'\"":
            end = pattern.find(char, i + 1)
            if end < 0:
                raise FormatError(f"the quote at position {i + 1} of the date format {pattern!r} is never closed")
            out.append(pattern[i + 1 : end])
            count = end + 1 - i
        elif char == "%":
            # "%d" is the custom specifier d on its own, not the standard format.
            if i + 1 < len(pattern) and pattern[i + 1] != "%":
                out.append(_custom(moment, pattern[i + 1], culture))
                count = 2
            else:
                raise FormatError(f"the % at position {i + 1} of the date format {pattern!r} has no specifier after it")
        elif char == "\\":
            if i + 1 >= len(pattern):
                raise FormatError(f"the date format {pattern!r} ends with a lone backslash")
            out.append(pattern[i + 1])
            count = 2
        else:
            out.append(char)
            count = 1
        i += count
    return "".join(out)


def format_date(moment: datetime, pattern: str, culture: Culture) -> str:
    """Format a system-time date with a .NET standard or custom date format string.

    One letter selects a standard format of the culture (``d`` short date,
    ``D`` long date, ``G`` short date and long time, ...). Longer patterns
    are custom: ``d dd ddd dddd``, ``M MM MMM MMMM``, ``y yy yyyy``,
    ``h hh H HH``, ``m mm``, ``s ss``, ``f``-``fffffff``, ``F``, ``t tt``, ``g``,
    ``z zz zzz``, ``K``, ``:``, ``/``, quoted text and ``\\`` escapes.
    Raises FormatError for a pattern .NET rejects.
    """
    if pattern == "":
        pattern = "G"
    if len(pattern) == 1:
        expanded, culture = _standard_pattern(pattern, culture)
        if pattern == "U":
            moment = moment - timedelta(hours=_SYSTEM_OFFSET_HOURS)
        return _custom(moment, expanded, culture)
    return _custom(moment, pattern, culture)
