"""Shared test setup: hypothesis profiles and the tests folder on the import path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

# AMPSMS_HYPOTHESIS_PROFILE picks how hard property tests search: "ci" (the
# default) keeps the suite to minutes, "dev" is quicker still, "thorough"
# is for a long local run.
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("AMPSMS_HYPOTHESIS_PROFILE", "ci"))
