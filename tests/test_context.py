"""Context parts: attribute values of every type a context file or a test case can hold."""

from __future__ import annotations

import datetime as dt

import pytest

import ampsms
from ampsms.context import load_context_file, make_context
from ampsms.errors import ContextError
from ampsms.testing import load_test_file, run_test_file

SHOW_WHEN = "%%=v([When])=%%"


def test_date_attribute_is_midnight():
    assert ampsms.render(SHOW_WHEN, attributes={"When": dt.date(2026, 1, 1)}) == "1/1/2026 12:00:00 AM"


def test_naive_datetime_attribute_is_system_time():
    assert make_context(attributes={"When": dt.datetime(2026, 1, 1, 9, 30)}).attributes["when"] == dt.datetime(
        2026, 1, 1, 9, 30
    )


def test_aware_datetime_attribute_converted():
    moment = dt.datetime(2026, 1, 1, 15, 30, tzinfo=dt.timezone.utc)
    assert ampsms.render(SHOW_WHEN, attributes={"When": moment}) == "1/1/2026 9:30:00 AM"


def test_date_attribute_works_with_date_functions():
    source = '%%=FormatDate(DateAdd([When], 1, "D"), "yyyy-MM-dd")=%%'
    assert ampsms.render(source, attributes={"When": dt.date(2026, 12, 31)}) == "2027-01-01"


def test_time_attribute_rejected():
    with pytest.raises(ContextError, match="attribute 'When' must be text, a number or a date, got time"):
        make_context(attributes={"When": dt.time(9, 30)})


def test_toml_context_file_date_attribute(tmp_path):
    path = tmp_path / "context.toml"
    path.write_text("[attributes]\nWhen = 2026-01-01\n")
    assert ampsms.render(SHOW_WHEN, **load_context_file(path)) == "1/1/2026 12:00:00 AM"


def test_test_case_date_attribute(tmp_path):
    (tmp_path / "when.amp").write_text(SHOW_WHEN)
    path = tmp_path / "when.test.toml"
    path.write_text('[[case]]\nname = "a"\nattributes = { When = 2026-01-01 }\nexpect = "1/1/2026 12:00:00 AM"\n')
    (result,) = run_test_file(load_test_file(path))
    assert result.failures == []
