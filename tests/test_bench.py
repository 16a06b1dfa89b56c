"""The benchmark scripts still run: each is started with the smallest counts, and nothing is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"

SMALL_ARGUMENTS = {
    "bench_render.py": ["5"],
    "bench_sms.py": [],
    "bench_formatting.py": ["5"],
    "bench_lint.py": ["2"],
    "bench_lookups.py": ["50", "2"],
    "bench_fuzz.py": ["5"],
}


def test_every_script_is_listed():
    assert sorted(path.name for path in BENCH.glob("bench_*.py")) == sorted(SMALL_ARGUMENTS)


@pytest.mark.parametrize("script", sorted(SMALL_ARGUMENTS))
def test_script_runs(script):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *SMALL_ARGUMENTS[script]],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=BENCH.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
