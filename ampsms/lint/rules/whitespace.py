"""Whitespace: line breaks that code blocks leave at the start, in the middle or at the end of a message.

Marketing Cloud sends literal text byte for byte, including the line break
after ``]%%``, and ampsms does not trim the message either. The rules follow
every path through IF and FOR and track the whitespace between visible
output: a line break with no visible text before it starts the message, one
with none after it ends the message, and two line breaks from different
pieces of text with only code between them make an empty line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import nodes
from ...functions import lookup
from ..diagnostics import Severity
from .base import Rule, RuleContext, register

_WHITESPACE = " \t\r\n"

# The part of a node a line break belongs to: the leading or trailing
# whitespace of a text that also has visible characters, a text that is all
# whitespace, or the CR LF that OutputLine writes.
LEAD, TRAIL, ALL, OUTPUT_LINE = "lead", "trail", "all", "output-line"


@dataclass(frozen=True, eq=False)
class _Break:
    """A line break in the output, identified by the node that writes it and its part of that node."""

    node: nodes.Node
    part: str

    # Syntax nodes compare by value, and two texts can be equal, so a break
    # is identified by the node object itself.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Break) and self.node is other.node and self.part == other.part

    def __hash__(self) -> int:
        return hash((id(self.node), self.part))


@dataclass(frozen=True)
class _State:
    """One path's state: whether visible text was written, and the line breaks written since."""

    started: bool
    run: tuple[_Break, ...] = ()

    def add(self, item: _Break) -> "_State":
        if item in self.run:
            return self
        return _State(self.started, self.run + (item,))


@dataclass
class _Findings:
    """Line breaks found at the start, between lines and at the end of the message."""

    leading: list[_Break] = field(default_factory=list)
    middle: list[_Break] = field(default_factory=list)
    trailing: list[_Break] = field(default_factory=list)

    def note(self, bucket: list[_Break], item: _Break) -> None:
        if item not in bucket:
            bucket.append(item)


def _has_break(text: str) -> bool:
    return "\n" in text or "\r" in text


def _runs_at_least_once(loop: nodes.For) -> bool:
    """Tell whether a FOR loop's bounds are number literals that give at least one pass."""
    if not isinstance(loop.start, nodes.NumberLiteral) or not isinstance(loop.end, nodes.NumberLiteral):
        return False
    if loop.downto:
        return loop.start.value >= loop.end.value
    return loop.start.value <= loop.end.value


class _Tracker:
    """Follow each path of a template body and record where line breaks fall."""

    def __init__(self) -> None:
        self.found = _Findings()

    def visible(self, states: set[_State]) -> None:
        """Classify the line breaks written before visible output."""
        for state in states:
            if not state.started:
                for item in state.run:
                    self.found.note(self.found.leading, item)
            else:
                for item in state.run[1:]:
                    self.found.note(self.found.middle, item)

    def finish(self, states: set[_State]) -> None:
        for state in states:
            bucket = self.found.trailing if state.started else self.found.leading
            for item in state.run:
                self.found.note(bucket, item)

    def body(self, items: list[nodes.Node], states: set[_State]) -> set[_State]:
        for item in items:
            states = self.item(item, states)
        return states

    def item(self, node: nodes.Node, states: set[_State]) -> set[_State]:
        if isinstance(node, nodes.Text):
            return self.text(node, states)
        if isinstance(node, (nodes.Inline, nodes.Personalization, nodes.MsgPersonalization)):
            self.visible(states)
            return {_State(True)}
        if isinstance(node, nodes.If):
            return self.branches(node, states)
        if isinstance(node, nodes.For):
            return self.loop(node, states)
        if isinstance(node, nodes.ExprStatement):
            return self.statement(node, states)
        return states

    def text(self, node: nodes.Text, states: set[_State]) -> set[_State]:
        value = node.value
        stripped = value.strip(_WHITESPACE)
        if not stripped:
            if not _has_break(value):
                return states
            return {state.add(_Break(node, ALL)) for state in states}
        lead = value[: len(value) - len(value.lstrip(_WHITESPACE))]
        trail = value[len(value.rstrip(_WHITESPACE)) :]
        if _has_break(lead):
            states = {state.add(_Break(node, LEAD)) for state in states}
        self.visible(states)
        return {_State(True, (_Break(node, TRAIL),) if _has_break(trail) else ())}

    def branches(self, node: nodes.If, states: set[_State]) -> set[_State]:
        result: set[_State] = set()
        for branch in node.branches:
            result |= self.body(branch.body, states)
        if node.else_body is None:
            result |= states
        else:
            result |= self.body(node.else_body, states)
        return result

    def loop(self, node: nodes.For, states: set[_State]) -> set[_State]:
        # The body runs zero or more times (at least once when both bounds
        # are literals in order): iterate until the set of states stops growing.
        current = self.body(node.body, states) if _runs_at_least_once(node) else set(states)
        while True:
            grown = current | self.body(node.body, current)
            if grown == current:
                return current
            current = grown

    def statement(self, node: nodes.ExprStatement, states: set[_State]) -> set[_State]:
        call = node.expr
        if not isinstance(call, nodes.Call):
            return states
        function = lookup(call.name)
        if function is None or not function.writes_output:
            return states
        writes_text = any(isinstance(argument, nodes.Call) for argument in call.args)
        ends_line = function.name == "OutputLine"
        if writes_text:
            self.visible(states)
            return {_State(True, (_Break(call, OUTPUT_LINE),) if ends_line else ())}
        if ends_line:
            return {state.add(_Break(call, OUTPUT_LINE)) for state in states}
        return states


