"""Date and time functions: Now, DateAdd, DateDiff, DatePart, DateParse, FormatDate and zone conversion.

Dates are naive datetimes in Marketing Cloud system time, US Central
Standard Time without daylight saving (UTC-6 all year). A date argument may
be a date value or text in a format Marketing Cloud parses; text is read
month-first (``5/8/2026`` is 8 May).
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import Any

from ..dates import MONTH_NAMES, parse_date
from ..netformat import SUPPORTED_NAMES, FormatError, find_culture, format_date as format_net_date
from ..netformat.cultures import Culture
from ..values import is_true, to_text
from .registry import FunctionError, builtin, describe, ordinal, whole_number_arg

# Hours between system time (UTC-6) and UTC.
SYSTEM_UTC_OFFSET_HOURS = -6

_UNITS = {"y": "Y", "m": "M", "d": "D", "h": "H", "mi": "MI"}
_UNIT_HINT = 'use Y (years), M (months), D (days), H (hours) or MI (minutes)'
_DATE_HINT = "write the date as 2026-03-04, 2026-03-04 09:05:07 or 3/4/2026 9:05 AM"


def date_arg(state, value: Any, position: int) -> datetime:
    """Return a date argument: a date value, or text that parses as a date."""
    if isinstance(value, datetime):
        return value
    if type(value) is str:
        parsed = parse_date(value, today=state.clock().date())
        if parsed is not None:
            return parsed
    raise FunctionError(f"the {ordinal(position)} argument must be a date, not {describe(value)}", hint=_DATE_HINT)


def _unit_arg(value: Any, position: int) -> str:
    unit = _UNITS.get(to_text(value).strip().lower()) if type(value) is str else None
    if unit is None:
        raise FunctionError(f"the {ordinal(position)} argument must be a date unit, not {describe(value)}", hint=_UNIT_HINT)
    return unit


def _shift(moment: datetime, **amount: float) -> datetime:
    """Return ``moment`` moved by a timedelta of ``amount`` (days=, hours=, minutes=)."""
    try:
        return moment + timedelta(**amount)
    except OverflowError:
        raise FunctionError("the result is outside the dates Marketing Cloud supports (years 1 to 9999)") from None


@builtin("Now", 0, 1, signature="Now([useSendTime])", example="Now() -> 7/4/2024 6:05:09 PM", category="Date and Time")
def now(state, use_send_time=None):
    """Return the current date and time in system time (UTC-6).

    Every call in one render returns the same instant: the context's ``now``
    when it has one, else the time the render first asked for it. The
    ``useSendTime`` flag selects the send's start time during a send; a
    render is not a send, so the flag changes nothing.
    """
    return state.clock()


@builtin(
    "GetSendTime",
    0,
    1,
    signature="GetSendTime([option])",
    example="GetSendTime() -> 7/4/2024 6:05:09 PM",
    category="Date and Time",
)
def get_send_time(state, option=None):
    """Return the time the send started, in system time (UTC-6).

    A render is not a send, so ampsms returns the render's clock: the same
    instant as ``Now()``.
    """
    # NOTE: the optional argument is accepted and ignored, because what it
    # changes during a real send is not documented clearly enough to reproduce.
    return state.clock()


@builtin(
    "DateAdd",
    3,
    3,
    signature="DateAdd(date, amount, unit)",
    example='DateAdd("2026-01-31", 1, "M") -> 2/28/2026 12:00:00 AM',
    category="Date and Time",
)
def date_add(state, value, amount, unit):
    """Add a whole number of years (Y), months (M), days (D), hours (H) or minutes (MI) to a date.

    The unit ignores case, and a negative amount subtracts. Adding months or
    years to a day that the target month lacks gives its last day
    (January 31 plus one month is February 28 or 29). A decimal amount, an
    unknown unit or a value that is not a date is an error.
    """
    moment = date_arg(state, value, 1)
    count = whole_number_arg(amount, 2)
    kind = _unit_arg(unit, 3)
    if kind in ("Y", "M"):
        months = count * (12 if kind == "Y" else 1)
        total = moment.year * 12 + (moment.month - 1) + months
        year, month = divmod(total, 12)
        month += 1
        if not 1 <= year <= 9999:
            raise FunctionError("the result is outside the dates Marketing Cloud supports (years 1 to 9999)")
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day)
    if kind == "D":
        return _shift(moment, days=count)
    if kind == "H":
        return _shift(moment, hours=count)
    return _shift(moment, minutes=count)


@builtin(
    "DateDiff",
    3,
    3,
    signature="DateDiff(start, end, unit)",
    example='DateDiff("2024-03-01 23:50", "2024-03-02 00:10", "D") -> 1',
    category="Date and Time",
)
def date_diff(state, start, end, unit):
    """Return how many unit boundaries lie between two dates: ``end`` minus ``start``.

    Both dates are cut down to the unit first, so 23:50 to 00:10 the next
    day is 1 day and 2024-12-31 to 2025-01-01 is 1 year. The result is
    negative when ``end`` is earlier. Units are Y, M, D, H and MI in any case.
    """
    first = date_arg(state, start, 1)
    last = date_arg(state, end, 2)
    kind = _unit_arg(unit, 3)
    if kind == "Y":
        return last.year - first.year
    if kind == "M":
        return (last.year - first.year) * 12 + last.month - first.month
    days = (last.date() - first.date()).days
    if kind == "D":
        return days
    hours = days * 24 + last.hour - first.hour
    if kind == "H":
        return hours
    return hours * 60 + last.minute - first.minute


_DATE_PARTS = {
    "y": "year",
    "year": "year",
    "m": "month",
    "month": "month",
    "monthname": "monthname",
    "d": "day",
    "day": "day",
    "h": "hour",
    "hour": "hour",
    "mi": "minute",
    "minute": "minute",
}


@builtin(
    "DatePart",
    2,
    2,
    signature="DatePart(date, part)",
    example='DatePart("2024-07-04 18:05:00", "H") -> 6',
    category="Date and Time",
)
def date_part(state, value, part):
    """Return one part of a date as text.

    Parts, in any case: ``Y``/``year`` (four digits), ``M``/``month`` (two
    digits, "07"), ``monthName`` (English, "July"), ``D``/``day`` (two
    digits), ``H``/``hour`` (12-hour clock, no padding: 18:05 gives 6 and
    midnight 12) and ``MI``/``minute`` (no padding). Any other part is an
    error.
    """
    moment = date_arg(state, value, 1)
    name = _DATE_PARTS.get(to_text(part).strip().lower()) if type(part) is str else None
    if name is None:
        raise FunctionError(
            f"the second argument must be a date part, not {describe(part)}",
            hint="use Y, M, D, H, MI, year, month, monthName, day, hour or minute",
        )
    if name == "year":
        return f"{moment.year:04d}"
    if name == "month":
        return f"{moment.month:02d}"
    if name == "monthname":
        return MONTH_NAMES[moment.month - 1]
    if name == "day":
        return f"{moment.day:02d}"
    if name == "hour":
        return str(moment.hour % 12 or 12)
    return str(moment.minute)


def _parse_text_date(state, text: Any) -> datetime:
    if isinstance(text, datetime):
        return text
    if type(text) is str:
        parsed = parse_date(text, today=state.clock().date())
        if parsed is not None:
            return parsed
    raise FunctionError(f"{describe(text)} is not a date", hint=_DATE_HINT)


@builtin(
    "DateParse",
    1,
    2,
    signature="DateParse(text [, toUtc])",
    example='DateParse("2024-07-04T12:00:00Z") -> 7/4/2024 6:00:00 AM',
    category="Date and Time",
)
def date_parse(state, text, to_utc=None):
    """Read a date from text, in system time (UTC-6); with ``toUtc`` true, return it in UTC.

    Accepted: ISO dates and times with or without an offset, US month-first
    dates with 12- or 24-hour times, ``4 March 2026``, ``March 4, 2026``,
    RFC 1123 (``Wed, 04 Mar 2026 09:05:07 GMT``), a time alone (today at that
    time) and ``2023年8月5日``. A text with an offset or ``Z`` is converted to
    system time. Empty text, digits alone, ordinal days ("5th") and
    non-English month names are errors.
    """
    moment = _parse_text_date(state, text)
    if to_utc is not None and is_true(to_utc):
        return _shift(moment, hours=-SYSTEM_UTC_OFFSET_HOURS)
    return moment


@builtin(
    "StringToDate",
    1,
    1,
    signature="StringToDate(text)",
    example='StringToDate("2024-07-04") -> 7/4/2024 12:00:00 AM',
    category="Date and Time",
)
def string_to_date(state, text):
    """Read a date from text, in system time; accepts exactly what DateParse accepts."""
    return _parse_text_date(state, text)


# FormatDate's date pattern ignores the case of these letters; each maps to
# the .NET custom specifier it acts as. Both "m" and "M" are the month there.
# NOTE: other letters keep their .NET meaning and case (HH is the 24-hour
# hour, T is literal text), since Marketing Cloud was only seen folding these.
_DATE_PATTERN_LETTERS = {"y": "y", "m": "M", "d": "d"}


def _date_pattern_runs(pattern: str):
    """Split a date pattern into letter runs, literal text and separator characters."""
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char in "'\"":
            end = pattern.find(char, index + 1)
            if end < 0:
                raise FormatError(f"the quote at position {index + 1} of the date format {pattern!r} is never closed")
            yield "text", pattern[index + 1 : end], 0
            index = end + 1
        elif char == "\\":
            if index + 1 >= len(pattern):
                raise FormatError(f"the date format {pattern!r} ends with a lone backslash")
            yield "text", pattern[index + 1], 0
            index += 2
        elif char.isalpha():
            end = index
            while end < len(pattern) and pattern[end] == char:
                end += 1
            yield "letter", char, end - index
            index = end
        else:
            yield "separator", char, 0
            index += 1


def _net_date_pattern(pattern: str) -> str:
    """Rewrite FormatDate's date pattern as the .NET custom format that prints the same."""
    if len(pattern) == 1:
        # A one-letter pattern is a .NET standard format, except that
        # Marketing Cloud prints the short date for "D" as well as for "d".
        return "d" if pattern == "D" else pattern
    pieces = []
    for kind, value, count in _date_pattern_runs(pattern):
        if kind == "separator" and value in ":/%":
            pieces.append(value)
        elif kind != "letter":
            pieces.append("".join("\\" + char for char in value))
        elif value in "hHstfFgzK":
            pieces.append(value * count)
        elif value.lower() == "d" and count >= 3:
            # Day names are one letter later than in .NET: dddd is the
            # abbreviated name and ddddd the full one.
            if count == 3:
                raise FormatError(
                    "ddd does not print a day name in FormatDate's date pattern; use dddd for the "
                    "abbreviated name or ddddd for the full name"
                )
            pieces.append("ddd" if count == 4 else "dddd")
        else:
            letter = _DATE_PATTERN_LETTERS.get(value.lower())
            pieces.append(letter * count if letter else "".join("\\" + value for _ in range(count)))
    net_pattern = "".join(pieces)
    # One character alone would be read as a standard format.
    return "%" + net_pattern if len(net_pattern) == 1 else net_pattern


