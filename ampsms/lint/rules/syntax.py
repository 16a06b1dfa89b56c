"""Syntax: templates that do not parse."""

from __future__ import annotations

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
