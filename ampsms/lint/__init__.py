"""``ampsms lint``: diagnostics for AMPscript SMS templates, built for CI.

Lint a template in Python::

    from ampsms.lint import LintConfig, lint_source

    for diagnostic in lint_source(source, path="reply.amp", config=LintConfig(max_segments=2)):
        print(diagnostic.to_dict())
"""

from __future__ import annotations

from .config import ConfigError, LintConfig, find_config, load_config
from .diagnostics import Diagnostic, Severity
from .rules import RULES, Rule, RuleContext
from .runner import InputError, LintResult, lint_paths, lint_source

__all__ = [
    "ConfigError",
    "Diagnostic",
    "InputError",
    "LintConfig",
    "LintResult",
    "RULES",
    "Rule",
    "RuleContext",
    "Severity",
    "find_config",
    "lint_paths",
    "lint_source",
    "load_config",
]