def _culture_arg(locale: Any) -> Culture:
    name = to_text(locale).strip() or "en-US"
    culture = find_culture(name)
    if culture is None:
        raise FunctionError(
            f"the locale {name!r} is not supported by ampsms", hint=f"use one of {', '.join(SUPPORTED_NAMES)}"
        )
    return culture


@builtin(
    "FormatDate",
    1,
    4,
    signature="FormatDate(date [, dateFormat [, timeFormat [, locale]]])",
    example='FormatDate("2024-07-04 18:05:09", "yyyy-MM-dd", "HH:mm") -> 2024-07-04 18:05',
    category="Date and Time",
)
def format_date(state, value, date_format=None, time_format=None, locale=None):
    """Format a date with a date pattern and a time pattern, joined by a space.

    The date pattern ignores the case of ``y``, ``m`` and ``d`` and reads
    ``mm`` as the month, so minutes come only from the time pattern: write ``FormatDate(@d, "yyyy-MM-dd",
    "HH:mm")``, not ``"yyyy-MM-dd HH:mm"``. In the date pattern ``dddd`` is
    the abbreviated day name (Thu) and ``ddddd`` the full one (Thursday). A
    one-letter pattern is a .NET standard format (``d`` gives 7/4/2024,
    ``G`` 7/4/2024 6:05:09 PM), and ``D`` gives the short date too. The time
    pattern is a .NET custom or standard time format (``h:mm tt``,
    ``HH:mm:ss``, ``t``). The locale (``en-US`` or ``en_US``) sets names and
    separators. A value that is not a date gives "", not an error. With no
    patterns the date prints as usual (7/4/2024 6:05:09 PM).
    """
    if isinstance(value, datetime):
        moment = value
    elif type(value) is str:
        moment = parse_date(value, today=state.clock().date())
        if moment is None:
            return ""
    else:
        return ""

    culture = _culture_arg(locale)
    pieces = []
    try:
        date_pattern = to_text(date_format)
        if date_pattern:
            pieces.append(format_net_date(moment, _net_date_pattern(date_pattern), culture))
        time_pattern = to_text(time_format)
        if time_pattern:
            pieces.append(format_net_date(moment, time_pattern, culture))
    except FormatError as error:
        raise FunctionError(str(error)) from None
    if not pieces:
        return to_text(moment)
    return " ".join(pieces)


