"""Dates in Marketing Cloud system time, and the date formats AMPscript parses.

Marketing Cloud's system time is US Central Standard Time without daylight
saving: a fixed UTC-6 all year. Date values are naive ``datetime`` objects in
that zone. Text is read month-first, as the en-US culture does, so
``5/8/2026`` is 8 May.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

__all__ = [
    "MONTH_NAMES",
    "SYSTEM_TIMEZONE",
    "parse_date",
    "to_system_time",
]

SYSTEM_TIMEZONE = timezone(timedelta(hours=-6), "UTC-6")

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
_MONTHS.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTH_NAMES)})
_MONTHS["sept"] = 9
_MONTH_PATTERN = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_PATTERN = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"

_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,7}))?)?\s*(?P<meridiem>[ap]\.?m\.?)?"
_OFFSET = r"(?P<offset>z|gmt|utc|[+-]\d{1,2}(?::?\d{2})?|(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?)"

_PATTERNS = [
    # 2026-03-04, 2026-03-04 09:05:07, 2026-03-04T09:05:07.123+02:00, 2026/03/04
    re.compile(
        rf"(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?:(?:t|\s+){_TIME})?\s*{_OFFSET}?",
        re.IGNORECASE,
    ),
    # 3/4/2026, 3-4-2026 9:05 AM, 12/31/9999 23:59:59
    re.compile(
        rf"(?P<month>\d{{1,2}})[/-](?P<day>\d{{1,2}})[/-](?P<year>\d{{4}}|\d{{2}})(?:,?\s+{_TIME})?\s*{_OFFSET}?",
        re.IGNORECASE,
    ),
    # Wed, 04 Mar 2026 09:05:07 GMT; 4 March 2026; 4-Mar-2026
    re.compile(
        rf"(?:{_WEEKDAY_PATTERN}\s*)?(?P<day>\d{{1,2}})(?:\s+|-)(?P<monthname>{_MONTH_PATTERN})(?:\s+|-)(?P<year>\d{{4}})(?:,?\s+{_TIME})?\s*{_OFFSET}?",
        re.IGNORECASE,
    ),
    # March 4, 2026; Wednesday, March 4, 2026 1:00 PM
    re.compile(
        rf"(?:{_WEEKDAY_PATTERN}\s*)?(?P<monthname>{_MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?:,?\s+(?:at\s+)?{_TIME})?\s*{_OFFSET}?",
        re.IGNORECASE,
    ),
    # 2023年8月5日 and 2023년 8월 5일
    re.compile(r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]?"),
    # 1:41 PM: a time alone means that time today
    re.compile(rf"{_TIME}\s*{_OFFSET}?", re.IGNORECASE),
]


def to_system_time(moment: datetime) -> datetime:
    """Convert an aware datetime to naive Marketing Cloud system time; naive input is returned as is."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(SYSTEM_TIMEZONE).replace(tzinfo=None)


def _offset(text: str) -> timezone | None:
    text = text.lower()
    if text in ("z", "gmt", "utc"):
        return timezone.utc
    if text.startswith(("gmt", "utc")):
        text = text[3:]
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(text: str, *, today: date | None = None) -> datetime | None:
    """Read a date from text, in system time; return None when the text is not a date.

    A UTC offset or zone letter (``Z``, ``GMT``, ``+02:00``) is converted to
    system time. Digit-only text, ordinal days ("5th") and non-English month
    names are not dates, as in Marketing Cloud.
    """
    candidate = " ".join(text.split())
    if not candidate:
        return None
    for pattern in _PATTERNS:
        match = pattern.fullmatch(candidate)
        if match is None:
            continue
        parts = match.groupdict()
        try:
            moment = _build(parts, today)
        except ValueError:
            return None
        if moment is None:
            continue
        return moment
    return None


def _build(parts: dict, today: date | None) -> datetime | None:
    if parts.get("year") is not None:
        year = int(parts["year"])
        if len(parts["year"]) == 2:
            # .NET's en-US calendar reads two-digit years 00-29 as 2000-2029.
            year += 2000 if year < 30 else 1900
        if parts.get("monthname"):
            month = _MONTHS[parts["monthname"].rstrip(".").lower()]
        else:
            month = int(parts["month"])
        day = int(parts["day"])
    else:
        base = today or datetime.now(SYSTEM_TIMEZONE).date()
        year, month, day = base.year, base.month, base.day

    hour = minute = second = microsecond = 0
    if parts.get("hour") is not None:
        hour = int(parts["hour"])
        minute = int(parts["minute"])
        second = int(parts["second"] or 0)
        fraction = parts.get("fraction")
        if fraction:
            microsecond = int(fraction[:6].ljust(6, "0"))
        meridiem = parts.get("meridiem")
        if meridiem:
            if not 1 <= hour <= 12:
                return None
            is_pm = meridiem.lower().startswith("p")
            hour = hour % 12 + (12 if is_pm else 0)
    moment = datetime(year, month, day, hour, minute, second, microsecond)

    offset_text = parts.get("offset")
    if offset_text:
        zone = _offset(offset_text)
        if zone is None:
            return None
        moment = to_system_time(moment.replace(tzinfo=zone))
    return moment
