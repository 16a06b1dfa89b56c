"""The inbound message: MSG(n) other than MSG(0), and unguarded Substring on the inbound text."""

from __future__ import annotations

from ... import nodes
from ...values import try_number
from ..analysis import contains, is_literal
from ..diagnostics import Severity
from .base import Rule, register


@register
class MsgIndex(Rule):
    """Report MSG(n) with an index other than the literal 0.

    MobileConnect gives a template the current inbound message only, as
    MSG(0). An older Salesforce page describes MSG(1) as the previous
    keyword, but the current reference accepts only 0, and ampsms stops the
    render. An index held in a variable is reported too, because no value
    other than 0 can work.

    Fails:

        %%=v(MSG(1).NOUNS)=%%

    Passes:

        %%=v(MSG(0).NOUNS)=%%
    """

    code = "MS01"
    name = "msg-index"
    summary = "MSG(n) uses an index other than 0."
    severity = Severity.ERROR

    def check(self, context):
        for node in context.analysis.nodes:
            if not isinstance(node, nodes.Msg):
                continue
            index = node.index
            if is_literal(index):
                number = try_number(index.value) if not isinstance(index, nodes.BooleanLiteral) else None
                if number == 0:
                    continue
                shown = index.text if isinstance(index, nodes.NumberLiteral) else repr(index.value)
                yield self.report_at(
                    context,
                    node,
                    f"MSG({shown}) is not available: MobileConnect only gives the current inbound message, MSG(0)",
                    "read the inbound message with MSG(0)",
                )
            else:
                yield self.report_at(
                    context,
                    node,
                    "the MSG index must be the literal 0: MobileConnect only gives the current inbound message",
                    "write MSG(0)",
                )


# Functions whose result shows whether a text is empty or how long it is.
_GUARD_FUNCTIONS = frozenset({"empty", "length", "indexof"})


def _is_inbound(node: nodes.Node) -> bool:
    """Tell whether a node is MSG(0), MSG(0).NOUNS or MSG(0).NOUN(n): text that can be short or empty."""
    return isinstance(node, nodes.Msg) and node.member in (None, "nouns", "noun")


def _variables_from(analysis, is_source) -> set[str]:
    """Return the variables whose SET value contains a source node, or a variable already found."""
    found: set[str] = set()

    def matches(node: nodes.Node) -> bool:
        return is_source(node) or (isinstance(node, nodes.Variable) and node.name in found)

    changed = True
    while changed:
        changed = False
        for name in analysis.assignments:
            if name not in found and any(contains(value, matches) for value in analysis.values_of(name)):
                found.add(name)
                changed = True
    return found


class _InboundFlow:
    """The variables set from inbound text, and those set from a check on it."""

    def __init__(self, analysis) -> None:
        self.inbound_variables = _variables_from(analysis, _is_inbound)
        self.guard_variables = _variables_from(analysis, self.is_guard_call)

    def reads_inbound(self, node: nodes.Node) -> bool:
        """Tell whether a node is inbound text or a variable set from it."""
        return _is_inbound(node) or (isinstance(node, nodes.Variable) and node.name in self.inbound_variables)

    def is_guard_call(self, node: nodes.Node) -> bool:
        """Tell whether a node is Empty, Length or IndexOf of inbound text."""
        return (
            isinstance(node, nodes.Call)
            and node.name.lower() in _GUARD_FUNCTIONS
            and any(contains(argument, self.reads_inbound) for argument in node.args)
        )

    def is_guard(self, node: nodes.Node) -> bool:
        """Tell whether a node checks inbound text, directly or through a variable."""
        return self.is_guard_call(node) or (isinstance(node, nodes.Variable) and node.name in self.guard_variables)


def _conditions(analysis) -> list[nodes.Node]:
    """Return every IF or ELSEIF condition and every IIf condition, in source order."""
    found = []
    for node in analysis.nodes:
        if isinstance(node, nodes.Branch):
            found.append(node.condition)
        elif isinstance(node, nodes.Call) and node.name.lower() == "iif" and node.args:
            found.append(node.args[0])
    return found


def _is_computed(node: nodes.Node, analysis) -> bool:
    """Tell whether a position argument is worked out at run time rather than written as a literal."""
    if is_literal(node):
        return False
    if isinstance(node, nodes.Variable):
        values = analysis.values_of(node.name)
        return not values or not all(is_literal(value) for value in values)
    return True


@register
class UnguardedInboundSubstring(Rule):
    """Report Substring over inbound text with a computed start or length and no emptiness or length check before it.

    The inbound text is whatever the contact typed: a keyword with no
    words after it gives an empty MSG(0).NOUNS, and IndexOf of a missing
    separator is 0, so ``Subtract(IndexOf(...), 1)`` gives a negative length,
    which stops the whole reply. Check the text first with an IF or IIf on
    ``Empty``, ``Length`` or ``IndexOf`` of the inbound text (directly, or
    through a variable set from one). Any such check earlier in the template
    counts, because the linter does not follow which branch the Substring
    runs in.

    Fails:

        %%[ SET @nouns = MSG(0).NOUNS
        SET @first = Substring(@nouns, 1, Subtract(IndexOf(@nouns, " "), 1)) ]%%Hi %%=v(@first)=%%

    Passes:

        %%[ SET @nouns = MSG(0).NOUNS
        IF IndexOf(@nouns, " ") > 0 THEN
          SET @first = Substring(@nouns, 1, Subtract(IndexOf(@nouns, " "), 1))
        ENDIF ]%%Hi %%=v(@first)=%%
    """

    code = "MS02"
    name = "unguarded-inbound-substring"
    summary = "Substring cuts the inbound text at a computed position without checking its length first."
    severity = Severity.WARNING

    def check(self, context):
        analysis = context.analysis
        flow = _InboundFlow(analysis)
        guards = [
            condition
            for condition in _conditions(analysis)
            if contains(condition, flow.is_guard)
        ]
        for call in analysis.calls:
            if call.name.lower() != "substring" or len(call.args) < 2:
                continue
            if not contains(call.args[0], flow.reads_inbound):
                continue
            if not any(_is_computed(argument, analysis) for argument in call.args[1:3]):
                continue
            if any((guard.line, guard.column) < (call.line, call.column) for guard in guards):
                continue
            yield self.report_at(
                context,
                call,
                "Substring cuts the inbound text at a computed position with no length check before it; "
                "a short or empty text stops the whole message",
                'check it first, as in IF IndexOf(@text, " ") > 0 THEN ... ENDIF or IF NOT Empty(@text) THEN ... ENDIF',
            )