def _contact_offset_hours(state) -> float:
    offset = state.context.utc_offset
    if offset is None:
        # Choice: without the contact's UTC offset the contact is taken to be
        # in system time, so the conversion changes nothing.
        state.note(
            "no-utc-offset",
            "the context has no utc_offset, so the contact is taken to be in system time (UTC-6)",
        )
        return SYSTEM_UTC_OFFSET_HOURS
    return float(offset)


@builtin(
    "SystemDateToLocalDate",
    1,
    1,
    signature="SystemDateToLocalDate(date)",
    example='SystemDateToLocalDate("2024-07-04 12:00") -> 7/4/2024 7:00:00 PM (utc_offset 1)',
    category="Date and Time",
)
def system_date_to_local_date(state, value):
    """Convert a date from system time (UTC-6) to the contact's local time.

    The contact's zone is the context's ``utc_offset`` in hours (1 for
    UTC+1). Without one the contact is taken to be in system time and the
    date is returned unchanged.
    """
    moment = date_arg(state, value, 1)
    hours = _contact_offset_hours(state) - SYSTEM_UTC_OFFSET_HOURS
    return _shift(moment, hours=hours)


@builtin(
    "LocalDateToSystemDate",
    1,
    1,
    signature="LocalDateToSystemDate(date)",
    example='LocalDateToSystemDate("2024-07-04 19:00") -> 7/4/2024 12:00:00 PM (utc_offset 1)',
    category="Date and Time",
)
def local_date_to_system_date(state, value):
    """Convert a date from the contact's local time to system time (UTC-6).

    The contact's zone is the context's ``utc_offset`` in hours. Without one
    the contact is taken to be in system time and the date is returned
    unchanged.
    """
    moment = date_arg(state, value, 1)
    hours = SYSTEM_UTC_OFFSET_HOURS - _contact_offset_hours(state)
    return _shift(moment, hours=hours)
