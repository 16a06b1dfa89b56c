"""Suppressions: disable comments that suppress nothing."""

from __future__ import annotations

from ..diagnostics import Severity
from .base import Rule, register


@register
class UnusedSuppression(Rule):
    """Report a ``/* ampsms: disable=CODE */`` comment that suppresses nothing.

    A directive whose rule no longer finds anything hides the next real
    problem of that kind, and one that names an unknown code was probably
    misspelt. Checked after the other rules have run; a code whose rule is
    not selected is not reported. Directives cannot disable this rule
    (ignore it in the configuration instead).

    Fails:

        %%[ /* ampsms: disable=WS01 */ SET @name = "Ana" ]%%Hi %%=v(@name)=%%

    Passes:

        %%[ /* ampsms: disable=WS01 */ SET @name = "Ana" ]%%
        Hi %%=v(@name)=%%
    """

    code = "SP01"
    name = "unused-suppression"
    summary = "A disable comment names a rule that finds nothing to suppress, or no rule at all."
    severity = Severity.WARNING

    def check(self, context):
        # The runner reports unused suppressions once every other rule has
        # run, because only then is it known what each directive hid.
        return iter(())
