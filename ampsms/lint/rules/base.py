"""The Rule base class, the RuleContext a rule reads, and the rule registry."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Iterator

from ... import nodes
from ...errors import AmpscriptSyntaxError
from ..analysis import Analysis
from ..diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from ...context import RenderContext
    from ..config import LintConfig

__all__ = ["RULES", "Rule", "RuleContext", "TOPICS", "register", "rule_by_code"]

_CODE_PATTERN = re.compile(r"^[A-Z]{2}[0-9]{2}$")

# The two-letter topic of each code, in the order rules are listed.
TOPICS = {
    "SY": "Syntax",
    "FN": "Functions",
    "VR": "Variables",
    "MS": "Inbound message",
    "OU": "Output",
    "HT": "HttpGet",
    "CH": "Characters",
    "WS": "Whitespace",
    "LN": "Rendered length",
    "SP": "Suppression comments",
}
_TOPIC_ORDER = {topic: index for index, topic in enumerate(TOPICS)}


@dataclass
class RuleContext:
    """What a rule can see: the template source, its syntax tree, its path and the settings.

    ``document`` is None when the template does not parse. Then only the
    syntax rule runs, and ``parse_error`` is the parser's error.
    ``contexts`` are the render contexts found beside the template, each
    with its display name. ``cache`` keeps results that several rules share.
    """

    source: str
    document: nodes.Document | None
    path: str
    config: "LintConfig"
    parse_error: AmpscriptSyntaxError | None = None
    contexts: tuple[tuple[str, "RenderContext"], ...] = ()
    cache: dict = field(default_factory=dict)

    @cached_property
    def analysis(self) -> Analysis:
        """Facts about the syntax tree that several rules share, worked out once."""
        if self.document is None:
            raise RuntimeError("analysis needs a parsed document")
        return Analysis(self.document, self.source)


class Rule:
    """One lint check with a stable code.

    A subclass sets ``code`` (two letters for the topic and two digits),
    ``name`` (kebab-case), a one-line ``summary`` and a default ``severity``.
    Its docstring explains the reason and ends with a ``Fails:`` and a
    ``Passes:`` example. docs/lint.md is generated from these, and a test
    lints both examples.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    # False only for the rule that reports parse errors: the others need a syntax tree.
    needs_document: ClassVar[bool] = True
    # Context parts the docstring's examples are rendered with, for rules that render.
    example_context: ClassVar[dict | None] = None

    def check(self, context: RuleContext) -> Iterator[Diagnostic]:
        """Yield the diagnostics this rule finds in one template."""
        raise NotImplementedError

    def report(
        self, context: RuleContext, line: int, column: int, message: str, hint: str | None = None
    ) -> Diagnostic:
        """Build a diagnostic of this rule at a position, with the default severity."""
        return Diagnostic(self.code, self.name, self.severity, context.path, line, column, message, hint)

    def report_at(self, context: RuleContext, node: nodes.Node, message: str, hint: str | None = None) -> Diagnostic:
        """Build a diagnostic of this rule at the start of a node."""
        return self.report(context, node.line, node.column, message, hint)


RULES: list[type[Rule]] = []


def register(rule: type[Rule]) -> type[Rule]:
    """Add a rule class to RULES, checking that it is documented and that its code is new."""
    if not _CODE_PATTERN.match(rule.code) or rule.code[:2] not in TOPICS:
        raise RuntimeError(f"rule code {rule.code!r} must be a topic of TOPICS and two digits")
    if any(existing.code == rule.code for existing in RULES):
        raise RuntimeError(f"rule code {rule.code} is registered twice")
    doc = inspect.getdoc(rule) or ""
    if "Fails:" not in doc or "Passes:" not in doc:
        raise RuntimeError(f"rule {rule.code} needs a docstring with a Fails: and a Passes: example")
    if "\n" in rule.summary:
        raise RuntimeError(f"the summary of rule {rule.code} must be one line")
    RULES.append(rule)
    RULES.sort(key=lambda item: (_TOPIC_ORDER[item.code[:2]], item.code))
    return rule


def rule_by_code(code: str) -> type[Rule] | None:
    """Return the rule class with this code, or None."""
    for rule in RULES:
        if rule.code == code:
            return rule
    return None
