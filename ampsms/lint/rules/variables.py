"""Variables: reads of variables that are never set, values that are never read, and FOR counters."""

from __future__ import annotations

import difflib

from ... import nodes
from ..diagnostics import Severity
from .base import Rule, register

# Assignments that give a variable a value; VAR only declares it as null.
_VALUE_KINDS = ("set", "for", "output")


@register
class UndefinedVariable(Rule):
    """Report a variable that is read but never given a value anywhere in the template.

    Reading an unset variable is not an error in AMPscript: it reads as
    empty, so a misspelt name silently prints nothing. A variable counts as
    set by SET, by a FOR loop that uses it as its counter, and by an output
    argument such as HttpGet's @status; VAR alone only declares it as null.
    The first read of each such variable is reported.

    Fails:

        %%[ SET @firstName = "Ana" ]%%Hi %%=v(@fristName)=%%

    Passes:

        %%[ SET @firstName = "Ana" ]%%Hi %%=v(@firstName)=%%
    """

    code = "VR01"
    name = "undefined-variable"
    summary = "A variable is read but nothing in the template sets it."
    severity = Severity.WARNING

    def check(self, context):
        analysis = context.analysis
        valued = {name for name, items in analysis.assignments.items() if any(a.kind in _VALUE_KINDS for a in items)}
        for name, reads in analysis.reads.items():
            if name in valued:
                continue
            first = reads[0]
            shown = first.spelling if first.spelling.startswith("@") else "@" + first.spelling
            close = difflib.get_close_matches(name, sorted(valued), n=1, cutoff=0.8)
            if close:
                hint = f"did you mean @{close[0]}, which is set?"
            else:
                hint = f"give it a value with SET {shown} = ... before reading it"
            if name in analysis.assignments:
                message = f"{shown} is declared with VAR but never set, so it is always empty"
            else:
                message = f"{shown} is read but never set, so it is always empty"
            yield self.report_at(context, first, message, hint)


@register
class UnusedVariable(Rule):
    """Report a variable that gets a value but is never read.

    The value is computed and thrown away, which usually means a typo in a
    later read or a fallback that was never written: an HttpGet @status that
    is never checked sends the reply text even when the request failed. FOR
    counters are exempt, since a loop may only repeat. The first assignment
    is reported.

    Fails:

        %%[ SET @body = HttpGet("https://example.com/a", true, 0, @status) ]%%%%=v(@body)=%%

    Passes:

        %%[ SET @body = HttpGet("https://example.com/a", true, 0, @status)
        IF @status != 0 THEN SET @body = "Try again later." ENDIF ]%%%%=v(@body)=%%
    """

    code = "VR02"
    name = "unused-variable"
    summary = "A variable is set or declared but never read."
    severity = Severity.WARNING

    def check(self, context):
        analysis = context.analysis
        for name, assignments in analysis.assignments.items():
            if name in analysis.reads or any(a.kind == "for" for a in assignments):
                continue
            valued = [a for a in assignments if a.kind in _VALUE_KINDS]
            if not valued:
                first = assignments[0]
                yield self.report(
                    context, first.line, first.column, f"@{name} is declared but never used", "remove it from the VAR list"
                )
                continue
            first = valued[0]
            if first.kind == "output":
                message = f"@{name} receives a result from {first.statement.name} but is never read"
                hint = f"check it, as in IF @{name} != 0 THEN ... ENDIF, or leave the argument out"
            else:
                message = f"@{name} is set but never read"
                close = difflib.get_close_matches(name, sorted(analysis.reads), n=1, cutoff=0.8)
                hint = f"did you mean @{close[0]}, which is read?" if close else "remove the SET, or use the value"
            yield self.report(context, first.line, first.column, message, hint)


@register
class VarOfLoopCounter(Rule):
    """Report VAR of a variable that a FOR loop uses as its counter.

    Salesforce's documentation says that declaring a FOR counter with VAR
    causes a validation or runtime error. A FOR loop needs no declaration.

    Fails:

        %%[ VAR @i FOR @i = 1 TO 3 DO Output(V(@i)) NEXT @i ]%%

    Passes:

        %%[ FOR @i = 1 TO 3 DO Output(V(@i)) NEXT @i ]%%
    """

    code = "VR03"
    name = "var-of-loop-counter"
    summary = "VAR declares a variable that is a FOR loop counter."
    severity = Severity.ERROR

    def check(self, context):
        analysis = context.analysis
        counters = {loop.name for loop in analysis.for_loops}
        for name, assignments in analysis.assignments.items():
            if name not in counters:
                continue
            for assignment in assignments:
                if assignment.kind == "var":
                    yield self.report(
                        context,
                        assignment.line,
                        assignment.column,
                        f"@{name} is a FOR loop counter and must not be declared with VAR",
                        f"remove @{name} from the VAR list; FOR declares its counter",
                    )


@register
class LoopCounterAssignment(Rule):
    """Report an assignment to a FOR counter inside its own loop.

    Marketing Cloud does not document what the assignment does to the loop.
    ampsms evaluates the bounds once and sets the counter at the start of
    every pass, so the assignment lasts until the next pass only. Copy the
    counter into a variable of your own instead.

    Fails:

        %%[ FOR @i = 1 TO 3 DO SET @i = Add(@i, 1) Output(V(@i)) NEXT @i ]%%

    Passes:

        %%[ FOR @i = 1 TO 3 DO SET @n = Add(@i, 1) Output(V(@n)) NEXT @i ]%%
    """

    code = "VR04"
    name = "loop-counter-assignment"
    summary = "A FOR loop's body assigns to the loop's own counter."
    severity = Severity.WARNING

    def check(self, context):
        analysis = context.analysis
        for name, assignments in analysis.assignments.items():
            for assignment in assignments:
                if assignment.kind not in ("set", "output"):
                    continue
                node = assignment.statement
                loop = next(
                    (a for a in analysis.ancestors(node) if isinstance(a, nodes.For) and a.name == name and node is not a),
                    None,
                )
                if loop is None or _in_bounds(node, loop, analysis):
                    continue
                yield self.report(
                    context,
                    assignment.line,
                    assignment.column,
                    f"@{name} is the counter of the FOR loop at line {loop.line} and is assigned inside it",
                    "copy the counter into another variable and change that one",
                )


def _in_bounds(node: nodes.Node, loop: nodes.For, analysis) -> bool:
    """Tell whether node sits in the loop's start or end expression rather than its body."""
    for ancestor in (node, *analysis.ancestors(node)):
        parent = analysis.parent(ancestor)
        if parent is loop:
            return ancestor is loop.start or ancestor is loop.end
    return False
