"""Run every conformance case in tests/cases/*.cases."""

from __future__ import annotations

from pathlib import Path

import pytest

import ampsms
from casefile import read_cases

CASE_DIR = Path(__file__).parent / "cases"
CASES = [case for path in sorted(CASE_DIR.glob("*.cases")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{Path(c.path).stem}: {c.name}" for c in CASES])
def test_case(case):
    if case.error:
        with pytest.raises(ampsms.AmpscriptError):
            ampsms.render(case.template, **case.context)
    else:
        assert ampsms.render(case.template, **case.context) == case.expect
