"""Output: Output and OutputLine arguments that write nothing."""

from __future__ import annotations

from ... import nodes
from ...functions import lookup
from ..diagnostics import Severity
from .base import Rule, register


@register
class OutputNonCall(Rule):
    """Report an Output or OutputLine argument that is a literal or a variable.

    Marketing Cloud writes only function-call arguments: ``Output("text")``
    and ``Output(@name)`` write nothing at all (``OutputLine`` still writes
    its line break), and no error reports it. Wrap the value in a call.

    Fails:

        %%[ SET @name = "Ana" Output(@name) ]%%

    Passes:

        %%[ SET @name = "Ana" Output(V(@name)) ]%%
    """

    code = "OU01"
    name = "output-non-call"
    summary = "Output or OutputLine gets a literal or a variable, which writes nothing."
    severity = Severity.WARNING

    def check(self, context):
        for call in context.analysis.calls:
            function = lookup(call.name)
            if function is None or not function.writes_output:
                continue
            for argument in call.args:
                if isinstance(argument, nodes.Call):
                    continue
                if isinstance(argument, nodes.Variable):
                    suggestion = f"{function.name}(V({argument.spelling}))"
                else:
                    suggestion = f'{function.name}(Concat("..."))'
                yield self.report_at(
                    context,
                    argument,
                    f"{function.name} writes nothing for an argument that is not a function call",
                    f"wrap it in a call, as in {suggestion}",
                )
