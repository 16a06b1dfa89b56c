"""Every lint rule, one small class each, grouped by topic into modules.

Codes are two letters for the topic (base.TOPICS) and two digits, and never
change meaning.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a module registers its rules
    characters,
    functions,
    http,
    inbound,
    output,
    rendering,
    suppressions,
    syntax,
    variables,
    whitespace,
)
from .base import RULES, TOPICS, Rule, RuleContext, register, rule_by_code

__all__ = ["RULES", "Rule", "RuleContext", "TOPICS", "register", "rule_by_code"]
