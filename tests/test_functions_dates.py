"""Date and time functions, rendered end to end, and the date parser behind them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ampsms
from ampsms.dates import parse_date

NOW = "2024-07-04T18:05:09-06:00"


def render(source: str, **parts) -> str:
    parts.setdefault("now", NOW)
    return ampsms.render(source, **parts)


def render_error(source: str, **parts) -> ampsms.AmpscriptRuntimeError:
    parts.setdefault("now", NOW)
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        ampsms.render(source, **parts)
    return caught.value


# ------------------------------------------------------------- parse_date

ACCEPTED = [
    ("2026-03-04", datetime(2026, 3, 4)),
    ("2026-03-04 09:05:07", datetime(2026, 3, 4, 9, 5, 7)),
    ("2026-03-04T09:05:07", datetime(2026, 3, 4, 9, 5, 7)),
    ("2026-03-04T09:05:07.5", datetime(2026, 3, 4, 9, 5, 7, 500000)),
    ("2026-03-04T09:05:07+02:00", datetime(2026, 3, 4, 1, 5, 7)),
    ("2026-03-04T09:05:07Z", datetime(2026, 3, 4, 3, 5, 7)),
    ("3/4/2026 9:05 AM", datetime(2026, 3, 4, 9, 5)),
    ("3/4/2026 9:05 PM", datetime(2026, 3, 4, 21, 5)),
    ("12/31/9999 23:59:59", datetime(9999, 12, 31, 23, 59, 59)),
    ("4 March 2026", datetime(2026, 3, 4)),
    ("4-Mar-2026", datetime(2026, 3, 4)),
    ("March 4, 2026", datetime(2026, 3, 4)),
    ("Thursday, June 1, 2023", datetime(2023, 6, 1)),
    ("Wed, 04 Mar 2026 09:05:07 GMT", datetime(2026, 3, 4, 3, 5, 7)),
    ("Mon, 2 Oct 2023 12:01:02", datetime(2023, 10, 2, 12, 1, 2)),
    ("2023-05-01 2:30PM-1:00", datetime(2023, 5, 1, 9, 30)),
    ("2023年8月5日", datetime(2023, 8, 5)),
    ("2023년 8월 5일", datetime(2023, 8, 5)),
    ("1:41 PM", datetime(2026, 3, 4, 13, 41)),
    ("  2026-03-04  ", datetime(2026, 3, 4)),
]

REJECTED = [
    "",
    "   ",
    "hello",
    "March 5th, 2026",
    "5th March 2026",
    "4 März 2026",
    "20260304",
    "12345",
    "2024-02-30",
    "13/1/2026",
    "2026-03-04 25:00",
    "13:00 PM",
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_date_accepts(text, expected):
    assert parse_date(text, today=date(2026, 3, 4)) == expected


@pytest.mark.parametrize("text", REJECTED)
def test_parse_date_rejects(text):
    assert parse_date(text, today=date(2026, 3, 4)) is None


def test_parse_date_reads_month_first():
    assert parse_date("5/8/2026") == datetime(2026, 5, 8)


def test_parse_date_two_digit_year():
    assert parse_date("1/2/29") == datetime(2029, 1, 2)


# -------------------------------------------------------------------- Now


def test_now_prints_context_clock():
    assert render("%%=Now()=%%") == "7/4/2024 6:05:09 PM"


def test_now_converts_utc_clock():
    assert render("%%=Now()=%%", now="2024-07-05T00:05:09Z") == "7/4/2024 6:05:09 PM"


def test_now_send_time_flag_accepted():
    assert render("%%=Now(true)=%%|%%=Now(1)=%%") == "7/4/2024 6:05:09 PM|7/4/2024 6:05:09 PM"


def test_now_same_instant_without_fixed_clock():
    result = ampsms.render("%%[ SET @a = Now() ]%%%%=DateDiff(@a, Now(), \"MI\")=%%|%%=IIf(@a == Now(), \"same\", \"moved\")=%%")
    assert result == "0|same"


def test_now_with_date_functions():
    assert render('%%=DateDiff(Now(), DateAdd(Now(), 3, "H"), "H")=%%') == "3"


def test_get_send_time_is_render_clock():
    assert render("%%=GetSendTime()=%%") == "7/4/2024 6:05:09 PM"


def test_now_too_many_arguments():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile("%%=Now(1, 2)=%%")


# ---------------------------------------------------------------- DateAdd

DATE_ADD = [
    ('DateAdd("2026-03-04 13:52:07", 14, "D")', "3/18/2026 1:52:07 PM"),
    ('DateAdd("2024-01-31", 1, "M")', "2/29/2024 12:00:00 AM"),
    ('DateAdd("2026-01-31", 1, "M")', "2/28/2026 12:00:00 AM"),
    ('DateAdd(DateAdd("2026-01-31", 1, "M"), -1, "M")', "1/28/2026 12:00:00 AM"),
    ('DateAdd("2024-02-29", 1, "Y")', "2/28/2025 12:00:00 AM"),
    ('DateAdd("2024-03-12 08:00", -90, "MI")', "3/12/2024 6:30:00 AM"),
    ('DateAdd("2024-03-12 08:00", 20, "h")', "3/13/2024 4:00:00 AM"),
    ('DateAdd("2024-03-12", "2", "y")', "3/12/2026 12:00:00 AM"),
    ('DateAdd("2024-03-12", -3, "m")', "12/12/2023 12:00:00 AM"),
    ('DateAdd("2024-03-12", 15, "Mi")', "3/12/2024 12:15:00 AM"),
    ('DateAdd("2024-12-31", 1, "D")', "1/1/2025 12:00:00 AM"),
]


@pytest.mark.parametrize(("call", "expected"), DATE_ADD)
def test_date_add(call, expected):
    assert render(f"%%={call}=%%") == expected


@pytest.mark.parametrize(
    "call",
    [
        'DateAdd("2024-03-12", 1, "W")',
        'DateAdd("2024-03-12", 1, "S")',
        'DateAdd("2024-03-12", 1, "day")',
        'DateAdd("2024-03-12", 1, "")',
        'DateAdd("2024-03-12", 1.5, "D")',
        'DateAdd("2024-03-12", "x", "D")',
        'DateAdd("not a date", 1, "D")',
        'DateAdd("", 1, "D")',
        'DateAdd(20240312, 1, "D")',
        'DateAdd(@unset, 1, "D")',
        'DateAdd("12/31/9999", 1, "D")',
        'DateAdd("12/31/9999", 1, "Y")',
    ],
)
def test_date_add_errors(call):
    error = render_error(f"%%={call}=%%")
    assert error.function == "DateAdd"


def test_date_add_error_names_unit():
    error = render_error('%%=DateAdd("2024-03-12", 1, "W")=%%')
    assert "date unit" in error.message


@pytest.mark.parametrize("unit", ["D", "H", "MI", "M", "Y"])
def test_date_add_huge_amount(unit):
    assert render_error(f'%%=DateAdd("2024-07-04", 9999999999, "{unit}")=%%').function == "DateAdd"


# --------------------------------------------------------------- DateDiff

DIFF_UNITS = [("Y", "1"), ("M", "12"), ("D", "366"), ("H", "8784"), ("MI", "527041")]


@pytest.mark.parametrize(("unit", "expected"), DIFF_UNITS)
def test_date_diff_leap_year(unit, expected):
    assert render(f"%%=DateDiff('2022-04-01 8:30 AM', '2023-04-02 8:31 AM', '{unit}')=%%") == expected


@pytest.mark.parametrize(("unit", "expected"), [("Y", "1"), ("M", "5"), ("D", "151"), ("H", "3624"), ("MI", "217440")])
def test_date_diff_us_dates(unit, expected):
    assert render(f"%%=DateDiff('12/31/2001', '5/31/2002', '{unit}')=%%") == expected


def test_date_diff_counts_boundaries():
    assert render('%%=DateDiff("2024-03-01 23:50", "2024-03-02 00:10", "D")=%%') == "1"


def test_date_diff_year_boundary():
    assert render('%%=DateDiff("2024-12-31 23:59", "2025-01-01 00:00", "y")=%%') == "1"


def test_date_diff_negative():
    assert render('%%=DateDiff("2024-03-02", "2024-03-01", "D")=%%') == "-1"


def test_date_diff_same_hour():
    assert render('%%=DateDiff("2024-03-02 10:01", "2024-03-02 10:59", "H")=%%') == "0"


@pytest.mark.parametrize(
    "call",
    [
        'DateDiff("bogus", "2024-01-01", "D")',
        'DateDiff("2024-01-01", "", "D")',
        'DateDiff("2024-01-01", "2024-01-02", "X")',
        'DateDiff("2024-01-01", "2024-01-02", "S")',
        'DateDiff("2024-01-01", "2024-01-02", 1)',
    ],
)
def test_date_diff_errors(call):
    assert render_error(f"%%={call}=%%").function == "DateDiff"


# --------------------------------------------------------------- DatePart

DATE_PARTS = [
    ("Mon, 2 Oct 2023 12:01:02", "Y", "2023"),
    ("Mon, 2 Oct 2023 12:01:02", "M", "10"),
    ("Mon, 2 Oct 2023 12:01:02", "monthName", "October"),
    ("Mon, 2 Oct 2023 12:01:02", "D", "02"),
    ("Mon, 2 Oct 2023 12:01:02", "H", "12"),
    ("Mon, 2 Oct 2023 12:01:02", "MI", "1"),
    ("Mon, 25 Sep 2023 12:00:10", "month", "09"),
    ("Mon, 25 Sep 2023 12:00:10", "minute", "0"),
    ("Mon, 25 Sep 2023 12:00:10", "YEAR", "2023"),
    ("Mon, 25 Sep 2023 12:00:10", "Day", "25"),
    ("Mon, 25 Sep 2023 12:00:10", "hour", "12"),
    ("2024-07-04 18:05:00", "H", "6"),
    ("2024-07-04 00:30:00", "h", "12"),
    ("2024-07-04 09:30:00", "mi", "30"),
    ("2024-02-04", "MONTHNAME", "February"),
]


@pytest.mark.parametrize(("text", "part", "expected"), DATE_PARTS)
def test_date_part(text, part, expected):
    assert render(f'%%=DatePart("{text}", "{part}")=%%') == expected


def test_date_part_returns_text():
    assert render('%%[ SET @m = DatePart("2024-07-04", "M") ]%%%%=Concat(@m, "|", Length(@m))=%%') == "07|2"


@pytest.mark.parametrize("part", ["dayName", "S", "W", "", "weekday"])
def test_date_part_unknown_part(part):
    assert render_error(f'%%=DatePart("2024-07-04", "{part}")=%%').function == "DatePart"


def test_date_part_bad_date():
    assert render_error('%%=DatePart("soon", "Y")=%%').function == "DatePart"


# ---------------------------------------------------- DateParse, StringToDate


def test_date_parse_prints_system_time():
    assert render('%%=DATEPARSE("2023-05-01 5:00:00")=%%') == "5/1/2023 5:00:00 AM"


def test_date_parse_to_utc():
    assert render('%%=DATEPARSE("2023-05-01 2:30PM-1:00", 1)=%%') == "5/1/2023 3:30:00 PM"


def test_date_parse_to_utc_false():
    assert render('%%=DateParse("2023-05-01 14:30", false)=%%') == "5/1/2023 2:30:00 PM"


def test_date_parse_zulu_converted():
    assert render('%%=DateParse("2024-07-04T12:00:00Z")=%%') == "7/4/2024 6:00:00 AM"


def test_date_parse_time_alone_is_today():
    assert render('%%=DateParse("1:41 PM")=%%') == "7/4/2024 1:41:00 PM"


def test_date_parse_day_first_read_month_first():
    assert render('%%=DateParse("5/8/2026")=%%') == "5/8/2026 12:00:00 AM"


@pytest.mark.parametrize("text", ["", "5th May 2026", "4 März 2026", "whenever", "20260304"])
def test_date_parse_errors(text):
    assert render_error(f'%%=DateParse("{text}")=%%').function == "DateParse"


def test_date_parse_number_error():
    assert render_error("%%=DateParse(20260304)=%%").function == "DateParse"


def test_string_to_date():
    assert render('%%=StringToDate("2024-07-04")=%%') == "7/4/2024 12:00:00 AM"


def test_string_to_date_rfc():
    assert render('%%=StringToDate("Wed, 04 Mar 2026 09:05:07 GMT")=%%') == "3/4/2026 3:05:07 AM"


def test_string_to_date_one_argument():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile('%%=StringToDate("2024-07-04", 1)=%%')


def test_string_to_date_error():
    assert render_error('%%=StringToDate("")=%%').function == "StringToDate"


def test_parsed_date_compares_as_date():
    assert render('%%=IIf(StringToDate("2024-07-05") > Now(), "later", "earlier")=%%') == "later"


# ------------------------------------------------------------- FormatDate

FORMAT_DATE = [
    ('"2024-07-04 18:05:09", "yyyy-MM-dd", "HH:mm"', "2024-07-04 18:05"),
    ('"2024-07-04 18:05:09", "dd/MM/yyyy HH:mm"', "04/07/2024 18:07"),
    ('"2024-07-04 18:05:09", "yyyy-mm-dd"', "2024-07-04"),
    ('"2024-07-04 18:05:09", "YYYY-MM-DD"', "2024-07-04"),
    ('"2024-07-04", "ddddd"', "Thursday"),
    ('"2024-07-04", "dddd"', "Thu"),
    ('"2024-07-04", "ddddd, MMMM d, yyyy"', "Thursday, July 4, 2024"),
    ('"2024-07-04", "MMM d yy"', "Jul 4 24"),
    ('"2024-07-04", "mmmm"', "July"),
    ('"2024-07-04 18:05:09", "d"', "7/4/2024"),
    ('"2024-07-04 18:05:09", "D"', "7/4/2024"),
    ('"2024-07-04 18:05:09", "G"', "7/4/2024 6:05:09 PM"),
    ('"2024-07-04 18:05:09", "", "t"', "6:05 PM"),
    ('"2024-07-04 18:05:09", "", "T"', "6:05:09 PM"),
    ('"2024-07-04 18:05:09", "", "h:mm tt"', "6:05 PM"),
    ('"2024-07-04 08:05:09", "", "hh:mm:ss tt"', "08:05:09 AM"),
    ('"2024-07-04 18:05:09", "yyyy-MM-dd", "HH:mm:ss"', "2024-07-04 18:05:09"),
    ('"2024-07-04 18:05:09"', "7/4/2024 6:05:09 PM"),
    ('"2024-07-04 18:05:09", "d MMMM yyyy", "", "fr-FR"', "4 juillet 2024"),
    ('"2024-07-04 18:05:09", "ddddd d MMMM", "", "fr_FR"', "jeudi 4 juillet"),
    ('"2024-07-04 18:05:09", "d", "", "de-DE"', "04.07.2024"),
    ('"2024-07-04 18:05:09", "dd/MM/yyyy", "", "de-DE"', "04.07.2024"),
    ('"2024-07-04 18:05:09", "d", "", "en-GB"', "04/07/2024"),
    ('"2024-07-04 18:05:09", "yyyy", "HH:mm", "en-us"', "2024 18:05"),
    ('"2024-07-04 18:05:09", "yyyy \'at\' d"', "2024 at 4"),
    ("Now(), \"yyyy-MM-dd\"", "2024-07-04"),
    ('"2024-07-04 18:05:09", "yyyy-MM-ddTHH:ss"', "2024-07-04T18:09"),
    ('"2024-07-04 18:05:09", "h tt"', "6 PM"),
]


@pytest.mark.parametrize(("args", "expected"), FORMAT_DATE)
def test_format_date(args, expected):
    assert render(f"%%=FormatDate({args})=%%") == expected


@pytest.mark.parametrize("value", ['"x"', '""', "12345", "@unset", '"5th May"'])
def test_format_date_unparseable_is_empty(value):
    assert render(f'%%=FormatDate({value}, "yyyy")=%%') == ""


@pytest.mark.parametrize(
    "args",
    [
        '"2024-07-04", "ddd"',
        '"2024-07-04", "yyyy", "h"',
        '"2024-07-04", "yyyy", "H"',
        '"2024-07-04", "Q"',
        '"2024-07-04", "yyyy", "", "xx-YY"',
    ],
)
def test_format_date_errors(args):
    assert render_error(f"%%=FormatDate({args})=%%").function == "FormatDate"


def test_format_date_one_argument_allowed():
    assert ampsms.compile('%%=FormatDate("2024-07-04")=%%') is not None


# ------------------------------------------------- system and local time


def test_system_to_local_with_offset():
    assert render('%%=SystemDateToLocalDate("2024-07-04 12:00")=%%', utc_offset=1) == "7/4/2024 7:00:00 PM"


def test_system_to_local_half_hour_offset():
    assert render('%%=SystemDateToLocalDate("2024-07-04 12:00")=%%', utc_offset=5.5) == "7/4/2024 11:30:00 PM"


def test_system_to_local_negative_offset():
    assert render('%%=SystemDateToLocalDate("2024-07-04 12:00")=%%', utc_offset=-8) == "7/4/2024 10:00:00 AM"


def test_local_to_system_with_offset():
    assert render('%%=LocalDateToSystemDate("2024-07-04 19:00")=%%', utc_offset=1) == "7/4/2024 12:00:00 PM"


def test_local_and_system_round_trip():
    source = '%%=LocalDateToSystemDate(SystemDateToLocalDate("2024-07-04 12:00"))=%%'
    assert render(source, utc_offset=9) == "7/4/2024 12:00:00 PM"


def test_system_to_local_without_offset_unchanged():
    assert render('%%=SystemDateToLocalDate("2024-07-04 12:00")=%%') == "7/4/2024 12:00:00 PM"


def test_system_to_local_without_offset_notes():
    result = ampsms.compile('%%=SystemDateToLocalDate(Now())=%%').run(now=NOW)
    assert [note.code for note in result.notes] == ["no-utc-offset"]


def test_local_to_system_bad_date():
    assert render_error('%%=LocalDateToSystemDate("later")=%%', utc_offset=1).function == "LocalDateToSystemDate"


# ------------------------------------------------------------ properties


DATES = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)


@given(moment=DATES, amount=st.integers(min_value=-1200, max_value=1200), unit=st.sampled_from(["Y", "M", "D", "H", "MI"]))
def test_date_diff_undoes_date_add(moment, amount, unit):
    source = f'%%=DateDiff("{moment.isoformat()}", DateAdd("{moment.isoformat()}", {amount}, "{unit}"), "{unit}")=%%'
    assert render(source) == str(amount)


@given(moment=DATES)
def test_format_date_parses_back(moment):
    source = f'%%=FormatDate(DateParse("{moment.isoformat()}"), "yyyy-MM-dd", "HH:mm:ss")=%%'
    assert render(source) == moment.strftime("%Y-%m-%d %H:%M:%S")


@given(moment=DATES)
def test_printed_date_parses_back(moment):
    source = f'%%=DateParse(V(DateParse("{moment.isoformat()}")))=%%'
    expected = f"{moment.month}/{moment.day}/{moment.year} {moment.hour % 12 or 12}:{moment:%M:%S} {'AM' if moment.hour < 12 else 'PM'}"
    assert render(source) == expected
