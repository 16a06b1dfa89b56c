"""Syntax: templates that do not parse."""

from __future__ import annotations

from ... import nodes
from ..diagnostics import Severity
from .base import Rule, register


@register
class SyntaxErrorRule(Rule):
    """Report a template that the AMPscript parser rejects, or that is not UTF-8 text.

    Marketing Cloud refuses to save or send content that does not parse, so
    nothing else is checked until the template parses: this is the only
    diagnostic of such a file, and of a file that is not UTF-8 text. The position is where the parser stopped or, for an
    unclosed block, string or IF, where it was opened.

    Fails:

        %%[ IF Empty(@name) THEN SET @name = "there" ]%%Hi %%=v(@name)=%%

    Passes:

        %%[ IF Empty(@name) THEN SET @name = "there" ENDIF ]%%Hi %%=v(@name)=%%
    """

    code = "SY01"
    name = "syntax-error"
    summary = "The template does not parse, so Marketing Cloud rejects it."
    severity = Severity.ERROR
    needs_document = False

    def check(self, context):
        error = context.parse_error
        if error is None:
            return
        yield self.report(context, error.line or 1, error.column or 1, error.message, error.hint)


@register
class IgnoredExpression(Rule):
    """Report an expression on its own that is not a function call, which Marketing Cloud ignores.

    A statement such as ``@total`` or ``5 < 5`` is parsed and does nothing.
    It is almost always a slip: ``SET @next = @count-1`` sets ``@next`` to
    ``@count`` and then ignores ``-1``, because the minus sign belongs to the
    number and AMPscript has no subtraction operator.

    Fails:

        %%[ SET @count = 3 SET @next = @count-1 ]%%%%=v(@next)=%%

    Passes:

        %%[ SET @count = 3 SET @next = Subtract(@count, 1) ]%%%%=v(@next)=%%
    """

    code = "SY02"
    name = "ignored-expression"
    summary = "An expression that is not a function call stands alone, and Marketing Cloud ignores it."
    severity = Severity.WARNING

    def check(self, context):
        for node in context.document.walk():
            if not isinstance(node, nodes.ExprStatement) or isinstance(node.expr, nodes.Call):
                continue
            hint = "assign it with SET @name = ..., or remove it"
            if isinstance(node.expr, nodes.NumberLiteral) and node.expr.text.startswith("-"):
                hint = "to subtract, use Subtract(value, " + node.expr.text[1:] + ")"
            yield self.report_at(context, node, "this expression is ignored: it is not a function call", hint)