def find_line_breaks(context: RuleContext) -> _Findings:
    """Return the misplaced line breaks of a template, computed once for both rules."""
    cached = context.cache.get("line-breaks")
    if cached is None:
        tracker = _Tracker()
        tracker.finish(tracker.body(context.document.body, {_State(False)}))
        cached = context.cache["line-breaks"] = tracker.found
    return cached


class _Delimiters:
    """Look up the block delimiter that ends right before, or starts right after, a text."""

    def __init__(self, context: RuleContext) -> None:
        analysis = context.analysis
        self.analysis = analysis
        self.closer_ending_at: dict[int, nodes.Delimiter] = {}
        self.opener_at: dict[int, nodes.Delimiter] = {}
        for delimiter in context.document.delimiters:
            start = analysis.offset(delimiter.line, delimiter.column)
            if delimiter.value == "%%[" or delimiter.value.lower().startswith("<script"):
                self.opener_at[start] = delimiter
            else:
                self.closer_ending_at[start + len(delimiter.value)] = delimiter

    def before(self, node: nodes.Text) -> nodes.Delimiter | None:
        return self.closer_ending_at.get(self.analysis.offset(node.line, node.column))

    def after(self, node: nodes.Text) -> nodes.Delimiter | None:
        return self.opener_at.get(self.analysis.offset(node.line, node.column) + len(node.value))

    def first_break(self, node: nodes.Text, from_end: bool = False) -> tuple[int, int]:
        """Return the position of the first line break of a text's leading, or trailing, whitespace."""
        value = node.value
        start = len(value.rstrip(_WHITESPACE)) if from_end else 0
        index = min(i for i in (value.find("\n", start), value.find("\r", start)) if i >= 0)
        return self.analysis.position(self.analysis.offset(node.line, node.column) + index)


@register
class MessageEdgeLineBreak(Rule):
    """Report a line break that code blocks put at the start or the end of the message.

    A template that opens with a code block and starts its text on the next
    line sends a blank first line, because the line break after ``]%%`` is
    text. The same happens at the end, before a closing ``%%[ ... ]%%`` or
    with a final line break in the file. The phone shows an empty line, and
    the line break counts toward the SMS length. Put ``]%%`` and the first
    text on one line (and ``%%[`` right after the last text). Editors add a
    final line break by default; switch that off for templates, for example
    with ``insert_final_newline = false`` in an EditorConfig file.

    Fails:

        %%[ SET @name = "Ana" ]%%
        Hi %%=v(@name)=%%

    Passes:

        %%[ SET @name = "Ana" ]%%Hi %%=v(@name)=%%
    """

    code = "WS01"
    name = "message-edge-line-break"
    summary = "A code block's line break puts a blank line at the start or end of the message."
    severity = Severity.WARNING

    def check(self, context):
        found = find_line_breaks(context)
        delimiters = _Delimiters(context)
        for item in found.leading:
            # A line break that ends the message on one path and is all of it
            # on another (no branch ran) is reported once, as the end.
            if item not in found.trailing:
                yield self._leading(context, delimiters, item)
        for item in found.trailing:
            yield self._trailing(context, delimiters, item)

    def _leading(self, context, delimiters: _Delimiters, item: _Break):
        closer = delimiters.before(item.node) if isinstance(item.node, nodes.Text) else None
        if closer is not None:
            return self.report_at(
                context,
                closer,
                f"the line break after {closer.value} starts the message with a blank line",
                f"put {closer.value} and the first text of the message on one line",
            )
        if isinstance(item.node, nodes.Text):
            line, column = delimiters.first_break(item.node)
            return self.report(context, line, column, "the message starts with a line break", "remove it")
        return self.report_at(
            context, item.node, "OutputLine writes a line break before any text of the message", "use Output"
        )

    def _trailing(self, context, delimiters: _Delimiters, item: _Break):
        if item.part == OUTPUT_LINE:
            return self.report_at(
                context,
                item.node,
                "OutputLine ends the message with a line break",
                "use Output for the last line",
            )
        opener = delimiters.after(item.node)
        if opener is not None:
            return self.report_at(
                context,
                opener,
                f"the line break before {opener.value} ends the message with a blank line",
                f"put {opener.value} right after the last text of the message",
            )
        line, column = delimiters.first_break(item.node, from_end=item.part == TRAIL)
        return self.report(
            context,
            line,
            column,
            "the message ends with a line break",
            "remove the line break at the end of the file (editors often add one)",
        )


@register
class CodeLineBlankLine(Rule):
    """Report a line between two lines of text that renders as an empty line because it contains only code.

    The line break before ``%%[`` and the one after ``]%%`` are both text,
    so a line with only a code block on it leaves an empty line in the
    message. So does a line whose only text sits in an IF branch that does
    not run. Put ``]%%`` and the next text on one line, or join the block
    to the end of the line above.

    Fails:

        Hi Ana,
        %%[ SET @code = "X42" ]%%
        your code is %%=v(@code)=%%.

    Passes:

        Hi Ana,%%[ SET @code = "X42" ]%%
        your code is %%=v(@code)=%%.
    """

    code = "WS02"
    name = "code-line-blank-line"
    summary = "A line holding only code between text lines renders as an empty line."
    severity = Severity.WARNING

    def check(self, context):
        found = find_line_breaks(context)
        delimiters = _Delimiters(context)
        for item in found.middle:
            closer = delimiters.before(item.node) if isinstance(item.node, nodes.Text) else None
            if closer is not None:
                yield self.report_at(
                    context,
                    closer,
                    "the message gets an empty line here when nothing on this line is written",
                    f"put {closer.value} and the next text on one line",
                )
            elif isinstance(item.node, nodes.Text):
                line, column = delimiters.first_break(item.node)
                yield self.report(context, line, column, "code leaves an empty line in the message here", None)
